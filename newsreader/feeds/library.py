"""The library: subscribed feeds and the entries fetched from them, in SQLite under the data folder.

An entry is kept once: a fetched entry is the same as a stored one of its feed when it has the same
id, or (having no id) the same link, or the same title and text. A stored entry is never rewritten,
so its article keeps its id and content, and with them its marks. The store reads the library as it
reads a file (`records`), through the same loader pipeline and cache.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing, suppress
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Concatenate, NamedTuple, ParamSpec, TypeVar, cast

from newsreader.clean import line
from newsreader.model import LoadProblem, Record
from newsreader.persist.paths import data_home
from newsreader.persist.salvage import Damaged, is_damage, move_aside, opened_to_read, read_only, readable_rows

FILE_NAME = "library.sqlite3"
SUFFIX = ".sqlite3"

SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY,          -- as subscribed: the feed's identity, and part of its articles' ids
    fetch_url TEXT NOT NULL,       -- where it is fetched from: moves with a permanent redirect
    name TEXT,                     -- given by the user (or an OPML file)
    title TEXT,                    -- the feed's own
    site_url TEXT,
    folder TEXT NOT NULL DEFAULT '[]',  -- JSON list of folder names, outermost first
    full_text INTEGER NOT NULL DEFAULT 0,
    etag TEXT,
    last_modified TEXT,
    checked REAL,                  -- last fetch tried (Unix time)
    updated REAL,                  -- last fetch that succeeded
    new_articles INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    position INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS entries (
    feed TEXT NOT NULL REFERENCES feeds(url) ON DELETE CASCADE,
    guid TEXT,
    link TEXT,
    content_hash TEXT NOT NULL,
    raw TEXT NOT NULL,
    text TEXT NOT NULL,
    fields TEXT NOT NULL,
    seen REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS entries_guid ON entries(feed, guid);
CREATE INDEX IF NOT EXISTS entries_link ON entries(feed, link);
CREATE INDEX IF NOT EXISTS entries_hash ON entries(feed, content_hash);
"""


def library_path() -> Path:
    return data_home() / FILE_NAME


class LibraryUnavailable(Exception):
    """The library cannot be opened or written (a folder without rights, a file that is no database)."""


def worth_opening(path: Path) -> bool:
    """Whether a command given no path opens the library at this path (neither made nor changed here): it
    holds an article, or it cannot be read, which loading it then names instead of the seeds standing in."""
    if not path.is_file():
        return False
    if (db := read_only(path)) is None:
        return True
    try:
        with closing(db):
            return db.execute("SELECT 1 FROM entries LIMIT 1").fetchone() is not None
    except sqlite3.Error:
        return True


class EntryKey(NamedTuple):
    """What tells one entry of a feed from another."""

    guid: str | None
    link: str | None
    content_hash: str

    @classmethod
    def of(cls, record: Record) -> EntryKey:
        """The key of a record the feed loader made (its `raw` carries the entry's id)."""
        guid = json.loads(record.raw).get("id")
        link = record.fields.get("url")
        digest = content_hash(record.fields.get("title", ""), record.text)
        return cls(str(guid) if guid else None, str(link) if link else None, digest)


def content_hash(title: object, text: str) -> str:
    """An entry's fingerprint, of its title and text: what tells it from the others when it has no id."""
    return hashlib.blake2b(f"{title}\n{text}".encode("utf-8", "replace"), digest_size=16).hexdigest()


@dataclass(frozen=True)
class Feed:
    """A subscription and how its last fetch went."""

    url: str
    fetch_url: str
    name: str | None
    title: str | None
    site_url: str | None
    folder: tuple[str, ...]
    full_text: bool
    etag: str | None
    last_modified: str | None
    checked: float | None
    updated: float | None
    new_articles: int
    error: str | None
    articles: int

    @property
    def label(self) -> str:
        """The name to show: the user's, else the feed's own title, else its address."""
        return self.name or self.title or self.url


FEED_COLUMNS = (
    "url, fetch_url, name, title, site_url, folder, full_text, etag, last_modified, checked, updated, "
    "new_articles, error, (SELECT count(*) FROM entries WHERE entries.feed = feeds.url)"
)


