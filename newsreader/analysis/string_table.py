"""Many strings held compactly: cut from one text, found by their hashes.

A set of 90,000 short names took about 100 bytes a name in each process that loaded it (the string
object, the table's slot, a tuple beside it in a dict): 15 MB of the gazetteer in each analysis
worker. Here a name takes its characters and about 20 bytes.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import accumulate

# Places of the strings last looked up, kept: names recur (Zipf), and a look in Python took 1.5-2 µs
# where the cache takes 0.1 µs. About 100 bytes each (the strings are the caller's).
LOOKUPS_KEPT = 1 << 13


class StringTable:
    """Distinct strings, each at a place (0, 1, … in the order first given), their characters one after
    another in that order. A string's hash picks a slot, which holds the place of a string (-1: none); where
    another string took it, the next slot is looked at, and so on to an empty one (open addressing). There
    are at least twice as many slots as strings, so that a string not held meets an empty slot soon. The
    table is made without sorting (a sort of the places' hashes took a quarter of the gazetteer's load).
    Hashes are this process's own, as `hash` gives them."""

    def __init__(self, strings: Iterable[str]) -> None:
        ordered = list(dict.fromkeys(strings))
        self.ends = array("q", accumulate(map(len, ordered), initial=0))
        self.text = "".join(ordered)
        mask = self.mask = (1 << (2 * len(ordered)).bit_length()) - 1
        slots = self.slots = array("i", [-1]) * (mask + 1)
        for place, key in enumerate(map(hash, ordered)):
            slot = key & mask
            while slots[slot] >= 0:
                slot = (slot + 1) & mask
            slots[slot] = place
        self.place: Callable[[str], int] = lru_cache(maxsize=LOOKUPS_KEPT)(self._place)

    def __len__(self) -> int:
        return len(self.ends) - 1

    def __iter__(self) -> Iterator[str]:
        """The strings in the order of their places."""
        text, ends = self.text, self.ends
        return (text[ends[place] : ends[place + 1]] for place in range(len(self)))

    def __contains__(self, string: object) -> bool:
        return isinstance(string, str) and self.place(string) >= 0

    def _place(self, string: str) -> int:
        """The string's place, or -1 if the table has no such string (`place`, cached)."""
        slots, mask, text, ends = self.slots, self.mask, self.text, self.ends
        slot = hash(string) & mask
        while (place := slots[slot]) >= 0:
            if text[ends[place] : ends[place + 1]] == string:
                return place
            slot = (slot + 1) & mask
        return -1
