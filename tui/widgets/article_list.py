"""The list pane: one row per article, drawn with Textual's Line API so 100,000 rows cost nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..model import Article
from . import foreground

UNREAD = Style(bold=True)  # unread titles stand out, as in mail readers
DATE_WIDTH = 10
SOURCE_WIDTH = 14
# Below these widths the list drops its source, then its date column, to keep titles readable.
SOURCE_MIN_WIDTH = 56
DATE_MIN_WIDTH = 36


def fit(text: str, width: int) -> str:
    """`text` padded or cut to exactly `width` cells, with an ellipsis where it was cut."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


class ArticleList(ScrollView, can_focus=True):
    """Rows of date, source and title; a cursor; marks for printing several articles."""

    BINDINGS = [
        Binding("j,down", "cursor(1)", "Down", show=False),
        Binding("k,up", "cursor(-1)", "Up", show=False),
        Binding("g,home", "first", "First", show=False),
        Binding("G,end", "last", "Last", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("enter", "open", "Open", tooltip="Read the article in the reader pane"),
        Binding("space", "toggle_mark", "Mark", tooltip="Mark or unmark for printing, and move down"),
    ]
    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--date",
        "article-list--source",
        "article-list--mark",
        "article-list--empty",
        "article-list--match",
    }
    DEFAULT_CSS = """
    ArticleList { overflow-x: hidden; }
    ArticleList > .article-list--cursor { background: $block-cursor-blurred-background; }
    ArticleList:focus > .article-list--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
    }
    ArticleList > .article-list--date { color: $text-muted; }
    ArticleList > .article-list--source { color: $text-secondary; }
    ArticleList > .article-list--mark { color: $text-accent; text-style: bold; }
    ArticleList > .article-list--empty { color: $text-muted; text-style: italic; }
    ArticleList > .article-list--match { color: $text-warning; text-style: bold underline; }
    """

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)  # watch_cursor redraws its two rows

    class Highlighted(Message):
        """The cursor moved to another article."""

        def __init__(self, article: Article) -> None:
            super().__init__()
            self.article = article

    class Opened(Message):
        """The user asked to read an article (Enter, or a double click)."""

        def __init__(self, article: Article) -> None:
            super().__init__()
            self.article = article

    def __init__(
        self,
        articles: Sequence[Article] = (),
        *,
        is_read: Callable[[Article], bool] = lambda article: False,
        is_starred: Callable[[Article], bool] = lambda article: False,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.articles: Sequence[Article] = articles
        self.is_read = is_read
        self.is_starred = is_starred
        self.marked: set[str] = set()
        self.title_matches: dict[str, Sequence[tuple[int, int]]] = {}

    # --- What it shows -------------------------------------------------------------------------

    def show(self, articles: Sequence[Article], title_matches: dict[str, Sequence[tuple[int, int]]] | None = None) -> None:
        """Show these articles, keeping the cursor on the same article where it is still there.

        `title_matches` gives, by article id, the spans of its title that matched a search.
        """
        current = self.current
        self.articles = articles
        self.title_matches = title_matches or {}
        self.virtual_size = Size(self.size.width, len(articles))
        index = next((i for i, a in enumerate(articles) if current and a.id == current.id), 0)
        self.cursor = index
        self.refresh()

    @property
    def current(self) -> Article | None:
        return self.articles[self.cursor] if 0 <= self.cursor < len(self.articles) else None

    def marked_articles(self) -> list[Article]:
        """The marked articles, in list order."""
        return [article for article in self.articles if article.id in self.marked]

    def on_mount(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.articles))
        if self.current:
            self.post_message(self.Highlighted(self.current))

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.articles))
        self._scroll_to_cursor()

    # --- Drawing -------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = self.scroll_offset.y + y
        if not self.articles:
            text = "No articles. Give newsreader files or folders of articles." if y == 0 else ""
            return Strip([Segment(fit(text, width), self._styles["article-list--empty"])], width)
        if index >= len(self.articles):
            return Strip.blank(width, self._styles["base"])
        return self._row(self.articles[index], width, cursor=index == self.cursor)

    @cached_property
    def _styles(self) -> dict[str, Style]:
        """The list's style, the cursor's, and each component's colour and text style over the list's
        background: worked out once, and again when the list's CSS changes (focus, theme)."""
        styles = {"base": self.rich_style, "cursor": self.get_component_rich_style("article-list--cursor")}
        return styles | {name: foreground(self.get_component_rich_style(name)) for name in self.COMPONENT_CLASSES}

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.__dict__.pop("_styles", None)

    def _row(self, article: Article, width: int, cursor: bool) -> Strip:
        styles = self._styles
        if cursor:
            # The cursor row is one bar in the cursor's colours, as in Textual's own tables.
            base = date_style = source_style = styles["cursor"]
        else:
            base = styles["base"]
            date_style = base + styles["article-list--date"]
            source_style = base + styles["article-list--source"]
        marked = article.id in self.marked
        star = "★" if self.is_starred(article) else " "
        segments = [Segment(("●" if marked else " ") + star + " ", base + styles["article-list--mark"])]
        used = 3
        if not self.is_read(article):
            base += UNREAD
        if width >= DATE_MIN_WIDTH:
            segments.append(Segment(fit(article.date or "undated", DATE_WIDTH) + "  ", date_style))
            used += DATE_WIDTH + 2
        if width >= SOURCE_MIN_WIDTH:
            segments.append(Segment(fit(article.source or "", SOURCE_WIDTH) + "  ", source_style))
            used += SOURCE_WIDTH + 2
        title = fit(article.title, width - used)
        segments.extend(self._title_segments(title, self.title_matches.get(article.id, ()), base))
        return Strip(segments, width).crop(0, width)

    def _title_segments(self, title: str, matches: Sequence[tuple[int, int]], base: Style) -> list[Segment]:
        """The title with the words that matched the search in the match style."""
        if not matches:
            return [Segment(title, base)]
        match_style = base + self._styles["article-list--match"]
        segments, position = [], 0
        for start, end in matches:
            if start >= len(title) or start < position:
                continue
            segments += [Segment(title[position:start], base), Segment(title[start:end], match_style)]
            position = end
        segments.append(Segment(title[position:], base))
        return segments

    # --- Moving --------------------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.articles) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old - self.scroll_offset.y)
        self.refresh_line(new - self.scroll_offset.y)
        self._scroll_to_cursor()
        if self.current:
            self.post_message(self.Highlighted(self.current))

    def _scroll_to_cursor(self) -> None:
        self.scroll_to_region(Region(0, self.cursor, 1, 1), animate=False, immediate=True)

    def action_cursor(self, delta: int) -> None:
        self.cursor += delta

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.articles) - 1

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.scrollable_content_region.height - 1)

    def action_open(self) -> None:
        if self.current:
            self.post_message(self.Opened(self.current))

    def action_toggle_mark(self) -> None:
        """Mark or unmark the article under the cursor, then move down, as in mutt and newsboat."""
        if article := self.current:
            self.marked.symmetric_difference_update({article.id})
            self.border_subtitle = f"{len(self.marked)} marked" if self.marked else ""
            self.refresh_line(self.cursor - self.scroll_offset.y)
            self.cursor += 1

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self.articles:
            return
        self.cursor = self.scroll_offset.y + offset.y
        if event.chain == 2:
            self.action_open()

    def refresh_current(self) -> None:
        """Redraw the cursor's row (after its marks change)."""
        self.refresh_line(self.cursor - self.scroll_offset.y)
