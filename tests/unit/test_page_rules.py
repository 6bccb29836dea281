"""Each metadata rule, with a real example from the seeds or the BBC corpus, and a near miss."""

from __future__ import annotations

import pytest

from newsreader.ingest import layout, page_rules
from newsreader.ingest.dates import PartialDate, parse_date_field


def test_tidy_line_removes_space_before_punctuation():
    # Seed 003: "…Russian Foreign Ministry , one of…" and "General Qassem Soleimani ."
    assert (
        page_rules.tidy_line("Foreign Ministry\u00a0, one of the main topics")
        == "Foreign Ministry, one of the main topics"
    )
    assert page_rules.tidy_line("General\u00a0Qassem Soleimani .\u00a0The head") == "General Qassem Soleimani. The head"


def test_navigation_line_before_headline():
    headline = "Russia ready to help establish dialogue between US and Iran, Lavrov says"
    assert page_rules.is_navigation("All news", headline)  # seed 000
    assert page_rules.is_navigation("Home > World > Middle East", headline)
    # BBC: a short headline followed by a sub-headline is not navigation.
    assert not page_rules.is_navigation("Blackburn v Burnley", "Ewood Park")
    assert not page_rules.is_navigation("All news", "Moscow is ready to contribute to launching dialogue.")


def test_headline_is_not_a_lead_sentence():
    assert page_rules.is_headline("Lavrov expresses condolences to Iran in wake of illegal killing of Soleimani")
    assert page_rules.is_headline("Rivals of the £400 Apple...")  # BBC tech
    # Seed 002 opens with its lead, not a headline.
    assert not page_rules.is_headline(
        "Russia hopes that friction between Iran and Azerbaijan is temporary and will be settled soon, "
        "Russian Foreign Minister Sergey Lavrov said on Wednesday."
    )


def test_credits_and_captions_beside_them():
    block = [  # seed 000
        "Russia is in opposition to escalation of tensions in the Persian Gulf region,"
        " the Russian foreign minister stated",
        "Russian Foreign Minister Sergey Lavrov Vitaly Belousov/POOL/TASS",
        "Russian Foreign Minister Sergey Lavrov",
        "© Vitaly Belousov/POOL/TASS",
    ]
    assert page_rules.caption_lines(block) == {1, 2, 3}
    assert page_rules.is_credit("Photo: Getty Images")
    assert not page_rules.is_credit("Users can choose and/or combine both services")


def test_trailing_furniture_run():
    tail = [  # seed 003
        "It is unlikely that Russia will be drawn into a direct military conflict with the U.S or Israel.",
        "Subscribe to our newsletter",
        "Sign up here to get the latest news, updates and special offers delivered directly to your inbox.",
        "Notify of",
        "Inline Feedbacks",
        "View all comments",
        "Would love your thoughts, please comment.x",
    ]
    assert page_rules.trailing_furniture(tail) == 6
    assert page_rules.trailing_furniture(["He left.", "Related News", "Your Comment", "You are replying to: ."]) == 3
    # A BBC article that ends on a short line that is not furniture keeps it.
    assert page_rules.trailing_furniture(["The match kicks off at 1945 GMT.", "Griffin Park"]) == 0
    # "declined to comment" is a sentence of the article, not a widget.
    assert page_rules.trailing_furniture(["The company declined to comment."]) == 0


@pytest.mark.parametrize(
    "lead, place, source, date",
    [
        ("COLOMBO, January 14. /TASS/. Moscow is ready", "Colombo", "TASS", PartialDate(None, 1, 14)),
        (
            "MOSCOW (Pakistan Point News / Sputnik - 17th February, 2020) Moscow believes",
            "Moscow",
            "Pakistan Point News / Sputnik",
            PartialDate(2020, 2, 17),
        ),
        ("Moscow, April 18, IRNA – Analysts believe", "Moscow", "IRNA", PartialDate(None, 4, 18)),
        ("TEHRAN – The foreign Ministers of Russia and Iran", "Tehran", None, None),
        ("WASHINGTON (Reuters) - The United States said on Monday", "Washington", "Reuters", None),
        ("LONDON, Jan 30 (Reuters) - Oil prices rose", "London", "Reuters", PartialDate(None, 1, 30)),
    ],
)
def test_dateline_styles(lead, place, source, date):
    found = page_rules.find_dateline(lead)
    assert (found.place, found.source, found.date) == (place, source, date)
    assert lead[found.length :][:1].isupper()


