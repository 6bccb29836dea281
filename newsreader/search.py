"""Fuzzy search: an SQLite FTS5 index of titles, bodies and entity names, and typo-tolerant query expansion.

Articles join the index as they load (a row is an article's place in loading order), their entity
names once the analysis has found them, so that search answers from the first second and never
waits for a rebuild. Each query word is expanded to the words of the index's vocabulary within its
typo budget (as Meilisearch allows: one typo from five letters, two from nine; the last word also as
a prefix while typing), then FTS5 ranks the rows by BM25 with titles weighted over entities over
bodies, in SQL, best first and no more than asked for, the rows with every word in their title
first. As Meilisearch ranks, rows that match every word come before those that match fewer, and
among them rows that match every word as typed (or completed) before those that need a typo: when
there are enough of those, the typos are not looked up at all, which halves the work for common
words. Only the last few hundred matches are ranked, so that a query costs about as much at a
million articles as at a thousand, however many rows match; where too few of them have every word
in their title, the last older rows that do are listed next.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import sqlite3
import threading
import unicodedata
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from newsreader.persist.cache import place_entry
from newsreader.persist.paths import scratch_path

TITLE_WEIGHT, NAMES_WEIGHT, BODY_WEIGHT = 10.0, 0.5, 1.0  # BM25 weights of the fields
MAX_EXPANSIONS = 12  # vocabulary words tried for one query word
WINDOW = 500  # the matches a query scores at most (or as many as it asks for): the last loaded of them
TITLED = 500.0  # added to the score of a row with every word in its title: above the others (BM25 stays below it)
# While articles load, the indexer reads the vocabulary again once the index holds this many times the rows it
# was read over: a reading costs as much as the index is big, so all of them together cost a third more than the
# last one. Meanwhile a search counts the words it may stand for afresh, so that only its typos are found among
# the words read before (`SearchIndex._recounted`).
REREAD_GROWTH = 4
# Words read from an index in memory at a time: a search waits for one such reading, not for the whole
# vocabulary (each row's postings are counted: 2-3 s at 100,000 articles, ten times that at a million).
VOCABULARY_CHUNK = 500
COMMON_SHARE, COMMON_ROWS = 0.02, 50  # a word in this share of the rows, and in this many, is common
PENDING_BYTES = 8 << 20  # a batch's words held until it is in: 1,000 articles of news take about 3 MB
COMPLETE = 1  # the `user_version` of an index that holds every article and its entity names
TEXTS = 2  # the `user_version` of one that holds every article's title and body, their names still to come
# Nothing to roll back and nothing to wait for the disk for: a broken build is made again (waiting for the
# disk at each batch's commit was a third of the indexing's wall time).
FAST_WRITES = ("PRAGMA journal_mode = OFF", "PRAGMA synchronous = OFF")
# A build in the cache, which the next run goes on with: each batch whole or not at all (a journal to roll back
# a batch cut short by the process's end), still without waiting for the disk. The same CPU at 200,000 articles.
RESUMABLE_WRITES = ("PRAGMA journal_mode = DELETE", "PRAGMA synchronous = OFF")
BACKUP_PAGES = 1024  # pages of a kept index copied at a time (`_own`): a search waits for one step at most
SERIALIZED = 3  # `sqlite3.threadsafety` of an SQLite that serialises a connection's use by several threads
TOKENIZER = "tokenize='unicode61 remove_diacritics 2'"
TABLES = ("docs", "names")  # the full-text tables a query matches in: titles and bodies, entity names
# The titles again, on their own: which rows have every word in their title is read from their words' rows in
# titles alone, where `docs` lists every row that has them in its title or body (`SearchIndex.lookup`).
FULL_TEXT = (*TABLES, "titles")
SCHEMA = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS docs USING fts5(title, body, content='', {TOKENIZER})",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS names USING fts5(entities, content='', {TOKENIZER})",
    # Never scored (BM25 is `docs`'s): no column sizes kept.
    f"CREATE VIRTUAL TABLE IF NOT EXISTS titles USING fts5(title, content='', columnsize=0, {TOKENIZER})",
    # What the filters look at: the outlet, folded, and the publication date when its year is known.
    "CREATE TABLE IF NOT EXISTS meta(rowid INTEGER PRIMARY KEY, source TEXT, date TEXT)",
    "CREATE TABLE IF NOT EXISTS words(word TEXT PRIMARY KEY, docs INTEGER) WITHOUT ROWID",
)
Conditions = tuple[str, tuple]  # an SQL condition on the meta table, and its parameters
Row = tuple[int, str, str, str | None, str | None]  # place, title, body, source, date of one article
FILTER = re.compile(r'\b(source|entity|after|before):(?:"([^"]*)"|(\S+))', re.IGNORECASE)
PHRASE = re.compile(r'"([^"]+)"')
WORD = re.compile(r"\w+")
COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")  # accents apart


def fold(text: str) -> str:
    """Lower case without accents, as FTS5's unicode61 tokenizer sees words."""
    if text.isascii():  # most text: nothing to take apart
        return text.lower()
    return COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold()))


