"""The gazetteer as it loads from the table that ships: every kind of place, with what its name alone says."""

from __future__ import annotations

from newsreader.analysis.gazetteer import gazetteer


def test_places_of_every_section_load_whole_with_what_their_name_alone_says():
    places = gazetteer().places
    assert places["Tokyo"] == ("Tokyo", True)  # a big city's own name
    assert places["Frankfurt"] == ("Frankfurt", False)  # a big city's other name: weak evidence
    assert places["Kettering"] == ("Kettering", False)  # a small city needs a cue
    assert places["Texas"] == ("Texas", True) and places["Europe"] == ("Europe", True)
    assert places["Zimbabwe"] == ("Zimbabwe", True)  # a section's last line
    assert places["U.S."] == ("United States", True)
    assert all("\t" not in name and "\n" not in name for name in places)


def test_countries_demonym_stems_and_first_names():
    names = gazetteer()
    assert {"Iran", "Sri Lanka", "UK"} <= names.countries and len(names.countries) > 250
    assert {"Iran", "Lank", "Euro"} <= set(names.country_stems)
    assert all(name in names.first_names for name in ("Sergei", "Mohammed", "Anne"))
    assert "Sergeii" not in names.first_names and "sergei" not in names.first_names
