"""Article bodies kept in a file and read back when asked for, so that 100,000 bodies need no memory.

Loading appends each clean body to a body file (beside the cache entry of its source file, or in a
temporary folder without a cache); an article holds only where its body is.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .cache import scratch_path


class StoredBody(NamedTuple):
    """Where a body is: a span of bytes (UTF-8) of a body file."""

    path: str
    offset: int
    length: int

    def read(self) -> str:
        return _read(self.path, self.offset, self.length)


@lru_cache(maxsize=64)  # the reader, the highlighter and the timeline often ask for one body in turn
def _read(path: str, offset: int, length: int) -> str:
    """The body, or a line that says why it cannot be had (its file removed from under us): a
    missing body is no reason to lose the reader and the marks made in it."""
    try:
        with open(path, "rb") as stream:
            stream.seek(offset)
            data = stream.read(length)
        if len(data) == length:
            return data.decode("utf-8", "surrogatepass")  # as written: lone surrogates too
        reason = "its body file is shorter than it was"
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
    return f"[This article's body could not be read from {path} ({reason}). Open newsreader again to reload it.]"


class BodyFile:
    """A body file being written: `add` appends a body and says where it is."""

    def __init__(self, path: Path) -> None:
        self.path = str(path)
        self._stream = open(path, "wb")  # noqa: SIM115 - closed by `close`, once the loader is done
        self.size = 0

    def add(self, body: str) -> StoredBody:
        data = body.encode("utf-8", "surrogatepass")
        self._stream.write(data)
        stored = StoredBody(self.path, self.size, len(data))
        self.size += len(data)
        return stored

    def flush(self) -> None:
        self._stream.flush()

    def close(self) -> None:
        self._stream.close()


def temporary_body_file() -> BodyFile:
    """A body file in this run's temporary folder, removed when the process ends."""
    return BodyFile(scratch_path(".bodies"))
