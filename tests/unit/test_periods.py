"""The timeline laid out for the reader: headings by period, the rows under them, articles per month."""

from __future__ import annotations

from newsreader.analysis.periods import heading, monthly_counts, timeline_rows
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
    assert [heading(event(value, "a")) for value in ("2020", "201", "XXXX-01-03")] == ["2020", "2010s", "Year unknown"]


def test_rows_put_each_mention_under_its_heading_once():
    events = [event("2020-01-03", "a", "b"), event("2020-01-09", "c"), event("2020-02-01", "a")]
    assert timeline_rows(events) == ["2020 · January", (0, 0), (0, 1), (1, 0), "2020 · February", (2, 0)]


def test_articles_per_month_count_the_months_between_with_none():
    counts, caption = monthly_counts([event("2019-11-02", "a", "b"), event("2020-01-03", "a"), event("2020-W02", "c")])
    assert counts == [2.0, 0.0, 1.0]
    assert caption == "Articles per month, 2019-11 to 2020-01 (at most 2 in a month) · 3 events"
    assert monthly_counts([event("XXXX-01-03", "a")]) == ([0.0], "No dated events.")
