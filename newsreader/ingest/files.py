"""Files and folders to the article files they hold, each with its format (read by `newsreader.ingest.reading`)."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from newsreader.model import LoadProblem

# Each article file's suffix and its format. The formats' modules are imported only when a file is
# read: a warm start reads none, and its first frame waits for none of their imports.
FORMATS = {
    ".txt": "text",
    ".md": "text",
    ".markdown": "text",
    ".json": "json",
    ".jsonl": "json lines",
    ".ndjson": "json lines",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".html": "page",
    ".htm": "page",
}


STDIN = "-"
LINE_SUFFIXES = (".jsonl", ".ndjson")  # read a line at a time
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
            elif os.path.splitext(entry.name)[1].lower() in FORMATS:
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
