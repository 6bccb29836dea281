"""The five bundled seeds: raw page scrapes whose metadata and clean bodies we know by reading them."""

from __future__ import annotations

import pytest

from newsreader.ingest.page_rules import tidy_line
from tests.conftest import seed_article, seed_path

EXPECTED = {
    "000": {
        "title": "Russia ready to help establish dialogue between US and Iran, Lavrov says",
        "source": "TASS",
        "date": "--01-14",
        "date_inferred": False,
        "dateline": "Colombo",
        "first": "Russia is in opposition to escalation of tensions in the Persian Gulf region",
        "last": "in retaliation for the drone attack.",
    },
    "001": {
        "title": "Moscow Stands For Resolving US-Iran Disagreements Through Dialogue Only - Lavrov",
        "source": "Pakistan Point News / Sputnik",
        "date": "2020-02-17",
        "date_inferred": False,
        "dateline": "Moscow",
        "first": "Moscow believes that only dialogue can help Washington",
        "last": "International Atomic Energy Agency (IAEA).",
    },
    "002": {
        "title": "Russia hopes that friction between Iran and Azerbaijan is temporary and will be settled soon",
        "source": None,
        "date": None,
        "date_inferred": False,
        "dateline": None,
        "first": "Russia hopes that friction between Iran and Azerbaijan is temporary",
        "last": "just buy time to rest, resupply, and attack again.”",
    },
    "003": {
        "title": "Lavrov expresses condolences to Iran in wake of illegal killing of Soleimani",
        "source": None,
        "date": None,
        "date_inferred": False,
        "dateline": "Tehran",
        "first": "The foreign Ministers of Russia and Iran, Sergey Lavrov and Javad Zarif",
        "last": "which ensures Tehran’s primary security prerogatives.",
    },
    "004": {
        "title": "Lavrov’s visit to Tehran amid JCPOA talks heralds bright prospects for ties with Russia",
        "source": "IRNA",
        "date": "--04-18",
        "date_inferred": False,
        "dateline": "Moscow",
        "first": "Analysts believe that Russian Foreign Minister Sergei Lavrov’s visit",
        "last": "agreed upon going ahead with talks on issues of mutual interests.",
    },
}


# Lines of the raw files that are not the article: navigation, headline, captions, furniture.
NOT_BODY = {
    "000": ["All news", "Russian Foreign Minister Sergey Lavrov", "Vitaly Belousov/POOL/TASS"],
    "003": [
        "Subscribe to our newsletter",
        "Sign up here to get the latest news",
        "Notify of",
        "Inline Feedbacks",
        "View all comments",
        "Would love your thoughts",
    ],
    "004": ["Follow us on Twitter", "Related News", "Your Comment", "You are replying to"],
    "002": ["Be First to Comment"],
}


# The datelines as written: cut from the front of the lead, the rest of which is body.
DATELINES = {
    "000": "COLOMBO, January 14. /TASS/. ",
    "001": "MOSCOW (Pakistan Point News / Sputnik - 17th February, 2020) ",
    "003": "TEHRAN – ",
    "004": "Moscow, April 18, IRNA – ",
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_metadata(seeds, prefix):
    article = seed_article(seeds, prefix)
    expected = EXPECTED[prefix]
    for field in ("title", "source", "date", "date_inferred", "dateline"):
        assert getattr(article, field) == expected[field], field
    assert article.body.startswith(expected["first"])
    assert article.body.endswith(expected["last"])


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_body_loses_no_sentence_and_keeps_no_furniture(seeds, prefix):
    article = seed_article(seeds, prefix)
    furniture = NOT_BODY.get(prefix, [])
    for line in seed_path(prefix).read_text(encoding="utf-8").splitlines():
        line = tidy_line(line)
        if not line or line == article.title or any(line.startswith(f) or f in line for f in furniture):
            assert not line or line not in article.body.split("\n\n")
            continue
        assert line.removeprefix(DATELINES.get(prefix, "")) in article.body, line


def test_seed_paragraphs_and_subheadings_kept(seeds):
    article = seed_article(seeds, "004")
    headings = [article.body[b.start : b.end] for b in seeds.blocks(article) if b.kind == "heading"]
    assert headings == [
        "No alternative to JCPOA",
        "High level of Russia-Iran ties",
        "Ready to help Iran in fighting COVID-19",
        "Results of Lavrov’s visit to Tehran",
    ]
    assert article.body.count("\n\n") == len(seeds.blocks(article)) - 1


def test_seeds_sorted_newest_first_undated_last(seeds):
    assert [a.date for a in seeds.articles] == ["2020-02-17", "--04-18", "--01-14", None, None]


def test_ids_are_stable_and_short(seeds):
    from newsreader.store import DocumentStore

    again = DocumentStore.load()
    assert [a.id for a in again.articles] == [a.id for a in seeds.articles]
    assert all(len(a.id) == 10 for a in seeds.articles)
