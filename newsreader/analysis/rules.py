"""Named entities in an article body by rules: the hints the trained tagger weighs with its own features.

Each capitalised run of words is a candidate. What it is comes from cues, strongest first: a title
or role before it ("Foreign Minister", "chief executive"), words inside it ("Ministry", "Corps"),
an acronym it defines, the gazetteers (places, first names), and the document itself: a name once
seen as a person's is a person's wherever it stands. Dates are found by `dates.find_date_expressions`.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from functools import lru_cache, partial
from operator import attrgetter
from typing import NamedTuple

from newsreader.analysis.cues import (
    COMPASS_REGIONS,
    DEMONYM_ENDINGS,
    EVENT_WORDS,
    FUNCTION_WORDS,
    IRREGULAR_DEMONYMS,
    JOINS_BY_OF,
    LAW_WORDS,
    NAME_POSSESSIVES,
    ORG_FOLLOWERS,
    ORG_ROLES,
    ORG_WORDS,
    PERSON_ROLES,
    PLACE_FOLLOWERS,
    PLACE_PREPOSITIONS,
    PLACE_WORDS,
    PLAIN_ACRONYMS,
    TITLE_HEADS,
    TITLES,
)
from newsreader.analysis.date_expressions import find_date_expressions
from newsreader.analysis.gazetteer import Places, gazetteer

# A capitalised word: "Lavrov", "Al-Asad", "McCririck", "People’s", "G8"; "U.S." and "U.S"; initials
# and abbreviated titles with their full stop ("W.", "Lt."); or a particle-led "al-Muhandis".
ABBREVIATIONS = "Mr Mrs Ms Dr Lt Gen Col Maj Capt Sgt St Sen Rep Gov Prof Rev Jr Sr Mt Ft".split()
# What follows a capital in a word, in the order tried: initials ("U.S.", "U.S", "W."), a word, the capital alone
CAPITAL_TAILS = r"\.(?:[A-Z]\.)+|\.[A-Z]\b|\.(?=\s[A-Z])|[\w’'&-]*[\w’']|"
PARTICLE_LED = r"l-[A-Z][\w-]*"  # what follows the "a" of "al-Muhandis"
PARTICLE = r"(?:van der|van den|van|von|der|de la|de|del|da|du|al|bin|ibn|le|la)"
# Each word is matched from its first letter, the rest told by what it is: an abbreviation's rest is
# matched before the whole is looked back at ("rs(?<=Mrs)"), so that the engine passes over an
# alternative at its first letter; and a pattern that begins with a set of letters is skipped to in C,
# where one that begins with a lookahead was tried at every character.
_ABBREVIATION_RESTS = "|".join(f"{abbreviation[1:]}(?<={abbreviation})" for abbreviation in ABBREVIATIONS)
CAPITAL_WORD_REST = rf"(?:(?:{_ABBREVIATION_RESTS})\.|{CAPITAL_TAILS})"  # a capitalised word after its capital
WORD = rf"(?:[A-Z]{CAPITAL_WORD_REST}|a{PARTICLE_LED})"
FIRST_WORD = rf"[A-Za](?:(?<=[A-Z]){CAPITAL_WORD_REST}|(?<=a){PARTICLE_LED})"
RUN_REST = rf"(?: (?:{PARTICLE} {WORD}|{WORD}))*"  # a space, then a particle and a word, or a word
RUN = re.compile(f"({FIRST_WORD}{RUN_REST})")  # a group: `split` keeps the runs
# RUN in a text without "al-" (most texts), where no run begins with a small "a": its search stops at capitals alone.
CAPITALISED_RUN = re.compile(f"([A-Z]{CAPITAL_WORD_REST}{RUN_REST})")
# "Plan" + " of " + "Action": joined when the word before the connector names an institution or a law.
CONNECTORS = frozenset((" of ", " for ", " of the ", " for the "))
LONGEST_CONNECTOR = max(map(len, CONNECTORS))
APOSTROPHES = frozenset("'’")
POSSESSIVE_ENDS = ("'", "’", "'s", "’s")  # a possessive's ending ("Iran's", "Jesus'")
POSSESSIVE_LAST_LETTERS = frozenset("'’s")  # looked at first: most words end otherwise, and endswith costs more
SPEECH_VERBS = re.compile(
    r"\s*,?\s+(?:said|says|told|added|explained|insisted|argued|claimed|stated|admitted|warned)\b"
)
NEXT_WORD = re.compile(r" ([\w-]+)")
NEXT_TWO_WORDS = re.compile(r" ([\w-]+ [\w-]+)")
# The first words of the followers of two words ("air base"): only after one is a second word read.
FOLLOWER_FIRST_WORDS = frozenset(follower.split()[0] for follower in PLACE_FOLLOWERS if " " in follower)
# The first three letters of the words `_kind` looks for after a name (none is shorter): a next word that
# begins otherwise ("said", "has", "the") is none of them, and is not read.
FOLLOWER_BEGINNINGS = frozenset(follower[:3] for follower in ORG_FOLLOWERS | PLACE_FOLLOWERS)
DASH_LOWER = re.compile(r"-[a-z]")
ACRONYM_AFTER = re.compile(r" \(([A-Z][A-Z0-9]{1,7})\)")
YEAR_IN_NAME = re.compile(r"\b\d{4}\b")
LOWER_CASE = re.compile("[a-z]")


class Mention(NamedTuple):
    """A name or date found in a body, before names are made one across the corpus (a tuple: a
    corpus has millions, and a frozen dataclass took three times as long to make)."""

    text: str
    type: str
    start: int
    end: int
    strong: bool = True
    cue: str = ""  # what made a strong name's type: "title", "org word", "country"…


# A mention made from all its fields in C: a NamedTuple's own constructor runs in Python.
make_mention = partial(tuple.__new__, Mention)


def _is_acronym(token: str) -> bool:
    letters = token.replace(".", "")
    return len(letters) >= 2 and letters.isupper() and letters.isalnum()


@lru_cache(maxsize=1 << 12)  # the common words; a bigger cache costs megabytes for little
def _bare(word: str) -> str:
    """A word without a possessive ending or an abbreviation's full stop, lower-cased, its
    apostrophes straight ("I’ve" is "i've")."""
    return _without_possessive(word).rstrip(".").lower().replace("’", "'")


def _possessive(word: str) -> bool:
    """Whether a word ends in a possessive ("Iran's", "Jesus'"), its last letter looked at first."""
    return word[-1:] in POSSESSIVE_LAST_LETTERS and word.endswith(POSSESSIVE_ENDS)


def _without_possessive(word: str) -> str:
    """A word without its possessive ending, if any, told by its last two letters (a regex cost more)."""
    last = word[-1:]
    if last in APOSTROPHES:
        return word[:-1]
    return word[:-2] if last == "s" and word[-2:-1] in APOSTROPHES else word


def is_demonym(word: str) -> bool:
    """ "Russian", "Iranian", "Chinese", "Lankan": a country's adjective, by its ending and stem. Not
    cached: its stem is looked up in a set, 0.2 µs more than a cache's hit (0.2% of the first pass),
    where a worker's cache of 16,384 words held 2 MB."""
    word = word[:-1] if word.endswith("ans") else word  # "Americans", "Europeans"
    if len(word) < 4 or not word[:1].isupper() or not word.endswith(DEMONYM_ENDINGS):
        return False
    return word[:4] in gazetteer().country_stems or word in IRREGULAR_DEMONYMS


