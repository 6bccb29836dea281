"""Search speed on a large generated corpus: p50/p95 per query once loaded, two common words, and
the raw index lookup.

Run: python benchmarks/search.py [CORPUS.jsonl] [CACHE_FOLDER]   (default: generate 100,000 articles
first; with a cache folder, a second run finds the articles, entities and index there)
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate  # noqa: E402
from newsreader.persist.cache import Cache  # noqa: E402
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


if __name__ == "__main__":
    if len(sys.argv) > 1:
        corpus = Path(sys.argv[1])
    else:
        corpus = ROOT / "benchmarks" / "corpus-100000.jsonl"
        if not corpus.exists():
            generate(100_000, corpus)
    main(corpus, Cache(Path(sys.argv[2])) if len(sys.argv) > 2 else None)
