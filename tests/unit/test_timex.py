"""Time expressions in news text: each kind the rules find, with its TIMEX3 type and value."""

from __future__ import annotations

import pytest

from newsreader.analysis import timex
from newsreader.analysis.date_words import as_written
from newsreader.analysis.first_pass import _written
from newsreader.analysis.timex import (
    RULES,
    Normaliser,
    _Cues,
    _rules_for,
    find_timexes,
    present,
    sentence_span,
)


def timexes(text: str, published: str = "1989-10-30") -> list[tuple[str, str, str | None]]:
    return [(t.text, t.type, t.value) for t in find_timexes(text, published)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Prices are now higher than in the past.", [("now", "DATE", "PRESENT_REF"), ("the past", "DATE", "PAST_REF")]),
        ("The company is currently weighing offers.", [("currently", "DATE", "PRESENT_REF")]),
        ("Sales have slowed recently.", [("recently", "DATE", "PAST_REF")]),
        ("Prices have risen in recent years.", [("recent years", "DURATION", "PXY")]),  # its "in" is no part of it
        ("Now the bank says it will cut rates.", [("Now", "DATE", "PRESENT_REF")]),
        ("Now, the bank says, it will cut rates.", []),  # a turn in the telling (TimeBank and AQUAINT leave it)
        ("Margins will suffer in the near term.", [("the near term", "DATE", "FUTURE_REF")]),
        ("Its long-term debt is rated AA.", []),
        ("The current account deficit grew, a current affairs show said.", []),  # terms, not times
        ("Since the fall of the Berlin Wall, the fall in prices slowed.", []),  # a drop, not autumn
        ("Trade matters to the future of both peoples.", []),  # a thing's fate, not a time
        # a count after "the past" makes it a determiner of what is counted, and "the last year of" a thing is its end
        ("Shares rose in the past three sessions and the last four films.", []),
        ("Output fell for the fifth month in the past few.", []),
        ("He served in the last year of the war and the final week of the campaign.", []),
    ],
)
def test_present_and_vague_references(text, expected):
    assert timexes(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Net income fell 5% in the third quarter.", [("the third quarter", "DATE", "1989-Q3")]),
        ("Third-quarter profit rose to $4 million.", [("Third-quarter", "DATE", "1989-Q3")]),
        ("Revenue for the fourth quarter of 1988 was flat.", [("the fourth quarter of 1988", "DATE", "1988-Q4")]),
        ("Output slowed in the first half of 1990.", [("the first half of 1990", "DATE", "1990-H1")]),
        ("The unit lost money in fiscal 1988.", [("fiscal 1988", "DATE", "1988")]),
        ("Profit for the fiscal year rose.", [("fiscal year", "DATE", "1989")]),
        ("Sales in the latest fiscal year fell.", [("latest fiscal year", "DATE", "1988")]),
        ("It changed from a fiscal year to a calendar year.", [("fiscal year", "DURATION", "P1Y")]),
        ("Shares bought by a quarter of the funds.", []),  # a fraction, not a period
        ("Most sales fall in fourth quarters.", [("fourth quarters", "DATE", "XXXX-Q4")]),
        ("The credits cut taxes in future quarters.", [("future quarters", "DATE", "FUTURE_REF")]),
        ("Sales were flat in the 1988 quarter.", [("the 1988 quarter", "DATE", "1988-QX")]),
        # a period's noun is part of it, the figures' noun is not
        ("Net rose from the year-earlier period.", [("year-earlier period", "DATE", "1988")]),
        ("The year-ago results included a charge.", [("year-ago", "DATE", "1988")]),
    ],
)
def test_quarters_halves_and_fiscal_years(text, expected):
    assert timexes(text) == expected


def test_a_year_earlier_is_the_same_quarter_of_the_year_before():
    text = "Profit in the third quarter rose to $5 million from $4 million a year earlier."
    assert timexes(text)[1] == ("a year earlier", "DATE", "1988-Q3")


@pytest.mark.parametrize(
    "text, value",
    [
        # a figure a year earlier than a day named since the quarter is the quarter's, a year before
        (
            "Third-quarter net rose. Shares closed yesterday. Sales rose to $9 million from $7 million a year earlier.",
            "1988-Q3",
        ),
        (
            "Net rose in the quarter ended Sept. 30. Sales were C$348.2 million against C$307.2 a year earlier.",
            "1988-Q3",
        ),
        # what is no figure is a year earlier than the day
        ("Third-quarter net rose. He was arrested on March 3. A year earlier, he had fled.", "1988-03-03"),
    ],
)
def test_a_figure_a_year_earlier_than_a_day_is_the_quarter_reported(text, value):
    assert timexes(text)[-1][2] == value


def test_a_year_earlier_than_a_year_just_compared_is_that_year():
    text = "It made 3.3bn yuan in 2004, against 1.4bn yuan in 2003. Sales rose to 6.2bn from 3bn a year earlier."
    assert timexes(text, "2005-01-20")[-1] == ("a year earlier", "DATE", "2003")


@pytest.mark.parametrize(
    "text, expected",
    [
        # the same period a year before: the quarter the article reports, else the year before
        ("Third-quarter net rose 5% from the same period last year.", ("the same period last year", "DATE", "1988-Q3")),
        ("Sales rose 5% from the same period of last year.", ("the same period of last year", "DATE", "1988")),
        (
            "Net fell in the second half against the corresponding period a year ago.",
            ("the corresponding period a year ago", "DATE", "1988-H2"),
        ),
    ],
)
def test_the_same_period_last_year(text, expected):
    assert timexes(text)[-1] == expected


