"""Entities: the recogniser's cues, dates in text, one name per entity across articles, the commands."""

from __future__ import annotations

import json
from collections import Counter
from itertools import pairwise

import pytest

from newsreader.analysis.canonical import CanonicalNames
from newsreader.analysis.entities import Recogniser
from newsreader.analysis.entity_table import analyse_corpus
from newsreader.cli import main
from newsreader.ingest.dates import find_date_expressions
from newsreader.model import Article
from newsreader.store import DocumentStore


@pytest.fixture(scope="module")
def recogniser() -> Recogniser:
    return Recogniser()


def found(recogniser: Recogniser, text: str) -> set[tuple[str, str]]:
    return {(m.text, m.type) for m in recogniser.mentions(text) if m.type != "unknown"}


@pytest.mark.parametrize(
    "text, expected",
    [
        # A title before the name (seed 000), even after a demonym.
        (
            "Russian Foreign Minister Sergey Lavrov told a news conference.",
            {("Sergey Lavrov", "person"), ("Russian", "nationality")},
        ),
        # A lower-case role before the name (BBC business).
        ("said Mercedes chief executive Eckhard Cordes.", {("Eckhard Cordes", "person"), ("Mercedes", "org")}),
        # Organisation words, with a demonym kept inside (seed 003).
        ("the press service of the Russian Foreign Ministry, one of", {("Russian Foreign Ministry", "org")}),
        # "Long Name (ACR)" makes the acronym an organisation, or a law (seed 001, 002).
        (
            "the International Atomic Energy Agency (IAEA). The IAEA said",
            {("International Atomic Energy Agency", "org"), ("IAEA", "org")},
        ),
        (
            "the Joint Comprehensive Plan of Action (JCPOA), and the JCPOA",
            {("Joint Comprehensive Plan of Action", "law"), ("JCPOA", "law")},
        ),
        # Possessives and titles split a run (seed 000).
        (
            "Commander of Iran's Islamic Revolutionary Guard Corps' Quds Force General Qasem Soleimani goes",
            {
                ("Iran", "place"),
                ("Islamic Revolutionary Guard Corps", "org"),
                ("Quds Force", "org"),
                ("Qasem Soleimani", "person"),
            },
        ),
        # Places from the gazetteer, from place words and from the noun after them.
        ("tensions in the Persian Gulf and the Middle East.", {("Persian Gulf", "place"), ("Middle East", "place")}),
        (
            "Iran targeted Ain Al-Asad air base and Frankfurt airport.",
            {("Iran", "place"), ("Ain Al-Asad", "place"), ("Frankfurt", "place")},
        ),
        ("a small UK-based engineering firm", {("UK", "place")}),
        # A surname alone after the full name is the same person (BBC politics).
        (
            "Chancellor Gordon Brown visited Kenya. Brown said education mattered.",
            {("Gordon Brown", "person"), ("Brown", "person"), ("Kenya", "place")},
        ),
        # A list takes the type of its known members (BBC entertainment).
        (
            "Pam Ferris, Victoria Hamilton and Kelly Reilly are nominated.",
            {("Pam Ferris", "person"), ("Victoria Hamilton", "person"), ("Kelly Reilly", "person")},
        ),
        # Organisation cues before and after a name (BBC business and sport).
        (
            "German airline Lufthansa may sue. Newcastle boss Graeme Souness",
            {("Lufthansa", "org"), ("Newcastle", "org"), ("Graeme Souness", "person"), ("German", "nationality")},
        ),
    ],
)
def test_cues(recogniser, text, expected):
    assert found(recogniser, text) == expected


@pytest.mark.parametrize(
    "text, name",
    [
        # BBC entertainment and business: a weekday or a frequency inside a band's or a paper's name.
        ("He was nominated alongside Happy Mondays dancer Bez.", "Mondays"),
        ("The state-run China Daily newspaper reported the deal.", "Daily"),
    ],
)
def test_no_date_inside_a_name(recogniser, text, name):
    mentions = recogniser.mentions(text)
    assert all(a.end <= b.start for a, b in pairwise(mentions))
    assert name not in {m.text for m in mentions if m.type == "date"}


def test_a_continent_s_adjective_is_a_nationality_not_an_organisation(recogniser):
    # BBC business: "European shares" and "European sales" made "European" an organisation, and the
    # corpus's votes then every "European" (the entity browser's first screen).
    names = found(recogniser, "Asian quake hits European shares. Unilever said European sales fell.")
    assert ("European", "nationality") in names and ("Asian", "nationality") in names
    assert ("European", "org") not in names


def test_headlines_and_datelines_in_capitals_are_read_as_words(recogniser):
    """Wire copy (CoNLL-2003 style): "NEW YORK" is one place, the dateline's city a place, and the
    ordinary words of a headline in capitals are no acronyms."""
    text = "SOCCER - AJAX BEAT PSV IN NEW YORK FRIENDLY .\nPARIS 1996-08-22\nAjax beat PSV 2-1 on Sunday ."
    found = {(m.text, m.type) for m in recogniser.mentions(text)}
    assert {("NEW YORK", "place"), ("PARIS", "place"), ("PSV", "org")} <= found
    assert not {("YORK", "org"), ("BEAT", "org"), ("SOCCER", "org"), ("FRIENDLY", "org")} & found


