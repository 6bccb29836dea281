"""An on-disk cache of what loading and analysis made, so that a second start skips the work.

Entries live under `$XDG_CACHE_HOME/newsreader` (default `~/.cache/newsreader`). A file's entry is
named by its path and stamped with its size and modification time: a changed file's entry is stale,
and the next one written for that path replaces it, so the cache never keeps two versions of a
file. The corpus's entities and search index are named by all its paths and stamped by all their
stamps. Entries are written atomically; one that cannot be read is discarded with a warning.
"""

from __future__ import annotations

import atexit
import hashlib
import itertools
import os
import pickle
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

VERSION = "8"  # bump when what is cached changes: its shape, or what the analysis finds
_scratch: Path | None = None
_scratch_numbers = itertools.count()
_scratch_lock = threading.Lock()


def scratch_path(suffix: str) -> Path:
    """A new file name in this run's temporary folder, for what no cache keeps; the folder is
    removed when the process ends."""
    global _scratch
    with _scratch_lock:  # the loader and the indexer ask from threads of their own
        if _scratch is None:
            _scratch = Path(tempfile.mkdtemp(prefix="newsreader-"))
            atexit.register(shutil.rmtree, _scratch, ignore_errors=True)
        return _scratch / f"{next(_scratch_numbers)}{suffix}"


def cache_home() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsreader"


class Key(NamedTuple):
    """What an entry is of (`name`), and which version of it (`stamp`)."""

    name: str
    stamp: str


def file_key(path: Path) -> Key:
    """A file's key: named by its resolved path, stamped by its size and modification time too."""
    status = path.stat()
    resolved = str(path.resolve())
    return Key(_digest(resolved), _digest(f"{resolved}\0{status.st_size}\0{status.st_mtime_ns}"))


def corpus_key(file_keys: Sequence[Key]) -> Key:
    names, stamps = zip(*file_keys, strict=True) if file_keys else ((), ())
    return Key(_digest("\0".join(names)), _digest("\0".join(stamps)))


def _digest(text: str) -> str:
    return hashlib.blake2b(f"{VERSION}\0{text}".encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


_END = "end of entry"  # the last value of a streamed entry: without it, the entry broke off


class DamagedEntry(Exception):
    """A streamed cache entry broke off part way (it has been removed, with a warning)."""


class Cache:
    """Pickled values by kind and key; `enabled=False` (`--no-cache`) reads and writes nothing."""

    def __init__(self, folder: Path | None = None, warn: Callable[[str], None] | None = None, enabled: bool = True):
        self.folder = folder or cache_home()
        self.warn = warn or (lambda message: None)
        self.enabled = enabled
        self.warned_unwritable = False

    def _path(self, kind: str, key: Key) -> Path:
        return self.folder / kind / f"{key.name}.pickle"

    def entry_path(self, kind: str, key: Key, suffix: str) -> Path | None:
        """Where an entry that is not a pickle (a body file, the search index) lives; None when disabled."""
        return self.folder / kind / f"{key.name}-{key.stamp}{suffix}" if self.enabled else None

    def new_entry_path(self, kind: str, key: Key, suffix: str) -> Path | None:
        """`entry_path`, for writing: its folder made, and other versions of the entry removed."""
        path = self.entry_path(kind, key, suffix)
        if path:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                for stale in path.parent.glob(f"{key.name}-*{suffix}"):
                    if stale != path:
                        stale.unlink(missing_ok=True)
            except OSError:
                return None
        return path

    def get(self, kind: str, key: Key) -> object | None:
        """The cached value, or None; a damaged entry is removed with a warning."""
        try:
            values = self.get_stream(kind, key)
            return next(values, None) if values else None
        except DamagedEntry:
            return None

    def get_stream(self, kind: str, key: Key) -> Iterator[object] | None:
        """The values of an entry `put_stream` wrote, read one by one as they are asked for; None
        when there is none for this stamp. Damage on the way removes the entry and raises `DamagedEntry`."""
        if not self.enabled:
            return None
        path = self._path(kind, key)
        try:
            stream = path.open("rb")
        except OSError:  # absent, or no way to it: rebuilt (and a write that fails says so)
            return None
        values = self._stream_values(stream, path)
        try:
            if next(values) == key.stamp:
                return values
        except (DamagedEntry, StopIteration):
            pass
        values.close()
        return None

    def _stream_values(self, stream, path: Path) -> Iterator[object]:
        with stream:
            while True:
                try:
                    value = pickle.load(stream)
                except Exception as error:  # the end marker never came: truncation or garbage
                    self._discard(path, error)
                    raise DamagedEntry(path) from error
                if value == _END:
                    return
                yield value

    def _discard(self, path: Path, error: Exception) -> None:
        self.warn(f"cache entry {path} was unreadable ({type(error).__name__}); rebuilding it")
        path.unlink(missing_ok=True)

    def put(self, kind: str, key: Key, value: object) -> None:
        """Store a value atomically; a cache that cannot be written only costs time, with one warning."""
        self.put_stream(kind, key, [value])

    def put_stream(self, kind: str, key: Key, values: Iterable[object]) -> None:
        """Store values that `get_stream` gives back one by one, in place of any other version."""
        if not self.enabled:
            return
        path = self._path(kind, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".entry-", dir=path.parent)
            with os.fdopen(handle, "wb") as stream:
                for value in [key.stamp, *values, _END]:
                    pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except OSError as error:
            if not self.warned_unwritable:
                self.warn(f"cannot write the cache in {self.folder}: {error.strerror or error}")
                self.warned_unwritable = True
