"""`--query` opens the reader with a search typed; `n` / `N` then go from match to match, and on to the next
article past the last one, as in less and vim."""

from __future__ import annotations

from newsreader.store import DocumentStore
from tui.app import NewsReader
from tui.widgets.article_list import ArticleList
from tui.widgets.list_pane import ListPane
from tui.widgets.reader import ArticleView


async def until_searched(app: NewsReader, pilot) -> None:
    for _ in range(200):
        if app.query_one(ListPane).browse.hits:
            return
        await pilot.pause(0.05)
    raise AssertionError("the search never listed its hits")


async def test_query_then_n_and_N_go_through_the_matches(seeds: DocumentStore):
    app = NewsReader(seeds, query="lavrov")
    async with app.run_test(size=(120, 40)) as pilot:
        await until_searched(app, pilot)
        assert app.query_one("#search").value == "lavrov"
        articles, reader = app.query_one(ArticleList), app.query_one(ArticleView)
        assert len(articles.articles) == 5 and "“lavrov”: 5 of 5" in str(articles.border_title)

        await pilot.press("enter")  # reads the top hit, as in fzf
        first = articles.current
        count = len(reader._shown.matches)
        assert count >= 2
        await pilot.press("n")
        assert reader.border_subtitle == f"match 1 of {count}"
        await pilot.press("n")
        assert reader.border_subtitle == f"match 2 of {count}"
        await pilot.press(*"n" * (count - 1))  # past the last match: the next article's first
        assert articles.cursor == 1 and reader.article == articles.current != first
        assert reader.border_subtitle == f"match 1 of {len(reader._shown.matches)}"
        await pilot.press("N")  # back before the first: the previous article's last
        assert reader.article == first and reader.border_subtitle == f"match {count} of {count}"


async def test_n_without_a_search_says_so(seeds: DocumentStore):
    app = NewsReader(seeds)
    async with app.run_test() as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert [str(n.message) for n in app._notifications] == ["No search to go through: / searches."]
