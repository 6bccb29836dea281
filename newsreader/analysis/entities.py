"""Named entities in an article body: people, organisations, places and dates.

The rules of `rules.py` propose names and types from cues (titles, roles, organisation words, the
gazetteers); the trained tagger of `tagger.py` decides, token by token, from those hints and its own
features, which words make a name and of what type. Names it calls "misc" are kept as ours when
their words say so (nationalities, laws, events). Dates come with the rules' hints (from
`date_expressions.find_date_expressions`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise
from operator import attrgetter, itemgetter
from typing import NamedTuple

from newsreader.analysis.cues import (
    EVENT_WORDS,
    LAW_WORDS,
    PERSON_ROLES,
    PLAIN_ACRONYMS,
    TITLE_HEADS,
    TITLES,
    WORK_NOUNS,
)
from newsreader.analysis.gazetteer import gazetteer
from newsreader.analysis.rules import (
    ACRONYM_AFTER,
    YEAR_IN_NAME,
    Mention,
    Rules,
    _bare,
    _has_org_word,
    _is_acronym,
    _law_of,
    _previous_word,
    acronym_after,
    capital_lines,
    clear_of,
    covered,
    is_demonym,
    make_mention,
)
from newsreader.analysis.tagger import COMMON_WORDS, JOINERS, Tagged, tagger

PERSON_CUES = TITLES | PERSON_ROLES
START = attrgetter("start")  # a mention's start, read in C
TEXT_AND_TYPE = itemgetter(0, 1)  # a mention's text and type
NAME_TYPES = frozenset(("person", "org", "place"))
# The rules' cues that count in a name's vote: what stands around it, not a list it is on.
VOTING_CUES = frozenset(("title", "org role", "org word", "place word", "place follower", "country"))
TITLE_CUES = frozenset(("law word", "event word"))  # the rules' cues that name a law's or an event's title
# Words that end a title, never a name: "Permanent Representative", "US Secretary".
TITLE_ENDS = frozenset(("representative", "secretary", "spokesman", "spokeswoman"))
# Small words that open a sentence and are no part of the name after them: "In Europe", "But Mr Brown".
LEADING_SMALL_WORDS = frozenset(
    "in at on for from by with to of and but as after before while when if a an the".split()
)
# Words that open sentences and are never a name's next word: after an initial ("Mr Y. Then the police
# came"), the initial's full stop ends a sentence.
SENTENCE_OPENERS = LEADING_SMALL_WORDS | frozenset(
    "then there here this that these those it he she they we i you his her its their our my so yet or "
    "however meanwhile also although though because what who why how where which nothing nobody".split()
)


# How much the tagger must prefer a name to no name (its scores' units) for a person or an
# organisation of unseen words without a cue to stand: set on CoNLL-2003 dev and the BBC tune half.
GUESS_MARGIN = 25.0
GUESSED_TYPES = frozenset(("person", "org"))
# Below this margin the type a cue of the rules gives a name ("Chrysler sales": an organisation)
# outweighs the tagger's: set on CoNLL-2003 dev and the BBC tune half.
CUE_MARGIN = 30.0
# A work noun just before a name, after a determiner ("the game Halo", "his last album, Genius Loves
# Company"), or a plural one and "such as" ("programmes such as The Darling Buds of May").
_WORK = "|".join(sorted(WORK_NOUNS))
WORK_BEFORE = re.compile(
    rf"(?:\b(?:the|a|an|his|her|its|their|this) (?:[a-z]+ )?(?:{_WORK}),?|\b(?:{_WORK})s such as) (?:[Tt]he )?$"
)
# What stands two characters before a name that WORK_BEFORE matches: a work noun's last letter, a comma, the
# "s" of "as", the "e" of "the", or the space before a line end.
WORK_ENDINGS = frozenset(noun[-1] for noun in WORK_NOUNS) | frozenset(",se ")


PERSON_GOES_ON = frozenset(" -")  # what follows a person's name that may run on: a space, a hyphen
# Small words inside a person's name, then the rest of it ("van der Merwe", "wa Dondo", "bin Salman").
PARTICLES_AFTER = re.compile(
    r"(?: (?:van|von|der|den|de|del|della|di|da|dos|das|du|ter|wa|bin|ibn|al|el)){1,2} ([A-Z][\w'’]+)"
)
# A hyphen and a part in lower case, and a capitalised part after another hyphen: "Dae-jung", "Saeed-ur-Rehman".
HYPHENED_AFTER = re.compile(r"-([a-z]+)(?:-[A-Z][a-z]+)?\b")
# Small words between the hyphens of a place's name, not a person's: "Stoke-on-Trent", "Aix-en-Provence".
IN_PLACE_NAMES = frozenset("le la les sur en on upon under in de du sous".split())
# Roles that stand inside a tagged run between a body and the person who holds the role there.
INNER_ROLES = frozenset("ceo cfo chairman chairwoman director spokesman spokeswoman president".split())
# The same as written between two names, looked for in the text first (a search in C; "Chair" and "Spokes"
# stand for both forms).
INNER_ROLE_WORDS = (" CEO ", " CFO ", " Chair", " Director ", " Spokes", " President ")
INNER_ROLE_STEMS = tuple(word.strip().lower() for word in INNER_ROLE_WORDS)  # the same in any case, in the names
# Words before a person's name that are no part of it, beside the titles: a party's member ("Democrat
# Jane Doe"), a company's officer ("CEO John Smith").
PERSON_LABELS = frozenset("democrat republican ceo cfo".split())


TaggedName = tuple[int, int, str, str, str | None]  # a name's start, end, text, type by the tagger and ours

LONGEST_FORM = 10  # the most words before an acronym in brackets that may spell it


# A figure between a name and a work noun is the name's: "Channel 4 show", "Radio 4 programme".
NUMBERED = re.compile(rf"( \d{{1,2}}) (?:{_WORK})s?\b")
# A word that may be an acronym a long name defined: every one is ACRONYM_AFTER's, a whole word.
ACRONYM_WORD = re.compile(r"\b[A-Z][A-Z0-9]{1,7}\b")


class Recogniser:
    """Finds the entity mentions of one body at a time."""

    def __init__(self) -> None:
        self.rules = Rules()
        self.tagger = tagger()

    def mentions(self, body: str, heading: int = 0) -> list[Mention]:
        """Names and dates in body order, a person's name strong when a title or role stands before
        it ("Mr Blair", "striker Owen"), none overlapping: a date inside a name ("Tuesday" of a
        club) is part of the name, a name inside a date ("Christmas Eve") part of the date. The
        first `heading` characters are the article's title and dateline."""
        return self.mentions_all([(body, heading)])[0]

    def mentions_all(self, texts: Sequence[tuple[str, int]]) -> list[list[Mention]]:
        """`mentions` of several bodies, each with the length of its heading: their names tagged together."""
        hints = [self.rules.mentions(body) for body, _ in texts]
        tagged = self.tagger.tag_all([(body, found) for (body, _), found in zip(texts, hints, strict=True)])
        return [
            self._mentions(body, heading, found, names)
            for (body, heading), found, names in zip(texts, hints, tagged, strict=True)
        ]

    def _mentions(self, body: str, heading: int, hints: list[Mention], by_tagger: list[Tagged]) -> list[Mention]:
        """`mentions` of a body, given the rules' hints and the tagger's names."""
        sorted_out = _sorted_out(hints)
        sure = _maximal(body, self._sure(body, hints, sorted_out.voting, by_tagger), sorted_out.org_words)
        tagged = []
        reach = 0  # where the last person's name ends, run on over particles ("van der Merwe")
        for start, end, found in _at_roles(_within_titles(sure, sorted_out.titles), body):
            if start < reach:
                continue  # the rest of that person's name
            if found == "person" and body[end : end + 1] in PERSON_GOES_ON:
                end = reach = _person_end(body, end)
            if named := _named(body[start:end], found):
                cut, name, found, kind = named
                tagged.append((start + cut, start + cut + len(name), name, found, kind))
        bracketed = ACRONYM_AFTER.search(body) is not None  # an acronym in brackets: else none after a name
        if bracketed:
            tagged = _long_forms(body, tagged)
        # A name a work noun stands before ("his album, Genius Loves Company") is a work's title
        # wherever it stands in the article.
        works = {text for start, _, text, _, _ in tagged if _after_a_work_noun(body, start)}
        if works:
            tagged = [
                (start, end, text, "misc", _kind(text, "misc")) if text in works else (start, end, text, found, kind)
                for start, end, text, found, kind in tagged
            ]
        # "the Joint Comprehensive Plan of Action (JCPOA)": the acronym is what its long form is.
        acronyms = {text: kind for text, kind, _, _, _, _ in sorted_out.acronyms if kind in ("law", "event")}
        if bracketed:
            for _, end, _, _, kind in tagged:
                if kind and (acronym := acronym_after(body, end)):
                    acronyms[acronym] = kind
        names = [
            make_mention((text, kind, start, end, titled, ""))
            for start, end, text, _, own in tagged
            if (kind := acronyms.get(text) or own) is not None
            and ((titled := kind == "person" and _previous_word(body, start) in PERSON_CUES) or not _lone_letter(text))
        ]
        if acronyms:
            names = _with_acronyms(names, acronyms, body)
        names = _joined(_agreed(names, sorted_out.voting), body)
        head = max(heading, body.find("\n") % (len(body) + 1))  # the heading, or the first line
        if HEADLINE_HINT.search(body, 0, head) and (capitals := capital_lines(body[:head])):
            others = [(start, end) for start, end, _, found, _ in tagged if found == "misc"]
            names = _named_in_capitals(names, body, capitals, others)
        if lines := _title_case_lines(body[:heading]):
            names = _confirmed(names, lines)
        dates = sorted_out.dates
        if dates:
            date_spans = [(d.start, d.end) for d in dates]
            in_dates = set().union(*[range(start, end) for start, end in date_spans])  # where a name inside one starts
            names = [n for n in names if n.start not in in_dates or not covered(date_spans, n.start, n.end)]
        # A nationality the rules found where the tagger found nothing ("US-Iranian relations") stays.
        names += clear_of(sorted_out.demonyms, names)
        names.sort(key=START)
        return sorted(names + clear_of(dates, names), key=START)

    def _sure(
        self, body: str, hints: list[Mention], voting: list[Mention], tagged: list[Tagged]
    ) -> list[tuple[int, int, str]]:
        """The tagger's names, less its guesses, and typed by the rules' cue where it barely chose (one of the
        `voting` hints)."""
        texts = [body[start:end] for start, end, _, _ in tagged]
        # The names the tagger is sure of somewhere in the article: no guesses anywhere in it.
        confident = {text for text, (_, _, _, margin) in zip(texts, tagged, strict=True) if margin >= GUESS_MARGIN}
        # The cued types and the strong hints' spans, made once a name needs them.
        cued: dict[tuple[int, int], str] | None = None
        strong: list[tuple[int, int]] | None = None
        sure = []
        for text, (start, end, kind, margin) in zip(texts, tagged, strict=True):
            # A guess of unseen words that no cue of the rules covers is left out.
            if kind in GUESSED_TYPES and text not in confident and _unseen(text):
                if strong is None:
                    strong = [(at, to) for _, _, at, to, is_strong, _ in hints if is_strong]
                if not covered(strong, start, end):
                    continue
            if margin < CUE_MARGIN and kind in NAME_TYPES:
                if cued is None:
                    cued = {(at, to): cue_type for _, cue_type, at, to, _, _ in voting if cue_type in NAME_TYPES}
                kind = cued.get((start, end), kind)
            sure.append((start, end, kind))
        return sure


