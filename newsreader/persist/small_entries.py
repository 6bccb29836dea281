"""The cache's small entries (most files are one article, and their entries a few kilobytes) as rows
of one SQLite table, written megabytes of them in one transaction.

As files of their own, each cost a file made and renamed: a third of the time a cold load of 2,000
small files took, and more on a busy disk. A transaction is whole or not there: a writer killed
midway leaves no half entry, and readers see the rows of the last transaction that ended.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

# What one transaction writes: rows, and bytes of entries. A transaction writes every page its rows fall in,
# each journalled first, and rows of random names fall all over the table: 256 rows a transaction wrote
# 6,000 pages for the 2,095 files of the BBC corpus, the one transaction of them all 430 (a cold load 7% faster).
ROWS_AT_ONCE, BYTES_AT_ONCE = 4096, 4 << 20
ROWS_READ_AT_ONCE = 256  # rows `rows` reads at a time
BUSY_SECONDS = 10  # how long to wait for another newsreader that is writing the table


class SmallEntries:
    """Entries by name: `put` keeps one (or removes it, given None), `get` gives it back; `flush`
    writes what `put` kept, as `put` does every `ROWS_AT_ONCE` rows or `BYTES_AT_ONCE` bytes. A damaged table is removed
    (`on_damage` hears of it); one that cannot be written is left (`on_unwritable`)."""

    def __init__(
        self,
        path: Path,
        on_damage: Callable[[Path, Exception], None],
        on_unwritable: Callable[[OSError], None],
    ) -> None:
        self.path = path
        self.on_damage = on_damage
        self.on_unwritable = on_unwritable
        self._connection: sqlite3.Connection | None = None
        self._pending: dict[str, bytes | None] = {}  # name → entry, or None: to be removed
        self._pending_bytes = 0  # of the entries put since the last flush
        self._fetched: dict[str, bytes | None] = {}  # name → entry, or None: not there; read ahead by `prefetch`
        self._lock = threading.Lock()  # the loading thread and the pruning one
        self.written = 0  # rows written by this process

    def prefetch(self, names: Sequence[str]) -> None:
        """Read these entries (or that they are not there) in one query, for the `get`s to come: a
        query for each file took a sixth of a cold load. Each is kept until it is asked for."""
        with self._lock:
            wanted = [name for name in names if name not in self._pending]
            found: dict[str, bytes | None] = dict.fromkeys(wanted)
            if wanted and self.path.exists():
                try:
                    marks = ",".join("?" * len(wanted))
                    query = f"SELECT name, entry FROM entries WHERE name IN ({marks})"
                    found.update(self._database().execute(query, wanted).fetchall())
                except sqlite3.DatabaseError as error:
                    self._failed(error)
                    return
            self._fetched.update(found)

    def get(self, name: str) -> bytes | None:
        with self._lock:
            if name in self._pending:
                return self._pending[name]
            if name in self._fetched:
                return self._fetched.pop(name)
            if not self.path.exists():
                return None
            try:
                row = self._database().execute("SELECT entry FROM entries WHERE name = ?", (name,)).fetchone()
            except sqlite3.DatabaseError as error:
                self._failed(error)
                return None
        return row[0] if row else None

    def put(self, name: str, entry: bytes | None) -> None:
        with self._lock:
            self._fetched.pop(name, None)
            self._pending[name] = entry
            self._pending_bytes += len(entry or b"")
            if len(self._pending) >= ROWS_AT_ONCE or self._pending_bytes >= BYTES_AT_ONCE:
                self._flush()

    def flush(self) -> None:
        with self._lock:
            self._flush()

    def rows(self) -> Iterator[tuple[str, bytes]]:
        """Every (name, entry) written, read a few hundred at a time (for pruning: no `put` meanwhile)."""
        with self._lock:
            self._flush()
            if not self.path.exists():
                return
            try:
                found = self._database().execute("SELECT name, entry FROM entries")
                while rows := found.fetchmany(ROWS_READ_AT_ONCE):
                    yield from rows
            except sqlite3.DatabaseError as error:
                self._failed(error)

    def _flush(self) -> None:
        pending, self._pending, self._pending_bytes = self._pending, {}, 0
        kept = [(name, entry) for name, entry in pending.items() if entry]
        removed = [(name,) for name, entry in pending.items() if not entry]
        if not kept and not (removed and self.path.exists()):
            return  # nothing to write, or only rows to remove from a table not made
        try:
            with self._database() as database:  # one transaction
                database.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?)", kept)
                database.executemany("DELETE FROM entries WHERE name = ?", removed)
        except (OSError, sqlite3.DatabaseError) as error:
            self._failed(error)
        else:
            self.written += len(kept)

    def _database(self) -> sqlite3.Connection:
        if self._connection is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=BUSY_SECONDS, check_same_thread=False)
            try:
                # A commit that waited for the disk (fsync) every few hundred rows made a cold load's wall
                # time a tenth longer. A process that dies still leaves the table whole; a power cut may
                # damage it, and a damaged table is removed and made again: a cache only loses time.
                connection.execute("PRAGMA synchronous=OFF")
                connection.execute(
                    "CREATE TABLE IF NOT EXISTS entries (name TEXT PRIMARY KEY, entry BLOB NOT NULL) WITHOUT ROWID"
                )
            except sqlite3.DatabaseError:
                connection.close()
                raise
            self._connection = connection
        return self._connection

    def _failed(self, error: OSError | sqlite3.DatabaseError) -> None:
        """A table that cannot be written (a full disk, a folder it cannot be made in) only costs time;
        one that is not a table (damage) is removed, to be made again."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        if isinstance(error, OSError):
            self.on_unwritable(error)
        elif isinstance(error, sqlite3.OperationalError):  # full, locked by another for too long, read-only
            code = errno.ENOSPC if getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL else 0
            self.on_unwritable(OSError(code, os.strerror(code) if code else str(error), str(self.path)))
        else:
            self.on_damage(self.path, error)
            self.path.unlink(missing_ok=True)
