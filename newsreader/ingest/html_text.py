"""HTML fragments (feed summaries and content) to plain paragraphs, with the standard library's parser."""

from __future__ import annotations

from html.parser import HTMLParser

BLOCKS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote tr table section article header footer figure".split()
)
SKIPPED = frozenset(("script", "style", "noscript", "template", "iframe", "object", "svg"))


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in SKIPPED:
            self.skipping += 1
        elif tag in BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Text of an HTML fragment: paragraphs at block elements, no tags, entities decoded."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    paragraphs = (" ".join(part.split()) for part in "".join(parser.parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)
