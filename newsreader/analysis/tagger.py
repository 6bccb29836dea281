"""A trained name tagger: each capitalised token is the beginning, inside or outside of a name, and of what type.

An averaged perceptron over features of the token and its neighbours (the words, their shapes, the
gazetteers and the cue words of news writing), of the line (all in capitals: a headline or dateline) and
of the document (the word seen in lower case elsewhere) and the rules' names as hints, decoded by
Viterbi with a score for each tag after each other. Only capitalised tokens, and the small words
that join them ("Bank of England"), are scored: every other token is outside a name, so that a body's
cost grows with its names, not its length. The weights are trained by scripts/train_entities.py
from CoNLL-2003's training set.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Protocol

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
MODEL = "tagger.npz"

ABBREVIATIONS = r"(?:Mr|Mrs|Ms|Dr|Lt|Gen|Col|Maj|Capt|Sgt|St|Sen|Rep|Gov|Prof|Rev|Jr|Sr|Mt|Ft|Inc|Corp|Co|Ltd|No)\."
# The lookahead spares the engine the capitalised forms at every other position (40% faster).
TOKEN = re.compile(
    rf"(?=[A-Z])(?:{ABBREVIATIONS}|(?:[A-Z]\.){{2,}}|[A-Z]\.(?= ?[A-Z])"
    r"|[A-Z]\w*(?:(?:-(?=[A-Z\d])|[&.]|['’](?![sS]\b))\w+)*)"
    r"|\w+(?:(?:[-&.]|['’](?![sS]\b))\w+)*|['’][sS]\b|\S"
)
# Small words inside names: "Bank of England", "Ludwig van Beethoven", "Marks and Spencer".
JOINERS = frozenset("of de van von der den la le du del da al bin and & for the y".split())
POSSESSIVES = frozenset(("'s", "’s"))
SUMS_KEPT = 1 << 16  # summed scores kept at once (4.7 MB): words at each offset, and contexts
PARTICLE_PREFIXES = ("al-", "el-", "bin-", "ibn-")
SENTENCE_ENDS = frozenset(".!?:;\"“”'‘’-–—(")


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


def shape(word: str) -> str:
    """ "Xx", "XX", "X.X.", "d-d", "Xx-Xx": the word's kinds of characters, repeats collapsed."""
    out: list[str] = []
    for ch in word:
        kind = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out)


def _cue(lower: str) -> str | None:
    """The cue-word class of a lower-cased word, if any."""
    if lower in TITLES:
        return "title"
    if lower in PERSON_ROLES:
        return "prole"
    if lower in ORG_ROLES:
        return "orole"
    if lower in ORG_WORDS:
        return "oword"
    if lower in PLACE_WORDS:
        return "pword"
    if lower in PLACE_PREPOSITIONS:
        return "pprep"
    if lower in ORG_FOLLOWERS:
        return "ofollow"
    if lower in WORK_NOUNS:
        return "work"
    return None


def _gazetteer_flags(word: str) -> list[str]:
    gaz = gazetteer()
    flags = []
    for form in {word, word.title()} if word.isupper() and len(word) > 3 else {word}:
        if form in gaz.countries:
            flags.append("country")
        if (place := gaz.places.get(form)) is not None:
            flags.append("bigplace" if place[1] else "place")
        if form in gaz.first_names:
            flags.append("first")
    return flags


# Words the training set writes in lower case (three times or more): a capitalised one opens a
# sentence or a title as often as it names something. Shipped with the weights, set when they load.
COMMON_WORDS: set[str] = set()


@lru_cache(maxsize=1 << 15)
def word_features(word: str) -> tuple[str, ...]:
    """Features of a word by itself, whatever its neighbours."""
    lower = word.lower()
    form = shape(word)
    features = [f"w={word}", f"l={lower}", f"s={form}", f"x3={lower[-3:]}", f"x2={lower[-2:]}", f"p3={lower[:3]}"]
    if word.isupper() and len(word) <= 4:
        features.append(f"acr{len(word)}")
    features += [f"g={flag}" for flag in _gazetteer_flags(word)]
    if (cue := _cue(lower)) is not None:
        features.append(f"c={cue}")
    if lower in FUNCTION_WORDS:
        features.append("fn")
    if is_demonym(word if not word.isupper() else word.title()):
        features.append("demonym")
    if lower in COMMON_WORDS:
        features.append("common")
    return tuple(features)