def _feed(row: tuple) -> Feed:
    """A subscription as the library keeps it, what strangers wrote in it (a feed's title, an OPML file's
    names, a server's error) cleaned to one safe line. Its addresses are its keys, kept as they are."""
    feed = Feed(*row)
    return replace(
        feed,
        name=_shown(feed.name),
        title=_shown(feed.title),
        site_url=_shown(feed.site_url),
        error=_shown(feed.error),
        folder=tuple(line(str(name)) for name in json.loads(cast(str, feed.folder))),  # stored as JSON
        full_text=bool(feed.full_text),
    )


def _shown(text: str | None) -> str | None:
    return line(text) if text else text


# Every field of a subscription and of an entry, as a damaged library's are read and written again.
FEED_FIELDS = (
    "url, fetch_url, name, title, site_url, folder, full_text, etag, last_modified, checked, updated, "
    "new_articles, error, position"
)
ENTRY_FIELDS = "feed, guid, link, content_hash, raw, text, fields, seen"


def _insert(table: str, fields: str) -> str:
    return f"INSERT OR IGNORE INTO {table} ({fields}) VALUES ({', '.join('?' for _ in fields.split(','))})"


def _readable(path: Path) -> tuple[list[tuple], list[tuple]]:
    """The subscriptions and the entries (every field) a damaged library still gives whole: an entry whose
    title and text are not those its fingerprint was made of (a page of it lost) is left behind."""
    with opened_to_read(path) as db:
        if db is None:
            return [], []
        feeds, entries = readable_rows(db, "feeds", FEED_FIELDS), readable_rows(db, "entries", ENTRY_FIELDS)
    return [row for row in feeds if _json(row[5], list) is not None], [row for row in entries if _whole(row)]


def _whole(entry: tuple) -> bool:
    _, _, _, digest, raw, text, fields, _ = entry
    found = _json(fields, dict)
    return (
        isinstance(found, dict)
        and isinstance(text, str)
        and _json(raw, dict) is not None
        and digest == content_hash(found.get("title", ""), text)
    )


def _json(text: object, kind: type) -> object:
    """The JSON value of a kind a text holds, or None."""
    try:
        value = json.loads(text) if isinstance(text, str) else None
    except ValueError:
        return None
    return value if isinstance(value, kind) else None


P = ParamSpec("P")
T = TypeVar("T")


def _connect(path: Path) -> sqlite3.Connection:
    """The library's file opened, made when missing; Damaged when its subscriptions' table is."""
    # One connection, used by one thread at a time (the reader fetches in a worker thread).
    db = sqlite3.connect(path, timeout=10, check_same_thread=False)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        # A fetch writes once a feed: without WAL each write waits for the disk (25 ms here).
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        db.executescript(SCHEMA)
        # The subscriptions are what the user made: checked at each opening (a millisecond); the entries are
        # found damaged when they are read.
        if (check := db.execute("PRAGMA quick_check(feeds)").fetchone()) != ("ok",):
            raise Damaged(f"its subscriptions are damaged: {str(check[0]).splitlines()[-1]}")
    except BaseException:
        db.close()
        raise
    return db


def mend(path: Path, error: sqlite3.Error) -> tuple[sqlite3.Connection, str]:
    """Move a damaged library aside and make a new one of the subscriptions and entries it still gives: the
    new one, and what became of the old in words ("damaged (…); kept as …"). LibraryUnavailable when it
    cannot be done."""
    try:
        backup = move_aside(path)
        feeds, entries = _readable(backup)
        db = _connect(path)
        with db:
            subscribed = sum(db.execute(_insert("feeds", FEED_FIELDS), row).rowcount for row in feeds)
            kept = {row[0] for row in feeds}
            for url in dict.fromkeys(row[0] for row in entries if row[0] not in kept):  # lost, but not its entries
                subscribed += db.execute(
                    "INSERT OR IGNORE INTO feeds (url, fetch_url, position) "
                    "VALUES (?, ?, (SELECT coalesce(max(position), 0) + 1 FROM feeds))",
                    (url, url),
                ).rowcount
            articles = sum(db.execute(_insert("entries", ENTRY_FIELDS), row).rowcount for row in entries)
    except (OSError, sqlite3.Error) as failure:
        raise LibraryUnavailable(f"the library {path} is damaged ({error}) and cannot be mended: {failure}") from None
    said = f"damaged ({error}); kept as {backup.name}, and the {subscribed:,} subscriptions and {articles:,} "
    return db, said + "articles it still holds are in a new library"