class _Hints(NamedTuple):
    """The rules' hints that the recogniser reads, by what they say, each kind in the hints' order."""

    voting: list[Mention]  # by a cue that counts in a name's vote (VOTING_CUES)
    org_words: list[Mention]  # organisations named by an organisation word
    titles: list[Mention]  # laws' and events' titles (TITLE_CUES)
    acronyms: list[Mention]
    demonyms: list[Mention]
    dates: list[Mention]


def _sorted_out(hints: list[Mention]) -> _Hints:
    """The hints sorted out by what they say, in one pass: seven passes over all of them, one for each
    kind, cost about three times as much."""
    sorted_out = _Hints([], [], [], [], [], [])
    voting, org_words, titles, acronyms, demonyms, dates = sorted_out
    for hint in hints:
        if hint.type == "date":
            dates.append(hint)
        if not (cue := hint.cue):
            continue  # half of them
        if cue in VOTING_CUES:
            voting.append(hint)
            if cue == "org word":
                org_words.append(hint)
        elif cue in TITLE_CUES:
            titles.append(hint)
        elif cue == "acronym":
            acronyms.append(hint)
        elif cue == "demonym":
            demonyms.append(hint)
    return sorted_out


@lru_cache(maxsize=1 << 12)  # a name is guessed again and again: worked out once
def _unseen(name: str) -> bool:
    """Whether training never weighed any of a name's words."""
    return not any(tagger().knows(word) for word in name.split() if word.lower() not in JOINERS)


