"""Shared test helpers: where the seeds and the shared corpora are, one store of each per session,
and the markers each layer's tests carry (`pytest -m "not slow"`, `-m corpus`, …)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.store import DocumentStore, bundled_seeds

TESTS = Path(__file__).resolve().parent
DATA = TESTS / "data"
SHARED = TESTS.parent.parent / "shared"
BBC = SHARED / "corpora" / "bbc-news"
FEEDS = SHARED / "corpora" / "feeds"

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
    await app.workers.wait_for_complete()
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
