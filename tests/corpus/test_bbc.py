"""The metadata rules on 2,095 BBC articles they were not written for."""

from __future__ import annotations

from pathlib import Path

from newsreader.ingest.page_rules import tidy_line
from tests.conftest import needs_bbc

pytestmark = needs_bbc


def test_whole_corpus_loads_with_right_titles(bbc):
    assert len(bbc) == 2095 and not bbc.problems
    wrong = [
        a.source_path for a in bbc.articles if a.title != tidy_line(Path(a.source_path).read_text().split("\n")[0])
    ]
    assert wrong == []


def test_no_words_lost(bbc):
    """Bodies keep every word but the headline (spacing before punctuation is the only change)."""
    for article in bbc.articles:
        raw = Path(article.source_path).read_text().split("\n", 1)[1]
        assert "".join(article.body.split()) == "".join(raw.split()), article.source_path


def test_no_datelines_or_dates_invented(bbc):
    """BBC files carry no datelines, sources or publication dates: none may be found."""
    assert [a for a in bbc.articles if a.dateline or a.source or a.date] == []


def test_ids_unique(bbc):
    assert len({a.id for a in bbc.articles}) == len(bbc)


def test_entities_and_timeline_on_every_article(bbc):
    """Analysis never fails on real text: every mention sits at its offsets in its part (body, title),
    every event is dated or said not to be."""
    for article in bbc.articles:
        for entity in bbc.entities(article):
            part = article.title if entity.part == "title" else article.body
            assert part[entity.start : entity.end] == entity.text
    assert bbc.timeline()