def _after_a_work_noun(body: str, start: int) -> bool:
    """Whether a work noun stands just before `start` as WORK_BEFORE says ("the game Halo", "his album,
    Genius Loves Company"). One character is read first (a third of names have none of WORK_ENDINGS two
    characters before them: "said X", "of X"), then the word before (past "the" and a comma): the pattern, tried at
    each of 30 characters, is searched only where that word is a work noun or the "as" of "such as"."""
    if body[start - 2 : start - 1] not in WORK_ENDINGS:
        return False
    first = start - 30 if start > 30 else 0  # a conditional, not max(): this runs for every name
    before = body[first:start].removesuffix("\n")  # `$` matches before a last line end too
    if before.endswith(("the ", "The ")):
        before = before[:-4]
    word = before.rstrip(" ,").rpartition(" ")[2]
    return (word in WORK_NOUNS or word == "as") and WORK_BEFORE.search(body, first, start) is not None


def _maximal(body: str, tagged: list[tuple[int, int, str]], org_words: list[Mention]) -> list[tuple[int, int, str]]:
    """The tagged names (the list itself, changed): an organisation the tagger found at the start of a
    longer one that the rules named by an organisation word (`org_words`), and nothing else in it ("BBC
    Radio" of "BBC Radio Four"), is that longer name: names are maximal."""
    longer = {start: end for _, _, start, end, _, _ in org_words}
    for i, (start, end, kind) in enumerate(tagged):
        if kind == "org":
            full = longer.get(start, end)
            if figure := NUMBERED.match(body, end):
                full = figure.end(1)
            following = tagged[i + 1][0] if i + 1 < len(tagged) else full
            if end < full <= following:
                tagged[i] = (start, full, kind)  # in place: a name's end is read by none after it
    return tagged


