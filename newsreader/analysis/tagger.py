"""A trained name tagger: each capitalised token is the beginning, inside or outside of a name, and of what type.

An averaged perceptron over features of the token and its neighbours (the words, their shapes, the
gazetteers and the cue words of news writing), of the line (all in capitals: a headline or dateline) and
of the document (the word seen in lower case elsewhere) and the rules' names as hints; each run of
candidates is decoded forward and backward with a score for each tag after each other (`decode`).
Only capitalised tokens, and the small words that join them ("Bank of England"), are scored: every
other token is outside a name, so that a body's cost grows with its names, not its length. The
weights are trained by scripts/train_entities.py from CoNLL-2003's training set.
"""

from __future__ import annotations

import os
import re
import string
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources
from itertools import accumulate, chain, compress, count, groupby, pairwise, repeat
from operator import attrgetter, itemgetter, methodcaller
from typing import Generic, Protocol, TypeVar

# The tagger needs no BLAS, and OpenBLAS starts a thread when numpy is imported: a ctrl+c sent while
# the main thread holds it blocked (as the analysis's workers start) went to that thread and was lost.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np

from newsreader.analysis.cues import (
    FUNCTION_WORDS,
    ORG_FOLLOWERS,
    ORG_ROLES,
    ORG_WORDS,
    PERSON_ROLES,
    PLACE_PREPOSITIONS,
    PLACE_WORDS,
    TITLES,
    WORK_NOUNS,
)
from newsreader.analysis.gazetteer import gazetteer
from newsreader.analysis.rules import is_demonym

TAGS = ("O", "B-person", "I-person", "B-org", "I-org", "B-place", "I-place", "B-misc", "I-misc")
OUTSIDE = 0
KIND_OF = tuple(tag[2:] for tag in TAGS)  # each tag's type ("" for outside)
INSIDE = tuple(tag.startswith("I-") for tag in TAGS)
IS_INSIDE = np.array(INSIDE)
KIND_CODE = np.array([KIND_OF.index(kind) for kind in KIND_OF])  # each tag's type as a number: the place of its B- tag
MODEL = "tagger.npz"

ABBREVIATIONS = r"(?:Mr|Mrs|Ms|Dr|Lt|Gen|Col|Maj|Capt|Sgt|St|Sen|Rep|Gov|Prof|Rev|Jr|Sr|Mt|Ft|Inc|Corp|Co|Ltd|No)\."
# The lookahead spares the engine the capitalised forms at every other position (40% faster).
TOKEN = re.compile(
    rf"(?=[A-Z])(?:{ABBREVIATIONS}|(?:[A-Z]\.){{2,}}|[A-Z]\.(?= ?[A-Z])"
    r"|[A-Z]\w*(?:(?:-(?=[A-Z\d])|[&.]|['’](?![sS]\b))\w+)*)"
    r"|\w+(?:(?:[-&.]|['’](?![sS]\b))\w+)*|['’][sS]\b|\S"
)
# Most tokens are a word with nothing joined to it, or a mark: each the token TOKEN makes there (no
# abbreviation, initial or joined word begins so), tried first as it is found with less backtracking (-20%).
PLAIN = r"[A-Za-z][a-z]*(?![-&.'’\w])|[,.;:()\"“”‘-]"
SPACED_TOKEN = re.compile(rf"\s*(?:{PLAIN}|{TOKEN.pattern})")  # every character not a space is in a token
# Small words inside names: "Bank of England", "Ludwig van Beethoven", "Marks and Spencer".
JOINERS = frozenset("of de van von der den la le du del da al bin and & for the y".split())
POSSESSIVES = frozenset(("'s", "’s"))
WORDS_KEPT = 1 << 14  # words (and contexts) whose summed scores are kept between batches (and a batch's new ones)
FIRST_ROWS = 1 << 12  # room for summed scores to begin with, and what it grows by as needed
OFFSETS = (-2, -1, 1, 2)  # the neighbours whose features count
REACH = max(map(abs, OFFSETS))  # how far the farthest neighbour stands
EDGE = "<edge>"  # the neighbour beyond either end of the text
ASCII_KINDS = str.maketrans(
    string.ascii_uppercase + string.ascii_lowercase + string.digits, "X" * 26 + "x" * 26 + "d" * 10
)
PARTICLE_PREFIXES = ("al-", "el-", "bin-", "ibn-")
PARTICLE_FIRSTS = sorted({ord(prefix[0]) for prefix in PARTICLE_PREFIXES})
SENTENCE_ENDS = frozenset(".!?:;\"“”'‘’-–—(")
# A token holds no space and is read the same wherever its run of characters not spaces (its chunk)
# stands, but for an initial ending one: "J." is a token before a capital (SPACED_TOKEN's lookahead);
# such a chunk is tokenised with this after it, its token left out. Each distinct chunk is tokenised once.
INITIAL_CONTEXT = " A"
IS_SPACE = np.array([chr(code).isspace() for code in range(0x3002)])  # the last space is U+3000; above, none


