"""A million articles (or N) on one machine: what a user meets from an empty cache, then from a warm one.

Run: python benchmarks/million.py FOLDER [--articles N] [--hours H] [--readme]
The corpus (2.4 GB of JSON Lines at a million, made by benchmarks/generate.py) is written into
FOLDER unless it is there already, and the cache lives in FOLDER too: keep FOLDER outside the
repository, and remove it when done. Each step is a fresh process, the quick ones first, as the
analysis of a million articles takes hours: the first paint from an empty cache (in a terminal, as
benchmarks/first_paint.py times it); a session from an empty cache until a search typed at second 1
covers every article, then the queries among titles and bodies (benchmarks/session.py
--until-searchable: keys while loading, peak memory of the reader and its workers); the first paint
from the cache of the articles (bare Textual and newsreader taking turns); a session from that
cache with the analysis to its end (keys, the entity names indexed, the queries); and a session
from the whole cache. `--hours` ends a session still running when that time is up: the table
says how far it was, and the steps after it are not run.
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


def measure(corpus: Path, cache_home: Path, hours: float | None = None) -> dict[str, object]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home), "XDG_DATA_HOME": str(cache_home / "data")}
    env["PYTHONPATH"] = str(ROOT)
    ends = None if hours is None else time.monotonic() + hours * 3600
    shutil.rmtree(cache_home, ignore_errors=True)
    results: dict[str, object] = {"corpus_mb": round(corpus.stat().st_size / 1e6), "cores": os.cpu_count()}
    results["first_paint_cold_s"] = round(painted_after(reader_command([str(corpus)]), READER_PAINTED, env), 2)
    said(results)
    shutil.rmtree(cache_home, ignore_errors=True)
    for step in ("cold", "first_paint_warm", "analysis", "warm"):
        left = None if ends is None else max(0.0, ends - time.monotonic())
        if step == "first_paint_warm":
            warm = medians([str(corpus)], env, runs=WARM_RUNS)
            results["first_paint_warm_s"], results["warm_ratio"] = warm["newsreader_s"], warm["ratio"]
        else:
            results[step] = session_apart(corpus, env, until_searchable=step == "cold", seconds=left)
        said(results)
        if "ended_after_s" in results.get(step, {}):
            break
    return results


def said(results: dict[str, object]) -> None:
    """The results so far on stderr: a run of hours keeps what it measured if it is stopped."""
    print(json.dumps(results), file=sys.stderr, flush=True)


def table(r: dict) -> str:
    """The results against the bars, as a Markdown table; a step not run or not finished says so."""
    cold, analysis, warm = (r.get(step, {}) for step in ("cold", "analysis", "warm"))

    def figure(step: dict, key: str, form: str = "{:,.0f}", unit: str = " s") -> str:
        if key in step and step[key] is not None:
            return f"{form.format(step[key])}{unit}"
        return f"not reached in {step['ended_after_s']:,} s" if "ended_after_s" in step else "not run"

    warm_paint = f"{r['first_paint_warm_s']:.2f} s" if "first_paint_warm_s" in r else "not run"
    rows = [
        ("first paint, cold cache / warm cache", f"{r['first_paint_cold_s']:.2f} s / {warm_paint}", "warm ≤ 1.5 s"),
        ("every article loaded (cold)", figure(cold, "loaded_s"), ""),
        (
            "a search typed at second 1 covers every article's title and body: cold; from the articles' cache",
            f"{figure(cold, 'search_complete_s')}; {figure(analysis, 'search_complete_s')}",
            "",
        ),
        (
            "analysis (entities, dates) ends, from the start (articles cached)",
            figure(analysis, "analysis_end_s"),
            "completes",
        ),
        (
            "a key to the cursor's frame while loading / analysing: p95",
            f"{figure(cold, 'loading_key_p95_ms', '{}', ' ms')} / {figure(analysis, 'key_p95_ms', '{}', ' ms')}",
            "",
        ),
        (
            "search, 50 queries × 5, p50 / p95: titles and bodies (cold); names too (warm)",
            f"{figure(cold, 'search_p50_ms', unit='')} / {figure(cold, 'search_p95_ms', unit=' ms')}; "
            f"{figure(warm, 'search_p50_ms', unit='')} / {figure(warm, 'search_p95_ms', unit=' ms')}",
            "p95 ≤ 100 ms",
        ),
        (
            "peak memory of the reader and its workers: loading (cold) / analysis / warm",
            " / ".join(figure(step, "peak_rss_mb", "{:,}", " MB") for step in (cold, analysis, warm)),
            "≤ 1.5 GB",
        ),
    ]
    articles = cold.get("articles")
    head = f"{articles:,} articles" if articles else "articles"
    lines = [f"| {head} ({r['corpus_mb']:,} MB) | result | bar |", "|---|---|---|"]
    ended = [
        f"The {name} session was ended after {step['ended_after_s']:,} s; its last line: `{step['last_said']}`."
        for name, step in (("cold", cold), ("analysis", analysis), ("warm", warm))
        if "ended_after_s" in step
    ]
    return "\n".join(
        [*lines, *(f"| {name} | {value} | {bar} |" for name, value, bar in rows), *([""] if ended else []), *ended]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where the corpus and the cache go (outside the repository)")
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--hours", type=float, help="end a session still running when this time is up")
    parser.add_argument("--readme", action="store_true", help="write the table into README.md")
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    corpus = args.folder / f"corpus-{args.articles}.jsonl"
    if not corpus.exists():
        generate(args.articles, corpus)
    results = measure(corpus, args.folder / "cache", args.hours)
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
