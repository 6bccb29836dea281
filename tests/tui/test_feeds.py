"""Feeds in the reader: `R` fetches them and the new articles join the list under a cursor that stays;
`f` lists the feeds with their unread articles and filters the list to one."""

from __future__ import annotations

import os

from newsreader.feeds.library import Library
from newsreader.feeds.refresh import refresh
from newsreader.persist.state import ReadingState
from newsreader.store import DocumentStore
from tests.feed_server import Reply, rss
from tui.app import NewsReader
from tui.screens.feeds import FeedPicker

FIRST = [(f"http://127.0.0.1/{i}", f"Morning story {i}", f"Text of story {i}.") for i in range(3)]
LATER = [*FIRST, ("http://127.0.0.1/late", "Evening bulletin", "It came later.")]


async def until_fetched(app: NewsReader, pilot) -> None:
    while any(worker.group == "fetch" for worker in app.workers):
        await pilot.pause(0.05)


async def test_R_brings_new_articles_and_the_cursor_stays(feed_server):
    with Library() as library:
        library.add(feed_server.serve("/news.xml", Reply(body=rss("Morning Post", LATER))))
    app = NewsReader(DocumentStore.load(), state=ReadingState())  # the seeds, and a feed never fetched
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("j", "j")
        listed = app.main.article_list
        under_cursor = listed.current
        await pilot.press("R")
        await until_fetched(app, pilot)
        await pilot.pause()
        assert "Evening bulletin" in [article.title for article in listed.articles]
        assert len(listed.articles) == 5 + 4 and listed.current == under_cursor
        await pilot.press("R")  # a minute has not passed: nothing is fetched, and the notice says so
        await until_fetched(app, pilot)
        assert "1 fetched less than a minute ago" in [notice.message for notice in app._notifications][-1]
        assert len(feed_server.requests_to("/news.xml")) == 1


async def test_R_says_which_feed_failed(feed_server):
    with Library() as library:
        library.add(feed_server.url("/gone.xml"))
    app = NewsReader(DocumentStore.load(), state=ReadingState())
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("R")
        await until_fetched(app, pilot)
        await pilot.pause()
        said = [notice.message for notice in app._notifications]
        assert any("1 failed" in message and "HTTP 404 Not Found" in message for message in said)


async def test_the_feed_list_filters_to_one_feed(feed_server):
    with Library() as library:
        library.add(feed_server.serve("/a.xml", Reply(body=rss("Alpha", FIRST))), name="Alpha wire")
        library.add(feed_server.serve("/b.xml", Reply(body=rss("Beta", LATER[3:]))))
        refresh(library)
        path = library.path
    store = DocumentStore.load([path])
    state = ReadingState()
    state.mark("read", next(a for a in store.articles if a.title == "Morning story 0"), True)
    app = NewsReader(store, state=state)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f")
        assert isinstance(app.screen, FeedPicker)
        assert [(feed.label, unread, total) for feed, unread, total in app.screen.counts] == [
            ("Alpha wire", 2, 3),
            ("Beta", 1, 1),
        ]
        await pilot.press("down", "enter")  # the first row is every feed
        listed = app.main.article_list
        assert sorted(article.title for article in listed.articles) == [f"Morning story {i}" for i in range(3)]
        assert "Alpha wire" in listed.border_title
        await pilot.press("escape")
        assert len(listed.articles) == 4


async def test_the_feed_list_of_a_damaged_library_says_what_it_kept(tmp_path):
    with Library() as library:
        for number in range(300):
            library.add(f"http://127.0.0.1:9/{number}.xml", name=f"Feed {number}")
        path = library.path
    os.truncate(path, path.stat().st_size // 2)  # cut short: 'f' ended the reader in a traceback
    app = NewsReader(DocumentStore.load(), state=ReadingState())
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f")
        said = [notice.message for notice in app._notifications]
        (damaged,) = [message for message in said if "was damaged (database disk image is malformed)" in message]
        kept = int(damaged.split("and the ")[1].split(" ")[0])
        assert isinstance(app.screen, FeedPicker) and 0 < kept == len(app.screen.counts) < 300
