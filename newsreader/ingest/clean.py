"""The one cleaning step: what a stranger's text may not carry to a terminal, taken out once.

Every field of every article passes through here after all decoding (HTML entities, JSON escapes,
page rules), and every path and message before it is printed. Taken out: C0 and C1 controls
(escape sequences start with them), bidi embeddings, overrides and isolates (text that reads
other than it is), and lone surrogates (which no terminal or UTF-8 stream can take).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsreader.model import Record

# Controls but tab and newline (a tab becomes a space), bidi embeddings, overrides (U+202A-E), isolates (U+2066-9).
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
REPLACEMENT = "\ufffd"
FIELD_DEPTH = 2  # a list of {"name": …} authors is as deep as metadata goes


def record(found: Record) -> Record:
    """A loader's record with its text, its path and every string in its fields cleaned."""
    fields = {name: _field(value) for name, value in found.fields.items()}
    return found._replace(source_path=line(found.source_path), text=body(found.text), fields=fields)


def _field(value: object, depth: int = 0) -> object:
    """Every string in a field's value (strings, lists of them, {"name": …} objects) as one clean line;
    deeper than metadata ever goes, nothing."""
    if isinstance(value, str):
        return line(value)
    if isinstance(value, (dict, list)) and depth < FIELD_DEPTH:
        if isinstance(value, dict):
            return {key: _field(item, depth + 1) for key, item in value.items()}
        return [_field(item, depth + 1) for item in value]
    return None if isinstance(value, (dict, list)) else value


def body(text: str) -> str:
    """Text of many lines: every line break a newline, a tab a space, nothing unsafe."""
    text = UNSAFE.sub("", LINE_BREAKS.sub("\n", text).replace("\t", " "))
    return LONE_SURROGATE.sub(REPLACEMENT, text)


def line(text: str) -> str:
    """Text of one line (a title, a name, a path): line breaks and tabs become one space, nothing unsafe."""
    return " ".join(body(text).split())
