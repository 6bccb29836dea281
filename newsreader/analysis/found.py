"""What the first pass over a corpus finds, packed: the form in which a worker process hands it back.

Apart from `first_pass.py`, which finds it: the process that gathers and names what the workers
found needs none of the recogniser (numpy, the tagger's weights, the date rules), only this.
"""

from __future__ import annotations

import zlib
from array import array
from typing import NamedTuple

from newsreader.model import ENTITY_TYPES

KINDS = (*ENTITY_TYPES, "unknown")
CODES = 2 * len(KINDS)  # a kind code: the kind's place in KINDS, twice, plus one for a strong mention
KIND_CODES = {kind: 2 * place for place, kind in enumerate(KINDS)}  # a kind's code but for the strong mention's 1


def name_code(text: int, kind: str, strong: bool) -> int:
    """A name's mention as one number: its text's number in the run, its kind, whether it is strong."""
    return text * CODES + KIND_CODES[kind] + strong


def kind_of(code: int) -> str:
    """The kind of a name's mention coded so (`name_code`)."""
    return KINDS[code % CODES >> 1]


class Found(NamedTuple):
    """What the first pass found in a run of articles, as compactly as the table keeps it, with
    names and dates numbered within the run (a run is found by one worker process, or by the
    process that asked, for a small corpus).

    `packed` holds, article after article, start, end, and a name's text number and kind code
    together (a date: its number, negative), as int32 compressed by zlib (`unpacked` gives them):
    the process that asked keeps every run until the last is in, at 100,000 articles 42 MB of them
    as they are; article i's part ends at `ends[i]`.
    """

    places: array  # the articles' places in the corpus, in the order they were found
    ends: array
    packed: bytes
    texts: list[str]
    dates: list[tuple[str, str | None]]  # (name, value) of each date, first found first; emptied once numbered
    failed: list[tuple[int, str]]  # (place, why): articles whose analysis broke off, with no mentions

    def unpacked(self) -> array:
        """`packed` as it was found: start, end and code of each mention, article after article."""
        found = array("i")
        found.frombytes(zlib.decompress(self.packed))
        return found
