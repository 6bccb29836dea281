"""The DocumentStore: every loaded article, the one source of truth for the CLI and the reader."""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, cast

from newsreader.bodies import BodyFile, in_file_order, temporary_body_file
from newsreader.ingest.files import STDIN, discover, unreachable
from newsreader.ingest.layout import blocks
from newsreader.model import Article, Block, Entity, LoadProblem
from newsreader.persist.cache import FILE_KIND, Cache, DamagedEntry, FileEntry, Key, corpus_key, file_key, resolved_path
from newsreader.persist.paths import scratch_path

if TYPE_CHECKING:
    from newsreader.analysis.entity_table import CorpusAnalysis, EntityTable
    from newsreader.analysis.timeline import Event
    from newsreader.search import Hit, SearchIndex

PathLike = str | os.PathLike[str]
BIG_FILE = 4 << 20  # bytes: a file that takes seconds to read afresh (a 100 MB article took 14 s)
# Articles indexed at a time: a search waits for at most one such batch (about 0.2 s), and each batch is a
# segment of the index, merged with the others as they come: batches of 200 took a fifth more CPU at 100,000.
INDEX_BATCH = 1000
# While more load, seconds the last articles, fewer than a batch, wait for the rest of their batch before they
# are indexed anyway: each batch is a segment that every search looks in, and the search covers articles as
# they come, so a slow load (a busy machine) made hundreds of small ones (231 at 100,000 articles).
PARTIAL_WAIT = 5.0
LOOKUP_BATCH = 256  # files whose cache entries are looked up in one query
BATCH = 50  # articles read at a time while loading: the loader steps aside for keys between two (about 10 ms afresh)


def bundled_seeds() -> Path:
    """The seed articles: inside the installed package, or at the top of a source checkout."""
    packaged = Path(__file__).with_name("seeds")
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "seeds"


class UnknownArticle(KeyError):
    """No article, or more than one, has an id starting with what was asked for."""

    def __str__(self) -> str:
        return str(self.args[0])


def newest_first(articles: Iterable[Article]) -> list[Article]:
    """Dated articles newest first, then those whose year is unknown ("--01-14"), then undated.

    ISO dates sort as text, and "--" sorts below any year, so one reversed sort does it all.
    """
    return sorted(articles, key=lambda article: article.date or "", reverse=True)


