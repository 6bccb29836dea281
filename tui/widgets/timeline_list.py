"""The timeline's rows, as the engine lays them out (`analysis.periods`): a heading per month (or year,
season, week, quarter), then a row per sentence that mentions a date and per article published that day.

Rows are drawn as they come on screen: 100,000 articles make about half a million, and each
sentence is read from its article's body, which may be on disk.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.cells import cell_len
from rich.segment import Segment
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip

from newsreader.analysis.periods import label, timeline_rows
from newsreader.analysis.timeline import Event, Sentence
from newsreader.model import Article
from tui.widgets.rows import RowList, fit

LABEL_WIDTH = 16  # at most: "week 52 of 2020" and a space


class TimelineList(RowList):
    """The timeline's rows; Enter (or a double click) reads the article at the sentence."""

    BINDINGS = [Binding("enter", "open", "Read", tooltip="Read the article at this sentence")]
    COMPONENT_CLASSES = RowList.COMPONENT_CLASSES | {
        "timeline-list--heading",
        "timeline-list--value",
        "timeline-list--note",
    }
    DEFAULT_CSS = """
    TimelineList > .timeline-list--heading { color: $text-secondary; text-style: bold; }
    TimelineList > .timeline-list--value { text-style: bold; }
    TimelineList > .timeline-list--note { color: $text-muted; text-style: italic; }
    """
    EMPTY = "Nothing to show: no article mentions a date."

    class Highlighted(Message):
        """The cursor moved to another sentence (or publication)."""

        def __init__(self, event: Event, sentence: Sentence) -> None:
            super().__init__()
            self.event = event
            self.sentence = sentence

    class Opened(Highlighted):
        """The user asked to read the article at this sentence."""

    def __init__(self, events: Sequence[Event], article: Callable[[str], Article], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.events = events
        self.article = article
        self.rows = timeline_rows(events)
        self.labels = [label(event) for event in events]
        self.label_width = min(LABEL_WIDTH, max(map(cell_len, self.labels), default=0) + 2)

    @property
    def current(self) -> tuple[Event, Sentence] | None:
        """The event and the mention under the cursor."""
        return self._at(self.cursor) if 0 <= self.cursor < len(self.rows) and self.selectable(self.cursor) else None

    def _at(self, index: int) -> tuple[Event, Sentence]:
        event_number, mention_number = self.rows[index]
        event = self.events[event_number]
        return event, event.mentions[mention_number]

    def row_count(self) -> int:
        return len(self.rows)

    def selectable(self, index: int) -> bool:
        return not isinstance(self.rows[index], str)

    def cursor_moved(self) -> None:
        if current := self.current:
            self.post_message(self.Highlighted(*current))

    def action_open(self) -> None:
        if current := self.current:
            self.post_message(self.Opened(*current))

    def render_row(self, index: int, width: int, cursor: bool) -> Strip:
        styles = self.styles_of
        base = styles["row-list--cursor"] if cursor else styles["base"]
        if not self.selectable(index):
            return Strip([Segment(fit(self.rows[index], width), base + styles["timeline-list--heading"])], width)
        event, mention = self._at(index)
        first = mention is event.mentions[0]  # the event's first row gives its date, and how many articles
        article = self.article(mention.article_id)
        value = self.labels[self.rows[index][0]] if first else ""
        if event.kind == "published":
            note, text, after = "published  ", article.title, ""
        else:
            count = len(event.article_ids) if first else 1
            note, text, after = "", mention.text_in(article.body), f"  · {count} articles" if count > 1 else ""
        room = width - self.label_width - len(note) - len(after)
        segments = [
            Segment(fit(value, self.label_width - 1) + " ", base + styles["timeline-list--value"]),
            Segment(note, base + styles["timeline-list--note"]),
            Segment(text if cell_len(text) <= room else fit(text, room), base),
            Segment(after, base + styles["timeline-list--note"]),
        ]
        return Strip(segments).extend_cell_length(width, base).crop(0, width)
