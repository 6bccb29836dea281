"""Marks from the reader's keys: star, unread, and the lists of only unread or only starred articles."""

from __future__ import annotations

from newsreader.store import DocumentStore
from tui.app import NewsReader
from tui.widgets.article_list import ArticleList


async def test_reader_keys_for_marks():
    store = DocumentStore.load()
    app = NewsReader(store)
    async with app.run_test(size=(120, 30)) as pilot:
        state = app.state
        first = store.articles[0]
        assert not state.is_read(first)
        await pilot.press("enter")
        assert state.is_read(first)
        await pilot.press("s")
        assert state.is_starred(first)
        await pilot.press("escape", "u")
        assert not state.is_read(first)
        await pilot.press("U")
        listed = app.query_one(ArticleList).articles
        assert len(listed) == 5 and "only unread" in app.query_one(ArticleList).border_title
        await pilot.press("j", "enter", "escape", "U", "S")
        assert [a.id for a in app.query_one(ArticleList).articles] == [first.id]
        await pilot.press("escape")
        assert len(app.query_one(ArticleList).articles) == 5
