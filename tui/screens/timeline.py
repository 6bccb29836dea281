"""The `t` screen: one timeline across the listed articles, by year and month, with a bar of articles per month."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Sparkline, Static
from textual.widgets.option_list import Option

from ..analysis.timeline import Event, Sentence
from ..model import Article

SNIPPET = 160


def monthly_counts(events: Sequence[Event]) -> tuple[list[float], str]:
    """Articles per month over the months the dated events span, and a caption saying so."""
    per_month: dict[tuple[int, int], set[str]] = {}
    for event in events:
        if event.start and len(event.value) >= 7 and "W" not in event.value:
            per_month.setdefault((event.start.year, event.start.month), set()).update(event.article_ids)
    if not per_month:
        return [0.0], "No dated events."
    months = months_between(date(*min(per_month), 1), date(*max(per_month), 1))
    counts = [float(len(per_month.get(m, ()))) for m in months]
    (first_year, first_month), (last_year, last_month) = months[0], months[-1]
    caption = (
        f"Articles per month, {first_year}-{first_month:02d} to {last_year}-{last_month:02d} "
        f"(at most {int(max(counts))} in a month) · {len(events):,} events"
    )
    return counts, caption


def months_between(first: date, last: date) -> list[tuple[int, int]]:
    months, (year, month) = [], (first.year, first.month)
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


class TimelineScreen(Screen[Sentence | None]):
    """Events and publications in date order; Enter reads the article at the sentence (dismissed with it)."""

    BINDINGS = [
        Binding("escape,t", "dismiss(None)", "Back"),
        Binding("j", "move('down')", "Down", show=False),
        Binding("k", "move('up')", "Up", show=False),
        Binding("g", "move('first')", "First", show=False),
        Binding("G", "move('last')", "Last", show=False),
    ]
    DEFAULT_CSS = """
    TimelineScreen #timeline-caption { color: $text-muted; padding: 0 1; height: 1; }
    TimelineScreen Sparkline { height: 3; margin: 0 1; }
    TimelineScreen OptionList { height: 1fr; border: round $panel-lighten-2; }
    TimelineScreen OptionList:focus { border: round $accent; }
    """

    def __init__(self, events: Sequence[Event], article: Callable[[str], Article], title: str) -> None:
        super().__init__()
        self.events = events
        self.article = article
        self.title_text = title
        self.jumps: dict[str, Sentence] = {}  # option id → where the reader goes
        self.options = self._options()  # here, not in compose: the app makes the screen in a worker

    def compose(self) -> ComposeResult:
        yield Header()
        counts, caption = monthly_counts(self.events)
        yield Static(caption, id="timeline-caption")
        yield Sparkline(counts, summary_function=max)
        yield OptionList(*self.options, id="timeline-events")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.title_text
        self.query_one(OptionList).focus()

    def _options(self) -> list[Option | None]:
        options: list[Option | None] = []
        heading = None
        for number, event in enumerate(self.events):
            group = self._heading(event)
            if group != heading:
                heading = group
                options.append(Option(Text(group, style="bold"), disabled=True))
            options.extend(self._event_options(number, event))
        if not options:
            options.append(Option(Text("Nothing to show: no article mentions a date.", style="italic"), disabled=True))
        return options

    @staticmethod
    def _heading(event: Event) -> str:
        """"2020 · January"; a year, season, week or quarter heads its own group."""
        if event.start is None:
            return "Year unknown"
        year = event.start.year
        part = event.value[5:]
        if not part:
            return str(year) if len(event.value) == 4 else f"{year}s"
        if part[:2].isdigit():
            return event.start.strftime("%Y · %B")
        names = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
        return f"{year} · {names.get(part, 'week ' + part[1:3] if part.startswith('W') else part)}"

    def _event_options(self, number: int, event: Event) -> list[Option]:
        options = []
        for index, mention in enumerate(event.mentions):
            article = self.article(mention.article_id)
            if event.kind == "published":
                label = Text.assemble((f"{event.value:<12}", "bold"), ("published  ", "italic"), article.title)
            else:
                sentence = " ".join(article.body[mention.start : mention.end].split())
                if len(sentence) > SNIPPET:
                    sentence = sentence[: SNIPPET - 1] + "…"
                count = len(event.article_ids)
                lead = f"{event.value:<12}" if index == 0 else " " * 12
                more = f"  · {count} articles" if index == 0 and count > 1 else ""
                label = Text.assemble((lead, "bold"), sentence, (more, "italic"), ("\n" + " " * 12 + article.title, "dim"))
            option_id = f"{number}:{index}"
            self.jumps[option_id] = mention
            options.append(Option(label, id=option_id))
        return options

    def action_move(self, where: str) -> None:
        options = self.query_one(OptionList)
        {"down": options.action_cursor_down, "up": options.action_cursor_up,
         "first": options.action_first, "last": options.action_last}[where]()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._open(event.option.id)

    def _open(self, option_id: str | None) -> None:
        if option_id in self.jumps:
            self.dismiss(self.jumps[option_id])