def test_a_year_ago_compares_with_the_quarter_the_article_reports():
    text = "Third-quarter net rose 11%. A fourth-quarter charge is likely. Earnings were $6 million a year ago."
    assert timexes(text)[-1] == ("a year ago", "DATE", "1988-Q3")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He ran the firm for three years.", [("three years", "DURATION", "P3Y")]),
        ("Stocks fell over the past two weeks.", [("the past two weeks", "DURATION", "P2W")]),
        ("More aid will arrive in the coming days.", [("coming days", "DURATION", "PXD")]),  # as "coming weeks"
        ("The last days of the old regime were bloody.", []),
        ("It took a decade to build.", [("a decade", "DURATION", "P10Y")]),
        ("Sales rose in the first nine months.", [("the first nine months", "DURATION", "P9M")]),
        ("He signed a two-year contract.", [("two-year", "DURATION", "P2Y")]),
        ("Unions called a one day strike.", [("one day", "DURATION", "P1D")]),
        ("The talks lasted several hours.", [("several hours", "DURATION", "PTXH")]),
        ("The firm pays $5 a year to each member.", []),  # a rate
        ("The airline will add four flights a week.", []),  # a rate of things counted
        ("Sales should rise 8.5% annually.", []),
        ("Prices rose 3 percent a month.", []),  # a rate, as "3% a month"
        ("The plant will make 10,000 cars annually.", []),
        ("Guards stood outside 24 hours a day.", [("24 hours", "DURATION", "PT24H")]),
        ("The minister, 52 years old, resigned.", []),  # an age
        ("The trial lasted 2 1/2 years.", [("2 1/2 years", "DURATION", "P2Y6M")]),
        ("She spent about 5 1/2 hours there.", [("about 5 1/2 hours", "DURATION", "PT5H30M")]),
        ("It took a minute and a half.", [("a minute and a half", "DURATION", "PT1M30S")]),
        # a part of a unit, in the next smaller one where it is no whole number of the unit
        ("The feud has run for half a century.", [("half a century", "DURATION", "P50Y")]),
        ("He waited three quarters of an hour.", [("three quarters of an hour", "DURATION", "PT45M")]),
        ("Prices doubled over the past quarter of a century.", [("the past quarter of a century", "DURATION", "P25Y")]),
        ("The mill closed half a century ago.", [("half a century ago", "DATE", "1939")]),
        # how near a time ago is, in the words a duration takes in
        ("The fire began no more than two weeks ago.", [("no more than two weeks ago", "DATE", "1989-W42")]),
        ("The strike lasted half a week.", [("half a week", "DURATION", "PT84H")]),
        ("It was half a success.", []),
        ("Ukraine was ruled from Moscow for centuries.", [("centuries", "DURATION", "PXY")]),
        ("He died within weeks or months of his capture.", [("weeks or months", "DURATION", "PXW")]),
        ("For weeks the government has held rallies.", [("weeks", "DURATION", "PXW")]),
        ("Rates may rise in the weeks ahead.", [("the weeks ahead", "DURATION", "PXW")]),
        ("Over the years, the club has grown.", [("the years", "DURATION", "PXY")]),
        ("In the early years, few came.", [("the early years", "DURATION", "PXY")]),
        # told from an event, not some years
        ("His car was seen in the weeks before the shooting.", []),
        ("Unrest grew in the weeks preceding the vote.", []),
        ("In the years of the war, food ran out.", []),
        ("The feud is decades-long.", [("decades-long", "DURATION", "PXY")]),
        ("It was their third day-long meeting.", [("day-long", "DURATION", "P1D")]),
        # how long ("over the next few days") against when ("in the last few months")
        ("Troops will surrender over the next few days.", [("next few days", "DURATION", "PXD")]),
        ("Rates have fallen in the last few months.", [("last few months", "DATE", "PAST_REF")]),
        # "the coming weeks" are "the weeks ahead"; "in coming months" (no "the") is when
        ("Rates may rise in the coming weeks.", [("coming weeks", "DURATION", "PXW")]),
        ("Rates may rise in coming months.", [("coming months", "DATE", "FUTURE_REF")]),
        # "later" says after what: the expression is how long
        ("Three days later, the index fell.", [("Three days", "DURATION", "P3D")]),
        ("He quit weeks later.", [("weeks", "DURATION", "PXW")]),
        # "one day" after a modal or its subject is some day to come, not a day's length
        ("The firm will one day be the largest.", [("one day", "DATE", "FUTURE_REF")]),
        # what was current then is past
        ("Holders bought at half the then current price.", [("current", "DATE", "PAST_REF")]),
        ("They met one day later.", [("one day", "DURATION", "P1D")]),
        ("He had been in the job one day.", [("one day", "DURATION", "P1D")]),
        # twelve months told by their start, as by their end
        (
            "The plan for the year beginning Oct. 1 is set.",
            [("the year", "DURATION", "P1Y"), ("Oct. 1", "DATE", "1989-10-01")],
        ),
        ("Prices rose 3% in the year to March.", [("the year", "DURATION", "P1Y"), ("March", "DATE", "1989-03")]),
        ("She will decide in the next fortnight.", [("next fortnight", "DURATION", "P2W")]),
        ("The firm, which just months ago was failing, rose.", [("months ago", "DURATION", "PXM")]),
        # a counted quarter is how long, not which
        ("It must pass a rolling four-quarter test.", [("four-quarter", "DURATION", "P4Q")]),
    ],
)
def test_durations(text, expected):
    assert timexes(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # before the noun it qualifies, a length or a quarter leaves the noun its article
        ("The union called a two-day stoppage.", "two-day"),
        ("The mill posted its third-quarter loss.", "third-quarter"),
        ("Tin fell to a six year low.", "six year"),
        ("The 12-hour vigil ended.", "12-hour"),
        ("It was an hour-long debate.", "hour-long"),
        ("She took a week off.", "a week"),  # a counted week, no qualifier
        ("In the third quarter sales fell.", "the third quarter"),
        # a preposition or a focus before a length says nothing of it
        ("The plant will reopen within three weeks.", "three weeks"),
        ("He stayed only nine days.", "nine days"),
        ("The band sold out in just a few hours.", "a few hours"),
        ("The siege lasted nearly two months.", "nearly two months"),  # how near, which TimeML takes in
    ],
)
def test_a_length_is_its_own_words(text, expected):
    assert [t[0] for t in timexes(text)] == [expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Profit targets for the 1990 year were cut.", [("1990", "DATE", "1990")]),  # the year, no 1,990 years
        ("The town is 1200 years old, the abbey 1990 years.", [("1990 years", "DURATION", "P1990Y")]),
        ("The church has a 2000 year history.", [("2000 year", "DURATION", "P2000Y")]),  # a length before its noun
        ("The panel shows 1920 x 1080 pixels.", []),  # a size
        ("Its screen is 1080 x 1920 pixels.", []),
    ],
)
def test_a_year_and_a_figure_of_its_digits(text, expected):
    assert timexes(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a weekday after "a" that ends its phrase is one of its kind, no day of a known week
        ("The ferry sails on a Wednesday.", [("Wednesday", "DATE", "XXXX-WXX-3")]),
        ("She was born on a Monday, her mother said.", [("Monday", "DATE", "XXXX-WXX-1")]),
        ("The quiz airs on a Sunday evening.", [("Sunday evening", "TIME", "XXXX-WXX-7TEV")]),
        # before the noun it qualifies, "a" is the noun's, and the weekday that of the week written in
        ("Crowds filled a Friday night vigil.", [("Friday night", "TIME", "1989-10-27TNI")]),
        ("The board held a Tuesday meeting.", [("Tuesday", "DATE", "1989-10-24")]),
        # a time of day after it is on that weekday, not on a day named before it
        (
            "The board met on Tuesday. The raids came on a Saturday at 11 p.m.",
            [
                ("Tuesday", "DATE", "1989-10-24"),
                ("Saturday", "DATE", "XXXX-WXX-6"),
                ("11 p.m.", "TIME", "XXXX-WXX-6T23:00"),
            ],
        ),
        # a set of weekdays is no day for a later time
        (
            "The market opens every Monday. Trading ended at 4 p.m.",
            [("every Monday", "SET", "XXXX-WXX-1"), ("4 p.m.", "TIME", "1989-10-30T16:00")],
        ),
    ],
)
def test_a_weekday_of_no_known_week(text, expected):
    assert timexes(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The market meets every Monday.", [("every Monday", "SET", "XXXX-WXX-1")]),
        ("The report is published annually.", [("annually", "SET", "P1Y")]),
        ("Rates are reviewed each month.", [("each month", "SET", "P1M")]),
    ],
)
def test_sets(text, expected):
    assert timexes(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Two years ago, the plant closed.", [("Two years ago", "DATE", "1987")]),
        ("Last week the shares fell.", [("Last week", "DATE", "1989-W43")]),
        ("Today the board meets.", [("Today", "DATE", "1989-10-30")]),
        ("A decade ago it was a small firm.", [("A decade ago", "DATE", "1979")]),
        ("A fantasy set 6,000 years ago.", [("6,000 years ago", "DATE", "PAST_REF")]),
    ],
)
def test_relative_dates_at_the_start_of_a_sentence(text, expected):
    assert timexes(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("In 2011, the bank was sold.", [("2011", "DATE", "2011")]),
        ("Since 1985 it has grown.", [("1985", "DATE", "1985")]),
        ("That 1978 resolution still stands.", [("1978", "DATE", "1978")]),
        ("The post-1959 exodus began.", [("post-1959", "DATE", "1959")]),
        ("Bids for Euro 2004 and Resolution 2231 were cast.", []),
        ("He met Tony Blair 10 days ago.", [("10 days ago", "DATE", "1989-10-20")]),  # a number with its unit
        ("The index closed at 2082.1, down 4%.", []),  # a number with decimals
    ],
)
def test_years_after_capitalised_words(text, expected):
    assert timexes(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ('Baker said on ABC\'s "This Week" that talks had failed.', []),
        ("The figures were first reported by USA Today.", []),
        ('"This week we lost," he said.', [("This week", "DATE", "1989-W44")]),
        ("Shares fell. Today the board meets.", [("Today", "DATE", "1989-10-30")]),
        ("It was quiet on Capitol Hill Monday.", [("Monday", "DATE", "1989-10-30")]),
        ("He was named Player of the Year by the Forum for the Future.", []),
        ("He told CBS's 60 Minutes he starred in 24 Hour Party People.", []),
        ("She told the BBC's Today programme she played Father Christmas.", []),
        ("Celtic's Boxing Day match is on television.", [("Boxing Day", "DATE", "1989-12-26")]),
        ("The 19th Century mill was sold.", [("19th Century", "DATE", "18")]),
        ("Warsaw marks Polish Independence Day on Nov. 11.", [("Nov. 11", "DATE", "1989-11-11")]),
        ("On Christmas Day the shops close.", [("Christmas Day", "DATE", "1989-12-25")]),
        # "that" before a weekday is most often a conjunction, not "that same Thursday"
        ("He stressed that Thursday's meeting was a first step.", [("Thursday", "DATE", "1989-10-26")]),
        # a word of how often capitalised inside a sentence is a newspaper's
        ("He told the Daily Courier on Monday.", [("Monday", "DATE", "1989-10-30")]),
        ("A Weekly Gazette survey found it.", []),
        ("Daily flights were cut.", [("Daily", "SET", "P1D")]),  # at a sentence's start, how often
        ("Fares:\n- Daily passes are sold out.", [("Daily", "SET", "P1D")]),  # at a list item's start
    ],
)
def test_a_time_word_capitalised_inside_a_sentence_is_part_of_a_name(text, expected):
    assert timexes(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "today's" of a generation, a kind of thing or an era is nowadays, not the day of writing
        ("In today's world, few people write letters.", []),
        ("Today's young voters stay at home.", []),
        ("The chip runs many of today's personal computers.", []),
        ("Today's vote was close.", [("Today", "DATE", "1989-10-30")]),
        ("He spoke after today's meeting of the board.", [("today", "DATE", "1989-10-30")]),
    ],
)
def test_todays_things_of_nowadays_are_no_date(text, expected):
    assert timexes(text) == expected


