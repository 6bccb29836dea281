"""The real feeds of ../shared/corpora/feeds: a wire's feed read whole, broken feeds named."""

from __future__ import annotations

from pathlib import Path

from newsreader.model import LoadProblem
from newsreader.store import DocumentStore
from tests.conftest import FEEDS, needs_feeds


@needs_feeds
def test_reuters_feed_is_ten_dated_reuters_articles():
    store = DocumentStore.load([FEEDS / "reuters-world-2018-01-30.xml"])
    assert len(store) == 10 and not store.problems
    assert {a.source for a in store.articles} == {"Reuters"}
    assert all(a.date == "2018-01-30" and a.url for a in store.articles)
    first = next(a for a in store.articles if a.title.startswith("U.S. general says North Korea"))
    assert first.dateline == "Washington" and first.body.startswith("North Korea's nuclear program")


@needs_feeds
def test_broken_feeds_get_a_clear_word():
    problems: list[LoadProblem] = []
    store = DocumentStore.load([FEEDS], on_problem=problems.append)
    assert sorted(Path(p.path).name for p in problems) == ["rssv2-invalid-format.xml", "rssv2-invalid-no-channel.xml"]
    assert all("not an RSS or Atom feed" in p.reason for p in problems)
    assert len(store) > 10
