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
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import accumulate, chain, groupby, repeat
from operator import itemgetter
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
MODEL = "tagger.npz"

ABBREVIATIONS = r"(?:Mr|Mrs|Ms|Dr|Lt|Gen|Col|Maj|Capt|Sgt|St|Sen|Rep|Gov|Prof|Rev|Jr|Sr|Mt|Ft|Inc|Corp|Co|Ltd|No)\."
# The lookahead spares the engine the capitalised forms at every other position (40% faster).
TOKEN = re.compile(
    rf"(?=[A-Z])(?:{ABBREVIATIONS}|(?:[A-Z]\.){{2,}}|[A-Z]\.(?= ?[A-Z])"
    r"|[A-Z]\w*(?:(?:-(?=[A-Z\d])|[&.]|['’](?![sS]\b))\w+)*)"
    r"|\w+(?:(?:[-&.]|['’](?![sS]\b))\w+)*|['’][sS]\b|\S"
)
SPACED_TOKEN = re.compile(rf"\s*(?:{TOKEN.pattern})")  # every character not a space is in a token
# Small words inside names: "Bank of England", "Ludwig van Beethoven", "Marks and Spencer".
JOINERS = frozenset("of de van von der den la le du del da al bin and & for the y".split())
POSSESSIVES = frozenset(("'s", "’s"))
WORDS_KEPT = 1 << 14  # words (and contexts) whose summed scores are kept between batches: their rows, 12 MB at most
FIRST_ROWS = 1 << 12  # room for summed scores to begin with, doubled as needed
OFFSETS = (-2, -1, 1, 2)  # the neighbours whose features count
REACH = max(map(abs, OFFSETS))  # how far the farthest neighbour stands
EDGE = "<edge>"  # the neighbour beyond either end of the text
ASCII_KINDS = str.maketrans(
    string.ascii_uppercase + string.ascii_lowercase + string.digits, "X" * 26 + "x" * 26 + "d" * 10
)
PARTICLE_PREFIXES = ("al-", "el-", "bin-", "ibn-")
SENTENCE_ENDS = frozenset(".!?:;\"“”'‘’-–—(")
NEWLINE = re.compile("\n")


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


def _joins(words: list[str], line_of: list[int], i: int) -> bool:
    """A word that is part of a name only beside capitalised words: "of" and "de" between two, a
    figure after one ("Channel 4")."""
    if i == 0 or not is_candidate(words[i - 1]) or line_of[i - 1] != line_of[i]:
        return False
    word = words[i]
    if word[:1].isdigit():
        return True
    return (
        word.lower() in JOINERS and i + 1 < len(words) and is_candidate(words[i + 1]) and line_of[i + 1] == line_of[i]
    )


@dataclass
class Tokens:
    """A text's tokens and, for each, the features that depend on where it stands."""

    words: list[str]
    ends: list[int]  # where each token ends in the text
    lines: list[int]  # each token's line: a name never runs on to the next
    candidates: list[int]  # the places of the tokens that are scored
    context: list[list[str]]  # for each candidate, its features of line, sentence and document


