"""The reader's own commands in the command palette (ctrl+p)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual.app import SystemCommand

if TYPE_CHECKING:
    from tui.app import NewsReader


def reader_commands(app: NewsReader) -> Iterator[SystemCommand]:
    yield SystemCommand("Print and exit", "Print the marked or current article to stdout", app.action_print)
    main = app.main
    yield SystemCommand(
        "Mark article", "Mark or unmark the article under the cursor", main.article_list.action_toggle_mark
    )
    yield SystemCommand("Next article", "Read the next article in the list", lambda: main.action_step(1))
    yield SystemCommand("Previous article", "Read the previous article in the list", lambda: main.action_step(-1))
    yield SystemCommand("Search", "Search titles, entities and bodies", main.action_search)
    yield SystemCommand("Entities", "Browse entities and filter the list to one", main.action_entities)
    yield SystemCommand("Timeline", "Dates the listed articles mention, in order", main.action_timeline)
    yield SystemCommand("Keys", "Show every key", app.action_help)
    yield SystemCommand("Problems", "Every file and line skipped while loading, with the reason", app.action_problems)