def _previous_word(text: str, start: int) -> str:
    """The word before `start` in the same sentence, lower-cased ("" at a sentence's start)."""
    before = text[start - 40 if start > 40 else 0 : start].rstrip(" \"“‘'(")  # not max(): a call costs more
    if not before or before[-1] in ".!?:\n;,":
        return ""
    words = before.rsplit(None, 1)  # none where only a tab or another space stands before it
    return words[-1].strip("\"“”‘’'(),").lower() if words else ""


def _next_word(text: str, end: int, pattern: re.Pattern[str] = NEXT_WORD) -> str:
    match = text[end : end + 1] == " " and pattern.match(text, end, end + 40)  # a space first: no regex for most
    return match.group(1).lower() if match else ""


def acronym_after(text: str, end: int) -> str | None:
    """The acronym in brackets just after a name that ends at `end` ("the European Union (EU)"), if any."""
    match = text[end : end + 2] == " (" and ACRONYM_AFTER.match(text, end, end + 12)  # no regex for most
    return match.group(1) if match else None


def _at_sentence_start(text: str, start: int) -> bool:
    before = text[start - 3 if start > 3 else 0 : start].rstrip(" \"“‘'([")
    return not before or before[-1] in ".!?:\n"


def capital_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line of `text` that is not empty and has no letter a-z: a wire headline or
    dateline in capitals. (A pattern of such a line, anchored at a line's start, was tried at every character.)"""
    lines, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        if line and not LOWER_CASE.search(line):
            lines.append((start, end))
        start = end + 1
    return lines


Token = tuple[int, str]  # (offset in the body, word)


def covered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether one of these (start, end) spans, sorted and apart, holds all of `start` to `end`."""
    i = bisect_right(spans, (start, sys.maxsize)) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


def clear_of(mentions: list[Mention], names: list[Mention]) -> list[Mention]:
    """The mentions that overlap none of the names (`names` sorted by start, none overlapping another)."""
    starts = [name.start for name in names]
    return [m for m in mentions if not ((i := bisect_left(starts, m.end)) and names[i - 1].end > m.start)]


def _runs(body: str) -> list[list[Token]]:
    """Capitalised runs, joined across "of"/"for" where the word before names an institution or law."""
    runs: list[list[Token]] = []
    # The runs and the texts between them, split apart in C: no match object for each run.
    parts = (RUN if "al-" in body else CAPITALISED_RUN).split(body)
    end = 0
    for gap, text in zip(parts[::2], parts[1::2], strict=False):  # the text before a run, the run
        start = end + len(gap)
        end = start + len(text)
        if " " in text:
            tokens, offset = [], start
            for word in text.split(" "):
                tokens.append((offset, word))
                offset += len(word) + 1
        else:
            tokens = [(start, text)]  # most runs are one word
        if runs and len(gap) <= LONGEST_CONNECTOR and gap in CONNECTORS and _bare(runs[-1][-1][1]) in JOINS_BY_OF:
            runs[-1].extend(tokens)
        else:
            runs.append(tokens)
    return runs


def _segments(tokens: list[Token]) -> list[tuple[list[Token], bool]]:
    """Split a run into names: at possessives ("Iran's Islamic …") and at titles ("… Force General X").

    Each segment comes with whether a title stood just before it.
    """
    # Most runs of more than one word: two words, the first no title and no possessive, are one name.
    first = tokens[0][1]
    if (
        len(tokens) == 2
        and (bare := _bare(first)) not in TITLES
        and (not _possessive(first) or bare in NAME_POSSESSIVES)
    ):
        return [(tokens, False)]
    segments: list[tuple[list[Token], bool]] = []
    current: list[Token] = []
    titled = False
    i = 0
    while i < len(tokens):
        word = tokens[i][1]
        bare = _bare(word)
        if bare in TITLE_HEADS or (bare in TITLES and i + 1 < len(tokens) and _bare(tokens[i + 1][1]) in TITLES):
            # A run of title words ("Secretary of State"): a person's name follows, unless "of" does.
            j = i
            while j < len(tokens) and (
                _bare(tokens[j][1]) in TITLES
                or (tokens[j][1] == "of" and j + 1 < len(tokens) and _bare(tokens[j + 1][1]) in TITLES)
            ):
                j += 1
            if j < len(tokens) and any(_bare(w) in TITLE_HEADS for _, w in tokens[i:j]) and not _names_org(tokens[j:]):
                if current:
                    segments.append((current, titled))
                current, titled, i = [], tokens[j][1] != "of", j
                continue
        current.append(tokens[i])
        if i + 2 < len(tokens) and _starts_person(bare, word, tokens[i + 1][1]):
            segments.append((current, titled))  # "… Mobilization Force Abu Mahdi al-Muhandis"
            current, titled = [], False
        elif _possessive(word) and bare not in NAME_POSSESSIVES:
            segments.append((current, titled))
            current, titled = [], False
        i += 1
    if current:
        segments.append((current, titled))
    return segments


def _first_word_dropped(tokens: list[Token], places: Places) -> bool:
    """Whether a run's first word is a small word or a title and no part of its name: "The" but not of "The
    Hague", "President" but not the "General" of "General Motors"."""
    bare = _bare(tokens[0][1])
    return (bare in FUNCTION_WORDS and " ".join(w for _, w in tokens) not in places) or (
        bare in TITLES and not _names_org(tokens)
    )


@lru_cache(maxsize=1 << 12)  # "The", "But", "Mr", "Iran's": the same words again and again
def _word_alone(word: str) -> tuple[str, NameFacts] | None:
    """The name of a word that is a name by itself and its facts, told once a word; None where the word
    is dropped as `_first_word_dropped` says ("The", "President")."""
    if _first_word_dropped([(0, word)], gazetteer().places):
        return None
    name = _without_ending(word)
    return name, _name_facts(name)


def _without_ending(last: str) -> str:
    """A name's last word without what follows a dash in lower case ("UK-based", "US-led") or, but in an
    acronym, its possessive ending."""
    if "-" in last and (dash := DASH_LOWER.search(last)):
        return last[: dash.start()]
    if _possessive(last) and not _is_acronym(last):
        return _without_possessive(last)
    return last


def _names_org(tokens: list[Token]) -> bool:
    """ "General Motors": a title word that begins an organisation's name."""
    return not ORG_WORDS.isdisjoint(_bare(word) for _, word in tokens)


def _starts_person(bare: str, word: str, following: str) -> bool:
    """An institution or a place, then a given name: where one name ends and a person's begins."""
    if following not in gazetteer().first_names:
        return False
    return bare in ORG_WORDS or gazetteer().places.by_name_alone(word) is True


class Rules:
    """Finds the entity mentions of one body at a time, by cues alone."""

    def __init__(self) -> None:
        self.gaz = gazetteer()

    def mentions(self, body: str) -> list[Mention]:
        """Dates and names in body order, none overlapping; names the rules could not type are kept as
        `unknown`, weak."""
        dates = [make_mention((text, "date", start, end, True, "")) for text, start, end in find_date_expressions(body)]
        in_date: set[int] = set()
        for m in dates:
            in_date.update(range(m.start, m.end))
        names: list[Mention] = []
        acronyms: dict[str, str] = {}
        capitals = capital_lines(body)
        mention: Mention | None
        for run in _runs(body):
            first, word = run[0]
            if capitals and covered(capitals, first, first + 1):
                names += [m for m in self._in_capitals(body, run) if m.start not in in_date]
                continue
            if len(run) == 1:  # 70% of the runs: a word alone, its name (if any) beginning where it does
                if alone := _word_alone(word):  # a third are small words: no call for them
                    mention = _word_name(body, first, alone, False, acronyms)
                    if first not in in_date:
                        names.append(mention)
                continue
            for tokens, titled in _segments(run):
                if len(tokens) > 1:
                    mention = self._name(body, tokens, titled, acronyms)
                elif alone := _word_alone(tokens[0][1]):
                    mention = _word_name(body, tokens[0][0], alone, titled, acronyms)
                else:
                    continue
                if mention and mention.start not in in_date:
                    names.append(mention)
        names = propagate_in_document(names, acronyms, body)
        # No overlapping mentions: a date inside a name ("Mondays" of Happy Mondays, "Daily" of
        # China Daily) is part of the name, as a name inside a date is part of the date (above).
        return sorted(clear_of(dates, names) + names, key=attrgetter("start"))

    def _name(self, body: str, tokens: list[Token], titled: bool, acronyms: dict[str, str]) -> Mention | None:
        """The name of a run of two words or more (`_word_name` for one)."""
        first = tokens[0][0]
        while tokens and _first_word_dropped(tokens, self.gaz.places):
            tokens = tokens[1:]
        if not tokens:
            return None
        if (
            len(tokens) > 1
            and tokens[0][0] == first
            and _at_sentence_start(body, first)
            and self._opens_sentence_only(body, tokens)
        ):
            tokens = tokens[1:]  # "Escalation Persian Gulf": a first word, then a name
        start = tokens[0][0]
        last_start, last = tokens[-1]
        end = last_start + len(_without_ending(last))
        name = body[start:end]
        kind, cue = _kind(body, _name_facts(name), start, end, titled)
        if kind == "org" and len(tokens) > 1 and is_demonym(tokens[0][1]) and not _has_org_word(name):
            start = tokens[1][0]  # "Italian La Stampa": the paper is "La Stampa"
            name = body[start:end]
        return _typed(body, name, start, end, kind, cue, acronyms)

    def _in_capitals(self, body: str, run: list[Token]) -> list[Mention]:
        """The names of a run in capitals (a wire headline or dateline: "AJAX BEAT PSV IN NEW YORK"),
        read as the words they are: the longest stretches the gazetteer knows in ordinary case are
        places ("NEW YORK"), words of up to three letters acronyms, weakly organisations ("PSV"), and
        the other words ("BEAT", "JANUARY") nothing yet, so that no ordinary word in capitals is an
        acronym."""
        found: list[Mention] = []
        i = 0
        while i < len(run):
            for j in range(min(len(run), i + 4), i, -1):
                start, end = run[i][0], run[j - 1][0] + len(run[j - 1][1])
                words = " ".join(word for _, word in run[i:j])
                if words in self.gaz.places or words.title() in self.gaz.places:
                    found.append(Mention(body[start:end], "place", start, end, strong=False))
                    break
            else:
                j = i + 1
                start, word = run[i]
                if _is_acronym(word) and len(word) <= 3 and _bare(word) not in FUNCTION_WORDS:
                    found.append(Mention(word, "org", start, start + len(word), strong=False))
                elif _bare(word) not in FUNCTION_WORDS:
                    found.append(Mention(word, "unknown", start, start + len(word), strong=False))
            i = j
        return found

    def _opens_sentence_only(self, body: str, tokens: list[Token]) -> bool:
        """Whether the first word of a sentence-opening run is there only because it opens the sentence."""
        first, second = tokens[0][1], tokens[1][1]
        if first in self.gaz.first_names or _is_acronym(first) or first in self.gaz.places:
            return False
        rest_start, rest_end = tokens[1][0], tokens[-1][0] + len(tokens[-1][1])
        rest = body[rest_start:rest_end]
        if rest in self.gaz.places or second in self.gaz.first_names:
            return True
        if len(tokens) == 2:
            return False  # asked before the rest's cue: its facts are worked out for nothing
        kind, cue = _kind(body, _name_facts(rest), rest_start, rest_end, False)
        return bool(cue) and kind is not None


def _word_name(body: str, start: int, alone: tuple[str, NameFacts], titled: bool, acronyms: dict[str, str]) -> Mention:
    """The name of a word that stands alone (`Rules._name` for one word), from its name and facts (`_word_alone`)."""
    name, facts = alone
    end = start + len(name)
    kind, cue = _kind(body, facts, start, end, titled)
    if not cue and _at_sentence_start(body, start):
        kind = None  # "Pre-tax", "Virus": a capital that may only open the sentence
    return _typed(body, name, start, end, kind, cue, acronyms)


def _typed(body: str, name: str, start: int, end: int, kind: str | None, cue: str, acronyms: dict[str, str]) -> Mention:
    """A name's mention, of the type its cue gives (an acronym in brackets after it is of that type too)."""
    if kind and (acronym := acronym_after(body, end)):
        acronyms[acronym] = kind
    if kind is None:
        # Unknown for now: a later mention, here or elsewhere in the corpus, may say what it is.
        return make_mention((name, "unknown", start, end, False, ""))
    return make_mention((name, kind, start, end, bool(cue), cue))


class NameFacts(NamedTuple):
    """What a name's own words say of its type, whatever stands around it (`_kind` reads them in its order)."""

    plain: bool  # a plain acronym ("TV", "CEO"): no name
    own: tuple[str, str] | None  # the type and cue its words say (`_own_cue`)
    alone: bool | None  # a place's name: whether the name alone says it is one (None: no place's)
    compass: bool  # "West": a place after "the"
    words: int
    acronym: bool  # one word, an acronym
    first_named: bool  # two to four words, a first name first and no acronym last


# The facts there are, each made once (a few dozen), found by a plain tuple of their values: the caches
# hold no tuple of their own, and a NamedTuple's constructor, in Python, runs once for each.
KNOWN_FACTS: dict[tuple[object, ...], NameFacts] = {}


@lru_cache(maxsize=1 << 13)  # a name is found again and again: worked out once
def _name_facts(name: str) -> NameFacts:
    """What a name's own words say of its type (`NameFacts`), looked up only as far as `_kind` reads them:
    none after a plain acronym, its own cue or a place's name."""
    words = name.split()
    gaz = gazetteer()
    plain = name in PLAIN_ACRONYMS
    own = None if plain else _own_cue(name, words)
    alone = None if plain or own else gaz.places.by_name_alone(name)
    read_on = not plain and not own and alone is None
    facts = (
        plain,
        own,
        alone,
        name in COMPASS_REGIONS,
        len(words),
        read_on and len(words) == 1 and _is_acronym(name),
        read_on and 2 <= len(words) <= 4 and words[0] in gaz.first_names and not _is_acronym(words[-1]),
    )
    if (known := KNOWN_FACTS.get(facts)) is None:
        known = KNOWN_FACTS[facts] = NameFacts(*facts)
    return known


def _kind(body: str, facts: NameFacts, start: int, end: int, titled: bool) -> tuple[str | None, str]:
    """The type of the name from `start` to `end` and the cue that says so ("" for a guess), from its facts
    and what stands around it."""
    plain, own, alone, compass, words, acronym, first_named = facts
    if plain:
        return None, ""
    if titled:
        return "person", "title"
    previous = _previous_word(body, start)
    if previous in PERSON_ROLES:
        return "person", "title"
    if own:
        return own
    following = _next_word(body, end) if body[end + 1 : end + 4].lower() in FOLLOWER_BEGINNINGS else ""
    if previous in ORG_ROLES or following in ORG_FOLLOWERS:
        return "org", "org role"  # "airline Lufthansa", "Newcastle boss", "Chrysler sales"
    if alone is not None:
        return "place", "gazetteer" if alone or previous in PLACE_PREPOSITIONS else ""
    if following in PLACE_FOLLOWERS or (
        following in FOLLOWER_FIRST_WORDS and _next_word(body, end, NEXT_TWO_WORDS) in PLACE_FOLLOWERS
    ):
        return "place", "place follower"
    if compass and previous == "the":
        return "place", "compass"  # "the West"
    if words == 1:
        if acronym:
            return "org", ""
        if previous in PLACE_PREPOSITIONS:
            return "place", ""  # "slums in Narobi": a guess that a cue elsewhere may overrule
        return None, ""
    if first_named:
        return "person", "first name"
    if words <= 3 and SPEECH_VERBS.match(body, end):
        return "person", "speech"
    return None, ""


def _own_cue(name: str, words: list[str]) -> tuple[str, str] | None:
    """The type of a name (its `words` split at spaces) and the cue that says so, if its own words say it,
    whatever stands around it: an event's, a law's or a place's word, an organisation's word, a country,
    a demonym."""
    lowered = list(map(_bare, words))
    gaz = gazetteer()
    if len(words) > 1:
        if lowered[-1] in EVENT_WORDS or YEAR_IN_NAME.search(name):
            return "event", "event word"
        if (
            lowered[-1] in LAW_WORDS
            or _law_of(lowered)
            or (lowered[0] in LAW_WORDS and words[0] not in gaz.first_names)
        ):
            return "law", "law word"
        if lowered[-1] in PLACE_WORDS:
            return "place", "place word"  # "Persian Gulf", "Royal Court Theatre", "Islamic Republic"
    if not ORG_WORDS.isdisjoint(lowered):  # _has_org_word, its words already bare
        return "org", "org word"
    if name in gaz.countries:
        return "place", "country"
    parts = name.replace("-", " ").split(" ")  # its parts at hyphens and spaces, without a regex
    if len(parts) <= 3 and is_demonym(parts[-1]) and not _is_acronym(parts[-1]) and parts[-1] not in gaz.places:
        return "nationality", "demonym"  # "Russian", "Sri Lankan", "US-Iranian", "Americans"
    return None


def _law_of(lowered: list[str]) -> bool:
    """ "Plan of Action", "Treaty of Rome"."""
    return "of" in lowered and lowered[lowered.index("of") - 1] in LAW_WORDS


def _has_org_word(name: str) -> bool:
    return not ORG_WORDS.isdisjoint(map(_bare, name.split()))


def propagate_in_document(names: list[Mention], acronyms: dict[str, str], body: str) -> list[Mention]:
    """Give weak and unknown names the type that strong mentions of the same name have here.

    A person's surname or given name alone is that person ("Lavrov" after "Sergey Lavrov"); an
    acronym is what its long form is; an unknown name listed with a person or an organisation
    ("Pam Ferris, Victoria Hamilton and Kelly Reilly") is one too.
    """
    votes = strong_votes(names, {mention.text for mention in names if not mention.strong})
    resolved = names[:]
    if acronyms or votes:  # else none is retyped
        for i, mention in enumerate(names):
            if mention.text in acronyms:
                kind, cue = acronyms[mention.text], "acronym"
            elif not mention.strong and (found := votes.get(mention.text)):
                kind, cue = max(found, key=found.__getitem__), "same name"  # the first of the most given, as Counter
            else:
                continue
            resolved[i] = make_mention((mention.text, kind, mention.start, mention.end, True, cue))
    # `left` is read from the list as it is retyped, `right` as it was: zip, not pairwise.
    for i, (left, right) in enumerate(zip(resolved, resolved[1:], strict=False)):  # noqa: RUF007
        if right.start - left.end > LONGEST_LIST_GAP:
            continue  # most names stand apart: no slice, no regex
        gap = body[left.end : right.start]
        # A bare comma joins a list only when the list goes on after the next name ("and", "or", a comma).
        if not (
            LIST_END.fullmatch(gap)
            or (gap == ", " and i + 2 < len(resolved) and LIST_GAP.fullmatch(body, right.end, resolved[i + 2].start))
        ):
            continue
        for known, other in ((left, right), (right, left)):
            listed_type = known.type if known.strong else None
            if other.type == "unknown" and (listed_type == "org" or (listed_type == "person" and " " in other.text)):
                resolved[resolved.index(other)] = Mention(other.text, listed_type, other.start, other.end, False)
    return resolved


LIST_END = re.compile(r",? and | or ")
LIST_GAP = re.compile(r",? and |, | or ")
LONGEST_LIST_GAP = len(", and ")  # the longest gap LIST_END or ", " is


def strong_votes(names: Iterable[Mention], counted: set[str]) -> dict[str, dict[str, int]]:
    """For each of the `counted` names, how often each type was given to it by a cue; a person's name
    parts count too. (Counted in plain dicts: a Counter cost a call in Python to make and another at
    each first count; only for the names asked about, as few of those that vote are.)"""
    votes: dict[str, dict[str, int]] = {}
    for mention in names:
        if not mention.strong or mention.type in ("unknown", "date"):
            continue
        voters = [mention.text]
        if mention.type == "person" and " " in mention.text:
            parts = mention.text.split()
            voters += {parts[0], parts[-1]}
        for voter in voters:
            if voter in counted:
                if (kinds := votes.get(voter)) is None:
                    kinds = votes[voter] = {}
                kinds[mention.type] = kinds.get(mention.type, 0) + 1
    return votes