def test_year_ranges_are_two_years():
    found = timexes("The 2009-2010 season followed the 1957-58 one.")
    assert [(text, value) for text, _, value in found] == [
        ("2009", "2009"),
        ("2010", "2010"),
        ("1957", "1957"),
        ("58", "1958"),
    ]


def test_day_ranges_are_two_days():
    assert timexes("The summit meets on April 24 and 25.", "1999-02-10") == [
        ("April 24", "DATE", "1999-04-24"),
        ("25", "DATE", "1999-04-25"),
    ]
    assert timexes("On April 24, 25 people died.", "1999-05-10") == [("April 24", "DATE", "1999-04-24")]


@pytest.mark.parametrize(
    "text",
    ["NATO leaders met on April 24-25, 1999 in Washington.", "NATO leaders met on 24-25 April 1999 in Washington."],
)
def test_a_day_range_keeps_the_year_written_after_it(text):
    assert [value for _, _, value in timexes(text, "2005-06-01")] == ["1999-04-24", "1999-04-25"]


def test_a_date_never_spans_a_paragraph_break():
    assert timexes("The index closed at 78.24\n\nApr 97 contracts rose.") == []


def test_spelled_out_years():
    found = timexes("The plan dates from nineteen ninety-six, not the year two thousand.")
    assert [value for _, _, value in found] == ["1996", "2000"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # "two thousand" is a count before a unit or a noun, a year only after a word of when
        (
            "Families kept the secret for more than two thousand years.",
            [("more than two thousand years", "DURATION", "P2000Y")],
        ),
        ("Herders have crossed the desert for thousands of years.", [("thousands of years", "DURATION", "PXY")]),
        ("Some two thousand soldiers were killed.", []),
        ("Unemployment will halve by two thousand.", [("two thousand", "DATE", "2000")]),
    ],
)
def test_two_thousand_is_a_year_only_after_a_word_of_when(text, expected):
    assert timexes(text) == expected


def test_a_month_or_a_season_of_a_spelled_out_year():
    found = timexes("Prices fell in January nineteen ninety-seven, as in the winter of nineteen ninety-four.")
    assert [value for _, _, value in found] == ["1997-01", "1994-WI"]


def test_a_sentence_does_not_end_at_an_abbreviation():
    text = "Officials in Washington, D.C. will meet the envoy on Friday. He left."
    start = text.index("Friday")
    assert sentence_span(text, start, start + 6) == (0, text.index(" He"))
    assert timexes(text, "1989-11-01") == [("Friday", "DATE", "1989-11-03")]


@pytest.mark.parametrize(
    "text",
    [
        "The fund sold bonds from Sept. 12 to Thursday. It holds the rest.",
        "Now, Ms. Lane said, the bank sold bonds on Thursday. It holds the rest.",
        "The bank sold bonds until 5 p.m. EST Thursday. It holds the rest.",
    ],
)
def test_a_sentence_does_not_end_at_a_short_month_a_title_or_before_a_time_zone(text):
    start = text.index("Thursday")
    assert sentence_span(text, start, start + 8) == (0, text.index(" It"))
    assert timexes(text, "1989-10-30")[-1][2].startswith("1989-10-26")  # sold: the Thursday before


