"""TIMEX3 values as a reader writes them: "3 Jan 2020", "Q3 1998", "every Monday", "three years", "now".

Widgets show what these functions give; they never read a value themselves. The seasons' names and codes
are kept here, where the list's rows need them, and the date rules take them from here: importing those
rules compiles dozens of patterns, which a reader's first frame should not wait for.
"""

from __future__ import annotations

import re

# A season's name → its TIMEX code and first month (the northern hemisphere's).
SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "autumn": ("FA", 9), "fall": ("FA", 9), "winter": ("WI", 12)}
# A season's TIMEX code → its name: the first of its names ("autumn", not "fall"; reversed, the first is written last).
SEASON_NAMES = {code: name for name, (code, _) in reversed(SEASONS.items())}
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
FULL_MONTHS = "January February March April May June July August September October November December".split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
PARTS_OF_DAY = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
REFERENCES = {"PRESENT_REF": "now", "PAST_REF": "the past", "FUTURE_REF": "the future"}
NUMBER_WORDS = "zero one two three four five six seven eight nine".split()  # then figures, as news style has it
ORDINAL_WORDS = "first second third fourth".split()
UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day", "Q": "quarter", "H": "hour", "TM": "minute", "S": "second"}
EVERY = {"P1Y": "every year", "P1M": "every month", "P1W": "every week", "P1D": "every day", "PT1H": "every hour"}
EVERY |= {"P3M": "every quarter", "P1Q": "every quarter"}

DATE = re.compile(
    r"(?P<year>\d{4}|XXXX)(?:-(?P<month>\d\d|XX)(?:-(?P<day>\d\d|XX))?|-W(?P<week>\d\d|XX)(?:-(?P<weekday>\d)"
    r"|-(?P<weekend>WE))?|-(?P<season>SP|SU|FA|WI)|-Q(?P<quarter>\d|X)|-H(?P<half>\d))?"
    r"(?:T(?P<time>\d\d(?::\d\d)?|MO|AF|EV|NI|DT))?"
)
DURATION = re.compile(r"P(?:(?P<count>\d+|X)(?P<unit>[YMWDQ])|T(?P<time_count>\d+|X)(?P<time_unit>[HMS]))")
# "P2Y6M", "PT5H30M", "P2DT12H", "P1.5M": so many and a half
HALVES = re.compile(
    r"PT?(?P<count>\d+)(?:(?P<unit>Y)6M|(?P<day>D)T12H|(?P<hour>H)30M|(?P<minute>M)30S|\.5(?P<other>[YMWDQ]))"
)
HALF_UNITS = {"Y": "year", "D": "day", "H": "hour", "M": "minute"}


def as_written(value: str | None, kind: str = "DATE") -> str:
    """How a reader writes a TIMEX3 value of this type (DATE, TIME, DURATION or SET); "" for a value
    of no known shape."""
    if not value:
        return ""
    if value in REFERENCES:
        return REFERENCES[value]
    if value.startswith("--"):  # ISO 8601's day of no known year ("--01-14"), as publication dates give it
        value = "XXXX" + value[1:]
    if kind == "SET":
        return _every(value)
    if m := DURATION.fullmatch(value):
        return _amount(m)
    if m := HALVES.fullmatch(value):
        number = int(m["count"])
        unit = UNITS[m["other"]] if m["other"] else HALF_UNITS[m["unit"] or m["day"] or m["hour"] or m["minute"]]
        return f"{NUMBER_WORDS[number] if number < len(NUMBER_WORDS) else number} and a half {unit}s"
    if m := re.fullmatch(r"([\dX]{2})([\dX])?", value):  # a century, "19"; a decade, "199"; "XXX" unknown
        if "X" in value:
            return "a decade not given" if m[2] else "a century not given"
        return f"the {m[1]}{m[2]}0s" if m[2] else f"the {_ordinal(int(m[1]) + 1)} century"
    if m := DATE.fullmatch(value):
        return _date(m)
    return ""  # a value of no shape known here: the text as written is shown, never a code


def _every(value: str) -> str:
    if value in EVERY:
        return EVERY[value]
    if m := DATE.fullmatch(value):
        return "every " + _date(m).removeprefix("a ").removeprefix("the ")
    if "X" in value and (m := DURATION.fullmatch(value)):
        return "every few " + _amount(m)  # "every few weeks"
    written = as_written(value, "DURATION")
    return f"every {written}" if written else ""


def _amount(m: re.Match[str]) -> str:
    """ "three years", "two hours", "some months"."""
    count = m["count"] or m["time_count"]
    unit = UNITS["T" + m["time_unit"] if m["time_unit"] == "M" else m["time_unit"]] if m["time_unit"] else None
    unit = unit or UNITS[m["unit"]]
    if count == "X":
        return f"{unit}s"
    number = int(count)
    if unit == "year" and number % 10 == 0 and number >= 10:
        unit, number = ("century", number // 100) if number % 100 == 0 else ("decade", number // 10)
    if number == 1:
        return f"{'an' if unit == 'hour' else 'a'} {unit}"
    words = NUMBER_WORDS[number] if number < len(NUMBER_WORDS) else str(number)
    return f"{words} {'centuries' if unit == 'century' else unit + 's'}"


def _date(m: re.Match[str]) -> str:
    """ "3 Jan 2020", "Jan 2020", "Q3 1998", "summer 2019", "week 8 of 2020", "Tuesday night", "3 Jan"."""
    year = "" if m["year"] == "XXXX" else m["year"]
    month = int(m["month"]) if m["month"] and m["month"] != "XX" else None
    if m["weekday"]:
        text = WEEKDAYS[int(m["weekday"]) - 1] + ("" if m["week"] == "XX" else f" of week {int(m['week'])}, {year}")
    elif m["weekend"]:
        text = "a weekend" if m["week"] == "XX" else f"the weekend of week {int(m['week'])}, {year}"
    elif m["week"]:
        text = "a week" if m["week"] == "XX" else f"week {int(m['week'])} of {year}"
    elif m["season"]:
        text = f"{SEASON_NAMES[m['season']]} {year}"
    elif m["quarter"] == "X":
        text = f"a quarter {year and 'of ' + year}"
    elif m["quarter"]:  # "Q3 1998"; of no known year, as a reader writes it: "the third quarter", never "Q3"
        text = f"Q{m['quarter']} {year}" if year else f"the {ORDINAL_WORDS[int(m['quarter']) - 1]} quarter"
    elif m["half"]:
        half = ORDINAL_WORDS[int(m["half"]) - 1]
        text = f"{half} half of {year}" if year else f"the {half} half"
    elif month and m["day"] and m["day"] != "XX":
        text = f"{int(m['day'])} {MONTHS[month - 1]} {year}"
    elif month:
        text = f"{MONTHS[month - 1]} {year}" if year else FULL_MONTHS[month - 1]
    elif m["time"]:
        text = year and f"a day in {year}"
    else:
        text = year or "a year not given"
    text = text.strip()
    if not m["time"]:
        return text
    part = PARTS_OF_DAY.get(m["time"])
    if part:
        return part if not text else f"{text} {part}" if text in WEEKDAYS else f"{text}, {part}"
    clock = m["time"] if ":" in m["time"] else m["time"] + ":00"
    clock = "midnight" if clock == "24:00" else clock  # TIMEX3's end of a day ("midnight Friday")
    return f"{text}, {clock}" if text else clock


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