def _person_end(body: str, end: int) -> int:
    """Where a person's name that the tagger ended at `end` ends: on over small particles to the rest
    of the name ("Pieter van der Merwe", "Kengo wa Dondo": whatever the tagger found after them is part
    of it) and over a hyphen and a part in lower case that news does not write alone ("Kim Dae-jung"),
    unless it is one of a place's ("Aix-en-Provence")."""
    after = (HYPHENED_AFTER if body.startswith("-", end) else PARTICLES_AFTER).match(body, end)
    if after and (rest := after.group(1)) not in COMMON_WORDS and rest not in IN_PLACE_NAMES:
        return after.end()
    return end


def _at_roles(tagged: list[tuple[int, int, str]], body: str) -> list[tuple[int, int, str]]:
    """The tagged names, one with a role inside that a name follows cut in two: the organisation (or
    place) whose role it is and the person who holds it ("Nordex CEO Peter Hallam", "Port Authority
    Director Anna Berg"), where the words before the role name a body ("Managing Director Jane Doe" is
    a title and a person)."""
    # The names' own words first, in lower case (a tenth of the body), then the body as written.
    named = " ".join([body[start:end] for start, end, _ in tagged]).lower()
    if not any(role in named for role in INNER_ROLE_STEMS) or not any(role in body for role in INNER_ROLE_WORDS):
        return tagged
    cut: list[tuple[int, int, str]] = []
    for start, end, kind in tagged:
        words = body[start:end].split(" ")
        role = next((i for i in range(1, len(words) - 1) if _bare(words[i]) in INNER_ROLES), 0)
        before = " ".join(words[:role])
        if not role or words[role + 1].lower() in JOINERS or not _names_a_body(before):
            cut.append((start, end, kind))
            continue
        body_kind = "place" if gazetteer().places.by_name_alone(before) else "org"
        holder = start + len(before) + 1 + len(words[role]) + 1
        cut += [(start, start + len(before), body_kind), (holder, end, "person")]
    return cut


