"""Date expressions to TIMEX3-style values, against the article's publication date.

As HeidelTime does for news: a month and day take the publication year, moved by one only when the
sentence's tense says so; a bare weekday is the latest such day up to the publication date unless
the tense is future; "last Tuesday" is strictly before it. When the publication year is unknown the
value says so (`XXXX-01-03`); vague expressions are `PAST_REF`, `PRESENT_REF` or `FUTURE_REF`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from newsreader.ingest.dates import MONTHS, WEEKDAYS, YEAR_NUMBER, PartialDate, find_date

SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "autumn": ("FA", 9), "fall": ("FA", 9), "winter": ("WI", 12)}
NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
FUTURE = re.compile(
    r"\b(?:will|shall|won't|'ll|going to|is due|are due|is to|are to|plans? to|planning to|expected to|"
    r"scheduled|set to|intends? to|upcoming|would be)\b",
    re.IGNORECASE,
)
# Past auxiliaries, regular past tenses, and the irregular ones news writing uses most.
PAST = re.compile(
    r"\b(?:was|were|had|did|ago|since|said|told|fell|rose|went|came|took|made|gave|left|began|won|lost|met|"
    r"saw|held|spoke|became|bought|sold|paid|hit|cut|ran|wrote|knew|thought|found|led|kept|brought|built|"
    r"grew|fought|chose|drove|flew|stood|struck|sent|spent|broke|got|sought|shot|threw|withdrew|fled)\b"
    r"|\b\w{3,}ed\b",
    re.IGNORECASE,
)
RELATIVE = {"last": -1, "previous": -1, "past": -1, "this": 0, "current": 0, "coming": 1, "next": 1, "following": 1}
FULL_YEAR = re.compile(YEAR_NUMBER)


def tense(sentence: str) -> str:
    """ "future", "past" or "present", from the sentence's auxiliaries and past-tense verbs."""
    if FUTURE.search(sentence) and not re.search(r"\b(?:was|were|had)\b", sentence, re.IGNORECASE):
        return "future"
    return "past" if PAST.search(sentence) else "present"


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


HOLIDAYS = ("christmas", "easter", "new year's day")


def _holiday(name: str, year: int) -> date:
    if name == "easter":
        return _easter(year)
    return date(year, 12, 25) if name == "christmas" else date(year, 1, 1)