class Hint(Protocol):
    """A name the rules found: where, of what type, and whether a cue (not a guess) says so."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def type(self) -> str: ...
    @property
    def strong(self) -> bool: ...


@lru_cache(maxsize=1 << 13)  # made for a word as the token scored and as a neighbour: once
def shape(word: str) -> str:
    """ "Xx", "XX", "X.X.", "d-d", "Xx-Xx": the word's kinds of characters, repeats collapsed."""
    if word.isascii():
        return _collapsed(word.translate(ASCII_KINDS))
    return _collapsed(
        "".join("X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch for ch in word)
    )


@lru_cache(maxsize=1 << 12)  # words of one shape and length have the same kinds ("Xxxxx"): a few hundred
def _collapsed(kinds: str) -> str:
    """The kinds of a word's characters, each run of one kind as one ("Xxxxx": "Xx")."""
    return "".join(kind for kind, _ in groupby(kinds))


# The cue-word classes, each word in the first that has it.
CUE_CLASSES = (
    ("title", TITLES),
    ("prole", PERSON_ROLES),
    ("orole", ORG_ROLES),
    ("oword", ORG_WORDS),
    ("pword", PLACE_WORDS),
    ("pprep", PLACE_PREPOSITIONS),
    ("ofollow", ORG_FOLLOWERS),
    ("work", WORK_NOUNS),
)
CUE_OF = {word: cue for cue, words in reversed(CUE_CLASSES) for word in words}  # an earlier class written last


def _cue(lower: str) -> str | None:
    """The cue-word class of a lower-cased word, if any."""
    return CUE_OF.get(lower)


@lru_cache(maxsize=1 << 13)  # made for a word as the token scored and as a neighbour: looked up once
def _gazetteer_flags(word: str) -> tuple[str, ...]:
    gaz = gazetteer()
    flags = []
    # In this order, each form once: a set's order (hence the flags', and the last bit of their sum) varied by run.
    forms = (word, title) if word.isupper() and len(word) > 3 and (title := word.title()) != word else (word,)
    for form in forms:
        capital = form[:1].isupper()  # most words looked up are not: they are looked for among few places
        if form in gaz.countries:
            flags.append("country")
        if (capital or form in gaz.uncapitalised_places) and (place := gaz.places.get(form)) is not None:
            flags.append("bigplace" if place[1] else "place")
        if capital and form in gaz.first_names:  # every first name begins with a capital (a test checks)
            flags.append("first")
    return tuple(flags)


# Words the training set writes in lower case (three times or more): a capitalised one opens a
# sentence or a title as often as it names something. Shipped with the weights, set when they load.
COMMON_WORDS: set[str] = set()


def own_features(word: str) -> tuple[str, ...]:
    """A word's features as the token scored: those of its own letters, then those of its kind."""
    return own_spelling(word) + own_kind(word)


SPELLING = ("w", "l", "x3", "x2", "p3")  # the names of `spelling`'s parts as features


def spelling(word: str) -> tuple[str, ...]:
    """What a word's own letters say as the token scored: the word, lower-cased, its ends."""
    lower = word.lower()
    return (word, lower, lower[-3:], lower[-2:], lower[:3])


def own_spelling(word: str) -> tuple[str, ...]:
    """The features of a word's own letters as the token scored (`spelling`)."""
    return tuple(f"{name}={part}" for name, part in zip(SPELLING, spelling(word), strict=True))


def own_kind(word: str) -> tuple[str, ...]:
    """The features a word shares with many others as the token scored: its shape, the gazetteers and
    cue words it is in, whether it is a function word, a demonym, a common word."""
    lower = word.lower()
    kind = [f"s={shape(word)}"]
    if word.isupper() and len(word) <= 4:
        kind.append(f"acr{len(word)}")
    kind += [f"g={flag}" for flag in _gazetteer_flags(word)]
    if (cue := _cue(lower)) is not None:
        kind.append(f"c={cue}")
    if lower in FUNCTION_WORDS:
        kind.append("fn")
    if is_demonym(word if not word.isupper() else word.title()):
        kind.append("demonym")
    if lower in COMMON_WORDS:
        kind.append("common")
    return tuple(kind)


def near_features(word: str) -> list[tuple[str, ...]]:
    """A word's features as the neighbour at each of OFFSETS: those of its lower case, then those of its kind."""
    return [own + kind for own, kind in zip(near_spelling(word), near_kind_features(near_kind(word)), strict=True)]


def near_spelling(word: str) -> list[tuple[str, ...]]:
    """The features of a word's lower case as the neighbour at each of OFFSETS."""
    lower = word.lower()
    return [(f"{offset}l={lower}",) for offset in OFFSETS]


def near_kind(word: str) -> tuple[str, ...]:
    """What a neighbour's features say beside its lower case: its shape (at every offset) and, next to
    the token, its cue word class, gazetteers and whether it is a common word capitalised."""
    lower = word.lower()
    kind = [f"s={shape(word)}"]
    if (cue := _cue(lower)) is not None:
        kind.append(f"c={cue}")
    kind += [f"g={flag}" for flag in _gazetteer_flags(word)]
    if word[:1].isupper() and lower in COMMON_WORDS:
        kind.append("common")
    return tuple(kind)


def near_kind_features(kind: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The features of a neighbour's kind (`near_kind`) at each of OFFSETS."""
    return [tuple(f"{offset}{feature}" for feature in (kind if abs(offset) == 1 else kind[:1])) for offset in OFFSETS]


def is_candidate(word: str) -> bool:
    """A word that may be part of a name by itself: capitalised, or a particle-led "al-Muhandis"."""
    return word[:1].isupper() or word.startswith(PARTICLE_PREFIXES)


@dataclass
class Tokens:
    """The tokens of texts tokenised together (a batch of them, or one), which of them are scored, and
    for each scored one, the features of its line, sentence, document and hints (its context)."""

    vocabulary: list[str]  # the words, each once, then EDGE
    place_of: dict[str, int]  # each word's place in `vocabulary`
    kind: Kinds  # what each word is
    ids: np.ndarray  # each token's word: its place in `vocabulary`
    ends: np.ndarray  # where each token ends in its text
    lines: np.ndarray  # each token's line, no two texts sharing one: a name never runs on to the next
    texts: np.ndarray  # each token's text
    candidates: np.ndarray  # the places of the tokens that are scored
    contexts: list[tuple[str, ...]]  # the candidates' contexts ("bias" and what stands around them), each once
    context_of: np.ndarray  # each candidate's context: its place in `contexts`

    @cached_property
    def words(self) -> list[str]:
        """Each token's word (a few are read as `vocabulary[ids[i]]`)."""
        return list(map(self.vocabulary.__getitem__, self.ids.tolist()))

    def context(self, place: int) -> tuple[str, ...]:
        """The context of the `place`th candidate."""
        return self.contexts[self.context_of[place]]

    def neighbours(self, places: np.ndarray) -> np.ndarray:
        """The words (places in `vocabulary`) at each of OFFSETS from these tokens, EDGE beyond their text."""
        around = places[:, None] + OFFSETS
        inside = np.clip(around, 0, len(self.ids) - 1)
        in_text = (around == inside) & (self.texts[inside] == self.texts[places][:, None])
        return np.where(in_text, self.ids[inside], len(self.vocabulary) - 1)


@dataclass
class Kinds:
    """What each word of a vocabulary is (arrays by its place): the facts tokenising reads of a word,
    worked out once for it rather than for each token."""

    candidate: np.ndarray  # `is_candidate`
    upper: np.ndarray  # begins with a capital
    letter: np.ndarray  # begins with a letter
    capitals: np.ndarray  # all in capitals, a letter not in lower case first
    figure: np.ndarray  # begins with a digit ("Channel 4")
    joiner: np.ndarray  # in JOINERS
    ends_sentence: np.ndarray  # in SENTENCE_ENDS
    possessive: np.ndarray  # in POSSESSIVES

    @classmethod
    def of(cls, vocabulary: list[str], place_of: dict[str, int], particles: bool) -> Kinds:
        """The kinds of these words, told apart by numpy by their first characters where ASCII (a map of a
        string method over them took as long as the method over the whole word); `particles`: whether
        any word may begin with one of PARTICLE_PREFIXES."""
        firsts = "".join(map(itemgetter(0), vocabulary))
        # A lone surrogate (a body is kept as written) is its own code: no letter, no figure.
        codes = np.frombuffer(firsts.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        upper, lower = (codes >= ord("A")) & (codes <= ord("Z")), (codes >= ord("a")) & (codes <= ord("z"))
        letter, figure = upper | lower, (codes >= ord("0")) & (codes <= ord("9"))
        for i in np.flatnonzero(codes > 127).tolist():
            first = firsts[i]
            upper[i], lower[i], letter[i], figure[i] = (
                first.isupper(),
                first.islower(),
                first.isalpha(),
                first.isdigit(),
            )
        candidate = upper.copy()
        if particles:  # read only the words that begin as a particle does
            maybe = np.flatnonzero(np.isin(codes, PARTICLE_FIRSTS)).tolist()
            led = map(methodcaller("startswith", PARTICLE_PREFIXES), map(vocabulary.__getitem__, maybe))
            candidate[maybe] = np.fromiter(led, bool, len(maybe))
        maybe = np.flatnonzero(letter & ~lower).tolist()  # a word all in capitals begins so
        capitals = np.zeros(len(codes), dtype=bool)
        capitals[maybe] = np.fromiter(map(str.isupper, map(vocabulary.__getitem__, maybe)), bool, len(maybe))

        def among(words: Iterable[str]) -> np.ndarray:
            found = np.zeros(len(codes), dtype=bool)
            found[[place_of[word] for word in words if word in place_of]] = True
            return found

        return cls(candidate, upper, letter, capitals, figure, among(JOINERS), among(SENTENCE_ENDS), among(POSSESSIVES))


def tokenise(text: str, hints: Sequence[Hint] = ()) -> Tokens:
    """The tokens of one text with its hints (`tokenise_all`)."""
    return tokenise_all([(text, hints)])


def tokenise_all(texts: Sequence[tuple[str, Sequence[Hint]]]) -> Tokens:
    """The tokens of texts, each with its hints, which of them are scored, and their contexts. The
    texts are tokenised as one, a line break between each two, which no token, lookahead or line
    crosses: each distinct chunk once (`_chunk_tokens`), its tokens laid out by numpy wherever it
    stands; what can be of each word is read once a word (`Kinds`), the rest of the scored tokens
    alone: most tokens are not scored."""
    joined = "\n".join(text for text, _ in texts)
    starts = np.fromiter(accumulate([len(text) + 1 for text, _ in texts], initial=0), np.intp, len(texts) + 1)
    chunks = joined.split()
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    spaces = np.concatenate(([True], IS_SPACE[np.minimum(codes, len(IS_SPACE) - 1)], [True]))
    chunk_starts, chunk_ends = np.flatnonzero(spaces[1:] != spaces[:-1]).reshape(-1, 2).T
    before_capital = _before_capital(codes, chunk_starts, chunk_ends)
    for place in before_capital.tolist():
        chunks[place] += INITIAL_CONTEXT
    # Each chunk once, given its place as it is first met by the dict's own factory: one lookup a chunk, in C.
    place_of_chunk: defaultdict[str, int] = defaultdict(count().__next__)
    chunk_of = np.fromiter(map(place_of_chunk.__getitem__, chunks), np.intp, len(chunks))
    context = np.zeros(len(place_of_chunk), dtype=bool)
    context[chunk_of[before_capital]] = True
    vocabulary, place_of, words, word_ends, firsts = _chunk_tokens(list(place_of_chunk), context)
    # Each chunk's tokens, those of its distinct chunk's, laid end to end.
    per_chunk = np.diff(firsts)[chunk_of]
    token_of = np.repeat(firsts[chunk_of] - np.cumsum(per_chunk) + per_chunk, per_chunk) + np.arange(per_chunk.sum())
    ids = words[token_of]
    ends = np.repeat(chunk_starts, per_chunk) + word_ends[token_of]
    lines = np.repeat(np.cumsum(codes == ord("\n"))[chunk_starts], per_chunk)  # the line breaks before each
    text_of = np.repeat(np.searchsorted(starts, chunk_starts, side="right") - 1, per_chunk)  # the last to start
    kind = Kinds.of(vocabulary, place_of, any(prefix in joined for prefix in PARTICLE_PREFIXES))
    candidates = np.flatnonzero(_candidates(kind, ids, lines))
    tokens = Tokens(vocabulary, place_of, kind, ids, ends - starts[text_of], lines, text_of, candidates, [], ids[:0])
    tokens.contexts, tokens.context_of = _contexts(tokens, starts, [hints for _, hints in texts])
    return tokens


def _before_capital(codes: np.ndarray, chunk_starts: np.ndarray, chunk_ends: np.ndarray) -> np.ndarray:
    """The chunks (each `codes[start:end]`) that end in an initial ("J.") standing before a capital
    after one space: the one lookahead of SPACED_TOKEN that reads past a chunk. Only the few chunks
    ending in a full stop with two characters after them are read further."""
    dotted = np.flatnonzero(codes[chunk_ends - 1] == ord("."))
    dotted = dotted[chunk_ends[dotted] + 1 < len(codes)]
    ends = chunk_ends[dotted]

    def capital(at: np.ndarray) -> np.ndarray:
        return (codes[at] >= ord("A")) & (codes[at] <= ord("Z"))

    initial = (ends - chunk_starts[dotted] >= 2) & capital(ends - 2)
    return dotted[initial & (codes[ends] == ord(" ")) & capital(ends + 1)]


def _chunk_tokens(
    chunks: list[str], context: np.ndarray
) -> tuple[list[str], dict[str, int], np.ndarray, np.ndarray, np.ndarray]:
    """The tokens of distinct chunks: the vocabulary (then EDGE) and each word's place in it; each
    token's word and where it ends in its chunk, in the order of their chunks; where each chunk's
    tokens begin (and, last, where they end). A chunk of letters and figures alone is one token; the
    others are tokenised together, those with INITIAL_CONTEXT after them (`context`) without its token."""
    lengths = np.fromiter(map(len, chunks), np.intp, len(chunks))
    alone = np.fromiter(map(str.isalnum, chunks), bool, len(chunks))
    split = np.flatnonzero(~alone)
    parts = list(map(chunks.__getitem__, split.tolist()))
    bounds = np.cumsum(lengths[split] + 1) - 1  # where each part ends, joined by line breaks
    pieces = SPACED_TOKEN.findall("\n".join(parts))
    ends = np.cumsum(np.fromiter(map(len, pieces), np.intp, len(pieces)))
    part = np.searchsorted(bounds, ends)
    kept = ends <= bounds[part] - len(INITIAL_CONTEXT) * context[split[part]]
    part = part[kept]
    whole = list(compress(chunks, alone.tolist()))  # each its own word, and no two alike (nor are the chunks)
    cut = list(map(str.lstrip, compress(pieces, kept.tolist())))
    chunk_of = np.concatenate((np.flatnonzero(alone), split[part]))
    order = np.argsort(chunk_of, kind="stable")
    word_ends = np.concatenate((lengths[alone], ends[kept] - bounds[part] + lengths[split[part]]))
    # The words of whole chunks placed first as they are, those cut from chunks by the dict's own factory
    # as first met: one lookup a word cut, in C.
    place_of_word: defaultdict[str, int] = defaultdict(count(len(whole)).__next__, zip(whole, count()))
    cut_places = np.fromiter(map(place_of_word.__getitem__, cut), np.intp, len(cut))
    places = np.concatenate((np.arange(len(whole)), cut_places))
    vocabulary = [*place_of_word, EDGE]
    place_of = dict(place_of_word)  # a plain dict: a word looked up and not there is not added
    firsts = np.searchsorted(chunk_of[order], np.arange(len(chunks) + 1))
    return vocabulary, place_of, places[order], word_ends[order], firsts


def _candidates(kind: Kinds, ids: np.ndarray, lines: np.ndarray) -> np.ndarray:
    """Which tokens are scored: the candidates (`is_candidate`) and the words that join them on their
    line: "of" and "de" between two, a figure after one ("Channel 4")."""
    scored = kind.candidate[ids]
    on_line = lines[1:] == lines[:-1]  # the token after each on its line
    before_candidate = np.append(scored[1:] & on_line, False)
    joining = scored[:-1] & on_line & (kind.figure[ids[1:]] | (kind.joiner[ids[1:]] & before_candidate[1:]))
    return scored | np.insert(joining, 0, False)


def _contexts(
    tokens: Tokens, starts: np.ndarray, hints: list[Sequence[Hint]]
) -> tuple[list[tuple[str, ...]], np.ndarray]:
    """The candidates' contexts, each once, and each candidate's: "bias"; "first" of its line or sentence;
    in a line in capitals ("capsline"), its shape there, and whether the text writes it in lower case
    too ("capsline&mixed"); its lower case written elsewhere in its text ("lowerseen"); the rules' name
    it is in (`_in_hints`); a possessive after it."""
    ids, lines, texts, kind, candidates = tokens.ids, tokens.lines, tokens.texts, tokens.kind, tokens.candidates
    words = ids[candidates]
    before, after = candidates - 1, np.minimum(candidates + 1, len(ids) - 1)
    first = (candidates == 0) | (lines[before] != lines[candidates]) | kind.ends_sentence[ids[before]]
    possessive = (after > candidates) & kind.possessive[ids[after]] & (texts[after] == texts[candidates])
    letters_in, capitals_in = np.bincount(lines, kind.letter[ids]), np.bincount(lines, kind.capitals[ids])
    in_capitals = ((letters_in > 0) & (capitals_in >= 0.7 * letters_in))[lines[candidates]]
    code = first + 2 * _lower_seen(tokens, words, texts[candidates]) + 4 * possessive
    labels, hinted = _in_hints(tokens, starts, hints)
    code += 8 * hinted
    unique, context_of = _distinct(np.where(in_capitals, -1 - np.arange(len(code)), code))
    contexts = []
    for key in unique.tolist():
        capitals: tuple[str, ...] = ()
        if key < 0:  # a candidate in a line in capitals, its context its own
            key = int(code[place := -1 - key])
            capitals = _capitals_context(tokens, int(candidates[place]))
        contexts.append(_context(key, capitals, labels))
    return contexts, context_of


def _context(key: int, capitals: tuple[str, ...], labels: list[str]) -> tuple[str, ...]:
    """The features of a context's key (1: first; 2: lowerseen; 4: possessive; 8 times the hint's) and
    of its line in capitals."""
    features = ["bias", *(("first",) if key & 1 else ()), *capitals]
    if key & 2:
        features += ("lowerseen", "first&lowerseen") if key & 1 else ("lowerseen",)
    if hint := key >> 3:
        features.append(f"r={'I' if hint & 1 else 'B'}-{labels[(hint - 2) // 2]}")
    if key & 4:
        features.append("possessive")
    return tuple(features)


def _lower_seen(tokens: Tokens, words: np.ndarray, texts: np.ndarray) -> np.ndarray:
    """Whether each of these words (places in the vocabulary) is written in lower case as a token of its text."""
    vocabulary, ids = tokens.vocabulary, tokens.ids
    edge = len(vocabulary) - 1  # no token's word
    distinct = _present(words, len(vocabulary))
    lowers = list(map(str.lower, map(vocabulary.__getitem__, distinct.tolist())))
    lower_of = np.full(len(vocabulary), edge)
    places = np.fromiter(map(tokens.place_of.get, lowers, repeat(edge)), np.intp, len(lowers))
    lower_of[distinct] = np.where(np.fromiter(map(str.islower, lowers), bool, len(lowers)), places, edge)
    wanted = np.zeros(len(vocabulary), dtype=bool)
    wanted[lower_of[distinct]] = True
    wanted[edge] = False
    written = np.flatnonzero(wanted[ids])
    # Each (text, word) as one number, looked for among the sorted ones.
    seen = np.sort(tokens.texts[written] * len(vocabulary) + ids[written])
    sought = texts * len(vocabulary) + lower_of[words]
    return seen[np.minimum(np.searchsorted(seen, sought), len(seen) - 1)] == sought if len(seen) else sought < 0


def _present(places: np.ndarray, size: int) -> np.ndarray:
    """The places (below `size`) that are among these, in order: np.unique's, which imports numpy.ma (8 ms)."""
    present = np.zeros(size, dtype=bool)
    present[places] = True
    return np.flatnonzero(present)


def _distinct(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """These values, each once and in order, and the place of each value among them: np.unique's (`_present`)."""
    order = np.argsort(values, kind="stable")
    ranked = values[order]
    first = np.empty(len(values), dtype=bool)
    first[:1] = True
    first[1:] = ranked[1:] != ranked[:-1]
    place = np.empty(len(values), dtype=np.intp)
    place[order] = np.cumsum(first) - 1
    return ranked[first], place


def _in_hints(tokens: Tokens, starts: np.ndarray, hints: list[Sequence[Hint]]) -> tuple[list[str], np.ndarray]:
    """The types the rules' names have ("org", or "person?" where the evidence was weak), and for each
    candidate, the name it is in: 0 for none, else 2 + 2 x its type's place + 1 past the name's first
    word. A candidate is in the first name of its text to end after its start, if that begins by it
    (the texts' names laid end to end as the texts are: `starts`, where each text starts)."""
    found, candidates = list(chain.from_iterable(hints)), tokens.candidates
    if not found or not len(candidates):
        return [], np.zeros(len(candidates), dtype=np.intp)
    # Each text's names in order of their starts (a name lies in its text: sorted where they stand in all).
    shift = np.repeat(starts[:-1], np.fromiter(map(len, hints), np.intp, len(hints)))
    firsts = shift + np.fromiter(map(attrgetter("start"), found), np.intp, len(found))
    order = np.argsort(firsts, kind="stable")
    firsts, lasts = firsts[order], (shift + np.fromiter(map(attrgetter("end"), found), np.intp, len(found)))[order]
    # Each type's label strong, then weak (2 x its place + 1): a name's worked out by numpy, not as a pair looked up.
    types = list(map(attrgetter("type"), found))
    place_of_type = {kind: place for place, kind in enumerate(dict.fromkeys(types))}
    labels = [label for kind in place_of_type for label in (kind, f"{kind}?")]
    weak = ~np.fromiter(map(attrgetter("strong"), found), bool, len(found))
    label_of = (2 * np.fromiter(map(place_of_type.__getitem__, types), np.intp, len(found)) + weak)[order]
    words = tokens.ids[candidates].tolist()
    lengths = np.fromiter(map(len, map(tokens.vocabulary.__getitem__, words)), np.intp, len(words))
    begins = tokens.ends[candidates] - lengths + starts[tokens.texts[candidates]]
    # The first name to end after a start: as the hints are read in order of their starts, ends need not be.
    at = np.searchsorted(np.maximum.accumulate(lasts), begins, side="right")
    name = np.minimum(at, len(firsts) - 1)
    name_first = firsts[name]
    inside = (at < len(firsts)) & (name_first <= begins)
    return labels, np.where(inside, 2 + 2 * label_of[name] + (name_first < begins), 0)


def _capitals_context(tokens: Tokens, candidate: int) -> tuple[str, ...]:
    """The context of a candidate in a line in capitals: its shape there, and whether its text writes
    it in small letters after a capital ("capsline&mixed")."""
    word = tokens.vocabulary[tokens.ids[candidate]]
    features = ("capsline", f"capsline&s={shape(word)}")
    titled = tokens.place_of.get(word.title())
    if titled is None or not tokens.kind.upper[titled] or word.title().isupper():
        return features
    first, last = np.searchsorted(tokens.texts, [tokens.texts[candidate], tokens.texts[candidate] + 1])
    return (*features, "capsline&mixed") if (tokens.ids[first:last] == titled).any() else features


def token_features(tokens: Tokens, place: int) -> list[str]:
    """Every feature of the `place`th candidate except the previous tag."""
    i = tokens.candidates[place]
    features = [*tokens.context(place), *own_features(tokens.words[i])]
    for use, near in enumerate(tokens.neighbours(np.array([i]))[0].tolist()):
        features += near_features(tokens.vocabulary[near])[use]
    return features


def names(tags: Sequence[int], tokens: Tokens) -> list[tuple[int, int, str, int]]:
    """(start, end, type, place of its first candidate) of the names that the candidates' tags mark,
    where they stand in their texts (`_names`)."""
    starts, ends, kinds, places = _names(tags, tokens)
    return list(
        zip(starts.tolist(), ends.tolist(), map(KIND_OF.__getitem__, kinds.tolist()), places.tolist(), strict=True)
    )


def _names(tags: Sequence[int] | np.ndarray, tokens: Tokens) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The start, end, tag and first candidate's place of each name that the candidates' tags mark. A
    name is a run of candidates tagged in one (a candidate outside ends it, as a gap does), each after
    the first tagged inside one of its type, next to the one before on its line; it begins with a word
    of its own, never a joining word ("the", "of") or a figure, and ends with a word of its own or a figure."""
    tag_of = np.asarray(tags, dtype=np.intp)  # each candidate's
    named = np.flatnonzero(tag_of != OUTSIDE)
    at, tag = tokens.candidates[named], tag_of[named]
    own = tokens.kind.candidate[tokens.ids[at]]
    follows = np.zeros(len(named), dtype=bool)  # tagged to go on with the name of the candidate before it
    follows[1:] = (
        IS_INSIDE[tag[1:]]
        & (KIND_CODE[tag[1:]] == KIND_CODE[tag[:-1]])
        & (at[1:] == at[:-1] + 1)
        & (tokens.lines[at[1:]] == tokens.lines[at[:-1]])
    )
    # A candidate is in a name where its own word begins one, or it goes on with one: through a joining
    # word or a figure, a run of them as long as there are (one, nearly always).
    in_name = own
    while True:
        goes_on = follows & np.insert(in_name[:-1], 0, False)
        if ((own | goes_on) == in_name).all():
            break
        in_name = own | goes_on
    begins = np.flatnonzero(~goes_on)  # each a name's first candidate, or a joining word's or figure's out of one
    ending = np.where(own | tokens.kind.figure[tokens.ids[at]], np.arange(len(named)), -1)
    last = np.maximum.reduceat(ending, begins) if len(begins) else begins
    first, last = begins[own[begins]], last[own[begins]]
    lengths = np.fromiter(map(len, map(tokens.vocabulary.__getitem__, tokens.ids[at[first]].tolist())), np.intp)
    return tokens.ends[at[first]] - lengths, tokens.ends[at[last]], tag[first], named[first]


Key = TypeVar("Key", bound=Hashable)
Tagged = tuple[int, int, str, float]  # a name the tagger found: start, end, type, margin


class Sums(Generic[Key]):
    """Summed scores kept by a key, each worked out once (by `summed`, for a list of new keys): a row
    of scores per tag for each of `width` uses of the key (a word as the token scored; a word as the
    neighbour at each offset; a candidate's features of line, document and hints)."""

    def __init__(self, width: int, summed: Callable[[list[Key]], np.ndarray]) -> None:
        self.summed = summed
        self.row_of: dict[Key, int] = {}
        self.rows = np.zeros((FIRST_ROWS, width, len(TAGS)))
        self.batches = np.zeros(FIRST_ROWS, dtype=np.int64)  # for each row, how many batches of texts used it

    def rows_for(self, keys: list[Key]) -> np.ndarray:
        """The rows of these keys, those of new keys added, each row counted as used once more."""
        rows = np.fromiter(map(self.row_of.get, keys, repeat(-1)), dtype=np.intp, count=len(keys))
        unknown = np.flatnonzero(rows < 0)  # one lookup a kept key, not a set of them all taken from the kept
        if len(unknown):
            new = list(map(keys.__getitem__, unknown.tolist()))
            self._add(list(dict.fromkeys(new)))
            rows[unknown] = np.fromiter(map(self.row_of.__getitem__, new), dtype=np.intp, count=len(new))
        self.batches[rows] += 1  # once for a row however often it is in `rows`
        return rows

    def scores(self, keys: list[Key]) -> np.ndarray:
        """The summed scores of these keys: (keys, width, tags)."""
        return self.rows[self.rows_for(keys)]

    def _add(self, keys: list[Key]) -> None:
        sums = self.summed(keys).reshape(len(keys), *self.rows.shape[1:])
        first = len(self.row_of)
        if first + len(keys) > len(self.rows):
            # Grown by as many FIRST_ROWS as needed, not doubled: the neighbours' rows went from 16,384 to 32,768
            # (9.4 MB) where the kept ones and a batch's new ones needed some 20,000.
            missing = first + len(keys) - len(self.rows)
            more = (missing + FIRST_ROWS - 1) // FIRST_ROWS * FIRST_ROWS
            self.rows = np.concatenate((self.rows, np.zeros((more, *self.rows.shape[1:]))))
            self.batches = np.concatenate((self.batches, np.zeros(more, dtype=np.int64)))
        self.rows[first : first + len(keys)] = sums
        self.row_of.update(zip(keys, range(first, first + len(keys)), strict=True))

    def forget(self, kept: int) -> None:
        """Keep the three quarters of `kept` keys that the most batches of texts used, if more than `kept`
        are kept (between batches: a batch's rows stay while it is tagged); the counts halve, so that old
        use fades. Keeping half, a third of the neighbours' sums were worked out again, forgotten before."""
        if len(self.row_of) <= kept:
            return
        keys = list(self.row_of)  # in the order of their rows
        chosen = np.argsort(-self.batches[: len(keys)], kind="stable")[: kept * 3 // 4]
        self.row_of = {keys[row]: place for place, row in enumerate(chosen.tolist())}
        # Moved up in place: room made again (and its pages first written) took longer than the rows' copy.
        self.rows[: len(chosen)] = self.rows[chosen]
        self.batches[: len(chosen)] = self.batches[chosen] // 2
        self.batches[len(chosen) :] = 0


@dataclass
class Spelt:
    """The rows of the weights of a word's spelling features (`own_spelling`, `near_spelling`), found
    from its spelling: a dict lookup each, where a feature's string was made to be looked up."""

    own: list[dict[str, int]]  # for each part of `spelling`, the rows by the part
    near_place: dict[str, int]  # each lower case weighed as a neighbour: its place in `near`
    near: np.ndarray  # the rows of each such lower case (then of none) at each of OFFSETS: one lookup, not four
    unweighed: int  # the row of zeros

    @classmethod
    def of(cls, index: dict[str, int], unweighed: int) -> Spelt:
        """The spelling features' rows of a model's `index` of features."""
        offset_of = {use[0].partition("=")[0]: offset for offset, use in enumerate(near_spelling(""))}
        own: dict[str, dict[str, int]] = {name: {} for name in SPELLING}
        near_place: dict[str, int] = {}
        near: list[tuple[int, int, int]] = []  # (place, offset, row)
        for feature, row in index.items():
            name, _, part = feature.partition("=")
            if (rows := own.get(name)) is not None:
                rows[part] = row
            elif (offset := offset_of.get(name)) is not None:
                near.append((near_place.setdefault(part, len(near_place)), offset, row))
        places, offsets, weighed = np.array(near, dtype=np.intp).reshape(-1, 3).T
        near_rows = np.full((len(near_place) + 1, len(OFFSETS)), unweighed)
        near_rows[places, offsets] = weighed
        return cls([own[name] for name in SPELLING], near_place, near_rows, unweighed)

    def own_rows(self, words: list[str]) -> np.ndarray:
        """The rows of each word's `own_spelling` features: (words, features)."""
        absent = repeat(self.unweighed)
        parts = zip(*map(spelling, words), strict=True)
        rows = chain.from_iterable(map(table.get, part, absent) for table, part in zip(self.own, parts, strict=True))
        return np.fromiter(rows, np.intp, len(self.own) * len(words)).reshape(len(self.own), len(words)).T

    def near_rows(self, words: list[str]) -> np.ndarray:
        """The row of each word's `near_spelling` feature at each offset: (words, offsets)."""
        none = repeat(len(self.near) - 1)
        return self.near[np.fromiter(map(self.near_place.get, map(str.lower, words), none), np.intp, len(words))]


class Tagger:
    """The trained weights: feature → a row of scores, one per tag; and previous tag → such a row.

    The weights are float16 (multiples of 2**-24 under 2**15) and their sums float64, which holds
    any sum of thousands of them exactly: a score is the same whatever the order its features are
    added in, so that a word's features are summed in parts, each kept for the words that share it."""

    def __init__(self, features: Sequence[str], weights: np.ndarray, transitions: np.ndarray) -> None:
        self.index = {feature: row for row, feature in enumerate(features)}
        # One more row, of zeros: what a feature training never weighed adds.
        self.weights = np.vstack((weights.astype(np.float64), np.zeros(len(TAGS))))
        self.spelt = Spelt.of(self.index, len(self.weights) - 1)
        self.transitions = transitions.astype(np.float64)
        self.start = self.transitions[OUTSIDE] + ALLOWED[OUTSIDE]  # a run's first tag comes after an outside one
        # What a word brings as the token scored and as the neighbour at each offset (apart: most
        # neighbours are never scored themselves), each the sum of what its letters bring and what
        # its kind brings (kept apart: many words share a kind); and what a token's features of
        # line, document and hints bring.
        self.own_kinds: Sums[tuple[str, ...]] = Sums(1, self.weigh)
        self.words: Sums[str] = Sums(1, self._own_sums)
        self.near_kinds: Sums[tuple[str, ...]] = Sums(
            len(OFFSETS), lambda kinds: self.weigh([use for kind in kinds for use in near_kind_features(kind)])
        )
        self.neighbours: Sums[str] = Sums(len(OFFSETS), self._near_sums)
        self.contexts: Sums[tuple[str, ...]] = Sums(1, self.weigh)

    def knows(self, word: str) -> bool:
        """Whether training left a weight on the word itself (it saw the word, and it mattered)."""
        return f"w={word}" in self.index

    def weigh(self, groups: Sequence[Iterable[str]]) -> np.ndarray:
        """The summed weights of each group of features: (groups, tags)."""
        index, unweighed = self.index, len(self.weights) - 1
        rows = [[index.get(feature, unweighed) for feature in group] for group in groups]
        # The arrays made by fromiter: numpy reads a list an element at a time (it took longer than the sums).
        lengths = np.fromiter(map(len, rows), dtype=np.intp, count=len(rows))
        # The groups' rows side by side, each padded with the row of zeros: np.add.reduceat took 3 µs a group.
        padded = np.full((len(rows), lengths.max(initial=0)), unweighed)
        padded[np.arange(padded.shape[1]) < lengths[:, None]] = np.fromiter(
            chain.from_iterable(rows), dtype=np.intp, count=int(lengths.sum())
        )
        return self.weights[padded].sum(axis=1)

    def _own_sums(self, words: list[str]) -> np.ndarray:
        """What these words bring as the token scored: their letters' features and their kinds'."""
        letters = self.weights[self.spelt.own_rows(words)].sum(axis=1)
        return letters + self.own_kinds.scores(list(map(own_kind, words)))[:, 0]

    def _near_sums(self, words: list[str]) -> np.ndarray:
        """What these words bring as the neighbour at each offset: their lower case's features and their kinds'."""
        return self.weights[self.spelt.near_rows(words)] + self.near_kinds.scores(list(map(near_kind, words)))

    def tag(self, text: str, hints: Sequence[Hint] = ()) -> list[Tagged]:
        """The names in a text as (start, end, type, margin), the rules' names given as hints; the
        margin is how much the best tags outscore the best that leave the name's first word out."""
        return self.tag_all([(text, hints)])[0]

    def tag_all(self, texts: Sequence[tuple[str, Sequence[Hint]]]) -> list[list[Tagged]]:
        """`tag` of several texts, each with its hints: tokenised, scored and decoded together, so that
        numpy's cost of a call (dozens of calls) is paid once for them all, not once a text."""
        tokens = tokenise_all(texts)
        for sums in (self.words, self.own_kinds, self.neighbours, self.near_kinds, self.contexts):
            sums.forget(WORDS_KEPT)
        if not len(tokens.candidates):
            return [[] for _ in texts]
        tags, doubt = decode(self._scores(tokens), self.start, self.transitions, runs(tokens))
        starts, ends, kinds, places = _names(tags, tokens)
        tagged = zip(
            starts.tolist(),
            ends.tolist(),
            map(KIND_OF.__getitem__, kinds.tolist()),
            doubt[places].tolist(),
            strict=True,
        )
        found = list(tagged)
        text_of = tokens.texts[tokens.candidates[places]]
        bounds = np.searchsorted(text_of, np.arange(len(texts) + 1)).tolist()
        return [found[first:last] for first, last in pairwise(bounds)]

    def _scores(self, tokens: Tokens) -> np.ndarray:
        """Each candidate's scores from its own word, its neighbours' and its context, each word's and
        context's sums looked up once for the texts (and worked out where new); the other words are never read."""
        own = _rows(self.words, tokens.vocabulary, tokens.ids[tokens.candidates])
        near = _rows(self.neighbours, tokens.vocabulary, tokens.neighbours(tokens.candidates))
        scores = self.words.rows[own, 0]
        for use in range(len(OFFSETS)):
            scores += self.neighbours.rows[near[:, use], use]
        return scores + self.contexts.rows[self.contexts.rows_for(tokens.contexts)[tokens.context_of], 0]


def _rows(sums: Sums[str], vocabulary: list[str], places: np.ndarray) -> np.ndarray:
    """The rows in `sums` of the words at these places in the vocabulary, each word looked up once."""
    distinct = _present(places, len(vocabulary))
    rows = np.zeros(len(vocabulary), dtype=np.intp)
    rows[distinct] = sums.rows_for(list(map(vocabulary.__getitem__, distinct.tolist())))
    return rows[places]


def runs(tokens: Tokens) -> np.ndarray:
    """The candidates in runs of neighbouring tokens of one text, as rows of (first, last + 1) places:
    a name lies in one."""
    candidates = tokens.candidates
    breaks = np.flatnonzero((np.diff(candidates) != 1) | (np.diff(tokens.texts[candidates]) != 0)) + 1
    return np.column_stack((np.insert(breaks, 0, 0), np.append(breaks, len(candidates))))


def _allowed() -> np.ndarray:
    """Transitions that make no name (an inside tag after a tag of another type) score minus infinity."""
    mask = np.zeros((len(TAGS), len(TAGS)), dtype=np.float32)
    for before, previous in enumerate(TAGS):
        for after, tag in enumerate(TAGS):
            if tag.startswith("I-") and previous[2:] != tag[2:]:
                mask[before, after] = -np.inf
    return mask


ALLOWED = _allowed()


def viterbi(emissions: np.ndarray, transitions: np.ndarray) -> list[int]:
    """The best tags of one run of candidates: emission scores plus the scores of each tag after the
    one before, the run starting after an outside tag."""
    transitions = transitions + ALLOWED
    score = emissions[0] + transitions[OUTSIDE]
    back = []
    for emission in emissions[1:]:
        total = score[:, None] + transitions
        best = total.argmax(axis=0)
        back.append(best)
        score = total[best, np.arange(len(TAGS))] + emission
    tag = int(score.argmax())
    path = [tag]
    for best in reversed(back):
        tag = int(best[tag])
        path.append(tag)
    return path[::-1]


def decode(
    emissions: np.ndarray, start: np.ndarray, transitions: np.ndarray, spans: np.ndarray | Sequence[tuple[int, int]]
) -> tuple[np.ndarray, np.ndarray]:
    """The best tags of every candidate, and how much better the best path of its run is than the
    best one that leaves it outside a name: max-marginals, forward and backward, all the runs decoded
    together a step at a time, the longest first so that the runs still going at a step are the first
    ones (a run of one needs no more than its own scores). The scores are sums of float16 weights in
    float64, which are exact: the same in any order."""
    spans = np.asarray(spans).reshape(-1, 2)
    lengths = spans[:, 1] - spans[:, 0]
    longest_first = np.argsort(-lengths, kind="stable")
    firsts = spans[longest_first, 0]
    going = np.searchsorted(-lengths[longest_first], -np.arange(lengths.max(initial=0))).tolist()
    places = [firsts[:count] + step for step, count in enumerate(going)]  # the candidates at each step
    scores = [emissions[at] for at in places]
    allowed = transitions + ALLOWED
    forward = [scores[0] + start]
    for step in range(1, len(going)):
        forward.append((forward[-1][: going[step], :, None] + allowed).max(axis=1) + scores[step])
    backward = [np.zeros_like(scores[-1])]  # nothing after a run's last candidate
    for step in range(len(going) - 2, -1, -1):
        after = np.zeros_like(scores[step])
        after[: going[step + 1]] = (allowed + (scores[step + 1] + backward[-1])[:, None, :]).max(axis=2)
        backward.append(after)
    marginals = np.concatenate([ahead + behind for ahead, behind in zip(forward, reversed(backward), strict=True)])
    order = np.concatenate(places)
    tags, doubt = np.empty(len(emissions), dtype=np.intp), np.empty(len(emissions))
    tags[order] = marginals.argmax(axis=1)
    doubt[order] = marginals.max(axis=1) - marginals[:, OUTSIDE]
    return tags, doubt


@cache
def tagger() -> Tagger:
    """The shipped model, loaded once per process."""
    with resources.files("newsreader.analysis").joinpath(MODEL).open("rb") as stream:
        data = np.load(stream)
        features = data["features"].tobytes().decode("utf-8").split("\n")
        use_common_words(data["common"].tobytes().decode("utf-8").split("\n"))
        return Tagger(features, data["weights"], data["transitions"])


def use_common_words(words: Iterable[str]) -> None:
    """Take these as the common words (the model's, or the training script's before it trains)."""
    COMMON_WORDS.clear()
    COMMON_WORDS.update(words)