def typo_budget(word: str) -> int:
    """Typos allowed in a query word: none up to four letters, one from five, two from nine."""
    return 0 if len(word) < 5 else 1 if len(word) < 9 else 2


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

    @property
    def conditions(self) -> Conditions:
        """The source and date filters as an SQL condition on `meta`."""
        where, parameters = "", []
        if self.source:
            where += " AND meta.source LIKE ?"
            parameters.append(f"%{fold(self.source)}%")
        if self.after:
            where += " AND meta.date >= ?"
            parameters.append(self.after)
        if self.before:
            where += " AND meta.date < ?"
            parameters.append(self.before)
        return where, tuple(parameters)


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
    """One article found: its id, its score (higher is better), the matched spans of its title to
    highlight, and the index's words it matched (its body's spans are found when it is shown)."""

    id: str
    score: float
    title_spans: tuple[tuple[int, int], ...] = ()
    terms: frozenset[str] = frozenset()

    def spans(self, body: str) -> tuple[tuple[int, int], ...]:
        """Where the article's body has the words the search matched."""
        return matched_spans(body, self.terms)


class Vocabulary:
    """The index's words with the number of rows holding each: sorted for prefixes, bucketed by
    length for typos (both made when first asked for)."""

    def __init__(self, frequency: dict[str, int], rows: int, changes: tuple[int, int] = (0, 0)) -> None:
        self.frequency = frequency
        self.rows = rows  # the index's rows these words were counted in
        self.changes = changes  # the index's batches of rows and of names when they were read (`SearchIndex`)
        self._expanded: dict[tuple[str, bool], list[str]] = {}  # people search the same words again and again
        self._typos: dict[str, list[str]] = {}  # and while articles load, a search runs again as more are in

    @cached_property
    def words(self) -> list[str]:
        return sorted(self.frequency)

    @cached_property
    def by_length(self) -> dict[int, list[str]]:
        buckets = defaultdict(list)
        for word in self.frequency:
            buckets[len(word)].append(word)
        return dict(buckets)

    def as_typed(self, word: str, prefix: bool) -> list[str]:
        """`expand` without typos when many articles have the word as it is (one in fifty, and fifty
        or more): it was not mistyped, and its neighbours within a typo are other words ("election":
        "selection"); else the same as `expand`."""
        expanded = self.expand(word, prefix)
        if self.frequency.get(word, 0) < max(COMMON_ROWS, self.rows * COMMON_SHARE):
            return expanded
        return [w for w in expanded if w == word or (prefix and w.startswith(word))]

    def expand(self, word: str, prefix: bool) -> list[str]:
        """The vocabulary words a query word stands for: itself, its typos and (last word) its completions."""
        if (known := self._expanded.get((word, prefix))) is None:
            known = self._expanded[word, prefix] = self._expand(word, prefix)
        return known

    def _expand(self, word: str, prefix: bool) -> list[str]:
        found = {word} if word in self.frequency else set()
        found.update(self.typos(word))
        if prefix and len(word) >= 2:
            completions = self.completions(word)
            completions.sort(key=lambda w: -self.frequency[w])
            found.update(completions[:MAX_EXPANSIONS])
        return sorted(found, key=lambda w: (w != word, -self.frequency.get(w, 0)))[:MAX_EXPANSIONS]

    def typos(self, word: str) -> list[str]:
        """The words within a query word's typo budget: the closest MAX_EXPANSIONS of each length."""
        if (known := self._typos.get(word)) is None:
            budget = typo_budget(word)
            known = self._typos[word] = [
                candidate
                for length in (range(len(word) - budget, len(word) + budget + 1) if budget else ())
                for candidate, _, _ in process.extract(
                    word,
                    self.by_length.get(length, ()),
                    scorer=DamerauLevenshtein.distance,
                    score_cutoff=budget,
                    limit=MAX_EXPANSIONS,
                )
            ]
        return known

    def completions(self, word: str) -> list[str]:
        """The words that start with `word`, in order."""
        start = bisect_left(self.words, word)
        found = []
        for candidate in self.words[start:]:
            if not candidate.startswith(word):
                break
            found.append(candidate)
        return found