def _easter(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    lunar = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * lunar) // 451
    return date(year, (h + lunar - 7 * m + 114) // 31, (h + lunar - 7 * m + 114) % 31 + 1)


class Normaliser:
    """Values for one article's date expressions; `reference` is its publication date."""

    def __init__(self, published: str | None) -> None:
        self.year: int | None = None
        self.day: date | None = None
        if published and (m := re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", published)):
            self.year = int(m[1])
            if m[3]:
                self.day = date(self.year, int(m[2]), int(m[3]))
        self.last_year_mentioned: int | None = None

    def value(self, expression: str, sentence: str) -> str | None:
        """The value of one expression, met in this order in the text."""
        text = re.sub(r"^(?:early|mid|late|(?:the )?(?:end|beginning|start|middle) of)[\s-]+", "", expression)
        text = text.strip().rstrip(".")
        lowered = text.lower()
        when = tense(sentence)
        value = (
            self._calendar(text, when)
            or self._relative(lowered)
            or self._ago(lowered)
            or self._named_day(lowered, when)
        )
        if value and re.fullmatch(r"\d{4}.*", value):
            self.last_year_mentioned = int(value[:4])
        return value

    # --- "17th February, 2020", "January 3", "May 2018", "2015", "the 1990s" -------------------------

    def _calendar(self, text: str, when: str) -> str | None:
        if m := re.fullmatch(r"((?:1[89]|20)\d)\ds", text):
            return m[1]  # a decade: "199"
        if FULL_YEAR.fullmatch(text):
            return text
        found = find_date(text)
        if not found:
            month = MONTHS.get(text.lower().rstrip("."))
            return self._month_day(PartialDate(None, month), when) if month else None
        day = found[0]
        if day.year is not None:
            return day.iso()
        return self._month_day(day, when)

    def _month_day(self, day: PartialDate, when: str) -> str:
        """A month, or a month and day, without a year: the publication year, moved by the tense.

        Something that happened cannot be after the publication date, nor what will happen before it.
        """
        if self.year is None:
            return f"XXXX-{day.month:02d}" + (f"-{day.day:02d}" if day.day else "")
        year = self.year
        if self.day:
            reference = (self.day.month, self.day.day)
            if when == "past" and (day.month, day.day or 0) > reference:
                year -= 1
            elif when == "future" and (day.month, day.day or 31) < reference:
                year += 1
        return PartialDate(year, day.month, day.day).iso()

    # --- "last month", "this week", "next year", "last summer", "the previous year" -------------------

    def _relative(self, text: str) -> str | None:
        m = re.fullmatch(
            r"(last|previous|past|this|current|coming|next|following)\s+(?:few\s+|couple of\s+)?(\w+?)s?", text
        )
        if m:
            if re.search(r"\b(?:few|couple)\b", text):
                return "PAST_REF" if m[1] in ("last", "past", "previous") else "FUTURE_REF"
            return self._shifted(m[2], RELATIVE[m[1]], anaphoric=m[1] in ("previous", "following"))
        season = SEASONS.get(text)
        if season and self.year is not None:
            return f"{self.year}-{season[0]}"
        return None

    def _shifted(self, unit: str, delta: int, anaphoric: bool) -> str | None:
        """A unit of time this many steps from the publication date (or from the last year named)."""
        year = self.last_year_mentioned if anaphoric and self.last_year_mentioned else self.year
        if unit in SEASONS:
            return self._season(unit, delta)
        if unit in WEEKDAYS:
            return self._weekday(WEEKDAYS.index(unit), 1 if delta >= 0 else -1, strict=delta != 0)
        month = MONTHS.get(unit)
        if month:  # "last August": the latest August before the publication date
            return self._month_day(PartialDate(None, month), "past" if delta < 0 else "future")
        if year is None:
            return {"year": "XXXX", "decade": "XXX", "century": "XX"}.get(unit, "XXXX-XX")
        if unit == "year":
            return f"{year + delta:04d}"
        if unit == "decade":
            return f"{(year // 10 + delta):03d}"
        if unit == "century":
            return f"{(year // 100 + delta):02d}"
        if self.day is None:
            return None
        if unit == "month":
            y, mth = _shift_month(self.day.year, self.day.month, delta)
            return f"{y:04d}-{mth:02d}"
        if unit in ("week", "weekend"):
            iso = (self.day + timedelta(weeks=delta)).isocalendar()
            return f"{iso[0]:04d}-W{iso[1]:02d}" + ("-WE" if unit == "weekend" else "")
        if unit == "quarter":
            y, mth = _shift_month(self.day.year, self.day.month, 3 * delta)
            return f"{y:04d}-Q{(mth - 1) // 3 + 1}"
        return None

    def _season(self, name: str, delta: int) -> str | None:
        code, first_month = SEASONS[name]
        if self.year is None:
            return f"XXXX-{code}"
        month = self.day.month if self.day else 6
        year = self.year
        if delta < 0:
            year -= 0 if month > first_month + 2 else 1  # "last summer": the latest that has ended
        elif delta > 0:
            year += 0 if month < first_month else 1
        return f"{year}-{code}"

    # --- "four years ago", "a year ago" -----------------------------------------------------------------

    def _ago(self, text: str) -> str | None:
        m = re.fullmatch(
            r"(a few|a couple of|several|\w+|\d+)\s+(day|week|month|year|decade)s?\s+(ago|earlier|later)", text
        )
        if not m:
            return None
        count = NUMBERS.get(m[1]) or (int(m[1]) if m[1].isdigit() else None)
        if count is None or m[3] != "ago":
            return "PAST_REF" if m[3] in ("ago", "earlier") else "FUTURE_REF"
        if m[2] == "year":
            return f"{self.year - count:04d}" if self.year else "XXXX"
        if self.day is None:
            return "PAST_REF"
        if m[2] == "month":
            y, mth = _shift_month(self.day.year, self.day.month, -count)
            return f"{y:04d}-{mth:02d}"
        if m[2] == "decade":
            return f"{(self.day.year - 10 * count) // 10:03d}"
        days = count * (7 if m[2] == "week" else 1)
        return (self.day - timedelta(days=days)).isoformat()

    # --- "Tuesday", "today", "Christmas" ----------------------------------------------------------------

    def _named_day(self, text: str, when: str) -> str | None:
        if text in WEEKDAYS:
            return self._weekday(WEEKDAYS.index(text), 1 if when == "future" else -1, strict=False)
        offsets = {"today": 0, "yesterday": -1, "tomorrow": 1}
        if text in offsets:
            return (self.day + timedelta(days=offsets[text])).isoformat() if self.day else "PRESENT_REF"
        if text not in HOLIDAYS:
            return None
        if self.year is None:
            return None
        year = self.year
        if self.day and when != "future" and _holiday(text, year) > self.day:
            year -= 1
        elif self.day and when == "future" and _holiday(text, year) < self.day:
            year += 1
        return _holiday(text, year).isoformat()

    def _weekday(self, weekday: int, direction: int, strict: bool) -> str:
        """The closest such day before (direction -1) or after (+1) the publication date."""
        if self.day is None:
            return f"XXXX-WXX-{weekday + 1}"
        step = 1 if direction > 0 else -1
        day = self.day + timedelta(days=step) if strict else self.day
        while day.weekday() != weekday:
            day += timedelta(days=step)
        return day.isoformat()


SENTENCE_OR_LINE_BREAK = re.compile(r"[.!?][\"'”’)]*\s|\n")


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of the sentence around text[start:end] (looking back at most 1,000 characters)."""
    for back in (200, 1000):  # most sentences begin within 200 characters: look there first
        window_start = max(0, start - back)
        breaks = [m.end() for m in SENTENCE_OR_LINE_BREAK.finditer(text, window_start, start)]
        if breaks or window_start == 0:
            break
    after = SENTENCE_OR_LINE_BREAK.search(text, end)
    return (breaks[-1] if breaks else window_start), (after.start() + 1 if after else len(text))
