"""The `?` screen: every key of every pane, read from the bindings themselves so it is never stale."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import Console, ConsoleOptions, RenderResult
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from newsreader import exit_codes

Section = tuple[str, Sequence[BindingType]]


def exit_notes(printing: str, quitting: str) -> str:
    """What the keys that leave the reader print and exit with, named as the user's keymap has them."""
    return (
        f"{printing} prints to stdout and exits {exit_codes.OK} (newsreader > article.txt, newsreader | less); "
        f"{quitting} exits {exit_codes.NOTHING} with nothing printed; ctrl+c exits {exit_codes.INTERRUPTED}."
    )


class HelpScreen(ModalScreen[None]):
    """A table of keys by pane."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close help")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    """

    def __init__(self, sections: Sequence[Section]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "Keys"
            scroll.border_subtitle = "Esc closes"
            yield Static(self._table())
            yield Static(Text(exit_notes(self._first_key("print"), self._first_key("quit")), style="italic"))

    def _keys(self, bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
        """(keys, description) rows, one per action, keys that share an action joined."""
        rows: dict[tuple[str, str], list[str]] = {}
        for binding in Binding.make_bindings(bindings):
            description = binding.tooltip or binding.description
            rows.setdefault((binding.action, description), []).append(self.app.get_key_display(binding))
        return [(" / ".join(dict.fromkeys(keys)), description) for (_, description), keys in rows.items()]

    def _first_key(self, action: str) -> str:
        """The first key the sections give an action."""
        bindings = (binding for _, section in self.sections for binding in Binding.make_bindings(section))
        return next(self.app.get_key_display(binding) for binding in bindings if binding.action == action)

    def _table(self) -> KeyTable:
        return KeyTable([(title, self._keys(bindings)) for title, bindings in self.sections])


class KeyTable:
    """The keys and what they do, by pane, as a table made for the width it is drawn at: on a narrow terminal
    each key's description goes under it (at 30 columns, beside the keys, it had 5 columns: "Quit wit…")."""

    ROOM = 48  # columns from which the descriptions stand beside the keys

    def __init__(self, sections: Sequence[tuple[str, list[tuple[str, str]]]]) -> None:
        self.sections = sections

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        beside = options.max_width >= self.ROOM
        table = Table(box=None, show_header=False, expand=True, padding=(0, 1))
        table.add_column(style="bold", no_wrap=beside, min_width=16 if beside else None)
        if beside:
            table.add_column(ratio=1)
        for title, rows in self.sections:
            table.add_row(Text(title, style="bold underline"))
            for keys, description in rows:
                if beside:
                    table.add_row(keys, description)
                else:
                    table.add_row(keys)
                    table.add_row(Padding(description, (0, 0, 0, 2), style="not bold"))
            table.add_row()
        yield table