class SearchIndex:
    """Full-text index of articles' titles, bodies and entity names, in one SQLite file.

    One connection, used by one thread at a time (a lock): the indexer adds rows in small
    transactions, and a search waits for one of them, or for the index being finished (the
    vocabulary is read again on a connection of its own, `_read_words`).
    """

    def __init__(self, path: Path | None, resumable: bool = False) -> None:
        """Open the index at `path` (None: in memory): a saved one (`save`, `finish`) as it is, one that is
        neither or damaged made anew. `resumable`: a build in the cache's folder, which a run ended before
        it was saved (the reader closed as loading ended) leaves to the next to go on with, its rows
        kept; locked for this process, or, while another newsreader builds it, a file in this run's
        temporary folder instead."""
        self._held = _locked(path) if resumable and path is not None else None
        building = self._held is not None  # in the cache's folder: moved to its entry when saved (`save`)
        self.path = scratch_path(".sqlite") if resumable and not building else path
        self._lock = threading.Lock()
        self._reading = threading.Lock()  # one reading of the vocabulary at a time
        self.db = self._open(self.path, building)
        self.version = self.db.execute("PRAGMA user_version").fetchone()[0]  # TEXTS or COMPLETE, once saved so
        # A saved index, in the cache: other newsreaders may read it, so rows and names go to a copy (`_own`).
        self.kept = self.version != 0
        self._rows = self.db.execute("SELECT count(*) FROM meta").fetchone()[0]
        self._changes = 0  # batches of rows added: the vocabulary is read again when it is older than that
        # Batches of names added: they may bring words no body has ("U.S." is named "United States").
        self._names_changes = 0
        words = dict(self.db.execute("SELECT word, docs FROM words"))
        # A build gone on with has rows and no words yet: read over none of them, and behind the index.
        self._vocabulary = Vocabulary(words, self._rows) if words or not self._rows else Vocabulary({}, 0, (-1, 0))

    @staticmethod
    def _open(path: Path | None, resumable: bool = False) -> sqlite3.Connection:
        """A connection to the index at `path`: a saved one as it is, a `resumable` build with its rows, else new."""
        if path is None:
            db = sqlite3.connect(":memory:", check_same_thread=False)
        else:
            opened: sqlite3.Connection | None = None
            try:
                opened = sqlite3.connect(path, check_same_thread=False)
                version = opened.execute("PRAGMA user_version").fetchone()[0]
                if resumable and version == 0:  # its rows so far (a build that was saved is in its entry)
                    return _made(opened, RESUMABLE_WRITES)
                if not resumable and version in (TEXTS, COMPLETE):
                    return opened
            except sqlite3.DatabaseError:
                pass
            if opened is not None:
                opened.close()
            if resumable:  # emptied where it is: the lock this process holds is the file's, not its name's
                Path(f"{path}-journal").unlink(missing_ok=True)
                os.truncate(path, 0)
            else:
                path.unlink(missing_ok=True)
            db = sqlite3.connect(path, check_same_thread=False)
        return _made(db, RESUMABLE_WRITES if resumable else FAST_WRITES)

    @property
    def complete(self) -> bool:
        """Holds every article and its entity names (`finish` said so)."""
        return self.version == COMPLETE

    def vocabulary(self, fresh: bool = True) -> Vocabulary:
        """The words indexed, with the number of rows holding each, read from the index as FTS5
        tokenized them, read again if rows or names came since. Without `fresh` (the indexer as articles
        load), the last one read, unless the index has grown REREAD_GROWTH times since: counting each
        batch's words as it came took as long as indexing them. Either way, while another thread reads
        it (the indexer once every article is in, `save`), the last one read. It may be behind the index
        by the rows and names added since it was read (its `changes`)."""
        if not self._reading.acquire(blocking=False):
            return self._vocabulary
        try:
            with self._lock:
                # What the reading will hold at least: batches added meanwhile make it behind (`search`).
                rows, changes = self._rows, (self._changes, self._names_changes)
                grown = self._vocabulary.changes[0] != self._changes and rows >= REREAD_GROWTH * self._vocabulary.rows
                if not (self._vocabulary.changes != changes if fresh else grown):
                    return self._vocabulary
            vocabulary = Vocabulary(self._read_words(), rows, changes)
            with self._lock:
                self._vocabulary = vocabulary
            return vocabulary
        finally:
            self._reading.release()

    def _read_words(self) -> dict[str, int]:
        """Each word of titles, bodies and entity names with the number of rows holding it (a row
        holding it in both its text and its names counts twice: a name counts more). Read on a
        connection of its own, which searches do not wait for: under the lock, they waited for a chunk
        of words, up to 0.6 s at a million articles. An index in memory, which no other connection
        sees, or a kept one, which another newsreader may have replaced at its path since, is read a
        chunk of words at a time, the lock held for each."""
        reader = self.db
        if self.path is not None and not self.kept:
            reader = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
        held = self._lock if reader is self.db else contextlib.nullcontext()
        frequency: dict[str, int] = {}
        try:
            for table in TABLES:
                with held:
                    words = _words_of(reader, table)
                after = ""  # every word sorts after the empty one
                while True:
                    with held:
                        sql = f"SELECT term, doc FROM {words} WHERE term > ? ORDER BY term LIMIT ?"
                        chunk = reader.execute(sql, (after, VOCABULARY_CHUNK)).fetchall()
                    if not chunk:
                        break
                    for word, docs in chunk:
                        frequency[word] = frequency.get(word, 0) + docs
                    after = chunk[-1][0]
        finally:
            if reader is not self.db:
                reader.close()
        return frequency

    def _recounted(self, read: Vocabulary, words: Sequence[str], prefixed: Sequence[bool]) -> Vocabulary:
        """The words a query may stand for, each with the rows holding it now: the words as typed, their
        typos among the words `read` holds, and the completions of those searched as a prefix. A word
        `read` counted has its rows grown with the index's (counting a word's rows reads each of them, in
        each of the index's segments: 50 ms for "of" at a million articles); the others, and the
        completions, are looked up in the index (a few of FTS5's words, not every one of them read again)."""
        wanted = set(words)
        for word in words:
            wanted.update(read.typos(word))
        counted: dict[str, int] = {}
        with self._lock:
            rows, changes = self._rows, (self._changes, self._names_changes)
            grown = {word: read.frequency[word] * rows // read.rows for word in wanted if word in read.frequency}
            for table in TABLES:
                vocabulary, found = _words_of(self.db, table), dict[str, int]()
                for word in wanted - grown.keys():
                    found.update(self.db.execute(f"SELECT term, doc FROM {vocabulary} WHERE term = ?", (word,)))
                for word in (word for word, prefix in zip(words, prefixed, strict=True) if prefix and len(word) >= 2):
                    # Bounded: the word after the last completion would be counted too ("that" after "thanou").
                    after = word[:-1] + chr(ord(word[-1]) + 1)
                    sql = f"SELECT term, doc FROM {vocabulary} WHERE term >= ? AND term < ?"
                    found.update(self.db.execute(sql, (word, after)))
                for term, docs in found.items():
                    counted[term] = counted.get(term, 0) + docs
        # In order, as a reading has them: typos as close as others are taken in that order (`typos`).
        return Vocabulary(dict(sorted((grown | counted).items())), rows, changes)

    @property
    def rows(self) -> int:
        """How many articles are in."""
        return self._rows

    # --- Building ----------------------------------------------------------------------------------

    def add(self, rows: Sequence[Row]) -> None:
        """Index these articles' titles and bodies, in one transaction; then read the vocabulary again
        if the index has grown REREAD_GROWTH times since it was read (`vocabulary`): here, on the
        indexer's thread, not in a search that would wait for it."""
        self._own()
        with self._lock, self.db:
            _insert_texts(self.db, rows)
            _insert(self.db, "meta", [(r[0], fold(r[3] or ""), r[4]) for r in rows])
            self._rows += len(rows)
            self._changes += 1
        self.vocabulary(fresh=False)

    def add_names(self, rows: Sequence[tuple[int, str]]) -> None:
        """Index the entity names of these rows (one text each), in one transaction."""
        self._own()
        with self._lock, self.db:
            _insert(self.db, "names(rowid, entities)", rows)
            # Not read again for them: most are words of the bodies, and the index reads them all when finished.
            self._names_changes += 1

    def save(self, saved: Path | None) -> None:
        """Every article's title and body is in: keep the index at `saved` (the cache), with the vocabulary, so
        that the next start searches them at once, before any analysis: a build in the cache's folder moved
        there, another copied. The entity names join later, in a copy that replaces that one (`finish`)."""
        self._keep_vocabulary(TEXTS)
        if saved is None or self.path is None:
            return
        if (held := self._held) is not None:  # a build in the cache: moved, not copied (1.6 GB at a million)
            with self._lock, contextlib.suppress(OSError):
                os.replace(self.path, saved)
                self.path, self.kept = saved, True  # the names go to a copy (`_own`)
                # Unlocked, as a saved index is: the next newsreader of these files changed removes it.
                os.close(held)
                self._held = None
        elif self._room_for_a_copy():
            place_entry(self.path, saved, keep_source=True)  # no rows come meanwhile: this is the indexer's thread

    def finish(self, saved: Path | None) -> None:
        """Every article and its names are in: mark the index complete, with its vocabulary and, where the
        disk has room, its segments merged into one (the quickest to search), and move it to `saved`
        (the cache) when given."""
        self._keep_vocabulary(COMPLETE)
        with self._lock:
            if self._room_for_a_copy():
                for table in FULL_TEXT:
                    self.db.execute(f"INSERT INTO {table}({table}) VALUES('optimize')")
                self.db.commit()
            if saved is None or self.path is None:
                return
            self.db.close()
            if place_entry(self.path, saved):  # else not saved: this run still has it
                self.path, self.kept = saved, True
            self.db = sqlite3.connect(self.path, check_same_thread=False)

    def _keep_vocabulary(self, version: int) -> None:
        """Write the vocabulary in the index, read afresh unless a search just did, marked as holding `version`'s
        rows."""
        with self._reading:  # no rows or names come meanwhile: this is the indexer's thread
            changes = (self._changes, self._names_changes)
            if self._vocabulary.changes != changes:
                vocabulary = Vocabulary(self._read_words(), self._rows, changes)
                with self._lock:
                    self._vocabulary = vocabulary
        self._own()
        with self._lock:
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO words VALUES (?, ?)", self._vocabulary.frequency.items())
            self.db.execute(f"PRAGMA user_version = {version}")
            self.version = version

    def _own(self) -> None:
        """Before a kept index is written to (by the indexer's thread): a copy of it in this run's temporary
        folder, as this connection sees it (another newsreader may have replaced the file since), and the rows
        and names go there. Searches go on meanwhile: nothing writes a kept index, SQLite serialises the
        connection's use (`sqlite3.threadsafety` 3), and the copy is made BACKUP_PAGES at a time (with the
        lock held, searches waited 3 s for 179 MB at 100,000 articles). An SQLite built otherwise copies under
        the lock."""
        if not self.kept:
            return
        path = scratch_path(".sqlite")
        copy = sqlite3.connect(path, check_same_thread=False)
        held = contextlib.nullcontext() if sqlite3.threadsafety == SERIALIZED else self._lock
        try:
            with held:
                self.db.backup(copy, pages=BACKUP_PAGES)
        except sqlite3.Error:
            copy.close()
            path.unlink(missing_ok=True)
            raise
        for pragma in FAST_WRITES:
            copy.execute(pragma)
        with self._lock:
            self.db.close()
            self.db, self.path, self.kept = copy, path, False

    def discard(self) -> None:
        """Close the index and remove its file (one the disk had no room for), unless kept in the cache."""
        with self._lock:
            self.db.close()
            if self.path is not None and not self.kept:
                self.path.unlink(missing_ok=True)
            if self._held is not None:
                os.close(self._held)

    def _room_for_a_copy(self) -> bool:
        """Whether the disk can take a copy of the index beside it and as much again: a saved copy, or a merged
        one (merging writes it whole before freeing the parts; a full disk then fails a finished index, which
        has no journal). A disk filled would fail other writes meanwhile too (the reading state's)."""
        if self.path is None:
            return True
        try:
            return shutil.disk_usage(self.path.parent).free > 2 * self.path.stat().st_size
        except OSError:
            return False

    # --- Querying ----------------------------------------------------------------------------------

    def search(
        self,
        query: Query,
        limit: int,
        allowed: Iterable[int] | None = None,
        upto: int | None = None,
        fresh: bool = True,
    ) -> list[tuple[int, float, set[str]]]:
        """Rows for a query, best first, as (row, score, the words it matched); `allowed` keeps only
        these rows, `upto` only those below it (the articles loaded so far); `fresh`: with every
        word indexed so far, the vocabulary read again if it is behind; else the last one read, with the
        query's words counted afresh (the reader's searches: a reading took 7 s at a million articles)."""
        prefixed = [query.prefix_last and i == len(query.words) - 1 for i in range(len(query.words))]
        vocabulary = self.vocabulary() if fresh else self._vocabulary
        if vocabulary.changes != (self._changes, self._names_changes):  # rows or names came since it was read
            vocabulary = self._recounted(vocabulary, query.words, prefixed)
        groups = [vocabulary.expand(word, prefix) for word, prefix in zip(query.words, prefixed, strict=True)]
        as_typed = [vocabulary.as_typed(word, prefix) for word, prefix in zip(query.words, prefixed, strict=True)]
        phrases = [" ".join(phrase) for phrase in query.phrases]
        if query.words and not any(groups) and not phrases:
            return []  # no word of the query is anywhere near a word of the corpus
        where, parameters = query.conditions
        if allowed is not None:
            where += " AND meta.rowid IN (SELECT value FROM json_each(?))"
            parameters = (*parameters, json.dumps(sorted(allowed)))
        terms = {term for group in groups for term in group} | {w for p in query.phrases for w in p}
        common = {term for term in terms if 2 * vocabulary.frequency.get(term, 0) > vocabulary.rows}
        with self._lock:
            ranked = self._rank(groups, as_typed, phrases, common, (where, parameters), limit, upto)
        return [(row, score, terms) for row, score in ranked]

    def _rank(
        self,
        groups: list[list[str]],
        as_typed: list[list[str]],
        phrases: list[str],
        common: set[str],
        conditions: Conditions,
        limit: int,
        upto: int | None,
    ) -> list[tuple[int, float]]:
        """Rows matching every word as typed first, then every word with typos, then, as Meilisearch
        does, without the last words in turn; within each tier by weighted BM25 of the words not `common`
        (in half the rows or more, where BM25 gives a word no weight, but FTS5 still reads every row of it
        to find out), unless every word is."""
        ranked: dict[int, float] = {}
        present = [g for g in groups if g]
        tiers = [present[:size] for size in range(len(present), 0, -1)] or [[]]
        if all(as_typed) and as_typed != groups:
            tiers.insert(0, as_typed)
        phrase_part = [f'"{p}"' for p in phrases]
        for tier, chosen in enumerate(tiers):
            clauses = [_any_of(group) for group in chosen] + phrase_part
            if not clauses:  # filters alone: the newest articles that pass them
                return self.lookup(None, conditions, limit, upto)
            telling = " AND ".join([_any_of(group) for group in chosen if not common.issuperset(group)] + phrase_part)
            for row, score in self.lookup(" AND ".join(clauses), conditions, limit + len(ranked), upto, telling):
                if row not in ranked:
                    ranked[row] = score - 1000.0 * tier
            if len(ranked) >= limit:
                break
        return sorted(ranked.items(), key=lambda item: -item[1])[:limit]

    def lookup(
        self,
        match: str | None,
        conditions: Conditions = ("", ()),
        limit: int = 20,
        upto: int | None = None,
        scored_by: str | None = None,
    ) -> list[tuple[int, float]]:
        """Raw FTS5 lookup: (row, score), best first, at most `limit`, of the rows below `upto` that
        pass the filter `conditions` (an SQL condition on `meta` and its parameters). With no
        `match`, the newest rows. Only the last WINDOW matches are scored (`_window`), or `limit` when
        more, those with every word in their title first: titles and bodies by one BM25, entity names
        (a table of their own) by another, added at half weight (at full weight they outweighed the
        body), each of the words of `scored_by` (all of `match`'s when not given; the rows scored are
        still `match`'s). Where fewer than `limit` of the rows scored have every word in their title,
        the last older rows that do come next, newest first, before the rest."""
        where, parameters = conditions
        below = "" if upto is None else f" AND rowid < {int(upto)}"  # FTS5 keeps to a rowid range itself
        if match is None:
            sql = f"SELECT rowid, 0.0 FROM meta WHERE 1 {where}{below} ORDER BY date DESC LIMIT ?"
            return self.db.execute(sql, (*parameters, limit)).fetchall()
        size = max(WINDOW, limit)
        window = self._window(match, conditions, below, size)
        if not window:
            return []
        older = f"{below} AND rowid < {min(window)}"
        below += f" AND rowid >= {min(window)}"
        # Only the rows that pass the filters are scored: with a filter, the window reaches back past many that do not.
        sql = (
            "SELECT rowid, sum(score) AS total FROM ("
            f"SELECT docs.rowid AS rowid, -bm25(docs, ?, ?) AS score {_matching('docs', where, below)} "
            f"UNION ALL SELECT names.rowid, -? * bm25(names) {_matching('names', where, below)}"
            ") GROUP BY rowid ORDER BY total DESC"
        )
        scored_by = scored_by or match
        arguments = (TITLE_WEIGHT, BODY_WEIGHT, scored_by, *parameters, NAMES_WEIGHT, scored_by, *parameters)
        found = [row for row in self.db.execute(sql, arguments) if row[0] in window]
        # BM25 weighs a word by its count in a row, and a title's count saturates as a body's does: a rare
        # completion in a body ("laboured" for "labour") outscored the word in a title. So the rows with every
        # word in their title come first.
        titled = set(self._last("titles", match, conditions, below, size))  # the window's, as it passes the filters
        ranked = [(row, score + TITLED) for row, score in found if row in titled]
        if len(window) == size and len(ranked) < limit:  # more rows match: the last older ones with a title that does
            ranked += [(row, TITLED) for row in self._last("titles", match, conditions, older, limit - len(ranked))]
        return (ranked + [(row, score) for row, score in found if row not in titled])[:limit]

    def _window(self, match: str, conditions: Conditions, below: str, size: int) -> set[int]:
        """The last `size` rows that match, in their titles and bodies or their entity names, and pass the
        filters: FTS5 reads a word's rows in order and stops there, where scoring them all takes it through
        every one (a common word's hundreds of thousands took seconds at a million articles). The filters
        apply to the matches, after FTS5 found them: inside its query, a condition on rowids made it look
        every row up by itself."""
        rows = {row for table in TABLES for row in self._last(table, match, conditions, below, size)}
        return set(sorted(rows)[-size:])

    def _last(self, table: str, match: str, conditions: Conditions, below: str, size: int) -> list[int]:
        """The last `size` rows of a full-text table that match and pass the filters, newest first."""
        where, parameters = conditions
        sql = f"SELECT {table}.rowid {_matching(table, where, below)} ORDER BY {table}.rowid DESC LIMIT ?"
        return [row for (row,) in self.db.execute(sql, (match, *parameters, size))]


def _made(db: sqlite3.Connection, writes: tuple[str, ...]) -> sqlite3.Connection:
    """An index's connection, written to as `writes` say, its tables made where they are not yet."""
    for pragma in writes:
        db.execute(pragma)
    for statement in SCHEMA:
        db.execute(statement)
    # Segments are merged once, when the index is complete (`finish`), not as batches come: merging
    # as they came took a third of the indexing at 100,000 articles. Each batch makes one segment, as
    # its words are held in memory until it is in (FTS5 writes a segment a megabyte of them by default).
    for table in FULL_TEXT:
        db.execute(f"INSERT INTO {table}({table}, rank) VALUES('automerge', 0)")
        db.execute(f"INSERT INTO {table}({table}, rank) VALUES('hashsize', {PENDING_BYTES})")
    return db


def _locked(path: Path) -> int | None:
    """A descriptor of the file at `path` (made if need be), locked for this process until it ends; None when
    another process holds it, or it cannot be made. Never closed before the index's connection while it is
    written (closing a descriptor of a file drops the locks SQLite holds on it): at the earliest once saved."""
    try:
        held = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        return None
    try:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(held)
        return None
    return held


def _words_of(db: sqlite3.Connection, table: str) -> str:
    """FTS5's vocabulary of a full-text table, as a table of (term, doc): each word and the rows holding it.
    Called with the lock held when `db` is the index's connection."""
    words = f"temp.{table}_words"
    db.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {words} USING fts5vocab(main, {table}, 'row')")
    return words


def _matching(table: str, where: str, below: str) -> str:
    """The FROM and WHERE of the rows of a full-text table that match the parameter given first, are in the
    rowid range `below` and pass the filter `where` (on `meta`, whose parameters follow)."""
    joined = f"JOIN meta ON meta.rowid = {table}.rowid " if where else ""
    return f"FROM {table} {joined}WHERE {table} MATCH ?{below.replace('rowid', f'{table}.rowid')} {where}"


def _any_of(words: Iterable[str]) -> str:
    """An FTS5 query for rows with any of these words."""
    return "(" + " OR ".join(f'"{word}"' for word in words) + ")"


def _insert(db: sqlite3.Connection, into: str, rows: Sequence[tuple]) -> None:
    """Insert rows in one statement, given as one JSON text. `executemany` gives up the GIL and takes it
    back for every row: while the loader's thread holds it, each taking back waits the interpreter's
    switch interval, and indexing went four to five times slower while articles loaded."""
    if rows:
        columns = ", ".join(f"json_extract(value, '$[{i}]')" for i in range(len(rows[0])))
        db.execute(f"INSERT INTO {into} SELECT {columns} FROM json_each(?)", (json.dumps(rows, ensure_ascii=False),))


def _insert_texts(db: sqlite3.Connection, rows: Sequence[Row]) -> None:
    """Insert the rows' titles and bodies in one statement, as `_insert` does, but the bodies as one block of
    UTF-8 and each row's place in it: a body in JSON was escaped, then read back, which was a third of the
    instructions that indexing an article of news took; then their titles on their own (`FULL_TEXT`)."""
    if not rows:
        return
    bodies = [row[2].encode() for row in rows]
    places, start = [], 1  # a blob's first byte is byte 1 to SQL
    for row, body in zip(rows, bodies, strict=True):
        places.append((row[0], row[1], start, len(body)))
        start += len(body)
    listed = json.dumps(places, ensure_ascii=False)
    db.execute(
        "INSERT INTO docs(rowid, title, body) SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), "
        "CAST(substr(?2, json_extract(value, '$[2]'), json_extract(value, '$[3]')) AS TEXT) FROM json_each(?1)",
        (listed, b"".join(bodies)),
    )
    db.execute(
        "INSERT INTO titles(rowid, title) SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') "
        "FROM json_each(?)",
        (listed,),
    )


def matched_spans(text: str, terms: Set[str]) -> tuple[tuple[int, int], ...]:
    """Where the words of `text` are among `terms` (compared folded, as the index compares them)."""
    if not terms:
        return ()
    folded = fold(text)
    if len(folded) != len(text):  # a ligature or "ß" changed the length: compare word by word
        return tuple((m.start(), m.end()) for m in WORD.finditer(text) if fold(m.group()) in terms)
    return tuple(m.span() for m in _pattern(frozenset(terms)).finditer(folded))


@lru_cache(maxsize=16)  # one pattern for a search's every hit, title and body
def _pattern(terms: frozenset[str]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(terms, key=len, reverse=True))) + r")\b")
