"""How long one read or star mark takes to save when the reading state already holds 100,000 marks.

Run: python benchmarks/marks.py [MARKS]   (default 100,000; a fresh state folder in /tmp, removed after)
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsreader.model import Article  # noqa: E402
from newsreader.persist.state import ReadingState  # noqa: E402

TIMED = 500  # marks timed one by one after the state is full


def article(number: int) -> Article:
    return Article.of(id=str(number), source_path="generated", title=f"Article {number}", body="Body.")


def main(marks: int = 100_000) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="newsreader-marks-") as folder:
        state = ReadingState(Path(folder))
        state._db.executemany(  # filled in one transaction: the marks are there, how they came is not timed
            "INSERT INTO marks VALUES (?, ?)", (("read", article(n).fingerprint) for n in range(marks))
        )
        state._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        state.close()
        started = time.perf_counter()
        state = ReadingState(Path(folder))
        opened = time.perf_counter() - started
        timings = []
        for number in range(marks, marks + TIMED):
            one = article(number)
            started = time.perf_counter()
            state.toggle("starred" if number % 2 else "read", one)
            timings.append(time.perf_counter() - started)
        timings.sort()
        return {
            "marks": marks,
            "open_ms": opened * 1000,
            "mark_p50_ms": statistics.median(timings) * 1000,
            "mark_p95_ms": timings[int(len(timings) * 0.95)] * 1000,
            "mark_p99_ms": timings[int(len(timings) * 0.99)] * 1000,
            "mark_max_ms": timings[-1] * 1000,  # on a busy machine: the scheduler's pauses, not SQLite's
        }


if __name__ == "__main__":
    result = main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
    print(json.dumps(result))
