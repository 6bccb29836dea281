"""The compact table of strings the gazetteer's names are held in: each string found, no other."""

from __future__ import annotations

from newsreader.analysis import string_table
from newsreader.analysis.string_table import StringTable

NAMES = ["Tokyo", "São Paulo", "Đà Nẵng", "New York", "York", "", "Zürich", "Tokyo"]


def test_every_string_is_found_at_a_place_of_its_own_and_no_other_string_is():
    table = StringTable(NAMES)
    assert len(table) == 7 and sorted(table) == sorted(set(NAMES))
    assert sorted(table.place(name) for name in set(NAMES)) == list(range(7))
    assert all(name in table for name in NAMES)
    assert not any(other in table for other in ("tokyo", "York ", "New", "Sao Paulo", "Zürich\n"))
    assert 3 not in table and None not in table


def test_the_strings_places_are_in_the_order_first_given():
    """The gazetteer keeps each place's flag at its name's place, in the order of its names."""
    table = StringTable(NAMES)
    assert list(table) == list(dict.fromkeys(NAMES))
    assert [table.place(name) for name in dict.fromkeys(NAMES)] == list(range(7))


def test_strings_that_share_a_hash_are_told_apart_by_their_characters(monkeypatch):
    monkeypatch.setattr(string_table, "hash", len, raising=False)  # every string of a length collides
    table = StringTable(NAMES)
    assert [table.place(name) for name in table] == list(range(7))
    assert "Tokio" not in table and "York" in table and "Yerk" not in table
