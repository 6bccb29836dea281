"""Web pages saved from a browser: main text, title, date, author and site by trafilatura."""

from __future__ import annotations

import json
from collections.abc import Iterator

from newsreader.model import LoadProblem, Record


def load_page(path: str, text: str) -> Iterator[Record | LoadProblem]:
    import trafilatura  # imported only when a page is loaded: it is large

    # Extraction works on the given HTML only; trafilatura fetches nothing here.
    document = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    found = document.as_dict() if document is not None else {}
    if not (found.get("text") or "").strip():
        yield LoadProblem(path, "no article text found in this web page")
        return
    fields = {
        "title": found.get("title"),
        "date": found.get("date"),
        "authors": [a.strip() for a in (found.get("author") or "").split(";") if a.strip()],
        "source": found.get("sitename") or found.get("hostname"),
        "url": found.get("url"),
    }
    fields = {key: value for key, value in fields.items() if value}
    raw = json.dumps({"title": found.get("title"), "text": found["text"]}, ensure_ascii=False)
    yield Record(source_path=path, text=found["text"], raw=raw, fields=fields)
