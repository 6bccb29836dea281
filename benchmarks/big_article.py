"""One huge article: how long it takes to load, how much memory that takes, and how soon the
analysis stops once asked to (as the reader asks when `q` is pressed).

Run: python benchmarks/big_article.py [MEGABYTES]   (default 100; made from the seed articles)
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsreader.analysis.gazetteer import gazetteer  # noqa: E402
from newsreader.persist.cache import Cache  # noqa: E402
from newsreader.store import DocumentStore, bundled_seeds  # noqa: E402

ANALYSE_FOR = 1.0  # seconds of analysis before the stop


def write_article(path: Path, megabytes: int) -> None:
    paragraphs = [p for seed in sorted(bundled_seeds().glob("*.txt")) for p in seed.read_text().split("\n\n")[1:]]
    with path.open("w") as stream:
        stream.write("One very long article\n\n")
        number = 0
        while stream.tell() < megabytes << 20:
            stream.write(paragraphs[number % len(paragraphs)] + "\n\n")
            number += 1


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(megabytes: int = 100) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="newsreader-big-") as folder:
        path = Path(folder) / "big.txt"
        write_article(path, megabytes)
        result = {"megabytes": megabytes, "rss_before_mb": peak_mb()}
        started = time.perf_counter()
        store = DocumentStore.load([path], cache=Cache(enabled=False))
        result["load_s"] = time.perf_counter() - started
        result["peak_after_load_mb"] = peak_mb()
        started = time.perf_counter()
        gazetteer()  # once a process, before any article: no stop is asked while it is made
        result["gazetteer_s"] = time.perf_counter() - started
        stopping = threading.Event()
        worker = threading.Thread(target=store.analyse, kwargs={"stop": stopping.is_set})
        worker.start()
        time.sleep(ANALYSE_FOR)
        asked = time.perf_counter()
        stopping.set()
        worker.join()
        result["analysis_stopped_after_s"] = time.perf_counter() - asked
        result["peak_after_analysis_mb"] = peak_mb()
        return result


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)))