def tokenise(text: str, hints: Sequence[Hint] = ()) -> Tokens:
    """The tokens of a text, which of them are scored, and their features of line, document and
    hints: the rules' names ("r=B-org" on the first word of a name the rules call an organisation
    by a cue, "r=I-person?" inside one they call a person by weaker evidence)."""
    # The passes over all the tokens are maps in C, each about 200 instructions a token, or numpy's over
    # their first characters: most tokens are not scored.
    pieces = SPACED_TOKEN.findall(text, 0, len(text.rstrip()))  # each token with the spaces before it
    words = list(map(str.lstrip, pieces))
    if not words:
        return Tokens([], [], [], [], [])
    count = len(words)
    # fromiter: 3x as fast as numpy reading a list. The newlines before a token's end are those before its start.
    ends_at = np.fromiter(accumulate(map(len, pieces)), dtype=np.intp, count=count)
    ends = ends_at.tolist()
    lines = np.searchsorted([match.start() for match in NEWLINE.finditer(text)], ends_at)
    line_of = lines.tolist()
    seen = set(words)  # a candidate's lower case is looked up here, and is lower case (faster than a set of those)
    initial = Initials.of(words)
    capitals = _in_capitals(words, lines, initial)
    scored = np.flatnonzero(initial.upper).tolist()  # `is_candidate`, a capital first, for all the tokens at once
    mixed = {w for w in map(words.__getitem__, scored) if not w.isupper()} if capitals else set()
    if any(prefix in text for prefix in PARTICLE_PREFIXES):
        scored = sorted(set(scored) | {i for i, w in enumerate(words) if w.startswith(PARTICLE_PREFIXES)})
    joining = [
        i + 1
        for i in scored
        if i + 1 < count and (words[i + 1] in JOINERS or words[i + 1][0].isdigit()) and _joins(words, line_of, i + 1)
    ]
    candidates = sorted({*scored, *joining}) if joining else scored
    context = []
    hints = sorted(hints, key=lambda hint: hint.start)
    next_hint = 0
    for i in candidates:
        word = words[i]
        features = []
        first = i == 0 or line_of[i - 1] != line_of[i] or words[i - 1] in SENTENCE_ENDS
        if first:
            features.append("first")
        if line_of[i] in capitals:
            features.append("capsline")
            features.append(f"capsline&s={shape(word)}")
            if word.title() in mixed:
                features.append("capsline&mixed")
        lower = word.lower()
        if lower in seen and lower.islower():
            features.append("lowerseen")
            if first:
                features.append("first&lowerseen")
        start = ends[i] - len(word)
        while next_hint < len(hints) and hints[next_hint].end <= start:
            next_hint += 1
        if next_hint < len(hints) and (hint := hints[next_hint]).start <= start:
            place = "B" if hint.start == start else "I"
            features.append(f"r={place}-{hint.type}{'' if hint.strong else '?'}")
        context.append(features)
    return Tokens(words, ends, line_of, candidates, context)


@dataclass
class Initials:
    """What the first character of each token is: a letter, a capital, a small letter."""

    letter: np.ndarray
    upper: np.ndarray
    lower: np.ndarray

    @classmethod
    def of(cls, words: list[str]) -> Initials:
        """The first characters of these tokens, told apart by numpy where they are ASCII (a map of a
        string method over them took as long as the method over the whole token)."""
        firsts = "".join(map(itemgetter(0), words))
        codes = np.frombuffer(firsts.encode("utf-32-le"), dtype=np.uint32)
        upper, lower = (codes >= ord("A")) & (codes <= ord("Z")), (codes >= ord("a")) & (codes <= ord("z"))
        initials = cls(upper | lower, upper, lower)
        for i in np.flatnonzero(codes > 127).tolist():
            first = firsts[i]
            initials.letter[i], initials.upper[i], initials.lower[i] = first.isalpha(), first.isupper(), first.islower()
        return initials


def _in_capitals(words: list[str], lines: np.ndarray, initial: Initials) -> set[int]:
    """The lines nearly all in capitals, of the words that begin with a letter: headlines and datelines of wire copy."""
    maybe = np.flatnonzero(initial.letter & ~initial.lower).tolist()  # a word all in capitals begins so
    capitals = np.zeros(len(words), dtype=bool)
    capitals[maybe] = np.fromiter(map(str.isupper, map(words.__getitem__, maybe)), dtype=bool, count=len(maybe))
    letters_in, capitals_in = np.bincount(lines, initial.letter), np.bincount(lines, capitals)
    return set(np.flatnonzero((letters_in > 0) & (capitals_in >= 0.7 * letters_in)).tolist())


def token_features(tokens: Tokens, place: int) -> list[str]:
    """Every feature of the `place`th candidate except the previous tag."""
    i = tokens.candidates[place]
    words = tokens.words
    count = len(words)
    features = ["bias", *own_features(words[i]), *tokens.context[place]]
    for use, offset in enumerate(OFFSETS):
        j = i + offset
        features += near_features(words[j] if 0 <= j < count else EDGE)[use]
    if i + 1 < count and words[i + 1] in POSSESSIVES:
        features.append("possessive")
    return features


