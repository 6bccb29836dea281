"""The values the store holds and hands out: articles, their layout, what went wrong while loading."""

from __future__ import annotations

import sys
from typing import Literal, NamedTuple

from newsreader.bodies import BodyBlock, BodyFile, StoredBody
from newsreader.clean import line, pieces

WORDS_PER_MINUTE = 230
# Fields many articles share (an outlet, a day): one string for all, not one an article (10 MB at 100,000).
SHARED_FIELDS = ("source", "date")
# The four main entity types first; the others are shown but never counted as one of them.
ENTITY_TYPES = ("person", "org", "place", "date", "nationality", "law", "event")
MAIN_TYPES = ENTITY_TYPES[:4]


# Each Latin-1 character as 0 (a space, as `str.split` takes it) or 1 (part of a word).
IN_WORD = bytes(0 if chr(code).isspace() else 1 for code in range(256))


def word_count(text: str) -> int:
    """`len(text.split())`: for Latin-1 text (most news is), the bytes where a word starts (a 1 after a 0,
    or first) counted as the bits of one big number, not by making a string of every word (which took a
    tenth of the time an article takes to load), nor by counting b" x" in marks (a third of that)."""
    try:
        marks = int.from_bytes(text.encode("latin-1").translate(IN_WORD), "big")
    except UnicodeEncodeError:
        return len(text.split())
    return (marks & ~(marks >> 8)).bit_count()


def _one_copy(shared: str | None) -> str | None:
    """The one copy of a string that many articles hold (a field of SHARED_FIELDS)."""
    return sys.intern(shared) if shared else shared


class Record(NamedTuple):
    """One article as a loader found it, before any analysis.

    `fields` holds whatever metadata the file format carried (title, date, source, …) under the
    store's own names; `text` is the article text, raw. `raw` is what the stable id is made from.
    """

    source_path: str
    text: str
    raw: str
    fields: dict[str, object]


class Article(NamedTuple):
    """A clean article: metadata and a body of paragraphs separated by blank lines.

    The body stays on disk (`stored_body` says where) unless it was given as a string; its
    fingerprint and word count are worked out once, when the article is made (`Article.of`).
    """

    id: str
    source_path: str
    title: str
    stored_body: str | StoredBody
    fingerprint: str  # a hash of title and body: the same for the same article wherever its file is
    word_count: int
    source: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    date_inferred: bool = False
    dateline: str | None = None
    also_at: tuple[str, ...] = ()  # the other files the same article was found in (a copy, a symlink, two feeds)

    @property
    def source_paths(self) -> tuple[str, ...]:
        """Every file the article was found in, the first first."""
        return (self.source_path, *self.also_at)

    @classmethod
    def of(
        cls, id: str, source_path: str, title: str, body: str, bodies: BodyFile | BodyBlock | None = None, **metadata
    ) -> Article:
        """An article from its fields; with `bodies`, its body is written there and read back on demand."""
        import hashlib  # here: the analysis's workers need the model's types, not OpenSSL's 4 MB

        digest = hashlib.blake2b(f"{title}\n".encode("utf-8", "replace"), digest_size=12)
        words = 0
        for piece in pieces(body):  # a 100 MB body too, without holding the GIL for seconds
            digest.update(piece.encode("utf-8", "replace"))
            words += word_count(piece)
        stored = bodies.add(body) if bodies else body
        for shared in SHARED_FIELDS:
            if isinstance(value := metadata.get(shared), str):
                metadata[shared] = sys.intern(value)
        return cls(id, source_path, title, stored, digest.hexdigest(), words, **metadata)

    def placed(self, stored_body: str | StoredBody) -> Article:
        """This article with its body where it now is, and the fields many articles share as one string
        again: an article that came from a worker process holds copies of them."""
        return self._replace(stored_body=stored_body, source=_one_copy(self.source), date=_one_copy(self.date))

    @property
    def heading(self) -> str:
        """What the article says before its body, analysed with it: the title, and the dateline's
        place on a line of its own."""
        return f"{self.title}\n{self.dateline}" if self.dateline else self.title

    @property
    def body(self) -> str:
        return self.stored_body if isinstance(self.stored_body, str) else self.stored_body.read()

    @property
    def reading_minutes(self) -> int:
        return max(1, round(self.word_count / WORDS_PER_MINUTE))


class Entity(NamedTuple):
    """A mention of a person, organisation, place, date (or a lesser type) in an article.

    `start`/`end` are offsets into the `part` it stands in: the body, the title or the dateline;
    `canonical` is the one name of the entity across the corpus; `value` is a date's normalised ISO value.
    """

    text: str
    type: str
    start: int
    end: int
    canonical: str
    value: str | None = None
    part: str = "body"  # or "title", "dateline"


BlockKind = Literal["paragraph", "heading"]


class Block(NamedTuple):
    """A paragraph or a sub-heading of a body, as offsets into it."""

    kind: BlockKind
    start: int
    end: int


class LoadProblem(NamedTuple):
    """Something a loader skipped, with the reason in words a user understands.

    `entries` names each bad entry of a file whose other entries loaded ("line 2: invalid JSON"),
    which `reason` sums up.
    """

    path: str
    reason: str
    entries: tuple[str, ...] = ()

    def __str__(self) -> str:
        return line(f"{self.path}: {self.reason}")  # a file's name is a stranger's text too

    def skipped(self) -> list[tuple[str, str]]:
        """(path, reason) for each thing skipped: the file, or each of its bad entries."""
        return [(self.path, entry) for entry in self.entries] or [(self.path, self.reason)]

    def lines(self) -> list[str]:
        """Each thing skipped on a line of its own."""
        return [line(f"{path}: {reason}") for path, reason in self.skipped()]
