"""Bytes to clean text: the encodings real files come in, and the characters no article needs."""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

# C0 and C1 controls other than tab and newline: never article text, and unsafe to send to a terminal.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
SNIFF_BYTES = 8192


class NotText(ValueError):
    """The bytes are not text (a binary file)."""


def decode(data: bytes) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, else cp1252. Never raises on odd bytes."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    elif b"\x00" in data[:SNIFF_BYTES]:
        raise NotText("binary file, not text")
    elif data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    return clean_text(text)


def read_lines(path: Path) -> Iterator[str]:
    """A text file's clean lines, one at a time (each decoded as `decode` would the whole file)."""
    with path.open("rb") as stream:
        head = stream.read(SNIFF_BYTES)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # rare: read it whole
            yield from decode(head + stream.read()).split("\n")
            return
        if b"\x00" in head:
            raise NotText("binary file, not text")
        stream.seek(len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0)
        for raw in stream:
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                line = raw.decode("cp1252", errors="replace")
            yield clean_text(line.rstrip("\r\n"))


def clean_text(text: str) -> str:
    """Unix newlines, NFC, no control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return CONTROL_CHARACTERS.sub("", unicodedata.normalize("NFC", text))