class DocumentStore:
    """Articles loaded from files, with what the analysers found in them.

    A store can fill up while it is in use: `open` names the files, `load_batches` reads them (all,
    or for a while), and `batches` hands what is left to a thread that passes each batch to `add`.
    """

    def __init__(self, articles: Iterable[Article] = (), cache: Cache | None = None) -> None:
        """`cache` keeps loaded files and the analysis of the whole corpus for the next start."""
        self.articles: list[Article] = []
        self.cache = cache
        self.problems: list[LoadProblem] = []
        self.has_dates = self.has_sources = False  # whether any article has one: a list leaves out an empty column
        self.loaded = True
        self.spare_cores = 0  # cores the workers (loading, analysis) leave to this process: the reader's screen
        self._arrived: list[Article] = []  # in the order they came: an article's place here is its search row
        self._by_id: dict[str, int] = {}  # id → place in `_arrived`
        self._unlisted: list[Article] = []  # taken in, not yet in `articles` (`take`)
        self._found_again: dict[str, Article] = {}  # id → the article with another file, not yet in `articles`
        self._index_key: Key | None = None  # the key the files have as they are opened: the saved index's
        self._reading: Iterator[list[Article]] = iter(())
        self._entities: EntityTable | None = None
        self._analysis: CorpusAnalysis | None = None  # the analysis of the articles loaded so far, while they load
        self._given = 0  # articles of `_arrived` given to it
        self._index: SearchIndex | None = None
        self._on_problem: Callable[[LoadProblem], None] | None = None
        self._analysis_lock = threading.Lock()  # the reader analyses in a worker thread while you read
        self._index_lock = threading.Lock()  # one indexer at a time
        self._named = False  # the index holds every article's entity names
        self._partial_since: float | None = None  # when the indexer first left the last articles, fewer than a batch
        self._names_indexed = 0  # articles whose names are in it
        self.add(articles)

    @classmethod
    def open(
        cls,
        paths: Iterable[PathLike] | None = None,
        on_problem: Callable[[LoadProblem], None] | None = None,
        cache: Cache | None = None,
        spare_cores: int = 0,
    ) -> DocumentStore:
        """A store for files and folders (None: the bundled seeds), loaded by `load_batches` or `batches`.

        Raises `MissingPath` for a path that does not exist; anything unreadable inside the paths is
        skipped, reported to `on_problem` as it is found and kept in `store.problems`. The workers
        that load big files and analyse the articles leave `spare_cores` to this process.
        """
        store = cls(cache=cache)
        store.loaded = False
        store.spare_cores = spare_cores
        store._on_problem = on_problem
        files = discover([bundled_seeds()] if paths is None else list(paths))
        keyed = [store._keyed(path) for path in files]
        keys = [key for path, key in keyed if not isinstance(path, LoadProblem)]
        store._index_key = _whole_corpus_key(keys) if cache else None
        if cache and store._index_key:
            cache.in_use.add(store._index_key.name)
        store._reading = store._read(keyed)
        return store

    @classmethod
    def load(
        cls,
        paths: Iterable[PathLike] | None = None,
        on_problem: Callable[[LoadProblem], None] | None = None,
        cache: Cache | None = None,
    ) -> DocumentStore:
        """`open`, then load every article."""
        store = cls.open(paths, on_problem, cache)
        store.load_batches()
        return store

    def load_batches(self, seconds: float | None = None) -> bool:
        """Add the articles still to load: all of them, or what `seconds` allow. True once all are in."""
        deadline = None if seconds is None else time.monotonic() + seconds
        loaded: list[Article] = []
        for batch in self._reading:
            loaded += batch
            # An empty batch comes before a big file: the first frame does not wait for it either.
            if deadline is not None and (not batch or time.monotonic() > deadline):
                break
        self.add(loaded)  # once: each `add` sorts every article again
        return self.loaded

    def batches(self) -> Iterator[list[Article]]:
        """The articles still to load, a batch at a time, each taken in as it comes (`take`: searchable
        and analysed from then on), to `add` in order. Both may run on another thread than the store's
        readers: `add` swaps in a new list of articles, whole."""
        for batch in self._reading:
            self.take(batch)
            yield batch

    def take(self, articles: Iterable[Article]) -> None:
        """Take loaded articles in for the search, the analysis and `get`, not yet listed: `add` lists them,
        newest first (a sort of every article, so seconds apart at 100,000). An article found again (the
        same content in another file, or through a symlink) is kept once, with the other file noted in
        its `also_at`."""
        for article in articles:
            place = self._by_id.get(article.id)
            if place is None:
                self._by_id[article.id] = len(self._arrived)
                self._arrived.append(article)
                self._unlisted.append(article)
            elif article.source_path not in (known := self._arrived[place]).source_paths:
                self._arrived[place] = self._found_again[article.id] = known._replace(
                    also_at=(*known.also_at, article.source_path)
                )

    def add(self, articles: Iterable[Article]) -> None:
        """Take loaded articles in (`take`), and list them with those taken in before, newest first."""
        self.take(articles)
        added, found_again = self._unlisted, self._found_again
        self._unlisted, self._found_again = [], {}
        current = self.articles
        if found_again:
            current = [found_again.get(article.id, article) for article in current]
            added = [found_again.get(article.id, article) for article in added]
        self.has_dates = self.has_dates or any(article.date for article in added)
        self.has_sources = self.has_sources or any(article.source for article in added)
        # Both lists are in order already: the sort merges them.
        self.articles = newest_first([*current, *newest_first(added)]) if added else current

    def read_again(self, path: Path) -> list[Article]:
        """Read a file that has changed (the library after a fetch) and take in the articles not here yet.

        With new articles, the entities and the search index are made again, for every article, when
        next asked for; that analysis is not cached, as the store is no longer the files it opened."""
        key = file_key(path) if self.cache and self.cache.enabled else None
        loaded = _load_one(path, self.cache, key, self.spare_cores)
        found = (batch for batch in loaded if not isinstance(batch, LoadProblem))
        new = [article for batch in found for article in batch if article.id not in self._by_id]
        if self.cache:
            self.cache.flush()
        if new:
            with self._analysis_lock:
                self.add(new)
                self._entities = self._index = self._index_key = self._analysis = None
                self._given = 0
                self._named, self._names_indexed = False, 0
        return new

    @property
    def corpus(self) -> Key | None:
        """The key of these files together, once all are loaded (the one they had when opened)."""
        return self._index_key if self.loaded else None

    def _read(self, files: list[tuple[Path | LoadProblem, Key | None]]) -> Iterator[list[Article]]:
        """Each file's articles in batches, from its cache entry (`files` pairs each with its key) or afresh."""
        for place, (path, key) in enumerate(files):
            if self.cache and place % LOOKUP_BATCH == 0:
                self.cache.prefetch([key for _, key in files[place : place + LOOKUP_BATCH] if key])
            if isinstance(path, LoadProblem):  # a file or folder that could not be reached
                loaded: Iterable[list[Article] | LoadProblem] = [path]
            else:
                loaded = _load_one(path, self.cache, key, self.spare_cores)
            for found in loaded:
                if isinstance(found, LoadProblem):
                    self._report(found)
                else:
                    yield found
        self.loaded = True
        if self.cache and self.cache.enabled:
            self.cache.flush()
            self.cache.prune_if_due()

    def _report(self, problem: LoadProblem) -> None:
        """Keep a problem in `problems`, and tell whoever opened the store."""
        self.problems.append(problem)
        if self._on_problem:
            self._on_problem(problem)

    def _keyed(self, found: Path | LoadProblem) -> tuple[Path | LoadProblem, Key | None]:
        """A file found and its key in the cache; a file gone since it was found (or out of reach now), a
        problem in its place."""
        if isinstance(found, LoadProblem):
            return found, None
        try:
            return found, self._cache_key(found)
        except OSError as error:
            return LoadProblem(str(found), unreachable(error)), None

    def _cache_key(self, path: Path) -> Key | None:
        """A file's key in the cache; None without a cache, and for standard input, which no cache can know."""
        return file_key(path) if self.cache and self.cache.enabled and str(path) != STDIN else None

    def __len__(self) -> int:
        return len(self.articles)

    def get(self, id_or_prefix: str) -> Article:
        """The article with this id, or the only one whose id starts with it."""
        if (place := self._by_id.get(id_or_prefix)) is not None:
            return self._arrived[place]
        matches = [a for a in self.articles if a.id.startswith(id_or_prefix)] if id_or_prefix else []
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise UnknownArticle(f"no article has an id starting with {id_or_prefix!r}")
        raise UnknownArticle(
            f"{id_or_prefix!r} is the start of {len(matches)} ids: "
            + ", ".join(a.id for a in matches[:5])
            + (", …" if len(matches) > 5 else "")
        )

    def blocks(self, article: Article, upto: int | None = None) -> tuple[Block, ...]:
        """Paragraphs and sub-headings of the article's body (of its first `upto` characters)."""
        body = article.body
        return _blocks(body if upto is None or upto >= len(body) else body[:upto])

    # --- Entities ------------------------------------------------------------------------------

    @property
    def analysed(self) -> bool:
        return self._entities is not None

    def analyse(
        self, stop: Callable[[], bool] | None = None, progress: Callable[[int, int], None] | None = None
    ) -> None:
        """Recognise the entities of every article and give each entity one name across the corpus.

        `stop` is asked between articles; when it says so, the analysis ends unfinished. `progress`
        hears (articles done, articles in all) now and then.
        """
        if self._entities is not None:
            return  # not even the lock: the index build holds it for seconds while keys ask for entities
        with self._analysis_lock:
            if self._entities is None and self.cache and self.corpus:
                self._entities = cast("EntityTable | None", self.cache.get("entities", self.corpus))
            if self._entities is None:
                self._analyse(stop, progress)
                if self._entities is not None and self.cache and self.corpus:
                    self._entities.keep_mentions(self.cache.new_entry_path("entities", self.corpus, ".mentions"))
                    self.cache.put("entities", self.corpus, self._entities)

    def analyse_loaded(self, stop: Callable[[], bool] | None = None) -> bool:
        """Give the analysis the articles loaded since the last call (their bodies' first pass runs in
        worker processes while the rest load), and take in what it found meanwhile; `analyse` ends
        it once all are loaded. False when `stop` said so (the analysis starts again when next asked)."""
        with self._analysis_lock:
            if self._entities is not None or (self._analysis is None and self._entities_cached()):
                return True
            if self._analysis is None:
                self._analysis = self._new_analysis()
            self._give_loaded(self._analysis)
            if self._analysis.take(stop):
                return True
            self._analysis, self._given = None, 0
            return False

    def _new_analysis(self) -> CorpusAnalysis:
        """An analysis of these files, going on from where the last one stopped (its runs in the cache)."""
        from newsreader.analysis.entity_table import CorpusAnalysis

        key = self._index_key
        log = self.cache.new_entry_path("firstpass", key, ".runs") if self.cache and key else None
        return CorpusAnalysis(spare=self.spare_cores, log=log)

    def _entities_cached(self) -> bool:
        """The cache has these files' entities: nothing to find while they load."""
        entry = self.cache.get_stream("entities", self._index_key) if self.cache and self._index_key else None
        if entry is not None:
            entry.close()
        return entry is not None

    def _give_loaded(self, analysis: CorpusAnalysis) -> None:
        new = self._arrived[self._given :]  # the loader may add more meanwhile: they are given next time
        self._given += len(new)
        analysis.give(new)

    def _analyse(self, stop: Callable[[], bool] | None, progress: Callable[[int, int], None] | None) -> None:
        analysis, self._analysis = self._analysis or self._new_analysis(), None
        self._give_loaded(analysis)
        self._given = 0  # done, or stopped: a next analysis starts anew
        self._entities = analysis.finish(stop, progress)
        for article_id, reason in self._entities.failed if self._entities else ():
            self._report(
                LoadProblem(
                    self._arrived[self._by_id[article_id]].source_path, f"{article_id}: no entities found ({reason})"
                )
            )

    def _table(self) -> EntityTable:
        """The corpus's entities, analysed on first use."""
        self.analyse()
        if self._entities is None:
            raise RuntimeError("the analysis was stopped")
        return self._entities

    def entities(self, article: Article) -> tuple[Entity, ...]:
        """The article's entity mentions, its title's and dateline's, then its body's in order (the
        corpus is analysed on first use)."""
        return self._table().entities(article.id, article.body, article.heading)

    def entity_records(self, article: Article) -> list[dict[str, object]]:
        """The article's mentions as `export` and JSON write them: each `Entity`'s fields by name."""
        return self._table().records(article.id, article.body, article.heading)

    def entities_json(self, article: Article, body: str | None = None) -> str:
        """`entity_records` as JSON, as `json.dumps(records, ensure_ascii=False)` writes them (made faster);
        `body`: the article's body where it was read already."""
        return self._table().records_json(article.id, article.body if body is None else body, article.heading)

    def entity_counts(self, kind: str | None = None) -> list[tuple[str, str, int]]:
        """Every canonical entity as (name, type, number of articles mentioning it), most mentioned first."""
        return self._table().counts(kind)

    def timeline(self, articles: Iterable[Article] | None = None) -> list[Event]:
        """Dates mentioned and publication dates of these articles (default: all), in date order.
        The timeline of every article is cached: at 100,000 articles it takes seconds to make."""
        from newsreader.analysis.timeline import build_timeline

        self.analyse()
        whole = articles is None or articles is self.articles
        cache, corpus = (self.cache, self.corpus) if whole else (None, None)
        if cache and corpus and (events := cast("list[Event] | None", cache.get("timeline", corpus))) is not None:
            return events
        events = build_timeline(self.articles if articles is None else articles, self.entities)
        if cache and corpus:
            cache.put("timeline", corpus, events)
        return events

    # --- Search ------------------------------------------------------------------------------------

    @property
    def indexed(self) -> bool:
        """Every article is searchable, entity names too."""
        return self._named

    @property
    def searchable(self) -> tuple[int, int]:
        """(articles the search covers so far, articles loaded)."""
        index = self._index  # read once: a fetch's new articles may forget it meanwhile (`read_again`)
        return min(index.rows, len(self._arrived)) if index else 0, len(self._arrived)

    def index_loaded(self, stop: Callable[[], bool] | None = None) -> bool:
        """Index the titles and bodies of the articles loaded since the last call (a saved index of
        these files has them all already); while more load, the last ones fewer than a batch past the
        first batch only once they have waited PARTIAL_WAIT. `stop` is asked between batches. False when
        it said so."""
        with self._index_lock:
            return self._in_memory_if_full(lambda: self._index_rows(stop))

    def _index_rows(self, stop: Callable[[], bool] | None) -> bool:
        from newsreader.search import SearchIndex

        if (index := self._index) is None:
            cache, key = self.cache, self._index_key
            saved = cache.entry_path("index", key, ".sqlite") if cache and key else None
            if saved and saved.exists():
                index = SearchIndex(saved)
            else:  # built in the cache, where a run ended before saving it leaves its rows to the next
                if cache and key:  # the saved ones of these files as they were before: no longer of use
                    cache.new_entry_path("index", key, ".sqlite")
                building = cache.new_entry_path("index", key, ".building") if cache and key else None
                index = SearchIndex(building or scratch_path(".sqlite"), resumable=building is not None)
            self._index = index
            self._named = index.complete
        loaded = self.loaded  # asked first: whatever had loaded by then is taken in
        # Batch after batch in loading order, so that the rows in are always the first ones; the
        # bodies of a batch are read in the order they lie on disk.
        for first in range(index.rows, len(self._arrived), INDEX_BATCH):
            if stop and stop():
                return False
            batch = self._arrived[first : first + INDEX_BATCH]
            # The first articles are searchable at once: a search waits for them, and they are few.
            if len(batch) < INDEX_BATCH and first >= INDEX_BATCH and not loaded and not self._waited():
                break
            index.add([_row(first + place, batch[place], body) for place, body in in_file_order(batch)])
            self._partial_since = None
        return True

    def save_index(self) -> None:
        """Once every article's title and body is indexed: the index's vocabulary read whole (searches meanwhile
        count their words in the index instead), and the index saved in the cache, so that the next start
        searches at once; the entity names join it later (`index_names`)."""
        with self._index_lock:
            if self.loaded:
                self._in_memory_if_full(lambda: self._index_rows(None) and self._save_index())

    def _save_index(self) -> bool:
        if (index := self._index) is not None and not index.version:  # else saved already
            cache, corpus = self.cache, self.corpus
            index.save(cache.new_entry_path("index", corpus, ".sqlite") if cache and corpus else None)
        return True

    def _waited(self) -> bool:
        """Whether the last articles, fewer than a batch, have waited PARTIAL_WAIT since the indexer first left them."""
        now = time.monotonic()
        if self._partial_since is None:
            self._partial_since = now
        return now - self._partial_since >= PARTIAL_WAIT

    def index_names(self, stop: Callable[[], bool] | None = None) -> None:
        """Add every article's entity names to the index, once all are loaded and indexed and the
        corpus analysed; then the index is complete, and saved in the cache."""
        with self._index_lock:
            if not (self._named or self._entities is None or not self.loaded):
                self._in_memory_if_full(lambda: self._index_rows(stop) and self._index_names(stop))

    def _index_names(self, stop: Callable[[], bool] | None) -> bool:
        index, entities = self._index, self._entities
        if index is None or entities is None:  # forgotten meanwhile: new articles came in
            return False
        names = entities.names_in
        for first in range(self._names_indexed, len(self._arrived), INDEX_BATCH):
            if stop and stop():
                return False
            batch = self._arrived[first : first + INDEX_BATCH]
            index.add_names([(first + place, " ; ".join(sorted(names(a.id)))) for place, a in enumerate(batch)])
            self._names_indexed = first + len(batch)
        saved = self.cache.new_entry_path("index", self.corpus, ".sqlite") if self.cache and self.corpus else None
        index.finish(saved)
        self._named = True
        return True

    def _in_memory_if_full(self, indexing: Callable[[], bool]) -> bool:
        """Run some indexing; when the disk has no room for the index (a full disk), it is made again
        in memory, for this run."""
        from newsreader.search import SearchIndex

        try:
            return indexing()
        except sqlite3.OperationalError:
            if self._index is not None:
                self._index.discard()  # its file takes room the disk has not got
            self._index, self._names_indexed = SearchIndex(None), 0
            return indexing()

    def build_index(self, stop: Callable[[], bool] | None = None) -> None:
        """Index every article's title, body and entity names (analysing the corpus first).

        `stop` is asked as it goes; when it says so, the index stays incomplete.
        """
        if self._named:
            return
        if self.index_loaded(stop):
            self.save_index()
            self.analyse(stop)
            self.index_names(stop)

    def search(self, query: str, limit: int = 20, within: Iterable[str] | None = None, wait: bool = True) -> list[Hit]:
        """Articles for a query, best first: typo-tolerant words, "phrases", and the filters
        `source:`, `entity:`, `after:` and `before:`. `within` limits the search to these ids.
        Without `wait`, among the articles indexed so far (`searchable`), else among all of them."""
        from newsreader.search import Hit, matched_spans, parse_query

        if wait:
            self.build_index()
        parsed = parse_query(query)
        index = self._index  # read once: a fetch's new articles may forget it meanwhile (`read_again`)
        if parsed.empty or index is None:
            return []
        allowed = None if within is None else {self._by_id[i] for i in within if i in self._by_id}
        if parsed.entity:
            if self._entities is None:
                return []  # the entities are not known yet
            named = self._rows_mentioning(self._entities, parsed.entity)
            allowed = named if allowed is None else allowed & named
        upto = len(self._arrived)
        hits = []
        # Never the vocabulary read in the search: the indexer reads it (`save_index`), and a search meanwhile
        # counts its own words; read here, a search once every article was in took 7 s at a million.
        for row, score, terms in index.search(parsed, limit, allowed, upto=upto, fresh=False):
            article, matched = self._arrived[row], frozenset(terms)
            hits.append(Hit(article.id, score, matched_spans(article.title, matched), matched))
        return hits

    def _rows_mentioning(self, entities: EntityTable, name: str) -> set[int]:
        """Search rows of the articles that mention an entity (not a date) of this name, folded."""
        from newsreader.search import fold

        folded = fold(name)
        ids = entities.named(lambda canonical, kind: kind != "date" and fold(canonical) == folded)
        return {self._by_id[i] for i in ids if i in self._by_id}

    def mentioning(self, canonical: str, kind: str) -> list[Article]:
        """The articles that mention an entity, in store order."""
        ids = self._table().mentioning(canonical, kind)
        return [a for a in self.articles if a.id in ids]


