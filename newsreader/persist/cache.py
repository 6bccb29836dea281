"""An on-disk cache of what loading and analysis made, so that a second start skips the work.

Entries live under `$XDG_CACHE_HOME/newsreader` (default `~/.cache/newsreader`). A file's entry is
named by its path and stamped with its size and modification time: a changed file's entry is stale,
and the next one written for that path replaces it, so the cache never keeps two versions of a
file. The corpus's entities and search index are named by all its paths and stamped by all their
stamps. A small file's entry is a row of one table (`small_entries.py`), a bigger one a file of its
own. Entries are written atomically; one that cannot be read is discarded with a warning.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import hashlib
import io
import os
import pickle
import shutil
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Generator, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NamedTuple, TypeGuard

from newsreader.bodies import keep_room
from newsreader.persist.paths import cache_home
from newsreader.persist.small_entries import SmallEntries

if TYPE_CHECKING:
    from newsreader.bodies import BodyFile

VERSION = "76"  # bump when what is cached changes: its shape, or what the analysis finds
MAX_BYTES = 2 << 30  # a bound for the whole cache: the least recently written entries go first
PRUNE_EVERY = 24 * 3600  # seconds between two prunings
TEMPORARY = ".entry-"  # an entry being written; renamed to its name once whole
CORPUS_KINDS = ("entities", "timeline", "index", "firstpass")  # entries of a whole corpus, not of one file
FILE_KIND = "articles"  # entries of one file each
SMALL_ENTRY = 32 << 10  # bytes: a file's entry this small is a row of the table of small entries, not a file
SMALL_TABLE = "small.sqlite"  # that table, among the entries of files


class Key(NamedTuple):
    """What an entry is of (`name`), and which version of it (`stamp`)."""

    name: str
    stamp: str


def file_key(path: Path) -> Key:
    """A file's key: named by its resolved path, stamped by its size and modification time too."""
    status = os.lstat(path)
    resolved = resolved_path(path, status)
    if stat.S_ISLNK(status.st_mode):
        status = os.stat(resolved)
    return Key(_digest(resolved), _digest(f"{resolved}\0{status.st_size}\0{status.st_mtime_ns}"))


def resolved_path(path: Path, status: os.stat_result | None = None) -> str:
    """`path.resolve()`, each folder resolved once: 20,000 files of a folder cost one `realpath`, not 20,000.
    `status` is the file's `os.lstat`, where the caller has it."""
    if stat.S_ISLNK((status or os.lstat(path)).st_mode):
        return os.path.realpath(path)
    return os.path.join(_resolved_folder(os.path.dirname(os.path.abspath(path))), path.name)


@lru_cache(maxsize=4096)
def _resolved_folder(folder: str) -> str:
    return os.path.realpath(folder)


def corpus_key(file_keys: Sequence[Key]) -> Key:
    names, stamps = zip(*file_keys, strict=True) if file_keys else ((), ())
    return Key(_digest("\0".join(names)), _digest("\0".join(stamps)))


