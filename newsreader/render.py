"""An article as text, Markdown or JSON: what `show`, `export` and the reader's `p` print."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from newsreader.bodies import in_file_order
from newsreader.model import Article, Block

if TYPE_CHECKING:
    from newsreader.store import DocumentStore

FORMATS = ("text", "markdown", "json")
BODIES_AT_ONCE = 1000  # bodies read together when many articles are written: a few megabytes


def counted(count: int, noun: str) -> str:
    """ "1 article", "2,045 articles": a count with its noun, singular for one."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def date_as_written(article: Article) -> str:
    """The article's date as a reader writes it: "14 Jan 2020", "14 Jan" when its year is unknown, "undated"."""
    from newsreader.analysis.date_words import as_written  # here: 25 ms of import `export` never needs

    return (as_written(article.date) or article.date) if article.date else "undated"


def metadata_line(article: Article) -> str:
    """ "TASS · 14 Jan 2020 · Colombo · 523 words · 2 min read", skipping what is unknown."""
    return " · ".join(_metadata(article))


def dateline_at(article: Article) -> int:
    """Where the article's dateline starts in its `metadata_line` (an article with a dateline)."""
    parts = _metadata(article)
    return sum(len(part) + 3 for part in parts[: parts.index(article.dateline)]) if article.dateline else -1


def _metadata(article: Article) -> list[str]:
    parts = [
        article.source,
        date_as_written(article) + (" (year inferred)" if article.date_inferred else ""),
        article.dateline,
        counted(article.word_count, "word"),
        f"{article.reading_minutes:,} min read",
    ]
    return [part for part in parts if part]


def article_record(
    article: Article, entities: list[dict[str, object]] | None = None, body: str | None = None
) -> dict[str, object]:
    """Every field of an article, as `export` writes it (`entities` as `DocumentStore.entity_records` gives
    them; `body`, the article's body where it was read already)."""
    return {
        "id": article.id,
        "source_path": article.source_path,
        "source_paths": list(article.source_paths),
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "authors": list(article.authors),
        "date": article.date,
        "date_inferred": article.date_inferred,
        "dateline": article.dateline,
        "body": article.body if body is None else body,
        "word_count": article.word_count,
        "entities": entities or [],
    }


def json_lines(store: DocumentStore, articles: Sequence[Article]) -> Iterator[str]:
    """Each article's `article_record` with its entities as a line of JSON, as `json.dumps(record,
    ensure_ascii=False)` writes it; the entities come as JSON already (`DocumentStore.entities_json`).
    The bodies are read `BODIES_AT_ONCE` at a time, in the order they lie on disk."""
    for first in range(0, len(articles), BODIES_AT_ONCE):
        chunk = articles[first : first + BODIES_AT_ONCE]
        bodies = dict(in_file_order(chunk))
        for place, article in enumerate(chunk):
            body = bodies.pop(place)
            record = json.dumps(article_record(article, body=body), ensure_ascii=False)  # ends '"entities": []}'
            yield f"{record[:-3]}{store.entities_json(article, body)}}}\n"


def summary_record(article: Article) -> dict[str, object]:
    """The fields `list --json` gives: everything but the body."""
    record = article_record(article, body="")  # not read from the body file only to be left out
    del record["body"], record["entities"]
    return record


def as_text(article: Article) -> str:
    return f"{article.title}\n{metadata_line(article)}\n\n{article.body}\n"


def as_markdown(article: Article, blocks: Iterable[Block]) -> str:
    parts = [f"# {article.title}", f"*{metadata_line(article)}*"]
    if article.url:
        parts.append(f"<{article.url}>")
    for block in blocks:
        text = article.body[block.start : block.end]
        parts.append(f"## {text}" if block.kind == "heading" else text)
    return "\n\n".join(parts) + "\n"


def render(store: DocumentStore, article: Article, fmt: str) -> str:
    """The article in one of `FORMATS`."""
    if fmt == "markdown":
        return as_markdown(article, store.blocks(article))
    if fmt == "json":
        return json.dumps(article_record(article, store.entity_records(article)), ensure_ascii=False, indent=2) + "\n"
    return as_text(article)


def render_many(store: DocumentStore, articles: Sequence[Article], fmt: str) -> str:
    """Several articles for a pipe: JSON Lines for json, else each article after a blank line."""
    if fmt == "json":
        return "".join(json_lines(store, articles))
    separator = "\n---\n\n" if fmt == "markdown" else "\n"
    return separator.join(render(store, article, fmt) for article in articles)
