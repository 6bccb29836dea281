"""Web pages saved from a browser: main text by trafilatura; title, date, authors and site from what the
page declares of its article (see `page_metadata`), else from trafilatura's guesses."""

from __future__ import annotations

import json
from collections.abc import Iterator

from newsreader.ingest.page_metadata import page_metadata
from newsreader.model import LoadProblem, Record


def load_page(path: str, text: str) -> Iterator[Record | LoadProblem]:
    import trafilatura  # imported only when a page is loaded: it is large

    from newsreader.ingest import page_rules  # and the page rules' date patterns take 60 ms to compile

    # Extraction works on the given HTML only; trafilatura fetches nothing here.
    document = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    found = document if isinstance(document, dict) else document.as_dict() if document is not None else {}
    if not (found.get("text") or "").strip():
        yield LoadProblem(path, "no article text found in this web page")
        return
    declared = page_metadata(text)
    guessed_authors = [a.strip() for a in (found.get("author") or "").split(";")]
    fields = {
        "title": declared.title or found.get("title"),
        "date": declared.date or found.get("date"),
        "authors": list(declared.authors) or [name for name in guessed_authors if page_rules.is_author_name(name)],
        "source": declared.site or found.get("sitename") or found.get("hostname"),
        "url": declared.url or found.get("url"),
    }
    fields = {key: value for key, value in fields.items() if value}
    raw = json.dumps({"title": found.get("title"), "text": found["text"]}, ensure_ascii=False)
    yield Record(source_path=path, text=found["text"], raw=raw, fields=fields)
