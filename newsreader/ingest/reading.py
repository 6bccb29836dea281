"""Article files to records: each format has its own module, chosen by the file's suffix."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from newsreader.ingest.decode import NotText, decode, read_lines
from newsreader.ingest.feeds import load_feed, looks_like_feed
from newsreader.ingest.files import FORMATS, LINE_SUFFIXES, NOT_REGULAR, STDIN, unreachable
from newsreader.ingest.jsonfiles import load_json, load_json_lines, load_jsonl
from newsreader.ingest.pages import load_page
from newsreader.ingest.text import load_text
from newsreader.model import LoadProblem, Record

LIBRARY_SUFFIX = ".sqlite3"  # the library of fetched feeds
READ_MORE = 1 << 16  # bytes a read asks for once a file proves longer than its status said
Loader = Callable[[str, str], Iterable[Record | LoadProblem]]

LOADERS: dict[str, Loader] = {
    "text": load_text,
    "json": load_json,
    "json lines": load_jsonl,
    "feed": load_feed,
    "page": load_page,
}


def load_file(path: Path, status: os.stat_result | None = None) -> Iterator[Record | LoadProblem]:
    """Every article in one file, and a problem for whatever in it could not be read. `status`: the
    file's `os.stat`, where the caller read it already.

    A JSON Lines file is read a line at a time, so that a file of any size needs little memory.
    """
    name = "<stdin>" if str(path) == STDIN else str(path)
    if name != "<stdin>":
        try:
            status = os.stat(path) if status is None else status
        except OSError as error:  # gone since it was found, or out of reach now
            yield LoadProblem(name, unreachable(error))
            return
        if not stat.S_ISREG(status.st_mode):  # a FIFO would hang the load, a device never end it
            yield LoadProblem(name, NOT_REGULAR)
            return
    suffix = path.suffix.lower()
    if suffix == LIBRARY_SUFFIX:
        from newsreader.feeds.library import load_library

        yield from load_library(path)
        return
    try:
        if suffix in LINE_SUFFIXES and name != "<stdin>":
            yield from load_json_lines(name, read_lines(path))
            return
        text = decode(sys.stdin.buffer.read() if status is None else read_whole(path, status.st_size))
    except NotText as error:
        yield LoadProblem(name, str(error))
        return
    except OSError as error:
        yield LoadProblem(name, f"cannot read: {error.strerror or error}")
        return
    if not text or text.isspace():
        yield LoadProblem(name, "empty file")
        return
    try:
        yield from loader_for(suffix, text)(name, text)
    except Exception as error:  # a parser's own fault on a hostile file must not stop the other files
        yield LoadProblem(name, f"could not be read ({type(error).__name__}: {error})")


def read_whole(path: Path, size: int) -> bytes:
    """A file's bytes, as `Path.read_bytes` gives them, however long the file is by now; one read for a file
    of the `size` its status said: four system calls, not `read_bytes`'s nine (with their stat, a cold
    load's system calls for each small file went from 16 to 8, its time down by a tenth)."""
    handle = os.open(path, os.O_RDONLY)
    try:
        parts = [os.read(handle, size + 1)]  # a byte more than expected: the end, or a file that grew
        while parts[-1]:
            parts.append(os.read(handle, max(size, READ_MORE)))
    finally:
        os.close(handle)
    return b"".join(parts)


def loader_for(suffix: str, text: str) -> Loader:
    """The loader for a suffix; for an unknown one (or stdin), what the text looks like."""
    if suffix in FORMATS:
        return LOADERS[FORMATS[suffix]]
    start = text.lstrip()[:1]
    if looks_like_feed(text):
        return load_feed
    if start == "[" or (start == "{" and "\n{" not in text):
        return load_json
    if start == "{":
        return load_jsonl
    return load_text