def _names_a_body(words: str) -> bool:
    """Whether the words before a role name whose role it is: an organisation word, or a word that is
    no title and no word news writes in lower case ("Nordex", not "Vice" or "Managing")."""
    return _has_org_word(words) or any(
        (bare := _bare(word)) not in TITLES and bare not in COMMON_WORDS for word in words.split(" ")
    )


def _long_forms(body: str, tagged: list[TaggedName]) -> list[TaggedName]:
    """The tagged names, those that an acronym in brackets after them spells with the names before
    them made one organisation: "the Council for Trade and Industry in Wales (CTIW)" is one name, not
    an organisation and a place, where the tagger found an organisation among them."""
    merged: list[TaggedName] = []
    for named in tagged:
        start, end, _, found, _ = named
        acronym = acronym_after(body, end)
        first = _spelt_from(body, end, acronym) if acronym else start
        inside = [m for m in merged if first <= m[0]] if first < start else []
        if inside and "org" in {found, *(m[3] for m in inside)}:
            del merged[len(merged) - len(inside) :]
            text = body[first:end]
            merged.append((first, end, text, "org", _kind(text, "org")))
        else:
            merged.append(named)
    return merged


def _spelt_from(body: str, end: int, acronym: str) -> int:
    """Where the longest run of words ending at `end` starts whose capitals spell `acronym` in order,
    small words in lower case spelling a letter or none ("Interim Force in Lebanon", "IFIL"); `end`
    where none does."""
    line = body.rfind("\n", 0, end) + 1
    words = body[line:end].split(" ")[-LONGEST_FORM:]
    start = end
    position = end - len(words[-1])
    for count in range(1, len(words) + 1):
        if count > 1:
            position -= len(words[-count]) + 1
        if words[-count][:1] == acronym[0] and _spells(words[-count:], acronym):  # its initial first
            start = position
    return start


def _spells(words: list[str], acronym: str) -> bool:
    """Whether the capitalised words' initials ("U.N." gives two) spell `acronym` in order, each small
    word in lower case between them spelling its own initial or nothing."""

    def spells_from(word: int, letter: int) -> bool:
        if word == len(words):
            return letter == len(acronym)
        text = words[word]
        if text[:1].islower():
            small = len(text) <= 3 and text.isalpha()
            own = letter < len(acronym) and acronym[letter] == text[0].upper()
            return small and (spells_from(word + 1, letter) or (own and spells_from(word + 1, letter + 1)))
        if not text[:1].isupper() or any(c in ',;:()"' for c in text):
            return False
        initials = "".join(part[0] for part in text.split(".") if part) if "." in text.rstrip(".") else text[0]
        return acronym.startswith(initials, letter) and spells_from(word + 1, letter + len(initials))

    return spells_from(0, 0)


def _before_a_sentence(name: str) -> int:
    """The length of a tagged name up to an initial whose full stop ends a sentence, a word that opens
    sentences after it ("Y. Then": "Y"); the whole name's where there is none."""
    words = name.split(" ")
    length = 0
    for word, following in pairwise(words):
        if len(word) == 2 and word[0].isupper() and word[1] == "." and following.lower() in SENTENCE_OPENERS:
            return length + 1
        length += len(word) + 1
    return len(name)


def _lone_letter(name: str) -> bool:
    """A name of one letter ("D", "X."): a plan's, a grade's, a vitamin's, a stand-in's or an initial cut
    from its name ("T" of "T in the Park"); a name only after a title ("Mr X")."""
    return len(name.rstrip(".")) == 1


# A word of a line in capitals: "O'BRIEN", "U.S.", "MILAN'S" (its possessive is no part of the name).
# Fewer words in a line in capitals than this make a dateline ("NEW YORK 1996-08-30"), not a headline.
HEADLINE_WORDS = 3
# Two words in capitals side by side: a headline in capitals may be there (a regex scanned in C, before
# the heading's lines are read).
HEADLINE_HINT = re.compile(r"[A-Z][A-Z'.&-]+ [A-Z][A-Z'.&-]+ ")
CAPITALS_WORD = re.compile(r"(?<![\w'’-])[A-Z0-9][\w.&'’-]*?(?=['’]S\b|[.,:;!?]?(?:\s|$))")


