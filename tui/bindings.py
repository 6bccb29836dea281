"""The reader's keys, on the app so that the footer lists them in this order; the help screen's table of them."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from newsreader import exit_codes
from tui.screens.help import Section
from tui.widgets.article_list import ArticleList
from tui.widgets.reader import ArticleView
from tui.widgets.rows import RowList

APP_BINDINGS = [
    Binding("q", "quit", "Quit", tooltip=f"Quit without printing (exit code {exit_codes.NOTHING})"),
    Binding(
        "ctrl+q",
        "quit",
        "Quit",
        show=False,
        priority=True,
        tooltip=f"Quit without printing (exit code {exit_codes.NOTHING})",
    ),
    Binding(
        "ctrl+c",
        "interrupt",
        "Interrupt",
        show=False,
        priority=True,
        tooltip=f"Quit at once (exit code {exit_codes.INTERRUPTED})",
    ),
    Binding("question_mark", "help", "Keys", key_display="?", tooltip="This list of keys"),
    Binding(
        "exclamation_mark",
        "problems",
        "Problems",
        key_display="!",
        show=False,
        tooltip="Every file and line skipped while loading, with the reason",
    ),
    # The main screen's: they act on its panes.
    Binding("escape", "screen.back", "Back", show=False, tooltip="Back to the article list, then clear the filter"),
    Binding("slash", "screen.search", "Search", key_display="/", tooltip="Search as you type; Enter reads the top hit"),
    Binding("e", "screen.entities", "Entities", tooltip="Browse entities; Enter filters the list to one"),
    Binding("t", "screen.timeline", "Timeline", tooltip="Dates the listed articles mention, in order; Enter reads one"),
    Binding(
        "f", "screen.feeds", "Feeds", show=False, tooltip="Feeds with their unread articles; Enter lists one feed's"
    ),
    Binding("R", "fetch_feeds", "Fetch feeds", show=False, tooltip="Fetch every feed; new articles join the list"),
    Binding("s", "screen.star", "Star", tooltip="Star or unstar the article"),
    Binding("u", "screen.toggle_read", "Unread", show=False, tooltip="Mark the article unread, or read again"),
    Binding("U", "screen.only('unread')", "Only unread", show=False, tooltip="List only unread articles, or all again"),
    Binding(
        "S", "screen.only('starred')", "Only starred", show=False, tooltip="List only starred articles, or all again"
    ),
    Binding("tab", "app.focus_next", "Next pane", show=False),
    Binding("shift+tab", "app.focus_previous", "Previous pane", show=False),
]
# Textual binds the command palette itself; this only names it in the help screen.
PALETTE_BINDING = Binding(App.COMMAND_PALETTE_BINDING, "command_palette", "Command palette")


def print_binding(stdout_is_terminal: bool) -> Binding:
    """`p`, whose footer label says where it prints when stdout is a file or a pipe."""
    label = "Print" if stdout_is_terminal else "Print → stdout"
    return Binding("p", "print", label, tooltip="Print the marked articles, or this one, to stdout and exit")


def help_sections(printing: Binding) -> list[Section]:
    return [
        ("Everywhere", [*APP_BINDINGS, printing, PALETTE_BINDING]),
        ("Article list", [*RowList.BINDINGS, *ArticleList.BINDINGS]),
        ("Reader", ArticleView.BINDINGS),
    ]
