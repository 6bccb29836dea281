"""Time expressions in running text (TimeML's TIMEX3: DATE, TIME, DURATION, SET): where they are.

Each rule below is one kind of expression, written with <NAME>s for the pieces in PIECES.
`_expressions` tries them in order at each place in the text, so a kind comes before a shorter one
it may start with. Words that may open a sentence match in any case; month and weekday names only
capitalised. Their values are worked out in `timex.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import NamedTuple

from newsreader.analysis.date_words import SEASONS
from newsreader.ingest.dates import MONTHS, WEEKDAYS

# Holidays a news text names without a date (their days are worked out in analysis/timex.py).
HOLIDAYS = tuple(
    (
        "Christmas Day, Christmas Eve, Christmas, Easter Sunday, Easter Monday, Easter, Good Friday, New Year's Day, "
        "New Year's Eve, Thanksgiving Day, Thanksgiving, Election Day, Independence Day, Labor Day, Memorial Day, "
        "Veterans Day, Valentine's Day, Halloween, Boxing Day, Bastille Day"
    ).split(", ")
)
PIECES = {
    # spaces with at most one line break: no date spans paragraphs (not a group: written 199 times, its length is
    # the compiling's; "(?:<SP>)?" where it may be left out)
    "SP": r"(?:[^\S\n]+\n?|\n)[^\S\n]*",
    "MONTH": r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)",
    "WEEKDAY": r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)",
    "SEASON": "(?:" + "|".join(SEASONS) + ")",
    "UNIT": r"(?:minute|hour|day|week|fortnight|month|quarter(?!s?\s+of\b)|year|decade|century|centurie)s?",
    # "last week", but not "the last day of the season": a day is only ever counted ("two days ago").
    "PERIOD": r"(?:week|weekend|fortnight|month|year|decade|century|quarter)",
    "DAY": r"(?<!\d[.,:])[0-3]?\d(?:st|nd|rd|th)?",
    # a year, not a figure: "2004 percent", "1920 x 1080 pixels"
    "YEAR": r"(?:1[89]\d\d|20\d\d)(?!\d|%|[.,]\d|\s*[x×*]\s*\d|\s*(?:per\b|percent|m\b|km|kg|GMT|BST|hours|people"
    r"|votes|units|pence|points))",
    "MODIFIER": r"(?i:(?:early|mid|late|(?:the )?(?:end|beginning|start|middle) of)[\s-]+)?",
    "RELATIVE": r"(?i:last|next|this|previous|current|coming|past|following|that)",
    "TENS": r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)",
    "ORDINAL": r"(?:first|second|third|fourth|1st|2nd|3rd|4th|final|last|latter)",
    "COUNTED": r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,3}(?:st|nd|rd|th))",
    "ZONE": r"(?:GMT|BST|[ECMP][SD]T|ET)",
    "PART_OF_DAY": r"(?:day|morning|afternoon|evening|night)",
    "HOLIDAY": "(?:" + "|".join(name.replace("'", "['’]") for name in HOLIDAYS) + ")",
}
# After a time word without its article ("that night", "in spring"): the end of a phrase, not a noun it qualifies
# ("said that night raids would stop", "after winter storms").
PIECES["THEN"] = (
    r"(?=\s*(?:[^\w\s]|\n|$)|<SP>(?:and|or|but|when|as|at|in|on|to|for|with|after|before|until|while|if|he|she|it"
    r"|they|we|I|you|the|a|an|this|that|its|his|her|their|is|are|was|were|will|would|has|have|had|could|should|may"
    r"|might)\b)"
)
PIECES["PER_UNIT"] = r"(?:annually|yearly|daily|weekly|monthly|hourly)"
PIECES["NUMBER"] = (
    r"(?:\d[\d,]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|<TENS>(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|a hundred|one hundred|hundreds of|thousands of|a few|a couple of|several|many|some|a dozen|dozens of)"
)
# A count after "the past" makes it a determiner of what is counted ("the past three sessions", "the past four
# films", "the fifth month in the past six"), not the past
PIECES["COUNT"] = (
    r"(?:\d|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|<TENS>|few|several|couple|dozen|quarter)\b)"
)
# "half a century", "a quarter of an hour", "three quarters of a year"
PIECES["PART"] = r"(?:(?:(?:three<SP>)?quarters?<SP>of<SP>|half<SP>)(?=an?<SP>))"
# How far from exact a duration is, which TimeML takes in ("nearly two weeks"); not a preposition ("within two
# weeks") nor a focus ("only six months", "just a few minutes"), which say nothing of its length
APPROXIMATELY = (
    "nearly|almost|about|around|over|more than|less than|fewer than|at least|up to|roughly|some|no more than"
    "|the better part of"
)
PIECES["ABOUT"] = rf"(?:(?:{APPROXIMATELY})<SP>)?"
PIECES["HALF"] = r"(?:<SP>1/2|½|<SP>and<SP>a<SP>half)"  # "2 1/2 years", "two and a half years", "a year and a half"
PIECES["CLOCK"] = (
    r"(?:\d{1,2}(?:[:.]\d\d)?(?:<SP>)?(?:a\.m\.|p\.m\.|am\b|pm\b)|(?:\d{1,2}:\d\d|[0-2]\d[0-5]\d)(?=\s*<ZONE>|<SP>local\b)"
    r"|(?<=\b[Aa]t )(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])|(?<![Hh]igh )noon"
    r"|midnight|midday|(?:\d{1,2}(?::\d\d)?|(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))"
    r"(?:<SP>o'clock)?<SP>in<SP>the<SP>(?:morning|afternoon|evening))"
    r"(?:<SP>(?:<ZONE>|local time))?"
)
PIECES["CALENDAR_DAY"] = (
    r"(?:<WEEKDAY>,?<SP>)?(?:<MONTH><SP><DAY>|<DAY><SP><MONTH>|<WEEKDAY>|(?i:today|yesterday|tomorrow))"
)
PIECES["TO_DAY"] = r"(?:<SP>(?:and|to|or)<SP>|[-–])<DAY>"  # the last day of a range: "-25", " and 25"
# "nineteen ninety-six", "two thousand and one" (not "two thousand" alone: "in May two thousand people marched")
PIECES["SPELLED_YEAR"] = (
    r"(?i:(?:eighteen|nineteen)[- ](?:<TENS>(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven"
    r"|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred)"
    r"|two<SP>thousand[- ](?:and<SP>)?(?:one|two|three|four|five|six|seven|eight|nine|ten))"
)
# "2020", "last year", "of that year", "the following year", "nineteen ninety"
PIECES["WHICH_YEAR"] = (
    r"(?:,?<SP><YEAR>|,?<SP>(?i:this|last|next|(?:of<SP>)?(?:that|the<SP>(?:same|following|next|previous)))<SP>"
    r"year(?![\w'-])|<SP><SPELLED_YEAR>)"
)
PIECES["YEAR_OF"] = (
    r"(?:<SP>(?i:of<SP>)?(?i:fiscal<SP>)?<YEAR>|<SP>(?i:of<SP>(?:the|this|last|next)<SP>(?:fiscal<SP>)?year(?![\w'-])))"
)


def _pattern(rule: str) -> str:
    """A rule with its <NAME>s replaced by their pieces, which may hold pieces themselves."""
    while "<" in rule and (expanded := re.sub(r"<([A-Z_]+)>", lambda m: PIECES[m[1]], rule)) != rule:
        rule = expanded
    return rule


RULES = {
    # "3 p.m.", "noon Thursday", "5 p.m. EST, Nov. 6", "10 p.m. on Oct. 23, 1998", "midnight of 31 December"
    "clock time": r"<CLOCK>(?:,?<SP>(?:(?:on|of)<SP>)?<CALENDAR_DAY>(?:,?<SP><YEAR>)?)?",
    # "the next day", "the following morning", "the day before", "the year after", "earlier that day", "that same
    # day"; ("that day" alone is more often a day of no date: "the offer ends that day")
    "day around another": r"(?i:(?:earlier|later)<SP>that<SP>(?:same<SP>)?<PART_OF_DAY>|(?:that|the)<SP>same<SP>day"
    r"|that<SP>(?:morning|afternoon|evening|night)(?:(?=['’]s\b)|<THEN>)"
    r"|the<SP>(?:next|following|previous|preceding)<SP><PART_OF_DAY>"
    r"|the<SP>(?:day|week|month|year)<SP>(?:before|after)(?=\s*[^\w\s])"
    # "the day before last Tuesday", "the day after Christmas", "the day before yesterday": a day from the day named
    r"|the<SP>day<SP>(?:before|after)<SP>(?:(?:last|next|this)<SP>)?(?-i:<WEEKDAY>|<MONTH><SP><DAY>|<DAY><SP><MONTH>"
    r"|<HOLIDAY>|(?i:yesterday|today|tomorrow))(?![\w-])"
    # "today is the eighth day of the siege", "it's the second day of the strike": the day of writing
    r"|(?:(?<=\btoday is )|(?<=\bit is )|(?<=\bit's )|(?<=\bit’s ))the<SP><COUNTED><SP>day"
    r"(?=<SP>of\b))",
    # "this morning", "last night", "Tuesday morning", "tonight", "Saturday nights"
    "part of a day": r"(?i:(?:later|earlier)<SP>)?(?:(?i:this|last|tomorrow|yesterday)|<WEEKDAY>)<SP>"
    r"(?i:(?:morning|afternoon|evening|night)s?)|(?i:tonight|overnight)|(?i:(?:early|late|mid)[\s-]?(?:morning"
    r"|afternoon|evening))(?:<SP>(?:(?i:today|yesterday|tomorrow)|<WEEKDAY>))?",
    # "every Monday", "each month", "every two years", "annually", "Mondays" (and "twice a week": see HOW_OFTEN)
    "set": r"(?i:(?:every|each)<SP>(?:(?:other<SP>)?(?:(?-i:<WEEKDAY>|<MONTH>)|<PERIOD>|day|<SEASON>)"
    r"|(?:few|<NUMBER>)<SP><UNIT>)|<PER_UNIT>)|<WEEKDAY>s",
    # "the third quarter", "third-quarter", "the year-earlier quarter", "the 1988 second quarter", "fourth quarters"
    "quarter": r"(?i:(?:(?:the|its|this|that)<SP>)?(?:(?:latest|current|same|comparable|corresponding|year-earlier"
    r"|year-ago|previous|past|last|next|coming|fiscal|recent|(?:this|last|next) year's|<YEAR>(?:'s)?|<ORDINAL>)"
    r"[\s-]+){0,3}quarter<YEAR_OF>?(?![\s-]+(?:of(?!\s+[$£€\d])|point|mile|century|hour|per|final)\b)"
    r"|(?:<ORDINAL>|future|coming|recent|past|previous)[\s-]+quarters(?![\s-]+of\b))",
    # "the first half", "first-half", "the second half of 1989"
    "half": r"(?i:(?:(?:the|its)<SP>)?(?:<YEAR><SP>)?(?:first|second|last|latter)[\s-]+half<YEAR_OF>?(?!<SP>of\b))",
    # "fiscal 1999", "the current fiscal year"
    "fiscal year": r"(?i:fiscal<SP>(?:year<SP>)?<YEAR>|(?:(?:current|latest|next|last|previous|past|coming|same)"
    r"<SP>)?fiscal[\s-]+year(?:<SP><YEAR>)?)",
    # "the year-earlier period", "year-ago", "the 1988 period", "the same period last year"
    "year-earlier period": r"(?i:(?:(?:comparable|corresponding|same)<SP>)?year[- ](?:earlier|ago)"
    r"(?:<SP>(?:period|quarter))?|(?<=the )<YEAR><SP>period|the<SP>latest<SP>period"
    r"|(?:the<SP>)?(?:comparable|corresponding|same)<SP>period<SP>(?:(?:of|in)<SP>)?(?:last<SP>year|a<SP>year<SP>"
    r"(?:earlier|ago))(?![\w'-]))",
    # "a day-long meeting", "a decades-long feud"
    "lasting": r"(?i:(?:an?<SP>)?<UNIT>-long)",
    # "three years", "the past two weeks", "a decade", "the first nine months", "two-year", "30-day";
    # not "for the 2005 year.", which is the year 2005 ("a 2000 year history" is a length)
    # "four years ago", "a year earlier", "nearly two weeks ago", "a week or so ago"
    "duration": r"(?i:(?:(?:the|a|an)<SP>)?(?:(?:past|last|next|first|coming|previous|following|latest|final"
    r"|remaining|additional|further|same|full|entire|whole|initial)<SP>)?<ABOUT><PART>?(?!<YEAR><SP>year<THEN>)<NUMBER>"
    r"(?: thousand)?<HALF>?"
    r"(?:<SP>(?:to|or)<SP><NUMBER>)?(?:<SP>(?:more|additional|straight|consecutive|full|trading|business|working))?[\s-]+<UNIT>"
    r"<HALF>?(?:(?:<SP>or so)?<SP>(?:ago|earlier|later|from now))?(?!<SP>old\b))",
    # "earlier this year", "later this month", "earlier in the year", "the end of the year", "year-end"
    "within a period": r"(?i:(?:earlier|later|early|late)<SP>(?:this|last|next)<SP><PERIOD>|(?:earlier|later)<SP>"
    r"in<SP>the<SP>(?:year|month|week|day)|(?:the<SP>)?(?:end|beginning|start|middle)<SP>of<SP>"
    r"(?:the|this|last|next)<SP><PERIOD>|year[- ]end|year's end)",
    # "17th February, 2020", "Tuesday, 14 January 2020", "19 October"
    # "24-25 April 1999", "10 and 12 March": two days, as two expressions
    "day and month": r"<MODIFIER>(?:<WEEKDAY>,?<SP>)?<DAY>(?:<TO_DAY>)?<SP>(?:of<SP>)?<MONTH><WHICH_YEAR>?",
    # "January 14, 2020", "Friday Oct. 13", "January 3", "May 2018", "end of February", "June last year"
    # "April 24 and 25", "March 5-7", "April 24-25, 1999": two days, as two expressions
    "month": r"<MODIFIER>(?:<WEEKDAY>,?<SP>(?=<MONTH><SP>\d))?<MONTH>(?:<SP><DAY>(?![\d,.]*\d)(?:<WHICH_YEAR>"
    r"|<TO_DAY>(?:<WHICH_YEAR>|(?![\d,.]*\d|,?<SP>\d)))?|<WHICH_YEAR>)?",
    # "2009-2010", "1957-58": two years, as two expressions
    "year range": r"<YEAR>[-–/](?:<YEAR>|\d\d(?!\d))",
    # "2015", "late 2007", "the 1990s", "mid-1980s", "the '80s", "the nineties", "the 20th century"
    "year or decade": r"(?:<MODIFIER>|(?i:pre|post)-)<YEAR>s?|(?<=the )'\d0s"
    r"|(?<=the )(?i:(?:twen|thir|for|fif|six|seven|eigh|nine)ties)|(?i:(?:\d{1,2}(?:st|nd|rd|th)|first|second|third"
    r"|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth"
    r"|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)[\s-]+century)",
    # "last month", "this summer", "the next decade", "last few months", "last Tuesday", "last August"
    # ("that" before a weekday or a month is most often a conjunction: "said that Thursday's meeting")
    "relative": r"(?!(?i:that)<SP>(?:<WEEKDAY>|<MONTH>))<RELATIVE><SP>(?:(?i:(?:few|couple<SP>of)<SP>)?"
    r"(?i:<PERIOD>s?(?!<SP>of<SP>(?:an?|the)\b)|<SEASON>)|(?i:(?:few|couple<SP>of)<SP>days|(?<=coming\s)days)|<WEEKDAY>|<MONTH>(?:<SP><DAY>(?![\d,.]*\d)(?:,?<SP><YEAR>)?)?)",
    # "now", "currently", "recently", "recent years" (without its "in", as TimeML has it), "the past", "the near
    # future", "these days", "the near term"; not a "current account" or "current affairs"
    "present or vague": r"(?i:right now|just now|now|currently|recently|more recently|nowadays|these days"
    r"|at the moment|at present|lately|recent<SP>(?:years|months|weeks|days)"
    r"|current(?!<SP>(?:account|affairs))|recent"
    r"|the<SP>(?:near<SP>)?(?:past|future)(?!<SP>(?:of\b|(?:[\w-]+<SP>){0,2}(?:<UNIT>|<SEASON>s?)\b|<COUNT>))"
    r"|the<SP>(?:near|short|long|longer)<SP>term)",
    # "for years", "within weeks or months", "in the days ahead", "months ago": some of that unit
    "some units": r"(?:(?<=\b[Ff]or )|(?<=\b[Ii]n )|(?<=\b[Ww]ithin )|(?<=\b[Oo]ver ))(?i:(?:minute|hour|day|week"
    r"|month|year|decade|centurie)s(?:<SP>or<SP>(?:day|week|month|year|decade)s)?)"
    r"|(?i:the<SP>(?:day|week|month|year)s<SP>ahead)"
    # "over the years", "in the years that followed", "in the early years"; not "the days before the shooting",
    # "the weeks preceding the vote", "the years of the war": those are told from an event
    r"|(?:(?<=\b[Ii]n )|(?<=\b[Oo]ver )|(?<=\b[Dd]uring )|(?<=\b[Tt]hrough ))(?i:the<SP>(?:early<SP>)?(?:day|week"
    r"|month|year|decade)s)(?!<SP>(?:before|after|of|since|between|when|preceding|following|leading|prior)\b)"
    # "months ago"; "weeks later", of which "later" says after what (as "three days later")
    r"|(?i:(?:minute|hour|day|week|month|year|decade)s(?:<SP>ago\b|(?=<SP>(?:later|earlier)\b)))",
    # "nineteen ninety-six", "the year two thousand"
    # ("two thousand" alone only after a word of when, at a phrase's end: "some two thousand soldiers" are a count)
    # (the look ahead first: most places are not "two", and it fails there sooner than the look behinds)
    "spelled year": r"(?i:the<SP>year<SP>(?:<SPELLED_YEAR>|two<SP>thousand)|<SPELLED_YEAR>|(?=two\s)(?:(?<=\bin )"
    r"|(?<=\bby )|(?<=\buntil )|(?<=\bsince )|(?<=\bbefore )|(?<=\bafter ))two<SP>thousand<THEN>)",
    # "the year", "over the weekend", "the week"
    "the period": r"(?i:the<SP>(?:(?:full<SP>)?year|week(?:<SP>of<SP>(?-i:<MONTH>)<SP><DAY>)?|weekend))",
    # "Tuesday", "today", "Christmas", "last Thanksgiving", "Easter week"
    "named day": r"<WEEKDAY>|(?i:yesterday|tomorrow|today)"
    r"|(?:(?i:last|next|this)<SP>)?<HOLIDAY>(?:<SP>week(?![\w-]))?",
    # "the summer", "the early summer", "the summer of 2012", "spring 2011"
    "season": r"(?:(?<=\b[Tt]he\s)(?i:(?:early|late|mid)[\s-]+)?<SEASON>(?:<SP>of<SP>(?:<YEAR>|<SPELLED_YEAR>))?"
    r"|(?i:<SEASON>),?<SP><YEAR>"
    # "in spring", "by late summer", "until winter": not "after winter storms", nor "by Winter" (a name), nor "fall",
    # most often a drop
    # (the look ahead first: most places are none of these words, and it fails there sooner than the look behinds)
    r"|(?=(?i:early|late|mid)[\s-]|spring|summer|autumn|winter)(?:(?<=\b[Ii]n )|(?<=\b[Bb]y )|(?<=\b[Uu]ntil )"
    r"|(?<=\b[Tt]ill )|(?<=\b[Ss]ince )|(?<=\b[Dd]uring )|(?<=\b[Bb]efore )|(?<=\b[Aa]fter )|(?<=\b[Tt]hrough ))"
    r"(?:(?i:early|late|mid)[\s-]+)?(?:spring|summer|autumn|winter)<THEN>)",
}


# Kinds written without their "the" ("previous year", "end of February"); the others keep it, as
# TimeML has them ("the third quarter", "the past two weeks").
WITHOUT_THE = ("relative", "within a period", "month", "day and month")
DAY_RULES = ("month", "day and month")
# The kinds told apart once found are the pattern's only groups: each group costs the engine time at every try.
TOLD_APART = (*WITHOUT_THE, "duration")


@cache
def _expression() -> re.Pattern[str]:
    """Every rule as one pattern, those of TOLD_APART each a group named for it: compiled when first used, as it
    takes 60 ms to compile and writing a date in words (with the seasons' names from here) needs none of it."""
    rules = "|".join(
        f"(?P<{name.replace(' ', '_')}>{rule})" if name in TOLD_APART else f"(?:{rule})" for name, rule in RULES.items()
    )
    return re.compile(_pattern(r"(?<![\w'-])(?:" + rules + r")(?![\w-])"))


MONTH_NAMES = PIECES["MONTH"]
PHRASE_END = re.compile(_pattern("<THEN>"))
COUNTED_DAY = re.compile(r"(?i:the " + PIECES["COUNTED"] + " day)")  # "the eighth day"
SPELLED_YEAR_AT_END = re.compile(_pattern(r"(?<=\s)<SPELLED_YEAR>$"))  # "January nineteen ninety-seven"
YEAR_NUMBER = PIECES["YEAR"]
# A month name alone is a date only after words like these ("in June", "from June to December", "a June accord").
MONTH_CONTEXT = re.compile(
    r"(?:\b(?:in|since|until|till|by|from|to|for|during|of|before|after|and|the|a|an|last|next|this|early|late|mid|end|or"
    r"|between|through|on)\s+|-)$",
    re.I,
)
# A month before a traded contract or commodity is its delivery month ("the December contract", "September gasoline
# stood", "for November delivery"), though not before a month's figures ("August copper imports rose").
DELIVERY_MONTH = re.compile(
    r"\s+(?i:(?:contracts?|delivery|futures?|options?|expiry|shipment|loading)\b|(?:(?:unleaded|light|sweet)\s+)?(?:crude|gasoline|heating\s+oil"
    r"|gas\s?oil|natural\s+gas|Brent|WTI|T-bonds?|T-bills?|bonds?|Bunds?|gilts?|euromarks?|eurodollars?|wheat|corn|soybeans?|soyoil|soymeal"
    r"|oats|cotton|coffee|cocoa|sugar|gold|silver|copper|platinum|palladium|aluminium|aluminum|zinc|nickel|cattle|hogs"
    r"|lumber|rubber)\b(?![\s-]+(?:imports?|exports?|output|production|sales|stocks|inventories|data|figures|demand"
    r"|consumption|supply|supplies|prices?|reserves|holdings|crush|purchases|arrivals|shipments|receipts|deliveries|runs"
    r"|throughput|crops?|harvest|plantings?)\b))"
)
# A month's short name without its full stop before a capitalised word is a first name ("Jan Kavan").
FIRST_NAME = re.compile(r"(?:Jan|Jun|Mar|Apr|Aug|Sep|Oct|Nov|Dec|Feb|Jul)\s+[A-Z]")
TITLE_OF = re.compile(r"[A-Z]\w+ of\s+$")
MONTH_BEFORE = re.compile(MONTH_NAMES + r"\s+$")
# A capitalised word before a number makes it a name's ("Euro 2004", "Resolution 2231"), unless it is
# one of these ("In 2011", "Since 1985").
NAME_BEFORE = re.compile(r"([A-Z][\w.-]*)\s+$")
AMOUNT_OR_SIZE_BEFORE = re.compile(r"[£$€#]\s*$|No\.?\s+$|\d\s*[x×*]\s*$")  # "£2004", "No. 10", "1280 x 1920"
NOT_A_NAME = frozenset(
    """in since for by until till during before after from through of and or the between around about early late
    mid last next this fiscal spring summer autumn winter fall to at on as but then also only even that these those
    its their his her our a an each every some all both no""".split()
)
# A time word capitalised after a capitalised word, with no full stop between them, begins no sentence
# (unless that word is one of NOT_A_NAME: "On Christmas Day"); the word before it, if any, is group 1.
AFTER_A_WORD = re.compile(r"(?:(\w)\s+)?\b([A-Z][\w.'’-]*[A-Za-z]) +$")
# Words capitalised wherever they are (British writing capitalises the centuries, American the seasons).
MONTHS_AND_WEEKDAYS = frozenset(w.lower() for w in (*MONTHS, *WEEKDAYS, *SEASONS, "century", "centuries"))
HOLIDAY_WORDS = frozenset(w.lower() for h in HOLIDAYS for w in h.split())
ALWAYS_CAPITALISED = MONTHS_AND_WEEKDAYS | HOLIDAY_WORDS
MONTH_ALONE = re.compile(
    r"^(?i:the\s+|(?:end|beginning|start|middle) of\s+|early\s+|mid\s+|late\s+)?" + MONTH_NAMES + r"$"
)
YEAR_RANGE = re.compile(r"(" + YEAR_NUMBER + r")[-–/](\d+)")
DAY_RANGE = re.compile(r"(.*?\d(?:st|nd|rd|th)?)(?:\s+(?:and|to|or)\s+|[-–])(\d.*)", re.S)
A_UNIT = re.compile(r"(?i)an?\s+\w+")
PER_UNIT = re.compile(r"(?i)annually|yearly|monthly|weekly|daily|hourly")
# Where a sentence, a quotation or a bracket opens: what is written before a word capitalised only for that.
SENTENCE_OPEN = re.compile(r"(?:^|[.!?:;\"“‘'(\n]|(?:^|\n)[ \t]*[-*•–—])\s*$")  # a list's item opens too
EACH_UNIT = re.compile(r"(?i)(?:each|every)\s+(?:day|week|month|year|quarter|hour)")
FRACTION = re.compile(r"(?i)(?:an?\s+)?quarters?")
# A half or a quarter named alone ("in the second half", "a first-half goal", "the final quarter") on a line of no
# trade, in a report of a game (a line or the whole text naming several of its words), is the game's, not the year's.
PART_ALONE = re.compile(r"(?i)(?:(?:the|its)\s+)?(?:first|second|third|fourth|final|last)[\s-]+(?:half|quarter)")
GAME = re.compile(
    r"(?i)\b(?:goals?|goalless|scor(?:ed|es|ing|er|ers)|penalty|penalties|the (?:interval|break|match|game|whistle)"
    r"|half[\s-]time|tries|try|equalis\w+|equaliz\w+|striker|header|free[\s-]kick|sent off|fightback|comeback"
    r"|substitutes?|replacements?|referee|keeper|innings|wickets?|touchdowns?|quarterback|rebounds"
    r"|points? (?:clear|lead))\b"
)
# A report of a game names several of these (looked for as plain text: a pattern over a whole article is slow).
GAME_WORDS = tuple(
    "goal|scored|penalt|half-time|half time|striker|equalis|referee|substitut|replacement|innings|wicket|touchdown"
    "|fightback|free-kick|free kick|sent off|the match|the game|the interval|the ball| tries|victory|defeat".split("|")
)
TRADE = re.compile(
    r"(?i)\b(?:profits?|sales|earnings|revenues?|turnover|economy|economic|growth|shares|investors|fiscal|inflation"
    r"|prices|results|figures)\b|%"
)
# "today's youth", "in today's world", "today's personal computers": nowadays, not the day of writing
NOWADAYS = re.compile(
    r"['’]s\s+(?:[a-z]+\s+)?(?:world|youth|society|generations?|young|children|kids|teenagers|standards|terms|money"
    r"|economy|culture|technology|computers|media|music|politics|politicians|consumers|celebrities|fans)\b"
)
# A length or a part of a year written before the noun it qualifies ("a two-year contract", "its third-quarter profit",
# "a five year low", "a day-long meeting"): its article is the noun's, not the time's, as TimeML has it.
QUALIFIER_ARTICLE = re.compile(
    _pattern(
        r"(?i:(?:the|an?|its|their|that)\s+(?=\S+-(?:minute|hour|day|week|month|quarter|half|year|decade|century"
        r"|long)$|(?!an?\s)<NUMBER>\s+(?:minute|hour|day|week|month|year|decade)$))"
    )
)
A_DROP = re.compile(r"\s+(?:of|in|to|from|below|above|back|by|on)\b")
# Before "a week", "each year", "daily": how many times in it, which the expression takes in ("twice a week", "three
# times a year", "once daily"); found here, as a rule would be tried at every word before a keyword.
HOW_OFTEN = re.compile(
    r"(?i)\b(?:once|twice|thrice|(?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many"
    r"|a\s+few|a\s+dozen|dozens\s+of|hundreds\s+of)\s+times)\s+$"
)
# Before "a year", "annually": an amount or a count of things, which makes it a rate ("$5 a year", "four
# flights a week", "to rise 8.5% annually").
RATE = re.compile(
    r"(?i)(?:\d|%|\b(?:percent|cents?|dollars?|pounds?|euros?|million|billion|times|twice|once|per)"
    r"|\b(?:\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands)\s+[a-z]+s)\s*$"
)

# Every expression holds one of these words, a number that may be part of one, or a word ending in
# "day" or "night". The rules run only at the words just before them: Python's regular expressions
# try every alternative at every place in a text, several times slower than finding these first.
KEYWORDS = tuple(
    """year years yearly month months monthly week weeks weekly weekend weekends quarter quarters hour hours hourly
    minute minutes decade decades century centuries fortnight half now nowadays current currently recent
    recently past future moment present lately morning mornings afternoon afternoons evening evenings noon
    midday annually daily fiscal spring summer autumn fall winter christmas easter thanksgiving halloween
    tomorrow nineteen eighteen thousand twenties thirties forties fifties sixties seventies eighties nineties
    period term""".split()
)
# A keyword's other forms are found with it: "year" finds "years" and "yearly" too.
KEYWORD_END = r"(?:s|ly|ends?)?(?![a-zA-Z])"
KEYWORD_STEMS = tuple(
    word for word in KEYWORDS if not any(word == stem + end for stem in KEYWORDS for end in ("s", "ly", "end", "ends"))
)


def _by_first_letter(words: Iterable[str], behind: bool = False) -> str:
    """`words` as an alternation of their first letters, each before the rests of its words: "m(?:onth|inute)";
    `behind`, each letter looked for behind (read already) before the rests: "(?<=M)(?:arch|ay)"."""
    rests: dict[str, list[str]] = {}
    for word in words:
        rests.setdefault(word[0], []).append(word[1:])
    return "|".join(f"{f'(?<={letter})' if behind else letter}(?:{'|'.join(ends)})" for letter, ends in rests.items())


# The keywords of a lowered text after a character no ASCII letter or digit (a letter beyond ASCII is told apart after):
# one search where a `find` of each keyword was 51, as the engine skips in C to such characters and rejects a group of
# keywords at its first letter (measured: 0.15 -> 0.07 s of CPU over the BBC corpus's bodies).
KEYWORD = re.compile(rf"[^a-z0-9](?:{_by_first_letter(KEYWORD_STEMS)}){KEYWORD_END}")
INSIDE_WORDS = ("day", "night")  # "Monday", "tonight"
# Month names are capitalised ("may" is a verb).
_MONTH_NAMES = tuple(name.title() for name in sorted(MONTHS, key=len, reverse=True))
# A number that may be part of an expression (a year, a clock's time, or one before a unit, a month, a time of day)
# and a month's name not after a letter or digit: one search for both, which the engine makes in C from one of their
# first characters to the next, telling them apart by it there (measured: 0.052 -> 0.032 s of CPU over the BBC
# corpus's bodies, where each kind had a search of the whole text).
NUMBER_OR_MONTH = re.compile(
    rf"[0-9{''.join(sorted({name[0] for name in _MONTH_NAMES}))}](?:(?<=[0-9])"
    + _pattern(
        r"(?<![\d.,][0-9])(?=(?<=1)[89]\d\d|(?<=2)0\d\d|0s|\d?:[0-5]\d\b|[\d,]*(?:st|nd|rd|th)?(?:[:.]\d\d)?(?:[\s-]+"
        r"(?:to|or|more|additional|straight|consecutive|full|trading|business|working|\d[\d,]*))*[\s-]*(?:a\.m|p\.m"
        r"|am\b|pm\b|<ZONE>|(?:of\s+)?<MONTH>|(?i:minute|hour|day|week|fortnight|month|quarter|year|decade|centur"
        r"|night)))"
    )
    + rf"|(?<![^\W_].)(?:{_by_first_letter(_MONTH_NAMES, behind=True)})(?={KEYWORD_END}))"
)
WORD = re.compile(r"(?<![\w'-])[\w']+")
# The words an expression may start with, besides its keyword's own word and a number.
STARTERS = frozenset(
    """the a an its this that last next previous current coming past following every each other early mid late
    earlier later end beginning start middle nearly almost about around over more less fewer at up roughly some
    just no right now currently recently nowadays these lately recent today tonight overnight
    yesterday tomorrow several many hundreds dozens comparable corresponding same year fiscal first second third
    fourth final latter noon midnight midday sometime latest one two three four five six seven eight nine ten eleven
    twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy
    eighty ninety christmas easter new pre post good thanksgiving election independence labor memorial veterans
    valentine's halloween boxing bastille""".split()
).union(MONTHS, WEEKDAYS)
# The words an expression may hold before its keyword, besides those it may start with.
INNER = STARTERS.union(
    """of or to so than least part better from on near short long longer few couple hundred thousand additional more
    straight and in half consecutive full trading business working remaining further entire whole initial period year's
    preceding fifth sixth seventh eighth ninth tenth
    results level o'clock fiscal quarter half day days week weeks month months year years decade decades hour hours
    minute minutes""".split()
)
REACH = 30  # how far before its keyword an expression may start ("the better part of an hour")


def _matches(text: str) -> list[re.Match[str]]:
    """What the rules' pattern's `finditer(text)` finds, tried only at the words before a keyword."""
    expression = _expression()
    matches = []
    done = 0
    failed: set[int] = set()  # where no match reached past a keyword: none will reach past a later one
    for place in _keyword_places(text):
        if place < done:
            continue
        words = list(WORD.finditer(text, max(done, place - REACH), place + 1))
        first = len(words) - 1  # an expression may start no earlier than the words it could hold
        while first > 0 and (words[first - 1][0].lower() in INNER or words[first - 1][0][0].isdigit()):
            first -= 1
        for word in words[first:]:
            start = word[0]
            if word.start() in failed or (
                word.end() <= place and not start[0].isdigit() and start.lower() not in STARTERS
            ):
                continue
            match = expression.match(text, word.start())
            if match and match.end() > place:
                matches.append(match)
                done = match.end()
                break
            failed.add(word.start())
    return matches


def _keyword_places(text: str) -> list[int]:
    """Where the keywords and numbers of `text` are, in order."""
    lower = text.lower()
    if len(lower) != len(text):  # a letter lowers to two ("İ"): the places must be the text's
        lower = "".join(letter if len(letter.lower()) > 1 else letter.lower() for letter in text)
    places = {m.start() for m in NUMBER_OR_MONTH.finditer(text)}
    for word in INSIDE_WORDS:
        at = lower.find(word)
        while at >= 0:
            places.add(at)
            at = lower.find(word, at + 1)
    # a keyword's place in `lower` is that of the character before it in " " + lower
    places.update(m.start() for m in KEYWORD.finditer(" " + lower) if not lower[m.start() - 1 : m.start()].isalnum())
    return sorted(places)


def _a_delivery_month(text: str, end: int, before: str) -> bool:
    """Whether a month alone ending at `end` is a contract's ("September gasoline"), not a surname ("Theresa May")."""
    return bool(DELIVERY_MONTH.match(text, end)) and not _after_a_name(before)


class _Form(NamedTuple):
    """What a rule's match is by its text and kind alone: the expression it holds and what its context must say."""

    expression: str  # without "the" before two words, "later" after a duration, a qualified noun's article
    cut: int  # how many characters of the match go before the expression
    month_alone: bool  # "May", "early March": a month only after some words
    per_unit: bool  # "a year", "annually": a rate after an amount, how often after "twice"
    each_unit: bool  # "each week": how often after "twice"
    fraction: bool  # "a quarter"
    part_alone: bool  # "the second half": a game's, in a report of one
    range_: tuple[str, str] | None  # "2009-2010", "24-25 April": two expressions


@lru_cache(maxsize=1024)  # expressions repeat: 1,024 kept (0.2 MB) hold 83% of BBC's 14,288, 87% of 22,535 generated
def _form(matched: str, group: str | None) -> _Form:
    """The form of a match `matched` of the rules' pattern whose last group was `group`."""
    kind = (group or "").replace("_", " ")  # one of TOLD_APART, else ""
    cut, expression = 0, matched
    if kind in WITHOUT_THE and expression[:4].lower() == "the ":
        cut, expression = 4, expression[4:]
    if kind == "duration" and expression[-6:].lower() == " later":
        expression = expression[:-6]  # "Three days later": how long after, "later" says after what
    if article := QUALIFIER_ARTICLE.match(expression):
        cut, expression = cut + article.end(), expression[article.end() :]
    range_ = YEAR_RANGE.fullmatch(expression)
    if not range_ and kind in DAY_RULES:
        range_ = DAY_RANGE.fullmatch(expression)
    return _Form(
        expression,
        cut,
        bool(MONTH_ALONE.match(expression)),
        bool(A_UNIT.fullmatch(expression) or PER_UNIT.fullmatch(expression)),
        bool(EACH_UNIT.fullmatch(expression)),
        bool(FRACTION.fullmatch(expression)),
        bool(PART_ALONE.fullmatch(expression)),
        (range_[1], range_[2]) if range_ else None,
    )


def find_date_expressions(text: str) -> list[tuple[str, int, int]]:
    """Every time expression in `text`, as (text, start, end), without a leading "the" before two words."""
    found = []
    game = None  # whether the text reports a game, once a half or a quarter alone asks
    for match in _matches(text):
        form = _form(match.group(), match.lastgroup)
        expression = form.expression
        start = match.start() + form.cut
        end = start + len(expression)
        before = text[max(0, start - 30) : start]
        if form.month_alone and (
            TITLE_OF.search(before)
            or FIRST_NAME.match(text, start)
            or not (MONTH_CONTEXT.search(before) or _a_delivery_month(text, end, before))
        ):
            continue  # "May" the verb, "March" the walk, "The Darling Buds of May", "Jan Kavan", "Theresa May options"
        if _a_title(expression, before):
            continue  # "USA Today", ABC's "This Week": a newspaper, a programme
        if expression == "Now" and text.startswith(",", end):
            continue  # "Now, he says, ...": a turn in the telling, not a time
        if expression in ("today", "Today") and NOWADAYS.match(text, end):
            continue  # "today's youth": nowadays, which the day of writing is not
        if expression.isdigit() and _after_a_name(before):
            continue  # "Euro 2004", "Resolution 2231", "£2004"; but "Tony Blair 10 days ago"
        if (form.per_unit or form.each_unit) and (often := HOW_OFTEN.search(before)):
            found.append((text[start - len(often[0]) : end], start - len(often[0]), end))
            continue  # "twice a week": none of the checks below concerns how often
        if form.fraction or (form.per_unit and RATE.search(before)):
            continue  # "a quarter", a fraction; "$5 a year", "to rise 8.5% annually", a rate
        if form.part_alone and not TRADE.search(line := _line(text, start, end)):
            if game is None:
                game = _a_game(text)
            if game or GAME.search(line):
                continue  # "Cocu scored twice in the second half": the match's half
        if expression == "fall" and (not before.endswith(("the ", "The ")) or A_DROP.match(text, end)):
            continue  # "prices fall", "the fall of the Berlin Wall", "the fall in prices": a drop, not autumn
        if range_ := form.range_:
            found += [(range_[0], start, start + len(range_[0])), (range_[1], end - len(range_[1]), end)]
            continue
        found.append((expression, start, end))
    return found


def _a_game(text: str) -> bool:
    """Whether a text reports a game: it names three of GAME_WORDS."""
    lowered = text.lower()
    return sum(word in lowered for word in GAME_WORDS) >= 3


def _line(text: str, start: int, end: int, reach: int = 200) -> str:
    """The text around text[start:end] on its line, at most `reach` characters each side."""
    first = text.rfind("\n", max(0, start - reach), start) + 1 or max(0, start - reach)
    last = text.find("\n", end, end + reach)
    return text[first : last if last >= 0 else end + reach]


def _after_a_name(before: str) -> bool:
    """Whether a number after this text belongs to a name, an amount or a size ("Euro 2004", "£2004", "1280 x 1920")."""
    if AMOUNT_OR_SIZE_BEFORE.search(before):
        return True
    name = NAME_BEFORE.search(before)
    return name is not None and name[1].lower().rstrip(".,") not in NOT_A_NAME and not MONTH_BEFORE.search(before)


def _a_title(expression: str, before: str) -> bool:
    """Whether a time expression written with capitals is part of a name: a word of how often capitalised
    inside a sentence ("the Daily Mirror"), a word inside it capitalised ("Player of the Year", "the Forum
    for the Future"), its first word capitalised after a capitalised word ("USA Today", the BBC's "Today
    programme"; a holiday after one inside a sentence is another holiday, "Holocaust Memorial Day", or a
    name, "Father Christmas"), or every word capitalised in quotes (ABC's "This Week")."""
    if expression.islower() or expression.isdigit():  # most expressions, at no cost
        return False
    if PER_UNIT.fullmatch(expression) and not SENTENCE_OPEN.search(before):
        return True  # "told the Daily Record", "a Daily Telegraph poll": a newspaper's name
    written = expression.split()
    for word in written[1:]:
        if word[:1].isupper() and word[1:].islower() and word.lower().rstrip(".,") not in ALWAYS_CAPITALISED:
            return True
    first = written[0].lower().rstrip(".,")
    if not written[0][0].isupper() or first in MONTHS_AND_WEEKDAYS:
        return False
    if name := AFTER_A_WORD.search(before):
        if first not in HOLIDAY_WORDS:
            return name[2].lower() not in NOT_A_NAME
        return name[1] is not None and not name[2].endswith(("'s", "’s"))  # not "Celtic's Boxing Day"
    if len(written) < 2 or not before.endswith(('"', "“", "'")) or not all(w[0].isupper() for w in written):
        return False
    return any(w.lower().rstrip(".,") not in ALWAYS_CAPITALISED for w in written)
