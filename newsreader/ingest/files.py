"""Files and folders to records: each format has its own module, chosen by the file's suffix."""

from __future__ import annotations

import errno
import os
import stat
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
LIBRARY_SUFFIX = ".sqlite3"  # the library of fetched feeds
NOT_REGULAR = "not a regular file (a pipe, a device or a socket)"  # reading it could wait for ever, or never end


class MissingPath(FileNotFoundError):
    """A path the user named does not exist or cannot be reached (a symlink loop, a folder not searchable)."""


def discover(paths: Iterable[str | os.PathLike[str]]) -> list[Path | LoadProblem]:
    """Every article file the paths name: files as given, folders searched for known suffixes, `-`
    for standard input; and, in their place, a problem for each file or folder inside them that
    cannot be reached, and for each article file that is no regular file (a pipe, a socket, a device).

    Hidden files and folders are passed over; a named file with an unknown suffix is read by its look.
    """
    found: list[Path | LoadProblem] = []
    for given in paths:
        path = Path(given)
        if str(given) == STDIN:
            found.append(path)
            continue
        try:
            is_folder = stat.S_ISDIR(path.stat().st_mode)
        except OSError as error:
            raise MissingPath(f"{unreachable(error)}: {given}") from None
        found.extend(_folder(path) if is_folder else [path])
    return found


def _folder(folder: Path) -> list[Path | LoadProblem]:
    """The article files in a folder and those under it, in path order, and what could not be reached.

    As `os.walk` goes (hidden names and links to folders passed over), but a file's kind is read from
    its folder's listing, not asked of the disk file by file, save for links."""
    found: list[Path | LoadProblem] = []
    folders = [os.fspath(folder)]
    while folders:
        try:
            with os.scandir(folders.pop()) as listing:
                entries = list(listing)
        except OSError as error:
            found.append(_problem(error))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if _is_folder(entry):
                if not entry.is_symlink():
                    folders.append(entry.path)
            elif os.path.splitext(entry.name)[1].lower() in LOADERS:
                try:
                    regular = stat.S_ISREG(os.stat(entry.path).st_mode) if entry.is_symlink() else entry.is_file()
                except OSError as error:
                    found.append(_problem(error, Path(entry.path)))
                    continue
                found.append(Path(entry.path) if regular else LoadProblem(entry.path, NOT_REGULAR))
    # Sorted as paths sort (by their parts), each item's parts made once.
    return sorted(found, key=lambda item: Path(item.path).parts if isinstance(item, LoadProblem) else item.parts)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """A folder, or a link to one (which, as `os.walk` does, is not searched)."""
    try:
        return entry.is_dir()
    except OSError:  # as os.walk takes it: no folder
        return False


def _problem(error: OSError, path: Path | None = None) -> LoadProblem:
    return LoadProblem(str(path or error.filename), unreachable(error))


def unreachable(error: OSError) -> str:
    """Why a path cannot be reached, in words."""
    if error.errno == errno.ELOOP:
        return "a symbolic link loop"
    if error.errno == errno.ENOENT:
        return "a symbolic link to nothing" if os.path.islink(error.filename or "") else "no such file or directory"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "cannot read: permission denied"
    return f"cannot read: {error.strerror or error}"


def load_file(path: Path) -> Iterator[Record | LoadProblem]:
    """Every article in one file, and a problem for whatever in it could not be read.

    A JSON Lines file is read a line at a time, so that a file of any size needs little memory.
    """
    name = "<stdin>" if str(path) == STDIN else str(path)
    if name != "<stdin>":
        try:
            regular = stat.S_ISREG(os.stat(path).st_mode)  # a FIFO would hang the load, a device never end it
        except OSError as error:  # gone since it was found, or out of reach now
            yield LoadProblem(name, unreachable(error))
            return
        if not regular:
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
        text = decode(sys.stdin.buffer.read() if name == "<stdin>" else path.read_bytes())
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
