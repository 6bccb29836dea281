"""`newsreader export` of a corpus (the BBC corpus by default) on one core: end to end from an empty
cache and from a warm one, in MB/s of the corpus's files, and where the cold run's time goes.

Run: python benchmarks/export_speed.py [FOLDER] [--runs N] [--readme]
Every figure is of fresh processes pinned to one core (`taskset -c 0`, where there is taskset), each
with a cache of its own in a temporary folder and the package's modules compiled beforehand, as an
installed newsreader has them. The breakdown comes from one more cold run in a process of its own,
its analysis done here rather than in worker processes, so that it is one core's work: the phases'
wall and CPU time, and the analysis's parts (timed around the functions that do them). On a shared
machine, compare figures of one sitting; the CPU time varies less than the wall.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

README_START, README_END = "<!-- export-speed -->", "<!-- /export-speed -->"
ONE_CORE = ["taskset", "-c", "0"] if shutil.which("taskset") else []
# The analysis's parts, each timed around the function that does it ("module:Class.function"); a
# part whose function is not there (the code moved) is left out. Recognition includes the date expressions.
PARTS = {
    "recognition (names and date expressions)": ["newsreader.analysis.entities:Recogniser.mentions_all"],
    "recognition: the rules' hints (the date expressions too)": ["newsreader.analysis.rules:Rules.mentions"],
    "recognition: the date expressions": ["newsreader.analysis.rules:find_date_expressions"],
    "recognition: the tagger": ["newsreader.analysis.tagger:Tagger.tag_all"],
    "date values": ["newsreader.analysis.timex:Normaliser.value_at"],
    "canonical names (and the table's mentions)": ["newsreader.analysis.entity_table:_name"],
}


def environment(cache: Path) -> dict[str, str]:
    """What each measured process runs with: its own cache, config and data folders, compiled modules used."""
    inherited = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    return {
        **inherited,
        "XDG_CACHE_HOME": str(cache / "cache"),
        "XDG_DATA_HOME": str(cache / "data"),
        "XDG_CONFIG_HOME": str(cache / "config"),
        "PYTHONPATH": str(ROOT),
    }


def compile_modules() -> None:
    """The package's modules compiled (into its __pycache__ folders, which git ignores) before anything
    is timed, as an installed newsreader has them: with PYTHONDONTWRITEBYTECODE set (as in the
    environment), each process compiled every module again."""
    command = [sys.executable, "-m", "compileall", "-q", str(ROOT / "newsreader")]
    subprocess.run(command, env=environment(ROOT), check=True, stdout=subprocess.DEVNULL)


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of a command, its children's CPU too."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def end_to_end(folder: Path, runs: int) -> dict[str, float]:
    """Median wall and CPU seconds of `newsreader export`, cold (an empty cache) then warm, `runs` times each."""
    command = [*ONE_CORE, sys.executable, "-m", "newsreader", "export", str(folder)]
    cold, warm = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="newsreader-export-") as cache:
            cold.append(timed(command, environment(Path(cache))))
            warm.append(timed(command, environment(Path(cache))))
    return {
        "cold_s": statistics.median(w for w, _ in cold),
        "cold_cpu_s": statistics.median(c for _, c in cold),
        "warm_s": statistics.median(w for w, _ in warm),
        "warm_cpu_s": statistics.median(c for _, c in warm),
    }


def _wrap(spec: str, total: list[float]) -> bool:
    """Add the time spent in the function `spec` names to `total[0]`; False if there is no such function."""
    import importlib

    module_name, _, path = spec.partition(":")
    try:
        owner: object = importlib.import_module(module_name)
    except ImportError:
        return False
    *owners, name = path.split(".")
    for part in owners:
        owner = getattr(owner, part, None)
    function = getattr(owner, name, None) if owner is not None else None
    if not callable(function):
        return False

    def timed_call(*args: object, **kwargs: object) -> object:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            total[0] += time.perf_counter() - started

    setattr(owner, name, timed_call)
    return True


def _since_start() -> float:
    """Seconds since this process started (from /proc, to a hundredth of a second; 0 elsewhere)."""
    try:
        ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0.0
    return uptime - ticks / os.sysconf("SC_CLK_TCK")


def breakdown(folder: Path) -> dict[str, float]:
    """In this process (started for it, pinned to one core, cache empty): each phase's wall and CPU
    seconds, and the analysis's parts."""
    figures: dict[str, float] = {}
    clock = [time.perf_counter() - _since_start(), 0.0]  # "start" is Python's own start and the imports

    def phase(name: str) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        figures[f"{name}_s"], figures[f"{name}_cpu_s"] = wall - clock[0], cpu - clock[1]
        clock[:] = [wall, cpu]

    from newsreader.cli import load_store, write_export

    phase("start")
    store = load_store([str(folder)])
    phase("load")
    from newsreader.analysis.gazetteer import gazetteer

    gazetteer()
    phase("gazetteer")
    import newsreader.analysis.pool as pool  # imported by the analysis anyway: its time is the analysis's

    pool.SMALL = sys.maxsize  # the analysis here: one core's work, and its parts can be timed
    parts = {name: [0.0] for name in PARTS}
    for name, specs in PARTS.items():
        wrapped = [_wrap(spec, parts[name]) for spec in specs]  # every one of them, not up to the first
        if not any(wrapped):
            del parts[name]
    store.analyse()
    phase("analysis")
    with open(os.devnull, "w", encoding="utf-8") as out:
        write_export(store, out)
    phase("output")
    figures.update({f"analysis: {name}_s": total[0] for name, total in parts.items()})
    return figures


