"""The `f` screen: the subscribed feeds with their unread articles; Enter lists only one feed's."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from newsreader.browse import FeedKey
from newsreader.feeds.library import Feed

EVERY_FEED = "every-feed"  # the first row's id: no feed filter


class FeedPicker(ModalScreen[FeedKey | None]):
    """Pick a feed (or every feed); the list of articles is then filtered to it."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Close")]
    DEFAULT_CSS = """
    FeedPicker { align: center middle; }
    FeedPicker > Vertical {
        width: 90; max-width: 100%; height: 80%; min-height: 8;
        border: round $primary; background: $surface;
    }
    FeedPicker OptionList { border: none; height: 1fr; }
    """

    def __init__(self, counts: list[tuple[Feed, int, int]]) -> None:
        super().__init__()
        self.feeds = {feed.url: feed for feed, _, _ in counts}
        self.counts = counts

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Feeds"
            box.border_subtitle = "unread / articles · Enter lists one feed's · Esc closes"
            yield OptionList(Option(Text("All feeds", style="bold"), id=EVERY_FEED), *map(self._option, self.counts))

    def _option(self, counted: tuple[Feed, int, int]) -> Option:
        feed, unread, total = counted
        label = Text.assemble((f"{unread:>5} / {total:<5} ", "bold" if unread else "dim"), Text(feed.label))
        if feed.error:
            label.append(f"  ({feed.error})", style="red")
        return Option(label, id=feed.url)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        feed = self.feeds.get(event.option.id or "")
        self.dismiss((feed.url, feed.label) if feed else None)