def _guarded(method: Callable[Concatenate[Library, P], T]) -> Callable[Concatenate[Library, P], T]:
    """A library method that, should the file turn out damaged, runs again on a new library holding what the
    damaged one still gives; and that says in one line (LibraryUnavailable) why the library cannot be used."""

    @functools.wraps(method)
    def run(library: Library, *args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return method(library, *args, **kwargs)
        except sqlite3.Error as error:
            if not is_damage(error):
                raise LibraryUnavailable(f"cannot use the library {library.path}: {error}") from None
            library._mend(error)
        try:
            return method(library, *args, **kwargs)
        except sqlite3.Error as error:
            raise LibraryUnavailable(f"cannot use the library {library.path}: {error}") from None

    return run


class Library:
    """Feeds and their entries in one SQLite file (created when first written). A damaged file is moved
    aside, and the subscriptions and entries it still holds go into a new one, said through `warn`."""

    def __init__(self, path: Path | None = None, warn: Callable[[str], None] | None = None) -> None:
        self.path = path or library_path()
        self.warn = warn or (lambda message: None)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = _connect(self.path)
        except (OSError, sqlite3.Error) as error:
            if not (isinstance(error, sqlite3.Error) and is_damage(error)):
                raise LibraryUnavailable(f"cannot open the library {self.path}: {error}") from None
            self._mend(error)

    def _mend(self, error: sqlite3.Error) -> None:
        if hasattr(self, "_db"):  # found damaged in use, not at its opening
            with suppress(sqlite3.Error):
                self._db.close()
        self._db, said = mend(self.path, error)
        self.warn(f"the library {self.path} was {said}")

    def close(self) -> None:
        self.checkpoint()
        self._db.close()

    @_guarded
    def checkpoint(self) -> None:
        """Move what was written into the library file itself: the store's cache knows it changed by its stamp."""
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- Subscriptions -------------------------------------------------------------------------------

    @_guarded
    def add(
        self,
        url: str,
        name: str | None = None,
        full_text: bool | None = None,
        folder: Iterable[str] | None = None,
        site_url: str | None = None,
    ) -> bool:
        """Subscribe to a feed; False when it is subscribed already (what is given of its name, folder and
        options replaces what it had)."""
        folders = None if folder is None else json.dumps(list(folder))
        with self._db:
            # One statement that adds or finds it: another newsreader may subscribe to it at the same moment.
            added = self._db.execute(
                "INSERT OR IGNORE INTO feeds (url, fetch_url, name, full_text, folder, site_url, position) "
                "VALUES (?, ?, ?, ?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM feeds))",
                (url, url, name, bool(full_text), folders or "[]", site_url),
            ).rowcount
            if not added:
                self._db.execute(
                    "UPDATE feeds SET name = coalesce(?, name), full_text = coalesce(?, full_text), "
                    "folder = coalesce(?, folder), site_url = coalesce(?, site_url) WHERE url = ?",
                    (name, full_text, folders, site_url, url),
                )
        return bool(added)

    @_guarded
    def remove(self, url: str) -> bool:
        """Unsubscribe and drop the feed's entries; False when it was not subscribed."""
        with self._db:
            return self._db.execute("DELETE FROM feeds WHERE url = ?", (url,)).rowcount > 0

    @_guarded
    def feeds(self) -> list[Feed]:
        """Every subscription, in the order they were added."""
        return [_feed(row) for row in self._db.execute(f"SELECT {FEED_COLUMNS} FROM feeds ORDER BY position")]

    @_guarded
    def feed(self, url: str) -> Feed | None:
        row = self._db.execute(f"SELECT {FEED_COLUMNS} FROM feeds WHERE url = ?", (url,)).fetchone()
        return _feed(row) if row else None

    # --- After a fetch -------------------------------------------------------------------------------

    @_guarded
    def is_new(self, feed: str, key: EntryKey) -> bool:
        """No stored entry of this feed is this one."""
        return self._find(feed, key) is None

    def _find(self, feed: str, key: EntryKey) -> int | None:
        if key.guid:
            query, value = "guid = ?", key.guid
        elif key.link:
            query, value = "guid IS NULL AND link = ?", key.link
        else:
            query, value = "0", None
        row = self._db.execute(
            f"SELECT rowid FROM entries WHERE feed = ? AND ({query} OR content_hash = ?) LIMIT 1",
            (feed, *([value] if value is not None else []), key.content_hash),
        ).fetchone()
        return row[0] if row else None

    @_guarded
    def store(
        self,
        feed: str,
        entries: Sequence[tuple[EntryKey, Record]],  # read again when the library is mended half way
        etag: str | None = None,
        last_modified: str | None = None,
        title: str | None = None,
        site_url: str | None = None,
        now: float | None = None,
    ) -> int:
        """Keep a successful fetch's new entries and validators; returns how many entries were new."""
        now = time.time() if now is None else now
        new = 0
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")  # another newsreader fetching at once waits: no entry twice
            for key, record in entries:
                if self._find(feed, key) is not None:
                    continue
                # The article id is made from `raw`: the feed and the entry's first key, so it never changes.
                raw = json.dumps({"feed": feed, "entry": key.guid or key.link or key.content_hash})
                fields = json.dumps(record.fields, ensure_ascii=False)
                self._db.execute(
                    "INSERT INTO entries (feed, guid, link, content_hash, raw, text, fields, seen) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (feed, key.guid, key.link, key.content_hash, raw, record.text, fields, now),
                )
                new += 1
            self._db.execute(
                "UPDATE feeds SET etag = ?, last_modified = ?, title = coalesce(?, title), "
                "site_url = coalesce(site_url, ?), checked = ?, updated = ?, new_articles = ?, error = NULL "
                "WHERE url = ?",
                (etag, last_modified, title, site_url, now, now, new, feed),
            )
        return new

    @_guarded
    def unchanged(self, feed: str, now: float | None = None) -> None:
        """The feed answered 304 Not Modified."""
        now = time.time() if now is None else now
        with self._db:
            self._db.execute(
                "UPDATE feeds SET checked = ?, updated = ?, new_articles = 0, error = NULL WHERE url = ?",
                (now, now, feed),
            )

    @_guarded
    def failed(self, feed: str, error: str, now: float | None = None) -> None:
        """The fetch failed: the error is kept until a fetch succeeds."""
        with self._db:
            self._db.execute(
                "UPDATE feeds SET checked = ?, new_articles = 0, error = ? WHERE url = ?",
                (time.time() if now is None else now, error, feed),
            )

    @_guarded
    def moved(self, feed: str, fetch_url: str) -> None:
        """A permanent redirect: fetch the feed from its new address from now on."""
        with self._db:
            self._db.execute("UPDATE feeds SET fetch_url = ? WHERE url = ?", (fetch_url, feed))

    # --- Reading -------------------------------------------------------------------------------------

    @_guarded
    def article_count(self) -> int:
        return self._db.execute("SELECT count(*) FROM entries").fetchone()[0]

    def records(self) -> Iterator[Record]:
        """Every entry as the feed loader made it, feed by feed; its source path is the feed's address."""
        return _records(self._db)


RECORDS = (
    "SELECT entries.feed, text, raw, fields, feeds.name FROM entries JOIN feeds ON feeds.url = entries.feed "
    "ORDER BY feeds.position, entries.rowid"
)


def _records(db: sqlite3.Connection) -> Iterator[Record]:
    for feed, text, raw, fields, name in db.execute(RECORDS):
        fields = json.loads(fields)
        if name:
            fields["feed"] = name  # the user's name for the feed is the source of last resort
        yield Record(source_path=feed, text=text, raw=raw, fields=fields)


def load_library(path: Path) -> Iterator[Record | LoadProblem]:
    """The library's entries as records, for the store's file loading; read only, unless it is the user's
    library and damaged: then it is mended (moved aside, what it still holds in a new one) and the new one
    read, as a problem says."""
    if (db := read_only(path)) is None:
        yield LoadProblem(str(path), "cannot read the library (unable to open database file)")
        return
    read: set[str] = set()  # the entries' raw texts, one for each entry
    try:
        for record in _records(db):
            read.add(record.raw)
            yield record
        return
    except sqlite3.Error as error:
        failed = error
    finally:
        db.close()
    if not is_damage(failed) or path.resolve() != library_path().resolve():  # another file is never moved
        yield LoadProblem(str(path), f"cannot read the library ({failed})")
        return
    try:
        mended, said = mend(path, failed)
    except LibraryUnavailable as unmended:
        yield LoadProblem(str(path), str(unmended))
        return
    with closing(mended):
        yield from (record for record in _records(mended) if record.raw not in read)
    yield LoadProblem(str(path), said)