def report(size: int, whole: dict[str, float], parts: dict[str, float]) -> str:
    mb = size / 1e6
    lines = [
        f"export of {mb:.1f} MB on one core: cold {whole['cold_s']:.2f} s = {mb / whole['cold_s']:.2f} MB/s"
        f" (CPU {whole['cold_cpu_s']:.2f} s), warm {whole['warm_s']:.2f} s = {mb / whole['warm_s']:.2f} MB/s"
        f" (CPU {whole['warm_cpu_s']:.2f} s)",
        "",
        "| cold, one process | wall | CPU |",
        "| --- | --- | --- |",
    ]
    for name in ("start", "load", "gazetteer", "analysis", "output"):
        lines.append(f"| {name} | {parts[f'{name}_s']:.2f} s | {parts[f'{name}_cpu_s']:.2f} s |")
    lines += [f"| … {key[10:-2]} | {value:.2f} s | |" for key, value in parts.items() if key.startswith("analysis: ")]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, help="the corpus (default: the BBC corpus)")
    parser.add_argument("--runs", type=int, default=3, help="cold and warm runs, their median reported")
    parser.add_argument("--readme", action="store_true", help="write the figures into README.md")
    parser.add_argument("--breakdown", action="store_true", help=argparse.SUPPRESS)  # the process that measures it
    args = parser.parse_args(argv)
    if args.breakdown:
        print(json.dumps(breakdown(args.folder)))
        return
    # Imported only here: the process that measures the breakdown times its own imports, which are
    # the command's, not these (the benchmarks' imports took Textual in, 0.7 s of its "start").
    from benchmarks.generate import BBC
    from benchmarks.run import write_readme
    from newsreader.ingest.files import discover

    args.folder = args.folder or BBC
    size = sum(path.stat().st_size for path in discover([args.folder]) if isinstance(path, Path))
    compile_modules()
    whole = end_to_end(args.folder, args.runs)
    with tempfile.TemporaryDirectory(prefix="newsreader-export-") as cache:
        found = subprocess.run(
            [*ONE_CORE, sys.executable, __file__, str(args.folder), "--breakdown"],
            env=environment(Path(cache)),
            check=True,
            capture_output=True,
            text=True,
        )
    text = report(size, whole, json.loads(found.stdout.splitlines()[-1]))
    print(text)
    if args.readme:
        load = os.getloadavg()[0]
        write_readme(
            f"Measured {time.strftime('%Y-%m-%d')}, load average {load:.1f} on {os.cpu_count()} cores"
            f" (`python benchmarks/export_speed.py --readme`):\n\n{text}",
            README_START,
            README_END,
        )


if __name__ == "__main__":
    main()