@pytest.mark.parametrize(
    "text, published, value",
    [
        # a market's close is a figure already recorded, unless the clause says it is to come
        ("The notes carry a 24% premium over Thursday's closing price.", "1989-10-30", "1989-10-26"),
        ("The bonds will be priced at Thursday's close.", "1989-10-30", "1989-11-02"),
        # said in October about December: the coming one, not last year's
        ("Conseco said it will redeem the shares on Dec. 7.", "1989-10-30", "1989-12-07"),
        ("The split is payable Dec. 7 to holders of record.", "1989-10-27", "1989-12-07"),
        # "June" in a March article, in the present tense: the coming June
        ("The games open in June, organisers say.", "2013-03-22", "2013-06"),
        ("Sales fell in June.", "2013-03-22", "2012-06"),
        # the day something was said is past, whatever is said about the future
        ("The minister said Tuesday that talks will resume.", "2013-03-22", "2013-03-19"),
        ("The president on Tuesday said the navy may extend the blockade.", "1990-08-15", "1990-08-14"),
        # "may" is what may come, "May" a month
        ("The feud has divided the family and may be settled at a hearing in March.", "2000-02-24", "2000-03"),
        ("In May, sales fell sharply.", "2000-02-24", "1999-05"),
        ("The deal is scheduled to close Monday.", "1989-11-02", "1989-11-06"),
        # what is expected is to come
        ("The rule is expected to take effect in January.", "2013-03-20", "2014-01"),
        ("Closing is expected in December.", "2013-03-20", "2013-12"),
        # a time limit a past verb sets may still be ahead; what the verb did is not
        ("The bid was extended to Nov. 16.", "1989-10-30", "1989-11-16"),
        ("The bid was withdrawn in November.", "1989-10-30", "1988-11"),
        # an event planned before the date: a past verb may set it ahead, as a time limit
        ("They had talked about the slated visit of the minister in September.", "1998-08-26", "1998-09"),
        ("The planned strike in June was called off.", "2013-03-22", "2013-06"),
        ("The strike in June was called off.", "2013-03-22", "2012-06"),
        # what a past verb puts off is ahead of it, as what lasted until a day is not
        ("Officials postponed until Tuesday any action on the boy.", "2000-03-30", "2000-04-04"),
        ("The vote was delayed to Monday.", "2000-03-30", "2000-04-03"),
        ("The meeting lasted until Tuesday.", "2000-03-30", "2000-03-28"),
        ("The accession was planned for early March.", "1999-02-10", "1999-03"),
        # what a past verb plans or invites to has a time of its own: the closest, unless the clause says
        ("Unions planned a march through the city on Saturday.", "2000-01-07", "2000-01-08"),
        ("The mayor has invited the governors to a summit in Denver on May 4.", "1999-04-20", "1999-05-04"),
        ("A vigil planned at the church for Saturday was cancelled.", "1999-10-24", "1999-10-23"),
        ("The mayor invited them on Monday.", "2000-01-07", "2000-01-03"),
        # a weekday written with the date leaves only the year it falls on
        ("The paper said in an editorial on Saturday, April 25, that it erred.", "1998-04-24", "1998-04-25"),
        # an infinitive's time is its own, not its verb's
        ("NATO has decided to admit Poland in March.", "1999-02-10", "1999-03"),
        ("It sold preferred shares in a placement to be completed around Nov. 1.", "1989-10-30", "1989-11-01"),
        # a clause without a verb goes with the sentence's
        ("Qantas will double its flights between Australia and India by August.", "1998-02-13", "1998-08"),
        ("In January, a bomb killed a guard at a clinic.", "1998-10-25", "1998-01"),
        ("In January, weeks after an anniversary, a bomb killed a guard.", "1998-10-25", "1998-01"),
        # after the date, a word in -ed is a participle ("preferred stock") unless its object follows
        (
            "The company is calling for the redemption on Dec. 7 of its convertible preferred stock.",
            "1989-10-30",
            "1989-12-07",
        ),
        # a date that opens its sentence goes with the clause after it, not with a clause of its own further on
        ("In January, the firm hired a chief, who will remain chairman.", "1989-10-27", "1989-01"),
        ("In September, it announced plans to buy a rival.", "1989-10-30", "1989-09"),
        ("On Friday, the city planned to pay the first claims.", "1998-09-30", "1998-09-25"),
        ("The city planned to pay the first claims on Friday.", "1998-09-30", "1998-10-02"),
        ("This Christmas, parents are expected to spend more.", "2004-12-10", "2004-12-25"),
        # the year's end since which something is measured, or in the past, is the one that has passed
        ("The sale should close by year end.", "1989-10-30", "1989-12-31"),
        ("The index has risen 5% since year-end.", "1989-10-30", "1988-12-31"),
        ("Net income at year-end was below the level of 1987.", "1989-10-30", "1988-12-31"),
        # a date that qualifies a thing may be a little ahead of a past verb, as a time limit may, not months
        ("Meissner gave no reason for the Jan. 14 deadline.", "2000-01-05", "2000-01-14"),
        ("Police have searched for him since the Sept. 3 shooting.", "2005-04-10", "2004-09-03"),
        # "next to" is a place, "the reduced dividend" a thing
        ("Bombs exploded next to the embassies on Friday.", "1998-08-08", "1998-08-07"),
        ("The reduced dividend is payable Jan. 2.", "1989-11-02", "1990-01-02"),
        # a verb of the present with its subject just before the date is the date's, not the other clauses' past
        ("The fair, which opens in June, has sold out.", "2013-03-20", "2013-06"),
        ("The envoy, who visits Lagos in May, said he was hopeful.", "2013-03-20", "2013-05"),
        ("The fair, which opened in June, has sold out.", "2013-03-20", "2012-06"),
        ("The fair, which opens on Thursday, will show films.", "2005-01-01", "2005-01-06"),
        # so is a timetable's verb after a noun or a parenthesis; a plural noun in -s before the date is no verb
        ("His contract expires in June and he was linked with a move.", "2013-03-20", "2013-06"),
        ("The deal, signed by both clubs, runs out in June.", "2013-03-20", "2013-06"),
        ("Nigeria was suspended by Britain and its former colonies in November.", "2013-03-20", "2012-11"),
        # an irregular past is a past ("stole", "overtook"), a participle after "is" is no verb of its own
        ("On Tuesday, thieves stole a van from the depot.", "1996-08-31", "1996-08-27"),
        ("He overtook the leader on Tuesday evening.", "2005-01-01", "2004-12-28TEV"),
        ("They fought to keep him until the case is heard in May.", "2000-03-29", "2000-05"),
        # what is due or awaited is to come, whatever the clause's verb, unless told in the past of the past
        ("Traders were nervous before the survey due on Monday.", "1996-08-30", "1996-09-02"),
        ("Dealers sold ahead of Monday's holiday.", "1996-08-30", "1996-09-02"),
        ("The market was waiting for Friday's stock report.", "1996-08-28", "1996-08-30"),
        ("The film is due to be released in December.", "2005-01-01", "2005-12"),
        ("Economists had forecast a rise ahead of Friday's figures.", "2005-01-01", "2004-12-31"),
        # "to" before a name is no infinitive: the clause's own verb says when
        ("The minister will fly to Paris on Monday.", "2013-03-20", "2013-03-25"),
        ("The minister will go to Paris in December.", "2013-03-20", "2013-12"),
        ("The envoy was due to fly to the United States on Saturday.", "1996-08-23", "1996-08-24"),
        # a past that is also the participle, or an adjective, says nothing of its clause's time
        ("The appeal, heard by three judges, resumes in March.", "2005-01-05", "2005-03"),
        ("Woke activists protest outside parliament on Friday.", "2005-01-05", "2005-01-07"),
        # a figure "ahead of" a month is compared with it; what was due, or fell due, is past
        ("Retail sales were 3% ahead of February.", "2005-04-15", "2005-02"),
        ("Payments due in March were missed.", "2005-04-15", "2005-03"),
        ("The loan fell due in March.", "2005-04-15", "2005-03"),
        # from the start of the year to a month: a part of this year, not twelve months
        ("Sales from the start of the year to March rose 4%.", "2005-04-15", "2005"),
        # what has been since a date is past, whatever is to come in its clause
        ("Rates are expected to rise for the fifth time since June.", "2005-01-15", "2004-06"),
        # a season named alone: one that has ended is next year's in the future
        ("The stadium will open in the spring.", "2013-10-01", "2014-SP"),
        ("The stadium opened in the spring.", "2013-10-01", "2013-SP"),
    ],
)
def test_direction_follows_the_clause(text, published, value):
    assert timexes(text, published)[0][2] == value


@pytest.mark.parametrize(
    "text, published, expected",
    [
        ("The family gathered on Thanksgiving Day.", "1999-12-01", [("Thanksgiving Day", "DATE", "1999-11-25")]),
        ("He was seen last Thanksgiving.", "2000-02-10", [("last Thanksgiving", "DATE", "1999-11-25")]),
        ("Voters went to the polls on Election Day.", "1998-11-05", [("Election Day", "DATE", "1998-11-03")]),
        ("They will marry on Christmas Eve.", "1999-12-01", [("Christmas Eve", "DATE", "1999-12-24")]),
        ("Prayers were said on Good Friday.", "2000-04-25", [("Good Friday", "DATE", "2000-04-21")]),
        # the week a holiday falls in: begun on the Monday, so past on the Monday before Easter
        ("Protesters prayed as Easter week began.", "2000-04-17", [("Easter week", "DATE", "2000-W16")]),
        ("Shops close for Christmas week.", "1999-12-01", [("Christmas week", "DATE", "1999-W51")]),
    ],
)
def test_holidays(text, published, expected):
    assert timexes(text, published) == expected


