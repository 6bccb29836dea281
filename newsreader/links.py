"""Opening an article's link in the user's browser: the config's command, else $BROWSER, else Python's
`webbrowser` (which finds the desktop's)."""

from __future__ import annotations

import os
import shlex
import subprocess
import webbrowser


def open_link(url: str, command: str | None = None) -> None:
    """Start the browser on `url` and return without waiting for it. A command may say where the link
    goes with `%s` (`firefox --new-tab %s`); else it goes last. Raises OSError or webbrowser.Error."""
    command = command or os.environ.get("BROWSER", "").split(os.pathsep)[0]
    if not command:
        if not webbrowser.open(url):
            raise webbrowser.Error("no browser found: set $BROWSER, or browser in the config file")
        return
    words = shlex.split(command)
    arguments = [word.replace("%s", url) for word in words] if "%s" in command else [*words, url]
    # Its own session, and no terminal to write on: the reader's screen stays whole.
    subprocess.Popen(
        arguments,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
