"""JSON and JSON Lines articles, whatever names the dataset or scraper gave their fields."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from functools import partial

from newsreader.ingest.decode import clean_text
from newsreader.ingest.jsonfeed import feed_items, is_json_feed, json_feed_record
from newsreader.model import LoadProblem, Record

# The store's name for a field, then the names datasets and scrapers (news-please, newspaper3k/4k,
# trafilatura's JSON) use for it, best first: a modification date only when there is no other.
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "title_page", "title_rss"),
    "text": (
        "body",
        "text",
        "maintext",
        "content",
        "article",
        "raw_text",
        "summary",
        "description",
        "meta_description",
        "excerpt",
    ),
    "date": (
        "date",
        "published",
        "date_publish",
        "publish_date",
        "pubDate",
        "published_at",
        "publishedAt",
        "datePublished",
        "pub_date",
        "date_published",
        "date_modify",
        "date_modified",
        "dateModified",
    ),
    "source": (
        "source",
        "meta_site_name",
        "site_name",
        "sitename",
        "source-hostname",
        "publisher",
        "outlet",
        "source_domain",
        "hostname",
    ),
    "url": ("url", "link", "canonical_link", "source"),
    "authors": ("authors", "author"),
}


def _fits(name: str, key: str, value: object) -> bool:
    """Whether a field's value can be the store's `name`."""
    if value in (None, "", []):
        return False
    if key == "source":  # trafilatura's `source` is the page's address, not its outlet
        return (isinstance(value, str) and value.startswith(("http://", "https://"))) == (name == "url")
    return True


# What an article's id is made from: its object as JSON, keys sorted. One encoder for every object, not one
# made for each (as `json.dumps` with options makes).
RAW = json.JSONEncoder(sort_keys=True, ensure_ascii=False, default=str)
# Keys under which a JSON document keeps its list of articles ({"articles": [...]}).
CONTAINER_KEYS = ("articles", "items", "entries", "data")


def record_from_object(path: str, obj: object) -> Record | str:
    """A record from one JSON object, or the reason it is not an article."""
    if not isinstance(obj, dict):
        return f"not an object but {type(obj).__name__}"
    fields = {}
    # Each field's first name that fits. Newlines and NFC as in decoded files; control characters (raw or as
    # "\\u001b") go later, in `clean.py`.
    for name, keys in FIELD_NAMES.items():
        for key in keys:
            if key in obj and _fits(name, key, value := obj[key]):
                fields[name] = clean_text(value) if isinstance(value, str) else value
                break
    text = fields.pop("text", None)
    if isinstance(text, list):
        text = clean_text("\n\n".join(str(part) for part in text))
    if not isinstance(text, str) or not text.strip():
        if not isinstance(fields.get("title"), str):
            return "no title or text field"
        text = ""
    raw = RAW.encode(obj)
    return Record(source_path=path, text=text, raw=raw, fields=fields)


INVALID = object()  # stands for a line that is not JSON
BOM = "\ufeff"
LINE_DECODER = json.JSONDecoder(strict=False)  # one for every line, not one made for each (as `json.loads` does)


def _entries(
    path: str,
    entries: Iterable[tuple[str, object]],
    record: Callable[[str, object], Record | str] = record_from_object,
) -> Iterator[Record | LoadProblem]:
    """Records from (where, object) pairs; one problem naming every entry that is not an article."""
    bad: list[str] = []
    yield from _records(path, entries, bad, record)
    if bad:
        yield skipped(path, bad)


def _records(
    path: str,
    entries: Iterable[tuple[str, object]],
    bad: list[str],
    record: Callable[[str, object], Record | str] = record_from_object,
) -> Iterator[Record]:
    """Records from (where, object) pairs; where an entry is not an article, and why, goes to `bad`."""
    for where, obj in entries:
        found = "invalid JSON" if obj is INVALID else record(path, obj)
        if isinstance(found, Record):
            yield found
        else:
            bad.append(f"{where}: {found}")


def skipped(path: str, reasons: list[str]) -> LoadProblem:
    """One problem line for a file of which some entries could not be read."""
    more = f" (and {len(reasons) - 1} more)" if len(reasons) > 1 else ""
    noun = "entry" if len(reasons) == 1 else "entries"
    return LoadProblem(path, f"skipped {len(reasons)} bad {noun}: {reasons[0]}{more}", tuple(reasons))


def load_json(path: str, text: str) -> Iterator[Record | LoadProblem]:
    """An article object, an array of them, an object holding one under `articles`/`items`, or a JSON Feed."""
    try:
        data = json.loads(text, strict=False)
    except (ValueError, RecursionError) as error:
        yield LoadProblem(path, f"invalid JSON: {_why_invalid(error)}")
        return
    if is_json_feed(data):
        yield from load_json_feed(path, data)
        return
    if isinstance(data, dict):
        container = next((data[k] for k in CONTAINER_KEYS if isinstance(data.get(k), list)), None)
        data = container if container is not None and not record_has_text(data) else [data]
    if not isinstance(data, list):
        yield LoadProblem(path, "JSON holds neither an article object nor a list of them")
        return
    if not data:  # said, as a feed without entries is: else the file is passed over without a word
        yield LoadProblem(path, "no articles: its list is empty")
        return
    yield from _entries(path, ((f"item {number}", obj) for number, obj in enumerate(data, start=1)))


def load_json_feed(path: str, feed: dict) -> Iterator[Record | LoadProblem]:
    """The items of a JSON Feed, a file's or a subscription's; one problem line names the bad ones."""
    items = feed_items(feed)
    if not items:
        yield LoadProblem(path, "a JSON Feed without items")
    numbered = ((f"item {number}", item) for number, item in enumerate(items, start=1))
    yield from _entries(path, numbered, partial(json_feed_record, feed=feed))


def record_has_text(obj: dict) -> bool:
    return any(isinstance(obj.get(key), str) for key in FIELD_NAMES["text"])


def load_jsonl(path: str, text: str) -> Iterator[Record | LoadProblem]:
    """One article object a line; bad lines are counted and named, good ones all load."""
    yield from load_json_lines(path, text.split("\n"))


def load_json_lines(path: str, lines: Iterable[str]) -> Iterator[Record | LoadProblem]:
    """`load_jsonl` over lines read as they are needed."""
    bad: list[str] = []
    empty = True
    for record in json_line_records(path, lines, bad):
        empty = False
        yield record
    yield from json_lines_problems(path, empty, bad)


def json_line_records(path: str, lines: Iterable[str], bad: list[str], first: int = 1) -> Iterator[Record]:
    """The records of JSON Lines (numbered from `first`); each bad line, and why, goes to `bad`."""
    return _records(path, _json_lines(lines, first), bad)


def json_lines_problems(path: str, empty: bool, bad: list[str]) -> Iterator[LoadProblem]:
    """What to say of a JSON Lines file after its lines: the bad ones, in one problem; a file of blank
    lines is an empty file."""
    if bad:
        yield skipped(path, bad)
    elif empty:
        yield LoadProblem(path, "empty file")


def _json_lines(lines: Iterable[str], first: int = 1) -> Iterator[tuple[str, object]]:
    for number, line in enumerate(lines, start=first):
        if not line or line.isspace():  # a look, not a stripped copy of every line
            continue
        if line[0] == BOM:  # where a file that began with one was joined to another (`cat a.jsonl b.jsonl`)
            line = line[1:]
        try:
            yield f"line {number}", LINE_DECODER.decode(line)
        except (ValueError, RecursionError):  # ValueError: bad JSON, or a number of over 4,300 digits
            yield f"line {number}", INVALID


def _why_invalid(error: Exception) -> str:
    if isinstance(error, json.JSONDecodeError):
        return error.msg
    return "nested too deeply" if isinstance(error, RecursionError) else "a number too long to read"
