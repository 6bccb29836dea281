"""Plain-text and Markdown articles: one article a file, headline then body."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Record


def load_text(path: str, text: str) -> Iterator[Record]:
    """The whole file is one article; the metadata rules find its headline, dateline and body."""
    yield Record(source_path=path, text=text, raw=text)
