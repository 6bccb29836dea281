"""RSS and Atom feeds (feedparser): each entry is an article. Nothing is fetched from the network."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator

from newsreader.model import LoadProblem, Record

DECODED = {"content-type": "application/xml; charset=utf-8"}
CHARACTER_REFERENCE = re.compile(r"&#(?:([0-9]+)|[xX]([0-9a-fA-F]+));")
NO_CHARACTER = "&#xFFFD;"  # what HTML makes of a reference to a surrogate or past U+10FFFF


def looks_like_feed(text: str) -> bool:
    """An XML document whose root is an RSS, RDF or Atom element."""
    head = text.lstrip()[:2000].lower()
    return head.startswith("<") and any(tag in head for tag in ("<rss", "<feed", "<rdf:rdf"))


def load_feed(path: str, text: str) -> Iterator[Record | LoadProblem]:
    import feedparser  # imported only when a feed is loaded, as is the HTML parser

    from newsreader.ingest.html_text import html_to_text

    # A file object, never a string: feedparser would fetch a string that looks like an address. The
    # text is decoded already: the header says so, or feedparser would decode it again as the XML
    # declaration says the file was. Its HTML sanitiser and link resolver are left out: the HTML becomes
    # plain text here (a fifth of the time).
    parsed = feedparser.parse(
        io.BytesIO(_references_to_characters(text).encode("utf-8")),
        response_headers=DECODED,
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    if not parsed.entries:
        reason = getattr(parsed.get("bozo_exception"), "getMessage", lambda: None)() or parsed.get("bozo_exception")
        yield LoadProblem(path, f"not an RSS or Atom feed with entries{f' ({reason})' if reason else ''}")
        return
    feed_title = html_to_text(parsed.feed.get("title", "")) or None
    loaded = 0
    for entry in parsed.entries:
        content = entry.get("content") or []
        html = content[0].get("value", "") if content else entry.get("summary", "")
        fields = {
            "title": html_to_text(entry.get("title", "")),
            "date": entry.get("published") or entry.get("updated") or entry.get("created"),
            "url": entry.get("link"),
            "authors": [a.get("name") for a in entry.get("authors", []) if a.get("name")] or entry.get("author"),
            "feed": feed_title,
        }
        fields = {key: value for key, value in fields.items() if value}
        body = html_to_text(html)
        if not (body or fields.get("title")):
            continue
        raw = json.dumps({"id": entry.get("id"), "title": fields.get("title"), "body": body}, ensure_ascii=False)
        loaded += 1
        yield Record(source_path=path, text=body, raw=raw, fields=fields)
    if not loaded:
        count = len(parsed.entries)
        entries = "entry is" if count == 1 else "entries are all"
        yield LoadProblem(path, f"the feed's {count} {entries} empty (no title, no text)")


def _references_to_characters(text: str) -> str:
    """The text with each numeric character reference that names no character (a surrogate, a number past
    U+10FFFF) made a replacement character's: feedparser's lenient parser, which reads a feed that is no
    well-formed XML, fails on them and loses the whole feed."""
    return CHARACTER_REFERENCE.sub(_a_character, text) if "&#" in text else text


def _a_character(reference: re.Match[str]) -> str:
    decimal, hexadecimal = reference.groups()
    digits = (decimal or hexadecimal).lstrip("0")
    if len(digits) > 8:  # past U+10FFFF however it is written (and no number too long for `int` to read)
        return NO_CHARACTER
    code = int(digits or "0", 10 if decimal else 16)
    return NO_CHARACTER if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF else reference.group()
