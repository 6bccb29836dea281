"""Worker processes for the corpus analysis: the first pass over every body, on the cores it may use.

Threads would not help: the recogniser is Python, and the GIL lets one thread run it at a time.
The workers (`newsreader.processes`) are started for an analysis, the reader's or a command's, and
end once it has every run. A worker reads its run of the body file itself: only where the bodies
are goes to it, and only the compact `Found` comes back.
"""

from __future__ import annotations

import atexit
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, wait

from newsreader.analysis.found import Found
from newsreader.bodies import StoredBody, read_in_order
from newsreader.model import Article
from newsreader.processes import Workers, worker_count

RUN = 250  # articles a worker is given at a time (half a megabyte of text)
SMALL = 1000  # a corpus smaller than this is analysed here: starting the workers takes longer
WAIT = 0.05  # seconds between two looks at `stop` while the workers work
# The workers' priority below the process that asks. The reader's (it keeps cores for its screen): the lowest,
# under the reader and its loading workers, taking the CPU that loading, indexing and the screen leave (on 2
# cores, 12 s of it while 100,000 articles loaded, 33 s at 10). A command's, which waits for them, only lower.
READER_NICENESS, COMMAND_NICENESS = 19, 10
# An article's place, and the article: the first pass reads its body, publication date and heading. The
# article itself, not those: its heading is made where it is read (the reader held one for every article
# waiting, 10 MB at 100,000).
Item = tuple[int, Article]
_pool: Workers | None = None
_shape = (0, 0)  # the pool's workers and their niceness


class FirstPass:
    """The first pass over articles given a batch at a time (as they load), its results taken run
    by run in the order given: in worker processes, or here for a small corpus."""

    def __init__(
        self,
        processes: int | None = None,
        spare: int = 0,
        logged: Callable[[list[tuple[int, str]]], Callable[[], Found] | None] = lambda run: None,
    ) -> None:
        """`processes`: how many workers (0: none, here; default: one a core this process may use but
        `spare` cores, and at least one, once SMALL articles are given; none for a corpus smaller than
        that, or a single core). `logged`: what reads back a run found before, by its articles' (place, id), if kept."""
        self.processes = processes
        self.spare = spare
        self.logged = logged
        self.given = 0
        self.waiting: list[Item] = []  # given, not yet sent: less than a run, or before the workers are chosen
        # Sent to a worker, to be run here, or found before.
        self.pending: deque[Future[Found | None] | list[Item] | Callable[[], Found]] = deque()

    def give(self, items: list[Item]) -> None:
        """Articles to go through, each with its place."""
        self.given += len(items)
        self.waiting += items
        if self.processes is None and self.given >= SMALL:
            self.processes = worker_count(self.spare)
        self._send(whole_runs=True)

    def taken(self, stop: Callable[[], bool] | None = None, every: bool = False) -> Iterator[Found | None]:
        """The runs done, in the order given (`every`: all, the last waited for); None (and no more)
        when `stop` says so, and the workers are then stopped."""
        if every:
            if self.processes is None:  # all given, fewer than SMALL
                self.processes = 0
            self._send(whole_runs=False)
            if self.processes and self.spare:
                # Every article is in: the core kept for the reader's loading takes a worker too (the
                # workers yield to its keys and indexing, at a lower priority).
                self.processes = worker_count()
                _grow(self.processes)
        try:
            while self.pending:
                run = self.pending[0]
                found: Found | None
                if isinstance(run, list):
                    found = _find(run, stop)
                elif not isinstance(run, Future):
                    found = run()  # found before: read back from the log
                elif not (ready := _ready(run, stop, every)):
                    if ready is None:
                        _stop_workers()
                        yield None
                    return
                else:
                    found = run.result()
                self.pending.popleft()
                yield found
                if found is None:
                    return
            if every:  # every run is in: the workers' memory (about 65 MB each) goes before the merge needs its own
                _stop_workers()
        except BaseException:  # failed, or left before the end: what the workers are doing is of no use now
            _stop_workers()
            raise

    def _send(self, whole_runs: bool) -> None:
        """Send the waiting articles on, a run at a time (`whole_runs`: leave the last if it is short)."""
        if self.processes is None:
            return
        count = len(self.waiting) - len(self.waiting) % RUN if whole_runs else len(self.waiting)
        runs = [self.waiting[i : i + RUN] for i in range(0, count, RUN)]
        del self.waiting[:count]
        found = [self.logged([(place, article.id) for place, article in run]) for run in runs]
        niceness = READER_NICENESS if self.spare else COMMAND_NICENESS
        pool = _workers(self.processes, niceness) if self.processes and None in found else None
        for run, before in zip(runs, found, strict=True):
            self.pending.append(before if before is not None else pool.submit(_find, run) if pool else run)


def _ready(run: Future[Found | None], stop: Callable[[], bool] | None, every: bool) -> bool | None:
    """Whether a worker's run is done (`every`: once it is); None when `stop` says so first."""
    while not run.done():
        if stop and stop():
            return None
        if not every:
            return False
        wait([run], WAIT)
    return True


def _workers(processes: int, niceness: int) -> Workers:
    """The pool of `processes` workers `niceness` below this process, started by the analysis that first
    asks (one of another size or priority is ended)."""
    global _pool, _shape
    if _pool is None or _shape != (processes, niceness):
        _stop_workers()
        _pool = Workers(processes, niceness)
        _shape = (processes, niceness)
    return _pool


def _grow(processes: int) -> None:
    """Start more workers for the pool, up to `processes` in all."""
    global _shape
    if _pool is not None:
        _pool.grow(processes)
        _shape = (processes, _shape[1])


def _stop_workers() -> None:
    """End the workers at once, whatever they are doing; the next analysis starts new ones."""
    global _pool
    if _pool is not None:
        _pool.terminate()
        _pool = None


atexit.register(_stop_workers)


def _bodies(run: list[Item]) -> Iterator[tuple[int, str, str | None, str]]:
    stored = [article.stored_body for _, article in run]
    # No more read at once than the run's bodies: a run is about half a megabyte, the reading's usual
    # window four, which each worker held through its run.
    bodies = read_in_order(stored, sum(body.length for body in stored if isinstance(body, StoredBody)))
    return ((place, body, article.date, article.heading) for (place, article), body in zip(run, bodies, strict=True))


def _find(run: list[Item], stop: Callable[[], bool] | None = None) -> Found | None:
    """The first pass over a run of articles, here or in a worker (never stopped there: the pool is
    terminated instead). The recogniser is imported only where it runs: the process that gathers
    what the workers found needs none of its memory (numpy, the tagger's weights)."""
    from newsreader.analysis.first_pass import find_run

    return find_run(_bodies(run), stop)
