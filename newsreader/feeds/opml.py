"""OPML, the list of subscriptions every feed reader reads and writes: feeds with titles, in folders.

Read with the standard library's expat parser and no entity expansion: a document that declares
entities (a "billion laughs" bomb, an external entity) is refused, not expanded.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable
from typing import NamedTuple, NoReturn
from xml.parsers import expat


class Outline(NamedTuple):
    """One subscription: its feed address, title, site address and folder path (outermost first)."""

    url: str
    title: str | None = None
    site_url: str | None = None
    folder: tuple[str, ...] = ()


class OpmlError(ValueError):
    """The document is not OPML that can be read safely."""


def read_opml(data: bytes) -> list[Outline]:
    """Every feed outline in the document, in document order; outlines without a feed address are folders."""
    found: list[Outline] = []
    folders: list[str | None] = []  # one per open outline: its name when it is a folder
    seen_opml = False

    def start(tag: str, attributes: dict[str, str]) -> None:
        nonlocal seen_opml
        seen_opml = seen_opml or tag == "opml"
        if tag != "outline":
            return
        title = (attributes.get("title") or attributes.get("text") or "").strip() or None
        if url := (attributes.get("xmlUrl") or attributes.get("xmlurl") or "").strip():
            title = None if title == url else title  # `text` is required: an untitled feed's is its address
            path = tuple(name for name in folders if name)
            found.append(Outline(url, title, (attributes.get("htmlUrl") or "").strip() or None, path))
        folders.append(None if url else (title or ""))

    def end(tag: str) -> None:
        if tag == "outline":
            folders.pop()

    def refuse_entities(*_args: object) -> NoReturn:
        raise OpmlError("the document declares entities, which are not expanded")

    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.EntityDeclHandler = refuse_entities
    parser.ExternalEntityRefHandler = refuse_entities
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise OpmlError(f"not well-formed XML ({expat.errors.messages[error.code]}, line {error.lineno})") from None
    if not seen_opml:
        raise OpmlError("not an OPML document (no <opml> element)")
    return found


def write_opml(outlines: Iterable[Outline], title: str = "newsreader subscriptions") -> str:
    """An OPML 2.0 document of these feeds, folders nested as their paths say, in the order given."""
    root = ElementTree.Element("opml", version="2.0")
    ElementTree.SubElement(ElementTree.SubElement(root, "head"), "title").text = title
    body = ElementTree.SubElement(root, "body")
    folders: dict[tuple[str, ...], ElementTree.Element] = {(): body}
    for outline in outlines:
        for depth in range(1, len(outline.folder) + 1):
            path = outline.folder[:depth]
            if path not in folders:
                folders[path] = ElementTree.SubElement(folders[path[:-1]], "outline", text=path[-1], title=path[-1])
        attributes = {"type": "rss", "text": outline.title or outline.url, "xmlUrl": outline.url}
        if outline.title:
            attributes["title"] = outline.title
        if outline.site_url:
            attributes["htmlUrl"] = outline.site_url
        ElementTree.SubElement(folders[outline.folder], "outline", attributes)
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"
