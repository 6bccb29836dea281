"""Search speed on a large generated corpus: p50/p95 per query once loaded, two common words, and
the raw index lookup.

Run: python benchmarks/search.py [CORPUS.jsonl] [CACHE_FOLDER]   (default: generate 100,000 articles
first; with a cache folder, a second run finds the articles, entities and index there)
     python benchmarks/search.py CORPUS.jsonl --index FILE [--merged]   (the corpus's titles and bodies
alone, indexed into FILE unless it is there, and searched by SearchIndex.search: a million articles'
analysis takes hours)
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate  # noqa: E402
from newsreader.persist.cache import Cache  # noqa: E402
from newsreader.search import SearchIndex, parse_query  # noqa: E402
from newsreader.store import DocumentStore  # noqa: E402

# Typos, prefixes, several words, phrases and filters, as people type them.
QUERIES = [
    "blair",
    "tony blar",
    "gordon brwn",
    "chelsea mourinho",
    "arsenal wenger",
    "microsft",
    "apple ipod",
    "oil prices",
    "yukos",
    "kirchnr",
    "shearer",
    "newcastl",
    "electon campaign",
    '"prime minister"',
    '"interest rates"',
    "goverment spending",
    "mobile phone",
    "broadband",
    "iraq war",
    "tsunami aid",
    "box office",
    "oscar nominations",
    "wimbledon",
    "rugby six nations",
    "source:reuters dollar",
    "after:2005-06-01 election",
    "before:2004-03-01 economy",
    'entity:"Tony Blair" iraq',
    "gam",
    "euro",
    "labour",
    "conservatives tax",
    "ryanair",
    "deutsche boerse",
    "lse takeover",
    "film festival",
    "music downloads",
    "spam",
    "virus",
    "china economy",
    "japan growth",
    "us dollar",
    "bank of england",
    "football association",
    "tennis",
    "athletics",
    "drugs test",
    "kenteris",
    "thanou",
    "henman",
]
REPEATS = 5
INDEX_BATCH = 1_000  # articles indexed at a time, as loading indexes them
INDEX_ROUNDS = 3  # the queries' rounds on an index of titles and bodies
COMMON = ("election budget", "oil prices")  # two common words: many thousands of matches to rank
COMMON_REPEATS = 25


def timed(store: DocumentStore, queries: Sequence[str], repeats: int) -> tuple[list[float], list[float]]:
    """Milliseconds of wall and of CPU time per query, each query asked `repeats` times."""
    wall, cpu = [], []
    for _ in range(repeats):
        for query in queries:
            started, started_cpu = time.perf_counter(), time.process_time()
            store.search(query, limit=20)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
    return wall, cpu


def main(path: Path, cache: Cache | None = None) -> None:
    started = time.perf_counter()
    store = DocumentStore.load([path], cache=cache)
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    store.analyse()
    analysed = time.perf_counter() - started
    started = time.perf_counter()
    store.build_index()
    indexed = time.perf_counter() - started
    print(f"corpus: {len(store):,} articles from {path.stat().st_size / 1e6:.0f} MB")
    print(f"load {loaded:.1f} s, entities {analysed:.1f} s, index {indexed:.1f} s")

    timings, _ = timed(store, QUERIES, REPEATS)
    common, common_cpu = timed(store, COMMON, COMMON_REPEATS)
    lookups = []
    index = store._index
    for term in ("blair", "election", "government", "music"):
        for _ in range(REPEATS):
            started = time.perf_counter()
            index.lookup(f'"{term}"', limit=20)
            lookups.append((time.perf_counter() - started) * 1000)
    cut = statistics.quantiles(timings, n=20)
    print(
        f"search, {len(QUERIES)} queries × {REPEATS}: p50 {statistics.median(timings):.1f} ms, "
        f"p95 {cut[18]:.1f} ms, max {max(timings):.1f} ms"
    )
    for name, values in (("wall", common), ("CPU", common_cpu)):
        cut = statistics.quantiles(values, n=20)
        print(
            f"two common words ({', '.join(COMMON)}) × {COMMON_REPEATS}, {name} time: "
            f"p50 {statistics.median(values):.1f} ms, p95 {cut[18]:.1f} ms"
        )
    print(f"raw FTS5 lookup of one word (top 20 by BM25): p50 {statistics.median(lookups):.1f} ms")


def make_index(corpus: Path, path: Path, merged: bool) -> None:
    """Index the corpus's titles and bodies into `path`, a batch at a time, and leave it as loading does
    (`save`: in the segments the batches made), or `merged` into one (`finish`)."""
    index = SearchIndex(path)
    with corpus.open(encoding="utf-8") as lines:
        batch = []
        for place, line in enumerate(lines):
            article = json.loads(line)
            batch.append((place, article["title"], article["text"], article.get("source"), article.get("date")))
            if len(batch) == INDEX_BATCH:
                index.add(batch)
                batch = []
    index.add(batch)
    if merged:
        index.finish(None)
    else:
        index.save(None)


def search_index(path: Path) -> None:
    """The queries (but the entity filter's: no analysis) on the index at `path`, INDEX_ROUNDS times."""
    index = SearchIndex(path)
    index.vocabulary()
    wall: dict[str, list[float]] = {}
    cpu: list[float] = []
    for _ in range(INDEX_ROUNDS):
        for query in QUERIES:
            if (parsed := parse_query(query)).entity:
                continue
            started, started_cpu = time.perf_counter(), time.process_time()
            index.search(parsed, 20)
            wall.setdefault(query, []).append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
    walls = [ms for times in wall.values() for ms in times]
    print(f"index: {index.rows:,} articles' titles and bodies, {path.stat().st_size / 1e6:.0f} MB")
    for name, values in (("CPU", cpu), ("wall", walls)):
        cut = statistics.quantiles(values, n=20)
        print(
            f"search, {len(wall)} queries × {INDEX_ROUNDS}, {name} time: p50 {statistics.median(values):.1f} ms, "
            f"p95 {cut[18]:.1f} ms, max {max(values):.1f} ms"
        )
    slowest = sorted(wall, key=lambda query: -statistics.median(wall[query]))[:5]
    print("slowest (median wall time): " + ", ".join(f"{q} {statistics.median(wall[q]):.0f} ms" for q in slowest))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, help="JSON Lines (default: 100,000 articles generated)")
    parser.add_argument("cache", nargs="?", type=Path, help="a cache folder, kept between runs")
    parser.add_argument("--index", type=Path, metavar="FILE", help="titles and bodies alone, indexed into FILE")
    parser.add_argument("--merged", action="store_true", help="an index made with its segments merged into one")
    arguments = parser.parse_args()
    corpus = arguments.corpus or ROOT / "benchmarks" / "corpus-100000.jsonl"
    if not corpus.exists():
        generate(100_000, corpus)
    if arguments.index is None:
        main(corpus, Cache(arguments.cache) if arguments.cache else None)
    else:
        if not arguments.index.exists():
            make_index(corpus, arguments.index, arguments.merged)
        search_index(arguments.index)
