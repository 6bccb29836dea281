"""What a damaged SQLite file still holds: moved aside, then read as far as it goes (the reading state's
marks, the library's subscriptions and entries)."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

ROWS_AT_A_TIME = 64  # rowids read together: a damaged page costs the rest of its stretch, no more
# Stretches past the last row read that give nothing before the table is taken to end (damage hides its end).
EMPTY_STRETCHES = 1000


class Damaged(sqlite3.DatabaseError):
    """A check of the file found it damaged where SQLite itself has not said so yet."""


def is_damage(error: sqlite3.Error) -> bool:
    """Whether the file is damaged or no database at all (not locked out, read-only or full)."""
    name = getattr(error, "sqlite_errorname", None) or ""
    return isinstance(error, Damaged) or name.startswith("SQLITE_CORRUPT") or name == "SQLITE_NOTADB"


def move_aside(path: Path) -> Path:
    """Move a damaged file, and its journals (what it holds may be in them), to a dated backup beside it;
    returns the backup. OSError when it cannot be moved."""
    backup = path.with_name(f"{path.name}.corrupt-{datetime.now():%Y%m%d-%H%M%S}")
    path.replace(backup)
    for journal in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{journal}").replace(f"{backup}{journal}")
    return backup


# How a database is opened only to read it: as usual, else as a file nothing changes, where not even the index
# of its WAL can be made (a read-only file system); what an unfinished write left in its WAL is not seen then.
READ_ONLY_WAYS = ("mode=ro", "immutable=1")


@contextlib.contextmanager
def opened_to_read(path: Path) -> Iterator[sqlite3.Connection | None]:
    """A database opened only to read what it still holds (a damaged one, or one in a place that cannot be
    written), or None when it cannot be opened at all."""
    db = read_only(path)
    if db is None:
        yield None
        return
    with contextlib.closing(db):
        try:
            # So that SQLite reads a file shorter than its header says as far as it goes, instead of refusing it whole.
            db.execute("PRAGMA writable_schema = ON")
        except sqlite3.Error:
            yield None
            return
        yield db


def read_only(path: Path) -> sqlite3.Connection | None:
    """A database opened only to read it, in the first of `READ_ONLY_WAYS` that can open it; None when none can."""
    for way in READ_ONLY_WAYS:
        try:
            db = sqlite3.connect(f"{path.resolve().as_uri()}?{way}", uri=True, timeout=10)
        except sqlite3.Error:
            return None
        try:
            db.execute("PRAGMA schema_version")  # the file (and its WAL) is opened at the first statement
        except sqlite3.Error as error:
            if getattr(error, "sqlite_errorname", None) == "SQLITE_CANTOPEN":
                db.close()
                continue
        return db  # damage is found, and named, as it is read
    return None


def readable_rows(db: sqlite3.Connection, table: str, columns: str) -> list[tuple]:
    """The rows (these columns) a damaged table still gives, in rowid order. Each stretch of rowids is read
    on its own, so a damaged page costs its own rows and not the ones after it."""
    query = f"SELECT rowid, {columns} FROM {table} WHERE rowid >= ? AND rowid < ?"
    low, last = (_rowid(db, f"SELECT min(rowid) FROM {table}") or 1), _rowid(db, f"SELECT max(rowid) FROM {table}")
    found: dict[int, tuple] = {}
    empty = 0
    while (low <= last) if last is not None else (empty < EMPTY_STRETCHES):
        high, before = low + ROWS_AT_A_TIME, len(found)
        with contextlib.suppress(sqlite3.DatabaseError):  # each row as it comes: those before the damage stay
            for row in db.execute(query, (low, high)):
                if low <= row[0] < high:  # a damaged page can point anywhere
                    found.setdefault(row[0], row[1:])
        empty = 0 if len(found) > before else empty + 1
        low = high
    return list(found.values())


def _rowid(db: sqlite3.Connection, query: str) -> int | None:
    """The first or last rowid of a table, when the damage lets it be found."""
    try:
        row = db.execute(query).fetchone()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row and isinstance(row[0], int) else None
