"""Worker processes for work the GIL would serialise: reading a big file, the corpus analysis.

Workers are spawned (nothing of the reader's threads or memory is copied), run at a lower priority
than the process that asked, so that its screen answers keys while they work, and leave ctrl+c to it.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, InvalidStateError
from itertools import chain
from typing import TYPE_CHECKING, Any

from newsreader.memory import give_back_freed_memory

# multiprocessing is imported where workers start and are given work, not above: a process that starts none (an
# export on one core, or of a few articles) was spared 25 M instructions of imports.
if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess


def usable_cores() -> int:
    """The cores this process may run on (`taskset -c 0` gives one)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def worker_count(spare: int = 0) -> int:
    """Workers for work spread over processes: one a core but `spare` (the cores left to this process),
    at least one; none on a single core (`taskset -c 0`), where they would only add their start."""
    cores = usable_cores()
    return 0 if cores == 1 else max(1, cores - spare)


class WorkerDied(Exception):
    """A worker ended while it had the work (killed, out of memory), or the workers were ended first."""


class Workers:
    """Spawned worker processes, each `niceness` below this process's priority, given work in the order
    it comes, as each is free. Each has a pipe of its own and shares no lock with this process, so
    that one may be killed at any moment: multiprocessing's Pool shares locks with its workers, and
    its terminate() once waited here for ever (CPython issues 96995 and 78178; once in a few dozen
    runs of a test). A worker that ends fails the work it had with WorkerDied."""

    def __init__(self, processes: int, niceness: int) -> None:
        self.waiting: deque[Work] = deque()
        self.ended = False  # terminate() was called
        self.serving = True  # the thread runs: it stops when ended, or on a fault of its own
        self.lock = threading.Lock()
        self.niceness = niceness
        self.links = _spawned(processes, niceness)
        self.joining: list[Connection] = []  # links of workers started since, for the thread to give work to
        self.woken, self.wake_up = os.pipe()  # written to when there is work, or at the end: the thread waits on it
        os.set_blocking(self.wake_up, False)  # full, it wakes the thread as one more byte would
        self.thread = threading.Thread(target=self._serve, name="workers", daemon=True)
        self.thread.start()

    @property
    def started(self) -> list[BaseProcess]:
        """The worker processes, alive or not."""
        return [process for process, _ in self.links]

    def submit(self, function: Callable[..., Any], *args: Any) -> Future[Any]:
        """`function(*args)` in the first free worker: its result, or what it raised, comes in the future."""
        future: Future[Any] = Future()
        with self.lock:
            if self.ended or not self.serving:
                future.set_exception(WorkerDied("the workers were ended"))
                return future
            self.waiting.append((future, function, args))
            self._wake()
        return future

    def grow(self, processes: int) -> None:
        """Start more workers, up to `processes` in all: they take the waiting work as the others do."""
        with self.lock:
            wanted = processes - len(self.links) if self.serving and not self.ended else 0
        if wanted <= 0:
            return
        links = _spawned(wanted, self.niceness)
        with self.lock:
            if self.serving and not self.ended:
                self.links += links
                self.joining += [connection for _, connection in links]
                self._wake()
                return
        for process, connection in links:  # ended meanwhile: nobody would give them work
            process.kill()
            process.join()
            connection.close()

    def terminate(self) -> None:
        """End the workers at once, whatever they are doing: work not done fails with WorkerDied."""
        with self.lock:
            if self.ended:
                return
            self.ended = True
            self._wake()
        for process, _ in self.links:
            process.kill()
        self.thread.join()
        for process, connection in self.links:
            process.join()
            connection.close()
        os.close(self.woken)  # nothing writes to it now: `submit` sees `ended`
        os.close(self.wake_up)

    def _wake(self) -> None:
        """Wake the thread (with the lock held)."""
        with contextlib.suppress(BlockingIOError):  # the pipe is full of wake-ups it has yet to read
            os.write(self.wake_up, b".")

    def _serve(self) -> None:
        """In a thread: give the waiting work to free workers and take what they send back, until the end
        (or a fault of its own: no future is left waiting). A worker is sent work only when free, so
        that it reads it at once: one sent more while it sends back a big result would wait for this
        thread, as this thread for it."""
        from multiprocessing.connection import Connection, wait

        doing: dict[Connection, Future[Any] | None] = {connection: None for _, connection in self.links}
        try:
            while True:
                with self.lock:
                    if self.ended:
                        return
                    doing.update(dict.fromkeys(self.joining))
                    self.joining.clear()
                    given = [
                        (connection, self.waiting.popleft())
                        for connection, work in doing.items()
                        if work is None and self.waiting
                    ]
                    lost = [] if doing else [future for future, _, _ in self.waiting]
                    if lost:  # every worker ended: none will do what waits
                        self.waiting.clear()
                for future in lost:
                    _fail(future, "the workers ended")
                busy = [_give(connection, work, doing) for connection, work in given]  # each given, whatever comes
                if not all(busy):
                    continue  # a worker is still free: the next waiting work goes to it first
                for ready in wait([self.woken, *doing]):
                    if ready == self.woken:
                        os.read(self.woken, 1 << 16)
                    elif isinstance(ready, Connection):
                        _take(ready, doing)
        finally:
            with self.lock:
                self.serving = False
                left = [future for future, _, _ in self.waiting]
                self.waiting.clear()
            for unfinished in chain(doing.values(), left):
                if unfinished is not None:
                    _fail(unfinished, "the workers were ended")


