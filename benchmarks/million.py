"""A million articles (or N) on one machine: what a user meets from an empty cache, then from a warm one.

Run: python benchmarks/million.py FOLDER [--articles N] [--readme]
The corpus (2.4 GB of JSON Lines at a million, made by benchmarks/generate.py) is written into
FOLDER unless it is there already, and the cache lives in FOLDER too: keep FOLDER outside the
repository, and remove it when done. Each step is a fresh process: the first paint from an empty
cache (in a terminal, as benchmarks/first_paint.py times it); a session from an empty cache
(benchmarks/session.py: keys, a search typed at second 1 until it covers every article, the
analysis, peak memory of the reader and its workers); the first paint from the warm cache (bare
Textual and newsreader taking turns); and a session from the warm cache.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.first_paint import READER_PAINTED, medians, painted_after, reader_command  # noqa: E402
from benchmarks.generate import generate  # noqa: E402
from benchmarks.run import write_readme  # noqa: E402
from benchmarks.session import session_apart  # noqa: E402

WARM_RUNS = 3  # pairs of first paints from the warm cache
README_START, README_END = "<!-- million -->", "<!-- /million -->"


def measure(corpus: Path, cache_home: Path) -> dict[str, object]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home), "XDG_DATA_HOME": str(cache_home / "data")}
    env["PYTHONPATH"] = str(ROOT)
    shutil.rmtree(cache_home, ignore_errors=True)
    results: dict[str, object] = {"corpus_mb": round(corpus.stat().st_size / 1e6), "cores": os.cpu_count()}
    results["first_paint_cold_s"] = round(painted_after(reader_command([str(corpus)]), READER_PAINTED, env), 2)
    said(results)
    shutil.rmtree(cache_home, ignore_errors=True)
    results["cold"] = session_apart(corpus, env)
    said(results)
    warm = medians([str(corpus)], env, runs=WARM_RUNS)
    results["first_paint_warm_s"], results["warm_ratio"] = warm["newsreader_s"], warm["ratio"]
    said(results)
    results["warm"] = session_apart(corpus, env)
    return results


def said(results: dict[str, object]) -> None:
    """The results so far on stderr: a run of hours keeps what it measured if it is stopped."""
    print(json.dumps(results), file=sys.stderr, flush=True)


def table(r: dict) -> str:
    """The results against the bars, as a Markdown table."""
    cold, warm = r["cold"], r["warm"]
    rows = [
        (
            "first paint, cold cache / warm cache",
            f"{r['first_paint_cold_s']:.2f} s / {r['first_paint_warm_s']:.2f} s",
            "warm ≤ 1.5 s",
        ),
        (
            "a search typed at second 1: first answer; covers every article",
            f"{cold['search_first_answer'][0]:.0f} s; {cold['search_complete_s']:.0f} s (cold) / "
            f"{warm['search_complete_s']:.0f} s (warm)",
            "",
        ),
        ("analysis (entities, dates) ends, from the start", f"{cold['analysis_end_s']:.0f} s (cold)", "completes"),
        (
            "a key to the cursor's frame while loading / analysing: p95",
            f"{cold['loading_key_p95_ms']} / {cold['key_p95_ms']} ms (cold)",
            "",
        ),
        (
            "search, 50 queries × 5: p50 / p95",
            f"{warm['search_p50_ms']:.0f} / {warm['search_p95_ms']:.0f} ms (warm)",
            "p95 ≤ 100 ms",
        ),
        (
            "peak memory of the reader and its workers",
            f"{cold['peak_rss_mb']:,} MB (cold) / {warm['peak_rss_mb']:,} MB (warm)",
            "≤ 1.5 GB",
        ),
    ]
    lines = [f"| {r['cold']['articles']:,} articles ({r['corpus_mb']:,} MB) | result | bar |", "|---|---|---|"]
    return "\n".join(lines + [f"| {name} | {value} | {bar} |" for name, value, bar in rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where the corpus and the cache go (outside the repository)")
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--readme", action="store_true", help="write the table into README.md")
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    corpus = args.folder / f"corpus-{args.articles}.jsonl"
    if not corpus.exists():
        generate(args.articles, corpus)
    results = measure(corpus, args.folder / "cache")
    results["date"] = time.strftime("%Y-%m-%d")
    text = table(results)
    print(text)
    print(json.dumps(results))
    if args.readme:
        write_readme(
            f"Measured {results['date']} on {results['cores']} cores (`python benchmarks/million.py`):\n\n{text}",
            README_START,
            README_END,
        )


if __name__ == "__main__":
    main()
