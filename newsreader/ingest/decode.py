"""Bytes to clean text: the encodings real files come in, and the characters no article needs.

The encoding is found as browsers and feed readers find it: a byte-order mark, then what the
document declares (an XML declaration, a `<meta charset>`), then what the transport declared (an
HTTP-style content type, when there was one), then UTF-8, then a detector, then cp1252.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from newsreader.clean import holds_any, in_pieces

SNIFF_BYTES = 8192
BINARY_CONTROLS = bytes([*range(0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20)])
BINARY_SHARE = 0.05  # random bytes hold about 10% of these
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16's: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
XML_DECLARATION = re.compile(rb"""\A\s*<\?xml[^>]*?\bencoding\s*=\s*["']\s*([\w.:-]+)""")
# `<meta charset="x">` and `<meta http-equiv="Content-Type" content="text/html; charset=x">`.
META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
CONTENT_TYPE_CHARSET = re.compile(r"""\bcharset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
# Labels that mean a wider encoding in practice, as the WHATWG Encoding Standard (and so every
# browser) reads them: "ISO-8859-1" pages and feeds carry cp1252's typographic quotes in 0x80-0x9F.
WIDER = {
    "ascii": "cp1252",
    "latin-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc_kr": "cp949",
    "shift_jis": "cp932",
}
# Code points 0x80-0x9F as cp1252 reads those bytes.
C1_AS_CP1252 = {
    code: char for code in range(0x80, 0xA0) if (char := bytes([code]).decode("cp1252", errors="replace")) != "\ufffd"
}
C1 = re.compile("[\x80-\x9f]")
C1_BYTES = bytes(range(0x80, 0xA0))


def _as_cp1252(match: re.Match[str]) -> str:
    return C1_AS_CP1252.get(ord(match[0]), match[0])


class NotText(ValueError):
    """The bytes are not text (a binary file)."""


def decode(data: bytes, content_type: str | None = None) -> str:
    """Text from bytes in whatever encoding they are in (see the module's docstring), clean.

    `content_type` is an HTTP-style `Content-Type` value where one came with the bytes. Never
    raises on odd bytes; raises `NotText` for what is no text in any encoding.
    """
    return in_pieces(_normal, _decoded(data, content_type))


def _normal(text: str) -> str:
    """A piece of decoded text made normal: its C1 codes as the cp1252 characters they were before
    something upstream read them as Latin-1 ("don\x92t"), then `clean_text`."""
    return clean_text(C1.sub(_as_cp1252, text) if holds_any(text, C1, C1_BYTES) else text)


def _decoded(data: bytes, content_type: str | None) -> str:
    for bom, bom_codec in BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(bom_codec, errors="replace")
    head = data[:SNIFF_BYTES]
    if b"\x00" in head and (codec := _utf16_without_bom(head)):
        return data.decode(codec, errors="replace")
    if looks_binary(head):
        raise NotText("binary file, not text")
    for codec in (declared_encoding(head), _charset(content_type), "utf-8"):
        if codec:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                continue  # the declaration is wrong: find out what the bytes are
    return mostly_utf8(data) or _detected(data)


def looks_binary(head: bytes) -> bool:
    """Many control bytes, as in random or compressed data; a stray one in a text (a NUL in a page) is no
    reason to lose the text. Escape is not counted: terminal logs are full of it."""
    controls = len(head) - len(head.translate(None, BINARY_CONTROLS))  # one pass, not one a control byte
    return controls > max(1, len(head) * BINARY_SHARE)


def declared_encoding(head: bytes) -> str | None:
    """The encoding a document's XML declaration or `<meta charset>` names, if Python knows it."""
    if b"<" not in head:  # no markup, nothing declared: spares a search of the head for a <meta>
        return None
    found = XML_DECLARATION.match(head) or META_CHARSET.search(head)
    return _codec(found.group(1).decode("ascii")) if found else None


def _charset(content_type: str | None) -> str | None:
    found = CONTENT_TYPE_CHARSET.search(content_type or "")
    return _codec(found.group(1)) if found else None


def _codec(label: str) -> str | None:
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _wider(name)


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 whose every other byte is mostly zero (Latin text), little- or big-endian."""
    even, odd = head[0::2], head[1::2]
    for codec, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) > len(zeros) * 0.3 and other.count(0) < len(other) * 0.05:
            return codec
    return None


# How far cp1252's reading of undeclared bytes may fall short of the detector's best (its chaos above, its
# language coherence below) and still be taken: on a short Western text the detector's best is often a code
# page that reads the same letters as others ("Zürich" as cp775's "Z³rich", "à" as cp1250's "ŕ").
WESTERN_MARGIN = 0.05
# The letters past ASCII of the languages that Latin code pages are read for, loan letters of their news
# included ("Café" in German): a text's accented letters come from one of these. Reading a code page as another
# mixes them: Hungarian's "hétfőn" read as cp1252 gives "hétfõn" (no language has õ beside é and ö), Spanish
# "señaló" read as cp1250 "seńaló" (Polish has ń, not í and á), Czech "řekl" as cp1252 "øekl" beside "česká"'s è.
ALPHABETS = tuple(
    frozenset(letters)
    for letters in (
        "áéíñóúü",  # Spanish
        "àçèéíïòóúü",  # Catalan
        "àáâãçéêíóôõúü",  # Portuguese
        "àâæçèéêëîïôœùûüÿ",  # French
        "äöüßéèàç",  # German
        "àèéìíîòóùú",  # Italian
        "áäéëèíïóöüú",  # Dutch
        "æøåéèóòôü",  # Danish, Norwegian
        "åäöéü",  # Swedish, Finnish
        "áðéíóúýþæö",  # Icelandic
        "ąćęłńóśźżü",  # Polish
        "áčďéěíňóřšťúůýž",  # Czech
        "áäčďéíĺľňóôŕšťúýž",  # Slovak
        "áéíóöőúüű",  # Hungarian
        "ăâîșşțţ",  # Romanian
        "čćđšžäöü",  # Croatian, Slovene, Bosnian
        "äõöüšž",  # Estonian
        "çğıöşüâî",  # Turkish
    )
)
LATIN_LETTERS = re.compile(r"[^\W\d_a-z]")  # a letter past ASCII, in a lower-cased text
# A sign past ASCII between two Latin letters ("Z³rich", "Preºedintele"): one code page's sign, another's letter.
SYMBOL_IN_WORD = re.compile(r"(?<=[A-Za-z\u00c0-\u024f])[^\w\s\x00-\x7f’‘“”«»–—…·](?=[A-Za-z\u00c0-\u024f])")
# The chaos (share of odd characters) the detector allows a reading: at its default, 0.2, it finds none for
# a short text with a heading ("Gdańsk i Łódź" and a line of Polish), which then fell to cp1252.
DETECTOR_CHAOS = 0.3
PLAUSIBLE_SAMPLE = 1 << 16  # bytes of each reading whose letters are looked at


# A byte that begins no UTF-8 character, as `surrogateescape` reads it: U+DC80-U+DCFF for 0x80-0xFF.
STRAY_BYTE = re.compile("[\udc80-\udcff]")
STRAY_AS_CP1252 = {0xDC00 + code: bytes([code]).decode("cp1252", errors="replace") for code in range(0x80, 0x100)}


def mostly_utf8(data: bytes) -> str | None:
    """Bytes that are UTF-8 but for some stray bytes, each read as cp1252 reads it (a cp1252 quote pasted into
    UTF-8 text, files of both encodings run together); None when no more characters read as UTF-8 than bytes
    stray, as in every legacy encoding (at most two fifths as many, in Thai, Japanese, Chinese and the rest)."""
    text = data.decode("utf-8", errors="surrogateescape")
    strays = len(text) - len(STRAY_BYTE.sub("", text))
    wide = len(text) - len(text.encode("ascii", errors="ignore")) - strays  # characters of more than one byte
    return text.translate(STRAY_AS_CP1252) if wide >= strays else None


def _detected(data: bytes) -> str:
    """Bytes that are not UTF-8 and declare nothing: the detector's (charset_normalizer's) best reading whose
    letters could be of one language, or cp1252, the web's reading of undeclared bytes, when it finds that about
    as good."""
    from charset_normalizer import from_bytes  # imported only for the rare file that needs it

    matches = from_bytes(data, threshold=DETECTOR_CHAOS)
    best = matches.best()
    if best is None or best.encoding in ("utf_8", "ascii", "cp1252"):
        return data.decode("cp1252", errors="replace")
    sample = data[:PLAUSIBLE_SAMPLE]
    plausible = [match for match in matches if _one_alphabet(sample.decode(_wider(match.encoding), errors="replace"))]
    chosen = plausible[0] if plausible else best
    western = from_bytes(data, threshold=DETECTOR_CHAOS, cp_isolation=["cp1252"]).best()
    if (
        western is not None
        and (not plausible or _one_alphabet(sample.decode("cp1252", errors="replace")))
        and western.chaos <= chosen.chaos + WESTERN_MARGIN
        and western.coherence >= chosen.coherence - WESTERN_MARGIN
    ):
        return data.decode("cp1252", errors="replace")
    return data.decode(_wider(chosen.encoding), errors="replace")


def _wider(codec: str) -> str:
    """The codec that reads a code page with its extensions (a page labelled Latin-1 as cp1252)."""
    return WIDER.get(codec, codec)


def _one_alphabet(text: str) -> bool:
    """Whether a text's Latin letters past ASCII could all be of one language, and no sign stands inside a word."""
    letters = {letter for letter in LATIN_LETTERS.findall(text.lower()) if letter < "\u0250"}  # Latin scripts only
    return not SYMBOL_IN_WORD.search(text) and any(letters <= alphabet for alphabet in ALPHABETS)


def read_lines(path: Path) -> Iterator[str]:
    """A text file's clean lines, one at a time (each decoded as `decode` would the whole file)."""
    with path.open("rb") as stream:
        head = stream.read(SNIFF_BYTES)
        if narrow(head):
            stream.seek(text_start(head))
            yield from map(decode_line, stream)
            return
        yield from decode(head + stream.read()).split("\n")  # rare: a wide encoding, read whole


def narrow(head: bytes) -> bool:
    """Whether a text file that begins so is read a line of bytes at a time (`read_lines`): not
    binary, not UTF-16 or UTF-32."""
    return not (head.startswith(WIDE_BOMS) or b"\x00" in head or looks_binary(head))


def text_start(head: bytes) -> int:
    """Where the text of a narrow file that begins so starts: after its UTF-8 byte order mark, if any."""
    return len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0


def decode_line(raw: bytes) -> str:
    """One clean line of a narrow text file (its newline, if any, left off): UTF-8 (but for some stray
    bytes), else cp1252."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        line = mostly_utf8(raw) or raw.decode("cp1252", errors="replace")
    return clean_text(line.rstrip("\r\n"))


def clean_text(text: str) -> str:
    """Unix newlines, NFC. What is unsafe on a terminal goes later, in one place (`clean.py`)."""
    if "\r" in text:  # one look, not two replacements, for the text that has none (most)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text if text.isascii() else unicodedata.normalize("NFC", text)