def _whole_corpus_key(keys: list[Key | None]) -> Key | None:
    """The corpus's key, when every file has one (standard input has none)."""
    complete = [key for key in keys if key is not None]
    return corpus_key(complete) if len(complete) == len(keys) else None


@lru_cache(maxsize=256)
def _blocks(body: str) -> tuple[Block, ...]:
    return blocks(body)


def _load_one(
    path: Path, cache: Cache | None, key: Key | None, spare_cores: int
) -> Iterator[list[Article] | LoadProblem]:
    """One file's articles in batches (their ids not yet made unique) and its problems, in file order:
    from the cache when it has them, else read afresh and cached, with the bodies in a file beside."""
    given = 0
    if cache and key and (entry := _intact_entry(cache, key)) is not None:
        try:
            for found in entry:
                given += 1
                yield found
            return
        except DamagedEntry:  # read the file itself, past what the entry gave
            # Articles handed over already read their bodies from the entry's body file: keep it as it is.
            key = key if given == 0 else None
    link, status = _statuses(path)
    if status and status.st_size > BIG_FILE:
        yield []  # a place to stop before seconds of reading (a cached file's entry takes no such time)
    # Where the entry says the file is: worked out before reading, from the status read for it (a file gone once
    # read keeps an entry all the same, which pruning the cache drops).
    source = resolved_path(path, link) if cache and key and link else None
    bodies = _body_file(cache, key)
    written: list[list[Article] | LoadProblem] = []
    for found in _read_afresh(path, bodies, spare_cores, status):
        written.append(found)
        if len(written) > given:
            yield found
    if cache and key and source:
        cache.put_stream(FILE_KIND, key, [FileEntry(source, bodies.path, bodies.size), *written])
    elif not (cache and bodies is cache.bodies):  # the run's body file in the cache serves the files to come
        bodies.close()


