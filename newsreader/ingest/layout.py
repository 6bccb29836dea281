"""How a clean body is laid out: paragraphs, and the short lines that head the paragraphs after them.

Light on purpose: the reader needs it for its first frame, before any page rule is loaded.
"""

from __future__ import annotations

import re

from newsreader.model import Block, BlockKind

CLOSERS = "\"'”’)]"  # closing quotes and brackets, which may stand after a clause's last mark
HEADING_MAX_WORDS = 10
LINE = re.compile(r"[^\n]+")


def words(line: str, most: int | None = None) -> int:
    """How many words a line has; with `most`, counted only as far as it takes to compare with
    `most` (most + 1 at the most), as a rule about short lines need not split a paragraph's hundreds."""
    return len(line.split(None, -1 if most is None else most))


def without_closers(line: str, closers: str = CLOSERS) -> str:
    """The line up to its closing quotes and brackets ('it said."' → "it said."). As a pattern's `$` does,
    one line break at the end is passed over. A look at the line's end: a pattern ending in `$` is tried
    at every place of the line."""
    if line.endswith("\n"):
        line = line[:-1]
    return line.rstrip(closers)


def ends_with_mark(line: str, marks: str) -> bool:
    """The line's last character is one of `marks`, but for closing quotes and brackets after it."""
    mark = without_closers(line)[-1:]
    return mark != "" and mark in marks


def ends_clause(line: str) -> bool:
    """The line ends with a clause's mark (. ! ? : ; ,)."""
    return ends_with_mark(line, ".!?:;,")


def is_subheading(paragraph: str, following: str | None) -> bool:
    """A short unpunctuated line that introduces the paragraphs after it ("Soleimani's killing")."""
    return (
        following is not None
        and words(paragraph, HEADING_MAX_WORDS) <= HEADING_MAX_WORDS
        and not ends_clause(paragraph)
        and paragraph[:1].isupper()
        and not paragraph.startswith(("-", "•", "*"))
    )


def blocks(body: str) -> tuple[Block, ...]:
    """The body's paragraphs and sub-headings, as offsets into it."""
    spans = [(m.start(), m.end()) for m in LINE.finditer(body)]
    found = []
    for i, (start, end) in enumerate(spans):
        following = body[spans[i + 1][0] : spans[i + 1][1]] if i + 1 < len(spans) else None
        kind: BlockKind = "heading" if is_subheading(body[start:end], following) else "paragraph"
        found.append(Block(kind, start, end))
    return tuple(found)
