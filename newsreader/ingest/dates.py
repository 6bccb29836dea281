"""Calendar dates written out in article text and in metadata fields, as ISO 8601 strings.

A `PartialDate` keeps exactly what the text says: "January 14" has no year and stays `--01-14`;
"May 2018" has no day and stays `2018-05`. Nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
WEEKDAY = r"(?:(?P<weekday>" + "|".join(WEEKDAYS) + r"),?\s+)?"

# "January 14", "Jan. 14, 2020", "Tuesday, January 14 2020"
MONTH_DAY = re.compile(WEEKDAY + MONTH + r"\s+" + DAY + r"\b(?:,?\s+" + YEAR + r")?", re.I)
# "14 January", "17th February, 2020", "Tuesday 14 Jan 2020"
DAY_MONTH = re.compile(WEEKDAY + DAY + r"\s+(?:of\s+)?" + MONTH + r"\b(?:,?\s+" + YEAR + r")?", re.I)
# "May 2018"
MONTH_YEAR = re.compile(MONTH + r",?\s+" + YEAR + r"\b", re.I)
# "2020-01-14", "2020-01-14T10:00:00Z", "2020/01/14"
NUMERIC = re.compile(r"(?P<year>\d{4})[-/](?P<month>\d{1,2})[-/](?P<day>\d{1,2})")
YEAR_ONLY = re.compile(r"^" + YEAR + r"$")
YEAR_MENTION = re.compile(r"\b" + YEAR + r"\b")


@dataclass(frozen=True)
class PartialDate:
    """A calendar date of which the year or the day may be unknown."""

    year: int | None
    month: int
    day: int | None = None

    def iso(self) -> str:
        """ISO 8601, with `--MM-DD` for a date whose year is unknown."""
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def with_year(self, year: int) -> PartialDate:
        return PartialDate(year, self.month, self.day)


def _valid(year: int | None, month: int, day: int | None) -> PartialDate | None:
    """The date if it exists on the calendar (29 February counts when the year is unknown)."""
    try:
        date(year or 2000, month, day or 1)
    except ValueError:
        return None
    return PartialDate(year, month, day)


def _from_match(match: re.Match[str]) -> PartialDate | None:
    groups = match.groupdict()
    month_text = groups["month"]
    month = int(month_text) if month_text.isdigit() else MONTHS[month_text.lower().rstrip(".")]
    year = int(groups["year"]) if groups.get("year") else None
    day = int(groups["day"]) if groups.get("day") else None
    return _valid(year, month, day)


def find_date(text: str) -> tuple[PartialDate, re.Match[str]] | None:
    """The first date written in words in `text` ("17th February, 2020", "Jan. 14"), with its match."""
    found = [m for pattern in (MONTH_DAY, DAY_MONTH, MONTH_YEAR) if (m := pattern.search(text))]
    for match in sorted(found, key=lambda m: (m.start(), -len(m.group()))):
        if (value := _from_match(match)) is not None:
            return value, match
    return None


def parse_date_field(value: object) -> PartialDate | None:
    """A date from a metadata field: ISO 8601, RFC 822 (feeds), a Unix time, or words."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            moment = datetime.fromtimestamp(value / 1000 if value > 1e11 else value)
        except (OverflowError, OSError, ValueError):
            return None
        return PartialDate(moment.year, moment.month, moment.day)
    if not isinstance(value, str) or not (text := value.strip()):
        return None
    if match := NUMERIC.match(text):
        return _valid(int(match["year"]), int(match["month"]), int(match["day"]))
    if YEAR_ONLY.match(text):
        return None  # a bare year says too little to place an article
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        moment = None
    if moment is not None:
        return PartialDate(moment.year, moment.month, moment.day)
    found = find_date(text)
    return found[0] if found else None


def years_mentioned(text: str) -> set[int]:
    """Every four-digit year from 1800 to 2099 written in `text`."""
    return {int(m["year"]) for m in YEAR_MENTION.finditer(text)}


def weekday_of(day: PartialDate) -> int | None:
    """Monday=0 … Sunday=6, for a date with a known year and day."""
    if day.year is None or day.day is None:
        return None
    return date(day.year, day.month, day.day).weekday()


# --- Date expressions in running text (TimeML-style DATE mentions) ---------------------------------

