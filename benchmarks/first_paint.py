"""Time from a cold `python` to the first paint, for a bare Textual app and for newsreader.

Run: python benchmarks/first_paint.py [PATH ...]   (default: the bundled seeds)
The first newsreader run fills the cache (cold); the median is of runs that find it (warm). A run
exits at its first frame, before a large corpus has loaded: fill the cache for one with
`newsreader list PATH` first (benchmarks/run.py does).
Each run is a fresh process, headless, that prints the time once its first frame is drawn, then exits.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time

RUNS = 5

BARE = """
import time
from textual.app import App
from textual.widgets import Static
class Bare(App):
    def compose(self):
        yield Static("hello")
    def on_mount(self):
        self.call_after_refresh(painted, self)
def painted(app):
    print(time.time(), flush=True)
    app.exit()
Bare().run(headless=True)
"""

READER = """
import sys, time
from pathlib import Path
import tui.app
from tui.app import NewsReader
from tui.cli import open_store
class FirstPaint(NewsReader):
    CSS_PATH = str(Path(tui.app.__file__).with_name("app.tcss"))
    def on_mount(self):
        super().on_mount()
        self.call_after_refresh(painted, self)
def painted(app):
    print(time.time(), flush=True)
    app.exit()
FirstPaint(open_store(sys.argv[1:])).run(headless=True)  # as `newsreader PATH`, through the cache
"""


def timed(script: str, args: list[str]) -> float:
    """Seconds from starting the process to its first frame."""
    started = time.time()
    result = subprocess.run([sys.executable, "-c", script, *args], check=True, capture_output=True, text=True)
    return float(result.stdout.split()[0]) - started


def main(paths: list[str]) -> dict[str, float]:
    bare = statistics.median(timed(BARE, []) for _ in range(RUNS))
    reader = statistics.median(timed(READER, paths) for _ in range(RUNS))
    result = {"bare_textual_s": round(bare, 3), "newsreader_s": round(reader, 3), "ratio": round(reader / bare, 2)}
    print(f"first paint, median of {RUNS} cold processes: bare Textual {bare:.3f} s, "
          f"newsreader {reader:.3f} s ({reader / bare:.2f}×)")
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
