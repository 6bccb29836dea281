"""The search bar in the reader: results as you type, Enter reads, Escape clears, filters combine."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input

from newsreader.store import DocumentStore
from tests.conftest import until_analysed
from tui.app import NewsReader
from tui.widgets.article_list import ArticleList
from tui.widgets.reader import ArticleView


@pytest.fixture(scope="module")
def seeds() -> DocumentStore:
    return DocumentStore.load()


async def test_search_bar_as_you_type_then_enter_and_escape(seeds):
    app = NewsReader(seeds)
    async with app.run_test(size=(120, 30)) as pilot:
        await until_analysed(pilot)
        await pilot.press("slash", *"zarrif")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        articles = app.query_one(ArticleList)
        assert len(articles.articles) == 2 and "zarrif" in articles.border_title
        await pilot.press("enter")
        reader = app.query_one(ArticleView)
        assert reader.has_focus and reader.article == articles.articles[0]
        text = app.main.reader.text
        match_style = reader.entity_style("match")
        assert any(text.plain[span.start : span.end] == "Zarif" and span.style == match_style for span in text.spans)
        await pilot.press("escape", "escape")
        assert len(articles.articles) == 5 and not app.query_one("#search").display


async def test_search_combines_with_the_entity_filter(seeds):
    app = NewsReader(seeds)
    async with app.run_test(size=(120, 30)) as pilot:
        await until_analysed(pilot)
        app.main.list_pane.filter_by_entity(("Mohammad Javad Zarif", "person"))
        await pilot.press("slash", *"vienna")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        listed = app.query_one(ArticleList).articles
        assert len(listed) == 1 and "Vienna" in listed[0].body


async def test_a_query_typed_at_once_after_the_slash_goes_to_the_search_box(seeds):
    """Keys that come in one burst with the slash (a fast typist, a paste, tmux's send-keys) are the query's:
    none of them reaches the list's keys ("q" quits, "s" stars, "e" opens the entity browser)."""
    app = NewsReader(seeds)
    async with app.run_test(size=(120, 30)) as pilot:
        await until_analysed(pilot)
        assert app._driver is not None
        for key in ("slash", *"quest", "slash", "e"):  # a slash in the query is the query's
            app._driver.send_message(events.Key(key, "/" if key == "slash" else key))
        await pilot.pause(0.3)
        assert app.is_running and app.screen is app.main
        assert app.query_one("#search", Input).value == "quest/e"
