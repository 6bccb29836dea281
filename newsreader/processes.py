"""Worker processes for work the GIL would serialise: reading a big file, the corpus analysis.

Workers are spawned (nothing of the reader's threads or memory is copied), run at a lower priority
than the process that asked, so that its screen answers keys while they work, and leave ctrl+c to it.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from multiprocessing import resource_tracker
from multiprocessing.pool import AsyncResult, Pool
from typing import Any


def usable_cores() -> int:
    """The cores this process may run on (`taskset -c 0` gives one)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def worker_count(spare: int = 0) -> int:
    """Workers for work spread over processes: one a core but `spare` (the cores left to this process),
    at least one; none on a single core (`taskset -c 0`), where they would only add their start."""
    cores = usable_cores()
    return 0 if cores == 1 else max(1, cores - spare)


class WorkerDied(Exception):
    """A worker ended while it had work (killed, out of memory): the pool would wait for that work forever."""


class Workers:
    """A pool of spawned workers, each `niceness` below this process's priority, whose results say
    when a worker died: the pool replaces it, but the work it had never comes."""

    def __init__(self, processes: int, niceness: int) -> None:
        self.pool = _start_pool(processes, niceness)
        self.started = list(self.pool._pool)  # type: ignore[attr-defined]  # its processes: they end only with it

    def submit(self, function: Callable[..., Any], *args: Any) -> AsyncResult:
        return self.pool.apply_async(function, args)

    def result(self, pending: AsyncResult, wait: float = 0.05) -> Any:
        """The result of work given to the pool, once it comes."""
        while not pending.ready():
            self.check()
            pending.wait(wait)
        return pending.get()

    def check(self) -> None:
        """Raise WorkerDied if a worker has ended."""
        if not all(process.is_alive() for process in self.started):
            raise WorkerDied("a worker process ended")

    def terminate(self) -> None:
        self.pool.terminate()


def _start_pool(processes: int, niceness: int) -> Pool:
    """A pool of spawned workers; a ctrl+c meanwhile ends it, then comes here."""
    # The reader's stderr (Textual's capture of it) has no file descriptor to hand to the resource
    # tracker that multiprocessing starts with the first pool: the process's own has. The tracker
    # starts first: starting, it lets ctrl+c through, which `ctrl_c_ignored` holds back meanwhile.
    pool = None
    with contextlib.redirect_stderr(sys.__stderr__ or sys.stderr):
        resource_tracker.ensure_running()
        try:
            with main_script_unseen(), ctrl_c_ignored():
                pool = multiprocessing.get_context("spawn").Pool(
                    processes, initializer=_start_worker, initargs=(niceness,)
                )
        except BaseException:  # a ctrl+c held back while the workers started
            if pool is not None:
                pool.terminate()
            raise
    return pool


@contextlib.contextmanager
def main_script_unseen() -> Iterator[None]:
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
def ctrl_c_ignored() -> Iterator[None]:
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


def _start_worker(niceness: int) -> None:
    """In a worker as it starts: a lower priority, and ctrl+c left to the process that asked (it ends the workers)."""
    os.nice(niceness)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