def _statuses(path: Path) -> tuple[os.stat_result | None, os.stat_result | None]:
    """A file's `os.lstat` and `os.stat` (the same one but for a symlink), one system call for most files;
    None for standard input and for a file out of reach (which reading it then says)."""
    if str(path) == STDIN:
        return None, None
    try:
        link = os.lstat(path)
        return link, os.stat(path) if stat.S_ISLNK(link.st_mode) else link
    except OSError:
        return None, None


def _intact_entry(cache: Cache, key: Key) -> Iterator[list[Article] | LoadProblem] | None:
    """The values of a file's cache entry after its `FileEntry`, if the entry and its body file are whole."""
    if (entry := cache.get_stream(FILE_KIND, key)) is None:
        return None
    try:
        head = next(entry)
    except (DamagedEntry, StopIteration):
        return None
    if isinstance(head, FileEntry) and head.intact():
        if head.bodies:
            cache.in_use.add(head.bodies)
        return cast("Iterator[list[Article] | LoadProblem]", entry)  # what `_load_one` put there
    entry.close()
    cache.warn(
        f"the cached bodies of {head.source if isinstance(head, FileEntry) else key.name} were damaged; read again"
    )
    return None


def _read_afresh(
    path: Path, bodies: BodyFile, spare_cores: int, status: os.stat_result | None = None
) -> Iterator[list[Article] | LoadProblem]:
    """A file's articles in batches and its problems where they come: a big JSON Lines file read in
    parts by worker processes (`newsreader.ingest.parts`) that leave `spare_cores`, any other here.
    `status`: the file's `os.stat`, where it was read already."""
    # The formats and the page rules: not needed on a warm start.
    from newsreader.ingest.metadata import article_id, build_article
    from newsreader.ingest.parts import read_in_parts, splittable
    from newsreader.ingest.reading import load_file

    found: Iterable[Article | LoadProblem] = (
        read_in_parts(path, bodies, spare_cores)
        if splittable(path, spare_cores)
        else (
            item if isinstance(item, LoadProblem) else build_article(item, article_id(item), bodies)
            for item in load_file(path, status)
        )
    )
    batch: list[Article] = []
    for item in found:
        if isinstance(item, LoadProblem):
            yield item
            continue
        batch.append(item)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _body_file(cache: Cache | None, key: Key | None) -> BodyFile:
    """Where a file's bodies go: this run's body file in the cache, else (no cache, or none writable)
    a temporary file; where nothing can be written (a full disk), memory, with one warning."""
    on_error = cache.cannot_write if cache else None
    if key and cache:
        bodies = cache.bodies
        if bodies is not None and bodies.path and not os.path.exists(bodies.path):
            # found damaged and removed: the bodies to come go to a new file
            bodies.close()
            cache.bodies = None
        if cache.bodies is None and (path := cache.run_path("bodies", ".txt")):
            try:
                cache.bodies = BodyFile(path, on_error)
            except OSError as error:
                cache.cannot_write(error)
        if cache.bodies is not None:
            return cache.bodies
    return temporary_body_file(on_error)


def _row(row: int, article: Article, body: str) -> tuple[int, str, str, str | None, str | None]:
    """An article as the search index takes it: its row, title, the text searched as its body (with
    the place of its dateline, no longer in the body but where the article is from), source, and
    the publication date when its year is known (what the date filters compare)."""
    searched = f"{body}\n\n{article.dateline}" if article.dateline else body
    dated = article.date if article.date and not article.date.startswith("-") else None
    return row, article.title, searched, article.source, dated
