"""Many strings held compactly: cut from one text, found by their hashes.

A set of 90,000 short names took about 100 bytes a name in each process that loaded it (the string
object, the table's slot, a tuple beside it in a dict): 15 MB of the gazetteer in each analysis
worker. Here a name takes its characters and 16 bytes.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import accumulate

# Places of the strings last looked up, kept: names recur (Zipf), and a bisection in Python took 1.5-2 µs
# where the cache takes 0.1 µs. About 100 bytes each (the strings are the caller's).
LOOKUPS_KEPT = 1 << 13
# Slots of a filter of the strings' hashes, a byte each (512 KB; numpy, which would pack them as bits, stays
# out of the process that gathers the analysis): most strings looked up are in no table (a word is seldom
# a place), and their slot, empty nine times in ten, says so without a bisection.
FILTER_SLOTS = 1 << 19


class StringTable:
    """Distinct strings, each at a place (0, 1, …): their hashes sorted, and their characters one
    after another in that order. A string is found by bisecting the hashes and checked against its
    characters (two strings may share a hash). Hashes are this process's own, as `hash` gives them."""

    def __init__(self, strings: Iterable[str]) -> None:
        ordered = sorted(set(strings), key=hash)
        self.hashes = array("q", map(hash, ordered))
        self.ends = array("q", accumulate(map(len, ordered), initial=0))
        self.text = "".join(ordered)
        self.filter = bytearray(FILTER_SLOTS)
        for key in self.hashes:
            self.filter[key % FILTER_SLOTS] = 1  # a hash's slot: its remainder by FILTER_SLOTS
        self.place: Callable[[str], int] = lru_cache(maxsize=LOOKUPS_KEPT)(self._place)

    def __len__(self) -> int:
        return len(self.hashes)

    def __iter__(self) -> Iterator[str]:
        """The strings in the order of their places."""
        text, ends = self.text, self.ends
        return (text[ends[place] : ends[place + 1]] for place in range(len(self)))

    def __contains__(self, string: object) -> bool:
        return isinstance(string, str) and self.place(string) >= 0

    def _place(self, string: str) -> int:
        """The string's place, or -1 if the table has no such string (`place`, cached)."""
        key = hash(string)
        if not self.filter[key % FILTER_SLOTS]:
            return -1
        hashes = self.hashes
        place = bisect_left(hashes, key)
        while place < len(hashes) and hashes[place] == key:
            if self.text[self.ends[place] : self.ends[place + 1]] == string:
                return place
            place += 1
        return -1
