"""Fuzzy search: an SQLite FTS5 index of titles, entities and bodies, and typo-tolerant query expansion.

Each query word is expanded to the words of the index's vocabulary within its typo budget (as
Meilisearch allows: one typo from five letters, two from nine; the last word also as a prefix while
typing), then FTS5 ranks the articles by BM25 with titles weighted over entities over bodies.
Articles that match every word come before those that match fewer.
"""

from __future__ import annotations

import os
import re
import sqlite3
import unicodedata
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from newsreader.bodies import in_file_order
from newsreader.model import Article
from newsreader.persist.paths import scratch_path

if TYPE_CHECKING:
    from newsreader.analysis.entity_table import EntityTable

FIELD_WEIGHTS = (10.0, 4.0, 1.0)  # title, entities, body: BM25 weights for FTS5
MAX_EXPANSIONS = 12  # vocabulary words tried for one query word
BATCH = 500  # articles indexed at a time: FTS5 holds a batch's terms in memory until it commits
Conditions = tuple[str, tuple]  # an SQL condition on the meta table, and its parameters
FILTER = re.compile(r'\b(source|entity|after|before):(?:"([^"]*)"|(\S+))', re.IGNORECASE)
PHRASE = re.compile(r'"([^"]+)"')
WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower case without accents, as FTS5's unicode61 tokenizer sees words."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def typo_budget(word: str) -> int:
    """Typos allowed in a query word: none up to four letters, one from five, two from nine."""
    return 0 if len(word) < 5 else 1 if len(word) < 9 else 2


class StopIndexing(Exception):
    """The index was asked to stop before it was built."""


@dataclass(frozen=True)
class Query:
    """A parsed query: free words, "quoted phrases" and filters."""

    words: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    source: str | None = None
    entity: str | None = None
    after: str | None = None
    before: str | None = None
    prefix_last: bool = True

    @property
    def empty(self) -> bool:
        return not (self.words or self.phrases or self.source or self.entity or self.after or self.before)


def parse_query(text: str) -> Query:
    """`soleimany "nuclear deal" source:tass entity:"Sergey Lavrov" after:2020-01-01`."""
    filters = {}
    for match in FILTER.finditer(text):
        filters[match[1].lower()] = (match[2] if match[2] is not None else match[3]).strip()
    rest = FILTER.sub(" ", text)
    phrases = tuple(tuple(WORD.findall(fold(p))) for p in PHRASE.findall(rest))
    words = tuple(WORD.findall(fold(PHRASE.sub(" ", rest))))
    # While typing, the last word may be unfinished; after a space it is whole.
    return Query(words, tuple(p for p in phrases if p), prefix_last=not text.endswith((" ", '"')), **filters)


@dataclass(frozen=True)
class Hit:
    """One article found: its id, its score (higher is better), and the matched spans to highlight."""

    id: str
    score: float
    spans: tuple[tuple[int, int], ...] = ()
    title_spans: tuple[tuple[int, int], ...] = ()


@dataclass
class _Vocabulary:
    """The index's words, sorted for prefixes and bucketed by length for typos."""

    words: list[str]
    by_length: dict[int, list[str]] = field(default_factory=dict)
    frequency: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.words.sort()
        buckets = defaultdict(list)
        for word in self.words:
            buckets[len(word)].append(word)
        self.by_length = dict(buckets)

    def expand(self, word: str, prefix: bool) -> list[str]:
        """The vocabulary words a query word stands for: itself, its typos and (last word) its completions."""
        found = {word} if word in self.frequency else set()
        budget = typo_budget(word)
        if budget:
            for length in range(len(word) - budget, len(word) + budget + 1):
                bucket = self.by_length.get(length, ())
                for candidate, _, _ in process.extract(
                    word, bucket, scorer=DamerauLevenshtein.distance, score_cutoff=budget, limit=MAX_EXPANSIONS
                ):
                    found.add(candidate)
        if prefix and len(word) >= 2:
            start = bisect_left(self.words, word)
            completions = []
            for candidate in self.words[start:]:
                if not candidate.startswith(word):
                    break
                completions.append(candidate)
            completions.sort(key=lambda w: -self.frequency.get(w, 0))
            found.update(completions[:MAX_EXPANSIONS])
        return sorted(found, key=lambda w: (w != word, -self.frequency.get(w, 0)))[:MAX_EXPANSIONS]


