"""Plain-text and Markdown articles: one article a file, headline then body, Markdown front matter too."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsreader.model import Record

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<head>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
FRONT_MATTER_FIELDS = {
    "title": "title",
    "date": "date",
    "published": "date",
    "source": "source",
    "publisher": "source",
    "url": "url",
    "link": "url",
    "author": "authors",
    "authors": "authors",
}


def front_matter(text: str) -> tuple[dict[str, object], str]:
    """The `key: value` lines of a Markdown front matter block, and the text after it."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    fields: dict[str, object] = {}
    for line in match["head"].splitlines():
        key, _, value = line.partition(":")
        name = FRONT_MATTER_FIELDS.get(key.strip().lower())
        value = value.strip().strip("\"'")
        if name and value:
            fields[name] = [v.strip(" \"'") for v in value.strip("[]").split(",")] if name == "authors" else value
    return fields, text[match.end() :]


def load_text(path: str, text: str) -> Iterator[Record]:
    """The whole file is one article; the metadata rules find its headline, dateline and body."""
    fields, body = front_matter(text)
    yield Record(source_path=path, text=body, raw=text, fields=fields)