@pytest.mark.parametrize(
    "lead",
    [
        "Shell is to pay $1m (£522,000) to the ex-finance chief who stepped down",  # BBC business
        "Lavrov (pictured) said the talks went well.",
        "Judy Boynton finally left the firm on 31 December, having spent the intervening time",
    ],
)
def test_not_a_dateline(lead):
    assert page_rules.find_dateline(lead) is None


def test_byline_and_date_line():
    assert page_rules.byline_names("By Sarah Smith and Tom Jones") == ("Sarah Smith", "Tom Jones")
    assert page_rules.byline_names("By the end of the year, prices had doubled") is None
    assert page_rules.date_line("Published 14 January 2020, 10:31 GMT") == PartialDate(2020, 1, 14)
    # A BBC match preview's kick-off day has no year: not a publication date.
    assert page_rules.date_line("Tuesday, 1 March") is None


def test_split_sentence_rejoined():
    # BBC sport: "Parry revealed Real Madrid" / "did" / "ask for an option…"
    assert page_rules.joins_next("Parry revealed Real Madrid", "did")
    assert not page_rules.joins_next("Escalation Persian Gulf", "Russia is in opposition")


def test_subheading():
    assert layout.is_subheading("Soleimani’s killing", "The killing of Commander of Iran's…")
    assert not layout.is_subheading("Soleimani’s killing", None)
    assert not layout.is_subheading("- Pay $1,000 (£535) fine", "- Attend counselling")


def test_title_from_lead_drops_attribution():
    lead = (
        "Russia hopes that friction between Iran and Azerbaijan is temporary and will be settled soon, "
        "Russian Foreign Minister Sergey Lavrov said on Wednesday. Russia is ready to help."
    )
    assert page_rules.title_from_lead(lead) == (
        "Russia hopes that friction between Iran and Azerbaijan is temporary and will be settled soon"
    )
    assert len(page_rules.title_from_lead("word " * 100)) <= page_rules.TITLE_MAX + 1


@pytest.mark.parametrize(
    "value, iso",
    [
        ("2020-01-14T10:00:00Z", "2020-01-14"),
        ("Tue, 30 Jan 2018 14:07:00 +0000", "2018-01-30"),
        ("17th February, 2020", "2020-02-17"),
        ("Jan. 14", "--01-14"),
        ("May 2018", "2018-05"),
        (1579000000, "2020-01-14"),
    ],
)
def test_date_fields(value, iso):
    assert parse_date_field(value).iso() == iso


def test_date_fields_never_invent():
    assert parse_date_field("2019") is None
    assert parse_date_field("February 30") is None
    assert parse_date_field("soon") is None


def test_publication_year_only_from_evidence(tmp_path):
    from newsreader.store import DocumentStore

    dated_elsewhere = "LONDON, January 14 (Reuters) - Talks began on January 14, 2020 and went on.\n"
    weekday = "PARIS, March 3 (Wire) - Ministers met on Tuesday. Prices had risen since 2019 and 2020.\n"
    silent = "BERLIN, May 5 (Wire) - Nothing in this text says which year it is.\n"
    for name, text in (("a.txt", dated_elsewhere), ("b.txt", weekday), ("c.txt", silent)):
        (tmp_path / name).write_text("Headline\n\n" + text)
    found = {
        a.source_path.rsplit("/", 1)[-1]: (a.date, a.date_inferred) for a in DocumentStore.load([tmp_path]).articles
    }
    assert found["a.txt"] == ("2020-01-14", True)
    assert found["b.txt"] == ("2020-03-03", True)  # 3 March was a Tuesday in 2020, not in 2019
    assert found["c.txt"] == ("--05-05", False)
