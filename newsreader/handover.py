"""Loaded batches gathered into hand-overs to the screen that grow rarer as the list grows."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator

from newsreader.model import Article

# Loaded articles reach the list every 0.25 s at least, and apart by at least 40 times what the
# last hand-over took: each sorts every article again, and a key that comes meanwhile waits.
HAND_OVER_EVERY = 0.25
HAND_OVER_SHARE = 40


def hand_overs(batches: Iterable[list[Article]], stop: Callable[[], bool]) -> Iterator[list[Article]]:
    """The batches, gathered: what the caller does with one (the time until it asks for the next) sets
    the gap to the next. The last hand-over may be empty; `stop`, asked between batches, ends it early."""
    waiting: list[Article] = []
    handed, gap = time.monotonic(), HAND_OVER_EVERY
    for batch in batches:
        if stop():
            return
        waiting += batch
        if time.monotonic() - handed > gap:
            started = time.monotonic()
            yield waiting
            handed = time.monotonic()
            gap, waiting = max(HAND_OVER_EVERY, HAND_OVER_SHARE * (handed - started)), []
    yield waiting
