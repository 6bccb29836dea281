"""Reading state: which articles are read and which starred, kept on disk and never silently lost.

Marks are keyed by a hash of the article's content, so they survive moving or renaming files. The
file lives under `$XDG_DATA_HOME/newsreader` (default `~/.local/share/newsreader`) and is written
atomically; each save first merges what another newsreader may have saved meanwhile. A corrupt file
is moved aside to a dated backup with a warning; an unwritable folder gives a warning, and the
marks are kept in memory.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from newsreader.model import Article

FILE_NAME = "state.json"
VERSION = 1
KINDS = ("read", "starred")


def data_home() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "newsreader"


def content_key(article: Article) -> str:
    """The article's key in the state file: its content's fingerprint."""
    return article.fingerprint


class ReadingState:
    """Read and starred marks, saved after every change."""

    def __init__(self, folder: Path | None = None, warn: Callable[[str], None] | None = None) -> None:
        self.path = (folder or data_home()) / FILE_NAME
        self.warn = warn or (lambda message: None)
        self.marks: dict[str, set[str]] = {kind: set() for kind in KINDS}
        self.changes: list[tuple[str, str, bool]] = []  # (kind, key, set or cleared) since the last save
        self.warned_unwritable = False
        self.marks = self._read()

    # --- Asking and marking ------------------------------------------------------------------------

    def is_read(self, article: Article) -> bool:
        return content_key(article) in self.marks["read"]

    def is_starred(self, article: Article) -> bool:
        return content_key(article) in self.marks["starred"]

    def mark(self, kind: str, article: Article, value: bool) -> None:
        """Set or clear a mark, and save."""
        key = content_key(article)
        if (key in self.marks[kind]) == value:
            return
        (self.marks[kind].add if value else self.marks[kind].discard)(key)
        self.changes.append((kind, key, value))
        self.save()

    def toggle(self, kind: str, article: Article) -> bool:
        """Flip a mark; returns the new value."""
        value = content_key(article) not in self.marks[kind]
        self.mark(kind, article, value)
        return value

    # --- Disk ---------------------------------------------------------------------------------------

    def _read(self) -> dict[str, set[str]]:
        """The marks on disk; a corrupt file is moved aside to a dated backup, with a warning."""
        empty = {kind: set() for kind in KINDS}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return {kind: set(_keys(data, kind)) for kind in KINDS}
        except FileNotFoundError:
            return empty
        except (ValueError, TypeError, UnicodeDecodeError) as error:
            backup = self.path.with_name(f"{FILE_NAME}.corrupt-{datetime.now():%Y%m%d-%H%M%S}")
            try:
                self.path.replace(backup)
                self.warn(f"reading state {self.path} was corrupt ({error}); kept as {backup.name}, starting empty")
            except OSError as move_error:
                self.warn(f"reading state {self.path} is corrupt and could not be moved aside: {move_error}")
            return empty
        except OSError as error:
            self.warn(f"cannot read reading state {self.path}: {error.strerror or error}")
            return empty

    def save(self) -> None:
        """Merge this session's changes into the file as it is now, and replace it atomically."""
        on_disk = self._read() if self.path.exists() else {kind: set() for kind in KINDS}
        for kind, key, value in self.changes:
            (on_disk[kind].add if value else on_disk[kind].discard)(key)
        data = {"version": VERSION, **{kind: sorted(keys) for kind, keys in on_disk.items()}}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".state-", suffix=".json", dir=self.path.parent)
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(data, stream)
            os.replace(temporary, self.path)
        except OSError as error:
            if not self.warned_unwritable:
                reason = error.strerror or error
                self.warn(f"cannot save reading state in {self.path.parent}: {reason}; marks kept until you quit")
                self.warned_unwritable = True
            return
        self.marks, self.changes = on_disk, []


def _keys(data: object, kind: str) -> list[str]:
    """The keys of one kind of mark in a state file's data; anything else is corrupt."""
    if not isinstance(data, dict) or not isinstance(data.get(kind, []), list):
        raise ValueError("not a newsreader state file")
    keys = data.get(kind, [])
    if not all(isinstance(key, str) for key in keys):
        raise ValueError("not a newsreader state file")
    return keys
