"""The timeline laid out for the reader: headings by period, the rows under them, dates as a reader writes
them, articles per month or year over the span the rows cover."""

from __future__ import annotations

from newsreader.analysis.periods import activity, heading, label, timeline_rows
from newsreader.analysis.timeline import Event, Sentence


def event(value: str, *article_ids: str) -> Event:
    return Event(value, "event", tuple(Sentence(article_id, 0, 1) for article_id in article_ids))


def test_each_period_has_its_heading():
    headings = {value: heading(event(value, "a")) for value in ("2020-01-03", "2020-01", "2019-FA", "2020-W08")}
    assert headings == {
        "2020-01-03": "2020 · January",
        "2020-01": "2020 · January",
        "2019-FA": "2019 · autumn",
        "2020-W08": "2020 · week 08",
    }
    assert [heading(event(value, "a")) for value in ("2020", "201", "19", "XXXX-01-03")] == [
        "2020",
        "2010s",
        "20th century",
        "Year unknown",
    ]


def test_rows_give_dates_as_a_reader_writes_them():
    values = ("2020-01-03", "1998-Q3", "180", "XXXX-01-03", "2019-SU")
    assert [label(event(value, "a")) for value in values] == [
        "3 Jan 2020",
        "Q3 1998",
        "the 1800s",
        "3 Jan",
        "summer 2019",
    ]


def test_rows_put_each_mention_under_its_heading_once():
    events = [event("2020-01-03", "a", "b"), event("2020-01-09", "c"), event("2020-02-01", "a")]
    assert timeline_rows(events) == ["2020 · January", (0, 0), (0, 1), (1, 0), "2020 · February", (2, 0)]


def test_articles_per_month_count_the_months_between_with_none():
    counts, caption = activity([event("2019-11-02", "a", "b"), event("2020-01-03", "a"), event("2020-W02", "c")])
    assert counts == [2.0, 0.0, 2.0]  # the week of 6 Jan 2020 counts in January
    assert caption == "Articles per month, 2019-11 to 2020-01 (at most 2 in a month) · 3 events"
    assert activity([event("XXXX-01-03", "a")]) == ([0.0], "No dated events.")


def test_the_chart_counts_per_year_when_no_event_fits_in_a_month():
    counts, caption = activity([event("2015", "a", "b"), event("2016", "c"), event("XXXX-01-03", "d")])
    assert counts == [2.0, 1.0]  # not months of none: "2015" is a year
    assert caption == "Articles per year, 2015 to 2016 (at most 2 in a year) · 3 events"


def test_the_chart_spans_every_dated_row_per_year_when_they_span_decades():
    events = [event("180", "a"), event("1870-05", "b"), event("2009-07-01", "c", "d"), event("2009", "e")]
    counts, caption = activity(events)
    assert caption == "Articles per year, 1800 to 2009 (at most 3 in a year) · 4 events"
    assert len(counts) == 210 and counts[0] == 0.0  # a decade is longer than a year: it has a row, not a count
    assert counts[70] == 1.0 and counts[-1] == 3.0