class SearchIndex:
    """Full-text index over articles' titles, entity names and bodies."""

    def __init__(
        self,
        articles: Sequence[Article],
        entities: EntityTable,
        stop: Callable[[], bool] | None = None,
        saved: Path | None = None,
    ) -> None:
        """Index every article, or open the index `saved` by an earlier run for these same articles.

        `stop` is asked between articles and ends a build (`StopIndexing`); a build is saved to `saved`.
        """
        self.articles = list(articles)
        self.entities = entities
        self.db = _open_saved(saved, len(self.articles)) if saved else None
        if self.db is None:
            self._build_on_disk(entities, stop, saved)
        self.db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, docs, 'row')")
        frequency = dict(self.db.execute("SELECT term, doc FROM temp.vocab"))
        self.vocabulary = _Vocabulary(list(frequency), frequency=frequency)

    def _build_on_disk(self, entities: EntityTable, stop: Callable[[], bool] | None, saved: Path | None) -> None:
        """Build the index in a file beside `saved` and move it there when done (atomically), or
        without `saved`, in this run's temporary folder."""
        building = saved.with_name(f".{saved.name}.{os.getpid()}") if saved else scratch_path(".sqlite")
        try:
            self.db = sqlite3.connect(building, check_same_thread=False)
        except sqlite3.OperationalError:  # the cache cannot be written: build where this run may
            building, saved = scratch_path(".sqlite"), None
            self.db = sqlite3.connect(building, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode = OFF")  # nothing to roll back: a broken build is rebuilt
        try:
            self._build(entities, stop)
        except (StopIndexing, sqlite3.OperationalError) as error:
            self.db.close()
            building.unlink(missing_ok=True)
            if isinstance(error, StopIndexing):
                raise
            # No room for it on the disk (a full disk): build it in memory, for this run.
            self.db, saved = sqlite3.connect(":memory:", check_same_thread=False), None
            self._build(entities, stop)
        if saved:
            self.db.close()
            try:
                os.replace(building, saved)
                building = saved
            except OSError:  # not saved: this run still has it
                pass
            self.db = sqlite3.connect(building, check_same_thread=False)

    def _build(self, entities: EntityTable, stop: Callable[[], bool] | None) -> None:
        self.db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(title, entities, body, content='', "
            "tokenize='unicode61 remove_diacritics 2')"
        )
        # What the filters look at: the outlet, folded, and the publication date when its year is known.
        self.db.execute("CREATE TABLE meta(rowid INTEGER PRIMARY KEY, source TEXT, date TEXT)")
        rows, meta = [], []
        for number, body in in_file_order(self.articles):  # a row's number is the article's place in the store
            if stop and stop():
                raise StopIndexing
            article = self.articles[number]
            # The dateline's place is no longer in the body, but the article is from there: search it as an entity.
            names = [*sorted(entities.names_in(article.id)), *([article.dateline] if article.dateline else [])]
            rows.append((number, article.title, " ; ".join(names), body))
            dated = article.date if article.date and not article.date.startswith("-") else None
            meta.append((number, fold(article.source or ""), dated))
            if len(rows) == BATCH:
                self._insert(rows, meta)
                rows, meta = [], []
        self._insert(rows, meta)

    def _insert(self, rows: list[tuple], meta: list[tuple]) -> None:
        """One transaction of rows."""
        with self.db:
            self.db.executemany("INSERT INTO docs(rowid, title, entities, body) VALUES (?, ?, ?, ?)", rows)
            self.db.executemany("INSERT INTO meta VALUES (?, ?, ?)", meta)

    def __len__(self) -> int:
        return len(self.articles)

    @cached_property
    def _row_by_place(self) -> array:
        """Each article's row, by its place in the entity table (made when a filter first needs it).
        Four bytes an article: a dict from id to row took 10 MB at 100,000 articles."""
        rows, position = array("i", [0]) * len(self.entities.ids), self.entities.position
        for number, article in enumerate(self.articles):
            if (place := position.get(article.id)) is not None:
                rows[place] = number
        return rows

    def _rows_of(self, ids: set[str]) -> set[int]:
        """The rows of these articles."""
        position, rows = self.entities.position, self._row_by_place
        return {rows[position[article_id]] for article_id in ids if article_id in position}

    # --- Querying ----------------------------------------------------------------------------------

    def search(self, text: str, limit: int = 20, within: set[str] | None = None) -> list[Hit]:
        """Articles for a query, best first; `within` restricts them to these article ids."""
        query = parse_query(text)
        if query.empty:
            return []
        allowed = self._allowed(query, within)
        conditions = self._conditions(query)
        groups = [
            self.vocabulary.expand(word, prefix=query.prefix_last and i == len(query.words) - 1)
            for i, word in enumerate(query.words)
        ]
        phrases = [" ".join(phrase) for phrase in query.phrases]
        if query.words and not any(groups) and not phrases:
            return []  # no word of the query is anywhere near a word of the corpus
        ranked = self._rank(groups, phrases, conditions, allowed, limit)
        terms = {term for group in groups for term in group} | {w for p in query.phrases for w in p}
        return [self._hit(number, score, terms) for number, score in ranked]

    def _rank(
        self, groups: list[list[str]], phrases: list[str], conditions: Conditions, allowed: set[int] | None, limit: int
    ) -> list[tuple[int, float]]:
        """Rows matching every word first, then, as Meilisearch does, without the last words in turn;
        within each tier by weighted BM25."""
        ranked: dict[int, float] = {}
        present = [g for g in groups if g]
        tiers = [present[:size] for size in range(len(present), 0, -1)] or [[]]
        phrase_part = [f'"{p}"' for p in phrases]
        for tier, chosen in enumerate(tiers):
            clauses = ["(" + " OR ".join(f'"{t}"' for t in group) + ")" for group in chosen] + phrase_part
            if not clauses:  # filters alone: the newest articles that pass them
                for number, score in self.lookup(None, conditions, allowed, limit):
                    ranked.setdefault(number, score)
                break
            for number, score in self.lookup(" AND ".join(clauses), conditions, allowed, limit + len(ranked)):
                if number not in ranked:
                    ranked[number] = score - 1000.0 * tier
            if len(ranked) >= limit:
                break
        return sorted(ranked.items(), key=lambda item: -item[1])[:limit]

    def lookup(
        self, match: str | None, conditions: Conditions = ("", ()), allowed: set[int] | None = None, limit: int = 20
    ) -> list[tuple[int, float]]:
        """Raw FTS5 lookup: (row, score), best first. With no `match`, the newest rows that pass the
        filter `conditions` (an SQL condition on `meta` and its parameters); `allowed` keeps only those rows."""
        where, parameters = conditions
        if match is None:
            sql = f"SELECT rowid, 0.0 FROM meta WHERE 1 {where} ORDER BY date DESC"
            arguments: tuple = tuple(parameters)
        else:
            sql = (
                "SELECT docs.rowid, -bm25(docs, ?, ?, ?) AS score FROM docs "
                + (
                    f"JOIN meta ON meta.rowid = docs.rowid WHERE docs MATCH ? {where}"
                    if where
                    else "WHERE docs MATCH ?"
                )
                + " ORDER BY score DESC"
            )
            arguments = (*FIELD_WEIGHTS, match, *parameters)
        if allowed is None:
            return self.db.execute(sql + " LIMIT ?", (*arguments, limit)).fetchall()
        found = []
        for number, score in self.db.execute(sql, arguments):
            if number in allowed:
                found.append((number, score))
                if len(found) >= limit:
                    break
        return found

    @staticmethod
    def _conditions(query: Query) -> Conditions:
        """The query's source and date filters as an SQL condition on `meta`."""
        where, parameters = "", []
        if query.source:
            where += " AND meta.source LIKE ?"
            parameters.append(f"%{fold(query.source)}%")
        if query.after:
            where += " AND meta.date >= ?"
            parameters.append(query.after)
        if query.before:
            where += " AND meta.date < ?"
            parameters.append(query.before)
        return where, tuple(parameters)

    def _allowed(self, query: Query, within: set[str] | None) -> set[int] | None:
        """Rows an `entity:` filter and `within` allow (None: every row)."""
        allowed = None
        if query.entity:
            allowed = self._mentioning(fold(query.entity))
        if within is not None:
            rows = self._rows_of(within)
            allowed = rows if allowed is None else allowed & rows
        return allowed

    def _mentioning(self, folded_name: str) -> set[int]:
        """Rows of the articles that mention an entity (not a date) of this name, folded."""
        return self._rows_of(self.entities.named(lambda name, kind: kind != "date" and fold(name) == folded_name))

    def _hit(self, number: int, score: float, terms: set[str]) -> Hit:
        article = self.articles[number]
        return Hit(article.id, score, matched_spans(article.body, terms), matched_spans(article.title, terms))


def _open_saved(path: Path, count: int) -> sqlite3.Connection | None:
    """A saved index, if there is one for exactly this many articles; a damaged one is removed."""
    if not path.exists():
        return None
    try:
        db = sqlite3.connect(path, check_same_thread=False)
        if db.execute("SELECT count(*) FROM meta").fetchone()[0] == count:
            return db
        db.close()
    except sqlite3.DatabaseError:
        pass
    path.unlink(missing_ok=True)
    return None


def matched_spans(text: str, terms: set[str]) -> tuple[tuple[int, int], ...]:
    """Where the words of `text` are among `terms` (compared folded, as the index compares them)."""
    if not terms:
        return ()
    folded = fold(text)
    if len(folded) != len(text):  # a ligature or "ß" changed the length: compare word by word
        return tuple((m.start(), m.end()) for m in WORD.finditer(text) if fold(m.group()) in terms)
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(terms, key=len, reverse=True))) + r")\b")
    return tuple(m.span() for m in pattern.finditer(folded))
