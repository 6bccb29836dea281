"""Time expressions to TIMEX3 types and values, against the article's publication date.

As HeidelTime does for news: a month and day take the year that puts them where the tense of their
clause says (before the publication date if past, after it if future, else the closest); a bare
weekday is the latest such day up to the publication date unless the tense is future; "last Tuesday"
is strictly before it; "a year earlier" moves the date last named. When the publication year is
unknown the value says so (`XXXX-01-03`); vague expressions are `PAST_REF`, `PRESENT_REF` or
`FUTURE_REF`; durations are `P3Y`, `PT2H`, `PXY`; times of day `2013-03-22T15:00`, `…TMO`.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from newsreader.analysis.date_expressions import (
    APPROXIMATELY,
    COUNTED_DAY,
    DELIVERY_MONTH,
    MONTH_NAMES,
    PHRASE_END,
    SPELLED_YEAR_AT_END,
    YEAR_NUMBER,
    find_date_expressions,
)
from newsreader.analysis.date_words import SEASONS
from newsreader.ingest.dates import MONTHS, WEEKDAYS, PartialDate, find_date

SMALL_NUMBERS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen"
).split()
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
NUMBERS = {
    **{word: number for number, word in enumerate(SMALL_NUMBERS)},
    **TENS,
    "a": 1,
    "an": 1,
    "a couple of": 2,
    "a dozen": 12,
    "a hundred": 100,
    "one hundred": 100,
}
# The words that say when, read a word at a time (word lists in regular expressions are slow):
# future auxiliaries and intentions, past auxiliaries, regular past tenses and the irregular ones news
# writing uses most. Who said something says nothing of when it happened ("said it will close on
# Dec. 7"), nor does what is done to something ("documents are brought in by Thursday").
WORD_TOKEN = re.compile(r"[a-zA-Z']+|\d[\d.,]*")
TO_WORD = re.compile(r"(?<![a-zA-Z'])[tT][oO](?![a-zA-Z'])")  # "to" as WORD_TOKEN finds it, in any case
FUTURE_WORDS = frozenset("will shall won't upcoming would may might should next scheduled".split())
# "would have", "should have" are past; "next to" is a place.
NOT_FUTURE = frozenset((("next", "to"), ("would", "have"), ("should", "have"), ("might", "have"), ("may", "have")))
DETERMINERS = frozenset("the a an its their his her our this that these those".split())
# After "to", these are not verbs: "shot to death", "taken to court", "came to power".
NOT_A_VERB = DETERMINERS | frozenset("him them me us you it my your death court power office prison jail".split())
FUTURE_PAIRS = frozenset(
    tuple(pair.split())
    for pair in (
        "going to, is due, are due, is to, are to, set to, plan to, plans to, planned to, planning to, intend to, "
        "intends to, intended to, intending to, expect to, expects to, expected to, likely to, is expected, "
        "are expected, hope to, hopes to, hoping to, aim to, aims to, aiming to, set for"
    ).split(", ")
)
FUTURE_CUES = FUTURE_WORDS | {first for first, _ in FUTURE_PAIRS}
# A hope or an aim told in the past is of its time ("were hoping to reach them on Thursday, but"): unlike
# a plan ("were planning to drive"), it says nothing of what is still to come.
HOPES = frozenset("hope hopes hoping aim aims aiming".split())
# The pasts after "last" are simple pasts only: a past that is also the participle ("heard", "laid", "stuck")
# opens as many clauses of the present ("the appeal, heard by three judges, resumes in March").
PAST_WORDS = frozenset(
    """was were had did ago since fell rose went came took made gave left began won lost met saw held spoke became
    bought sold paid hit cut ran wrote knew thought found led kept brought built grew fought chose drove flew stood
    struck sent spent broke got sought shot threw withdrew fled last ate awoke blew drank drew forbade forgave forgot
    froze hid mistook overcame oversaw overthrew overtook rang rode sang sank shook sprang stole strode swam swore
    tore undertook underwent wore arose overran shrank strove outgrew foresaw befell died sued owed tied vied""".split()
)
WHEN_WORDS = FUTURE_CUES | PAST_WORDS | {"was", "were", "had"}  # with the words in -ed and -'ll, those that say when
# Words in -ed that are no past verb ("indeed", "at high speed", "a hundred"); "last" after "his" or "the" is final.
NOT_ED = frozenset("indeed speed succeed exceed proceed breed bleed greed hundred hatred naked wicked sacred".split())
REPORTING_WORDS = frozenset(
    "said told reported announced added stated noted explained claimed insisted argued warned confirmed predicted "
    "according".split()
)
BE = frozenset("is are be been being am".split())
# Verbs of the present that say, think or find: the past after their object is its own verb ("says the troops
# retreated", "confirms the deal collapsed").
SAYS_NOW = frozenset(
    """says tells argues insists believes thinks claims fears admits denies suggests confirms acknowledges
    shows reveals reports notes warns explains adds agrees recalls knows hopes hears learns finds means indicates
    proves""".split()
)
# Words in -s before a determiner that are no verb ("afterwards the troops withdrew")
NOT_VERBS_IN_S = frozenset(
    "afterwards towards backwards forwards thus perhaps always sometimes besides whereas".split()
)
# The past forms that are also participles, of those PAST_WORDS holds: a participle may describe a thing
PARTICIPLES = frozenset(
    """held sold paid hit cut bought found led kept brought built fought sent spent sought shot struck left lost won
    made""".split()
)
# What is planned, arranged or invited to comes after the planning, at a time of its own: a date more than
# PLANNED_OBJECT words after such a verb ("planned a rally in the park on Saturday") is the plan's, one right
# after it ("planned on Monday", "invited them on Monday") the verb's.
PLANNING_WORDS = frozenset("planned arranged invited".split())
PLANNED_OBJECT = 2
REPORTING = re.compile(r"\b(?:" + "|".join(REPORTING_WORDS) + r")\b", re.IGNORECASE)
RELATIVE = {
    "last": -1,
    "previous": -1,
    "past": -1,
    "this": 0,
    "current": 0,
    "that": 0,
    "coming": 1,
    "next": 1,
    "following": 1,
}
FULL_YEAR = re.compile(YEAR_NUMBER)
PUBLISHED = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")  # a publication date: "2005", "2005-03", "2005-03-22"
LAST_OR_NEXT_DAY = re.compile(r"(last|next) (.+\d)")  # "last Oct. 23"
# "last month", "the coming few weeks"
RELATIVE_UNIT = re.compile(
    r"(last|previous|past|this|current|coming|next|following|that)\s+(few\s+|couple of\s+)?(\S+)"
)
THE_UNIT = re.compile(r"the (?:full )?(year|month|week|weekend|day|decade|century)")
YEAR_PERIOD = re.compile(r"(?:the )?(\d{4}) period")  # "the 1988 period"
A_YEAR_BEFORE = re.compile(r"\byear[- ](?:earlier|ago)\b|period (?:of |in )?last year$")  # "the year-ago quarter"
DECADE = re.compile(r"((?:1[89]|20)\d)\ds|'(\d)0s")  # "1990s", "'60s"
DECADE_IN_WORDS = re.compile(r"(\w+)ties")  # "sixties"
DIGIT = re.compile(r"\d")
EXTENT = re.compile(r"\b(?:for|over|during|throughout|within)\s+(?:the\s+)?$", re.IGNORECASE)
ALL_THROUGH = re.compile(r"\b(?:for|over|throughout|within)\s+the\s+$", re.IGNORECASE)  # "over the last decade"
DEADLINE = re.compile(r"\b(?:until|till|through|by|to|for|effective|payable|the|a|an)\s+$", re.IGNORECASE)
# "at a May 21 meeting", "in its June letter", "after the March 3 vote": the date of the event the clause's verb was
# done at, in or after, not of one it set; in the past, it is before publication as the verb is.
AT_AN_EVENT = re.compile(r"\b(?:at|in|during|after|from)\s+(?:a|an|the|its|his|her|their|our)\s+$", re.IGNORECASE)
# A word of the clause before such an event that looks ahead: the event is still to come ("could vote at the May 21
# meeting", "talks were scheduled in a May 21 session", "was planning a decision at a May meeting").
LOOKS_AHEAD = re.compile(
    r"\b(?:will|would|could|can|may|might|shall|should|to|due|scheduled|planned|expected)\b|\b(?:is|are|was|were)\s+\w+ing\b",
    re.IGNORECASE,
)
# "talked about the slated visit of the minister in September", "the planned strike in June was called off": an
# event planned before it, whose date a past verb may set ahead as it sets a time limit
PLANNED_EVENT = re.compile(
    r"\b(?:the|a|an|its|his|her|their)\s+(?:planned|scheduled|slated|proposed|upcoming|forthcoming)\s+[a-z]",
    re.IGNORECASE,
)
# "the 12 months to June", "the year to March": the end of a period reported, not a time limit set
ENDED = re.compile(r"\bended\s+$", re.IGNORECASE)
PERIOD_TO = re.compile(r"\b(?:months?|weeks?|years?|quarters?|half|period)\s+(?:to|through|ended)\s+$", re.IGNORECASE)
SEASON_OF_YEAR = re.compile(r"(?:the )?(" + "|".join(SEASONS) + r")(?:,? (?:of )?(\d{4}))?")
END_OF_RANGE = re.compile(r"([0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?")  # "25", "25, 1999" after "April 24-"
LAST_DAY = re.compile(r"(?<!\d)[0-3]?\d(?:st|nd|rd|th)?$")
# After the first day of a range, the month and year written after its last: "April 24-25, 1999", "24-25 April".
RANGE_REST = re.compile(
    r"(?:\s+(?:and|to|or)\s+|\s*[-–]\s*)[0-3]?\d(?:st|nd|rd|th)?((?:\s+(?:of\s+)?"
    + MONTH_NAMES
    + r")?(?:,?\s+"
    + YEAR_NUMBER
    + r")?)"
)
DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
QUARTER_VALUE = re.compile(r"\d{4}-[QH]\d")
# "June last year", "April of that year", "May the following year": a month of the year named, or of the year last named
THAT_YEAR = re.compile(
    r"(.+?),?\s+(?:of\s+)?(this|last|next|that|the same|the following|the next|the previous)\s+year", re.I
)
YEAR_STEPS = {"this": 0, "last": -1, "next": 1, "that": 0, "the same": 0, "the following": 1, "the next": 1}
YEAR_STEPS["the previous"] = -1
PRESENT_WORDS = ("now", "right now", "just now", "currently", "nowadays", "these days", "at the moment", "at present")
REFERENCES = {
    **dict.fromkeys((*PRESENT_WORDS, "current"), "PRESENT_REF"),
    **dict.fromkeys(("recently", "more recently", "lately", "recent", "past"), "PAST_REF"),
    **dict.fromkeys(("future", "near future", "near term", "short term", "long term", "longer term"), "FUTURE_REF"),
}
# Before "one day", a modal or its subject makes it some day to come ("will one day be", "hopes he one day
# flies"), not a day's length ("followed by one day").
SOMEDAY = re.compile(r"\b(?:will|would|could|may|might|can|shall|should|must|he|she|they|we|I)\s+$", re.I)
# Before a weekday ending its phrase: one of its kind, no day of a known week ("born on a Monday", "on a Friday
# afternoon in 1995"); before one that qualifies a noun, the noun's article ("a Sunday night memorial service").
INDEFINITE_ARTICLE = (" a ", " A ")  # no weekday's name begins with a vowel
ANY_WEEKDAY = re.compile(r"XXXX-WXX-[1-7]")  # such a weekday's value: the day of a time of day told after it
LATER = re.compile(r"\s+(?:later|earlier|after|before|ago|from)\b", re.I)  # "they met one day later": how long
# A unit's TIMEX3 letter and how many of it make one of the unit named.
UNIT_CODES = {
    "minute": ("TM", 1),
    "hour": ("TH", 1),
    "day": ("D", 1),
    "week": ("W", 1),
    "fortnight": ("W", 2),
    "month": ("M", 1),
    "quarter": ("Q", 1),
    "year": ("Y", 1),
    "decade": ("Y", 10),
    "century": ("Y", 100),
    "centurie": ("Y", 100),
}
UNITS_WRITTEN = tuple(unit + plural for unit in UNIT_CODES for plural in ("", "s"))
# Half a unit in the next smaller one: "2 1/2 years" is P2Y6M, "5 1/2 hours" PT5H30M.
HALF_UNITS = {"year": "6M", "day": "T12H", "hour": "30M", "minute": "30S"}
# A part of a unit ("half a century", "a quarter of an hour", "three quarters of a year"), and where a part is not
# a whole number of the unit, the first smaller one it is a whole number of: a quarter of an hour is 15 minutes, half
# a week 84 hours.
PARTS = {"half": (1, 2), "quarter of": (1, 4), "three quarters of": (3, 4)}
PART_OF = re.compile(r"(?:a )?(half|quarter of|three quarters of) an?")
SMALLER_UNIT = {"Y": ("M", 12), "Q": ("M", 3), "W": ("D", 7), "D": ("TH", 24), "TH": ("TM", 60)}
# "this week", "last quarter" in an article of no known date: which one, not known
UNKNOWN_UNITS = {"year": "XXXX", "decade": "XXX", "century": "XX", "month": "XXXX-XX", "week": "XXXX-WXX"}
UNKNOWN_UNITS |= {"weekend": "XXXX-WXX-WE", "quarter": "XXXX-QX"}
HALF = re.compile(r"\s+1/2\b|½|\s+and a half\b")
EVERY = {"annually": "P1Y", "yearly": "P1Y", "daily": "P1D", "weekly": "P1W", "monthly": "P1M"}
EVERY |= {"quarterly": "P3M", "hourly": "PT1H"}
TIMES_A = re.compile(r"(?:once|twice|thrice|.+ times) (?:(?:a|an|per|each|every) )?(\w+)")
# What a SET's value does not say, its words do: "twice a week" (P1W), "every other Monday" (XXXX-WXX-1).
HOW_OFTEN_WORDS = re.compile(TIMES_A.pattern + r"|(?:every|each) other [a-z]+day")
# How many days a date ahead of the publication date counts as farther off when its clause is in the
# past and it is a time limit or a date set ("the offer was extended to Nov. 16", "planned for March"):
# one a past verb sets may be still to come, but one many months ahead is more likely last year's.
LIMIT_AHEAD = 150
NEVER = 1000
VAGUE_COUNTS = ("a few", "several", "many", "some", "hundreds of", "thousands of", "dozens of")
# "Tuesday morning", "last night", "mid-afternoon yesterday", "Saturday nights"
PART_OF_DAY = re.compile(
    r"(?:(?:later|earlier) )?(?:(\w+) )?(?:(?:early|late|mid)[\s-]?)?(morning|afternoon|evening|night)(s?)(?: (\w+))?"
)
DAY_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
# "the next day", "the previous evening", "that same day", "the day before": a day from the day last named.
DAY_AROUND = re.compile(
    r"(?:that (?:same )?|the same |the (next|following|previous|preceding) |the (?=day (?:before|after)$))"
    r"(day|morning|afternoon|evening|night)(?: (before|after))?"
)
DAY_BESIDE = re.compile(r"(?i:the day (before|after)) (.+)")  # "the day after Christmas"
UNIT_AROUND = re.compile(r"the (week|month|year) (before|after)")  # "the year before", as "a year earlier"
DAY_STEPS = {"next": 1, "following": 1, "after": 1, "previous": -1, "preceding": -1, "before": -1}
# "at 10 a.m. (1500 GMT) Tuesday", "at 0830 GMT (10:30 local time) on Sunday": the day of a time of day and of the
# same time in another zone in brackets, named after the brackets
DAY_AFTER_BRACKETS = re.compile(
    r"(?:\s*\([^()\n]{1,30}\)|[^()\n]{0,30}\)),?\s+(?:on\s+)?((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|today|yesterday"
    r"|tomorrow|" + MONTH_NAMES + r"\s+[0-3]?\d\b|[0-3]?\d\s+" + MONTH_NAMES + ")"
)
CLOCK = re.compile(
    r"(?:(\d{4}|\d{1,2})(?:[:.](\d\d))?(?:\s*(a\.m\.?|p\.m\.?|am|pm|(?:o'clock\s+)?in\s+the\s+(?:morning|afternoon|"
    r"evening)))?|(noon|midnight|midday))"
    r"(?:\s+(?:GMT|BST|[ECMP][SD]T|ET|local time))?(?:,?\s+(?:on\s+|of\s+)?)?",
    re.IGNORECASE,
)
SPELLED_HOUR = re.compile(r"(?i:(" + "|".join(SMALL_NUMBERS[1:13]) + r")\s+(?:o'clock\s+)?in\s+the\s)")
MODIFIERS = re.compile(
    r"^(?:(?:early|mid|late|earlier|later|sometime|around|pre|post)(?: in)?|(?:the )?(?:end|beginning|start|middle) of)"
    r"[\s-]+",
    re.IGNORECASE,
)
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
DURATION = re.compile(
    r"(?:the\s+)?(?:(?:past|last|next|first|coming|previous|following|latest|final|remaining|additional|"
    r"further|same|full|entire|whole|initial)\s+)?"
    rf"(?:(?:{APPROXIMATELY})\s+)?"
    r"(?P<count>.+?)(?:\s+(?:to|or)\s+.+?)?(?:\s+(?:more|additional|straight|consecutive|full|trading|business|"
    r"working))?[\s-]+(?P<unit>minute|hour|day|week|fortnight|month|quarter|year|decade|century|centurie)s?"
)


# After "the year": twelve months told by their end or start ("the year ended June 30", "the year beginning 1 October",
# "the year to March").
# "over Thursday's closing price", "from Friday's close": a market's close is a figure already recorded
CLOSING = re.compile(r"['’]s\s+(?:close|closing)\b")
TWELVE_MONTHS = re.compile(
    r"\s+(?:end(?:ed|ing)|beginn?ing|start(?:ed|ing)|began|to\s+(?:the\s+end\s+of\s+)?" + MONTH_NAMES + r")\b"
)

# A statement of what happens every year ("each year the river floods in spring", "the pass usually closes in
# winter"): a season or a month named alone in it is no one year's. A word of how often says so only in the present:
# "exports, traditionally the driver, grew slower in January" is of one January.
EVERY_YEAR = re.compile(
    r"\b(?:(?:every|each) (?:year|spring|summer|autumn|fall|winter)|annually|yearly|year after year|most years)\b",
    re.IGNORECASE,
)
EVERY_YEAR_WORDS = ("every ", "each ", "annually", "yearly", "most years")
ONE_YEAR = re.compile(r"\b(?:this|last|next) year\b", re.IGNORECASE)  # "every year ...; this year it is in June"
USUALLY = re.compile(
    r"\b(?:usually|often|always|normally|typically|generally|traditionally|customarily|sometimes|seldom|rarely"
    r"|tends? to)\b",
    re.IGNORECASE,
)

# Only these expressions' values depend on the tense of their clause: the others take no time to read it.
NEEDS_TENSE = re.compile(
    r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\w+day\b|christmas|easter|thanksgiving|halloween|eve\b"
    r"|quarter|half|weekend|year.{1,3}end|spring|summer|autumn|fall|winter)"
)


def tense(sentence: str) -> str:
    """ "future", "past" or "present", from the auxiliaries and past-tense verbs (not "said")."""
    future, past = _says_when(sentence)
    return future or past or "present"


def _says_when(text: str, regular: bool = True) -> tuple[str | None, str | None]:
    """("future" or None, "past" or None): what the words of `text` say of when; without `regular`, a word
    in -ed is taken for a verb only before its object or at the end ("the preferred stock" has none)."""
    words = WORD_TOKEN.findall(text.lower())
    if not REPORTING_WORDS.isdisjoint(words):  # most texts hold none: no list is made without them
        words = [w for w in words if w not in REPORTING_WORDS]
    if "may" in words and "May" in text:  # "may" is a modal, "May" a month
        words = [w if w == "May" else w.lower() for w in WORD_TOKEN.findall(text) if w.lower() not in REPORTING_WORDS]
    first_future = None  # "to" when it is an intention ("were planning to drive"), which a "was" does not undo
    past = was = False
    for i, word in enumerate(words):
        if word not in WHEN_WORDS and not word.endswith(("ed", "'ll")):
            continue  # most words say nothing of when: each test below would say no
        if first_future is None and (word in FUTURE_CUES or word.endswith("'ll")):
            pair = tuple(words[i : i + 2])
            if pair in FUTURE_PAIRS:
                first_future = word if word in HOPES else pair[-1]
            elif (word in FUTURE_WORDS and pair not in NOT_FUTURE) or word.endswith("'ll"):
                first_future = word
        was = was or word in ("was", "were", "had")
        # without `regular`, a word in -ed is a verb only before its object ("killed a guard", "flooded 40 homes")
        # or at its clause's end ("the troops retreated"), not before a noun ("the preferred stock")
        after = words[i + 1] if i + 1 < len(words) else ""
        verb = regular or not after or after in DETERMINERS or after in NUMBERS or after[0].isdigit()
        if past or not (word in PAST_WORDS or (verb and len(word) > 4 and word.endswith("ed") and word not in NOT_ED)):
            continue
        if word in PLANNING_WORDS and len(words) - i - 1 > PLANNED_OBJECT:
            continue
        passive = i and (words[i - 1] in BE or (i > 1 and words[i - 1].endswith("ly") and words[i - 2] in BE))
        # "the reduced dividend", "unconfirmed reports": a participle that describes a thing
        adjective = word not in PAST_WORDS and (word.startswith("un") or (i and words[i - 1] in DETERMINERS))
        adjective = adjective or (word == "last" and i > 0 and words[i - 1] in DETERMINERS)  # "his last budget"
        past = not passive and not adjective and not _describes_an_object(words, i)
    future = first_future is not None and (first_future == "to" or not was)
    return ("future" if future else None), ("past" if past and not future else None)


def _describes_an_object(words: list[str], i: int) -> bool:
    """Whether words[i], a past form, follows the object of a verb in the present and describes it ("visits
    the families affected", "sells the goods seized"): it is no verb of the clause, unless an object of its
    own follows it or the verb before says or thinks ("says the troops retreated", "argues the plan failed")."""
    word, after = words[i], words[i + 1] if i + 1 < len(words) else ""
    if word in PAST_WORDS and word not in PARTICIPLES:  # "withdrew", "shrank": a past and nothing else
        return False
    if after in NOT_A_VERB or after in NUMBERS or after[:1].isdigit() or {"who", "which"} & set(words[i - 2 : i]):
        return False
    for article in (i - 2, i - 3):
        if article > 1 and words[article] in DETERMINERS:  # a verb after its subject, not a sentence's first word
            verb = words[article - 1]  # "as", "is", "has", "unless" are no verb of the present in -s
            present = len(verb) > 3 and verb.endswith("s") and not verb.endswith("ss")
            return present and verb not in SAYS_NOW and verb not in NOT_VERBS_IN_S
    return False


def _after_an_infinitive(text: str) -> bool:
    """Whether the last verb of `text` is an infinitive ("has decided to admit them in"): its time is its own."""
    if not TO_WORD.search(text):  # no infinitive (most clauses): the words need no reading
        return False
    written = WORD_TOKEN.findall(text)
    words = [word.lower() for word in written]
    for i in range(len(words) - 2, -1, -1):
        # a capitalised word is a name, not a verb: "will fly to Paris on Monday", "to the United States"
        name = written[i + 1][0].isupper()
        if words[i] == "to" and words[i + 1] not in NOT_A_VERB and words[i + 1][0].isalpha() and not name:
            planned = i > 0 and (words[i - 1] in FUTURE_WORDS or (words[i - 1], "to") in FUTURE_PAIRS)
            planned = planned or (i > 1 and tuple(words[i - 2 : i]) in FUTURE_PAIRS)  # "is due to arrive Monday"
            return not planned  # "is scheduled to close Monday" is to come
        # a participle after "be" or "is" is no verb of its own: "to be completed around Nov. 1", "to keep him
        # when the case is heard in May" are the infinitive's
        passive = words[i] in ("be", "been", "is", "are")
        past = words[i + 1] in PAST_WORDS or (words[i + 1].endswith("ed") and not name)
        if words[i + 1] in FUTURE_WORDS or (past and not passive):
            return False
    return False


WILL = re.compile(r"\b(?:will|shall)\b|'ll\b", re.IGNORECASE)
# Where a clause ends: a comma, a bracket, a conjunction, a dash. Each way is written to begin with a character of its
# own, which the pattern engine then looks for alone rather than trying every position (as it does where a way begins
# with a word's boundary): a conjunction "after no letter" is its first letter, then no letter before that one.
CONJUNCTIONS = "that but and while because although".split()
CLAUSE_BREAK = re.compile(
    "|".join(
        (",", ";", ":", r"\(", r"\)", *(rf"{w[0]}(?<!\w.){w[1:]}\b" for w in CONJUNCTIONS), r"-\s", r"–\s", r"—\s")
    )
)
# "said Tuesday", "announced on Friday": when it was said.
SAID_ON = REPORTING_WORDS - {"according"}
REPORTED_ON = re.compile(r"\b(?:" + "|".join(SAID_ON) + r")(?:\s+\w+){0,2}\s*$", re.IGNORECASE)
# "Bush on Tuesday said": the same, the date before its verb.
REPORTED_AFTER = re.compile(r",?\s+(?:" + "|".join(SAID_ON) + r")\b", re.IGNORECASE)
# "On Friday, the government said ...", "On Friday, it planned to pay ...": when it was said or meant, a
# few words after a date that opens its sentence; what was meant is after it. ("Expected" is most often
# passive: "this Christmas, parents are expected to spend" is what is expected now.)
REPORTED_NEXT = re.compile(
    r",?\s+(?:[\w.'’-]+\s+){0,4}(?:" + "|".join(SAID_ON) + r"|(?:planned|intended|hoped|wanted)\s+to)\b",
    re.IGNORECASE,
)


# "ahead of Monday's holiday", "the survey due on Monday", "an EP due for release in February", "waiting for
# Friday's report": what is awaited is to come, whatever the verb of the clause ("traders sold ahead of ...")
AHEAD_OF = re.compile(
    r"\b(?:(ahead of)|in advance of|in the run-up to|waiting for|awaiting|awaits?"
    r"|(?<!was )(?<!were )(?<!fell )(?<!falls )(?<!became )(due)(?: out| back| for \w+)?(?: on| in| by)?)"
    r"\s+(the\s+|this\s+)?$",
    re.IGNORECASE,
)
POSSESSIVE = re.compile(r"['’]s\b")
AFTER_A_FIGURE = re.compile(r"(?:\d|\b(?:million|billion|cents?|pence|percent|a share))[\s,]*$")
HAD = re.compile(r"\bhad\b", re.IGNORECASE)
SINCE = re.compile(r"\bsince\s+(?:the\s+)?$", re.IGNORECASE)
# Verbs that move a time ahead: what they move it to is after when they were done.
PUT_OFF_UNTIL = re.compile(
    r"\b(?:postpon|delay|defer|extend|adjourn|reschedul|push(?:ed|ing)? back|put(?:ting)? off|move[ds]? back)\w*"
    r"(?:\s+[\w'.,]+){0,5}?\s+(?:until|till|to|for)\s+(?:at\s+|on\s+)?$",
    re.IGNORECASE,
)


# "the festival, which opens in June, has sold out", "the envoy, who visits Lagos in May, said": a verb of the
# present with its subject right before it, a few words before the date, is the date's own verb, and the past of
# the sentence's other clauses is not the date's.
PRESENT_VERB = re.compile(
    r"\b(?:which|who|it|he|she)\s+(?:\w+ly\s+)?(?:is|are|(?!(?:has|was|does)\b)[a-z]+[a-rtv-z]s)\s+(?:[\w'-]+\s+){0,3}$",
    re.IGNORECASE,
)
# "his contract expires in June", "the deal, signed last year, runs out in June", "Parliament reconvenes in
# September": a scheduled event told in the present, its verb after a singular noun or a parenthesis a few words
# before the date; the past of the sentence's other clauses is not its own. (The verbs are those of a timetable:
# most verbs in -s before a date are plural nouns, "its former colonies in November".)
SCHEDULED = (
    "expires ends runs starts begins opens closes resumes reopens reconvenes convenes meets takes comes returns "
    "retires leaves arrives kicks finishes concludes launches matures lapses terminates goes plays faces hosts "
    "travels flies heads sits votes debuts premieres tours lands departs steps turns joins switches"
).split()
NOUN_PRESENT_VERB = re.compile(
    r"(?:\b(?:(?i:the|a|an|his|her|its|their|our|this|whose)|[A-Z][\w-]*['’]s)\s+(?:[a-z][\w-]*\s+)?[a-z][\w-]*[a-rt-z]"
    r"|\b[A-Z][a-z]+|,)\s+(?:" + "|".join(SCHEDULED) + r")\s+(?:[\w'-]+\s+){0,3}$"
)


def _awaited(sentence: str, start: int, end: int, clause_end: int) -> bool:
    """Whether sentence[start:end] is when something awaited comes ("ahead of Monday's vote", "the survey
    due on Monday"), not a time a figure is compared with ("sales were 3% ahead of February") nor one
    something was due at ("payments due in March were missed")."""
    awaited = AHEAD_OF.search(sentence, max(0, start - 40), start)
    if awaited is None:
        return False
    ahead, due, article = awaited.groups()
    if ahead and not article and not POSSESSIVE.match(sentence, end):
        return False  # what comes is an event: "ahead of the June 30 deadline", "ahead of Friday's figures"
    return not due or not _says_when(sentence[end:clause_end])[1]


@lru_cache(maxsize=16)  # the tense of a date's clause and a rule that reads the clause ask it of the same date
def clause_start(sentence: str, at: int) -> int:
    """Where the clause that holds sentence[at] begins: after the last clause break before it."""
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(sentence, 0, at)]
    return breaks[-1] if breaks else 0


# The cue words of the patterns `_Cues` looks for (keep them in step with PUT_OFF_UNTIL, REPORTED_ON, AHEAD_OF…).
UNTIL = frozenset("until till to for".split())
SAID_ON_WORDS = tuple(sorted(SAID_ON))
SCHEDULED_VERBS = frozenset(SCHEDULED)
AWAITING = ("ahead", "advance", "run-up", "waiting", "await", "awaits", "due")


class _Cues:
    """Which of the slow patterns that end where a date begins may match the 60 characters before it: each needs a word
    of its own among the last few there, which a look at them finds quicker than the pattern. (In ASCII, where a
    letter's case is a plain matter; outside it, every pattern may.)"""

    def __init__(self, near: str) -> None:
        last = near.lower().split()[-5:] if near.isascii() else None
        # the last word of PUT_OFF_UNTIL, or the one before its last "at" or "on"
        self.put_off = last is None or not UNTIL.isdisjoint(last[-2:])
        # the verb of REPORTED_ON ("said"), two words after it at most
        self.reported = last is None or any(word.endswith(SAID_ON_WORDS) for word in last[-3:])
        # the verbs of PRESENT_VERB ("is", "visits") and NOUN_PRESENT_VERB ("opens"), three words after it at most
        self.present_verb = last is None or any(word == "are" or word[-1] == "s" for word in last[-4:])
        self.scheduled = last is None or not SCHEDULED_VERBS.isdisjoint(last[-4:])
        # the word of AHEAD_OF that says so, four words after it at most ("due for release on the")
        self.awaited = last is None or any(word.endswith(AWAITING) for word in last)


def clause_tense(sentence: str, start: int, end: int) -> str:
    """The tense of the clause around sentence[start:end], else of the sentence.

    "said Tuesday that it will close on Dec. 7": Tuesday is when it was said, Dec. 7 is to come.
    """
    before = sentence[:start]
    cues = _Cues(before[max(0, start - 60) :])
    if cues.put_off and PUT_OFF_UNTIL.search(before, max(0, start - 60)):
        return "future"  # "postponed until Tuesday": a time the past moved ahead
    if SINCE.search(before, max(0, start - 20)):
        return "past"  # "fears of a rise next month are the first since July": what has been since is past
    # "who visits China in May, said"
    own_verb = cues.present_verb and PRESENT_VERB.search(before, max(0, start - 60)) is not None
    reported = cues.reported and REPORTED_ON.search(before, max(0, start - 40))
    if reported or (REPORTED_AFTER.match(sentence, end) and not own_verb):
        return "past"
    after = CLAUSE_BREAK.search(sentence, end)
    first = clause_start(sentence, start)
    awaited = cues.awaited and _awaited(sentence, start, end, after.start() if after else len(sentence))
    if awaited and not HAD.search(before, first):
        return "future"  # unless told in the past of the past: "economists had forecast ahead of Friday's figure"
    if _after_an_infinitive(before[first:]):
        return "present"  # "decided to admit them in March": not when the verb was
    future, past = _says_when(before[first:])
    if future or past:
        return future or past or "present"  # the verb before a date is the one it goes with
    # after it, a word in -ed is more often a participle than its verb ("on Dec. 7 of the preferred stock")
    future, past = _says_when(sentence[start : after.start() if after else len(sentence)], regular=False)
    if future or past:
        return future or past or "present"
    # "In January, a bomb killed a guard": a date that opens its sentence goes with the clause after it
    if after and after[0] == "," and len(before.split()) <= 1:
        if REPORTED_NEXT.match(sentence, after.end()):  # "In September, it announced plans to", "planned to"
            return "past"
        following = CLAUSE_BREAK.search(sentence, after.end())
        future, past = _says_when(sentence[after.end() : following.start() if following else len(sentence)])
        if future or past:
            return future or past or "present"
    # A clause without a verb ("In January, ...") is in the past when the sentence is; a future word
    # elsewhere in it is mostly in a clause of its own ("said they would look for ways").
    # after the date, as in its clause, a word in -ed is taken for a participle
    future, past = _says_when(before)
    later_future, later_past = _says_when(sentence[end:], regular=False)
    future, past = future or later_future, past or later_past
    if future and WILL.search(sentence):
        return "future"
    if own_verb or (cues.scheduled and NOUN_PRESENT_VERB.search(before, max(0, start - 60))):
        return "present"  # the past of the sentence's other clauses is not its own verb's
    return "past" if past and not _after_an_infinitive(before) else "present"


# The tense of an expression's clause, "past", "present" or "future", worked out when a rule first asks for it:
# half the expressions whose values may depend on it (the words of NEEDS_TENSE) turn out not to.
Tense = Callable[[], str]


def known(tense: str) -> Tense:
    """A tense already known: "past" for "last August", as the expression itself says."""
    return lambda: tense


present = known("present")  # the tense of an expression whose value does not depend on it


def _clause_tense(sentence: str, start: int, end: int) -> Tense:
    """`clause_tense` of sentence[start:end] (`tense` of the sentence where `start` is -1: not known), when asked."""
    said: list[str] = []  # (a closure, not functools.cache: a cache's wrapper took microseconds to make)

    def when() -> str:
        if not said:
            said.append(tense(sentence) if start < 0 else clause_tense(sentence, start, end))
        return said[0]

    return when


def count_of(words: str) -> int | None:
    """ "three" → 3, "twenty-five" → 25, "18" → 18; None for "several", "a few"."""
    words = words.lower().replace(",", "")
    if words.isdigit():
        return int(words)
    if words in NUMBERS:
        return NUMBERS[words]
    if words.endswith(" thousand") and (thousands := count_of(words[: -len(" thousand")])):
        return 1000 * thousands  # "two thousand years"
    tens, _, ones = words.replace(" ", "-").partition("-")
    if tens in TENS and ones in SMALL_NUMBERS[1:10]:
        return TENS[tens] + SMALL_NUMBERS.index(ones)
    return None


def spelled_year(text: str) -> int | None:
    """ "nineteen ninety-six" → 1996, "the year two thousand" → 2000."""
    words = re.sub(r"^(?:the )?year |\band ", "", text.lower())
    if m := re.fullmatch(r"two thousand(?:[- ](.+))?", words):
        rest = count_of(m[1]) if m[1] else 0
        return 2000 + rest if rest is not None and rest < 100 else None
    if m := re.fullmatch(r"(nineteen|eighteen|twenty)[- ](.+)", words):
        rest = 0 if m[2] == "hundred" else count_of(m[2])
        if rest is None or not (10 <= rest < 100 or m[2] == "hundred"):
            return None
        return 100 * NUMBERS[m[1]] + rest
    return None


def _year_in_digits(text: str) -> str:
    """The text with a year spelled at its end in digits: "January nineteen ninety-seven" → "January 1997"."""
    spelled = SPELLED_YEAR_AT_END.search(text)
    year = spelled and spelled_year(spelled[0])
    return f"{text[: spelled.start()]}{year}" if spelled and year else text


@lru_cache(maxsize=1024)
def _date_written(text: str) -> tuple[PartialDate, str | None] | None:
    """The date `find_date` reads in an expression's words and the weekday written with it ("Saturday, April 25"), of
    its words alone: kept for the words met again ("March 5")."""
    found = find_date(text)
    return (found[0], found[1].groupdict().get("weekday")) if found else None


def duration_value(count: int | None, unit: str, half: bool = False) -> str:
    """ "P3Y", "P10Y" for a decade, "PT2H", "PXM" when the count is vague; "P2Y6M", "PT5H30M" with a half."""
    code, size = UNIT_CODES[unit]
    amount = "X" if count is None else str(count * size)
    if half and count is not None:
        if size > 1:  # a decade and a half: 15 years
            amount = str(count * size + size // 2)
        elif unit in HALF_UNITS:
            whole = f"{count}{code[-1]}" if count else ""
            return f"PT{whole}{HALF_UNITS[unit]}" if code.startswith("T") else f"P{whole}{HALF_UNITS[unit]}"
        else:
            amount += ".5"
    return _period(amount, code)


@lru_cache(maxsize=4096)
def vague_reference(lowered: str) -> str | None:
    """The value of "now", "recently", "the future", "recent years" (`PXY`), "decades-long" and the like in lower case
    with no "the" or "early" before it, of its words alone; None for no such expression."""
    first, _, rest = lowered.partition(" ")
    unit = first[:-1]
    if unit in UNIT_CODES and first.endswith("s") and (rest in ("", "ahead") or rest.startswith("or ")):
        return duration_value(None, unit)  # "years", "weeks ahead", "weeks or months": some of the first
    if lowered.endswith("-long"):  # "a day-long", "decades-long"
        unit = re.sub(r"^an? ", "", lowered.removesuffix("-long"))
        return duration_value(1, unit) if unit in UNIT_CODES else duration_value(None, unit.removesuffix("s"))
    if lowered.startswith("recent ") and (m := re.fullmatch(r"recent (\w+)s", lowered)):
        return duration_value(None, m[1]) if m[1] in UNIT_CODES else "PAST_REF"
    return REFERENCES.get(lowered)


@lru_cache(maxsize=4096)
def how_long(text: str) -> str | None:
    """The value of a length of time ("three years", "the past two weeks", "a decade", "two-year"), None for no such
    expression: of its words alone, kept for the words met again."""
    whole = text.lower()
    lowered = _without_half(whole)
    m = lowered.endswith(UNITS_WRITTEN) and DURATION.fullmatch(lowered)  # the test of its end first: it is quick
    if not m:
        return None
    words = m["count"]
    if ("half" in words or "quarter" in words) and (part := PART_OF.fullmatch(words)):  # "half a century": 50 years
        amount = part_of_a_unit(part[1], m["unit"])
        return _period(*amount) if amount else None
    if count_of(words) is None and words not in VAGUE_COUNTS:
        words = re.sub(r"^an? ", "", words)  # "a two-year contract", but "a couple of years"
    count = count_of(words)
    if count is None and words not in VAGUE_COUNTS:
        return None
    return duration_value(count, m["unit"], half=lowered != whole)


def _without_half(lowered: str) -> str:
    """The words without a half ("two and a half years": "two years"), looked for only where one may be: a substitution
    for every expression is slow."""
    return HALF.sub("", lowered) if "half" in lowered or "/2" in lowered or "½" in lowered else lowered


def _period(amount: object, code: str) -> str:
    """A duration's value from its amount and its unit's TIMEX3 letter: "P3Y", "PT2H"."""
    return f"PT{amount}{code[1]}" if code.startswith("T") else f"P{amount}{code}"


def part_of_a_unit(part: str, unit: str) -> tuple[int, str] | None:
    """How many of what code a part of a unit is ("half" a "century": 50, "Y"), if a whole number of one."""
    numerator, denominator = PARTS[part]
    code, size = UNIT_CODES[unit]
    amount = size * numerator
    while amount % denominator and code in SMALLER_UNIT:
        code, factor = SMALLER_UNIT[code]
        amount *= factor
    return None if amount % denominator else (amount // denominator, code)


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def _delivery_month(month: int, published: date) -> str:
    """A contract's delivery month: one of the twelve from the month before publication's, whatever the tense
    ("the July contract expired" early in August; "March wheat fell" in August is next March's)."""
    year, first = _shift_month(published.year, published.month, -1)
    return f"{year + (month < first):04d}-{month:02d}"


def _shift_year(value: str, delta: int) -> str:
    """A dated value moved by whole years, at the same granularity ("1989-Q3" → "1988-Q3")."""
    if len(value) >= 10 and value[4:10] == "-02-29":
        value = value[:8] + "28" + value[10:]
    return f"{int(value[:4]) + delta:04d}{value[4:]}"


# A holiday's day: (month, day); or days after Easter; or (month, weekday, which: 1st, 4th, -1 the last).
FIXED_HOLIDAYS = {
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "independence day": (7, 4),
    "veterans day": (11, 11),
    "valentine's day": (2, 14),
    "halloween": (10, 31),
    "boxing day": (12, 26),
    "bastille day": (7, 14),
}
EASTER_HOLIDAYS = {"easter": 0, "easter sunday": 0, "good friday": -2, "easter monday": 1}
NTH_WEEKDAY_HOLIDAYS = {
    "thanksgiving": (11, 3, 4),
    "thanksgiving day": (11, 3, 4),
    "labor day": (9, 0, 1),
    "memorial day": (5, 0, -1),
}


def _holiday(name: str, year: int) -> date | None:
    """The day of a holiday in a year; None for a name that is not one."""
    if name in FIXED_HOLIDAYS:
        return date(year, *FIXED_HOLIDAYS[name])
    if name in EASTER_HOLIDAYS:
        return _easter(year) + timedelta(days=EASTER_HOLIDAYS[name])
    if name == "election day":  # the Tuesday after the first Monday of November
        return _nth_weekday(year, 11, 0, 1) + timedelta(days=1)
    if name in NTH_WEEKDAY_HOLIDAYS:
        return _nth_weekday(year, *NTH_WEEKDAY_HOLIDAYS[name])
    return None


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The nth such weekday of a month (Monday=0; nth -1: the last)."""
    if nth < 0:
        last = date(year, month, calendar.monthrange(year, month)[1])
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


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


class Reading(NamedTuple):
    """An expression's words as the rules read them, and what they say of it."""

    text: str  # spaces made one, a final full stop and a modifier taken off ("early March": "March")
    part: bool  # it names a part of what `text` does: "the end of the year", "early March"
    needs_tense: bool  # its value may depend on the tense of its clause (NEEDS_TENSE)
    year: bool  # it is a year, its own value


@lru_cache(maxsize=4096)
def _reading(expression: str) -> Reading:
    """How the rules read an expression (kept per expression: the same are written again and again)."""
    whole = " ".join(expression.split()).rstrip(".")
    text = whole[modifier.end() :] if (modifier := MODIFIERS.match(whole)) else whole
    return Reading(
        text, modifier is not None, NEEDS_TENSE.search(expression) is not None, bool(FULL_YEAR.fullmatch(text))
    )


class Normaliser:
    """Values for one article's time expressions; `published` is its publication date."""

    def __init__(self, published: str | None) -> None:
        self.year: int | None = None
        self.day: date | None = None
        if published and (m := PUBLISHED.fullmatch(published)):
            self.year = int(m[1])
            if m[3]:
                self.day = date(self.year, int(m[2]), int(m[3]))
        self.last_year_mentioned: int | None = None
        self.last_dated: str | None = None  # the last value with a year: what "a year earlier" moves
        self.dated_before: str | None = None  # the one before it: "2004 ... 2003 ... a year earlier" is 2003
        self.first_quarter: str | None = None  # what "a year ago", "the year-earlier period" compare with
        self.last_day: str | None = None  # the last day named: the day of a time of day that names none
        # Or, named since, a weekday of no known week ("on a Saturday", XXXX-WXX-6): the day of such a time.
        self.any_weekday: str | None = None
        self.anaphoric = False
        self.following = ""  # the text after the expression in its sentence
        self.sentence = ""  # the expression's sentence
        self.preceding = ""  # the words just before the expression in its sentence
        self.at = -1  # where the expression starts in its sentence (-1: not known)
        self.part = False  # the expression is a part of a time: "the end of the year", "early March"

    def value_at(self, body: str, start: int, end: int) -> str | None:
        """The value of the expression body[start:end], in the tense of its clause."""
        expression = body[start:end]
        reading = _reading(expression)
        bracket = body.find(")", end, end + 34) >= 0  # most expressions have none after them: no pattern tried
        if not reading.needs_tense and not (bracket and DAY_AFTER_BRACKETS.match(body, end)):
            # no need of its sentence: the words around it will do
            first = max(0, start - 24)
            return self._value(expression, reading, body[first : end + 40], start - first, False)
        first, last = sentence_span(body, start, end)
        return self._value(expression, reading, body[first:last], start - first, True)

    def value(self, expression: str, sentence: str, at: int | None = None) -> str | None:
        """The value of one expression, met in this order in the text (at this offset in its sentence)."""
        at = sentence.find(expression) if at is None else at
        reading = _reading(expression)
        return self._value(expression, reading, sentence, at, reading.needs_tense)

    def _value(self, expression: str, reading: Reading, sentence: str, at: int, needs_tense: bool) -> str | None:
        text = reading.text
        self.part = reading.part  # "the start of the year": a part of what `text` names
        self.following = sentence[at + len(expression) :] if at >= 0 else ""
        self.sentence = sentence
        self.preceding = sentence[max(0, at - 24) : at] if at > 0 else ""
        self.at = at
        when = _clause_tense(sentence, at, at + len(expression)) if needs_tense else present
        self.anaphoric = False  # set by a rule whose value follows the date last named
        value = text if reading.year else self._first_value(text, when)  # a year: the most common
        # a weekday of no known week, not "every Monday" (a set); the test of its first letter first, as most values
        # begin with a year's digits
        if value and value[0] == "X" and ANY_WEEKDAY.fullmatch(value) and text.lower() in WEEKDAYS:
            self.any_weekday = value
        elif value and value[:4].isdigit() and not self.anaphoric:
            self.last_year_mentioned = int(value[:4])
            self.dated_before, self.last_dated = self.last_dated, value
            # the day a period reported ends ("the year to 31 December", "the quarter ended Sept. 30") is not the day
            # of what is told after it
            if DAY_VALUE.match(value) and not self._ends_a_period():
                self.last_day, self.any_weekday = value[:10], None
            recent = self.year is None or int(value[:4]) >= self.year - 1  # not "the third quarter of 1984"
            if self.first_quarter is None and recent and QUARTER_VALUE.fullmatch(value):
                self.first_quarter = value
        return value

    def _ends_a_period(self) -> bool:
        """Whether the expression is the day a period reported ends ("the year to 31 December")."""
        if not self.preceding.rstrip().endswith(("to", "through", "ended")):  # the patterns only where they may match
            return False
        return PERIOD_TO.search(self.preceding) is not None

    def _first_value(self, text: str, when: Tense) -> str | None:
        """The value the first rule that knows this kind of expression gives it."""
        for rule in _rules_for(text):
            if value := rule(self, text, when):
                return value
        return None

    def _reference(self, text: str, when: Tense) -> str | None:
        """ "now", "currently", "recently", "the future"; "recent years" is some years, `PXY`."""
        lowered = text.lower().removeprefix("the ").removeprefix("early ")
        if lowered == "current" and self.preceding.lower().endswith("then "):  # "the then current price"
            return "PAST_REF"
        if lowered == "one day" and SOMEDAY.search(self.preceding):  # "Islam will one day be": some day to come
            return None if LATER.match(self.following) else "FUTURE_REF"
        return vague_reference(lowered)

    # --- "every Monday", "each month", "annually", "Mondays" --------------------------------------------

    def _every(self, text: str, when: Tense) -> str | None:
        lowered = text.lower()
        if lowered in EVERY:
            return EVERY[lowered]
        if m := TIMES_A.fullmatch(lowered):  # "twice a week", "three times a year": how often in a week, a year
            return EVERY.get(m[1]) or duration_value(1, m[1])
        if not lowered.startswith(("every ", "each ")) and not lowered.endswith("days"):
            return None
        if lowered.endswith("days") and lowered[:-1] in WEEKDAYS:
            return f"XXXX-WXX-{WEEKDAYS.index(lowered[:-1]) + 1}"
        m = re.fullmatch(r"(?:every|each) (other )?(.+)", lowered)
        if not m:
            return None
        other, what = m.groups()
        if what in WEEKDAYS:
            return f"XXXX-WXX-{WEEKDAYS.index(what) + 1}"
        if what.rstrip(".") in MONTHS:
            return f"XXXX-{MONTHS[what.rstrip('.')]:02d}"
        if what in SEASONS:
            return f"XXXX-{SEASONS[what][0]}"
        if what == "weekend":
            return "XXXX-WXX-WE"
        if what in UNIT_CODES:
            return duration_value(2 if other else 1, what)  # "every other week": every two weeks
        count, _, unit = what.rpartition(" ")  # "every two years", "every few weeks"
        return duration_value(count_of(count), unit[:-1]) if unit[:-1] in UNIT_CODES else None

    # --- "3 p.m.", "noon Thursday", "5 p.m. EST, Nov. 6" --------------------------------------------------

    def _clock(self, text: str, when: Tense) -> str | None:
        if not (text[:1].isdigit() or text.lower().startswith(("noon", "midnight", "midday"))):
            if " the " not in text or not (spelled := SPELLED_HOUR.match(text)):
                return None
            text = f"{NUMBERS[spelled[1].lower()]}{text[spelled.end(1) :]}"  # "three in the morning": 3 a.m.
        m = CLOCK.match(text)
        if not m or not (m[3] or m[4] or m[2] or len(m[1] or "") == 4):
            return None
        if m[4]:
            hour, minute = (24, 0) if m[4].lower() == "midnight" else (12, 0)
        elif len(m[1] or "") == 4:  # "1200 GMT"
            hour, minute = int(m[1][:2]), int(m[1][2:])
        else:
            hour, minute = int(m[1]) % 12 if m[3] else int(m[1]), int(m[2] or 0)
            if m[3] and (m[3].lower().startswith("p") or m[3].lower().endswith(("afternoon", "evening"))):
                hour += 12
        rest = text[m.end() :]
        if not rest and (after := DAY_AFTER_BRACKETS.match(self.following)):
            rest = after[1]
        # without a day, the day last named: "shot on Oct. 23 ... at 10 p.m."
        day = self._day_of(rest, when) if rest else self.any_weekday or self.last_day or self._today()
        return f"{day}T{hour:02d}:{minute:02d}" if day else None

    def _today(self) -> str:
        return self.day.isoformat() if self.day else "XXXX-XX-XX"

    def _day_of(self, text: str, when: Tense) -> str | None:
        """The day a time of day is on: "Thursday", "Nov. 6", "yesterday"."""
        return self._calendar(text, when) or self._named_day(text, when)

    # --- "the next day", "the following morning", "the day before", "that same day" -----------------------

    def _day_around(self, text: str, when: Tense) -> str | None:
        """A day told from the date last named (a day of its month when that was a month), else from the
        publication date; with the part of the day named."""
        if text[:4].lower() not in ("the ", "that"):  # "the next day", "that evening": each begins so; most do not
            return None
        if COUNTED_DAY.fullmatch(text):  # "it is the eighth day of the siege": found only as the day of writing
            return self._today()
        if m := DAY_BESIDE.fullmatch(text):  # "the day before last Tuesday": the day named, moved
            named = self._first_value(m[2], when) or ""
            if not DAY_VALUE.match(named) or named.startswith("X"):
                return None
            return str(date.fromisoformat(named[:10]) + timedelta(days=DAY_STEPS[m[1].lower()]))
        m = DAY_AROUND.fullmatch(text.lower())
        if not m:
            return None
        part = f"T{DAY_PARTS[m[2]]}" if m[2] in DAY_PARTS else ""
        last = self.last_dated or ""
        if re.fullmatch(r"\d{4}-\d\d", last):  # "last October, when ... that same day"
            return f"{last}-XX{part}"
        anchor = last[:10] if DAY_VALUE.match(last) else self.last_day or (self.day.isoformat() if self.day else None)
        if anchor is None:
            return f"XXXX-XX-XX{part}"
        step = DAY_STEPS.get(m[1] or m[3], 0)
        return f"{date.fromisoformat(anchor) + timedelta(days=step)}{part}"

    # --- "this morning", "last night", "Tuesday evening", "tonight" ---------------------------------------

    def _part_of_day(self, text: str, when: Tense) -> str | None:
        lowered = text.lower()
        if lowered == "tonight":
            return self._today() + "TNI"
        if lowered == "overnight":  # the night before the day reported: the day last named, else publication's
            day = self.last_day or (self.day and self.day.isoformat())
            return f"{date.fromisoformat(day) - timedelta(days=1)}TNI" if day else "XXXX-XX-XXTNI"
        m = PART_OF_DAY.fullmatch(lowered)
        if not m:
            return None
        offsets = {"this": 0, "last": -1, "yesterday": -1, "today": 0, "tomorrow": 1}
        which = m[1] or m[4] or "this"
        if which in offsets:
            day = (self.day + timedelta(days=offsets[which])).isoformat() if self.day else "XXXX-XX-XX"
        elif which in WEEKDAYS:
            named = f"XXXX-WXX-{WEEKDAYS.index(which) + 1}" if m[3] else self._named_day(which, when)
            if named is None:
                return None
            day = named
        else:
            return None
        return f"{day}T{DAY_PARTS[m[2]]}"

    # --- "the third quarter", "third-quarter", "the first half of 1989", "the latest quarter" -----------

    def _quarter(self, text: str, when: Tense) -> str | None:
        lowered = text.lower()
        if ("quarter" not in lowered and "half" not in lowered) or HALF.search(lowered) or PART_OF.search(lowered):
            return None
        m = re.search(r"(?:(\w+)[\s-]+)?(?:fiscal[\s-]+)?(quarter|half)(s?)\b", lowered)
        if not m:
            return None
        if m[1] and m[1] not in ("a", "an") and (count := count_of(m[1])) is not None and count < 1000:
            return None  # "a four-quarter test", "two quarters": how long
        if m[3]:  # "fourth quarters", "coming quarters"
            if m[1] in ORDINALS:
                return f"XXXX-Q{ORDINALS[m[1]]}"
            if m[1] in ("coming", "next", "future"):
                return "FUTURE_REF"
            return "PAST_REF" if m[1] in ("recent", "past", "last", "previous") else None
        year_named = FULL_YEAR.search(lowered)
        shift = -1 if re.search(r"year-(?:earlier|ago)|last year", lowered) else 1 if "next year" in lowered else 0
        if m[2] == "half":
            number = 1 if m[1] == "first" else 2
            period = ("H", number, 6 * number - 5)
        elif m[1] in ORDINALS or (m[1] in ("final", "last") and year_named):
            number = ORDINALS.get(m[1], 4)
            period = ("Q", number, 3 * number - 2)
        elif self.day is None:
            return "XXXX-QX"
        else:
            relative = (
                RELATIVE.get(m[1], 0) if m[1] in ("this", "current", "next", "coming", "last", "previous") else None
            )
            if relative is None and (anaphor := self._reported_quarter()):
                self.anaphoric = True  # "the quarter", "the 1988 quarter": the one the article reports
                return f"{year_named[0]}{anaphor[4:]}" if year_named else _shift_year(anaphor, shift)
            if relative is None and year_named:  # "the 1988 quarter" before any quarter is named: one of 1988's
                return f"{year_named[0]}-QX"
            y, month = _shift_month(self.day.year, self.day.month, 3 * (-1 if relative is None else relative))
            return f"{y + shift:04d}-Q{(month - 1) // 3 + 1}"
        code, number, first_month = period
        if year_named:
            year = int(year_named[0])
        elif self.day is None:
            return f"XXXX-{code}{number}"
        else:
            year = self.day.year
            named = re.search(r"\b(?:this|last|next) year|\bof the (?:fiscal )?year", lowered)
            if not named and when() != "future" and date(year, first_month, 1) > self.day:
                year -= 1  # reported results are of a period that has begun
        return f"{year + shift:04d}-{code}{number}"

    def _reported_quarter(self) -> str | None:
        """The quarter or half the article reports on: the first it names ("third-quarter net rose...")."""
        return self.first_quarter

    # --- "fiscal 1999", "the current fiscal year" ----------------------------------------------------------

    def _fiscal_year(self, text: str, when: Tense) -> str | None:
        lowered = text.lower()
        if "fiscal" not in lowered:
            return None
        if year := FULL_YEAR.search(lowered):
            return year[0]
        m = re.fullmatch(r"(?:the |its )?(?:(\w+) )?fiscal[\s-]year", lowered)
        if not m:
            return None
        if m[1] in RELATIVE and self.year is not None:
            return f"{self.year + RELATIVE[m[1]]:04d}"
        if TWELVE_MONTHS.match(self.following):  # "the fiscal year ended Jan. 31": twelve months
            return "P1Y"
        if self.year is not None and (m[1] == "latest" or (m[1] is None and self.preceding.endswith(("the ", "its ")))):
            return str(self.year - (m[1] == "latest"))  # "the fiscal year": this one; "the latest": the last ended
        return "P1Y"

    # --- "year-earlier", "the year-ago period", "the 1988 period" ------------------------------------------

    def _year_earlier(self, text: str, when: Tense) -> str | None:
        lowered = text.lower()
        if "year" not in lowered and "period" not in lowered:
            return None
        if lowered in ("year-end", "year end", "year's end"):  # "since year-end", in the past: the last one
            if not self.year:
                return "XXXX-12-31"
            passed = when() == "past" or self.preceding.lower().endswith("since ")
            return f"{self.year - passed}-12-31"
        if lowered == "the latest period":  # results: the quarter or half reported, else the latest quarter
            return self._quarter("the latest quarter", when)
        if m := YEAR_PERIOD.fullmatch(lowered):
            anaphor = self._reported_quarter()
            self.anaphoric = True
            return m[1] + (anaphor[4:] if anaphor else "")
        # "the year-earlier quarter", "the same period last year", "the corresponding period a year ago"
        if not A_YEAR_BEFORE.search(lowered) or lowered.startswith(("a ", "an ")):
            return None
        if quarter := self._reported_quarter():  # results against the same quarter of the year before
            self.anaphoric = True
            return _shift_year(quarter, -1)
        return f"{self.year - 1:04d}" if self.year else "PAST_REF"

    # --- "four years ago", "a year earlier", "two weeks later" ---------------------------------------------

    def _ago(self, text: str, when: Tense) -> str | None:
        if m := UNIT_AROUND.fullmatch(text.lower()):  # "the year before": a year earlier than the date last named
            text = f"a {m[1]} {'earlier' if m[2] == 'before' else 'later'}"
        if not text.lower().endswith(("ago", "earlier", "later", "from now")):
            return None
        lowered = HALF.sub("", text.lower())
        m = re.fullmatch(
            rf"(?:(?:{APPROXIMATELY}) )?"
            r"(?:(.+?)[\s-])?(minute|hour|day|week|fortnight|month|quarter|year|decade|century)s?(?: or so)? "
            r"(ago|earlier|later|from now)",
            lowered,
        )
        if not m:
            return None
        if not m[1]:  # "months ago": some months, as TimeBank has it
            return duration_value(None, m[2])
        count = count_of(m[1])
        unit = m[2]
        part = ("half" in m[1] or "quarter" in m[1]) and PART_OF.fullmatch(m[1])
        if part and (amount := part_of_a_unit(part[1], unit)) and amount[1] in ("Y", "M"):
            count, unit = amount[0], {"Y": "year", "M": "month"}[amount[1]]  # "half a century ago": 50 years ago
        if unit == "fortnight":  # "a fortnight earlier": two weeks
            count, unit = (None if count is None else 2 * count), "week"
        if lowered != text.lower():  # "a year and a half ago": 18 months; half of another unit, some time
            count, unit = (12 * count + 6, "month") if count is not None and unit == "year" else (None, unit)
        if count is None or unit in ("minute", "hour"):
            return "FUTURE_REF" if m[3] in ("later", "from now") else "PAST_REF"
        delta = -count if m[3] in ("ago", "earlier") else count
        anchor = self.last_dated if m[3] in ("earlier", "later") else None
        if anchor and self.dated_before and anchor == _shift_year(self.dated_before, -1):
            anchor = self.dated_before  # "$1bn in 2004, against $838m in 2003; sales rose from $3bn a year earlier"
        # results "a year ago", and a figure "a year earlier" than a day ("profit rose to $155 million from $99 million
        # a year earlier" after "shares closed yesterday"): figures are a period's, the quarter reported a year before
        figure = m[3] == "earlier" and DAY_VALUE.match(anchor or "") and AFTER_A_FIGURE.search(self.preceding)
        if unit == "year" and ((anchor is None and m[3] == "ago") or figure) and (quarter := self._reported_quarter()):
            anchor = quarter
        if anchor is not None:
            self.anaphoric = True
            moved = _shift_year(anchor, delta) if unit == "year" else self._moved(unit, delta, anchor)
            # "six months earlier" than a year or a quarter: before it, by no date the text gives
            return moved or ("PAST_REF" if delta < 0 else "FUTURE_REF")
        if m[3] in ("earlier", "later"):
            return "PAST_REF" if delta < 0 else "FUTURE_REF"
        if unit == "year":
            if self.year and self.year + delta < 1:  # "6,000 years ago": before the calendar's first year
                return "PAST_REF"
            return f"{self.year + delta:04d}" if self.year else "XXXX"
        if self.day is None:
            return "PAST_REF" if delta < 0 else "FUTURE_REF"
        return self._moved(unit, delta, self.day.isoformat())

    def _moved(self, unit: str, delta: int, anchor: str) -> str | None:
        """A dated value moved by so many units, at the granularity the unit names."""
        m = re.match(r"(\d{4})-(\d\d)(?:-(\d\d))?(?!\d)", anchor)  # a month, a day, a time of a day
        if not m:
            return None
        day = date(int(m[1]), int(m[2]), int(m[3] or 1))
        if unit == "month" or unit == "quarter":
            y, month = _shift_month(day.year, day.month, delta * (3 if unit == "quarter" else 1))
            return f"{y:04d}-{month:02d}"
        if unit in ("decade", "century"):
            return f"{day.year + delta * UNIT_CODES[unit][1]:04d}"
        if unit == "week":
            iso = (day + timedelta(weeks=delta)).isocalendar()
            return f"{iso[0]:04d}-W{iso[1]:02d}"
        return (day + timedelta(days=delta)).isoformat() if m[3] else None

    # --- "the year", "the weekend", "the week" -------------------------------------------------------------

    def _the_unit(self, text: str, when: Tense) -> str | None:
        if text.lower().startswith("the week of "):  # "the week of March 6": the week that day is in
            day = self._calendar(text[12:], when)
            if not day or not DAY_VALUE.fullmatch(day):
                return None
            year, week, _ = date.fromisoformat(day).isocalendar()
            return f"{year:04d}-W{week:02d}"
        m = text[:4].lower() == "the " and THE_UNIT.fullmatch(text.lower())
        if not m or self.day is None:
            return None
        if m[1] == "year":  # "for the year", "the end of the year"; "the year ended June 30", twelve months
            twelve = TWELVE_MONTHS.match(self.following)
            if twelve and twelve[0].split()[0] == "to" and self.part:
                twelve = None  # "from the start of the year to March": the months of this year until then
            return "P1Y" if twelve else str(self.day.year)
        if m[1] == "month":
            return self.day.isoformat()[:7]
        if m[1] in ("decade", "century"):  # "by the end of the decade", "the middle of the century"
            return str(self.day.year)[: 3 if m[1] == "decade" else 2]
        if m[1] == "day":
            return self.day.isoformat()
        weekday = self.day.weekday()
        if m[1] == "weekend" and when() != "future" and (weekday < 3 or (when() == "past" and weekday < 5)):
            return self._shifted("weekend", -1, anaphoric=False)  # the closest, or the last if it is past
        return self._shifted(m[1], 0, anaphoric=False)

    # --- "three years", "the past two weeks", "a decade", "two-year", "the first nine months" ---------

    def _duration(self, text: str, when: Tense) -> str | None:
        return how_long(text)

    # --- "17th February, 2020", "January 3", "May 2018", "2015", "the 1990s", "58" after "1957-" ---------

    def _calendar(self, text: str, when: Tense) -> str | None:
        lowered = text.lower()
        if lowered.endswith("s"):  # a decade: "the 1990s" is "199"
            if m := DECADE.fullmatch(text):
                return m[1] or f"19{m[2]}"
            if m := DECADE_IN_WORDS.fullmatch(lowered):
                return f"19{TENS[m[1] + 'ty'] // 10}" if m[1] + "ty" in TENS else None
        if lowered.endswith("century") and (m := re.fullmatch(r"(\w+?)(?:st|nd|rd|th)?[\s-]+century", lowered)):
            number = count_of(m[1]) or _ordinal_number(m[1])
            return f"{number - 1:02d}" if number else None
        if lowered.startswith(("eighteen", "nineteen", "twenty", "two thousand", "the year", "year")):
            year = spelled_year(text)
            return str(year) if year else None
        # "April 24" of "April 24-25, 1999" takes the year written after the last day
        if LAST_DAY.search(text) and (rest := RANGE_REST.match(self.following)) and rest[1]:
            text += rest[1]
        elif (m := END_OF_RANGE.fullmatch(text)) and self.last_dated and DAY_VALUE.fullmatch(self.last_dated[:10]):
            return f"{m[2] or self.last_dated[:4]}{self.last_dated[4:8]}{int(m[1]):02d}"  # "April 24 and 25"
        if len(text) == 2 and text.isdigit() and self.last_year_mentioned:  # the end of a range, "1957-58"
            return f"{self.last_year_mentioned // 100:02d}{text}"
        if m := THAT_YEAR.fullmatch(text):  # "June last year", "Feb. 3 this year", "April of that year"
            named = find_date(m[1])
            day = named[0] if named else PartialDate(None, MONTHS.get(m[1].lower().rstrip("."), 1))
            which = m[2].lower()
            year = self.last_year_mentioned if which.startswith(("that", "the ")) else None
            year = year or self.year
            return day.with_year(year + YEAR_STEPS[which]).iso() if year else None
        if lowered.startswith(("last ", "next ")):
            return None  # "last Oct. 23": strictly before publication, as "last October" (`_relative`)
        text = _year_in_digits(text)
        found = _date_written(text) if DIGIT.search(text) else None  # a date in words has a day or a year in digits
        if not found:
            month = MONTHS.get(text.lower().rstrip("."))
            if month and self.day and DELIVERY_MONTH.match(self.following):
                return _delivery_month(month, self.day)
            # "the market usually peaks in December": every year's (of no year known, any month is so written)
            if month and self.year is not None and self._every_year(when):
                return f"XXXX-{month:02d}"
            return self._month_day(PartialDate(None, month), when) if month else None
        day, weekday = found
        if day.year is not None:
            return day.iso()
        return self._month_day(day, when, weekday=weekday)

    def _month_day(self, day: PartialDate, when: Tense, strict: bool = False, weekday: str | None = None) -> str:
        """A month, or a month and day, without a year: of the year that puts it closest to publication.

        What will happen is after the publication date, what happened before it, unless it is a time
        limit that the past set, a few months ahead at most ("extended to Nov. 16"); `strict`: always.
        A weekday written with it ("Saturday, April 25") leaves only the years it falls on.
        """
        if self.year is None:
            return f"XXXX-{day.month:02d}" + (f"-{day.day:02d}" if day.day else "")
        year, today = self.year, self.day
        if today:
            years = [y for y in (year - 1, year, year + 1) if day.day != 29 or day.month != 2 or calendar.isleap(y)]
            if not years:  # 29 February, and no leap year near
                return "XXXX-02-29"
            if weekday and day.day:
                number = WEEKDAYS.index(weekday.lower())
                years = [y for y in years if date(y, day.month, day.day).weekday() == number] or years
            year = min(years, key=lambda y: self._days_off(today, y, day, when, strict))
        return PartialDate(year, day.month, day.day).iso()

    def _days_off(self, today: date, year: int, day: PartialDate, when: Tense, strict: bool) -> int:
        """How many days that day of that year is from `today`, and more when the tense says it is not."""
        length = calendar.monthrange(year, day.month)[1]
        first = date(year, day.month, min(day.day or 1, length))
        last = date(year, day.month, min(day.day or length, length))
        days = max((first - today).days, (today - last).days, 0)
        if strict and first <= today <= last:
            return NEVER  # "last March", "next March" said in March: a year away
        if last < today and when() == "future":
            return days + NEVER
        if first > today and when() == "past":
            # a time limit, or a day named with its month: a writer gives the year of a day of last year, seldom of
            # this year's ("elections on September 22", "Le Monde, dated Aug 27"); not a period's end ("ended Jan. 31")
            set_ahead = DEADLINE.search(self.preceding) or (day.day and not ENDED.search(self.preceding))
            set_ahead = set_ahead or PLANNED_EVENT.search(self._clause_before())
            at_a_past_event = AT_AN_EVENT.search(self.preceding) and not LOOKS_AHEAD.search(self._clause_before())
            limit = set_ahead and not PERIOD_TO.search(self.preceding) and not at_a_past_event
            return days + (LIMIT_AHEAD if limit and not strict else NEVER)
        return days

    # --- "last month", "this week", "next year", "last summer", "the previous year" -------------------

    def _relative(self, text: str, when: Tense) -> str | None:
        lowered = text.lower()
        if (m := LAST_OR_NEXT_DAY.fullmatch(lowered)) and (day := find_date(m[2])):  # "last Oct. 23"
            if day[0].year is not None:
                return day[0].iso()
            return self._month_day(day[0], known("past" if m[1] == "last" else "future"), strict=True)
        m = RELATIVE_UNIT.fullmatch(lowered)
        if m:
            unit = m[3]
            plural = unit.endswith("s") and unit[:-1] in UNIT_CODES | {"weekend": 0}
            # "over the next few days", "in the coming weeks" (as "the weeks ahead"): how long
            ahead = m[1] == "coming" and self.preceding.lower().endswith("the ")
            if (m[2] or plural) and (ahead or EXTENT.search(self.preceding)):
                return duration_value(2 if m[2] == "couple of " else None, unit.removesuffix("s"))
            if m[2] or plural:  # "in the last few months": when
                return "PAST_REF" if m[1] in ("last", "past", "previous") else "FUTURE_REF"
            if (
                unit in ("decade", "century")
                and (m[1] == "past" or (m[1] == "last" and ALL_THROUGH.search(self.preceding)))
                and not self.following.startswith(" of ")  # "the last decade of the century" is one decade
            ):
                return duration_value(1, unit)  # "over the past decade": the ten years to now, not the decade before
            if unit == "fortnight":  # "the past fortnight", "in the next fortnight": two weeks, as "the past two weeks"
                return duration_value(1, unit)
            if RELATIVE[m[1]] == 0 and (month := MONTHS.get(unit.rstrip("."))):
                return self._this_month(month, when)
            if RELATIVE[m[1]] == 0 and unit in WEEKDAYS and when() == "past":  # "the vote was held this Monday"
                return self._named_day(unit, when)
            return self._shifted(unit, RELATIVE[m[1]], anaphoric=m[1] in ("previous", "following", "that"))
        named = SEASON_OF_YEAR.fullmatch(_year_in_digits(lowered))  # "summer", "the summer of 2012", "summer 2012"
        if named and named[2]:
            return f"{named[2]}-{SEASONS[named[1]][0]}"
        if named and self.year is not None and self._every_year(when):
            return f"XXXX-{SEASONS[named[1]][0]}"  # "the pass usually closes in winter": every year's
        return self._season(named[1], 0, when) if named and self.year is not None else None

    def _every_year(self, when: Tense) -> bool:
        """Whether the expression's clause tells what happens every year, where a month or a season is no one
        year's ("the pass usually closes in winter"; not "held every year since 1990, it will be in June")."""
        if when() == "future":
            return False
        clause = self._clause() if self.at >= 0 else self.sentence  # where in its sentence is not known: all of it
        lowered = clause.lower()  # the words' test first: most clauses hold none, and it is quicker than the pattern
        every = any(word in lowered for word in EVERY_YEAR_WORDS) and EVERY_YEAR.search(clause) is not None
        one_year = "year" in lowered and ONE_YEAR.search(clause) is not None
        return not one_year and (every or (when() == "present" and USUALLY.search(clause) is not None))

    def _clause(self) -> str:
        """The expression's clause; for a date that opens its sentence, with the clause after it ("In the summer,
        the town often empties")."""
        before = self._clause_before()
        end = self._clause_end(self.at + 1)
        if self.sentence.startswith(",", end) and len(before.split()) <= 2:
            end = self._clause_end(end + 1)
        return before + self.sentence[self.at : end]

    def _clause_before(self) -> str:
        """The expression's clause up to it."""
        at = max(self.at, 0)
        return self.sentence[clause_start(self.sentence, at) : at]

    def _clause_end(self, start: int) -> int:
        """Where the clause that goes on at `start` ends in the expression's sentence."""
        after = CLAUSE_BREAK.search(self.sentence, start)
        return after.start() if after else len(self.sentence)

    def _this_month(self, month: int, when: Tense) -> str:
        """ "this May": the publication year's, or next year's when it is over and the clause looks ahead."""
        if self.year is None:
            return f"XXXX-{month:02d}"
        over = self.day is not None and month < self.day.month
        return f"{self.year + (when() == 'future' and over):04d}-{month:02d}"

    def _shifted(self, unit: str, delta: int, anaphoric: bool) -> str | None:
        """A unit of time this many steps from the publication date (or from the last year named)."""
        year = self.last_year_mentioned if anaphoric and self.last_year_mentioned else self.year
        if unit in SEASONS:
            return self._season(unit, delta)
        if unit in WEEKDAYS:  # "the previous Friday": before the day last named
            start = date.fromisoformat(self.last_day) if anaphoric and self.last_day else None
            return self._weekday(WEEKDAYS.index(unit), 1 if delta >= 0 else -1, strict=delta != 0, start=start)
        month = MONTHS.get(unit.rstrip("."))
        if month:  # "last August": the latest August before the publication date
            return self._month_day(PartialDate(None, month), known("past" if delta < 0 else "future"), strict=True)
        if year is None:
            return UNKNOWN_UNITS.get(unit)
        if unit == "year":
            return f"{year + delta:04d}"
        if unit == "decade":
            return f"{(year // 10 + delta):03d}"
        if unit == "century":
            return f"{(year // 100 + delta):02d}"
        # "the following month", "that week": from the month or day last named
        if (
            anaphoric
            and unit in ("month", "week")
            and self.last_dated
            and (moved := self._moved(unit, delta, self.last_dated))
        ):
            return moved
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

    def _season(self, name: str, delta: int, when: Tense = present) -> str | None:
        """ "last summer", "this summer", "next summer"; a season named alone ("in the autumn") in the tense of
        its clause: one that has not begun is last year's in the past, one that has ended next year's in the future."""
        code, first_month = SEASONS[name]
        if self.year is None:
            return f"XXXX-{code}"
        month = self.day.month if self.day else 6
        year = self.year
        if delta < 0:
            year -= 0 if month > first_month + 2 else 1  # "last summer": the latest that has ended
        elif delta > 0:
            year += 0 if month < first_month else 1
        elif when() == "past" and month < first_month < 12:  # a winter begun in December runs into the next year
            year -= 1
        elif when() == "future" and month > first_month + 2:
            year += 1
        return f"{year}-{code}"

    # --- "Tuesday", "today", "Christmas" ----------------------------------------------------------------

    def _named_day(self, text: str, when: Tense) -> str | None:
        text = text.lower()
        if text in WEEKDAYS:
            weekday = WEEKDAYS.index(text)
            # no day to count from, or one of its kind: no tense makes it a day of a known week
            if self.day is None or (
                f" {self.preceding}".endswith(INDEFINITE_ARTICLE) and PHRASE_END.match(self.following)
            ):
                return f"XXXX-WXX-{weekday + 1}"
            if weekday == self.day.weekday():  # the day of publication, in any tense: the clause needs no reading
                return self.day.isoformat()
            said = when()
            if said == "present" and CLOSING.match(self.following):
                said = "past"
            if said == "present" and self._timetable():
                said = "future"
            if said == "present" and self.day:  # the closest such day, the past one in a tie
                ahead = (weekday - self.day.weekday()) % 7
                return self._weekday(weekday, 1 if 0 < ahead < 7 - ahead else -1, strict=False)
            return self._weekday(weekday, 1 if said == "future" else -1, strict=False)
        offsets = {"today": 0, "yesterday": -1, "tomorrow": 1}
        if text in offsets:
            if self.day is None:  # no date to count from: "today" is now, "yesterday" a day not known
                return "XXXX-XX-XX" if offsets[text] else "PRESENT_REF"
            return (self.day + timedelta(days=offsets[text])).isoformat()
        which, _, name = text.replace("’", "'").partition(" ")
        if which not in ("last", "next", "this"):
            which, name = "", text.replace("’", "'")
        week = name.endswith(" week")  # "Easter week": the week the holiday falls in, from its Monday
        name = name.removesuffix(" week")
        if self.year is None or _holiday(name, self.year) is None:
            return None
        days = [day for year in (self.year - 1, self.year, self.year + 1) if (day := _holiday(name, year))]
        if week:
            days = [day - timedelta(days=day.weekday()) for day in days]
        chosen = self._nearest_holiday(days, which, when) if self.day else days[1]
        if week:
            year, number, _ = chosen.isocalendar()
            return f"{year:04d}-W{number:02d}"
        return chosen.isoformat()

    def _timetable(self) -> bool:
        """Whether the expression's clause tells what is timetabled in the present ("the trial opens on Monday")."""
        before = self.sentence[max(0, self.at - 60) : self.at] if self.at > 0 else ""
        return _Cues(before).scheduled and NOUN_PRESENT_VERB.search(before) is not None

    def _nearest_holiday(self, days: list[date], which: str, when: Tense) -> date:
        """The latest up to publication, or the first from it when it is to come; "last", "next": strictly."""
        today = self.day or days[1]
        if which == "last":
            return max(day for day in days if day < today)
        if which == "next":
            return min(day for day in days if day > today)
        if when() == "future":
            return min(day for day in days if day >= today)
        if when() == "past":
            return max(day for day in days if day <= today)
        return min(days, key=lambda day: abs((day - today).days))

    def _weekday(self, weekday: int, direction: int, strict: bool, start: date | None = None) -> str:
        """The closest such day before (direction -1) or after (+1) the publication date (or `start`)."""
        start = start or self.day
        if start is None:
            return f"XXXX-WXX-{weekday + 1}"
        step = 1 if direction > 0 else -1
        day = start + timedelta(days=step) if strict else start
        while day.weekday() != weekday:
            day += timedelta(days=step)
        return day.isoformat()


Rule = Callable[[Normaliser, str, Tense], str | None]
RELATIVE_START = re.compile(r"(?:" + "|".join(RELATIVE) + r")\s")
UNIT_AT_END = re.compile(r"[\s-](?:" + "|".join(UNIT_CODES) + r")s?$")  # as DURATION's count and unit end


def _may_be_reference(text: str) -> bool:
    """Whether `Normaliser._reference` may give `text` a value: one of its words alone, or one where it is."""
    lowered = text.lower().removeprefix("the ").removeprefix("early ")
    return lowered in ("current", "one day") or vague_reference(lowered) is not None


def _may_be_calendar(text: str) -> bool:
    """Whether `text` has what each way of `Normaliser._calendar` to a value needs: a digit, a year spelled, a decade or
    a century, a month's name, "year"."""
    lowered = text.lower()
    return (
        DIGIT.search(text) is not None
        or text.isdigit()
        or lowered.endswith(("s", "century"))
        or "year" in lowered
        or lowered.startswith(("eighteen", "nineteen", "twenty", "two thousand"))
        or lowered.rstrip(".") in MONTHS
        or _year_in_digits(text) != text
    )


# The rules `Normaliser._first_value` tries, in order, each with what the expression's words must have for it to give a
# value (None: anything): a rule whose test fails would give none and is not tried. The rules to try are kept per
# expression's words ("Sunday", written thousands of times, is given to `_named_day` alone). A rule made to value
# more must widen its test here too (tests/unit/test_timex.py tries every skipped rule on its examples).
RULES: tuple[tuple[Rule, Callable[[str], object] | None], ...] = (
    (Normaliser._reference, _may_be_reference),
    (
        Normaliser._every,  # "annually", "twice a week", "every Monday", "Mondays"
        lambda text: (
            (lowered := text.lower()) in EVERY
            or lowered.startswith(("every ", "each ", "once ", "twice ", "thrice "))
            or " times " in lowered
            or lowered.endswith("days")
        ),
    ),
    (
        Normaliser._clock,  # "3 p.m.", "noon Thursday", "three in the morning"
        lambda text: text[:1].isdigit() or " the " in text or text.lower().startswith(("noon", "midnight", "midday")),
    ),
    (Normaliser._day_around, lambda text: text[:4].lower() in ("the ", "that")),  # "the next day", "that evening"
    (Normaliser._part_of_day, lambda text: any(part in text.lower() for part in DAY_PARTS)),
    (Normaliser._quarter, lambda text: "quarter" in (lowered := text.lower()) or "half" in lowered),
    (Normaliser._fiscal_year, lambda text: "fiscal" in text.lower()),
    (Normaliser._year_earlier, lambda text: "year" in (lowered := text.lower()) or "period" in lowered),
    (  # "four years ago", "two weeks later", "the year before"
        Normaliser._ago,
        lambda text: text.lower().endswith(("ago", "earlier", "later", "from now", "before", "after")),
    ),
    (Normaliser._the_unit, lambda text: text[:4].lower() == "the "),
    (Normaliser._duration, lambda text: UNIT_AT_END.search(_without_half(text.lower()))),
    (Normaliser._calendar, _may_be_calendar),
    (  # "last month", "the following year", "summer"
        Normaliser._relative,
        lambda text: RELATIVE_START.match(lowered := text.lower()) or any(season in lowered for season in SEASONS),
    ),
    (Normaliser._named_day, None),
)


@lru_cache(maxsize=4096)
def _rules_for(text: str) -> tuple[Rule, ...]:
    """The rules that may give `text` a value, in the order they are tried."""
    return tuple(rule for rule, may_apply in RULES if may_apply is None or may_apply(text))


def _ordinal_number(word: str) -> int | None:
    ordinals = (
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
        "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
    ).split()
    if word == "twenty-first":
        return 21
    return ordinals.index(word) + 1 if word in ordinals else None


# A sentence ends at . ! ? before a capital, a quote or a digit, unless the full stop ends an
# abbreviation ("D.C.", "Ms.", "Corp.", a month's "Sept." before its day) or "a.m." before a time zone ("9 a.m. EST
# Tuesday"); and at a line break. (Each way begins with its own character, as CLAUSE_BREAK's.)
AFTER_A_STOP = (
    r"(?!\s+(?:GMT|BST|[ECMP][SD]T|ET)\b)(?<!\b[A-Z]\.)(?<!\b(?:Mr|Ms|Dr|St|Co|No|Jr|Sr|Lt|Mt|vs)\.)"
    r"(?<!\b(?:Mrs|Gen|Sen|Rep|Gov|Inc|Ltd|Col|Sgt|Maj|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.)"
    r"(?<!\b(?:Corp|Capt|Prof|Sept)\.)[\"'”’)]*\s+(?=[^a-z\s])"
)
SENTENCE_OR_LINE_BREAK = re.compile("|".join((*(rf"\{stop}{AFTER_A_STOP}" for stop in ".!?"), r"\n")))


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of the sentence around text[start:end] (looking back at most 1,000 characters)."""
    for back in (200, 1000):  # most sentences begin within 200 characters: look there first
        window_start = max(0, start - back)
        breaks = [m.end() for m in SENTENCE_OR_LINE_BREAK.finditer(text, window_start, start)]
        if breaks or window_start == 0:
            break
    after = SENTENCE_OR_LINE_BREAK.search(text, end)
    return (breaks[-1] if breaks else window_start), (after.start() + 1 if after else len(text))


class Timex(NamedTuple):
    """A time expression in a text: where it is, its TIMEX3 type and value (a named tuple: quick to make)."""

    text: str
    start: int
    end: int
    type: str
    value: str | None


SET_EXPRESSION = re.compile(
    r"(?i:every|each|once|twice|thrice|.+\stimes)\s.*|(?i:annually|yearly|daily|weekly|monthly|quarterly|hourly)"
    r"|[A-Z][a-z]+days(?:\s\w+)?"
    r"|[A-Z][a-z]+day\s\w+s"
)


def timex_type(expression: str, value: str | None) -> str:
    """DATE, TIME, DURATION or SET, as TIMEX3 types them."""
    if SET_EXPRESSION.fullmatch(expression):
        return "SET"
    if value and value[0] == "P" and value[1:2] and value[1] in "0123456789XT":
        return "DURATION"
    if value and "T" in value[4:] and not value.endswith("_REF"):
        return "TIME"
    return "DATE"


def find_timexes(body: str, published: str | None) -> list[Timex]:
    """Every time expression of a body with its type and value against the publication date."""
    normaliser = Normaliser(published)
    found = []
    for text, start, end in find_date_expressions(body):
        value = normaliser.value_at(body, start, end)
        found.append(Timex(text, start, end, timex_type(text, value), value))
    return found
