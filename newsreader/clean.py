"""The one cleaning step: what a stranger's text may not carry to a terminal, taken out once.

Every field of every article passes through here after all decoding (HTML entities, JSON escapes,
page rules), and every path and message before it is printed. Taken out: C0 and C1 controls
(escape sequences start with them), bidi embeddings, overrides and isolates (text that reads
other than it is), and lone surrogates (which no terminal or UTF-8 stream can take).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

# Controls but tab and newline (a tab becomes a space), bidi embeddings, overrides (U+202A-E), isolates (U+2066-9).
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# Whatever of those three `_body` changes, lone surrogates too: the one look most text needs, as it has none of them.
CHANGED = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
CHANGED_LATIN1 = bytes([*range(0x0A), *range(0x0B, 0x20), *range(0x7F, 0xA0)])  # the same, of Latin-1
REPLACEMENT = "\ufffd"
PIECE = 1 << 20  # characters: each piece's cleaning holds the GIL for a few milliseconds at most


def pieces(text: str) -> Iterator[str]:
    """A long text a megabyte at a time, each piece ending at a line break (the last at the text's end):
    work done piece by piece lets other threads (the screen's) run between pieces."""
    start = 0
    while start < len(text):
        end = text.find("\n", start + PIECE) + 1 or len(text)
        yield text[start:end]
        start = end


def in_pieces(clean: Callable[[str], str], text: str) -> str:
    """`clean` applied to a long text piece by piece; `clean` must be one that a line break may cut."""
    return clean(text) if len(text) <= PIECE else "".join(map(clean, pieces(text)))


def body(text: str) -> str:
    """Text of many lines: every line break a newline, a tab a space, nothing unsafe."""
    return in_pieces(_body, text)


def _body(text: str) -> str:
    if not _changed(text):
        return text  # a second search, for surrogates (which no text of Latin-1 holds), was 3% of loading
    text = UNSAFE.sub("", LINE_BREAKS.sub("\n", text).replace("\t", " "))
    return text if text.isascii() else LONE_SURROGATE.sub(REPLACEMENT, text)


def _changed(text: str) -> bool:
    """Whether `_body` has a line break, tab, unsafe character or lone surrogate to change."""
    return holds_any(text, CHANGED, CHANGED_LATIN1)


def holds_any(text: str, characters: re.Pattern[str], latin1: bytes) -> bool:
    """Whether the text holds one of the characters a pattern of one character class matches, of which
    `latin1` are the Latin-1 ones. Latin-1 text, as most news is, is looked at as bytes: a fifth of the
    time of the pattern's search (loading looks at every article)."""
    try:
        data = text.encode("latin-1")
    except UnicodeEncodeError:
        return characters.search(text) is not None
    return len(data.translate(None, latin1)) != len(data)


def line(text: str) -> str:
    """Text of one line (a title, a name, a path): line breaks and tabs become one space, nothing unsafe."""
    # Printable text holds no control, line break, tab, format character (bidi ones among them) or
    # surrogate: nothing `body` takes out. One look spares most fields the whole cleaning.
    return " ".join((text if text.isprintable() else body(text)).split())
