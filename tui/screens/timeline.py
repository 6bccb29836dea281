"""The `t` screen: one timeline across the listed articles, by year and month, with a bar of articles per month
(or year); on a short terminal only the rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Sparkline, Static

from newsreader.analysis.periods import activity, label
from newsreader.analysis.timeline import Event, Sentence
from newsreader.model import Article
from newsreader.render import date_as_written
from tui.widgets.timeline_list import TimelineList

SHORT = 20  # lines: below this the chart and the preview give their room to the rows


class TimelineScreen(Screen[Sentence | None]):
    """Events and publications in date order, the sentence under the cursor in full below them;
    Enter reads the article at the sentence (the screen is dismissed with it)."""

    BINDINGS = [Binding("escape,t", "dismiss(None)", "Back")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT, "-tall")]
    DEFAULT_CSS = """
    TimelineScreen #timeline-caption { color: $text-muted; padding: 0 1; height: 1; }
    TimelineScreen Sparkline { height: 3; margin: 0 1; }
    TimelineScreen TimelineList { height: 1fr; border: round $panel-lighten-2; scrollbar-size-vertical: 1; }
    TimelineScreen TimelineList:focus { border: round $accent; }
    TimelineScreen #timeline-preview { height: 5; padding: 0 2; }
    TimelineScreen.-short Sparkline, TimelineScreen.-short #timeline-preview { display: none; }
    """

    def __init__(self, events: Sequence[Event], article: Callable[[str], Article], title: str) -> None:
        super().__init__()
        self.article = article
        self.title_text = title
        # Made here, not in compose: the app makes the screen in a worker.
        self.counts, self.caption = activity(events)
        self.timeline = TimelineList(events, article, id="timeline-events")

    @property
    def events(self) -> Sequence[Event]:
        return self.timeline.events

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self.caption, id="timeline-caption")
        yield Sparkline(self.counts, summary_function=max)
        yield self.timeline
        yield Static(id="timeline-preview")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.title_text
        self.timeline.focus()

    def on_timeline_list_highlighted(self, message: TimelineList.Highlighted) -> None:
        """The sentence in full, and the article it comes from."""
        article = self.article(message.sentence.article_id)
        about = " · ".join(part for part in (article.source, date_as_written(article) if article.date else "") if part)
        if message.event.kind == "published":
            said = f"Published {label(message.event)}."
        else:
            said = message.sentence.text_in(article.body)
        preview = Text.assemble((article.title, "bold"), (f"  {about}" if about else "", "dim"), "\n", said)
        self.query_one("#timeline-preview", Static).update(preview, layout=False)  # its height is fixed

    def on_timeline_list_opened(self, message: TimelineList.Opened) -> None:
        self.dismiss(message.sentence)
