"""The list pane: one row per article, drawn with Textual's Line API so 100,000 rows cost nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip

from newsreader.model import Article
from newsreader.render import date_as_written
from tui.widgets.rows import RowList, fit

UNREAD = Style(bold=True)  # unread titles stand out, as in mail readers
DATE_WIDTH = 11  # "14 Jan 2020"
SOURCE_WIDTH = 14
# Below these widths the list drops its source, then its date column, to keep titles readable.
SOURCE_MIN_WIDTH = 56
DATE_MIN_WIDTH = 36


class Columns(NamedTuple):
    """Which of the date and source columns to draw: none that no article would fill."""

    dates: bool = True
    sources: bool = True


class ArticleList(RowList):
    """Rows of date, source and title; a cursor; marks for printing several articles."""

    BINDINGS = [
        Binding("enter", "open", "Open", id="open", tooltip="Read the article in the reader pane"),
        Binding("space", "toggle_mark", "Mark", id="mark", tooltip="Mark or unmark for printing, and move down"),
    ]
    COMPONENT_CLASSES = RowList.COMPONENT_CLASSES | {
        "article-list--date",
        "article-list--source",
        "article-list--mark",
        "article-list--match",
    }
    DEFAULT_CSS = """
    ArticleList > .article-list--date { color: $text-muted; }
    ArticleList > .article-list--source { color: $text-secondary; }
    ArticleList > .article-list--mark { color: $text-accent; text-style: bold; }
    ArticleList > .article-list--match { color: $text-warning; text-style: bold underline; }
    """
    EMPTY = "No articles. Give newsreader files or folders of articles."

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
        self.columns = Columns()
        self.title_matches: dict[str, Sequence[tuple[int, int]]] = {}

    # --- What it shows -------------------------------------------------------------------------

    def show(
        self, articles: Sequence[Article], title_matches: dict[str, Sequence[tuple[int, int]]] | None = None
    ) -> None:
        """Show these articles, keeping the cursor on the same article where it is still there; until a
        key or a click moves it, the cursor stays on the first row, as fzf's does while its list grows.

        `title_matches` gives, by article id, the spans of its title that matched a search.
        """
        current = self.current
        self.articles = articles
        self.title_matches = title_matches or {}
        self.rows_changed()
        try:
            self.cursor = articles.index(current) if self.moved_by_user else 0
        except ValueError:  # gone, or there was none
            self.cursor = 0

    @property
    def current(self) -> Article | None:
        return self.articles[self.cursor] if 0 <= self.cursor < len(self.articles) else None

    def marked_articles(self) -> list[Article]:
        """The marked articles, in list order."""
        return [article for article in self.articles if article.id in self.marked]

    def row_count(self) -> int:
        return len(self.articles)

    def cursor_moved(self) -> None:
        self.post_message(self.Highlighted(self.articles[self.cursor]))

    # --- Drawing -------------------------------------------------------------------------------

    def render_row(self, index: int, width: int, cursor: bool) -> Strip:
        article = self.articles[index]
        styles = self.styles_of
        if cursor:
            # The cursor row is one bar in the cursor's colours, as in Textual's own tables.
            base = date_style = source_style = styles["row-list--cursor"]
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
        if self.columns.dates and width >= DATE_MIN_WIDTH:
            segments.append(Segment(fit(date_as_written(article), DATE_WIDTH) + "  ", date_style))
            used += DATE_WIDTH + 2
        if self.columns.sources and width >= SOURCE_MIN_WIDTH:
            segments.append(Segment(fit(article.source or "", SOURCE_WIDTH) + "  ", source_style))
            used += SOURCE_WIDTH + 2
        title = fit(article.title, width - used)
        segments.extend(self._title_segments(title, self.title_matches.get(article.id, ()), base))
        return Strip(segments, width).crop(0, width)

    def _title_segments(self, title: str, matches: Sequence[tuple[int, int]], base: Style) -> list[Segment]:
        """The title with the words that matched the search in the match style."""
        if not matches:
            return [Segment(title, base)]
        match_style = base + self.styles_of["article-list--match"]
        segments, position = [], 0
        for start, end in matches:
            if start >= len(title) or start < position:
                continue
            segments += [Segment(title[position:start], base), Segment(title[start:end], match_style)]
            position = end
        segments.append(Segment(title[position:], base))
        return segments

    # --- Acting ------------------------------------------------------------------------------

    def action_open(self) -> None:
        if self.current:
            self.post_message(self.Opened(self.current))

    def action_toggle_mark(self) -> None:
        """Mark or unmark the article under the cursor, then move down, as in mutt and newsboat."""
        if article := self.current:
            self.marked.symmetric_difference_update({article.id})
            self.border_subtitle = f"{len(self.marked)} marked" if self.marked else ""
            self.refresh_current()
            self.cursor += 1
