"""The trained tagger's tokens, candidates and kept sums."""

import pytest

from newsreader.analysis import tagger as tagger_module
from newsreader.analysis.tagger import Tagger, tagger, tokenise

TEXT = (
    "LONDON 1996-08-22\n"
    "Shares in the Bank of England rose.\u00a0Mr. Smith told Channel 4 that\tal-Muhandis and U.S. officials met.\n"
    "Ali bin Laden's \u201cfriends\u201d of the West  \n\n"
)


def test_every_character_but_spaces_is_in_one_token_at_its_place():
    tokens = tokenise(TEXT)
    assert "".join(tokens.words) == "".join(TEXT.split())
    assert all(TEXT[start : start + len(word)] == word for word, start in zip(tokens.words, tokens.starts, strict=True))
    assert [tokens.lines[tokens.words.index(word)] for word in ("LONDON", "Bank", "Ali")] == [0, 1, 2]


def test_the_candidates_are_capitalised_or_particle_led_words_and_what_joins_them():
    tokens = tokenise(TEXT)
    scored = [tokens.words[i] for i in tokens.candidates]
    assert scored[scored.index("Bank") : scored.index("Bank") + 3] == ["Bank", "of", "England"]
    assert "4" in scored and "al-Muhandis" in scored and "bin" in scored
    assert "the" not in scored and "friends" not in scored
    assert scored.count("of") == 1  # not "of the West": "the" is no capital


def test_a_line_in_capitals_is_marked_so():
    tokens = tokenise(TEXT)
    contexts = dict(zip((tokens.words[i] for i in tokens.candidates), tokens.context, strict=True))
    assert "capsline" in contexts["LONDON"]
    assert "capsline" not in contexts["Bank"]


def test_trailing_spaces_change_no_token():
    bare = tokenise("Bank of England")
    padded = tokenise("Bank of England" + " " * 5000 + "\n" * 5000)
    assert (padded.words, padded.starts, padded.candidates) == (bare.words, bare.starts, bare.candidates)


@pytest.fixture
def fresh() -> Tagger:
    """A tagger of the shipped weights with nothing kept yet."""
    shipped = tagger()
    features = sorted(shipped.index, key=shipped.index.__getitem__)
    weights = shipped.words.weights[:-1]  # less the row of zeros it adds
    return Tagger(features, weights, shipped.transitions)


def test_kept_sums_change_no_name_nor_margin(fresh, monkeypatch):
    other = "Paris Saint-Germain beat Olympique Lyon on Sunday, said coach Luis Enrique."
    expected = fresh.tag(TEXT)
    assert expected
    fresh.tag(other)
    assert fresh.tag(TEXT) == expected  # the words' sums kept from before
    monkeypatch.setattr(tagger_module, "WORDS_KEPT", 2)  # forgotten between every two texts
    fresh.tag(other)
    assert fresh.tag(TEXT) == expected
