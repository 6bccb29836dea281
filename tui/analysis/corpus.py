"""The entities of a whole corpus, found article by article and kept compactly.

Three passes: each body's names and dates are found (dates get their values there and then), the
names' types are settled by votes across the corpus, and each name gets its one canonical name.
What is kept is a table of names and, per article, (start, end, name) integers: a few bytes a
mention, so that 100,000 articles' millions of mentions fit in tens of megabytes.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Iterator, Sequence

from ..model import ENTITY_TYPES, Article, Entity
from .canonical import CanonicalNames
from .entities import Recogniser, strong_votes
from .timex import Normaliser, sentence_span

KINDS = (*ENTITY_TYPES, "unknown")
DATE = -1  # the kind code of a date, whose name is settled in the first pass
PROGRESS_EVERY = 500  # articles between two progress reports


class EntityTable:
    """Every article's entity mentions: names once, mentions as (start, end, name number) triples."""

    def __init__(self) -> None:
        self.names: list[tuple[str, str, str | None]] = []  # (canonical name, type, a date's value)
        self.numbers: dict[tuple[str, str, str | None], int] = {}
        self.mentions: dict[str, array] = {}  # article id → start, end, name number, start, end, …
        self.articles: dict[int, list[str]] = {}  # name number → ids of the articles mentioning it

    def number(self, canonical: str, kind: str, value: str | None = None) -> int:
        key = (canonical, kind, value)
        if (found := self.numbers.get(key)) is None:
            found = self.numbers[key] = len(self.names)
            self.names.append(key)
        return found

    def add(self, article_id: str, triples: array) -> None:
        self.mentions[article_id] = triples
        for number in set(triples[2::3]):
            self.articles.setdefault(number, []).append(article_id)

    def entities(self, article_id: str, body: str) -> tuple[Entity, ...]:
        """The article's mentions in body order (its `body` gives their text)."""
        triples = self.mentions.get(article_id, ())
        found = []
        for i in range(0, len(triples), 3):
            start, end, number = triples[i : i + 3]
            canonical, kind, value = self.names[number]
            found.append(Entity(body[start:end], kind, start, end, canonical, value))
        return tuple(found)

    def names_in(self, article_id: str) -> set[str]:
        """The canonical names (not dates) an article mentions."""
        return {self.names[n][0] for n in set(self.mentions.get(article_id, ())[2::3]) if self.names[n][1] != "date"}

    def counts(self, kind: str | None = None) -> list[tuple[str, str, int]]:
        """(name, type, number of articles mentioning it), most mentioned first."""
        counted = Counter()
        for number, ids in self.articles.items():
            name, name_kind, _ = self.names[number]
            if kind is None or name_kind == kind:
                counted[name, name_kind] += len(ids)
        return [(name, name_kind, count) for (name, name_kind), count in counted.most_common()]

    def mentioning(self, canonical: str, kind: str) -> set[str]:
        """Ids of the articles that mention an entity."""
        return {
            article_id
            for (name, name_kind, _), number in self.numbers.items()
            if name == canonical and name_kind == kind
            for article_id in self.articles.get(number, ())
        }


def analyse_corpus(
    articles: Sequence[Article],
    stop: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> EntityTable | None:
    """Find, type and name every entity of the articles; None when `stop` said so on the way."""
    table = EntityTable()
    texts: dict[str, int] = {}  # a name's text → its number in `text_of`
    text_of: list[str] = []
    votes: dict[str, Counter[str]] = {}
    found: dict[str, array] = {}  # article id → start, end, text number (a date: name number), kind code, …
    recogniser = Recogniser()
    for done, article in enumerate(articles):
        if stop and stop():
            return None
        if progress and done % PROGRESS_EVERY == 0:
            progress(done, len(articles))
        body = article.body
        mentions = recogniser.mentions(body)
        strong_votes(mentions, votes)
        normaliser = Normaliser(article.date)
        row = array("i")
        for m in mentions:
            if m.type == "date":
                value = normaliser.value(m.text, body[slice(*sentence_span(body, m.start, m.end))])
                row.extend((m.start, m.end, table.number(value or m.text, "date", value), DATE))
            else:
                if (number := texts.get(m.text)) is None:
                    number = texts[m.text] = len(text_of)
                    text_of.append(m.text)
                row.extend((m.start, m.end, number, KINDS.index(m.type) * 2 + m.strong))
        found[article.id] = row

    def settled(row: array) -> Iterator[tuple[int, int, str, str | int]]:
        """A row's mentions as (start, end, type, text), a weak name typed by the corpus's votes,
        unknown ones dropped; dates as (start, end, "date", name number)."""
        for i in range(0, len(row), 4):
            start, end, ref, code = row[i : i + 4]
            if code == DATE:
                yield start, end, "date", ref
                continue
            kind, text = KINDS[code >> 1], text_of[ref]
            if not code & 1 and (vote := votes.get(text)):
                kind = vote.most_common(1)[0][0]
            if kind != "unknown":
                yield start, end, kind, text

    counts = Counter((kind, text) for row in found.values() for _, _, kind, text in settled(row) if kind != "date")
    names = CanonicalNames(counts)
    for article_id in list(found):
        mentions = list(settled(found.pop(article_id)))  # popped: the compact table replaces it as it grows
        canonical = names.in_article([(kind, text) for _, _, kind, text in mentions if kind != "date"])
        triples = array("i")
        for start, end, kind, ref in mentions:
            number = ref if kind == "date" else table.number(canonical[kind, ref], kind)
            triples.extend((start, end, number))
        table.add(article_id, triples)
    return table
