"""Worker processes for the corpus analysis: the first pass over every body, on every core.

Threads would not help: the recogniser is Python, and the GIL lets one thread run it at a time.
The workers are started once (`spawn`: nothing of the reader's threads or memory is copied) and
serve every analysis of the process, the reader's and every command's; they run at a lower
priority than the process that asked, so that its screen answers keys while they work. A worker
reads its run of the body file itself: only where the bodies are goes to it, and only the compact
`Found` comes back.
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from multiprocessing.pool import Pool

from newsreader.analysis.first_pass import Found, find_run
from newsreader.bodies import StoredBody, file_order, read_in_order
from newsreader.model import Article

RUN = 250  # articles a worker is given at a time (half a megabyte of text)
SMALL = 1000  # a corpus smaller than this is analysed here: starting the workers takes longer
WAIT = 0.05  # seconds between two looks at `stop` while the workers work
NICENESS = 10  # the workers' priority below the reader's
Item = tuple[int, str | StoredBody, str | None]  # an article's place, where its body is, its publication date
_pool: Pool | None = None
_size = 0


def find_all(
    articles: Sequence[Article], stop: Callable[[], bool] | None = None, processes: int | None = None
) -> Iterator[Found | None]:
    """The first pass over every article, run after run in the order the bodies lie in their files;
    None (and no more) when `stop` says so. `processes`: how many workers (0: none, here; default:
    one a core this process may use, none for a small corpus or a single core)."""
    order = file_order(articles)
    items = [(place, articles[place].stored_body, articles[place].date) for place in order]
    runs = [items[i : i + RUN] for i in range(0, len(items), RUN)]
    if processes is None:
        # Workers only where there are cores for them: on one (`taskset -c 0`) they would only add their start.
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        processes = 0 if len(articles) < SMALL or cores == 1 else cores
    if processes == 0:
        for run in runs:
            found = find_run(_bodies(run), stop)
            yield found
            if found is None:
                return
        return
    yield from _in_workers(runs, stop, processes)


def _in_workers(runs: list[list[Item]], stop: Callable[[], bool] | None, processes: int) -> Iterator[Found | None]:
    pool = _workers(processes)
    waiting = iter(runs)
    pending = deque(pool.apply_async(_find, (run,)) for run in islice(waiting, 2 * processes))
    finished = False
    try:
        while pending:
            result = pending[0]
            while not result.ready():
                if stop and stop():
                    yield None
                    return
                result.wait(WAIT)
            pending.popleft()
            if (run := next(waiting, None)) is not None:
                pending.append(pool.apply_async(_find, (run,)))
            yield result.get()
        finished = True
    finally:
        if not finished:  # stopped, or failed: what the workers are doing is of no use now
            _stop_workers()


def _workers(processes: int) -> Pool:
    """The pool of `processes` workers, started on first use."""
    global _pool, _size
    if _pool is None or _size != processes:
        _stop_workers()
        # The reader's stderr (Textual's capture of it) has no file descriptor to hand to the
        # resource tracker that multiprocessing starts with the first pool: the process's own has.
        with _main_script_unseen(), _ctrl_c_ignored(), contextlib.redirect_stderr(sys.__stderr__ or sys.stderr):
            _pool = multiprocessing.get_context("spawn").Pool(processes, initializer=_start_worker)
        _size = processes
    return _pool


@contextlib.contextmanager
def _main_script_unseen() -> Iterator[None]:
    """Workers started meanwhile do not import the script that started this process, as spawned
    processes do to find what it defines: they need nothing of it, and a script without an
    `if __name__ == "__main__"` guard (a benchmark, a user's) would run again in each of them."""
    main = sys.modules["__main__"]
    spec, path = getattr(main, "__spec__", None), main.__dict__.pop("__file__", None)
    main.__spec__ = None
    try:
        yield
    finally:
        main.__spec__ = spec
        if path is not None:
            main.__file__ = path


@contextlib.contextmanager
def _ctrl_c_ignored() -> Iterator[None]:
    """Workers started meanwhile ignore ctrl+c from their first instruction (they inherit it; their
    own handler comes only once they have imported what they need), while a ctrl+c meant for this
    process waits, blocked, until they are started (an ignored one would be lost). Only the main
    thread may set it: the reader starts them from another, and its terminal sends no ctrl+c signal."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def _start_worker() -> None:
    """In a worker as it starts: a lower priority, and ctrl+c left to the process that asked (it ends the workers)."""
    os.nice(NICENESS)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _stop_workers() -> None:
    """End the workers at once, whatever they are doing; the next analysis starts new ones."""
    global _pool
    if _pool is not None:
        _pool.terminate()
        _pool = None


atexit.register(_stop_workers)


def _bodies(run: list[Item]) -> Iterator[tuple[int, str, str | None]]:
    places, stored, dates = zip(*run, strict=True) if run else ((), (), ())
    return zip(places, read_in_order(stored), dates, strict=True)


def _find(run: list[Item]) -> Found | None:
    """In a worker: the first pass over a run of articles (never stopped: the pool is terminated instead)."""
    return find_run(_bodies(run))
