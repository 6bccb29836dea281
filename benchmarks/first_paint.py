"""Time from a cold `python` to the first paint, for a bare Textual app and for newsreader.

Run: python benchmarks/first_paint.py [PATH ...]   (default: the bundled seeds)
Each run is a fresh process in a terminal of its own (a pseudo-terminal of 160×48), timed from its
start until what it draws shows the list ("N articles" on the list's border; "hello" for the bare
app), then sent `q`. That is what a user sees: the frame written to the terminal, not an event
inside the app.
The first newsreader run fills the cache (cold); the median is of runs that find it (warm). A run
quits at its first frame, before a large corpus has loaded: fill the cache for one with
`newsreader list PATH` first (benchmarks/run.py does).
Bare and newsreader runs take turns, so that a machine slowing down or speeding up in the
meantime changes both alike.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import statistics
import struct
import sys
import termios
import time
from pathlib import Path

RUNS = 9
COLUMNS, ROWS = 160, 48
TIMEOUT = 60  # seconds to wait for a first frame

BARE = """
from textual.app import App
from textual.widgets import Static
class Bare(App):
    BINDINGS = [("q", "quit")]
    def compose(self):
        yield Static("hello")
Bare().run()
"""
BARE_PAINTED = re.compile(rb"hello")
READER_PAINTED = re.compile(rb"\d articles")  # the list's border title, drawn with its rows


def painted_after(command: list[str], painted: re.Pattern[bytes], env: dict[str, str] | None = None) -> float:
    """Seconds from starting `command` in a new terminal until its output matches `painted`."""
    started = time.perf_counter()
    pid, terminal = pty.fork()
    if pid == 0:  # the child: its stdin, stdout and stderr are the new terminal
        env = {**(env or os.environ), "TERM": "xterm-256color"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as users run it: modules compiled once, not at every start
        os.execve(command[0], command, env)
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    shown, elapsed = b"", None
    try:
        while elapsed is None:
            if not select.select([terminal], [], [], TIMEOUT)[0]:
                raise TimeoutError(f"no first frame from {command} in {TIMEOUT} s")
            shown += os.read(terminal, 1 << 16)
            if painted.search(shown):
                elapsed = time.perf_counter() - started
        os.write(terminal, b"q")
        while select.select([terminal], [], [], TIMEOUT)[0]:  # read what it still draws, so that it can quit
            if not os.read(terminal, 1 << 16):
                break
    except OSError:  # Linux's way of saying the terminal closed: the process has quit
        pass
    finally:
        os.waitpid(pid, 0)
        os.close(terminal)
    return elapsed


def reader_command(paths: list[str]) -> list[str]:
    """newsreader as a user starts it: the installed `newsreader` command (else `python -m newsreader`)."""
    installed = Path(sys.executable).with_name("newsreader")
    return [str(installed), *paths] if installed.exists() else [sys.executable, "-m", "newsreader", *paths]


def medians(paths: list[str], env: dict[str, str] | None = None, runs: int = RUNS) -> dict[str, float]:
    """Bare Textual's and newsreader's first paint over `paths`, the medians of runs that take turns,
    and the median of their ratio in each pair of runs (steadier when the machine's speed drifts)."""
    bare, reader = [], []
    for _ in range(runs):
        bare.append(painted_after([sys.executable, "-c", BARE], BARE_PAINTED, env))
        reader.append(painted_after(reader_command(paths), READER_PAINTED, env))
    return {
        "bare_textual_s": round(statistics.median(bare), 3),
        "newsreader_s": round(statistics.median(reader), 3),
        "ratio": round(statistics.median(r / b for b, r in zip(bare, reader, strict=True)), 2),
    }


def main(paths: list[str]) -> dict[str, float]:
    painted_after(reader_command(paths), READER_PAINTED)  # fills the cache
    result = medians(paths)
    print(
        f"first paint in a terminal, {RUNS} runs each: bare Textual {result['bare_textual_s']:.3f} s, "
        f"newsreader {result['newsreader_s']:.3f} s, {result['ratio']:.2f}× bare (median of the pairs' ratios)"
    )
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
