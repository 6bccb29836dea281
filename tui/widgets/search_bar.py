"""The `/` search box: it says what to search once typing pauses, so that no keystroke waits for a search."""

from __future__ import annotations

from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input

SEARCH_DEBOUNCE = 0.12  # seconds of quiet typing before a search starts


class SearchBar(Input):
    """Hidden until `/`; posts `Query` a moment after the last key."""

    class Query(Message):
        """The query typed, once typing paused."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder='words, "a phrase", source: entity: after: before:', id=id)
        self._timer: Timer | None = None

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer:
            self._timer.stop()
        self._timer = self.set_timer(SEARCH_DEBOUNCE, lambda: self.post_message(self.Query(event.value)))
