"""Reading state: which articles are read and which starred, kept on disk and never silently lost.

Marks are keyed by a hash of the article's content, so they survive moving or renaming files. They
live in a SQLite file under `$XDG_DATA_HOME/newsreader` (default `~/.local/share/newsreader`) in WAL
mode, one short transaction a mark: several newsreaders open at once each add their own marks, and
none overwrites another's. The JSON file older versions kept is migrated once and kept as a backup.
A corrupt file is moved aside to a dated backup with a warning, and the marks that can still be
read from it are kept; a folder where nothing can be written gives one warning, and the marks are
kept in memory.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

from newsreader.model import Article
from newsreader.persist.paths import data_home
from newsreader.persist.salvage import move_aside, opened_to_read

FILE_NAME = "state.sqlite"
OLD_FILE_NAME = "state.json"  # before marks were kept in SQLite
MIGRATED_SUFFIX = ".migrated"
KINDS = ("read", "starred")
BUSY_SECONDS = 10  # another newsreader's transaction is a mark or two: waiting this long means something is wrong
SCHEMA = """
CREATE TABLE IF NOT EXISTS marks (kind TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (kind, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS migrated (file TEXT PRIMARY KEY);
"""


def content_key(article: Article) -> str:
    """The article's key in the state file: its content's fingerprint."""
    return article.fingerprint


class ReadingState:
    """Read and starred marks, each saved as it is made."""

    def __init__(self, folder: Path | None = None, warn: Callable[[str], None] | None = None) -> None:
        self.folder = folder or data_home()
        self.path = self.folder / FILE_NAME
        self.warn = warn or (lambda message: None)
        self.marks: dict[str, set[str]] = {kind: set() for kind in KINDS}
        self._lock = threading.Lock()  # the reader marks from the screen's thread; workers may ask too
        self._recovered: set[tuple[str, str]] = set()  # (kind, key) read from a damaged database moved aside
        self._db = self._open()

    # --- Asking and marking ------------------------------------------------------------------------

    def is_read(self, article: Article) -> bool:
        return content_key(article) in self.marks["read"]

    def is_starred(self, article: Article) -> bool:
        return content_key(article) in self.marks["starred"]

    def mark(self, kind: str, article: Article, value: bool) -> None:
        """Set or clear a mark, and save it (one transaction)."""
        key = content_key(article)
        if (key in self.marks[kind]) == value:
            return
        (self.marks[kind].add if value else self.marks[kind].discard)(key)
        if value:
            self._write("INSERT OR IGNORE INTO marks VALUES (?, ?)", (kind, key))
        else:
            self._write("DELETE FROM marks WHERE kind = ? AND key = ?", (kind, key))

    def toggle(self, kind: str, article: Article) -> bool:
        """Flip a mark; returns the new value."""
        value = content_key(article) not in self.marks[kind]
        self.mark(kind, article, value)
        return value

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    # --- Disk ---------------------------------------------------------------------------------------

    def _write(self, statement: str, values: tuple[str, str]) -> None:
        with self._lock:
            if self._db is None:
                return
            try:
                self._db.execute(statement, values)
            except sqlite3.Error as error:
                self._db.close()
                self._db = None
                self.warn(f"cannot save reading state in {self.path}: {error}; marks kept until you quit")

    def _open(self) -> sqlite3.Connection | None:
        """The database with every mark read into memory (a corrupt one moved aside first), or None."""
        deadline, moved = time.monotonic() + BUSY_SECONDS, False
        while True:
            try:
                return self._read_all()
            except sqlite3.OperationalError as error:  # no way to the file: locked out, read-only, no space
                if "locked" in str(error) and time.monotonic() < deadline:
                    time.sleep(0.05)  # another newsreader is making the database (WAL mode takes it whole)
                    continue
                reason: object = error
            except sqlite3.DatabaseError as error:  # not a database, or a damaged one
                if not moved:
                    self._recover(error)
                    moved = True
                    continue
                reason = error
            except OSError as error:
                reason = error.strerror or error
            break
        # The marks the file holds still show (a read-only file system, another user's file), and those of a
        # damaged one moved aside.
        for kind, key in self._recovered | _readable_marks(self.path):
            self.marks[kind].add(key)
        self.warn(f"cannot keep reading state in {self.path}: {reason}; new marks kept until you quit")
        return None

    def _read_all(self) -> sqlite3.Connection:
        db = _connect(self.path)
        try:
            self._migrate(db)
            if self._recovered:
                with db:
                    db.executemany("INSERT OR IGNORE INTO marks VALUES (?, ?)", self._recovered)
                self._recovered = set()
            for kind in KINDS:
                self.marks[kind] = {key for (key,) in db.execute("SELECT key FROM marks WHERE kind = ?", (kind,))}
        except BaseException:
            db.close()
            raise
        return db

    def _migrate(self, db: sqlite3.Connection) -> None:
        """The marks of the JSON file older versions kept, taken in once; the file stays as a backup."""
        old = self.folder / OLD_FILE_NAME
        if not old.exists():
            return
        with db:  # one transaction: a second newsreader starting meanwhile waits, then finds it done
            db.execute("BEGIN IMMEDIATE")
            if db.execute("SELECT 1 FROM migrated WHERE file = ?", (OLD_FILE_NAME,)).fetchone() is None:
                db.executemany("INSERT OR IGNORE INTO marks VALUES (?, ?)", self._old_marks(old))
                db.execute("INSERT INTO migrated VALUES (?)", (OLD_FILE_NAME,))
        with contextlib.suppress(OSError):  # moved by another newsreader (or aside): the database says it is done
            old.replace(old.with_name(OLD_FILE_NAME + MIGRATED_SUFFIX))

    def _old_marks(self, old: Path) -> list[tuple[str, str]]:
        """(kind, key) of every mark in an old JSON state file; a corrupt one is moved aside."""
        try:
            data = json.loads(old.read_text(encoding="utf-8"))
            return [(kind, key) for kind in KINDS for key in _keys(data, kind)]
        except (ValueError, TypeError, UnicodeDecodeError, RecursionError) as error:
            if backup := self._move_aside(old):
                self.warn(f"reading state {old} was corrupt ({_reason(error)}); kept as {backup.name}, starting empty")
            return []

    def _recover(self, error: Exception) -> None:
        """Move a damaged database aside and keep the marks that can still be read from it."""
        if backup := self._move_aside(self.path):
            self._recovered = _readable_marks(backup)
            kept = f"{len(self._recovered)} marks read from it" if self._recovered else "starting empty"
            self.warn(f"reading state {self.path} was corrupt ({_reason(error)}); kept as {backup.name}, {kept}")

    def _move_aside(self, path: Path) -> Path | None:
        """The dated backup a corrupt file (and its journals) is moved to; None, said, when it cannot be."""
        try:
            return move_aside(path)
        except OSError as move_error:
            self.warn(f"reading state {path} is corrupt and could not be moved aside: {move_error}")
            return None


def _reason(error: Exception) -> object:
    return "nested too deeply" if isinstance(error, RecursionError) else error


# Keys are hexadecimal fingerprints: read a stretch of them at a time, a damaged page costs only its stretch.
STRETCHES = list(itertools.pairwise(["", *(f"{n:02x}" for n in range(1, 256)), "g", None]))
STRETCH = "SELECT kind, key FROM marks WHERE kind = ? AND key >= ? AND (? IS NULL OR key < ?)"


def _readable_marks(path: Path) -> set[tuple[str, str]]:
    """(kind, key) of every mark a database that cannot be written, or a damaged one, gives; each stretch of keys
    looked up on its own through its index, so that a lost or damaged page costs its own marks and no others."""
    found: set[tuple[str, str]] = set()
    with opened_to_read(path) as db:
        if db is None:
            return found
        for kind in KINDS:
            for low, high in STRETCHES:
                with contextlib.suppress(sqlite3.DatabaseError):  # each row as it comes: those before the damage stay
                    found.update(db.execute(STRETCH, (kind, low, high, high)))
    return found


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Autocommit: each statement is its own transaction, so a mark is on disk when `mark` returns.
    db = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")  # in WAL mode: a power cut may lose the last marks, never the file
        db.executescript(SCHEMA)
    except sqlite3.Error:
        db.close()
        raise
    return db


def _keys(data: object, kind: str) -> list[str]:
    """The keys of one kind of mark in an old state file's data; anything else is corrupt."""
    if not isinstance(data, dict) or not isinstance(data.get(kind, []), list):
        raise ValueError("not a newsreader state file")
    keys = data.get(kind, [])
    if not all(isinstance(key, str) for key in keys):
        raise ValueError("not a newsreader state file")
    return keys
