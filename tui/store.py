"""The DocumentStore: every loaded article, the one source of truth for the CLI and the reader."""

from __future__ import annotations

import os
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .analysis.metadata import article_id, blocks, build_article
from .cache import Cache, corpus_key, file_key
from .loaders import STDIN, discover, load_file
from .model import Article, Block, Entity, LoadProblem

if TYPE_CHECKING:
    from .analysis.timeline import Event
    from .search import Hit, SearchIndex

PathLike = str | os.PathLike[str]
PROGRESS_EVERY = 500  # articles between two progress reports


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
    """Articles loaded from files, with what the analysers found in them."""

    def __init__(
        self,
        articles: Iterable[Article],
        problems: Iterable[LoadProblem] = (),
        cache: Cache | None = None,
        corpus: str | None = None,
    ) -> None:
        """`cache` and `corpus` (the key of these files together) let the analysis be cached too."""
        self.articles: list[Article] = newest_first(articles)
        self.cache = cache
        self.corpus = corpus
        self.problems: list[LoadProblem] = list(problems)
        self._by_id = {article.id: article for article in self.articles}
        self._entities: dict[str, tuple[Entity, ...]] | None = None
        self._index: SearchIndex | None = None
        self._analysis_lock = threading.Lock()  # the reader analyses in a worker thread while you read

    @classmethod
    def load(
        cls,
        paths: Iterable[PathLike] | None = None,
        on_problem: Callable[[LoadProblem], None] | None = None,
        cache: Cache | None = None,
    ) -> DocumentStore:
        """Load files and folders (None: the bundled seeds), through `cache` when given.

        Raises `MissingPath` for a path that does not exist; anything unreadable inside the paths is
        skipped, reported to `on_problem` as it is found and kept in `store.problems`.
        """
        files = discover([bundled_seeds()] if paths is None else list(paths))
        articles: list[Article] = []
        problems: list[LoadProblem] = []
        taken: set[str] = set()
        keys: list[str] = []
        for path in files:
            found_articles, found_problems, key = _load_one(path, cache)
            keys.append(key or "stdin")
            for problem in found_problems:
                problems.append(problem)
                if on_problem:
                    on_problem(problem)
            for article in found_articles:
                unique = _unique_id(article.id, taken)
                articles.append(article if unique == article.id else replace(article, id=unique))
        corpus = corpus_key(keys) if cache and "stdin" not in keys else None
        return cls(articles, problems, cache, corpus)

    def __len__(self) -> int:
        return len(self.articles)

    def get(self, id_or_prefix: str) -> Article:
        """The article with this id, or the only one whose id starts with it."""
        if article := self._by_id.get(id_or_prefix):
            return article
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
        return _blocks(article.body if upto is None or upto >= len(article.body) else article.body[:upto])

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
        with self._analysis_lock:
            if self._entities is None and self.cache and self.corpus:
                self._entities = self.cache.get("entities", self.corpus)
            if self._entities is None:
                self._analyse(stop, progress)
                if self._entities is not None and self.cache and self.corpus:
                    self.cache.put("entities", self.corpus, self._entities)

    def _analyse(self, stop: Callable[[], bool] | None, progress: Callable[[int, int], None] | None) -> None:
        from .analysis.canonical import canonical_names
        from .analysis.entities import Recogniser, resolve_in_corpus

        recogniser = Recogniser()
        found = {}
        for done, article in enumerate(self.articles):
            if stop and stop():
                return
            if progress and done % PROGRESS_EVERY == 0:
                progress(done, len(self.articles))
            found[article.id] = recogniser.mentions(article.body)
        mentions = resolve_in_corpus(found)
        names = canonical_names(mentions)
        self._entities = {
            article.id: tuple(_entity_records(article, mentions[article.id], names)) for article in self.articles
        }

    def entities(self, article: Article) -> tuple[Entity, ...]:
        """The article's entity mentions in body order (the corpus is analysed on first use)."""
        self.analyse()
        return self._entities.get(article.id, ())

    def entity_counts(self, kind: str | None = None) -> list[tuple[str, str, int]]:
        """Every canonical entity as (name, type, number of articles mentioning it), most mentioned first."""
        self.analyse()
        counts = Counter(
            (entity.canonical, entity.type)
            for found in self._entities.values()
            for entity in {(e.canonical, e.type): e for e in found}.values()
            if kind is None or entity.type == kind
        )
        return [(name, type_, count) for (name, type_), count in counts.most_common()]

    def timeline(self, articles: Iterable[Article] | None = None) -> list[Event]:
        """Dates mentioned and publication dates of these articles (default: all), in date order."""
        from .analysis.timeline import build_timeline

        self.analyse()
        return build_timeline(self.articles if articles is None else articles, self._entities)

    # --- Search ------------------------------------------------------------------------------------

    @property
    def indexed(self) -> bool:
        return self._index is not None

    def build_index(self, stop: Callable[[], bool] | None = None) -> None:
        """Index titles, entity names and bodies for search (analysing the corpus first).

        `stop` is asked as it goes; when it says so, the store stays unindexed.
        """
        from .search import SearchIndex, StopIndexing

        self.analyse(stop)
        with self._analysis_lock:
            if self._index is None and self._entities is not None:
                saved = self.cache.entry_path("index", self.corpus, ".sqlite") if self.cache and self.corpus else None
                try:
                    self._index = SearchIndex(self.articles, self._entities, stop, saved)
                except StopIndexing:
                    return

    def search(self, query: str, limit: int = 20, within: Iterable[str] | None = None) -> list[Hit]:
        """Articles for a query, best first: typo-tolerant words, "phrases", and the filters
        `source:`, `entity:`, `after:` and `before:`. `within` limits the search to these ids."""
        self.build_index()
        return self._index.search(query, limit, None if within is None else set(within))

    def mentioning(self, canonical: str, kind: str) -> list[Article]:
        """The articles that mention an entity, in store order."""
        self.analyse()
        return [
            a for a in self.articles if any(e.canonical == canonical and e.type == kind for e in self._entities[a.id])
        ]


@lru_cache(maxsize=256)
def _blocks(body: str) -> tuple[Block, ...]:
    return blocks(body)


def _entity_records(article: Article, mentions, names) -> Iterator[Entity]:
    """Entities from mentions: canonical names for names, normalised values for dates."""
    from .analysis.timex import Normaliser, sentence_span

    normaliser = Normaliser(article.date)
    for m in mentions:
        if m.type == "date":
            sentence = article.body[slice(*sentence_span(article.body, m.start, m.end))]
            value = normaliser.value(m.text, sentence)
            yield Entity(m.text, m.type, m.start, m.end, value or m.text, value)
        else:
            yield Entity(m.text, m.type, m.start, m.end, names[article.id, m.type, m.text])


def _load_one(path: Path, cache: Cache | None) -> tuple[list[Article], list[LoadProblem], str | None]:
    """One file's articles (their ids not yet made unique) and problems, from the cache if it has them."""
    key = file_key(path) if cache and str(path) != STDIN else None
    if key and (cached := cache.get("articles", key)) is not None:
        return (*cached, key)
    articles, problems = [], []
    for found in load_file(path):
        if isinstance(found, LoadProblem):
            problems.append(found)
        else:
            articles.append(build_article(found, article_id(found)))
    if key:
        cache.put("articles", key, (articles, problems))
    return articles, problems, key


def _unique_id(candidate: str, taken: set[str]) -> str:
    """The content id, or for a second copy of the same content, the same id numbered."""
    unique, copy = candidate, 1
    while unique in taken:
        copy += 1
        unique = f"{candidate}-{copy}"
    taken.add(unique)
    return unique
