"""Files and folders to records: each format has its own module, chosen by the file's suffix."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from newsreader.ingest.decode import NotText, decode, read_lines
from newsreader.ingest.feeds import load_feed, looks_like_feed
from newsreader.ingest.jsonfiles import load_json, load_json_lines, load_jsonl
from newsreader.ingest.pages import load_page
from newsreader.ingest.text import load_text
from newsreader.model import LoadProblem, Record

Loader = Callable[[str, str], Iterable[Record | LoadProblem]]

LOADERS: dict[str, Loader] = {
    ".txt": load_text,
    ".md": load_text,
    ".markdown": load_text,
    ".json": load_json,
    ".jsonl": load_jsonl,
    ".ndjson": load_jsonl,
    ".xml": load_feed,
    ".rss": load_feed,
    ".atom": load_feed,
    ".html": load_page,
    ".htm": load_page,
}


STDIN = "-"
LINE_SUFFIXES = (".jsonl", ".ndjson")  # read a line at a time


class MissingPath(FileNotFoundError):
    """A path the user named does not exist."""


def discover(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Every article file the paths name: files as given, folders searched for known suffixes, `-`
    for standard input.

    Hidden files and folders are passed over; a named file with an unknown suffix is read by its look.
    """
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if str(given) == STDIN:
            found.append(path)
        elif path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.suffix.lower() in LOADERS
                    and p.is_file()
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        elif path.exists():
            found.append(path)
        else:
            raise MissingPath(f"no such file or directory: {given}")
    return found


def load_file(path: Path) -> Iterator[Record | LoadProblem]:
    """Every article in one file, and a problem for whatever in it could not be read.

    A JSON Lines file is read a line at a time, so that a file of any size needs little memory.
    """
    name = "<stdin>" if str(path) == STDIN else str(path)
    try:
        if path.suffix.lower() in LINE_SUFFIXES and name != "<stdin>":
            yield from load_json_lines(name, read_lines(path))
            return
        text = decode(sys.stdin.buffer.read() if name == "<stdin>" else path.read_bytes())
    except NotText as error:
        yield LoadProblem(name, str(error))
        return
    except OSError as error:
        yield LoadProblem(name, f"cannot read: {error.strerror or error}")
        return
    if not text.strip():
        yield LoadProblem(name, "empty file")
        return
    yield from loader_for(path.suffix.lower(), text)(name, text)


def loader_for(suffix: str, text: str) -> Loader:
    """The loader for a suffix; for an unknown one (or stdin), what the text looks like."""
    if suffix in LOADERS:
        return LOADERS[suffix]
    start = text.lstrip()[:1]
    if looks_like_feed(text):
        return load_feed
    if start == "[" or (start == "{" and "\n{" not in text):
        return load_json
    if start == "{":
        return load_jsonl
    return load_text