def test_the_end_of_a_period_reported_is_no_time_limit():
    assert timexes("In the 12 months to June, prices rose 3%.", "2013-03-22")[-1] == ("June", "DATE", "2012-06")


def test_a_short_month_name_before_a_name_is_a_first_name():
    assert timexes("Janos Martonyi of Hungary and Jan Kavan of the Czech Republic signed.") == []


def test_a_month_alone_after_an_article_is_a_date():
    assert timexes("The bank is selling itself under a June agreement.", "1989-10-27") == [("June", "DATE", "1989-06")]
    assert timexes("The bank may sell itself.", "1989-10-27") == []


def test_the_latest_period_is_the_quarter_last_named():
    found = timexes("Profit rose in the third quarter. In the latest period, sales fell.")
    assert found[-1] == ("the latest period", "DATE", "1989-Q3")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Profit rose in the fourth quarter of last year.", [("the fourth quarter of last year", "DATE", "2012-Q4")]),
        ("Last year's fourth quarter was weak.", [("Last year's fourth quarter", "DATE", "2012-Q4")]),
        ("Output slows in the second half of this year.", [("the second half of this year", "DATE", "2013-H2")]),
        ("In the summer of 2012, prices rose.", [("summer of 2012", "DATE", "2012-SU")]),
        ("Growth slows by the end of the decade.", [("end of the decade", "DATE", "201")]),
        ("Numbers dropped through the nineties.", [("nineties", "DATE", "199")]),
        ("Sales for the full year were up.", [("the full year", "DATE", "2013")]),
        # a season named alone, in the tense of its clause: one not begun is last year's in the past
        ("It rained in the early summer.", [("early summer", "DATE", "2012-SU")]),
        ("Skiers came in the winter.", [("winter", "DATE", "2013-WI")]),
        ("It posted a loss for the third quarter of $226 million.", [("the third quarter", "DATE", "2012-Q3")]),
        ("A court hears the case the week of March 6.", [("the week of March 6", "DATE", "2013-W10")]),
        ("He was born on Feb. 29.", [("Feb. 29", "DATE", "2012-02-29")]),  # the leap year nearest
    ],
)
def test_periods_of_a_year_named_in_words(text, expected):
    assert timexes(text, "2013-03-20") == expected


def test_last_with_a_month_and_day():
    assert timexes("He was shot to death last Oct. 23 at home.", "1999-04-19") == [
        ("last Oct. 23", "DATE", "1998-10-23")
    ]


def test_the_previous_or_following_weekday_is_of_the_day_last_named():
    found = timexes("He arrived on March 5, 1989 and left the following Monday.")
    assert found[-1] == ("following Monday", "DATE", "1989-03-06")


def test_the_following_or_previous_month_is_of_the_month_last_named():
    found = timexes("Unemployment rose to 7.1% in November from 7% the previous month.", "2005-01-10")
    assert found == [("November", "DATE", "2004-11"), ("previous month", "DATE", "2004-10")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Talks began on March 5, 1989 and collapsed the next day.", ("the next day", "DATE", "1989-03-06")),
        ("He was shot on Oct. 23. Earlier that day, he had called police.", ("Earlier that day", "DATE", "1989-10-23")),
        (
            "Troops left on Monday and fighting resumed the following morning.",
            ("the following morning", "TIME", "1989-10-31TMO"),
        ),
        ("He arrived on Friday; his wife had come the day before.", ("the day before", "DATE", "1989-10-26")),
        (
            "He was killed last August, and his page was taken down that same day.",
            ("that same day", "DATE", "1989-08-XX"),
        ),
        ("The board met and the offer was raised the same day.", ("the same day", "DATE", "1989-10-30")),
        # "later in the day" is of the day written, whatever day another clause names
        (
            "The election, due on 5 May, dominated talks held later in the day.",
            ("later in the day", "DATE", "1989-10-30"),
        ),
        ("Talks ended on Friday. The envoy left later in the day.", ("later in the day", "DATE", "1989-10-30")),
        # a year, a month or a week before or after the date last named
        ("Rents rose to $9 million last year, from $7 million the year before.", ("the year before", "DATE", "1987")),
        ("The mill shut in 1975 and reopened the year after.", ("the year after", "DATE", "1976")),
        ("Exports fell in May 1989, after rising the month before.", ("the month before", "DATE", "1989-04")),
        (
            "The ferry sank on March 3, 1989; its sister ship was sold the week after.",
            ("the week after", "DATE", "1989-W10"),
        ),
        ("Turnout was higher the year before.", ("the year before", "DATE", "PAST_REF")),
    ],
)
def test_a_day_or_a_year_told_from_the_date_last_named(text, expected):
    assert timexes(text)[-1] == expected


def test_the_day_before_yesterday_and_after_tomorrow():
    found = timexes("He came the day before yesterday and leaves the day after tomorrow.")
    assert found == [
        ("the day before yesterday", "DATE", "1989-10-28"),
        ("the day after tomorrow", "DATE", "1989-11-01"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The day before last Tuesday's hearing, he flew in.", [("The day before last Tuesday", "DATE", "1989-10-23")]),
        ("Shops reopened the day after Christmas.", [("the day after Christmas", "DATE", "1988-12-26")]),
        ("The polls closed the day after Oct. 3.", [("the day after Oct. 3", "DATE", "1989-10-04")]),
        # a day counted in an event and said in the present is the day of writing
        ("It is the eighth day of the siege.", [("the eighth day", "DATE", "1989-10-30")]),
        ("It's the second day of the strike.", [("the second day", "DATE", "1989-10-30")]),
        # a past one is left to the text around it, and a length is no count
        ("It was the third day of talks.", []),
        ("Organisers began the two day rally.", [("two day", "DURATION", "P2D")]),
    ],
)
def test_a_day_told_from_a_day_named_or_counted(text, expected):
    assert timexes(text) == expected


def test_a_day_before_an_event_is_left_to_the_event():
    assert timexes("Shares rose the day before the vote and that day itself.") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # earlier than a year named: before it, by no date the text gives
        ("Sales were 400 in 2004, up from 300 six months earlier.", ("six months earlier", "DATE", "PAST_REF")),
        ("It was there for a fortnight earlier this month.", ("a fortnight earlier", "DATE", "PAST_REF")),
        ("The population will shrink by the middle of the century.", ("middle of the century", "DATE", "19")),
        ("He was shot at 10 p.m. on Oct. 23, 1998.", ("10 p.m. on Oct. 23, 1998", "TIME", "1998-10-23T22:00")),
    ],
)
def test_every_expression_found_has_a_value(text, expected):
    assert expected in timexes(text)