def _digest(text: str) -> str:
    return hashlib.blake2b(f"{VERSION}\0{text}".encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def _files(folder: Path) -> list[Path]:
    """Every entry file under a kind's folder, in its sub-folders too; none for a folder not there."""
    return [path for path in folder.rglob("*") if path.is_file()] if folder.is_dir() else []


def _entry_head(entry: Path | bytes) -> tuple[str, FileEntry] | None:
    """A file entry's stamp and `FileEntry` (the entry a file or a row's bytes), or None for an entry
    that is not one (an older kind)."""
    try:
        with io.BytesIO(entry) if isinstance(entry, bytes) else entry.open("rb") as stream:
            stamp, head = pickle.load(stream), pickle.load(stream)
    except Exception:  # any damage: the entry is of no use
        return None
    return (stamp, head) if isinstance(head, FileEntry) else None


def _current(head: tuple[str, FileEntry] | None) -> TypeGuard[tuple[str, FileEntry]]:
    """Whether a file entry is of its file as it is now."""
    return head is not None and os.path.exists(head[1].source) and file_key(Path(head[1].source)).stamp == head[0]


class _Group(NamedTuple):
    """What is dropped together: a body file, and the entries (files, and rows of small ones) whose bodies it holds."""

    written: float
    size: int
    files: list[Path]
    rows: list[str]


def _group(files: list[Path], rows: Sequence[tuple[str, int]] = ()) -> _Group:
    statuses = [f.stat() for f in files if f.exists()]
    written = max((s.st_mtime for s in statuses), default=0.0)
    size = sum(s.st_size for s in statuses) + sum(size for _, size in rows)
    return _Group(written, size, files, [name for name, _ in rows])


def _written(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return time.time()


def _remove(files: list[Path]) -> None:
    for path in files:
        with contextlib.suppress(OSError):
            path.unlink()


def _entry_name(path: Path) -> str:
    """The name of the key an entry's file is of: `{name}.pickle`, or `{name}-{stamp}{suffix}`."""
    return path.name.partition("-")[0].removesuffix(".pickle")


def _versions(folder: Path, name: str, suffix: str) -> list[Path]:
    """Every version of one entry in its folder."""
    with os.scandir(folder) as entries:
        return [folder / e.name for e in entries if e.name.startswith(f"{name}-") and e.name.endswith(suffix)]


def _held(path: Path) -> bool:
    """Whether a process holds a lock on the file: a search index another newsreader is building there
    (`newsreader.search`), of the files as they were when it started. Removed under it, its next batch
    failed ("attempt to write a readonly database") and it indexed every article again in memory."""
    try:
        handle = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(handle)
    return False


_END = "end of entry"  # the last value of a streamed entry: without it, the entry broke off


def _stream_values(stream: BinaryIO, discard: Callable[[Exception], None]) -> Generator[object, None, None]:
    """The values of an entry up to its end marker; damage on the way is discarded and raises `DamagedEntry`."""
    with stream:
        while True:
            try:
                value = pickle.load(stream)
            except Exception as error:  # the end marker never came: truncation or garbage
                discard(error)
                raise DamagedEntry from error
            if value == _END:
                return
            yield value


class FileEntry(NamedTuple):
    """The first value of a file's cache entry: the file, and the body file its bodies are in, up
    to which byte. A body file shorter than that was cut short or damaged: the file is read afresh."""

    source: str
    bodies: str | None
    end: int

    def intact(self) -> bool:
        try:
            return self.bodies is None or os.stat(self.bodies).st_size >= self.end
        except OSError:
            return False


def place_entry(source: Path, entry: Path, keep_source: bool = False) -> bool:
    """Put a file (or a copy of it) at an entry's path whole or not at all, through a temporary file
    beside it: another newsreader may be reading the entry there, and a copy from another file system
    is written as it goes. False when the disk would not take it."""
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=TEMPORARY, dir=entry.parent)
        os.close(handle)
        (shutil.copyfile if keep_source else shutil.move)(source, temporary)
        os.replace(temporary, entry)
    except OSError:
        if temporary:
            Path(temporary).unlink(missing_ok=True)
        return False
    return True


class DamagedEntry(Exception):
    """A streamed cache entry broke off part way (it has been removed, with a warning)."""


class Cache:
    """Pickled values by kind and key; `enabled=False` (`--no-cache`) reads and writes nothing."""

    def __init__(self, folder: Path | None = None, warn: Callable[[str], None] | None = None, enabled: bool = True):
        self.folder = folder or cache_home()
        self._root = os.fspath(self.folder)
        # Names of file entries kept as a file of their own, listed once (`_with_file`): most are rows of the
        # table of small ones, and a cold load tried to open a file for each of its files, none there.
        self._names_with_file: set[str] | None = None
        self.warn = warn or (lambda message: None)
        self.enabled = enabled
        self.warned_unwritable = False
        self.bodies: BodyFile | None = None  # this run's body file, shared by every file it reads
        # What this process reads from, which its pruning leaves however big the cache: body files (an
        # article reads its body by the path), and the names of corpus entries. A million articles' cache
        # is more than MAX_BYTES: the day's pruning removed the body file under the reader that used it.
        self.in_use: set[str] = set()
        self.entries_written = 0  # entries of their own file written by this process
        self.small = SmallEntries(self.folder / FILE_KIND / SMALL_TABLE, self._discard, self.cannot_write)

    def _path(self, kind: str, key: Key) -> str:
        # A string, not a Path: made for every file loaded, a Path took a tenth of a cold cache's look-up.
        return f"{self._root}{os.sep}{kind}{os.sep}{key.name}.pickle"

    def entry_path(self, kind: str, key: Key, suffix: str) -> Path | None:
        """Where an entry that is not a pickle (the search index) lives; None when disabled."""
        return self.folder / kind / f"{key.name}-{key.stamp}{suffix}" if self.enabled else None

    def new_entry_path(self, kind: str, key: Key, suffix: str) -> Path | None:
        """`entry_path`, for writing: its folder made, and other versions of the entry removed."""
        path = self.entry_path(kind, key, suffix)
        if path:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                for stale in _versions(path.parent, key.name, suffix):
                    if stale != path and not _held(stale):
                        stale.unlink(missing_ok=True)
            except OSError as error:
                self.cannot_write(error)
                return None
        return path

    def run_path(self, kind: str, suffix: str) -> Path | None:
        """A new file of this run under `kind` (its body file: one for all the files it reads, not
        one each, which made a cold load of many small files twice as slow); None if none can be made."""
        folder = self.folder / kind
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(prefix=f"run-{os.getpid()}-", suffix=suffix, dir=folder)
            os.close(handle)
        except OSError as error:
            self.cannot_write(error)
            return None
        self.in_use.add(name)
        return Path(name)

    def flush(self) -> None:
        """Write the entries kept to be written together (small files'), as at the end of a load."""
        if self.enabled:
            self.small.flush()

    def cannot_write(self, error: OSError) -> None:
        """Say once that the cache (or a temporary file) cannot be written, as on a full disk: it
        only costs time, and what was to be written is kept in memory."""
        if not self.warned_unwritable:
            where = Path(error.filename).parent if error.filename else self.folder
            self.warn(f"cannot write in {where}: {error.strerror or error}; working from memory")
            self.warned_unwritable = True
            atexit.register(self.give_back)

    def give_back(self) -> None:
        """At the end of a run that could not write the cache (a full disk): its body file, when it is empty
        or no entry that may name it was written, is removed; it kept the disk full until the next day's
        pruning, too full for the reading state to keep a mark."""
        written = self.entries_written or self.small.written
        if self.bodies and self.bodies.path and not (self.bodies.size and written):
            self.bodies.close()
            with contextlib.suppress(OSError):
                os.unlink(self.bodies.path)

    # --- Keeping it small -------------------------------------------------------------------------

    def prune_if_due(self) -> None:
        """`prune` in a thread of its own, at most once every `PRUNE_EVERY` seconds (a new cache's
        first day counts as one)."""
        marker = self.folder / "pruned"
        try:
            due = time.time() - marker.stat().st_mtime >= PRUNE_EVERY
            if not due:
                return
        except OSError:
            due = False  # no marker yet: a new cache, or one kept by an older newsreader
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            marker.touch()
        except OSError:
            return
        if due:
            threading.Thread(target=self.prune, name="cache-prune", daemon=True).start()

    def prune(self, max_bytes: int = MAX_BYTES) -> None:
        """Drop the entries of files that are gone or changed and body files no entry uses, then the
        least recently written entries until the cache holds at most `max_bytes`."""
        # Entries a process was writing when it ended (the reader does not wait for its workers at exit),
        # unless new: another newsreader may be writing them.
        settled = time.time() - PRUNE_EVERY
        _remove([f for f in _files(self.folder) if f.name.startswith(TEMPORARY) and _written(f) < settled])
        by_bodies: dict[str | None, list[Path]] = {}  # a body file → the entries whose bodies it holds
        rows_by_bodies: dict[str | None, list[tuple[str, int]]] = {}  # the same of rows: (name, size)
        for entry in _files(self.folder / FILE_KIND):
            if not entry.name.startswith((TEMPORARY, SMALL_TABLE)):
                if _current(head := _entry_head(entry)):
                    by_bodies.setdefault(head[1].bodies, []).append(entry)
                else:
                    _remove([entry])
        stale = []
        for name, row in self.small.rows():
            if _current(head := _entry_head(row)):
                rows_by_bodies.setdefault(head[1].bodies, []).append((name, len(row)))
            else:
                stale.append(name)
        for name in stale:
            self.small.put(name, None)
        # A body file of no entry, unless new: another newsreader may be writing it, its entries to come.
        used = by_bodies.keys() | rows_by_bodies.keys()
        _remove([f for f in _files(self.folder / "bodies") if str(f) not in used and _written(f) < settled])
        # A body file goes with the entries it holds the bodies of.
        groups = [
            _group([*([Path(bodies)] if bodies else []), *by_bodies.get(bodies, [])], rows_by_bodies.get(bodies, []))
            for bodies in used
        ]
        groups += [_group([f]) for kind in CORPUS_KINDS for f in _files(self.folder / kind)]
        total = sum(group.size for group in groups)
        for group in sorted(groups):
            if total <= max_bytes:
                break
            if any(str(f) in self.in_use or _entry_name(f) in self.in_use for f in group.files):
                continue
            _remove(group.files)
            for name in group.rows:
                self.small.put(name, None)
            total -= group.size
        self.small.flush()

    def get(self, kind: str, key: Key) -> object | None:
        """The cached value, or None; a damaged entry is removed with a warning."""
        try:
            values = self.get_stream(kind, key)
            return next(values, None) if values else None
        except DamagedEntry:
            return None

    def prefetch(self, keys: Sequence[Key]) -> None:
        """Read ahead the small entries of these files' keys, for the `get_stream`s to come."""
        if self.enabled:
            self.small.prefetch([key.name for key in keys])

    def get_stream(self, kind: str, key: Key) -> Generator[object, None, None] | None:
        """The values of an entry `put_stream` wrote, read one by one as they are asked for; None
        when there is none for this stamp. Damage on the way removes the entry and raises `DamagedEntry`."""
        if not self.enabled:
            return None
        if kind == FILE_KIND:
            if (entry := self.small.get(key.name)) is not None:
                values = self._stamped(key, io.BytesIO(entry), lambda error: self._discard_row(key.name, error))
                if values is not None:
                    return values
            if key.name not in self._with_file():
                return None
        path = self._path(kind, key)
        try:
            stream = open(path, "rb")  # noqa: SIM115 - closed by `_stream_values`
        except OSError:  # absent, or no way to it: rebuilt (and a write that fails says so)
            return None
        return self._stamped(key, stream, lambda error: self._discard(path, error))

    def _with_file(self) -> set[str]:
        """The names of file entries that have a file of their own, as listed when first asked for (plus
        those written since): an entry another newsreader writes meanwhile only costs its file's reading."""
        if self._names_with_file is None:
            try:
                with os.scandir(os.path.join(self._root, FILE_KIND)) as entries:
                    names = {entry.name for entry in entries}
                self._names_with_file = {name.removesuffix(".pickle") for name in names if name.endswith(".pickle")}
            except OSError:  # no folder yet, or none to be read: no file to find in it
                self._names_with_file = set()
        return self._names_with_file

    def _stamped(
        self, key: Key, stream: BinaryIO, discard: Callable[[Exception], None]
    ) -> Generator[object, None, None] | None:
        """The values of an entry after its stamp, if it is the key's."""
        values = _stream_values(stream, discard)
        try:
            if next(values) == key.stamp:
                return values
        except (DamagedEntry, StopIteration):
            pass
        values.close()
        return None

    def _discard(self, path: str | Path, error: Exception) -> None:
        self.warn(f"cache entry {path} was unreadable ({type(error).__name__}); rebuilding it")
        Path(path).unlink(missing_ok=True)

    def _discard_row(self, name: str, error: Exception) -> None:
        self.warn(f"cache entry {name} in {self.small.path} was unreadable ({type(error).__name__}); rebuilding it")
        self.small.put(name, None)

    def put(self, kind: str, key: Key, value: object) -> None:
        """Store a value atomically; a cache that cannot be written only costs time, with one warning."""
        self.put_stream(kind, key, [value])

    def put_stream(self, kind: str, key: Key, values: Iterable[object]) -> None:
        """Store values that `get_stream` gives back one by one, in place of any other version."""
        if not self.enabled:
            return
        path = self._path(kind, key)
        stamped = iter([key.stamp, *values, _END])
        head = io.BytesIO()
        if kind == FILE_KIND:
            files = self._with_file()
            for value in stamped:
                pickle.dump(value, head, protocol=pickle.HIGHEST_PROTOCOL)
                if head.tell() > SMALL_ENTRY:
                    break
            else:  # all of it small: a row, in place of any other version
                self.small.put(key.name, head.getvalue())
                if key.name in files:
                    files.discard(key.name)
                    with contextlib.suppress(OSError):
                        os.unlink(path)
                return
            self.small.put(key.name, None)
            files.add(key.name)
        temporary = None
        try:
            folder = os.path.dirname(path)
            os.makedirs(folder, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=TEMPORARY, dir=folder)
            with os.fdopen(handle, "wb") as stream:
                keep_room(handle, head.tell(), temporary)
                stream.write(head.getbuffer())
                for value in stamped:
                    pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except OSError as error:
            if temporary:  # a full disk leaves no half-written entry behind
                Path(temporary).unlink(missing_ok=True)
            self.cannot_write(error)
        else:
            self.entries_written += 1
