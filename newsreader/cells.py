"""Terminal cell widths of text, so that columns of CJK text line up as Latin ones do."""

from __future__ import annotations

import unicodedata


def cell_width(text: str) -> int:
    """Cells `text` takes on a terminal: two for wide characters (CJK), none for combining marks."""
    return sum(_char_width(char) for char in text)


def _char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def column(text: str, width: int) -> str:
    """`text` cut to at most `width` cells, then padded with spaces to exactly `width`."""
    kept, used = [], 0
    for char in text:
        if used + (size := _char_width(char)) > width:
            break
        kept.append(char)
        used += size
    return "".join(kept) + " " * (width - used)