def test_a_month_this_or_last_year():
    found = timexes("It began in February this year, after a coup in June last year; it ends in April next year.")
    assert found == [
        ("February this year", "DATE", "1989-02"),
        ("June last year", "DATE", "1988-06"),
        ("April next year", "DATE", "1990-04"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Polls close at 3 p.m. on Friday.", [("3 p.m. on Friday", "TIME", "2013-03-22T15:00")]),
        ("Shares fell at 10:35 a.m.", [("10:35 a.m.", "TIME", "2013-03-22T10:35")]),
        ("Troops crossed the border on Tuesday morning.", [("Tuesday morning", "TIME", "2013-03-19TMO")]),
        ("The president speaks tonight.", [("tonight", "TIME", "2013-03-22TNI")]),
        ("He will leave at 4 in the morning.", [("4 in the morning", "TIME", "2013-03-22T04:00")]),
        ("Bars stay open until three in the morning.", [("three in the morning", "TIME", "2013-03-22T03:00")]),
        ("Eleven o'clock in the evening struck.", [("Eleven o'clock in the evening", "TIME", "2013-03-22T23:00")]),
        ("Two in the party left early.", []),
        ("The envoy arrived at midday.", [("midday", "TIME", "2013-03-22T12:00")]),
        ("The ceremony starts at 19:30 local time.", [("19:30 local time", "TIME", "2013-03-22T19:30")]),
        ("Polls close at 22:00.", [("22:00", "TIME", "2013-03-22T22:00")]),
        ("She ran 2:17:18 and won 2:1.", []),
        # a time of day without a day is on the day last named
        (
            "He was shot on Oct. 23, 2012. The gunman fired at 10 p.m. from the woods.",
            [("Oct. 23, 2012", "DATE", "2012-10-23"), ("10 p.m.", "TIME", "2012-10-23T22:00")],
        ),
        ("The plane landed last night.", [("last night", "TIME", "2013-03-21TNI")]),
        # "overnight" is the night before the day reported
        ("Markets fell overnight.", [("overnight", "TIME", "2013-03-21TNI")]),
        (
            "Shares fell on Tuesday after overnight losses in Tokyo.",
            [("Tuesday", "DATE", "2013-03-19"), ("overnight", "TIME", "2013-03-18TNI")],
        ),
        ("Shares slid in mid-afternoon yesterday.", [("mid-afternoon yesterday", "TIME", "2013-03-21TAF")]),
        ("Questions start at 1200 GMT on Wednesday.", [("1200 GMT on Wednesday", "TIME", "2013-03-20T12:00")]),
        # the day of a time of day, and of the same time in another zone in brackets, named after the brackets
        (
            "The ferry sank at 11 p.m. (2100 GMT) Tuesday.",
            [
                ("11 p.m.", "TIME", "2013-03-19T23:00"),
                ("2100 GMT", "TIME", "2013-03-19T21:00"),
                ("Tuesday", "DATE", "2013-03-19"),
            ],
        ),
        (
            "Voting ended at 1800 GMT (8 p.m. local time) on March 20.",
            [
                ("1800 GMT", "TIME", "2013-03-20T18:00"),
                ("8 p.m. local time", "TIME", "2013-03-20T20:00"),
                ("March 20", "DATE", "2013-03-20"),
            ],
        ),
        ("The fire began at 4 a.m. (a time of no traffic).", [("4 a.m.", "TIME", "2013-03-22T04:00")]),
        ("At 23:15 the lights went out.", [("23:15", "TIME", "2013-03-22T23:15")]),  # "At" opening a sentence
        # a time of day tied to its day by "of"; "high noon" is no time of day
        ("The pact will end at midnight of 31 December.", [("midnight of 31 December", "TIME", "2013-12-31T24:00")]),
        ("For the party, high noon comes today.", [("today", "DATE", "2013-03-22")]),
    ],
)
def test_times_of_day(text, expected):
    assert timexes(text, "2013-03-22") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Sales in the year to 31 December rose. At 1400 GMT the shares were up 2%.",
        "Sales in the quarter ended March 2 rose. The shares were up 2% at 1400 GMT.",
    ],
)
def test_a_time_of_day_is_not_on_the_day_a_period_reported_ends(text):
    assert timexes(text, "2013-03-22")[-1] == ("1400 GMT", "TIME", "2013-03-22T14:00")


def test_a_time_of_day_is_on_the_day_an_event_ended():
    text = "The strike ended March 3, and at 10 a.m. workers returned to the plant."
    assert timexes(text, "2013-03-22")[-1] == ("10 a.m.", "TIME", "2013-03-03T10:00")


@pytest.mark.parametrize(
    "value, kind, words",
    [
        ("2020-01-03", "DATE", "3 Jan 2020"),
        ("2020-01", "DATE", "Jan 2020"),
        ("1998-Q3", "DATE", "Q3 1998"),
        ("1989-H1", "DATE", "first half of 1989"),
        # a quarter or a half of no known year ("sales rise in fourth quarters", an undated article)
        ("XXXX-Q4", "DATE", "the fourth quarter"),
        ("XXXX-H2", "DATE", "the second half"),
        ("XXXX-QX", "DATE", "a quarter"),
        ("2019-SU", "DATE", "summer 2019"),
        ("201", "DATE", "the 2010s"),
        ("XXX", "DATE", "a decade not given"),
        ("XXXX-01-03", "DATE", "3 Jan"),
        ("--01-14", "DATE", "14 Jan"),
        ("XXXX-WXX-2", "DATE", "Tuesday"),
        ("XXXX-WXX-1", "SET", "every Monday"),
        ("XXXX-XX-XXTNI", "TIME", "night"),  # "tonight" with no date to go by
        ("P1Y", "SET", "every year"),
        ("P2Y", "SET", "every two years"),
        ("PXW", "SET", "every few weeks"),
        ("PT11M", "SET", "every 11 minutes"),
        ("P3Y", "DURATION", "three years"),
        ("P10Y", "DURATION", "a decade"),
        ("P2Y6M", "DURATION", "two and a half years"),
        ("PT5H30M", "DURATION", "five and a half hours"),
        ("P1.5M", "DURATION", "one and a half months"),
        ("PTXH", "DURATION", "hours"),
        ("2013-03-22T15:00", "TIME", "22 Mar 2013, 15:00"),
        ("1989-10-27T24:00", "TIME", "27 Oct 1989, midnight"),
        ("XXXX-WXX-2TNI", "TIME", "Tuesday night"),
        ("PRESENT_REF", "DATE", "now"),
    ],
)
def test_values_as_a_reader_writes_them(value, kind, words):
    assert as_written(value, kind) == words