@lru_cache(maxsize=1 << 15)
def neighbour_features(word: str, offset: int) -> tuple[str, ...]:
    """Features of a word as the neighbour `offset` tokens away from the token scored."""
    lower = word.lower()
    features = [f"{offset}l={lower}", f"{offset}s={shape(word)}"]
    if abs(offset) == 1:
        if (cue := _cue(lower)) is not None:
            features.append(f"{offset}c={cue}")
        features += [f"{offset}g={flag}" for flag in _gazetteer_flags(word)]
        if word[:1].isupper() and lower in COMMON_WORDS:
            features.append(f"{offset}common")
    return tuple(features)


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
    starts: list[int]
    lines: list[int]  # each token's line: a name never runs on to the next
    candidates: list[int]  # the places of the tokens that are scored
    context: list[list[str]]  # for each candidate, its features of line, sentence and document


def tokenise(text: str, hints: Sequence[Hint] = ()) -> Tokens:
    """The tokens of a text, which of them are scored, and their features of line, document and
    hints: the rules' names ("r=B-org" on the first word of a name the rules call an organisation
    by a cue, "r=I-person?" inside one they call a person by weaker evidence)."""
    words, starts, line_of = [], [], []
    letters, upper = [0], [0]  # per line: words that begin with a letter, and those all in capitals
    line = 0
    newline_at = text.find("\n")
    for match in TOKEN.finditer(text):
        start = match.start()
        while newline_at != -1 and newline_at < start:
            line += 1
            letters.append(0)
            upper.append(0)
            newline_at = text.find("\n", newline_at + 1)
        word = match.group()
        words.append(word)
        starts.append(start)
        line_of.append(line)
        if word[0].isalpha():
            letters[line] += 1
            if word.isupper():
                upper[line] += 1
    lowered = {w for w in words if w.islower()}
    mixed = {w for w in words if w[:1].isupper() and not w.isupper()}
    # Lines nearly all in capitals: headlines and datelines of wire copy.
    capitals = {n for n, count in enumerate(letters) if count and upper[n] >= 0.7 * count}
    candidates, context = [], []
    hints = sorted(hints, key=lambda hint: hint.start)
    next_hint = 0
    for i, word in enumerate(words):
        if not (word[0].isupper() or word.startswith(PARTICLE_PREFIXES)) and not (
            (word in JOINERS or word[0].isdigit()) and _joins(words, line_of, i)
        ):
            continue
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
        if lower in lowered:
            features.append("lowerseen")
            if first:
                features.append("first&lowerseen")
        start = starts[i]
        while next_hint < len(hints) and hints[next_hint].end <= start:
            next_hint += 1
        if next_hint < len(hints) and (hint := hints[next_hint]).start <= start:
            place = "B" if hint.start == start else "I"
            features.append(f"r={place}-{hint.type}{'' if hint.strong else '?'}")
        candidates.append(i)
        context.append(features)
    return Tokens(words, starts, line_of, candidates, context)


def token_features(tokens: Tokens, place: int) -> list[str]:
    """Every feature of the `place`th candidate except the previous tag."""
    i = tokens.candidates[place]
    words = tokens.words
    count = len(words)
    features = ["bias", *word_features(words[i]), *tokens.context[place]]
    for offset in (-2, -1, 1, 2):
        j = i + offset
        neighbour = words[j] if 0 <= j < count else "<edge>"
        features += neighbour_features(neighbour, offset)
    if i + 1 < count and words[i + 1] in POSSESSIVES:
        features.append("possessive")
    return features


def names(tags: Sequence[int], tokens: Tokens) -> Iterator[tuple[int, int, str, int]]:
    """(start, end, type, place of its first candidate) of the names that the candidates' tags mark;
    a name begins and ends with a word of its own, never with a joining word ("the", "of") or a figure."""
    start = end = first = -1
    kind = ""
    previous = -2
    for place, tag in enumerate(tags):
        i = tokens.candidates[place]
        word = tokens.words[i]
        label = TAGS[tag]
        same_line = previous == i - 1 and tokens.lines[i] == tokens.lines[previous]
        continues = label.startswith("I-") and label[2:] == kind and same_line
        if not continues:
            if kind:
                yield start, end, kind, first
            kind = "" if tag == OUTSIDE or not is_candidate(word) else label[2:]
            start, first = tokens.starts[i], place
        if kind and (is_candidate(word) or word[:1].isdigit()):
            end = tokens.starts[i] + len(word)
        previous = i
    if kind:
        yield start, end, kind, first


