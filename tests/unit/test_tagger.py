"""The trained tagger's tokens, candidates and kept sums."""

import tracemalloc

import numpy as np
import pytest

from newsreader.analysis import tagger as tagger_module
from newsreader.analysis.gazetteer import gazetteer
from newsreader.analysis.rules import Mention
from newsreader.analysis.tagger import (
    ALLOWED,
    OUTSIDE,
    SPACED_TOKEN,
    TAGS,
    Tagger,
    decode,
    near_spelling,
    own_spelling,
    tagger,
    token_features,
    tokenise,
    tokenise_all,
    viterbi,
)

TEXT = (
    "LONDON 1996-08-22\n"
    "Shares in the Bank of England rose.\u00a0Mr. Smith told Channel 4 that\tal-Muhandis and U.S. officials met.\n"
    "Ali bin Laden's \u201cfriends\u201d of the West  \n\n"
)


def test_every_character_but_spaces_is_in_one_token_at_its_place():
    tokens = tokenise(TEXT)
    assert "".join(tokens.words) == "".join(TEXT.split())
    assert all(TEXT[end - len(word) : end] == word for word, end in zip(tokens.words, tokens.ends, strict=True))
    assert [tokens.lines[tokens.words.index(word)] for word in ("LONDON", "Bank", "Ali")] == [0, 1, 2]


def test_the_tokens_are_those_the_token_pattern_finds_reading_the_whole_text():
    """Each run of characters not spaces is tokenised alone, an initial before a capital as it stands."""
    text = "J. Smith met K. and  L. Jones;\tM.\u00a0N. Brown's U.S. aide A.B. Cole (Z.)\nP. Q. R.\n"
    assert tokenise(text).words == [piece.lstrip() for piece in SPACED_TOKEN.findall(text.rstrip())]


def test_the_candidates_are_capitalised_or_particle_led_words_and_what_joins_them():
    tokens = tokenise(TEXT)
    scored = [tokens.words[i] for i in tokens.candidates]
    assert scored[scored.index("Bank") : scored.index("Bank") + 3] == ["Bank", "of", "England"]
    assert "4" in scored and "al-Muhandis" in scored and "bin" in scored
    assert "the" not in scored and "friends" not in scored
    assert scored.count("of") == 1  # not "of the West": "the" is no capital


def test_a_line_in_capitals_is_marked_so():
    tokens = tokenise(TEXT)
    contexts = {tokens.words[i]: tokens.context(place) for place, i in enumerate(tokens.candidates)}
    assert "capsline" in contexts["LONDON"]
    assert "capsline" not in contexts["Bank"]


def test_a_candidates_context_says_where_it_stands_and_what_the_rules_named_there():
    text = "Shares in the Bank of England fell.\nBank rates rose at the bank's Threadneedle Street home."
    hints = [
        Mention("Bank of England", "org", 14, 29),
        Mention("England", "place", 22, 29, strong=False),  # inside the first, ending with it
        Mention("Threadneedle Street", "place", 66, 85, strong=False),
    ]
    tokens = tokenise(text, hints)
    contexts = [(tokens.words[i], tokens.context(place)) for place, i in enumerate(tokens.candidates)]
    assert contexts == [
        ("Shares", ("bias", "first")),
        ("Bank", ("bias", "lowerseen", "r=B-org")),  # "bank" written in the text
        ("of", ("bias", "lowerseen", "r=I-org")),
        ("England", ("bias", "r=I-org")),  # the first hint to end after its start
        ("Bank", ("bias", "first", "lowerseen", "first&lowerseen")),  # and a line's first word
        ("Threadneedle", ("bias", "r=B-place?")),
        ("Street", ("bias", "r=I-place?")),
    ]


def test_texts_tokenised_together_have_the_tokens_and_contexts_they_have_alone():
    """No token, line, hint, possessive or word written in lower case reaches from one text into the next."""
    texts = [
        ("Bank", [Mention("Bank", "org", 0, 4)]),
        ("'s shares in the bank fell. Ms. Rose met J.", [Mention("Rose", "person", 32, 36)]),
        ("", []),
        ("K. Smith of\n", [Mention("K. Smith", "person", 0, 8, strong=False)]),
        ("Lloyds Bank said so", []),
    ]
    together = tokenise_all(texts)
    text_of = together.texts[together.candidates].tolist()
    for number, (text, hints) in enumerate(texts):
        alone = tokenise(text, hints)
        places = [place for place, text in enumerate(text_of) if text == number]
        assert [together.words[together.candidates[place]] for place in places] == [
            alone.words[i] for i in alone.candidates
        ]
        assert [together.context(place) for place in places] == [
            alone.context(place) for place in range(len(alone.candidates))
        ]
        assert together.ends[together.texts == number].tolist() == alone.ends.tolist()


