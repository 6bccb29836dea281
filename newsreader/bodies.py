"""Article bodies kept in a file and read back when asked for, so that 100,000 bodies need no memory.

Loading appends each clean body to a body file (beside the cache entry of its source file, or in a
temporary folder without a cache); an article holds only where its body is.
"""

from __future__ import annotations

import contextlib
import errno
import os
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple, Protocol

READ_AHEAD = 4 << 20  # bytes of a body file read at once when going through the bodies in order
# Room a body file leaves on its disk for what the user keeps there (marks, subscriptions): below it the
# bodies stay in memory, as on a full disk. Looked at each time the file passes another ROOM_CHECK.
ROOM = 16 << 20
ROOM_CHECK = 1 << 20


class Bodied(Protocol):
    """What has a body, here or on disk: an Article (the model is above this module, and keeps its bodies here)."""

    @property
    def stored_body(self) -> str | StoredBody: ...


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
        return _decoded(path, data, length)
    except OSError as error:
        return _unreadable(path, error.strerror or str(error))


def _decoded(path: str, data: bytes, length: int) -> str:
    if len(data) != length:
        return _damaged(path, "its body file is shorter than it was")
    try:
        return data.decode("utf-8", "surrogatepass")  # as written: lone surrogates too
    except UnicodeDecodeError as error:
        return _damaged(path, str(error))


def _damaged(path: str, reason: str) -> str:
    """The line for a body whose file was damaged, which is removed: the next start reads the source again."""
    with contextlib.suppress(OSError):
        os.unlink(path)
    return _unreadable(path, reason)


def _unreadable(path: str, reason: str) -> str:
    return f"[This article's body could not be read from {path} ({reason}). Open newsreader again to reload it.]"


def file_order(articles: Sequence[Bodied]) -> list[int]:
    """The places in `articles` in the order their bodies lie in their files (bodies held as strings first)."""
    held: list[int] = []
    by_path: dict[str, array] = {}  # a body file → the places of its articles (an array: 0.4 MB, not 4)
    for place, article in enumerate(articles):
        if isinstance(body := article.stored_body, str):
            held.append(place)
        else:
            by_path.setdefault(body.path, array("i")).append(place)

    def offset(place: int) -> int:
        body = articles[place].stored_body
        return body.offset if isinstance(body, StoredBody) else 0

    for places in by_path.values():
        held += sorted(places, key=offset)
    return held


def in_file_order(articles: Sequence[Bodied]) -> Iterator[tuple[int, str]]:
    """(place in `articles`, body) for every article, in the order the bodies lie in their files,
    read megabytes at a time, for the workers that go through every body."""
    order = file_order(articles)
    return zip(order, read_in_order(articles[place].stored_body for place in order), strict=True)


def read_in_order(stored: Iterable[str | StoredBody], ahead: int = READ_AHEAD) -> Iterator[str]:
    """The bodies, given in the order they lie in their files, read `ahead` bytes at a time (or a body's).

    Reading one body at a time, a worker made a system call every millisecond; each gives up the
    GIL and takes it straight back, which keeps Python from ever handing it to the thread that
    draws the screen (keys waited 100-150 ms). One read for hundreds of bodies lets it.
    """
    stream, window, window_start = None, b"", 0  # the body file open, and the part of it last read
    try:
        for body in stored:
            if isinstance(body, str):
                yield body
                continue
            path, offset, length = body
            if stream is None or stream.name != path:
                if stream:
                    stream.close()
                try:
                    stream, window = open(path, "rb"), b""  # noqa: SIM115 - closed below, also when the caller stops early
                except OSError as error:
                    stream = None
                    yield _unreadable(path, error.strerror or str(error))
                    continue
            if offset < window_start or offset + length > window_start + len(window):
                stream.seek(offset)
                window, window_start = stream.read(max(ahead, length)), offset
            start = offset - window_start
            yield _decoded(path, window[start : start + length], length)
    finally:
        if stream:
            stream.close()


class BodyFile:
    """A body file being written: `add` appends a body and says where it is.

    Each body is written as it comes (a batch can be read as soon as it is handed over). When a
    write fails (a full disk), this body and all after it stay in memory, and `on_error` hears why.
    """

    def __init__(self, path: Path | None, on_error: Callable[[OSError], None] | None = None) -> None:
        self.path = str(path) if path else None
        self.on_error = on_error or (lambda error: None)
        self.size = 0
        # Unbuffered: a write that fails says so at once, and every body before it is on disk.
        self._stream = open(path, "wb", buffering=0) if path else None  # noqa: SIM115 - closed by `close`

    def add(self, body: str) -> StoredBody | str:
        """Where the body now is, or the body itself once the file cannot take it."""
        if self._stream is None:
            return body
        data = body.encode("utf-8", "surrogatepass")
        offset = self.append(data)
        return body if offset is None or self.path is None else StoredBody(self.path, offset, len(data))

    def place(self, block: BodyBlock) -> list[StoredBody | str]:
        """Where each body of a block (gathered elsewhere) now is, written in one go; the bodies
        themselves once the file cannot take them."""
        offset = self.append(block.data)
        if offset is None or self.path is None:
            data = memoryview(block.data)
            return [str(data[s.offset : s.offset + s.length], "utf-8", "surrogatepass") for s in block.stored]
        return [StoredBody(self.path, offset + s.offset, s.length) for s in block.stored]

    def append(self, data: bytes | bytearray) -> int | None:
        """Append bytes: where they start, or None when the file cannot take them (or there is none)."""
        if self._stream is None:
            return None
        try:
            if self.size == 0 or (self.size + len(data)) // ROOM_CHECK != self.size // ROOM_CHECK:
                keep_room(self._stream.fileno(), len(data), self.path)
            written = 0
            while written < len(data):
                written += self._stream.write(memoryview(data)[written:])
        except OSError as error:
            self.close()
            self.on_error(error)
            return None
        self.size += len(data)
        return self.size - len(data)

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()
            self._stream = None


def keep_room(handle: int, wanted: int, path: str | None) -> None:
    """OSError (no space) when writing `wanted` bytes more would leave less than ROOM on the disk of the file
    open as `handle`: the cache's writes stop there, as on a full disk."""
    disk = os.fstatvfs(handle)
    left = disk.f_bavail * disk.f_frsize
    if left - wanted < ROOM:
        raise OSError(errno.ENOSPC, f"the disk is nearly full ({left >> 20} MB left, kept for what you save)", path)


class BodyBlock:
    """Bodies gathered in memory, in a worker process that cannot write the body file: `add` says
    where a body lies in the block, and `BodyFile.place` writes the block and says where each is."""

    def __init__(self) -> None:
        self.data = bytearray()
        self.stored: list[StoredBody] = []

    def add(self, body: str) -> StoredBody:
        """Where the body lies in the block (no path yet: `BodyFile.place` gives the block its place)."""
        data = body.encode("utf-8", "surrogatepass")
        self.stored.append(StoredBody("", len(self.data), len(data)))
        self.data += data
        return self.stored[-1]


def temporary_body_file(on_error: Callable[[OSError], None] | None = None) -> BodyFile:
    """A body file in this run's temporary folder, removed when the process ends; when none can be
    made there, bodies stay in memory."""
    # Imported here: the analysis's workers read bodies and need none of platformdirs and tempfile.
    from newsreader.persist.paths import scratch_path

    try:
        return BodyFile(scratch_path(".bodies"), on_error)
    except OSError as error:
        if on_error:
            on_error(error)
        return BodyFile(None)
