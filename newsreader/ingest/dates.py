"""Calendar dates written out in article text and in metadata fields, as ISO 8601 strings.

A `PartialDate` keeps exactly what the text says: "January 14" has no year and stays `--01-14`;
"May 2018" has no day and stays `2018-05`. Nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

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
# "20200114", "20200114T100000Z", "202001141000": ISO 8601's basic format, the time too
BASIC = re.compile(r"(?P<year>\d{4})(?P<month>\d\d)(?P<day>\d\d)(?=T\d|(?:[01]\d|2[0-3])(?:[0-5]\d){0,2}$|$)")
# "14.01.2020", "14/01/2020", "01/14/2020 10:00": the day first after a dot, else whichever the numbers allow
DAY_MONTH_NUMERIC = re.compile(r"(?P<first>\d{1,2})(?P<mark>[./-])(?P<second>\d{1,2})(?P=mark)(?P<year>\d{4})\b")
UNIX_TIME = re.compile(r"[0-9]{9,13}")  # a Unix time written as a string, in seconds or milliseconds since 1973
# The year of an RFC 822 date ("Mon, 01 Jan 0001 00:00:00 GMT"): the number after the month's name.
RFC822_YEAR = re.compile(r"[A-Za-z]{3}\w*\.?\s+(-?\d+)\b")
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


# Years a publication date can have: the first printed newspapers to far beyond any real one. Outside
# them stand sentinels ("0001-01-01", Go's and .NET's zero time; "9999-12-31"), which mean "no date".
FIRST_YEAR, LAST_YEAR = 1600, 2999


def _valid(year: int | None, month: int, day: int | None) -> PartialDate | None:
    """The date if it exists on the calendar (29 February counts when the year is unknown) and its
    year is one a publication date can have."""
    if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
        return None
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


# Unix's zero time, which scrapers and feeds write for a date they do not have: in a metadata field, no date,
# whichever day it is in the time zone it was written in (1969-12-31 west of Greenwich).
UNIX_ZERO = (PartialDate(1969, 12, 31), PartialDate(1970, 1, 1))
# A Unix time is in seconds when that names a day of a publication's years, else in milliseconds, but for the
# sentinels written in seconds: a year's first or last second beyond those years (9999-12-31T23:59:59 read as
# milliseconds is a plausible 12 January 1978; 3000-01-01, 0001-01-01).
DAY_SECONDS = 86400
UNIX_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def parse_date_field(value: object) -> PartialDate | None:
    """A date from a metadata field: ISO 8601, RFC 822 (feeds), a Unix time, or words; none for a sentinel."""
    found = _date_field(value)
    return None if found in UNIX_ZERO else found


def _date_field(value: object) -> PartialDate | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value == 0:  # Unix's zero time, whatever day it is in the local time zone
            return None
        if (in_seconds := _unix_day(value)) is not None:
            return in_seconds
        return None if _year_end_sentinel(value) else _unix_day(value, per_second=1000)
    if not isinstance(value, str) or not (text := value.strip()):
        return None
    if match := NUMERIC.match(text):
        return _from_match(match)
    if (match := BASIC.match(text)) and (basic := _from_match(match)):
        return basic  # before a Unix time: "2020011410" is 10 a.m. on 14 January 2020, not a second of 2034
    if YEAR_ONLY.match(text):
        return None  # a bare year says too little to place an article
    if UNIX_TIME.fullmatch(text):
        return _date_field(int(text))
    if match := DAY_MONTH_NUMERIC.match(text):
        return _day_month(int(match["first"]), int(match["second"]), int(match["year"]), day_first=match["mark"] == ".")
    from email.utils import parsedate_to_datetime  # here: 20 ms of import, for feeds' dates only

    try:
        sent = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    else:
        written = RFC822_YEAR.search(text)
        # Email's rule puts a year of two digits in 1969-2068, and so also "0001" (.NET's zero time), "0000" and
        # PHP's "-0001": a year of more digits is the one written.
        year = int(written[1]) if written and len(written[1].lstrip("-")) > 2 else sent.year
        return _valid(year, sent.month, sent.day)
    found = find_date(text)
    return found[0] if found else None


def _day_month(first: int, second: int, year: int, day_first: bool) -> PartialDate | None:
    """A date of numbers only, the day first when so written or when the first cannot be a month, the month
    first when the second cannot be; none when either could be the month ("03/04/2020"): nothing is guessed."""
    if day_first or first > 12:
        return _valid(year, second, first)
    if second > 12:
        return _valid(year, first, second)
    return None


def _unix_day(value: float, per_second: int = 1) -> PartialDate | None:
    """The day (in UTC, as the sentinels are written) of a Unix time in seconds, or in milliseconds with
    `per_second` 1000, if it is one a publication date can have."""
    try:
        moment = datetime.fromtimestamp(value / per_second, UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return _valid(moment.year, moment.month, moment.day)


def _year_end_sentinel(seconds: float) -> bool:
    """Whether a Unix time in seconds is the first or last second of a year no publication has: a "never"
    or "always" of the calendar's ends, not a time in milliseconds."""
    days, second = divmod(seconds, DAY_SECONDS)
    if second not in (0, DAY_SECONDS - 1):
        return False
    ordinal = int(days) + UNIX_EPOCH_ORDINAL
    if ordinal == date.max.toordinal() + 1:
        return True  # 10000-01-01, one day past what `date` holds
    try:
        day = date.fromordinal(ordinal)
    except (OverflowError, ValueError):
        return False
    return not FIRST_YEAR <= day.year <= LAST_YEAR and (day.month, day.day) in ((1, 1), (12, 31))


def years_mentioned(text: str) -> set[int]:
    """Every four-digit year from 1800 to 2099 written in `text`."""
    return {int(m["year"]) for m in YEAR_MENTION.finditer(text)}


def weekday_of(day: PartialDate) -> int | None:
    """Monday=0 … Sunday=6, for a date with a known year and day."""
    if day.year is None or day.day is None:
        return None
    return date(day.year, day.month, day.day).weekday()
