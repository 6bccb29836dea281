"""The date expressions' pattern made from the code that ships: the same pattern as compiled, and current."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from newsreader.analysis.compiled_patterns import code_file, compiled, made_for
from newsreader.analysis.date_expressions import expression_pattern

SENTENCES = [
    "The board met on Tuesday and again on 14 March 2021, before the summer of 2019 was out.",
    "Sales rose in the third quarter, and by late autumn the firm had hired staff for next year.",
    "Nothing here: a plain sentence about a garden, a cat and its seventeen kittens.",
]


def test_the_shipped_code_is_that_of_the_date_rules_as_they_are():
    shipped = resources.files("newsreader.analysis").joinpath("date_expressions.sre").read_bytes()
    engine = made_for("").rsplit(" ", 1)[0]
    if not json.loads(shipped.split(b"\n", 1)[0])["made for"].startswith(engine):
        pytest.skip("code made for another Python's engine")
    assert shipped == code_file(expression_pattern()), "the date rules changed: run scripts/compiled_patterns.py"


def test_the_pattern_made_from_its_code_finds_what_the_pattern_compiled_finds():
    made, compiled_afresh = compiled("date_expressions", expression_pattern()), re.compile(expression_pattern())
    assert made is not compiled_afresh  # made from the shipped code, not compiled (and cached) by `re`
    assert (made.pattern, made.flags, made.groups, made.groupindex) == (
        compiled_afresh.pattern,
        compiled_afresh.flags,
        compiled_afresh.groups,
        compiled_afresh.groupindex,
    )
    for sentence in SENTENCES:
        found = [(m.span(), m.lastgroup) for m in made.finditer(sentence)]
        assert found == [(m.span(), m.lastgroup) for m in compiled_afresh.finditer(sentence)]
    assert any(made.finditer(SENTENCES[0]))


def test_a_pattern_its_code_was_not_made_from_is_compiled_as_ever():
    assert compiled("date_expressions", r"\d+ kittens").findall("seventeen or 17 kittens") == ["17 kittens"]
