"""The timeline screen: an article opened at its sentence, the entity filter followed, headings skipped."""

from __future__ import annotations

import pytest
from textual.widgets import Sparkline

from newsreader.analysis.periods import label
from newsreader.store import DocumentStore
from tests.conftest import until_analysed
from tui.app import NewsReader
from tui.screens.timeline import TimelineScreen
from tui.widgets.reader import ArticleView


async def until_timeline(app: NewsReader, pilot) -> TimelineScreen:
    """The timeline screen, once its worker has made it."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, TimelineScreen)
    return app.screen


async def test_timeline_view_opens_the_article_at_the_sentence():
    store = DocumentStore.load()
    app = NewsReader(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await until_analysed(pilot)
        await pilot.press("t")
        screen = await until_timeline(app, pilot)
        while screen.timeline.current[0].value != "2020-01-03":
            await pilot.press("j")
        _event, sentence = screen.timeline.current
        assert sentence.text_in(store.get(sentence.article_id).body) in str(
            screen.query_one("#timeline-preview").content
        )
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        reader = app.query_one(ArticleView)
        assert not isinstance(app.screen, TimelineScreen) and reader.has_focus
        assert "January 3" in reader.article.body and reader.scroll_y > 0


async def test_timeline_follows_the_entity_filter():
    store = DocumentStore.load()
    app = NewsReader(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await until_analysed(pilot)
        app.main.list_pane.filter_by_entity(("Hossein Amir-Abdollahian", "person"))
        await pilot.press("t")
        screen = await until_timeline(app, pilot)
        assert {a for e in screen.events for a in e.article_ids} == {app.main.article_list.articles[0].id}
        await pilot.press("escape")
        assert not isinstance(app.screen, TimelineScreen)


def test_the_timeline_screen_reads_no_article_until_its_rows_are_drawn():
    """Half a million rows at 100,000 articles: a row's sentence is read when it comes on screen."""
    store = DocumentStore.load()
    store.analyse()
    events = store.timeline()
    asked = []
    screen = TimelineScreen(events, lambda article_id: asked.append(article_id) or store.get(article_id), "all")
    rows = screen.timeline.rows
    assert not asked
    assert sum(len(event.mentions) for event in events) == sum(not isinstance(row, str) for row in rows)
    assert isinstance(rows[0], str) and rows[0] == "2015"  # each group starts with its heading


@pytest.mark.slow
async def test_the_timeline_cursor_steps_over_headings():
    app = NewsReader(DocumentStore.load())
    async with app.run_test(size=(120, 40)) as pilot:
        await until_analysed(pilot)
        await pilot.press("t")
        timeline = (await until_timeline(app, pilot)).timeline
        rows = len(timeline.rows)
        seen = []
        for key in ["g", *"j" * rows, "G", *"k" * rows, "pagedown", "pageup"]:
            await pilot.press(key)
            seen.append(timeline.cursor)
        assert set(seen) == {i for i in range(rows) if not isinstance(timeline.rows[i], str)}


@pytest.mark.parametrize("size, chart", [((30, 8), False), ((120, 40), True)])
async def test_a_short_terminal_gives_the_timeline_rows_their_room(size, chart):
    app = NewsReader(DocumentStore.load())
    async with app.run_test(size=size) as pilot:
        await until_analysed(pilot)
        await pilot.press("t")
        screen = await until_timeline(app, pilot)
        assert screen.timeline.scrollable_content_region.height >= 3
        assert screen.query_one(Sparkline).display is chart
        first_row = screen.timeline.render_line(1).text  # the first event under the first heading
        assert first_row.startswith(label(screen.events[0]))
