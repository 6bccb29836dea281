"""A list of one-line rows with a cursor, drawn with Textual's Line API: only the rows on screen are
ever made, so 100,000 rows cost nothing. The article list and the timeline are two."""

from __future__ import annotations

from functools import cached_property
from itertools import chain

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.widgets import foreground


def fit(text: str, width: int) -> str:
    """`text` padded or cut to exactly `width` cells, with an ellipsis where it was cut."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


class RowList(ScrollView, can_focus=True):
    """Rows, a cursor that skips the rows one cannot pick (headings), and keys and clicks to move it.

    A subclass says how many rows there are (`row_count`), draws one (`render_row`), and may say
    which can be picked (`selectable`); it hears of the cursor's moves in `cursor_moved` and of
    Enter or a double click in `action_open`.
    """

    BINDINGS = [
        Binding("j,down", "cursor(1)", "Down", show=False, id="down"),
        Binding("k,up", "cursor(-1)", "Up", show=False, id="up"),
        Binding("g,home", "first", "First", show=False, id="top"),
        Binding("G,end", "last", "Last", show=False, id="bottom"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="page_up"),
    ]
    COMPONENT_CLASSES = {"row-list--cursor", "row-list--empty"}
    DEFAULT_CSS = """
    RowList { overflow-x: hidden; }
    RowList > .row-list--cursor { background: $block-cursor-blurred-background; }
    RowList:focus > .row-list--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
    }
    RowList > .row-list--empty { color: $text-muted; text-style: italic; }
    """
    EMPTY = "Nothing to show."  # said on the first line when there are no rows

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)  # watch_cursor redraws its two rows
    moved_by_user = False  # a key or a click moved the cursor: it follows its row when the rows change

    def row_count(self) -> int:
        raise NotImplementedError

    def render_row(self, index: int, width: int, cursor: bool) -> Strip:
        raise NotImplementedError

    def selectable(self, index: int) -> bool:
        return True

    def cursor_moved(self) -> None:
        """The cursor is on another row (or the rows changed under it)."""

    def action_open(self) -> None:
        """Enter, or a double click, on the cursor's row."""

    # --- Drawing -------------------------------------------------------------------------------

    def rows_changed(self) -> None:
        """Say so after the rows change: the scrollbar, and what is drawn, follow."""
        self.virtual_size = Size(self.size.width, self.row_count())
        self.refresh()

    def on_mount(self) -> None:
        self.rows_changed()
        self.cursor = self.cursor  # onto a row that can be picked, and said

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, self.row_count())
        self._scroll_to_cursor()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = self.scroll_offset.y + y
        if not self.row_count():
            return Strip([Segment(fit(self.EMPTY if y == 0 else "", width), self.styles_of["row-list--empty"])], width)
        if index >= self.row_count():
            return Strip.blank(width, self.styles_of["base"])
        return self.render_row(index, width, cursor=index == self.cursor)

    @cached_property
    def styles_of(self) -> dict[str, Style]:
        """The list's style ("base"), the cursor's, and each other component's colour and text style
        over the list's background: worked out once, and again when the CSS changes (focus, theme)."""
        styles = {"base": self.rich_style, "row-list--cursor": self.get_component_rich_style("row-list--cursor")}
        for name in self.COMPONENT_CLASSES - styles.keys():
            styles[name] = foreground(self.get_component_rich_style(name))
        return styles

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.__dict__.pop("styles_of", None)

    # --- Moving --------------------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        """Onto the nearest row that can be picked, looking the way the cursor moved first."""
        count = self.row_count()
        value = max(0, min(value, count - 1))
        down, up = range(value, count), range(value, -1, -1)
        ways = chain(down, up) if value >= self.cursor else chain(up, down)
        return next((index for index in ways if self.selectable(index)), value)

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old - self.scroll_offset.y)
        self.refresh_line(new - self.scroll_offset.y)
        self._scroll_to_cursor()
        if 0 <= new < self.row_count():
            self.cursor_moved()

    def _scroll_to_cursor(self) -> None:
        self.scroll_to_region(Region(0, self.cursor, 1, 1), animate=False, immediate=True)

    def refresh_current(self) -> None:
        """Redraw the cursor's row (after what it shows changed)."""
        self.refresh_line(self.cursor - self.scroll_offset.y)

    def move_to(self, index: int) -> None:
        """Move the cursor where the user asked: from now on it follows its row when the rows change."""
        self.moved_by_user = True
        self.cursor = index

    def action_cursor(self, delta: int) -> None:
        self.move_to(self.cursor + delta)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(self.row_count() - 1)

    def action_page(self, direction: int) -> None:
        self.move_to(self.cursor + direction * max(1, self.scrollable_content_region.height - 1))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self.row_count():
            return
        self.move_to(self.scroll_offset.y + offset.y)
        if event.chain == 2:
            self.action_open()