@pytest.mark.parametrize(
    "text, expected",
    [
        # a contract's month: this month, the month just ended, or one to come, whatever the clause's tense
        ("September gasoline stood 0.87 cent lower at 62.85 cents a gallon.", [("September", "DATE", "1996-09")]),
        ("October crude rose 44 cents to $22.15 a barrel.", [("October", "DATE", "1996-10")]),
        ("March wheat ended 3 cents lower.", [("March", "DATE", "1997-03")]),
        ("Soybeans for November delivery fell.", [("November", "DATE", "1996-11")]),
        ("The July contract expired at 0.85 cent down.", [("July", "DATE", "1996-07")]),
        # a month's figures are the month's, before or after the commodity
        ("China's August copper imports rose 10%.", []),
        ("Copper imports fell in July.", [("July", "DATE", "1996-07")]),
        # a surname before a commodity's word is no month
        ("Theresa May options were limited.", []),
        ("Brian May gold records sold well.", []),
    ],
)
def test_a_month_before_a_contract_is_its_delivery_month(text, expected):
    assert timexes(text, "1996-08-30") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a season without its article after "in", "by", "until"...; not one that qualifies a noun, nor a name
        ("The referendum will be held in spring.", [("spring", "DATE", "2005-SP")]),
        ("The rule has applied since late summer.", [("late summer", "DATE", "2004-SU")]),
        ("Boats sank after winter storms.", []),
        ("A free kick by Winter was met by Byrne.", []),
        # "that night", "that evening": the day last named, as "that same day"; not "that" before a noun
        (
            "They met on Monday and that evening he resigned.",
            [("Monday", "DATE", "2005-02-14"), ("that evening", "TIME", "2005-02-14TEV")],
        ),
        ("That night, rebels attacked the town.", [("That night", "TIME", "2005-02-15TNI")]),
        ("Police said that night raids would stop.", []),
    ],
)
def test_seasons_and_parts_of_a_day_without_their_article(text, expected):
    assert timexes(text, "2005-02-15") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the past decade, the past century: the years up to now, not the calendar's decade or century before
        ("Crime has fallen over the past decade.", [("past decade", "DURATION", "P10Y")]),
        ("It was the best film of the past century.", [("past century", "DURATION", "P100Y")]),
        ("Rents doubled over the last decade.", [("last decade", "DURATION", "P10Y")]),
        # "in the last decade", "the last century": the one before this
        ("Rents doubled in the last decade.", [("last decade", "DATE", "198")]),
        ("The war was the worst of the last century.", [("last century", "DATE", "18")]),
    ],
)
def test_the_past_decade_is_ten_years_to_now(text, expected):
    assert timexes(text, "1998-10-25") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "last" and "next" before the month of publication: a year away
        ("The strike began last March.", [("last March", "DATE", "2004-03")]),
        ("The talks resume next March.", [("next March", "DATE", "2006-03")]),
        ("He was shot dead last March 20.", [("last March 20", "DATE", "2004-03-20")]),
        ("He was shot dead last March 10.", [("last March 10", "DATE", "2005-03-10")]),
        # "this" before a month: of this year, or the one its tense says
        ("Sales rose this January.", [("this January", "DATE", "2005-01")]),
        ("The plant opens this June.", [("this June", "DATE", "2005-06")]),
        # "this" before a weekday in the past: of this week, before publication
        ("The vote was held this Monday.", [("this Monday", "DATE", "2005-03-14")]),
        ("The vote will be held this Monday.", [("this Monday", "DATE", "2005-03-21")]),
    ],
)
def test_last_next_and_this_before_a_month_or_a_weekday(text, expected):
    assert timexes(text, "2005-03-17") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the date of the event a past verb was done at, in or after is before publication, as the verb is
        ("The board approved the merger at a May 21 meeting.", [("May 21", "DATE", "2004-05-21")]),
        ("Troops withdrew after a May 2 vote.", [("May 2", "DATE", "2004-05-02")]),
        ("She said in a June letter that she had resigned.", [("June", "DATE", "2004-06")]),
        # one the past set, or one to come, may be ahead
        ("The union called a May 21 strike.", [("May 21", "DATE", "2005-05-21")]),
        ("The board will approve the merger at a May 21 meeting.", [("May 21", "DATE", "2005-05-21")]),
    ],
)
def test_a_date_before_the_event_a_past_verb_was_done_at_is_past(text, expected):
    assert timexes(text, "2005-04-15") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # what happens every year: a season or a month named alone is no one year's
        ("The mountain pass usually closes in winter.", [("winter", "DATE", "XXXX-WI")]),
        ("Each year the river floods in spring.", [("Each year", "SET", "P1Y"), ("spring", "DATE", "XXXX-SP")]),
        ("Ticket sales typically peak in December.", [("December", "DATE", "XXXX-12")]),
        ("In the summer, the town often empties.", [("summer", "DATE", "XXXX-SU")]),
        # one year's: said of once, or a word of how often that is not the statement's
        ("The mountain pass will close in winter.", [("winter", "DATE", "2005-WI")]),
        ("Exports, traditionally the driver of growth, fell in January.", [("January", "DATE", "2005-01")]),
    ],
)
def test_a_season_or_month_in_what_happens_every_year_is_no_one_years(text, expected):
    assert timexes(text, "2005-10-15") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Elections are held every two years.", [("every two years", "SET", "P2Y")]),
        ("The board meets twice a week.", [("twice a week", "SET", "P1W")]),
        ("He trains 3 times a day.", [("3 times a day", "SET", "P1D")]),
        ("Some users look only every few weeks.", [("every few weeks", "SET", "PXW")]),
        ("He flies home every other week.", [("every other week", "SET", "P2W")]),
        ("Four flights a week leave for Bombay.", []),  # a rate, as "$5 a year"
    ],
)
def test_how_often(text, expected):
    assert timexes(text, "2005-02-15") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Elections were held in 1994, in April of that year.",
            [("1994", "DATE", "1994"), ("April of that year", "DATE", "1994-04")],
        ),
        (
            "She won in 1990. In August the same year she fell ill, and in May the following year she died.",
            [
                ("1990", "DATE", "1990"),
                ("August the same year", "DATE", "1990-08"),
                ("May the following year", "DATE", "1991-05"),
            ],
        ),
    ],
)
def test_a_month_of_the_year_last_named(text, expected):
    assert timexes(text, "1996-08-31") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a half or a quarter of a game is no half or quarter of the year
        ("Philip Cocu scored twice in the second half to spur PSV to a 4-1 win.", []),
        ("Two tries from Wilson in the first quarter gave New Zealand a 24-11 lead.", []),
        ("Profit rose 5% in the second half, the company said.", [("the second half", "DATE", "1996-H2")]),
        # in a report of a game, a line with no word of the game's
        ("Ajax scored twice from the penalty spot before half-time.\nAfter a sterile first half, France woke up.", []),
    ],
)
def test_a_game_has_halves_and_quarters_of_its_own(text, expected):
    assert timexes(text, "1996-12-30") == expected


@pytest.mark.parametrize(
    "text, value", [("This week", "XXXX-WXX"), ("That night", "XXXX-XX-XXTNI"), ("Last year", "XXXX")]
)
def test_a_date_of_an_undated_article_is_named_by_its_own_words(text, value):
    # the entity browser named "This week" "a week" and "That night" "night"
    assert _written(text, value) == text.lower()


def test_days_and_weeks_of_an_undated_article():
    # no publication date to count from: "today" is now, "yesterday" a day, "this week" a week not known
    assert timexes("He relived yesterday's win today and plays this week.", None) == [
        ("yesterday", "DATE", "XXXX-XX-XX"),
        ("today", "DATE", "PRESENT_REF"),
        ("this week", "DATE", "XXXX-WXX"),
    ]