class Tagger:
    """The trained weights: feature → a row of scores, one per tag; and previous tag → such a row."""

    def __init__(self, features: Sequence[str], weights: np.ndarray, transitions: np.ndarray) -> None:
        self.index = {feature: row for row, feature in enumerate(features)}
        self.weights = weights.astype(np.float64)
        self.transitions = transitions.astype(np.float64)
        self.start = self.transitions[OUTSIDE] + ALLOWED[OUTSIDE]  # a run's first tag comes after an outside one
        # The summed scores of what a token brings, each worked out once: a word as the token scored
        # or as a neighbour at each offset, and a token's features of line, document and hints.
        self.sums = np.zeros((SUMS_KEPT, len(TAGS)))
        self.sum_of: dict[tuple[str, ...], int] = {}  # (word, offset) or a context's features → its row

    def knows(self, word: str) -> bool:
        """Whether training left a weight on the word itself (it saw the word, and it mattered)."""
        return f"w={word}" in self.index

    def _sum(self, key: tuple[str, ...], features: Iterable[str]) -> int:
        """The row of `sums` that holds these features' summed scores (added now if new)."""
        row = self.sum_of[key] = len(self.sum_of)
        if row == len(self.sums):
            self.sums = np.concatenate((self.sums, np.zeros_like(self.sums)))
        self.sums[row] = self.weights[[r for f in features if (r := self.index.get(f)) is not None]].sum(axis=0)
        return row

    def tag(self, text: str, hints: Sequence[Hint] = ()) -> list[tuple[int, int, str, float]]:
        """The names in a text as (start, end, type, margin), the rules' names given as hints; the
        margin is how much the best tags outscore the best that leave the name's first word out."""
        tokens = tokenise(text, hints)
        if not tokens.candidates:
            return []
        words, candidates = tokens.words, tokens.candidates
        padded = ["<edge>", "<edge>", *words, "<edge>", "<edge>"]
        if len(self.sum_of) > SUMS_KEPT:  # between texts only: a text's rows stay while it is tagged
            self.sum_of.clear()
            self.sums = self.sums[:SUMS_KEPT]
        sum_of, add = self.sum_of, self._sum
        columns = []
        for offset in (0, -2, -1, 1, 2):
            column = []
            for i in candidates:
                word = padded[i + 2 + offset]
                if (row := sum_of.get(key := (word, str(offset)))) is None:
                    row = add(key, word_features(word) if offset == 0 else neighbour_features(word, offset))
                column.append(row)
            columns.append(column)
        context = []
        for place, i in enumerate(candidates):
            features = tokens.context[place]
            if i + 1 < len(words) and words[i + 1] in POSSESSIVES:
                features = [*features, "possessive"]
            together = ("bias", *features)
            context.append(row if (row := sum_of.get(together)) is not None else add(together, together))
        columns.append(context)
        emissions = self.sums[np.array(columns)].sum(axis=0)
        tags, doubt = decode(emissions, self.start, self.transitions, runs(tokens))
        return [(start, end, kind, doubt[place]) for start, end, kind, place in names(tags, tokens)]


def runs(tokens: Tokens) -> Iterator[tuple[int, int]]:
    """The candidates in runs of neighbouring tokens, as (first, last + 1) places: a name lies in one."""
    first = 0
    candidates = tokens.candidates
    for place in range(1, len(candidates) + 1):
        if place == len(candidates) or candidates[place] != candidates[place - 1] + 1:
            yield first, place
            first = place


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
    emissions: np.ndarray, start: np.ndarray, transitions: np.ndarray, spans: Iterable[tuple[int, int]]
) -> tuple[list[int], list[float]]:
    """The best tags of every candidate, and how much better the best path of its run is than the
    best one that leaves it outside a name: max-marginals, forward and backward, the runs of each
    length decoded together (a run of one alone needs no more than its own scores)."""
    alone = emissions + start
    tags = alone.argmax(axis=1)
    doubt = alone.max(axis=1) - alone[:, OUTSIDE]
    by_length: dict[int, list[int]] = {}
    for first, last in spans:
        if last - first > 1:
            by_length.setdefault(last - first, []).append(first)
    allowed = transitions + ALLOWED
    for length, firsts in by_length.items():
        places = np.array(firsts)[:, None] + np.arange(length)  # (runs, length)
        scores = emissions[places]  # (runs, length, tags)
        forward = np.empty_like(scores)
        forward[:, 0] = scores[:, 0] + allowed[OUTSIDE]
        for t in range(1, length):
            forward[:, t] = (forward[:, t - 1, :, None] + allowed).max(axis=1) + scores[:, t]
        backward = np.zeros_like(scores)
        for t in range(length - 2, -1, -1):
            backward[:, t] = (allowed + (scores[:, t + 1] + backward[:, t + 1])[:, None, :]).max(axis=2)
        marginals = forward + backward
        tags[places] = marginals.argmax(axis=2)
        doubt[places] = marginals.max(axis=2) - marginals[:, :, OUTSIDE]
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
    word_features.cache_clear()
    neighbour_features.cache_clear()
