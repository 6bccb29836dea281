"""The terminal under the reader: its size (stdout may be a file or a pipe), Textual's driver that
measures it, the garbage collector around the first frame, and the threads of the background work."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App
    from textual.driver import Driver

# The background work's threads run this far below the screen's priority; the worker processes they start
# inherit it. While articles load, the indexer's SQLite, the loader and their worker processes kept every core
# busy, and a key's frames waited for one.
BACKGROUND_NICENESS = 5


def terminal_size() -> os.terminal_size | None:
    """The size of the terminal itself, asked of stderr or /dev/tty: stdout may be a file or a pipe."""
    for stream in (sys.__stderr__, sys.__stdin__):
        try:
            return os.get_terminal_size(stream.fileno()) if stream else None
        except (OSError, ValueError):
            continue
    try:
        with open("/dev/tty") as tty:
            return os.get_terminal_size(tty.fileno())
    except OSError:
        return None


def driver_class() -> type[Driver] | None:
    """Textual's Linux driver, but measuring the terminal rather than stdout (`newsreader > file`)."""
    if os.name != "posix":
        return None
    from textual.drivers.linux_driver import LinuxDriver

    class TerminalSizeDriver(LinuxDriver):
        def _get_terminal_size(self) -> tuple[int, int]:
            size = terminal_size()
            return (size.columns, size.lines) if size else super()._get_terminal_size()

    return TerminalSizeDriver


def keep_what_lives() -> None:
    """Freeze what exists now (the loaded articles, the analysis's tables so far): the collector's full
    passes, which stall every thread (keys too) while the loading, the analysis and the index
    allocate, walk it no more. (An Article, a named tuple, is never untracked as a plain tuple is.)"""
    gc.freeze()


def collect_after_first_frame() -> None:
    """Turn the collector back on once the first frame is drawn (`run_reader` turned it off)."""
    keep_what_lives()
    gc.enable()


def below_the_screen() -> None:
    """Run the calling thread BACKGROUND_NICENESS below the screen's, so that the screen's thread has a
    core first whenever a key wants one. Linux only, where a thread's nice value is its own; for a thread
    of its own (`BackgroundThreads`), since it cannot take its priority back."""
    if sys.platform != "linux":
        return
    screen = os.getpriority(os.PRIO_PROCESS, os.getpid())  # the main thread's: its id is the process's
    with contextlib.suppress(OSError):
        if os.getpriority(os.PRIO_PROCESS, 0) < screen + BACKGROUND_NICENESS:  # 0: this thread
            os.setpriority(os.PRIO_PROCESS, 0, screen + BACKGROUND_NICENESS)


class BackgroundThreads(ThreadPoolExecutor):
    """The executor of the app's thread workers: each call in a daemon thread of its own, which the
    process does not wait for when it exits, so that `q` leaves at once even while a 100 MB file is
    being read. What the workers write may be abandoned at any point: cache entries are written
    whole or not at all, the reading state and the library in SQLite transactions."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        future: Future = Future()

        def run() -> None:
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(fn(*args, **kwargs))
                except BaseException as error:  # the worker's own handler reports it
                    future.set_exception(error)

        threading.Thread(target=run, name="newsreader-worker", daemon=True).start()
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Nothing to wait for: the threads end with their work or with the process."""


def run_without_waiting(app: App, **options: Any) -> None:
    """`app.run(**options)` on an event loop of its own whose thread workers the process does not wait
    for: the app's `exit` ends it at once, whatever its workers are in the middle of."""
    loop = asyncio.new_event_loop()  # not closed after: a worker still running may yet hand it its result
    loop.set_default_executor(BackgroundThreads())
    app.run(loop=loop, **options)
