"""An on-disk cache of what loading and analysis made, so that a second start skips the work.

Entries live under `$XDG_CACHE_HOME/newsreader` (default `~/.cache/newsreader`). A file's articles
are keyed by its path, size and modification time, so any change to the file invalidates them; the
corpus's entities by the keys of all its files. Entries are written atomically; one that cannot be
read is discarded with a warning and rebuilt.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

VERSION = "2"  # bump when what is cached changes shape


def cache_home() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsreader"


def file_key(path: Path) -> str:
    """A key that changes whenever the file does: its resolved path, size and modification time."""
    status = path.stat()
    return _digest(f"{path.resolve()}\0{status.st_size}\0{status.st_mtime_ns}")


def corpus_key(file_keys: Iterable[str]) -> str:
    return _digest("\0".join(file_keys))


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

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / kind / f"{key}.pickle"

    def entry_path(self, kind: str, key: str, suffix: str) -> Path | None:
        """Where an entry that is not a pickle (the search index's database) lives; None when disabled."""
        return self.folder / kind / f"{key}{suffix}" if self.enabled else None

    def get(self, kind: str, key: str) -> object | None:
        """The cached value, or None; a damaged entry is removed with a warning."""
        if not self.enabled:
            return None
        path = self._path(kind, key)
        try:
            with path.open("rb") as stream:
                return pickle.load(stream)
        except OSError:  # absent, or no way to it: rebuilt (and a write that fails says so)
            return None
        except Exception as error:  # any damage to a pickle: truncation, garbage, an old class
            self._discard(path, error)
            return None

    def get_stream(self, kind: str, key: str) -> Iterator[object] | None:
        """The values of an entry `put_stream` wrote, read one by one as they are asked for; None
        when there is no entry. Damage found on the way removes the entry and raises `DamagedEntry`."""
        if not self.enabled:
            return None
        path = self._path(kind, key)
        try:
            stream = path.open("rb")
        except OSError:
            return None
        return self._stream_values(stream, path)

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

    def put(self, kind: str, key: str, value: object) -> None:
        """Store a value atomically; a cache that cannot be written only costs time, with one warning."""
        self.put_stream(kind, key, [value], end=False)

    def put_stream(self, kind: str, key: str, values: Iterable[object], end: bool = True) -> None:
        """Store values that `get_stream` gives back one by one (`end`: followed by an end marker)."""
        if not self.enabled:
            return
        path = self._path(kind, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".entry-", dir=path.parent)
            with os.fdopen(handle, "wb") as stream:
                for value in [*values, _END] if end else values:
                    pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except OSError as error:
            if not self.warned_unwritable:
                self.warn(f"cannot write the cache in {self.folder}: {error.strerror or error}")
                self.warned_unwritable = True