def names(tags: Sequence[int], tokens: Tokens) -> Iterator[tuple[int, int, str, int]]:
    """(start, end, type, place of its first candidate) of the names that the candidates' tags mark;
    a name begins and ends with a word of its own, never with a joining word ("the", "of") or a figure."""
    start = end = first = -1
    kind = ""
    previous = -2
    candidates, words, ends, lines = tokens.candidates, tokens.words, tokens.ends, tokens.lines
    for place, tag in enumerate(tags):
        i = candidates[place]
        word = words[i]
        same_line = previous == i - 1 and lines[i] == lines[previous]
        continues = INSIDE[tag] and KIND_OF[tag] == kind and same_line
        if not continues:
            if kind:
                yield start, end, kind, first
            kind = "" if tag == OUTSIDE or not is_candidate(word) else KIND_OF[tag]
            start, first = ends[i] - len(word), place
        if kind and (is_candidate(word) or word[:1].isdigit()):
            end = ends[i]
        previous = i
    if kind:
        yield start, end, kind, first


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
        new = list(set(keys).difference(self.row_of))
        if new:
            self._add(new)
        rows = np.fromiter(map(self.row_of.__getitem__, keys), dtype=np.intp, count=len(keys))
        self.batches[rows] += 1  # once for a row however often it is in `rows`
        return rows

    def scores(self, keys: list[Key]) -> np.ndarray:
        """The summed scores of these keys: (keys, width, tags)."""
        return self.rows[self.rows_for(keys)]

    def _add(self, keys: list[Key]) -> None:
        sums = self.summed(keys).reshape(len(keys), *self.rows.shape[1:])
        first = len(self.row_of)
        while first + len(keys) > len(self.rows):
            self.rows = np.concatenate((self.rows, np.zeros_like(self.rows)))
            self.batches = np.concatenate((self.batches, np.zeros_like(self.batches)))
        self.rows[first : first + len(keys)] = sums
        self.row_of.update(zip(keys, range(first, first + len(keys)), strict=True))

    def forget(self, kept: int) -> None:
        """Keep the half of `kept` keys that the most batches of texts used, if more than `kept` are kept
        (between batches: a batch's rows stay while it is tagged); the counts halve, so that old use fades."""
        if len(self.row_of) <= kept:
            return
        keys = list(self.row_of)  # in the order of their rows
        chosen = np.argsort(-self.batches[: len(keys)], kind="stable")[: kept // 2]
        self.row_of = {keys[row]: place for place, row in enumerate(chosen.tolist())}
        size = max(FIRST_ROWS, len(chosen))
        self.rows, rows = np.zeros((size, *self.rows.shape[1:])), self.rows[chosen]
        self.rows[: len(rows)] = rows
        self.batches, batches = np.zeros(size, dtype=np.int64), self.batches[chosen] // 2
        self.batches[: len(batches)] = batches


@dataclass
class Spelt:
    """The rows of the weights of a word's spelling features (`own_spelling`, `near_spelling`), found
    from its spelling: a dict lookup each, where a feature's string was made to be looked up."""

    own: list[dict[str, int]]  # for each part of `spelling`, the rows by the part
    near: list[dict[str, int]]  # for each of OFFSETS, the rows by a neighbour's lower case
    unweighed: int  # the row of zeros

    @classmethod
    def of(cls, index: dict[str, int], unweighed: int) -> Spelt:
        """The spelling features' rows of a model's `index` of features."""
        near_names = [use[0].partition("=")[0] for use in near_spelling("")]
        rows_of: dict[str, dict[str, int]] = {name: {} for name in (*SPELLING, *near_names)}
        for feature, row in index.items():
            name, _, part = feature.partition("=")
            if (rows := rows_of.get(name)) is not None:
                rows[part] = row
        return cls([rows_of[name] for name in SPELLING], [rows_of[name] for name in near_names], unweighed)

    def own_rows(self, words: list[str]) -> np.ndarray:
        """The rows of each word's `own_spelling` features: (words, features)."""
        return self._rows(self.own, zip(*map(spelling, words), strict=True))

    def near_rows(self, words: list[str]) -> np.ndarray:
        """The row of each word's `near_spelling` feature at each offset: (words, offsets)."""
        return self._rows(self.near, [list(map(str.lower, words))] * len(OFFSETS))

    def _rows(self, tables: list[dict[str, int]], keys: Iterable[Sequence[str]]) -> np.ndarray:
        """Each table's rows of its keys, side by side: (keys, tables)."""
        absent = repeat(self.unweighed)
        return np.array([list(map(table.get, column, absent)) for table, column in zip(tables, keys, strict=True)]).T


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
        """`tag` of several texts, each with its hints: their candidates scored and decoded together, so
        that numpy's cost of a call (dozens of calls) is paid once for them all, not once a text."""
        every = [tokenise(text, hints) for text, hints in texts]
        for sums in (self.words, self.own_kinds, self.neighbours, self.near_kinds, self.contexts):
            sums.forget(WORDS_KEPT)
        laid = Laid.of(every)
        if not laid.candidates:
            return [[] for _ in every]
        emissions = self._word_scores(laid) + self._context_scores(laid)
        tags, doubt = decode(emissions, self.start, self.transitions, runs(laid.candidates))
        found = []
        first = 0
        for tokens in every:
            last = first + len(tokens.candidates)
            spans = names(tags[first:last], tokens)
            found.append([(start, end, kind, doubt[first + place]) for start, end, kind, place in spans])
            first = last
        return found

    def _word_scores(self, laid: Laid) -> np.ndarray:
        """Each candidate's scores from its own word and its neighbours' (the candidates' words added
        to `words` and their neighbours' to `neighbours` where new; the other words are never read)."""
        words, candidates = laid.words, laid.candidates
        own = self.words.rows_for([words[i] for i in candidates])
        around = [words[i + offset] for i in candidates for offset in OFFSETS]  # each candidate's neighbours
        near = self.neighbours.rows_for(around).reshape(-1, len(OFFSETS))
        scores = self.words.rows[own, 0]
        for use in range(len(OFFSETS)):
            scores += self.neighbours.rows[near[:, use], use]
        return scores

    def _context_scores(self, laid: Laid) -> np.ndarray:
        """Each candidate's scores from its features of line, document and hints, and a possessive after it."""
        words = laid.words
        keys = [
            ("bias", *features, "possessive") if words[i + 1] in POSSESSIVES else ("bias", *features)
            for i, features in zip(laid.candidates, laid.context, strict=True)
        ]
        return self.contexts.scores(keys)[:, 0]


@dataclass
class Laid:
    """Texts' tokens laid end to end, `REACH` edges before, between and after them (the neighbours
    beyond a text's ends), to be scored together: their words, and the candidates' places and context."""

    words: list[str]
    candidates: list[int]
    context: list[list[str]]

    @classmethod
    def of(cls, every: Sequence[Tokens]) -> Laid:
        """These texts' tokens laid end to end."""
        edges = [EDGE] * REACH
        words = edges.copy()
        candidates: list[int] = []
        for tokens in every:
            candidates += map(len(words).__add__, tokens.candidates)
            words += tokens.words
            words += edges
        return cls(words, candidates, [features for tokens in every for features in tokens.context])


def runs(candidates: Sequence[int]) -> np.ndarray:
    """The candidates in runs of neighbouring tokens, as rows of (first, last + 1) places: a name lies in one."""
    breaks = np.flatnonzero(np.diff(candidates) != 1) + 1
    return np.column_stack(((0, *breaks), (*breaks, len(candidates))))


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
) -> tuple[list[int], list[float]]:
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
    return tags.tolist(), doubt.tolist()


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
