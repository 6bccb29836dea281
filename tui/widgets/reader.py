"""The reader pane: an article's title, metadata line and body, with spans styled as the store says.

Drawn with Textual's Line API, as the list is: a new article is wrapped once and only the lines on
screen are rendered, so moving through the list costs a few milliseconds whatever the article's length.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from newsreader.browse import Shown
from newsreader.model import MAIN_TYPES, Article
from newsreader.render import metadata_line
from tui.widgets import foreground

if TYPE_CHECKING:  # the timeline's date rules are not needed to draw an article
    from newsreader.analysis.timeline import Sentence


class ArticleView(ScrollView, can_focus=True):
    """Shows one article; scrolls with the keys of `less` and vim."""

    BINDINGS = [
        Binding("j,down", "scroll_down", "Down", show=False, id="down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="bottom"),
        Binding("space", "page_down", "Page down", id="page_down"),
        Binding("pagedown", "page_down", "Page down", show=False, id="page_down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="page_up"),
        Binding(
            "left_square_bracket",
            "screen.step(-1)",
            "Previous",
            key_display="[",
            id="previous_article",
            tooltip="Previous article in the list",
        ),
        Binding(
            "right_square_bracket",
            "screen.step(1)",
            "Next",
            key_display="]",
            id="next_article",
            tooltip="Next article in the list",
        ),
    ]
    COMPONENT_CLASSES = {
        "reader--title",
        "reader--meta",
        "reader--heading",
        "reader--placeholder",
        "reader--person",
        "reader--org",
        "reader--place",
        "reader--date",
        "reader--other",
        "reader--sentence",
        "reader--match",
    }
    DEFAULT_CSS = """
    ArticleView { overflow-x: hidden; }
    ArticleView > .reader--title { text-style: bold; color: $text-primary; }
    ArticleView > .reader--meta { color: $text-muted; }
    ArticleView > .reader--heading { text-style: bold; color: $text-secondary; }
    ArticleView > .reader--placeholder { color: $text-muted; text-style: italic; }
    ArticleView > .reader--person { color: $text-accent; text-style: bold; }
    ArticleView > .reader--org { color: $text-success; text-style: bold; }
    ArticleView > .reader--place { color: $text-primary; text-style: bold; }
    ArticleView > .reader--date { color: $text-warning; }
    ArticleView > .reader--other { text-style: italic; }
    ArticleView > .reader--sentence { text-style: underline; }
    ArticleView > .reader--match { text-style: reverse bold; }
    """

    def __init__(self, shown_of: Callable[[Article, Sentence | None], Shown], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.shown_of = shown_of  # an article as the engine says to show it
        self.article: Article | None = None
        self._following: Article | None = None
        self.text = Text()  # what is shown, before it is wrapped to the pane
        self._lines: list[Text] = []  # the text wrapped to the pane's width
        self._strips: dict[int, Strip] = {}  # lines rendered so far, by number
        self._shown: Shown | None = None
        self._body_start = 0  # where the body starts in `text`, after the title and metadata
        self.match: int | None = None  # the search's match last gone to (`n`, `N`), by its index in `matches`

    def on_mount(self) -> None:
        if self.article is None:
            self._set_text(Text("No article to show.", self.get_component_rich_style("reader--placeholder")))

    def on_resize(self, event: events.Resize) -> None:
        self._wrap()

    def _set_text(self, text: Text) -> None:
        self.text = text
        self._wrap()

    def _wrap_width(self) -> int:
        """The pane's width less the scrollbar's, there or not: a long article that brings it in still fits."""
        return max(1, self.content_region.width - self.styles.scrollbar_size_vertical)

    def _wrap(self) -> None:
        width = self._wrap_width()
        self._lines = list(self.text.wrap(self.app.console, width))
        self._strips.clear()
        # A new virtual size would have Textual lay out the whole screen again (10 ms, at every key
        # that shows another article). Only the scrollbar needs it, and only if it comes or goes,
        # which _scroll_update sees to.
        size = Size(width, len(self._lines))
        self.set_reactive(ArticleView.virtual_size, size)
        self._scroll_update(size)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        number = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if number >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        if (strip := self._strips.get(number)) is None:
            line = Strip(list(self._lines[number].render(self.app.console)))
            strip = self._strips[number] = line.extend_cell_length(width).crop(0, width).apply_style(self.rich_style)
        return strip

    def entity_style(self, kind: str) -> Style:
        """The style of an entity type: the main four have colours, the others italics."""
        name = f"reader--{kind}" if kind in (*MAIN_TYPES, "sentence", "match") else "reader--other"
        return foreground(self.get_component_rich_style(name))

    def legend(self) -> Text:
        """ "person org place date", each in its colour."""
        return Text(" ").join(Text(kind, self.entity_style(kind)) for kind in MAIN_TYPES)

    def follow(self, article: Article) -> None:
        """Show the list's article once the list's frame is drawn: the list answers a key at once, and the
        reader shows the last of several quick moves only (as fzf's preview does)."""
        if article == self.article and self._following is None:
            return  # shown already (the list moved to the article the reader was asked to read)
        if self._following is None:
            self.call_after_refresh(self._show_followed)
        self._following = article

    def _show_followed(self) -> None:
        article, self._following = self._following, None
        if article:
            self.show_article(article)

    def show_article(self, article: Article, sentence: Sentence | None = None, keep_scroll: bool = False) -> None:
        """Show an article; at a `sentence` (from the timeline), scrolled to it and underlined."""
        self.show(self.shown_of(article, sentence), keep_scroll=keep_scroll)

    def restyle(self) -> None:
        """Show the article again, where it was, with what there is to highlight now."""
        if self.article:
            self.show_article(self.article, keep_scroll=True)

    def show(self, shown: Shown, keep_scroll: bool = False) -> None:
        """Show an article: at `shown.at`, else at the top, or where it was (`keep_scroll`)."""
        if shown.at is None and self._shown == shown:
            return  # the same article, styled the same: nothing to lay out again
        self._shown = shown
        style = self.get_component_rich_style
        text = Text()
        text.append(shown.article.title, style("reader--title"))
        text.append("\n")
        text.append(metadata_line(shown.article), style("reader--meta"))
        if shown.highlights or shown.heading:
            text.append("  ")
            text.append_text(self.legend())
        for span_start, span_end, kind in shown.heading:
            text.stylize(self.entity_style(kind), span_start, span_end)
        if shown.article.url:
            text.append("\n")
            text.append(shown.article.url, style("reader--meta"))
        text.append("\n\n")
        start = self._body_start = len(text)
        text.append(shown.body)
        for block in shown.blocks:
            if block.kind == "heading":
                text.stylize(style("reader--heading"), start + block.start, start + block.end)
        for span_start, span_end, kind in shown.highlights:
            text.stylize(self.entity_style(kind), start + span_start, start + span_end)
        if shown.hidden:
            text.append(
                f"\n\n[{shown.hidden:,} more characters are not shown here: p prints the whole article]",
                style("reader--placeholder"),
            )
        if shown.article != self.article:
            self.match, self.border_subtitle = None, ""
        self.article = shown.article
        self._set_text(text)
        if shown.at is not None:
            self.call_after_refresh(self._scroll_to_line, self._line_of(text, start + shown.at))
        elif not keep_scroll:
            self.scroll_home(animate=False)

    def to_match(self, delta: int) -> bool:
        """Scroll to the next (1) or previous (-1) match of the search; False when there is none that way."""
        matches = self._shown.matches if self._shown else []
        index = (0 if delta > 0 else len(matches) - 1) if self.match is None else self.match + delta
        if not 0 <= index < len(matches):
            return False
        self.match = index
        self.border_subtitle = f"match {index + 1} of {len(matches)}"
        self.call_after_refresh(self._scroll_to_line, self._line_of(self.text, self._body_start + matches[index]))
        return True

    def _line_of(self, text: Text, offset: int) -> int:
        """The screen line on which `offset` falls once the text is wrapped to the pane."""
        return len(text[:offset].wrap(self.app.console, self._wrap_width())) - 1

    def _scroll_to_line(self, line: int) -> None:
        self.scroll_to(y=max(0, line - 2), animate=False)
