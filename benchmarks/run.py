"""Every figure of the scale bars in one run, each in fresh processes: a table, and the same as JSON.

Run: python benchmarks/run.py [--articles N] [--readme]
The corpus (benchmarks/corpus-N.jsonl, 100,000 articles by default) is generated if missing. The
cache lives in a temporary folder: "cold" is an empty cache, "warm" one the previous step filled.
The JSON goes to benchmarks/results.json; --readme also writes the table into README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.first_paint import READER_PAINTED, medians, painted_after, reader_command  # noqa: E402
from benchmarks.generate import BBC, generate  # noqa: E402
from benchmarks.session import session_apart  # noqa: E402

LOAD = "import sys; from newsreader.cli import load_store; load_store(sys.argv[1:])"
README_START, README_END = "<!-- benchmarks -->", "<!-- /benchmarks -->"


def seconds(script: str, args: list[str], env: dict[str, str]) -> float:
    """Seconds a fresh `python -c script args` takes."""
    started = time.time()
    subprocess.run([sys.executable, "-c", script, *args], env=env, check=True, capture_output=True, text=True)
    return time.time() - started


def measure(corpus: Path, cache_home: Path) -> dict[str, object]:
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(cache_home),
        "XDG_DATA_HOME": str(cache_home / "data"),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as users run it: modules compiled once, not at every start
    size_mb = corpus.stat().st_size / 1e6
    results: dict[str, object] = {
        "corpus_mb": round(size_mb),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
    }

    # The seeds, as `newsreader` opens them: the first run fills the cache, the others find it.
    painted_after(reader_command([]), READER_PAINTED, env)
    seeds = medians([], env)
    results["bare_textual_first_paint_s"] = seeds["bare_textual_s"]
    results["seeds_first_paint_s"], results["seeds_ratio"] = seeds["newsreader_s"], seeds["ratio"]

    # The big corpus: first paint from an empty cache, then a full load fills it, then warm.
    results["first_paint_cold_s"] = round(painted_after(reader_command([str(corpus)]), READER_PAINTED, env), 3)
    shutil.rmtree(cache_home, ignore_errors=True)
    results["load_cold_s"] = round(seconds(LOAD, [str(corpus)], env), 2)
    results["load_warm_s"] = round(seconds(LOAD, [str(corpus)], env), 2)
    warm = medians([str(corpus)], env)
    results["first_paint_warm_s"], results["warm_ratio"] = warm["newsreader_s"], warm["ratio"]

    # A session from an empty cache: keys while the articles load, while the analysis runs and
    # while the index is built; search; peak memory.
    shutil.rmtree(cache_home, ignore_errors=True)
    results.update(session_apart(corpus, env))

    if BBC.is_dir():
        entities = subprocess.run(
            [
                sys.executable,
                "-c",
                "import json; from benchmarks.entities import BBC, throughput; print(json.dumps(throughput(BBC)))",
            ],
            env=env,
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        results.update(json.loads(entities.stdout.splitlines()[-1]))
    return results


def table(r: dict[str, object]) -> str:
    """The results against the bars, as a Markdown table."""
    rows = [
        (
            "Seeds: first paint in a terminal",
            f"{r['seeds_first_paint_s']:.3f} s = {r['seeds_ratio']:.2f}× bare Textual"
            f" ({r['bare_textual_first_paint_s']:.3f} s)",
            "≤ 1.2× bare",
        ),
        (
            f"{r['articles']:,} articles ({r['corpus_mb']} MB): first paint, cold cache",
            f"{r['first_paint_cold_s']:.2f} s",
            "≤ 3 s",
        ),
        ("… first paint, warm cache", f"{r['first_paint_warm_s']:.3f} s = {r['warm_ratio']:.2f}× bare", "≤ 2× bare"),
        (
            "… load every article, cold / warm",
            f"{r['load_cold_s']:.1f} s / {r['load_warm_s']:.2f} s",
            "in the background",
        ),
        (
            "… a key while the articles load (cold cache), to the frame that moves the cursor: p95",
            f"{r['loading_key_p95_ms']} ms ({r['keys_during_loading']} keys)",
            "≤ 50 ms",
        ),
        (
            "… a key while the analysis runs, to the frame that moves the cursor: p50 / p95 / max",
            f"{r['key_p50_ms']:.0f} / {r['key_p95_ms']:.0f} / {r['key_max_ms']:.0f} ms"
            f" ({r['keys_during_analysis']} keys, 160×48)",
            "≤ 50 ms",
        ),
        (
            "… and to the frame that shows the article in the reader: p50 / p95",
            f"{r['reader_p50_ms']:.0f} / {r['reader_p95_ms']:.0f} ms",
            "",
        ),
        (
            "… a key while the search index is built, to the cursor's frame: p95",
            f"{r['indexing_key_p95_ms']} ms ({r['keys_during_indexing']} keys)",
            "≤ 50 ms",
        ),
        (
            "… analysis (entities, dates) / search index, with those keys (each holds the work 0.15 s)",
            f"{r['analysis_s']:.0f} s / {r['index_s']:.0f} s",
            "in the background",
        ),
        ("… search: p50 / p95", f"{r['search_p50_ms']:.1f} / {r['search_p95_ms']:.1f} ms", ""),
        (
            "… peak memory (RSS) of that whole session, the reader and its workers",
            f"{r['peak_rss_mb']} MB",
            f"< 1.5× the corpus ({1.5 * r['corpus_mb']:.0f} MB)",
        ),
    ]
    if "analysis_mb_s" in r:
        rows.append(
            (
                "Entity analysis on the BBC corpus, one core",
                f"{r['analysis_mb_s']:.2f} MB/s (recognition alone {r['recognition_mb_s']:.2f} MB/s)",
                "",
            )
        )
    lines = ["| measure | result | bar |", "|---|---|---|"]
    lines += [f"| {name} | {value} | {bar} |" for name, value, bar in rows]
    return "\n".join(lines)


def write_readme(text: str, start_mark: str = README_START, end_mark: str = README_END) -> None:
    """Put `text` into README.md between the two marks."""
    readme = ROOT / "README.md"
    content = readme.read_text(encoding="utf-8")
    start, end = content.index(start_mark) + len(start_mark), content.index(end_mark)
    readme.write_text(f"{content[:start]}\n{text}\n{content[end:]}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--readme", action="store_true", help="write the table into README.md")
    args = parser.parse_args()
    corpus = ROOT / "benchmarks" / f"corpus-{args.articles}.jsonl"
    if not corpus.exists():
        generate(args.articles, corpus)
    with tempfile.TemporaryDirectory(prefix="newsreader-bench-") as folder:
        results = measure(corpus, Path(folder) / "cache")
    results["date"] = time.strftime("%Y-%m-%d")
    text = table(results)
    print(text)
    print(json.dumps(results))
    (ROOT / "benchmarks" / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if args.readme:
        write_readme(
            f"Measured {results['date']} on {results['cores']} cores, Python {results['python']} "
            f"(`python benchmarks/run.py --readme`):\n\n{text}"
        )


if __name__ == "__main__":
    main()
