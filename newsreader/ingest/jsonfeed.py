"""JSON Feed (versions 1 and 1.1, jsonfeed.org): each item is an article, the feed's title its source."""

from __future__ import annotations

import json

from newsreader.model import Record

VERSION_PREFIX = "https://jsonfeed.org/version/1"


def is_json_feed(data: object) -> bool:
    """A JSON object that says it is a JSON Feed of version 1 or 1.1."""
    return isinstance(data, dict) and str(data.get("version", "")).startswith(VERSION_PREFIX)


def parse_json_feed(text: str) -> dict | None:
    """The feed object when this text is a JSON Feed, else None."""
    if not text.lstrip().startswith("{"):
        return None
    try:
        data = json.loads(text, strict=False)
    except (ValueError, RecursionError):
        return None
    return data if is_json_feed(data) else None


def feed_items(feed: dict) -> list[object]:
    return feed["items"] if isinstance(feed.get("items"), list) else []


def json_feed_record(path: str, item: object, feed: dict) -> Record | str:
    """A record from one item of a JSON Feed, or the reason it is not an article."""
    from newsreader.ingest.html_text import html_to_text  # the HTML parser, imported when a feed is read

    if not isinstance(item, dict):
        return f"not an object but {type(item).__name__}"
    html = _text(item.get("content_html"))
    body = _text(item.get("content_text")) or (html_to_text(html) if html else "") or _text(item.get("summary"))
    title = html_to_text(_text(item.get("title")))
    if not (body.strip() or title):
        return "no title or text"
    fields = {
        "title": title,
        "date": item.get("date_published") or item.get("date_modified"),
        "url": item.get("url") or item.get("external_url"),
        "authors": _authors(item) or _authors(feed),
        "feed": _text(feed.get("title")),
    }
    fields = {key: value for key, value in fields.items() if value}
    raw = json.dumps({"id": item.get("id"), "title": title, "body": body}, ensure_ascii=False, default=str)
    return Record(source_path=path, text=body, raw=raw, fields=fields)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _authors(holder: dict) -> list[str]:
    """`authors` (1.1) or `author` (1.0): objects with a name."""
    authors = holder.get("authors")
    given = authors if isinstance(authors, list) else [holder.get("author")]
    return [a["name"] for a in given if isinstance(a, dict) and isinstance(a.get("name"), str) and a["name"].strip()]
