"""The reader's keys, on the app so that the footer lists them in this order; the help screen's table of them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding

from newsreader import exit_codes
from tui.widgets.article_list import ArticleList
from tui.widgets.reader import ArticleView
from tui.widgets.rows import RowList

if TYPE_CHECKING:
    from tui.screens.help import Section

APP_BINDINGS = [
    Binding("q", "quit", "Quit", id="quit", tooltip=f"Quit without printing (exit code {exit_codes.NOTHING})"),
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
    Binding("question_mark", "help", "Keys", key_display="?", id="help", tooltip="This list of keys"),
    Binding(
        "exclamation_mark",
        "problems",
        "Problems",
        key_display="!",
        show=False,
        id="problems",
        tooltip="Every file and line skipped while loading, with the reason",
    ),
    # The main screen's: they act on its panes.
    Binding(
        "escape",
        "screen.back",
        "Back",
        show=False,
        id="back",
        tooltip="Back to the article list, then clear the filter",
    ),
    # A priority binding: run as the app reads the key, before the keys after it go to the list, so that a
    # query typed at once after the slash (a paste, a fast typist) goes to the search box, not to the list's keys.
    Binding(
        "slash",
        "screen.search",
        "Search",
        key_display="/",
        priority=True,
        id="search",
        tooltip="Search as you type; Enter reads the top hit",
    ),
    Binding(
        "e", "screen.entities", "Entities", id="entities", tooltip="Browse entities; Enter filters the list to one"
    ),
    Binding(
        "t",
        "screen.timeline",
        "Timeline",
        id="timeline",
        tooltip="Dates the listed articles mention, in order; Enter reads one",
    ),
    Binding(
        "f",
        "screen.feeds",
        "Feeds",
        show=False,
        id="feeds",
        tooltip="Feeds with their unread articles; Enter lists one feed's",
    ),
    Binding(
        "R",
        "fetch_feeds",
        "Fetch feeds",
        show=False,
        id="fetch_feeds",
        tooltip="Fetch every feed; new articles join the list",
    ),
    Binding("s", "screen.star", "Star", id="star", tooltip="Star or unstar the article"),
    Binding(
        "u",
        "screen.toggle_read",
        "Unread",
        show=False,
        id="toggle_read",
        tooltip="Mark the article unread, or read again",
    ),
    Binding(
        "U",
        "screen.only('unread')",
        "Only unread",
        show=False,
        id="only_unread",
        tooltip="List only unread articles, or all again",
    ),
    Binding(
        "S",
        "screen.only('starred')",
        "Only starred",
        show=False,
        id="only_starred",
        tooltip="List only starred articles, or all again",
    ),
    Binding(
        "o",
        "screen.open_link",
        "Open link",
        show=False,
        id="open_link",
        tooltip="Open the article's link in the browser",
    ),
    Binding(
        "O",
        "screen.open_link(True)",
        "Open link, mark read",
        show=False,
        id="open_link_and_mark_read",
        tooltip="Open the article's link in the browser and mark the article read",
    ),
    Binding("y", "screen.copy_link", "Copy link", show=False, id="copy_link", tooltip="Copy the article's link"),
    Binding("n", "screen.match(1)", "Next match", show=False, id="next_match", tooltip="Next match of the search"),
    Binding(
        "N",
        "screen.match(-1)",
        "Previous match",
        show=False,
        id="previous_match",
        tooltip="Previous match of the search",
    ),
    Binding("tab", "app.focus_next", "Next pane", show=False, id="next_pane"),
    Binding("shift+tab", "app.focus_previous", "Previous pane", show=False, id="previous_pane"),
]
# Textual binds the command palette itself; this only names it in the help screen.
PALETTE_BINDING = Binding(App.COMMAND_PALETTE_BINDING, "command_palette", "Command palette")


def print_binding(stdout_is_terminal: bool) -> Binding:
    """`p`, whose footer label says where it prints when stdout is a file or a pipe."""
    label = "Print" if stdout_is_terminal else "Print → stdout"
    return Binding(
        "p", "print", label, id="print", tooltip="Print the marked articles, or this one, to stdout and exit"
    )


def help_sections(printing: Binding, keymap: Mapping[str, str]) -> list[Section]:
    """The keys by pane, as the user's keymap has them."""
    return [
        (title, [rebound(binding, keymap) for binding in bindings])
        for title, bindings in (
            ("Everywhere", [*APP_BINDINGS, printing, PALETTE_BINDING]),
            ("Article list", [*RowList.BINDINGS, *ArticleList.BINDINGS]),
            ("Reader", ArticleView.BINDINGS),
        )
    ]


def rebound(binding: Binding, keymap: Mapping[str, str]) -> Binding:
    """The binding with the keys the keymap gives its id, as Textual's keymap rebinds it."""
    if binding.id not in keymap:
        return binding
    return replace(binding, key=keymap[binding.id], key_display=None)


# Every binding with its default keys, in every pane.
ALL_BINDINGS = (
    *APP_BINDINGS,
    print_binding(True),
    PALETTE_BINDING,
    *RowList.BINDINGS,
    *ArticleList.BINDINGS,
    *ArticleView.BINDINGS,
)
# Every binding id a config file's [keys] can give keys to.
BINDING_IDS = frozenset(binding.id for binding in Binding.make_bindings(ALL_BINDINGS) if binding.id)


def taken_keys(keymap: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """(key, id, other) for each key the keymap gives a binding that another binding keeps by default:
    one of the two does not get it."""
    kept = {(b.key, b.id or b.action) for b in Binding.make_bindings(ALL_BINDINGS) if b.id not in keymap}
    given = {(b.key, id) for id, keys in keymap.items() for b in Binding.make_bindings([Binding(keys, "")])}
    return sorted((key, id, other) for key, id in given for default, other in kept if key == default and id != other)
