"""Name lists the entity recogniser looks things up in, loaded once a process from data that ships.

Places come from GeoNames (countries, cities of 15,000 people or more, US states, continents), as
`places.tsv` holds them beside this module (made by scripts/gazetteer_table.py); first names from
gender-guesser's dictionary of about 48,000 given names. The few hand lists here are the closed
vocabularies of news writing (titles, role nouns, organisation words), not names of particular
people or places.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import overload

from newsreader.analysis.string_table import StringTable

TABLE = "places.tsv"
# A line of gender-guesser's dictionary whose name (its 4th to 29th characters) is one plain name;
# a line end, not `^`, before it: the search then leaps from one line end to the next. Its bytes
# are searched (one a character), not a decoded copy: each worker held the copy's 4 MB after.
FIRST_NAME = re.compile(rb"\n[MF?1].. *([A-Z][a-z]+) *(?<=\n.{29})")

# Common short forms of country names, mapped to GeoNames' names.
COUNTRY_ALIASES = {
    "US": "United States",
    "U.S.": "United States",
    "U.S": "United States",
    "USA": "United States",
    "U.S.A.": "United States",
    "America": "United States",
    "United States of America": "United States",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "UAE": "United Arab Emirates",
    "DRC": "Democratic Republic of the Congo",
    "Holland": "Netherlands",
    "South Korea": "South Korea",
    "North Korea": "North Korea",
    "Ivory Coast": "Ivory Coast",
    "Czech Republic": "Czechia",
    "Burma": "Myanmar",
    "England": "England",
    "Scotland": "Scotland",
    "Wales": "Wales",
    "Northern Ireland": "Northern Ireland",
}


# Words in many countries' names, which say nothing of a demonym ("Islamic" is not from "Islands").
GENERIC_GEO_WORDS = frozenset(
    "United Republic Islands Island South North East West Saint New Democratic Federal States Kingdom "
    "Central Equatorial People's Outlying Minor Territory Territories".split()
)


class Places:
    """Place names → (canonical name, whether the name alone says it is a place), held compactly:
    the canonical name is the name itself but for the few `COUNTRY_ALIASES`."""

    def __init__(self, names: list[str], alone_count: int) -> None:
        """Distinct names, of which the first `alone_count` say alone that their place is one."""
        self.names = StringTable(names)
        self.alone_count = alone_count

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.names.place(name) >= 0  # not `in self.names`: a call less

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __getitem__(self, name: str) -> tuple[str, bool]:
        if (found := self.get(name)) is None:
            raise KeyError(name)
        return found

    @overload
    def get(self, name: str) -> tuple[str, bool] | None: ...
    @overload
    def get(self, name: str, default: tuple[str, bool]) -> tuple[str, bool]: ...
    def get(self, name: str, default: tuple[str, bool] | None = None) -> tuple[str, bool] | None:
        if (place := self.names.place(name)) < 0:
            return default
        return COUNTRY_ALIASES.get(name, name), place < self.alone_count

    def by_name_alone(self, name: str) -> bool | None:
        """Whether the name alone says its place is one (None: no place of that name), `get`'s second
        half without the tuple."""
        return None if (place := self.names.place(name)) < 0 else place < self.alone_count


@dataclass(frozen=True)
class Gazetteer:
    """Places (name → canonical name and whether the name alone says it is a place) and first names."""

    places: Places
    countries: frozenset[str]
    first_names: StringTable
    country_stems: frozenset[str]  # the first four letters of the words of countries' and continents' names
    # The places whose names begin with no capital ("eMuziwezinto", "les Roquetes"): about 80, so that a
    # word in lower case is looked for among them alone.
    uncapitalised_places: frozenset[str]


@cache
def gazetteer() -> Gazetteer:
    """The name lists, once a process (a tenth of a second)."""
    sections = _sections(resources.files(__package__).joinpath(TABLE).read_text(encoding="utf-8"))
    continents, countries = sections["continents"], sections["countries"]
    alone = dict.fromkeys([*sections["big cities"], *sections["states"], *continents, *countries, *COUNTRY_ALIASES])
    names = list(dict.fromkeys([*alone, *sections["cities"]]))  # those whose name alone says "place" first
    # Demonyms share their country's (or continent's) first letters: "Iran" → "Iranian", "Sri Lanka"
    # → "Lankan", "Europe" → "European".
    named = countries + list(COUNTRY_ALIASES) + continents
    words = {word for name in named for word in name.split()} - GENERIC_GEO_WORDS
    stems = frozenset(word[:4] for word in words if len(word) >= 4 and word[0].isupper())
    uncapitalised = frozenset(name for name in names if not name[:1].isupper())
    return Gazetteer(
        Places(names, len(alone)),
        frozenset(countries) | frozenset(COUNTRY_ALIASES),
        _first_names(),
        stems,
        uncapitalised,
    )


def _sections(table: str) -> dict[str, list[str]]:
    """The lines of each section of the table ("[cities]", its lines, "[states]", …), by its name."""
    parts = (part.partition("]\n") for part in table.split("\n[")[1:])
    return {name: lines.rstrip("\n").split("\n") for name, _, lines in parts}


def _first_names() -> StringTable:
    data = resources.files("gender_guesser").joinpath("data/nam_dict.txt").read_bytes()  # a comment line first
    return StringTable(name.decode("ascii") for name in FIRST_NAME.findall(data))
