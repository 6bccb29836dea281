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

from rapidfuzz import fuzz

from newsreader.analysis.gazetteer import gazetteer

GIVEN_NAME_SIMILARITY = 75  # "Sergey"/"Sergei" 83, "Qasem"/"Qassem" 91; "John"/"Joan" stays apart at 75
SURNAME_SIMILARITY = 90


def _same_person(a: str, b: str) -> bool:
    """Two full names of one person: same surname (give or take a letter) and close given names."""
    a_words, b_words = a.split(), b.split()
    a_surname, b_surname = a_words[-1].casefold(), b_words[-1].casefold()
    if a_surname != b_surname and fuzz.ratio(a_surname, b_surname) < SURNAME_SIMILARITY:
        return False
    if set(a_words) <= set(b_words) or set(b_words) <= set(a_words):
        return True
    return fuzz.ratio(" ".join(a_words[:-1]), " ".join(b_words[:-1])) >= GIVEN_NAME_SIMILARITY


def _surname_keys(surname: str) -> set[str]:
    """The surname (casefolded), and it less each of its letters: two surnames a typo apart share one.

    Only groups that share a key with a name are compared with it, so that grouping stays near
    linear in the number of names (every group against every name took minutes at 100,000 articles).
    """
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

    def alike(self, kind: str, text: str) -> str | None:
        """The canonical name of a (type, text) wherever it is mentioned; None for a lone word of the full
        names of people the corpus names (`lone_name` names it, by its article)."""
        if kind == "person":
            if (person := self.person_of.get(text)) is not None:
                return person
            return None if text in self.people_by_part else text
        if kind == "place" and (place := self.places.get(text)) is not None:
            return place[0]
        if kind == "org" and text.isupper() and text in self.long_orgs:
            return self.long_orgs[text]
        return text

    def lone_name(self, text: str, named_here: set[str], titled: bool) -> str:
        """The canonical name of a lone word of people's full names (`alike` gave None): the one person
        of them the article itself names in full (`named_here`: the people it names, `person_of`), if any, or
        else, when `titled` (a cue here made it a person's: a title or role before it), the one person the
        corpus names in full with it."""
        candidates = self.people_by_part[text]
        here = candidates & named_here
        if len(here) == 1:
            return next(iter(here))
        if not here and titled and len(candidates) == 1:
            return next(iter(candidates))
        return text


def _person_groups(counts: Counter[tuple[str, str]]) -> tuple[dict[str, str], dict[str, set[str]]]:
    """Full names grouped as one person (name → the group's name), and each first or last word of
    a full name → the groups it can stand for."""
    mentioned = {text: count for (kind, text), count in counts.items() if kind == "person" and " " in text}
    full_names = sorted(
        mentioned,
        key=lambda text: (-mentioned[text], -len(text), text),  # the text last: the same on every run
    )
    groups: list[list[str]] = []  # each group's first name is its most frequent (then longest) form
    by_surname: dict[str, list[int]] = defaultdict(list)  # a group's surname, and it less a letter → the group
    keys_of: dict[str, set[str]] = {}  # a surname's keys, worked out once for its full names
    for name in full_names:
        surname = name.split()[-1].casefold()
        if (keys := keys_of.get(surname)) is None:
            keys = keys_of[surname] = _surname_keys(surname)
        sharing = [by_surname[key] for key in keys if key in by_surname]
        candidates = sorted(set().union(*sharing)) if sharing else ()
        home = next((number for number in candidates if _same_person(groups[number][0], name)), None)
        if home is not None:
            groups[home].append(name)
            continue
        number = len(groups)
        for key in keys:
            by_surname[key].append(number)
        groups.append([name])
    by_part: dict[str, set[str]] = defaultdict(set)
    for group in groups:
        for name in group:
            words = name.split()
            by_part[words[-1]].add(group[0])
            by_part[words[0]].add(group[0])
    return {name: group[0] for group in groups for name in group}, by_part
