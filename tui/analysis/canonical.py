"""One name per entity across the corpus: "Sergei Lavrov", "Sergey Lavrov" and "Lavrov" are one person.

People are grouped by surname, and full names within a group merge when their given names are
close (rapidfuzz) or one's words contain the other's ("Javad Zarif" in "Mohammad Javad Zarif"). A
lone surname or given name goes to the one group it can belong to, preferring the article's own.
Places go through the gazetteer's aliases ("U.S." → "United States"); an organisation's acronym goes
to the long name it stands for ("IAEA" → "International Atomic Energy Agency").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from rapidfuzz import fuzz

from .entities import Mention
from .gazetteer import gazetteer

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


def _acronym_of(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[0].isupper())


def canonical_names(mentions: Mapping[str, Iterable[Mention]]) -> dict[tuple[str, str, str], str]:
    """(article id, type, text) → the canonical name, for every name mentioned in the corpus."""
    by_article = {article_id: list(found) for article_id, found in mentions.items()}
    counts = Counter((m.type, m.text) for found in by_article.values() for m in found)
    result: dict[tuple[str, str, str], str] = {}
    result.update(_people(by_article, counts))
    places = gazetteer().places
    long_orgs = {_acronym_of(text): text for (kind, text) in counts if kind == "org" and len(text.split()) > 1}
    for article_id, found in by_article.items():
        for m in found:
            key = (article_id, m.type, m.text)
            if key in result:
                continue
            if m.type == "place" and m.text in places:
                result[key] = places[m.text][0]
            elif m.type == "org" and m.text.isupper() and m.text in long_orgs:
                result[key] = long_orgs[m.text]
            else:
                result[key] = m.text
    return result


def _people(by_article: dict[str, list[Mention]], counts: Counter) -> dict[tuple[str, str, str], str]:
    """Canonical names for people: groups of full names, then lone names assigned to a group."""
    full_names = sorted(
        {text for (kind, text) in counts if kind == "person" and " " in text},
        key=lambda text: (-counts["person", text], -len(text)),
    )
    groups: list[list[str]] = []  # each group's first name is its most frequent (then longest) form
    for name in full_names:
        home = next((g for g in groups if _same_person(g[0], name)), None)
        if home is not None:
            home.append(name)
        else:
            groups.append([name])
    canonical_of = {name: group[0] for group in groups for name in group}
    by_part: dict[str, set[str]] = defaultdict(set)
    for group in groups:
        for name in group:
            words = name.split()
            by_part[words[-1]].add(group[0])
            by_part[words[0]].add(group[0])

    result = {}
    for article_id, found in by_article.items():
        local = {canonical_of[m.text] for m in found if m.type == "person" and m.text in canonical_of}
        for m in found:
            if m.type != "person":
                continue
            if m.text in canonical_of:
                result[article_id, "person", m.text] = canonical_of[m.text]
                continue
            candidates = by_part.get(m.text, set())
            here = candidates & local
            if len(here) == 1:
                result[article_id, "person", m.text] = next(iter(here))
            elif not here and len(candidates) == 1:
                result[article_id, "person", m.text] = next(iter(candidates))
    return result
