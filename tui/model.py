"""The values the store holds and hands out: articles, their layout, what went wrong while loading."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

WORDS_PER_MINUTE = 230


@dataclass(frozen=True)
class Record:
    """One article as a loader found it, before any analysis.

    `fields` holds whatever metadata the file format carried (title, date, source, …) under the
    store's own names; `text` is the article text, raw. `raw` is what the stable id is made from.
    """

    source_path: str
    text: str
    raw: str
    fields: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Article:
    """A clean article: metadata and a body of paragraphs separated by blank lines."""

    id: str
    source_path: str
    title: str
    body: str
    source: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    date_inferred: bool = False
    dateline: str | None = None

    @property
    def word_count(self) -> int:
        return len(self.body.split())

    @property
    def reading_minutes(self) -> int:
        return max(1, round(self.word_count / WORDS_PER_MINUTE))


@dataclass(frozen=True)
class Block:
    """A paragraph or a sub-heading of a body, as offsets into it."""

    kind: Literal["paragraph", "heading"]
    start: int
    end: int


@dataclass(frozen=True)
class LoadProblem:
    """Something a loader skipped, with the reason in words a user understands."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"
