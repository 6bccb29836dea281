"""Fetching subscribed feeds into the library: fetch, parse with the feed loader, keep what is new.

A feed is fetched at most once a minute unless forced. Entries are parsed by the same loaders that
read feed files (RSS and Atom by `newsreader.ingest.feeds`, JSON Feed by `newsreader.ingest.jsonfiles`);
for a feed marked full-text, each new entry's page is fetched and its main text extracted by the same
loader as saved pages, the summary kept when that fails.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass

from newsreader.clean import line
from newsreader.feeds.fetch import Fetched, Fetcher, FetchSettings, host_of
from newsreader.feeds.library import EntryKey, Feed, Library
from newsreader.ingest.decode import NotText, decode
from newsreader.ingest.feeds import load_feed, looks_like_feed
from newsreader.ingest.jsonfeed import parse_json_feed
from newsreader.ingest.jsonfiles import load_json_feed
from newsreader.ingest.pages import load_page
from newsreader.model import LoadProblem, Record

MIN_INTERVAL = 60.0  # seconds between two fetches of one feed, unless forced
HTML_START = ("<!doctype html", "<html")


@dataclass(frozen=True)
class Outcome:
    """How fetching one feed went: `new` articles, `unchanged` (304), `skipped` (fetched recently) or an error."""

    url: str
    new: int = 0
    unchanged: bool = False
    skipped: bool = False
    error: str | None = None

    def __str__(self) -> str:
        if self.error:  # a server's words, or a library's quoting them: shown on the screen too
            return line(f"{self.url}: {self.error}")
        if self.skipped:
            return f"{self.url}: fetched less than a minute ago (--force fetches it again)"
        return f"{self.url}: {'unchanged' if self.unchanged else f'{self.new} new'}"


Progress = Callable[[int, int, Outcome], None]  # (feeds done, feeds in all, the last one's outcome)


def refresh(
    library: Library,
    urls: Iterable[str] | None = None,
    force: bool = False,
    settings: FetchSettings | None = None,
    progress: Progress | None = None,
) -> list[Outcome]:
    """Fetch these subscribed feeds (default: all) into the library, concurrently; one outcome a feed,
    in subscription order. `progress` hears of each feed as it is done, on the caller's thread."""
    wanted = set(urls) if urls is not None else None
    feeds = [feed for feed in library.feeds() if wanted is None or feed.url in wanted]
    writing = threading.Lock()  # the library's one connection, for one thread at a time
    outcomes: dict[str, Outcome] = {}
    with Fetcher(settings) as fetcher, ThreadPoolExecutor(fetcher.settings.concurrency) as pool:
        futures = [pool.submit(_refresh_feed, library, writing, fetcher, feed, force) for feed in _interleaved(feeds)]
        for future in as_completed(futures):
            outcome = future.result()
            outcomes[outcome.url] = outcome
            if progress:
                progress(len(outcomes), len(feeds), outcome)
    library.checkpoint()
    return [outcomes[feed.url] for feed in feeds]


def _interleaved(feeds: list[Feed]) -> list[Feed]:
    """The feeds taking turns by host, so that a host with many feeds does not hold every thread."""
    by_host: dict[str, list[Feed]] = {}
    for feed in feeds:
        by_host.setdefault(host_of(feed.fetch_url), []).append(feed)
    turns = itertools.zip_longest(*by_host.values())
    return [feed for turn in turns for feed in turn if feed is not None]


def _refresh_feed(library: Library, writing: threading.Lock, fetcher: Fetcher, feed: Feed, force: bool) -> Outcome:
    """Fetch one feed and keep what is new; whatever goes wrong is this feed's error, never the end of the others."""
    try:
        return _fetch_feed(library, writing, fetcher, feed, force)
    except Exception as error:
        said = f"unexpected {type(error).__name__}: {error}"
        with writing:
            library.failed(feed.url, said)
        return Outcome(feed.url, error=said)


def _fetch_feed(library: Library, writing: threading.Lock, fetcher: Fetcher, feed: Feed, force: bool) -> Outcome:
    if not force and feed.checked is not None and time.time() - feed.checked < MIN_INTERVAL:
        return Outcome(feed.url, skipped=True)
    fetched = fetcher.get(feed.fetch_url, feed.etag, feed.last_modified)
    records, error = ([], None) if fetched.not_modified else _parse(feed.url, fetched)
    with writing:
        if fetched.moved_to:
            library.moved(feed.url, fetched.moved_to)
        if fetched.not_modified:
            library.unchanged(feed.url)
            return Outcome(feed.url, unchanged=True)
        if error:
            library.failed(feed.url, error)
            return Outcome(feed.url, error=error)
        new = [(key, record) for record in records if library.is_new(feed.url, key := EntryKey.of(record))]
    if feed.full_text:
        new = [_with_full_text(fetcher, key, record) for key, record in new]
    title = next((str(record.fields["feed"]) for record in records if record.fields.get("feed")), None)
    with writing:
        count = library.store(feed.url, new, fetched.etag, fetched.last_modified, title)
    return Outcome(feed.url, new=count)


def _parse(url: str, fetched: Fetched) -> tuple[list[Record], str | None]:
    """The entries of a fetched feed, or why there are none."""
    if fetched.error:
        return [], fetched.error
    try:
        text = decode(fetched.body or b"", fetched.content_type)
    except NotText:
        return [], "not a feed: the answer is binary"
    json_feed = parse_json_feed(text)
    if json_feed is not None:
        entries = load_json_feed(url, json_feed)
    elif looks_like_feed(text):
        entries = load_feed(url, text)
    elif "html" in fetched.content_type.lower() or text.lstrip()[:200].lower().startswith(HTML_START):
        return [], "not a feed: the address gives a web page (HTML)"
    else:
        return [], "not an RSS, Atom or JSON feed"
    records: list[Record] = []
    problems: list[LoadProblem] = []
    for found in entries:
        if isinstance(found, LoadProblem):
            problems.append(found)
        else:
            records.append(found)
    if not records:
        return [], problems[0].reason if problems else "no entry of the feed has a title or text"
    return records, None


def _with_full_text(fetcher: Fetcher, key: EntryKey, record: Record) -> tuple[EntryKey, Record]:
    """The entry with its page's main text as its text; as it was when the page cannot be had or read."""
    if not key.link:
        return key, record
    page = fetcher.get(key.link)
    if page.error or not page.body:
        return key, record
    try:
        html = decode(page.body, page.content_type)
    except NotText:
        return key, record
    found = next(iter(load_page(key.link, html)), None)
    if isinstance(found, Record) and len(found.text) > len(record.text):
        return key, record._replace(text=found.text)
    return key, record
