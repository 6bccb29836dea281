"""The entities of a whole corpus, found article by article and kept compactly.

Two passes: each body's names and dates are found (`first_pass.py`; dates get their values
there and then), then each name gets its one canonical name across the corpus. What is kept is a
table of names and, per article, (start, end, name) integers: a few bytes a mention, so that
100,000 articles' millions of mentions fit in tens of megabytes.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pickle import PickleBuffer

from newsreader.analysis.canonical import CanonicalNames
from newsreader.analysis.first_pass import CODES, KINDS, Found
from newsreader.model import Article, Entity


class EntityTable:
    """Every article's entity mentions: names once, mentions as (start, end, name number) triples
    in one array, article after article (one array, not one an article: no overhead per article)."""

    def __init__(self) -> None:
        self.names: list[tuple[str, str, str | None]] = []  # (canonical name, type, a date's value)
        self.numbers: dict[tuple[str, str, str | None], int] = {}
        self.triples = array("i")  # start, end, name number, start, end, …
        self.ids: list[str] = []  # the articles, in the order of their triples
        self.position: dict[str, int] = {}  # article id → its place in `ids`
        self.bounds = array("q", [0])  # where each article's triples start, and where the last ends
        self.articles: dict[int, array] = {}  # name number → places of the articles mentioning it
        self.failed: list[tuple[str, str]] = []  # (article id, why): articles whose analysis broke off

    def __getstate__(self) -> dict:
        # The cache writes the mentions' array straight from its memory: pickled as an array, it
        # was first copied whole (30 MB at 100,000 articles, at the analysis's peak).
        return {**vars(self), "triples": PickleBuffer(self.triples)}

    def __setstate__(self, state: dict) -> None:
        triples = array("i")
        triples.frombytes(state.pop("triples"))
        vars(self).update(state, triples=triples)

    def number(self, canonical: str, kind: str, value: str | None = None) -> int:
        key = (canonical, kind, value)
        if (found := self.numbers.get(key)) is None:
            found = self.numbers[key] = len(self.names)
            self.names.append(key)
        return found

    def close_article(self, article_id: str, end: int) -> None:
        """The triples from the last article's end to `end` are this article's."""
        place = len(self.ids)
        self.ids.append(article_id)
        self.position[article_id] = place
        for number in set(self.triples[self.bounds[place] + 2 : end : 3]):
            self.articles.setdefault(number, array("i")).append(place)
        self.bounds.append(end)

    def _triples(self, article_id: str) -> array:
        place = self.position.get(article_id)
        return array("i") if place is None else self.triples[self.bounds[place] : self.bounds[place + 1]]

    def _mentions(self, article_id: str, body: str) -> Iterator[tuple[str, str, int, int, str, str | None]]:
        """The article's mentions in body order, as `Entity`'s fields (its `body` gives their text)."""
        triples, names = self._triples(article_id), self.names
        for start, end, number in zip(triples[0::3], triples[1::3], triples[2::3], strict=True):
            canonical, kind, value = names[number]
            yield body[start:end], kind, start, end, canonical, value

    def entities(self, article_id: str, body: str) -> tuple[Entity, ...]:
        """The article's mentions in body order (its `body` gives their text)."""
        return tuple(Entity(*mention) for mention in self._mentions(article_id, body))

    def records(self, article_id: str, body: str) -> list[dict[str, object]]:
        """The article's mentions as `export` writes them, `Entity`'s fields by name, made without
        `Entity` objects (making them and their `_asdict` took a third of the time export writes in)."""
        return [
            {"text": text, "type": kind, "start": start, "end": end, "canonical": canonical, "value": value}
            for text, kind, start, end, canonical, value in self._mentions(article_id, body)
        ]

    def names_in(self, article_id: str) -> set[str]:
        """The canonical names (not dates) an article mentions."""
        return {self.names[n][0] for n in set(self._triples(article_id)[2::3]) if self.names[n][1] != "date"}

    def counts(self, kind: str | None = None) -> list[tuple[str, str, int]]:
        """(name, type, number of articles mentioning it), most mentioned first."""
        counted: Counter[tuple[str, str]] = Counter()
        for number, places in self.articles.items():
            name, name_kind, _ = self.names[number]
            if kind is None or name_kind == kind:
                counted[name, name_kind] += len(places)
        return [(name, name_kind, count) for (name, name_kind), count in counted.most_common()]

    def mentioning(self, canonical: str, kind: str) -> set[str]:
        """Ids of the articles that mention an entity."""
        return self.named(lambda name, name_kind: name == canonical and name_kind == kind)

    def named(self, chosen: Callable[[str, str], bool]) -> set[str]:
        """Ids of the articles that mention any entity whose (name, type) is `chosen`."""
        return {
            self.ids[place]
            for (name, kind, _), number in self.numbers.items()
            if chosen(name, kind)
            for place in self.articles.get(number, ())
        }


