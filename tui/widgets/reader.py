"""The reader pane: an article's title, metadata line and body, with spans styled as the store says."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..formats import metadata_line
from ..model import Article, Block

# A highlight: offsets into the article's body and the name of the component class that styles it.
Highlight = tuple[int, int, str]


class ArticleView(VerticalScroll, can_focus=True):
    """Shows one article; scrolls with the keys of `less` and vim."""

    BINDINGS = [
        Binding("j,down", "scroll_down", "Down", show=False),
        Binding("k,up", "scroll_up", "Up", show=False),
        Binding("g,home", "scroll_home", "Top", show=False),
        Binding("G,end", "scroll_end", "Bottom", show=False),
        Binding("space", "page_down", "Page down"),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("b,pageup", "page_up", "Page up", show=False),
        Binding("left_square_bracket", "app.step(-1)", "Previous", key_display="[", tooltip="Previous article in the list"),
        Binding("right_square_bracket", "app.step(1)", "Next", key_display="]", tooltip="Next article in the list"),
    ]
    COMPONENT_CLASSES = {"reader--title", "reader--meta", "reader--heading", "reader--placeholder"}
    DEFAULT_CSS = """
    ArticleView > .reader--title { text-style: bold; color: $text-primary; }
    ArticleView > .reader--meta { color: $text-muted; }
    ArticleView > .reader--heading { text-style: bold; color: $text-secondary; }
    ArticleView > .reader--placeholder { color: $text-muted; text-style: italic; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None

    def compose(self):
        yield Static(id="reader-text")

    def on_mount(self) -> None:
        if self.article is None:
            placeholder = Text("No article to show.", self.get_component_rich_style("reader--placeholder"))
            self.query_one("#reader-text", Static).update(placeholder)

    def show(self, article: Article, blocks: Iterable[Block], highlights: Iterable[Highlight] = ()) -> None:
        """Show an article from the top; `highlights` style spans of its body (entities, matches)."""
        style = self.get_component_rich_style
        text = Text()
        text.append(article.title, style("reader--title"))
        text.append("\n")
        text.append(metadata_line(article), style("reader--meta"))
        text.append("\n\n")
        start = len(text)
        text.append(article.body)
        for block in blocks:
            if block.kind == "heading":
                text.stylize(style("reader--heading"), start + block.start, start + block.end)
        for span_start, span_end, name in highlights:
            text.stylize(style(name), start + span_start, start + span_end)
        self.article = article
        self.query_one("#reader-text", Static).update(text)
        self.scroll_home(animate=False)
