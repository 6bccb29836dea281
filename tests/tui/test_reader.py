"""The reader pane: article text shown as text, never as markup, and a 50 MB article that opens."""

from __future__ import annotations

import json

import pytest

from newsreader.store import DocumentStore
from tui.app import NewsReader
from tui.widgets.reader import ArticleView


async def test_markup_in_articles_shows_literally(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(
        json.dumps(
            {
                "title": "[bold red]x[/] [@click=app.quit]quit[/]",
                "text": "Body [link=https://e.org]l[/link] [@click=app.quit]q[/].",
            }
        )
    )
    app = NewsReader(DocumentStore.load([path]))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.click(ArticleView, offset=(3, 1))
        await pilot.pause()
        shown = app.main.reader.text.plain
        assert "[bold red]x[/] [@click=app.quit]quit[/]" in shown and "[@click=app.quit]q[/]" in shown
        assert app.is_running


@pytest.mark.slow
async def test_a_50_mb_article_opens(tmp_path):
    body = "\n\n".join(f"Paragraph {i} of a very long report, with some words in it." for i in range(800_000))
    path = tmp_path / "huge.json"
    path.write_text(json.dumps({"title": "Huge", "text": body}))
    store = DocumentStore.load([path])
    assert len(store.articles[0].body) > 50_000_000
    app = NewsReader(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "space", "G")
        await pilot.pause()
        shown = app.main.reader.text.plain
        assert "more characters are not shown here: p prints the whole article" in shown
        await pilot.press("p")
    assert app.return_value.count("Paragraph") == 800_000


async def test_a_date_of_no_known_year_reads_as_written(tmp_path):
    (tmp_path / "a.json").write_text(
        json.dumps({"title": "Talks in Colombo", "text": "Talks began.", "date": "Jan. 14"})
    )
    app = NewsReader(DocumentStore.load([tmp_path / "a.json"]))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        row = app.main.query_one("ArticleList").render_line(0).text
        header = app.main.reader.text.plain.splitlines()[1]
        assert row.split()[:2] == ["14", "Jan"] and "--01-14" not in row
        assert header.startswith("14 Jan · ") and "--" not in header
