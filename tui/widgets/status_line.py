"""The status line, right of the footer: what the background work is doing (loading, finding entities, indexing)."""

from __future__ import annotations

from textual.message import Message
from textual.widgets import Static


class StatusLine(Static):
    """Hidden while there is nothing to say. Its width is fixed: a new figure needs no new layout of the screen."""

    class Say(Message):
        """A new status, posted from a worker: it never waits for the screen."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def say(self, text: str) -> None:
        self.update(text, layout=False)
        self.display = bool(text)

    def on_status_line_say(self, message: Say) -> None:
        self.say(message.text)
