"""Reading marks as a JSON file that moves them between machines (`newsreader marks export` / `import`).

Each entry names an article by its content key, as the reading state does, with its id and title for
the reader of the file. Importing only adds marks: what is already read or starred stays so.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsreader.model import Article
from newsreader.persist.state import ReadingState, content_key

FORMAT = "newsreader marks"
VERSION = 1
KINDS = ("read", "starred")


class MarksFileError(ValueError):
    """A file that is not a marks file this newsreader can read."""


def export_marks(articles: Iterable[Article], state: ReadingState) -> dict[str, object]:
    """The marks of these articles, ready for `json.dump`: only articles with a mark are listed."""
    entries = []
    for article in articles:
        marks = {"read": state.is_read(article), "starred": state.is_starred(article)}
        if any(marks.values()):
            entries.append({"key": content_key(article), "id": article.id, "title": article.title, **marks})
    return {"format": FORMAT, "version": VERSION, "articles": entries}


def import_marks(document: object, articles: Iterable[Article], state: ReadingState) -> tuple[int, int]:
    """Mark the articles the document names as it says; returns how many it named that are here, and
    how many are not (their files were not given)."""
    entries = _entries(document)
    here = {content_key(article): article for article in articles}
    found = 0
    for entry in entries:
        article = here.get(str(entry["key"]))  # a string: `_entries` checked
        if article is None:
            continue
        found += 1
        for kind in KINDS:
            if entry.get(kind) is True:
                state.mark(kind, article, True)
    return found, len(entries) - found


def _entries(document: object) -> list[dict[str, object]]:
    """The entries of a marks document; anything else raises MarksFileError."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise MarksFileError("not a newsreader marks file (made by 'newsreader marks export')")
    if document.get("version") != VERSION:
        raise MarksFileError(f"marks file version {document.get('version')!r}; this newsreader reads {VERSION}")
    entries = document.get("articles")
    if not isinstance(entries, list) or not all(
        isinstance(entry, dict) and isinstance(entry.get("key"), str) for entry in entries
    ):
        raise MarksFileError("its 'articles' must be a list of objects, each with a 'key'")
    return entries