def test_trailing_spaces_change_no_token():
    bare = tokenise("Bank of England")
    padded = tokenise("Bank of England" + " " * 5000 + "\n" * 5000)
    assert (padded.words, padded.ends.tolist(), padded.candidates.tolist()) == (
        bare.words,
        bare.ends.tolist(),
        bare.candidates.tolist(),
    )


def test_runs_decoded_together_get_what_each_gets_alone():
    rng = np.random.default_rng(7)
    emissions = rng.normal(size=(14, len(TAGS)))
    transitions = rng.normal(scale=3, size=(len(TAGS), len(TAGS)))  # strong: a tag depends on its neighbours
    start = transitions[OUTSIDE] + ALLOWED[OUTSIDE]
    spans = [(0, 1), (1, 4), (4, 6), (6, 11), (11, 12), (12, 14)]  # two of two, and runs of other lengths
    tags, doubt = decode(emissions, start, transitions, spans)
    for first, last in spans:
        alone = decode(emissions[first:last], start, transitions, [(0, last - first)])
        assert (tags[first:last].tolist(), doubt[first:last].tolist()) == (alone[0].tolist(), alone[1].tolist())
        assert alone[0].tolist() == viterbi(emissions[first:last], transitions)


def test_a_long_run_beside_many_short_ones_is_not_decoded_padded_to_their_number():
    rng = np.random.default_rng(7)
    spans = [(2 * k, 2 * k + 2) for k in range(200)] + [(400, 2400)]  # a list of 2,000 capitalised words
    emissions = rng.normal(size=(2400, len(TAGS)))
    transitions = rng.normal(size=(len(TAGS), len(TAGS)))
    tracemalloc.start()
    decode(emissions, transitions[OUTSIDE] + ALLOWED[OUTSIDE], transitions, spans)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 10_000_000  # the 200 short runs padded to 2,000 and decoded beside it would take 86 MB


@pytest.fixture
def fresh() -> Tagger:
    """A tagger of the shipped weights with nothing kept yet."""
    shipped = tagger()
    features = sorted(shipped.index, key=shipped.index.__getitem__)
    weights = shipped.weights[:-1]  # less the row of zeros it adds
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


def test_texts_tagged_together_are_tagged_as_alone(fresh):
    """A text's names and margins are the same tagged with others: no run of candidates, and no
    neighbour, reaches from one text into the next ("... at Old Trafford" and "Manchester United ...")."""
    texts = [TEXT, "Arsenal lost at Old Trafford", "Manchester United won. Mr Blair said so", "no names here", ""]
    alone = [fresh.tag(text) for text in texts]
    assert fresh.tag_all([(text, ()) for text in texts]) == alone
    assert fresh.tag_all([]) == []


def test_the_scores_tagged_with_are_the_weights_of_the_features_trained_on(fresh):
    """The kept sums (a word's, its neighbours', a candidate's context) add up to the weights of
    `token_features`, which training weighs: what tagging adds is what training learned."""
    tokens = tokenise(TEXT)
    scores = fresh._scores(tokens)
    weights, unweighed = fresh.weights, len(fresh.weights) - 1
    trained = [
        weights[[fresh.index.get(feature, unweighed) for feature in token_features(tokens, place)]].sum(axis=0)
        for place in range(len(tokens.candidates))
    ]
    assert (scores == np.array(trained)).all()  # exactly: sums of float16 weights in float64 are exact


def test_a_words_spelling_is_looked_up_as_its_features_strings_are(fresh):
    words = ["Bank", "england", "Qwzxv", "EU", "al-Muhandis"]  # "Qwzxv": none of its features weighed
    unweighed = len(fresh.weights) - 1
    own = [[fresh.index.get(feature, unweighed) for feature in own_spelling(word)] for word in words]
    near = [[fresh.index.get(feature, unweighed) for (feature,) in near_spelling(word)] for word in words]
    assert fresh.spelt.own_rows(words).tolist() == own
    assert fresh.spelt.near_rows(words).tolist() == near
    assert unweighed in own[2] and set(near[2]) == {unweighed}


def test_the_weights_are_float16_so_that_their_sums_are_the_same_in_any_order(fresh):
    weights = fresh.weights
    assert (weights.astype(np.float16) == weights).all()
    assert np.abs(weights).max() < 2**15  # and no sum of a thousand of them leaves float64's 53 bits


def test_a_words_gazetteers_are_those_it_is_in_capitalised_or_not():
    """Only capitalised words are looked for among the first names (they all begin with a capital), and
    a word that is not among the places that begin with none."""
    assert all(name[:1].isupper() for name in gazetteer().first_names)
    uncapitalised = next(name for name in gazetteer().places if not name[:1].isupper() and " " not in name)
    assert tagger_module._gazetteer_flags(uncapitalised) in (("place",), ("bigplace",))
    assert tagger_module._gazetteer_flags("LONDON") == tagger_module._gazetteer_flags("London") != ()
