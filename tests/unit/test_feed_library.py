"""The library of fetched feeds: re-fetching never duplicates an article, never changes its id, never loses a mark."""

from __future__ import annotations

import json
import threading

import pytest

from newsreader.feeds.fetch import FetchSettings
from newsreader.feeds.library import EntryKey, Library
from newsreader.feeds.refresh import refresh
from newsreader.model import Record
from newsreader.persist.cache import Cache
from newsreader.persist.state import ReadingState
from newsreader.store import DocumentStore
from tests.feed_server import Reply, rss

FAST = FetchSettings(timeout=5, total=10, backoff=0.01)  # quick retries; a timeout a loaded machine meets
OLD = [
    ("http://127.0.0.1/1", "Talks resume in Geneva", "Delegates met in Geneva on Monday."),
    ("http://127.0.0.1/2", "Rain", "Wet."),
]
NEWER = [("http://127.0.0.1/3", "Markets rally", "Shares rose."), *OLD]


@pytest.fixture
def library(tmp_path):
    with Library(tmp_path / "library.sqlite3") as library:
        yield library


def load(library: Library, cache: Cache | None = None) -> DocumentStore:
    return DocumentStore.load([library.path], cache=cache or Cache(enabled=False))


def test_refetching_keeps_one_copy_and_the_same_ids(library, feed_server):
    url = feed_server.serve("/news.xml", Reply(body=rss("News", OLD)))
    library.add(url)
    refresh(library, settings=FAST)
    first = {a.title: a.id for a in load(library).articles}
    feed_server.serve("/news.xml", Reply(body=rss("News", NEWER)))
    assert refresh(library, force=True, settings=FAST)[0].new == 1
    again = {a.title: a.id for a in load(library).articles}
    assert len(again) == 3 and {title: again[title] for title in first} == first
    assert library.feed(url).new_articles == 1 and library.feed(url).title == "News"


def test_marks_survive_a_refetch(library, feed_server, tmp_path):
    url = feed_server.serve("/news.xml", Reply(body=rss("News", OLD)))
    library.add(url)
    refresh(library, settings=FAST)
    cache = Cache(tmp_path / "cache")
    talks = next(a for a in load(library, cache).articles if a.title.startswith("Talks"))
    ReadingState(tmp_path / "state").mark("read", talks, True)
    ReadingState(tmp_path / "state").mark("starred", talks, True)
    feed_server.serve("/news.xml", Reply(body=rss("News, renamed", NEWER)))
    refresh(library, force=True, settings=FAST)
    state = ReadingState(tmp_path / "state")
    reloaded = {a.title: a for a in load(library, cache).articles}
    assert reloaded["Talks resume in Geneva"].id == talks.id
    assert state.is_read(reloaded["Talks resume in Geneva"]) and state.is_starred(reloaded["Talks resume in Geneva"])
    assert not state.is_read(reloaded["Markets rally"])


def record(title: str, text: str, guid: str | None = None, link: str | None = None) -> Record:
    fields = {"title": title, **({"url": link} if link else {})}
    return Record("feed", text, json.dumps({"id": guid}), fields)


@pytest.mark.parametrize(
    ("first", "again"),
    [
        (record("A", "one", guid="g1"), record("A, corrected", "one, edited", guid="g1")),
        (record("A", "one", link="http://x/a"), record("A, corrected", "one, edited", link="http://x/a")),
        (record("A", "one"), record("A", "one")),
        (record("A", "one", guid="g1"), record("A", "one", guid="g1-regenerated")),
    ],
    ids=["same id", "same link, no id", "same content", "same content, new id"],
)
def test_an_entry_is_known_by_id_link_or_content(library, first, again):
    library.add("feed")
    assert library.store("feed", [(EntryKey.of(first), first)]) == 1
    assert library.store("feed", [(EntryKey.of(again), again)]) == 0
    assert [r.fields["title"] for r in library.records()] == ["A"]


def test_entries_sharing_a_link_but_not_an_id_are_two(library):
    library.add("feed")
    one, two = record("A", "one", guid="g1", link="http://x/"), record("B", "two", guid="g2", link="http://x/")
    assert library.store("feed", [(EntryKey.of(one), one), (EntryKey.of(two), two)]) == 2


def test_removing_a_feed_drops_its_articles(library):
    library.add("feed", name="Mine")
    library.add("other")
    entry = record("A", "one", guid="g1")
    library.store("feed", [(EntryKey.of(entry), entry)])
    assert [r.fields["feed"] for r in library.records()] == ["Mine"]
    assert library.remove("feed") and not library.remove("feed")
    assert library.article_count() == 0 and [f.url for f in library.feeds()] == ["other"]


def test_something_else_named_like_a_library_is_a_load_problem(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_text("not a database at all, but long enough to have a header" * 20)
    store = DocumentStore.load([path], cache=Cache(enabled=False))
    assert len(store) == 0 and "library" in store.problems[0].reason
    assert list(tmp_path.iterdir()) == [path]  # only the user's own library is mended, never moved aside


def test_a_store_takes_in_what_a_fetch_brought(library, feed_server):
    url = feed_server.serve("/news.xml", Reply(body=rss("News", OLD)))
    library.add(url)
    refresh(library, settings=FAST)
    store = load(library)
    assert store.entity_counts()
    feed_server.serve("/news.xml", Reply(body=rss("News", NEWER)))
    refresh(library, force=True, settings=FAST)
    assert [article.title for article in store.read_again(library.path)] == ["Markets rally"]
    assert len(store) == 3 and store.read_again(library.path) == []
    talks = next(article for article in store.articles if article.title.startswith("Talks"))
    assert any(entity.text == "Geneva" for entity in store.entities(talks))  # analysed again, with the new one


def test_newsreaders_subscribing_to_the_same_feed_at_the_same_moment_all_succeed(tmp_path):
    libraries = [Library(tmp_path / "library.sqlite3") for _ in range(4)]  # four newsreaders' connections
    together = threading.Barrier(len(libraries))
    failures: list[Exception] = []

    def subscribe(library: Library) -> None:
        for number in range(100):
            together.wait(10)  # each feed asked for by all four at once
            try:
                library.add(f"http://127.0.0.1:9/{number}.xml", name=f"Feed {number}")
            except Exception as error:
                failures.append(error)

    threads = [threading.Thread(target=subscribe, args=(library,)) for library in libraries]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert [feed.name for feed in libraries[0].feeds()] == [f"Feed {number}" for number in range(100)]
    for library in libraries:
        library.close()
