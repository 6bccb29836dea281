"""Search speed on a large generated corpus: p50/p95 per query once loaded, and the raw index lookup.

Run: python benchmarks/search.py [CORPUS.jsonl]   (default: generate 100,000 articles first)
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate  # noqa: E402
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


def main(path: Path) -> None:
    started = time.perf_counter()
    store = DocumentStore.load([path])
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    store.analyse()
    analysed = time.perf_counter() - started
    started = time.perf_counter()
    store.build_index()
    indexed = time.perf_counter() - started
    print(f"corpus: {len(store):,} articles from {path.stat().st_size / 1e6:.0f} MB")
    print(f"load {loaded:.1f} s, entities {analysed:.1f} s, index {indexed:.1f} s")

    timings, lookups = [], []
    for _ in range(REPEATS):
        for query in QUERIES:
            started = time.perf_counter()
            store.search(query, limit=20)
            timings.append((time.perf_counter() - started) * 1000)
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
    print(f"raw FTS5 lookup of one word (top 20 by BM25): p50 {statistics.median(lookups):.1f} ms")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        corpus = Path(sys.argv[1])
    else:
        corpus = ROOT / "benchmarks" / "corpus-100000.jsonl"
        if not corpus.exists():
            generate(100_000, corpus)
    main(corpus)