# A piece of work: its future, the function and its arguments.
Work = tuple[Future[Any], Callable[..., Any], tuple[Any, ...]]


def _give(connection: Connection, work: Work, doing: dict[Connection, Future[Any] | None]) -> bool:
    """Send a free worker its work, unless its future was cancelled meanwhile or it cannot be pickled
    (False: the worker is still free)."""
    future, function, args = work
    if not future.set_running_or_notify_cancel():
        return False
    try:
        connection.send((function, args))
    except OSError:  # the worker ended: its end of the pipe is closed, as `wait` tells, and the work fails then
        pass
    except Exception as error:  # it cannot be pickled: nothing was sent
        future.set_exception(error)
        return False
    doing[connection] = future
    return True


def _fail(future: Future[Any], why: str) -> None:
    with contextlib.suppress(InvalidStateError):  # cancelled by whoever waited for it
        future.set_exception(WorkerDied(why))


def _take(connection: Connection, doing: dict[Connection, Future[Any] | None]) -> None:
    """What a worker sent back: the result of its work (it is free again), or the end of its pipe (it
    ended, and its work fails)."""
    try:
        succeeded, value = connection.recv()
    except (EOFError, OSError):  # it ended, perhaps as it wrote
        if (future := doing.pop(connection)) is not None:
            _fail(future, "a worker process ended")
        return
    except Exception as error:  # what it sent cannot be unpickled here
        succeeded, value = False, error
    future, doing[connection] = doing[connection], None
    if future is not None:
        (future.set_result if succeeded else future.set_exception)(value)


def _spawned(processes: int, niceness: int) -> list[tuple[BaseProcess, Connection]]:
    """Worker processes started, each with this process's end of its pipe; a ctrl+c meanwhile ends those
    started, then comes here."""
    # The reader's stderr (Textual's capture of it) has no file descriptor to hand to the resource
    # tracker that multiprocessing starts with the first process: the process's own has. The tracker
    # starts first: starting, it lets ctrl+c through, which `ctrl_c_ignored` holds back meanwhile.
    import multiprocessing
    from multiprocessing import resource_tracker

    context = multiprocessing.get_context("spawn")
    links: list[tuple[BaseProcess, Connection]] = []
    with contextlib.redirect_stderr(sys.__stderr__ or sys.stderr):
        resource_tracker.ensure_running()
        try:
            with main_script_unseen(), ctrl_c_ignored():
                for _ in range(processes):
                    ours, theirs = context.Pipe()
                    process = context.Process(
                        target=_work, args=(theirs, niceness), name="newsreader worker", daemon=True
                    )
                    process.start()
                    theirs.close()
                    links.append((process, ours))
        except BaseException:  # a ctrl+c held back while the workers started
            for started, _ in links:
                started.kill()
                started.join()
            raise
    return links


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


def _work(connection: Connection, niceness: int) -> None:
    """A worker's life: a lower priority, ctrl+c left to the process that asked (it ends the workers),
    then work, a piece at a time, until that process closes its end of the pipe."""
    os.nice(niceness)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # An analysis worker's memory grew by 15 MB over its first runs, and its peaks within a run by 11 MB,
    # all of it numpy's arrays and the runs' texts freed and kept in the heap.
    give_back_freed_memory()
    while True:
        try:
            message = connection.recv_bytes()
        except EOFError:
            return
        try:
            function, args = pickle.loads(message)  # a function this process cannot import fails here, not it
            outcome = True, function(*args)
        except Exception as error:
            outcome = False, error
        try:
            connection.send(outcome)
        except OSError:  # that process's end is closed: nobody waits for it
            return
        except Exception as error:  # the result cannot be pickled
            connection.send((False, TypeError(f"a worker's result could not be sent back: {error}")))