def _named_in_capitals(
    names: list[Mention], body: str, capitals: list[tuple[int, int]], others: list[tuple[int, int]]
) -> list[Mention]:
    """The names, those of a headline in capitals (the heading's, or the first line's: "KOVALENKO STUNS
    SEEDS IN ROME") read from the article's other lines: words the article names in ordinary case
    ("Parma", the surname of "Marta Kovalenko") are that name, of its type there, in place of what the
    tagger made of them (capitals hide which words are names). A name the tagger found there stays as
    it found it where it is such a name, ends in one of its type ("RAUL DURAN") or has more than such
    names and common words ("NORDVIK AB"), as do the `others` it found, names of none of our types
    ("TOUR OF BELGIUM"); a dateline ("MILAN 1996-08-22") names where the story was filed, whatever else
    the place names in the story."""
    inside = [covered(capitals, n.start, n.end) for n in names]
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for name, heading in zip(names, inside, strict=True):
        if not heading and name.type in NAME_TYPES:
            votes[name.text.upper()][name.type] += 2
            if name.type == "person" and " " in name.text:
                votes[name.text.rsplit(" ", 1)[1].upper()]["person"] += 1
    if not votes:
        return names
    known = {text: vote.most_common(1)[0][0] for text, vote in votes.items()}
    confirmed = others + [
        (n.start, n.end)
        for n, heading in zip(names, inside, strict=True)
        if heading and (n.text in known or known.get(n.text.rsplit(" ", 1)[-1]) == n.type or _more_than(n.text, known))
    ]
    confirmed.sort()
    read: list[Mention] = []
    for start, end in capitals:
        words = [(m.start(), m.end()) for m in CAPITALS_WORD.finditer(body, start, end) if body[m.start()].isalpha()]
        if len(words) < HEADLINE_WORDS:
            continue
        words = [w for w in words if not covered(confirmed, *w)]
        i = 0
        while i < len(words):
            for j in range(min(len(words), i + 4), i, -1):
                first, last = words[i][0], words[j - 1][1]
                # A word news writes in lower case is that word in a headline ("MARKETS MAY FALL"), not a name.
                ordinary = j == i + 1 and body[first:last].lower() in COMMON_WORDS
                if (kind := known.get(body[first:last])) is not None and not ordinary:
                    read.append(Mention(body[first:last], kind, first, last, strong=False))
                    i = j
                    break
            else:
                i += 1
    return sorted(clear_of(names, read) + read, key=lambda m: m.start) if read else names


def _more_than(name: str, known: dict[str, str]) -> bool:
    """Whether a name in capitals has a word that is no name the article knows, no small joining word
    and no word news writes in lower case ("AB" of "NORDVIK AB", not "STUNS" of "KOVALENKO STUNS")."""
    return any(
        word not in known and (lower := word.lower()) not in JOINERS and lower not in COMMON_WORDS
        for word in name.split()
    )