def test_contracted_pronouns_are_not_names(recogniser):
    # BBC tech: "I've" was a person in 107 articles.
    text = '"In the past, I’ve used textphones," said Robert Currington. "Being a geek I\'ve got no idea," he said.'
    names = [m.text for m in recogniser.mentions(text) if m.type != "date"]
    assert names == ["Robert Currington"]  # of any type, even unknown


def test_sentence_openers_and_common_acronyms_are_not_names(recogniser):
    text = "Meanwhile, shares rose. According to the firm, GDP grew. However the TV deal failed."
    assert found(recogniser, text) == set()


@pytest.mark.parametrize(
    "text, dates",
    [
        ("told a news conference on Tuesday.", ["Tuesday"]),
        ("signed in 2015 and in May 2018, then from June to December.", ["2015", "May 2018", "June", "December"]),
        (
            "presented last summer, in the current year, a few years ago",
            ["last summer", "current year", "a few years ago"],
        ),
        ("by the end of February, in late 2007 and on 19 October", ["end of February", "late 2007", "19 October"]),
        ("it may lose the Euro 2004 tournament under Resolution 2231 for £2004", []),
        ("The Darling Buds of May; the last day of the season", []),
    ],
)
def test_date_expressions(text, dates):
    assert [found for found, _, _ in find_date_expressions(text)] == dates


def test_one_name_per_entity_across_the_seeds():
    store = DocumentStore.load()
    names: dict[tuple[str, str], set[str]] = {}
    for article in store.articles:
        for entity in store.entities(article):
            names.setdefault((entity.canonical, entity.type), set()).add(entity.text)
    assert {"Sergey Lavrov", "Sergei Lavrov", "Lavrov"} <= names["Sergey Lavrov", "person"]
    assert {"Qasem Soleimani", "Qassem Soleimani", "Soleimani"} <= names["Qassem Soleimani", "person"]
    assert {"Javad Zarif", "Mohammad Javad Zarif"} <= names["Mohammad Javad Zarif", "person"]
    assert {"US", "U.S", "United States"} <= names["United States", "place"]
    assert {"IAEA", "International Atomic Energy Agency"} <= names["International Atomic Energy Agency", "org"]
    assert names["Iran", "place"] == {"Iran"} and names["Iraq", "place"] == {"Iraq"}


def test_an_acronym_is_the_long_name_mentioned_most_whatever_the_order():
    counts = [(("org", "BBC Television"), 1), (("org", "British Telecom"), 3), (("org", "BT"), 2)]
    for order in (counts, counts[::-1]):
        names = CanonicalNames(Counter(dict(order)))
        assert names.in_article([("org", "BT")]) == {("org", "BT"): "British Telecom"}


def test_a_lone_word_joins_a_full_name_from_another_article_only_after_a_cue():
    names = CanonicalNames(Counter({("person", "Tony Blair"): 3, ("person", "Blair"): 2}))
    assert names.in_article([("person", "Blair")]) == {("person", "Blair"): "Blair"}
    assert names.in_article([("person", "Blair")], titled={"Blair"}) == {("person", "Blair"): "Tony Blair"}


@pytest.mark.parametrize(
    "second, canonical",
    [
        ("Mr Blair said the plan would go ahead.", "Tony Blair"),  # a title: the same person
        ("Blair reopened the shop on Monday.", "Blair"),  # a capitalised word alone is no evidence
    ],
)
def test_a_lone_surname_joins_another_article_s_full_name_only_after_a_title(second, canonical):
    articles = [
        Article.of("a", "a.txt", "", "Prime Minister Tony Blair spoke in London on Monday."),
        Article.of("b", "b.txt", "", second),
    ]
    table = analyse_corpus(articles)
    assert [(e.text, e.canonical) for e in table.entities("b", second) if e.type == "person"] == [("Blair", canonical)]


def test_the_corpus_order_does_not_change_any_entity():
    articles = list(DocumentStore.load().articles)
    forward, backward = analyse_corpus(articles), analyse_corpus(articles[::-1])
    assert all(forward.entities(a.id, a.body) == backward.entities(a.id, a.body) for a in articles)


def test_entities_have_body_offsets():
    store = DocumentStore.load()
    for article in store.articles:
        for entity in store.entities(article):
            assert article.body[entity.start : entity.end] == entity.text


def test_entities_command(capsys):
    assert main(["entities", "--type", "person"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["5", "person", "Sergey", "Lavrov"]
    assert main(["entities", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert {"name": "Qassem Soleimani", "type": "person", "articles": 3} in records


def test_export_carries_entities(capsys):
    main(["export"])
    record = json.loads(capsys.readouterr().out.splitlines()[0])
    entity = record["entities"][0]
    assert set(entity) == {"text", "type", "start", "end", "canonical", "value"}
    assert record["body"][entity["start"] : entity["end"]] == entity["text"]