@pytest.mark.parametrize(
    "text, published, value",
    [
        # a day named with its month, just ahead of a past clause, is this year's: a writer gives the year of a day
        # of last year, seldom of this year's
        ("The president signed a decree ahead of snap elections on September 22.", "1996-08-23", "1996-09-22"),
        ("These are the leading stories in Le Monde, dated Aug 27.", "1996-08-26", "1996-08-27"),
        # but not the end of a period past, a day far ahead, nor a day of "last year"
        ("Sales rose in the fiscal year ended Jan. 31.", "1989-10-31", "1989-01-31"),
        ("Exports fell in the three months through June.", "2013-03-22", "2012-06"),  # "through" as "to"
        ("The general was killed on Dec. 20.", "1996-08-22", "1995-12-20"),
        ("Clinton spoke in Dublin on December 1, last year.", "1996-08-22", "1995-12-01"),
        # "indeed", "speed", "a hundred" are no past verbs, nor "last" after "his" or "the" (final)
        ("Everyone, indeed, expects cuts in his last budget in May.", "2005-02-15", "2005-05"),
        # an irregular past, or a short one
        ("The problem arose in July when officials said the plant would close.", "1996-08-29", "1996-07"),
        ("The singer died in December.", "1996-08-22", "1995-12"),
    ],
)
def test_a_day_ahead_of_a_past_clause(text, published, value):
    assert timexes(text, published)[-1][2] == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a date set in the past for an event still to come keeps its coming year
        ("Shareholders were told they could vote at the May 21 meeting.", "2005-05-21"),
        ("The minister said talks were scheduled in a May 21 session.", "2005-05-21"),
        ("Officials agreed on a May 21 date for the talks.", "2005-05-21"),
        ("He announced he was standing in the May 5 election.", "2005-05-05"),
        # an event a past verb was done at is before publication
        ("Police were called after a May 2 fight.", "2004-05-02"),
        # "this" and a month: the publication year's, whatever the tense
        ("Organisers cancelled this July's festival.", "2005-07"),
        ("The firm said sales rose this January.", "2005-01"),
        # a word of every year in another clause than the date's
        ("The festival, held every year since 1990, will take place in June.", "2005-06"),
        ("Every year the group meets; this year it meets in June.", "2005-06"),
        ("The firm, which reports annually, reported a loss in January.", "2005-01"),
    ],
)
def test_a_clause_of_its_own_decides_a_dates_year(text, expected):
    values = [value for _, _, value in timexes(text, "2005-03-15") if value and value[:4].isdigit() and "-" in value]
    assert values[-1] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a date that opens its sentence without a comma goes with the verb after it, a regular past too: one that
        # ends its clause or has a number after it is a verb, as one before its object's article is
        ("On Monday the two armies withdrew.", "2013-03-18"),
        ("On Monday the two armies retreated.", "2013-03-18"),
        ("Early Monday the rebels attacked and the town fell.", "2013-03-18"),
        ("Monday's storm flooded 40 homes.", "2013-03-18"),
        ("Monday's storm flooded three villages.", "2013-03-18"),
        # a participle that describes a thing is still none, and a future stays one
        ("On Monday the preferred shares will be redeemed.", "2013-03-25"),
    ],
)
def test_a_regular_past_after_a_date_that_opens_its_sentence(text, expected):
    assert timexes(text, "2013-03-22")[0][2] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a weekday after a timetable's verb in the present is the coming one, not the day before publication
        ("The inquiry opens on Thursday in Cardiff.", "2013-03-28"),
        ("The cabinet, which meets on Thursday, will discuss the budget.", "2013-03-28"),
        ("The inquiry opened on Thursday in Cardiff.", "2013-03-21"),
        # a participle after a present verb's object describes the object and is no verb of the clause, unless
        # the verb says or thinks what follows
        ("On Monday the minister visits the families affected.", "2013-03-25"),
        ("On Monday the auction house sells the paintings seized by customs.", "2013-03-25"),
        ("On Monday the minister visited the families affected.", "2013-03-18"),
        ("On Monday the report says the troops retreated.", "2013-03-18"),
        ("The company confirms the deal collapsed on Monday.", "2013-03-18"),
        ("Afterwards the troops withdrew on Sunday.", "2013-03-17"),
        ("Thus the plan failed on Monday.", "2013-03-18"),
        ("The data shows the economy shrank on Monday.", "2013-03-18"),
        # what is hoped, aimed at or set for is to come
        ("Negotiators hope to agree a text by Thursday.", "2013-03-28"),
        ("The league aims to publish its fixtures on Thursday.", "2013-03-28"),
        ("The vote is set for Thursday.", "2013-03-28"),
        ("The vote was set for Thursday but never took place.", "2013-03-21"),
        # a hope or an aim told in the past is of its time
        ("Rescuers were hoping to reach the miners on Thursday, but the shaft flooded.", "2013-03-21"),
        ("The team was aiming to finish the climb on Thursday.", "2013-03-21"),
    ],
)
def test_a_weekday_told_in_a_timetables_present_or_hoped_for_is_to_come(text, expected):
    assert timexes(text, "2013-03-22")[0][2] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Years later, the plant closed.", [("Years", "DURATION", "PXY")]),  # a keyword opening the text
        ("“Next year” was the slogan.", [("Next year", "DATE", "1990")]),  # after punctuation beyond ASCII
        ("The Côteweek festival opened.", []),  # after a letter beyond ASCII: inside a word
    ],
)
def test_keywords_are_words_wherever_they_stand(text, expected):
    assert timexes(text) == expected


# Expressions of every kind the rules know, and some they do not
KINDS = (
    "Sunday, Mondays, every other Monday, each month, twice a week, three times a year, annually, 3 p.m., "
    "noon Thursday, 1200 GMT, three in the morning, the next day, that evening, the day before Christmas, tonight, "
    "overnight, Tuesday morning, last night, the third quarter, third-quarter, the first half of 1989, the latest "
    "quarter, fiscal 1999, the current fiscal year, year-end, the year-earlier quarter, the 1988 period, four years "
    "ago, a year earlier, the year before, two weeks later, half a century ago, the week of March 6, the year, the "
    "weekend, the month, three years, two and a half years, 5 1/2 hours, the past two weeks, a decade, two-year, "
    "half an hour, 17th February 2020, January 3, Jan. 3, May 2018, May, the 1990s, the '60s, the sixties, the 21st "
    "century, nineteen ninety-six, June last year, April of that year, 58, 24, last Oct. 23, last month, the "
    "following year, this May, next Friday, the coming weeks, summer, the summer of 2012, last winter, today, "
    "yesterday, Christmas, Easter week, last Christmas, Labor Day, now, currently, recently, recent years, the future, "
    "one day, decades-long, weeks ahead, the then current, 1989, the day"
).split(", ")


@pytest.mark.parametrize("published", ["1989-10-30", None])
@pytest.mark.parametrize("expression", KINDS)
def test_a_rule_not_tried_for_an_expression_would_give_it_no_value(expression, published):
    normaliser = Normaliser(published)
    normaliser.value("The third quarter ended on Oct. 2.", "The third quarter ended on Oct. 2.", 0)
    normaliser.value(expression, f"Officials said on {expression} they would go.")  # where it is, as a rule reads it
    tried = _rules_for(expression)
    assert [rule.__name__ for rule, _ in RULES if rule not in tried and rule(normaliser, expression, present)] == []


@pytest.mark.parametrize(
    ("before", "pattern", "cue"),
    [
        ("The hearing was postponed by the judge until ", "PUT_OFF_UNTIL", "put_off"),
        ("The vote, adjourned to ", "PUT_OFF_UNTIL", "put_off"),
        ('Police "said late ', "REPORTED_ON", "reported"),
        ("The envoy, who visits Lagos in ", "PRESENT_VERB", "present_verb"),
        ("The festival, which is held in ", "PRESENT_VERB", "present_verb"),
        ("His contract expires early in ", "NOUN_PRESENT_VERB", "scheduled"),
        ("Shares fell ahead of ", "AHEAD_OF", "awaited"),
        ("An album (due for release on the ", "AHEAD_OF", "awaited"),
    ],
)
def test_a_slow_pattern_of_a_clauses_tense_is_tried_where_its_words_are(before, pattern, cue):
    assert getattr(timex, pattern).search(before)  # the pattern matches before a date there
    assert getattr(_Cues(before[-60:]), cue)
    assert not getattr(_Cues("The minister met a man in the "), cue)


@pytest.mark.parametrize(
    "text", ["He went to", "To", "asked TO", "rose 3%to", "it's today", "told", "onto", "tO", "to's"]
)
def test_a_clause_is_read_for_an_infinitive_where_its_words_hold_to(text):
    assert bool(timex.TO_WORD.search(text)) == ("to" in [word.lower() for word in timex.WORD_TOKEN.findall(text)])


@pytest.mark.parametrize(
    "sentence", ["The vote was held on Tuesday.", "The vote will be held on Tuesday.", "The vote is on Tuesday."]
)
def test_the_weekday_of_publication_is_its_own_day_in_any_tense(sentence):
    assert Normaliser("2005-03-22").value("Tuesday", sentence) == "2005-03-22"  # a Tuesday