MONTH_NAMES = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
)
WEEKDAY_NAMES = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
SEASONS = r"(?:spring|summer|autumn|fall|winter)"
UNITS = r"(?:day|week|weekend|fortnight|month|year|decade|century|quarter)"
# "last week", but not "the last day of the season": a day is only ever counted ("two days ago").
RELATIVE_UNITS = r"(?:week|weekend|fortnight|month|year|decade|century|quarter)"
ORDINAL_DAY = r"[0-3]?\d(?:st|nd|rd|th)?"
YEAR_NUMBER = r"(?:1[89]\d\d|20\d\d)(?!\d|%|\s*(?:per|percent|m\b|km|kg|GMT|BST|hours|people|votes|units|pence|points))"
MODIFIER = (
    r"(?:(?:early|mid|late|the end of|end of|the beginning of|beginning of|the start of|start of"
    r"|the middle of|middle of)[\s-]+)?"
)
RELATIVE = r"(?:last|next|this|previous|current|coming|past|following)"
NUMBER_WORDS = r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|a couple of|several|\d+)"

DATE_EXPRESSION = re.compile(
    r"(?<![\w-])(?:"
    # "17th February, 2020", "14 January 2020", "19 October"
    + MODIFIER
    + ORDINAL_DAY
    + r"\s+(?:of\s+)?"
    + MONTH_NAMES
    + r"(?:,?\s+"
    + YEAR_NUMBER
    + r")?"
    # "January 14, 2020", "January 3", "May 2018", "late 2007", "end of February"
    + r"|"
    + MODIFIER
    + MONTH_NAMES
    + r"(?:\s+"
    + ORDINAL_DAY
    + r"(?![\d,.]*\d)(?:,?\s+"
    + YEAR_NUMBER
    + r")?|,?\s+"
    + YEAR_NUMBER
    + r")?"
    + r"|"
    + MODIFIER
    + YEAR_NUMBER
    + r"s?"
    # "last month", "this summer", "the next decade", "last few months", "last Tuesday", "last August"
    + r"|"
    + RELATIVE
    + r"\s+(?:few\s+|couple of\s+)?(?:"
    + RELATIVE_UNITS
    + r"s?|"
    + SEASONS
    + r"|"
    + WEEKDAY_NAMES
    + r"|"
    + MONTH_NAMES
    + r")"
    # "four years ago", "a year ago", "a few years ago"
    + r"|"
    + NUMBER_WORDS
    + r"\s+"
    + UNITS
    + r"s?\s+(?:ago|earlier|later)"
    + r"|"
    + WEEKDAY_NAMES
    + r"|today|yesterday|tomorrow|Christmas|Easter|New Year's Day"
    + r"|(?<=\b[Tt]he\s)"
    + SEASONS
    + r"|(?<=\bthe\s)"
    + SEASONS
    + r")(?![\w-])"
)
# A month name alone is a date only after words like these ("in June", "from June to December").
MONTH_CONTEXT = re.compile(
    r"(?:\b(?:in|since|until|till|by|from|to|during|of|before|after|and|the|last|next|this|early|late|mid|end|or|between|through|on)\s+|-)$",
    re.I,
)
TITLE_OF = re.compile(r"[A-Z]\w+ of\s+$")
NAME_BEFORE = re.compile(r"[A-Z][\w.-]*\s+$")
MONTH_ALONE = re.compile(
    r"^(?:the\s+|end of\s+|beginning of\s+|start of\s+|middle of\s+|early\s+|mid\s+|late\s+)?" + MONTH_NAMES + r"$"
)


def find_date_expressions(text: str) -> list[tuple[str, int, int]]:
    """Every date expression in `text`, as (text, start, end), without a leading "the"."""
    found = []
    for match in DATE_EXPRESSION.finditer(text):
        start, end = match.span()
        expression = match.group()
        if expression.startswith("the "):
            start, expression = start + 4, expression[4:]
        before = text[max(0, start - 30) : start]
        if MONTH_ALONE.match(expression) and (not MONTH_CONTEXT.search(before) or TITLE_OF.search(before)):
            continue  # "May" the verb, "March" the walk, "The Darling Buds of May"
        if expression[:1].isdigit() and (
            (NAME_BEFORE.search(before) and not re.search(MONTH_NAMES + r"\s+$", before))
            or re.search(r"[£$€#]\s*$|No\.?\s+$", before)
        ):
            continue  # "Euro 2004", "Resolution 2231", "£2004"
        if expression in ("summer", "winter", "spring", "autumn", "fall") and not before.endswith(("the ", "The ")):
            continue
        found.append((expression, start, end))
    return found
