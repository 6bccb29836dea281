"""Date values against a publication date, tense, periods as spans, and one timeline across articles."""

from __future__ import annotations

import json

import pytest

from newsreader.analysis.timeline import build_timeline, period, period_start
from newsreader.analysis.timex import Normaliser, tense
from newsreader.cli import main
from newsreader.model import Article
from newsreader.store import DocumentStore


@pytest.mark.parametrize(
    "expression, sentence, value",
    [
        ("January 3", "The attack on January 3 killed him.", "2020-01-03"),
        ("17th February, 2020", "", "2020-02-17"),
        ("Feb. 5", "Talks ended on Feb. 5.", "2020-02-05"),
        ("9 January", "He arrived on 9 January.", "2020-01-09"),
        ("May 2018", "", "2018-05"),
        ("2015", "", "2015"),
        ("Tuesday", "He said on Tuesday.", "2020-02-11"),
        ("Tuesday", "Talks will resume on Tuesday.", "2020-02-18"),
        ("last Tuesday", "", "2020-02-11"),
        ("last month", "", "2020-01"),
        ("next month", "", "2020-03"),
        ("last year", "", "2019"),
        ("this week", "", "2020-W08"),
        ("last summer", "", "2019-SU"),
        ("late 2007", "", "2007"),
        ("June", "Moscow will deliver doses from June to December.", "2020-06"),
        ("March", "Sales fell in March.", "2019-03"),  # a past event is not after publication
        ("four years ago", "", "2016"),
        ("today", "", "2020-02-17"),
        ("Christmas", "Sales have fallen since Christmas.", "2019-12-25"),
        ("a few years ago", "", "PAST_REF"),
    ],
)
def test_values_against_a_publication_date(expression, sentence, value):
    assert Normaliser("2020-02-17").value(expression, sentence) == value


def test_unknown_year_is_said_not_guessed():
    normaliser = Normaliser("--01-14")
    assert normaliser.value("January 3", "on January 3") == "XXXX-01-03"
    assert normaliser.value("Tuesday", "on Tuesday") == "XXXX-WXX-2"
    assert Normaliser(None).value("2015", "in 2015") == "2015"


def test_previous_year_follows_the_year_just_named():
    normaliser = Normaliser("2005-01-05")  # BBC: "more cars in 2004 than in the previous year"
    assert normaliser.value("2004", "in 2004") == "2004"
    assert normaliser.value("previous year", "than in the previous year") == "2003"


def test_tense():
    assert tense("Deliberations will start after documents are brought in by Thursday") == "future"
    assert tense("Soleimani was killed on the night of January 3") == "past"
    assert tense("Wilkinson is aiming to make his third start on 13 March") == "future"  # an intention


def test_period_starts():
    assert str(period_start("2019-SU")) == "2019-06-01"
    assert str(period_start("2020-W08")) == "2020-02-17"
    assert str(period_start("201")) == "2010-01-01"
    assert period_start("XXXX-01-03") is None


@pytest.mark.parametrize(
    "value, first, last",
    [
        ("1998-Q3", "1998-07-01", "1998-09-30"),
        ("2019-WI", "2019-12-01", "2020-02-29"),
        ("1989-H2", "1989-07-01", "1989-12-31"),
        ("2020-W08-WE", "2020-02-22", "2020-02-23"),
        ("19", "1900-01-01", "1999-12-31"),
        ("2013-03-22T15:00", "2013-03-22", "2013-03-22"),
    ],
)
def test_periods_are_spans(value, first, last):
    assert tuple(map(str, period(value))) == (first, last)


def test_durations_and_sets_are_no_points_and_now_is_the_article_date():
    body = "Prices are now rising. The firm has traded for three years and meets every Monday, as in the third quarter."
    article = Article.of("a", "a.txt", "Prices", body, date="1989-10-30")
    store = DocumentStore([article])
    events = {(e.value, e.kind): e for e in build_timeline([article], store.entities)}
    assert set(events) == {("1989-10-30", "event"), ("1989-10-30", "published"), ("1989-Q3", "event")}
    assert events["1989-10-30", "event"].mentions[0].text_in(body) == "Prices are now rising."
    quarter = events["1989-Q3", "event"]
    assert (str(quarter.start), str(quarter.end)) == ("1989-07-01", "1989-09-30")


def test_the_killing_is_one_event_in_three_seed_articles():
    store = DocumentStore.load()
    events = {(e.value, e.kind): e for e in store.timeline()}
    killing = events["2020-01-03", "event"]
    assert len(killing.article_ids) == 3
    assert ("2020-02-17", "published") in events and ("--01-14", "published") in events
    values = [e.value for e in store.timeline()]
    assert values.index("2019-SU") < values.index("2020-01-03") < values.index("2020-02-17")


def test_timeline_command(capsys):
    assert main(["timeline"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("3 Jan 2020") and "3 articles" in line for line in lines)
    assert any(line.startswith("14 Jan ") and "published" in line for line in lines)
    assert main(["timeline", "--json"]) == 0
    events = json.loads(capsys.readouterr().out)
    killing = next(e for e in events if e["value"] == "2020-01-03")
    assert killing["text"] == "3 Jan 2020"
    assert len(killing["articles"]) == 3 and all("January 3" in s["text"] for s in killing["sentences"])


def test_a_date_of_no_known_year_is_named_by_its_words():
    body = "Sales rose last year. Last year was hard, and this year may be too. Profits fell in 2004."
    store = DocumentStore([Article.of("a", "a.txt", "Sales", body)])
    dates = {(e.text, e.canonical) for e in store.entities(store.articles[0]) if e.type == "date"}
    assert {canonical for _, canonical in dates} == {"last year", "this year", "2004"}


def test_how_often_is_named_in_words_and_stays_off_the_timeline():
    body = (
        "The board meets twice a week. Elections come every two years, and some users look every few weeks. "
        "Twice a week the bins go out, and the market opens every other Monday."
    )
    article = Article.of("a", "a.txt", "Board", body, date="2005-02-15")
    store = DocumentStore([article])
    assert {e.canonical for e in store.entities(article) if e.type == "date"} == {
        "twice a week",
        "every two years",
        "every few weeks",
        "every other Monday",
    }
    assert [e.kind for e in build_timeline([article], store.entities)] == ["published"]
