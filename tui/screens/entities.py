"""The `e` screen: every entity of the corpus, by article count, narrowed as you type."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from newsreader.browse import EntityCount, EntityKey, matching_entities

SHOWN = 300  # an OptionList stays quick at a few hundred rows; typing narrows the rest


class EntityBrowser(ModalScreen[EntityKey | None]):
    """Pick an entity; the list of articles is then filtered to those that mention it."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close"),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
    ]
    DEFAULT_CSS = """
    EntityBrowser { align: center middle; }
    EntityBrowser > Vertical {
        width: 80; max-width: 100%; height: 80%; min-height: 8;
        border: round $primary; background: $surface;
    }
    EntityBrowser Input { margin: 0 1; }
    EntityBrowser OptionList { border: none; height: 1fr; }
    EntityBrowser #entity-count { color: $text-muted; padding: 0 1; height: 1; }
    """

    def __init__(self, counts: list[EntityCount]) -> None:
        super().__init__()
        self.counts = counts

    def compose(self) -> ComposeResult:
        # The first rows made here, not when mounted: a screen pushed as the app quits ("q" then "e" typed
        # at once) is mounted without its children.
        rows = matching_entities(self.counts, "", SHOWN)
        options = OptionList(*self._options(rows), id="entity-options")
        options.highlighted = 0 if rows else None
        with Vertical() as box:
            box.border_title = "Entities"
            box.border_subtitle = "type to narrow · Enter filters the list · Esc closes"
            # Not selected as it takes the focus: a letter typed on the list adds to what it holds.
            yield Input(placeholder="Name…", id="entity-query", select_on_focus=False)
            yield options
            yield Static(_count(rows), id="entity-count")

    def on_key(self, event: events.Key) -> None:
        """A letter typed on the list goes to the name box: typing narrows wherever the focus is."""
        if event.is_printable and event.character:
            self.type_in(event.character)
            event.stop()

    def type_in(self, character: str) -> None:
        """A character added to the name box, which takes the focus."""
        query = self.query_one("#entity-query", Input)
        query.focus()
        query.insert_text_at_cursor(character)

    def on_input_changed(self, event: Input.Changed) -> None:
        rows = matching_entities(self.counts, event.value, SHOWN)
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(self._options(rows))
        if rows:
            options.highlighted = 0
        self.query_one("#entity-count", Static).update(_count(rows))

    def _options(self, rows: list[EntityCount]) -> list[Option]:
        return [self._option(name, kind, count) for name, kind, count in rows[:SHOWN]]

    def _option(self, name: str, kind: str, count: int) -> Option:
        label = Text.assemble((f"{count:>5}  ", "dim"), (f"{kind:<11} ", self.app.entity_style(kind)), Text(name))
        return Option(label, id=f"{kind}\t{name}")

    def action_move(self, delta: int) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            options.highlighted = max(0, min((options.highlighted or 0) + delta, options.option_count - 1))

    def on_input_submitted(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None and options.option_count:
            self._pick(options.get_option_at_index(options.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._pick(event.option.id)

    def _pick(self, option_id: str | None) -> None:
        if option_id:
            kind, name = option_id.split("\t", 1)
            self.dismiss((name, kind))


def _count(rows: list[EntityCount]) -> str:
    """How many entities match, and how many of them are shown."""
    shown = f"{min(len(rows), SHOWN):,} of {len(rows):,}" if len(rows) > SHOWN else f"{len(rows):,}"
    return f"{shown} entities"
