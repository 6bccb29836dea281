"""Running the reader from the command line: the app on the terminal, then what the user picked on stdout."""

from __future__ import annotations

import gc
import sys
from typing import TYPE_CHECKING

from newsreader import exit_codes
from tui.terminal import driver_class, run_without_waiting

if TYPE_CHECKING:
    from collections.abc import Sequence

    from newsreader.config import Config
    from newsreader.store import DocumentStore


def run_reader(
    store: DocumentStore,
    print_format: str = "text",
    config: Config | None = None,
    config_problems: Sequence[str] = (),
    query: str = "",
) -> int:
    """Run the reader; print what the user picked to stdout after the app has left the screen."""
    # Importing Textual and drawing the first frame make many objects that live as long as the
    # reader: the garbage collector's passes over them meanwhile (about 12 ms) would only delay
    # that frame. The app turns it back on once the frame is drawn (collect_after_first_frame).
    gc.disable()
    from tui.app import NewsReader  # Textual is loaded only here: the other commands stay fast

    app = NewsReader(store, print_format, sys.stdout.isatty(), driver_class(), config=config, query=query)
    for problem in config_problems:  # said on stderr too, where the screen hides them until it quits
        app.say(problem, "Config")
    run_without_waiting(app)
    if app.return_value:
        sys.stdout.write(app.return_value)
        sys.stdout.flush()
    return app.return_code if app.return_code is not None else exit_codes.NOTHING