def _title_case_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of the lines that capitalise every word but the small ones ("Moscow Stands For
    Resolving US-Iran Disagreements Through Dialogue Only"): headlines, where a capital says nothing
    of a name."""
    found = []
    start = 0
    for line in text.split("\n"):
        words = [word for word in line.split() if len(word) > 3 and word[0].isalpha()]
        if len(words) >= 3 and all(word[0].isupper() for word in words) and not line.isupper():
            found.append((start, start + len(line)))
        start += len(line) + 1
    return found


def _confirmed(names: list[Mention], lines: list[tuple[int, int]]) -> list[Mention]:
    """The names, less those of a title-case line that the article names nowhere else (a surname:
    nor in full) and the gazetteer does not know as places ("US-Iran Disagreements" of a headline)."""
    last = lines[-1][1]  # most names stand after every line
    inside = [n.start < last and any(start <= n.start < end for start, end in lines) for n in names]
    elsewhere = {n.text for n, heading in zip(names, inside, strict=True) if not heading}
    elsewhere |= {text.rsplit(" ", 1)[-1] for text in elsewhere}  # "Lavrov" of "Sergey Lavrov"
    places = gazetteer().places
    return [
        n for n, heading in zip(names, inside, strict=True) if not heading or n.text in elsewhere or n.text in places
    ]


def _within_titles(tagged: list[tuple[int, int, str]], title_hints: list[Mention]) -> list[tuple[int, int, str]]:
    """The tagged names, those inside the title of a law or an event that a cue names (`title_hints`: "Athens
    Olympics", "UN Security Council Resolution") giving way to it: names are maximal."""
    titles = [(start, end, kind) for _, kind, start, end, _, _ in title_hints]
    if not titles:
        return tagged
    first, last = min(title[0] for title in titles), max(title[1] for title in titles)  # where any title may be
    inside = [
        t
        for t in tagged
        if first <= t[0] and t[1] <= last and any(s <= t[0] and t[1] <= e and (s, e) != t[:2] for s, e, _ in titles)
    ]
    if not inside:
        return tagged
    covering = {title for title in titles if any(title[0] <= t[0] and t[1] <= title[1] for t in inside)}
    kept = [t for t in tagged if t not in inside and not any(s < t[1] and t[0] < e for s, e, _ in covering)]
    return sorted(kept + list(covering))


# A name is tagged again and again: worked out once. 6,144 names held take the memory of the two caches of
# 4,096 (`_trimmed`'s, `_kind`'s) this one replaced, and miss a fifth fewer generated articles' names.
@lru_cache(maxsize=6144)
def _named(text: str, found: str) -> tuple[int, str, str, str | None] | None:
    """What a name the tagger found of type `found` is: the characters to cut from its start (`_trimmed`),
    the rest (up to an initial that ends a sentence: "Y. Then"), its type so trimmed, and our type of it
    (`_kind`); None where `_trimmed` leaves none. One look-up for all four: the trimming's and the type's
    caches, each looked up for every name, took a sixth of the recogniser's own time in look-ups alone."""
    if not (trimmed := _trimmed(text, found)):
        return None
    cut, found = trimmed
    name = text[cut:]
    if ". " in name:
        name = name[: _before_a_sentence(name)]
    return cut, name, found, _kind(name, found)


def _trimmed(name: str, kind: str) -> tuple[int, str] | None:
    """A tagged name without a title or a small word before it ("Lt. General Soleimani", "In Europe"),
    as the characters to cut from its start and its type: the rest a place when the gazetteer says
    so; None for a title alone or a name that ends in one ("Permanent Representative", "US Secretary")."""
    words = name.split(" ")
    title = _is_title(words[0], kind)
    if _bare(words[-1]) in TITLE_ENDS or (title and all(_is_title(word, kind) for word in words[1:])):
        return None
    if not title and words[0].lower() not in LEADING_SMALL_WORDS:
        return 0, kind  # most names: nothing before them to cut
    dropped = 0
    while len(words) - dropped > 1 and (
        (_is_title(words[dropped], kind) and not _has_org_word(" ".join(words[dropped + 1 :])))
        or (words[dropped].lower() in LEADING_SMALL_WORDS and name not in gazetteer().places)
    ):
        dropped += 1
    if not dropped:
        return 0, kind
    cut = sum(len(w) + 1 for w in words[:dropped])
    return cut, "place" if gazetteer().places.by_name_alone(name[cut:]) else kind


def _is_title(word: str, kind: str) -> bool:
    """A title ("General", "Lieutenant-Colonel"), or before a person a label that is no part of the name
    ("Democrat", "CEO")."""
    bare = _bare(word)
    if bare in TITLE_HEADS or (kind == "person" and bare in PERSON_LABELS):
        return True
    return "-" in bare and all(part in TITLE_HEADS for part in bare.split("-"))


def _agreed(names: list[Mention], voting: list[Mention]) -> list[Mention]:
    """One type for each name within an article: the type most of its mentions have, the rules' cued
    ones (`voting`) counted too; a lone word that ends a longer name here is what that name is ("Villa"
    after "Aston Villa", "Lavrov" after "Sergey Lavrov")."""
    # Each name's mentions of each type counted once (in C), in the order first met; a plain dict of each name's
    # votes, each type in the order first counted (the tie-break): a Counter for each name cost a call to make it.
    counted = Counter(map(TEXT_AND_TYPE, names))
    typed = [(text, kind, count) for (text, kind), count in counted.items() if kind in NAME_TYPES]
    votes: dict[str, dict[str, int]] = {}
    for text, kind, count in typed:
        if (vote := votes.get(text)) is None:
            votes[text] = {kind: count}
        else:
            vote[kind] = count
    for text, kind, _, _, _, _ in voting:
        if (cued := votes.get(text)) is not None:
            cued[kind] = cued.get(kind, 0) + 1
    for text, kind, count in typed:
        if " " in text and (last := votes.get(text.rsplit(" ", 1)[1])):
            last[kind] = last.get(kind, 0) + 2 * count
    split = {text for text, vote in votes.items() if len(vote) > 1}  # the names given more than one type
    if not split:
        return names
    agreed = []
    for mention in names:
        if mention.text in split and mention.type in NAME_TYPES:
            vote = votes[mention.text]
            kind = min(vote, key=lambda k: (-vote[k], k != mention.type))
            mention = make_mention((mention.text, kind, mention.start, mention.end, mention.strong, mention.cue))
        agreed.append(mention)
    return agreed


def _with_acronyms(names: list[Mention], acronyms: dict[str, str], body: str) -> list[Mention]:
    """The names, and every mention of an acronym a long name defined that the tagger left out."""
    spans = [(name.start, name.end) for name in names]
    found = [
        Mention(word, kind, start, end)
        for word, kind in acronyms.items()
        for start, end in _whole_words(body, word)
        if not any(at <= start < to or at < end <= to for at, to in spans)  # neither end inside a name
    ]
    return sorted(names + found, key=START)


def _whole_words(body: str, acronym: str) -> list[tuple[int, int]]:
    """(start, end) of each place where `acronym` stands as a whole ACRONYM_WORD. Found by str.find, not by
    ACRONYM_WORD's scan of every word in capitals: 6% of the recogniser's own time went on that scan."""
    places = []
    start = body.find(acronym)
    while start >= 0:
        end = start + len(acronym)
        if (word := ACRONYM_WORD.match(body, start)) and word.end() == end:
            places.append((start, end))
        start = body.find(acronym, start + 1)
    return places


def _joined(names: list[Mention], body: str) -> list[Mention]:
    """A nationality just before an organisation named by an organisation word is part of its name:
    "Russian Foreign Ministry", "Kenyan Government"."""
    joined: list[Mention] = []
    for name in names:
        if (
            joined
            and (last := joined[-1]).type == "nationality"
            and name.type == "org"
            and name.start == last.end + 1
            and _has_org_word(name.text)
        ):
            joined[-1] = Mention(body[last.start : name.end], "org", last.start, name.end)
        else:
            joined.append(name)
    return joined


def _kind(name: str, found: str) -> str | None:
    """Our type of a name the tagger found: a demonym it calls misc is a nationality, a name that
    ends in a law's word a law (unless a person's: "Stuart Law"), other names that are no person,
    organisation or place are laws and events by their words, or nothing of ours."""
    if name in PLAIN_ACRONYMS:
        return None
    words = name.split()
    if found == "misc" and len(words) <= 2:
        last = words[-1].rsplit("-", 1)[-1]  # "US-Iranian": the adjective after the hyphen
        if is_demonym(last) and not _is_acronym(last) and last not in gazetteer().places:
            return "nationality"
    if len(words) > 1:
        ending = _bare(words[-1])
        if ending in LAW_WORDS and found != "person":
            return "law"  # "UN Security Council Resolution": a law, whatever body it names
        if ending in EVENT_WORDS and found == "place":
            return "event"  # "Evening Standard Theatre Awards": an event held at a place, not the place
    if found != "misc":
        return found
    lowered = [_bare(w) for w in words]
    if len(words) > 1 and is_demonym(words[0]) and _has_org_word(" ".join(words[1:])):
        return "org"  # "Russian Government", "Kenyan Government": a body with its nationality
    if len(words) > 1 and (lowered[-1] in EVENT_WORDS or YEAR_IN_NAME.search(name)):
        return "event"
    if _law_of(lowered):
        return "law"
    return None
