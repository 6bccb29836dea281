"""One name per entity across the corpus: "Sergei Lavrov", "Sergey Lavrov" and "Lavrov" are one person.

People are grouped by surname, and full names within a group merge when their given names are
close (rapidfuzz) or one's words contain the other's ("Javad Zarif" in "Mohammad Javad Zarif"). A
lone surname or given name goes to the person the article names in full; to the one person the
corpus names so only when a cue here made it a person's ("Mr Blair", "striker Owen"): a lone
capitalised word is no evidence by itself.
Places go through the gazetteer's aliases ("U.S." → "United States"); an organisation's acronym goes
to the long name it stands for ("IAEA" → "International Atomic Energy Agency").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection

from rapidfuzz import fuzz

from newsreader.analysis.gazetteer import gazetteer

GIVEN_NAME_SIMILARITY = 75  # "Sergey"/"Sergei" 83, "Qasem"/"Qassem" 91; "John"/"Joan" stays apart at 75
SURNAME_SIMILARITY = 90


def _same_person(a: str, b: str) -> bool:
    """Two full names of one person: same surname (give or take a letter) and close given names."""
    a_words, b_words = a.split(), b.split()
    if fuzz.ratio(a_words[-1].casefold(), b_words[-1].casefold()) < SURNAME_SIMILARITY:
        return False
    if set(a_words) <= set(b_words) or set(b_words) <= set(a_words):
        return True
    return fuzz.ratio(" ".join(a_words[:-1]), " ".join(b_words[:-1])) >= GIVEN_NAME_SIMILARITY


def _surname_keys(name: str) -> set[str]:
    """The surname, and the surname less each of its letters: two surnames a typo apart share one.

    Only groups that share a key with a name are compared with it, so that grouping stays near
    linear in the number of names (every group against every name took minutes at 100,000 articles).
    """
    surname = name.split()[-1].casefold()
    return {surname, *(surname[:i] + surname[i + 1 :] for i in range(len(surname)))}


def _acronym_of(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[0].isupper())


class CanonicalNames:
    """The one name of each entity, from how often the corpus mentions each (type, text)."""

    def __init__(self, counts: Counter[tuple[str, str]]) -> None:
        self.person_of, self.people_by_part = _person_groups(counts)
        self.places = gazetteer().places
        self.long_orgs: dict[str, str] = {}  # an acronym → the most mentioned long name it stands for
        long_names = [text for (kind, text) in counts if kind == "org" and len(text.split()) > 1]
        for text in sorted(long_names, key=lambda text: (-counts["org", text], text)):
            self.long_orgs.setdefault(_acronym_of(text), text)

    def in_article(self, found: list[tuple[str, str]], titled: Collection[str] = ()) -> dict[tuple[str, str], str]:
        """(type, text) → canonical name, for the names one article mentions: a lone surname goes to
        the person the article itself names in full, if any, or else, when `titled` (a cue here made
        it a person's: a title or role before it), to the one person the corpus names in full with it."""
        local = {self.person_of[text] for kind, text in found if kind == "person" and text in self.person_of}
        return {(kind, text): self._name(kind, text, local, text in titled) for kind, text in found}

    def _name(self, kind: str, text: str, local: set[str], titled: bool) -> str:
        if kind == "person":
            if text in self.person_of:
                return self.person_of[text]
            candidates = self.people_by_part.get(text, set())
            here = candidates & local
            if len(here) == 1:
                return next(iter(here))
            if not here and titled and len(candidates) == 1:
                return next(iter(candidates))
        elif kind == "place" and (place := self.places.get(text)) is not None:
            return place[0]
        elif kind == "org" and text.isupper() and text in self.long_orgs:
            return self.long_orgs[text]
        return text


def _person_groups(counts: Counter[tuple[str, str]]) -> tuple[dict[str, str], dict[str, set[str]]]:
    """Full names grouped as one person (name → the group's name), and each first or last word of
    a full name → the groups it can stand for."""
    full_names = sorted(
        {text for (kind, text) in counts if kind == "person" and " " in text},
        key=lambda text: (-counts["person", text], -len(text), text),  # the text last: the same on every run
    )
    groups: list[list[str]] = []  # each group's first name is its most frequent (then longest) form
    by_surname: dict[str, list[int]] = defaultdict(list)  # a group's surname, and it less a letter → the group
    for name in full_names:
        keys = _surname_keys(name)
        candidates = sorted({number for key in keys for number in by_surname.get(key, ())})
        home = next((number for number in candidates if _same_person(groups[number][0], name)), None)
        if home is not None:
            groups[home].append(name)
            continue
        for key in keys:
            by_surname[key].append(len(groups))
        groups.append([name])
    by_part: dict[str, set[str]] = defaultdict(set)
    for group in groups:
        for name in group:
            words = name.split()
            by_part[words[-1]].add(group[0])
            by_part[words[0]].add(group[0])
    return {name: group[0] for group in groups for name in group}, by_part
