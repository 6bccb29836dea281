"""Cold loads of many tiny files: with an empty cache against `--no-cache`, and with a cache that
already holds as many entries of other files (the cache must not slow a load as it grows).

Run: python benchmarks/cold_load.py [FILES]   (default 20,000; in a temporary folder, removed after)
Each figure is one `newsreader list` in a fresh process, the cache in a folder of its own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_files(folder: Path, count: int, tag: str) -> Path:
    folder.mkdir(parents=True)
    for number in range(count):
        (folder / f"{tag}-{number}.txt").write_text(f"Headline {tag} {number}\n\nA short body, number {number}.\n")
    return folder


def timed_list(paths: list[Path], cache: Path, *options: str) -> float:
    environment = {**os.environ, "XDG_CACHE_HOME": str(cache), "XDG_DATA_HOME": str(cache.parent / "data")}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "newsreader", "list", *options, *map(str, paths)],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        check=True,
    )
    return time.perf_counter() - started


def main(count: int = 20_000) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="newsreader-cold-") as top:
        top = Path(top)
        files = make_files(top / "files", count, "a")
        others = make_files(top / "others", count, "b")
        new = make_files(top / "new", max(1, count // 20), "c")
        result = {"files": count}
        result["no_cache_s"] = timed_list([files], top / "cache-none", "--no-cache")
        result["cold_s"] = timed_list([files], top / "cache-cold")
        result["cold_over_no_cache"] = result["cold_s"] / result["no_cache_s"]
        result["warm_s"] = timed_list([files], top / "cache-cold")
        # New files while the cache holds `count` entries of other files, and with it empty.
        result["new_files"] = len(list(new.iterdir()))
        timed_list([others], top / "cache-full")
        result["new_with_full_cache_s"] = timed_list([new], top / "cache-full")
        result["new_with_empty_cache_s"] = timed_list([new], top / "cache-empty")
        return result


if __name__ == "__main__":
    figures = main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
    print(json.dumps(figures))
