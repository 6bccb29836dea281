"""Entity recognition: quality against tests/data/entities/gold.json, and throughput on the BBC corpus.

Run: python benchmarks/entities.py [BBC_FOLDER]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.entity_scoring import score  # noqa: E402
from newsreader.analysis.entities import Recogniser  # noqa: E402
from newsreader.analysis.entity_table import analyse_corpus  # noqa: E402
from newsreader.analysis.gazetteer import gazetteer  # noqa: E402
from newsreader.store import DocumentStore  # noqa: E402

BBC = ROOT.parent / "shared" / "corpora" / "bbc-news"


def quality() -> None:
    print(f"{'split':<8} {'precision':>9} {'recall':>7} {'F1':>6}  entities")
    for split in ("seeds", "tune", "heldout"):
        result, _ = score(split)
        print(f"{split:<8} {result.precision:>9.3f} {result.recall:>7.3f} {result.f1:>6.3f}  {result.expected}")


def throughput(folder: Path) -> dict[str, float]:
    """Recognition alone, then the whole analysis (dates' values, types and names across the corpus)."""
    store = DocumentStore.load([folder])
    bodies = [article.body for article in store.articles]
    size = sum(len(body.encode("utf-8")) for body in bodies)
    started = time.perf_counter()
    gazetteer()
    loaded = time.perf_counter() - started
    recogniser = Recogniser()
    started = time.perf_counter()
    for body in bodies:
        recogniser.mentions(body)
    recognised = time.perf_counter() - started
    started = time.perf_counter()
    analyse_corpus(store.articles)
    total = time.perf_counter() - started
    print(f"corpus: {len(bodies):,} articles, {size / 1e6:.2f} MB of body text")
    print(f"gazetteer load: {loaded:.2f} s (once per process)")
    print(f"recognition: {recognised:.2f} s = {size / 1e6 / recognised:.2f} MB/s on one core")
    print(f"whole analysis: {total:.2f} s = {size / 1e6 / total:.2f} MB/s")
    return {"recognition_mb_s": round(size / 1e6 / recognised, 2), "analysis_mb_s": round(size / 1e6 / total, 2)}


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else BBC
    if folder.is_dir():
        throughput(folder)  # first, so that the gazetteer's load is timed in a fresh process
    else:
        print(f"no corpus at {folder}: throughput not measured")
    quality()
