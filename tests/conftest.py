"""Shared test helpers: where the seeds and the shared corpora are, one store of each per session,
and the markers each layer's tests carry (`pytest -m "not slow"`, `-m corpus`, …)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.analysis.entity_table import EntityTable
from newsreader.store import DocumentStore, bundled_seeds

TESTS = Path(__file__).resolve().parent
DATA = TESTS / "data"
SHARED = TESTS.parent.parent / "shared"
BBC = SHARED / "corpora" / "bbc-news"
FEEDS = SHARED / "corpora" / "feeds"

# A small RSS feed as wires write them: an entity in a title, HTML in a description, one item undated by dateline.
WIRE_RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Example Wire</title>
<item><title>Storm &amp; floods</title><link>https://example.org/a</link>
<pubDate>Tue, 30 Jan 2018 16:14:05 -0500</pubDate>
<description>&lt;p&gt;LONDON (Example Wire) - Rain fell.&lt;/p&gt;&lt;p&gt;Rivers rose.&lt;/p&gt;</description></item>
<item><title>Quiet day</title><pubDate>Wed, 31 Jan 2018 09:00:00 GMT</pubDate>
<description>Nothing happened.</description></item>
</channel></rss>"""

needs_bbc = pytest.mark.skipif(not BBC.is_dir(), reason="../shared/corpora/bbc-news is not here")
needs_feeds = pytest.mark.skipif(not FEEDS.is_dir(), reason="../shared/corpora/feeds is not here")

# Each folder is a layer, and its tests carry its marker.
LAYER_MARKERS = {"corpus": "corpus", "e2e": "terminal", "tui": "tui", "unit": "unit"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        layer = Path(str(item.fspath)).parent.name
        if layer in LAYER_MARKERS:
            item.add_marker(LAYER_MARKERS[layer])
        if "snap_compare" in getattr(item, "fixturenames", ()):
            item.add_marker("snapshot")


def article_name(store: DocumentStore, article_id: str) -> str:
    """An article's file name without its suffix: how the query table names articles."""
    return Path(store.get(article_id).source_path).stem


def check_query_row(store: DocumentStore, row: dict) -> None:
    """A row of tests/data/search/queries.json. `top`: the first hit; `top3`: up to three articles all
    among the first three hits, or, when more are listed, the first three hits all among them."""
    found = [article_name(store, hit.id) for hit in store.search(row["query"], limit=3)]
    if "top" in row:
        assert found and found[0].startswith(row["top"]), (row, found)
    elif len(row["top3"]) <= 3:
        assert all(any(f.startswith(t) for f in found) for t in row["top3"]), (row, found)
    else:
        assert found and all(any(f.startswith(t) for t in row["top3"]) for f in found), (row, found)


def kept(table: EntityTable) -> dict:
    """What the cache keeps of an entity table (names, articles, their mentions' blocks): two tables made apart
    are the same table where this is the same, whichever mentions file each has."""
    state = table.__getstate__()
    return {**state, "triples": bytes(state["triples"])}


def seed_path(prefix: str) -> Path:
    """A bundled seed file by the start of its name ("000")."""
    return next(bundled_seeds().glob(f"{prefix}_*.txt"))


@pytest.fixture(autouse=True)
def private_state(tmp_path_factory, monkeypatch):
    """Every test keeps its reading state, cache and config in folders of its own, never the user's."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data")))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))


@pytest.fixture(scope="session")
def seeds() -> DocumentStore:
    """The bundled seeds, loaded once for every test that only reads them."""
    return DocumentStore.load()


@pytest.fixture(scope="session")
def bbc() -> DocumentStore:
    """The 2,095 BBC articles of ../shared, loaded once for every test that only reads them."""
    if not BBC.is_dir():
        pytest.skip("../shared/corpora/bbc-news is not here")
    return DocumentStore.load([BBC])


def seed_article(store: DocumentStore, prefix: str):
    """The article loaded from the seed file whose name starts with `prefix`."""
    return next(a for a in store.articles if Path(a.source_path).name.startswith(prefix))


async def until_analysed(pilot, timeout: float = 30.0) -> None:
    """Wait until the reader's background analysis and search index are ready."""
    app = pilot.app
    waited = 0.0
    while not app.store.indexed and waited < timeout:
        await pilot.pause(0.05)
        waited += 0.05
    while not all(worker.is_finished for worker in app.workers):  # a search may be cancelled by the next one
        await pilot.pause(0.05)
    await pilot.pause()


PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


@pytest.fixture
def feed_server(monkeypatch):
    """A real HTTP server on 127.0.0.1 (tests/feed_server.py), reached directly whatever proxy is set."""
    from tests.feed_server import FeedServer

    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    with FeedServer() as server:
        yield server