def analyse_corpus(
    articles: Sequence[Article],
    stop: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
    processes: int | None = None,
) -> EntityTable | None:
    """Find, type and name every entity of the articles; None when `stop` said so on the way.

    The first pass runs in worker processes over runs of the body files (`processes` of them; by
    default one a core, none for a small corpus); its results are taken in the order of the files,
    so the table is the same however many there were.
    """
    table = EntityTable()
    gathered = _gather(articles, table, stop, progress, processes)
    if gathered is None:
        return None
    _name(articles, table, gathered)
    return table


# The first pass's runs, each with its dates' numbers in the table.
Gathered = list[tuple[Found, array]]


def _gather(
    articles: Sequence[Article],
    table: EntityTable,
    stop: Callable[[], bool] | None,
    progress: Callable[[int, int], None] | None,
    processes: int | None,
) -> Gathered | None:
    """The first pass's runs in file order, their dates numbered in the table; None when `stop` said so."""
    from newsreader.analysis.pool import find_all

    runs: Gathered = []
    done = 0
    known: dict[str, str] = {}  # one string for a name however many runs found it
    for run in find_all(articles, stop, processes):
        if run is None:
            return None
        run.texts[:] = [known.setdefault(text, text) for text in run.texts]
        table.failed.extend((articles[place].id, why) for place, why in run.failed)
        runs.append((run, array("i", (table.number(name, "date", value) for name, value in run.dates))))
        if progress:
            progress(done, len(articles))
        done += len(run.places)
    return runs


# A mention as found: (start, end, type, a name's text or "", a date's number in its run or -1,
# whether a title or role stood before a person's name). A plain tuple: there are millions.
Settled = tuple[int, int, str, str, int, bool]


def _settled(run: Found, i: int) -> Iterator[Settled]:
    """The mentions of a run's article i, unknown ones dropped."""
    packed, text_of = run.packed, run.texts
    for j in range(run.ends[i - 1] if i else 0, run.ends[i], 3):
        start, end, code = packed[j : j + 3]
        if code < 0:
            yield start, end, "date", "", -1 - code, False
            continue
        ref, code = divmod(code, CODES)
        kind = KINDS[code >> 1]
        if kind != "unknown":
            yield start, end, kind, text_of[ref], -1, bool(code & 1)


def _name(articles: Sequence[Article], table: EntityTable, runs: Gathered) -> None:
    """Give each name its canonical name across the corpus and write every article's triples, run by run."""
    counts = Counter(
        (kind, text)
        for run, _ in runs
        for i in range(len(run.places))
        for _, _, kind, text, _, _ in _settled(run, i)
        if kind != "date"
    )
    names = CanonicalNames(counts)
    triples = table.triples
    runs.reverse()
    while runs:  # each run's memory goes as the table grows
        run, date_numbers = runs.pop()
        for i, place in enumerate(run.places):
            mentions = list(_settled(run, i))
            # A lone name a title or role made a person's here ("Mr Blair") may join the one person
            # the corpus names in full; a capitalised word alone may not.
            cued = {text for _, _, kind, text, _, strong in mentions if kind == "person" and strong}
            found = [(kind, text) for _, _, kind, text, _, _ in mentions if kind != "date"]
            canonical = names.in_article(found, cued)
            for start, end, kind, text, ref, _ in mentions:
                name = date_numbers[ref] if kind == "date" else table.number(canonical[kind, text], kind)
                triples.extend((start, end, name))
            table.close_article(articles[place].id, len(triples))
