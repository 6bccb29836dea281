"""Files and folders to records: each format has its own module, chosen by the file's suffix."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..model import LoadProblem, Record
from .decode import NotText, decode
from .jsonfiles import load_json, load_jsonl
from .text import load_text

Loader = Callable[[str, str], Iterable[Record | LoadProblem]]

LOADERS: dict[str, Loader] = {
    ".txt": load_text,
    ".md": load_text,
    ".markdown": load_text,
    ".json": load_json,
    ".jsonl": load_jsonl,
    ".ndjson": load_jsonl,
}


class MissingPath(FileNotFoundError):
    """A path the user named does not exist."""


def discover(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Every article file the paths name: files as given, folders searched for known suffixes.

    Hidden files and folders are passed over; a named file with an unknown suffix is read as text.
    """
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
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
    """Every article in one file, and a problem for whatever in it could not be read."""
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        yield LoadProblem(name, f"cannot read: {error.strerror or error}")
        return
    try:
        text = decode(data)
    except NotText as error:
        yield LoadProblem(name, str(error))
        return
    if not text.strip():
        yield LoadProblem(name, "empty file")
        return
    yield from LOADERS.get(path.suffix.lower(), load_text)(name, text)
