"""One reading session over a corpus, headless, in this process: what a user feels, and what it costs.

Opens the reader as `newsreader PATH` does (through the cache) and presses `j` while the articles
load, while the analysis runs in its worker, and while the search index is built, timing each key
from the moment it reaches the app to the frame that moves the cursor (and, during the analysis,
to the frame that shows the article). Keys come 0.2 s apart: the background work steps aside for
0.15 s after a key (QUIET_AFTER_INPUT), so each key finds it at work again. A search asked for at
second 1 (as the reader asks it again while more is indexed) is timed until it covers every article.
Once the search index is ready, times the benchmark queries. Prints JSON: key latencies, when the
search covered everything and when the analysis ended (seconds from the start), search p50/p95,
and the peak memory of this process and its analysis workers together (sampled RSS).

Run: python benchmarks/session.py CORPUS [--until-searchable]   (with an empty cache, the session loads
it afresh; `--until-searchable` times the queries once every article is searchable, their titles and
bodies, and ends there, before the analysis, which takes hours at a million articles)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from textual import events  # noqa: E402

from benchmarks.search import QUERIES, REPEATS  # noqa: E402
from newsreader.cli import open_store  # noqa: E402
from tui.app import NewsReader  # noqa: E402
from tui.terminal import BackgroundThreads  # noqa: E402
from tui.workers import INDEX_EVERY  # noqa: E402

KEY_GAP = 0.2  # seconds between two key presses: more than QUIET_AFTER_INPUT
KEYS_WANTED = 100
TYPED_AT = 1.0  # seconds after the start when the search is typed
TYPED = "election budget"
SAMPLE_EVERY = 0.1  # seconds between two looks at memory and at what the search covers
LOG_EVERY = 10.0  # seconds between two lines on stderr saying how far the session is (a long run's record)


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (the workers), in MB. Each process's
    children are read from its threads' `children` files: walking all of /proc took 4 ms of this
    process's GIL every sample, time the keys measured here waited for."""
    total, waiting = 0, [pid]
    while waiting:
        process = waiting.pop()
        try:
            total += int(Path(f"/proc/{process}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            waiting += [int(child) for task in Path(f"/proc/{process}/task").iterdir() for child in _children(task)]
        except (OSError, ValueError, IndexError):
            continue
    return total / 1e6


def _children(task: Path) -> list[str]:
    """The children a thread started (none once it has ended)."""
    try:
        return (task / "children").read_text().split()
    except OSError:
        return []


class Watch:
    """A thread that samples the memory of the whole session, asks the search typed at second 1 again
    about as often as the reader does while more is indexed, and notes when it first covers
    every article."""

    def __init__(self, store, started: float, status: Callable[[], str]) -> None:
        """`status`: what the reader's status line says (how far the analysis is), for the log."""
        self.store, self.started, self.status = store, started, status
        self.peak_mb = 0.0
        self.first_answer: tuple[float, int, int] | None = None  # (seconds, hits, articles covered)
        self.complete_s: float | None = None
        self.done = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self) -> None:
        # Articles covered, whether all were in and whether the list had them all, when last asked (the search
        # covers articles as they come, the list takes them in at its hand-overs).
        asked: tuple[int, bool, bool] | None = None
        asked_at = 0.0
        logged = 0.0
        while not self.done.is_set():
            rss = tree_rss_mb(os.getpid())
            self.peak_mb = max(self.peak_mb, rss)
            now = time.perf_counter() - self.started
            covered, loaded = self.store.searchable
            if now - logged >= LOG_EVERY:
                logged = now
                state = "analysed" if self.store.analysed else "all loaded" if self.store.loaded else "loading"
                print(
                    f"{now:6.0f} s: {loaded:,} loaded ({state}), {covered:,} searchable, {rss:,.0f} MB "
                    f"(peak {self.peak_mb:,.0f} MB) {self.status()}",
                    file=sys.stderr,
                )
            complete = self.store.loaded and covered == loaded == len(self.store)
            state = (covered, self.store.loaded, complete)
            # The reader asks again after each round of indexing and a pause of INDEX_EVERY; this asks at most
            # once every INDEX_EVERY (a little more often), not at every batch indexed.
            due = complete or now - asked_at >= INDEX_EVERY
            if now >= TYPED_AT and self.complete_s is None and state != asked and due:
                hits, asked, asked_at = self.store.search(TYPED, wait=False), state, now
                if self.first_answer is None:
                    self.first_answer = (round(now, 2), len(hits), covered)
                if complete:
                    self.complete_s = time.perf_counter() - self.started
            self.done.wait(SAMPLE_EVERY)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def key_latency(app: NewsReader, key: str) -> tuple[float, float]:
    """Milliseconds from a key reaching the app to the frame that moves the list's cursor, and to
    the frame that shows the article it moved to in the reader.

    (Pilot's `press` waits until the process is idle, which it never is while the analysis runs.)
    """
    current, shown = (
        app.main.article_list.current,
        app.main.reader.article,
    )  # an article, not a row: rows move as articles load
    event = events.Key(key, key)
    event.set_sender(app)
    pressed = time.perf_counter()
    app._driver.send_message(event)
    times = []
    for moved in (lambda: app.main.article_list.current is not current, lambda: app.main.reader.article is not shown):
        while not moved():
            await asyncio.sleep(0.001)
        painted = asyncio.Event()
        app.call_after_refresh(painted.set)
        await painted.wait()
        times.append((time.perf_counter() - pressed) * 1000)
    return times[0], times[1]


async def session(path: str, until_searchable: bool = False) -> dict[str, object]:
    if not Path(f"/proc/{os.getpid()}/task/{threading.get_native_id()}/children").exists():
        sys.exit("benchmarks/session.py sums its workers' memory from /proc/PID/task/TID/children, not here")
    # A thread of its own for each worker, as the reader gives them (`run_without_waiting`): a worker's
    # thread runs below the screen's priority, which a thread used again for the next worker would keep.
    asyncio.get_running_loop().set_default_executor(BackgroundThreads())
    began = time.perf_counter()
    store = open_store([path])
    app = NewsReader(store)
    watch = Watch(store, began, lambda: str(app.main.status_line.content) if app.screen_stack else "")
    async with app.run_test(size=(160, 48)) as pilot:
        loading_keys = []
        while not store.loaded:
            if len(loading_keys) < KEYS_WANTED // 2:
                loading_keys.append((await key_latency(app, "j"))[0])
            await asyncio.sleep(KEY_GAP)
        loaded = {
            "loaded_s": round(time.perf_counter() - began, 1),
            "keys_during_loading": len(loading_keys),
            "loading_key_p95_ms": round(percentile(loading_keys, 0.95), 1) if loading_keys else None,
        }
        if until_searchable:
            while watch.complete_s is None:
                await pilot.pause(0.2)
            watch.done.set()
            watch.thread.join()
        else:
            analysed = await analysis(app, pilot, watch)
    complete = {"search_complete_s": round(watch.complete_s, 1), "peak_rss_mb": round(watch.peak_mb)}
    if until_searchable:  # the queries among titles and bodies, once the reader has closed
        return {"articles": len(store), **loaded, **complete, **timed_searches(store)}
    return {
        "articles": len(store),
        **loaded,
        **analysed,
        "search_first_answer": watch.first_answer,
        **complete,
        **timed_searches(store),
    }


async def analysis(app: NewsReader, pilot, watch: Watch) -> dict[str, object]:
    """Keys while the analysis runs and while the entity names are indexed, until the search covers every
    article, names too; when the analysis ended (seconds from the start)."""
    store = app.store
    started = time.perf_counter()
    keys, reader = [], []
    while not store.analysed and len(keys) < KEYS_WANTED:
        moved, shown = await key_latency(app, "j")
        keys.append(moved)
        reader.append(shown)
        await asyncio.sleep(KEY_GAP)
    while not store.analysed:
        await pilot.pause(0.2)
    analysed = time.perf_counter() - started
    analysis_end = time.perf_counter() - watch.started
    indexing_keys = []  # the index build comes next, in the same worker
    while not store.indexed:
        if len(indexing_keys) < KEYS_WANTED // 2:
            indexing_keys.append((await key_latency(app, "j"))[0])
        await asyncio.sleep(KEY_GAP)
    indexed = time.perf_counter() - started - analysed
    while watch.complete_s is None:
        await pilot.pause(0.2)
    watch.done.set()
    watch.thread.join()
    return {
        "keys_during_analysis": len(keys),
        "key_p50_ms": round(statistics.median(keys), 1),
        "key_p95_ms": round(percentile(keys, 0.95), 1),
        "key_max_ms": round(max(keys), 1),
        "reader_p50_ms": round(statistics.median(reader), 1),
        "reader_p95_ms": round(percentile(reader, 0.95), 1),
        "keys_during_indexing": len(indexing_keys),
        "indexing_key_p95_ms": round(percentile(indexing_keys, 0.95), 1) if indexing_keys else None,
        "analysis_s": round(analysed, 1),
        "index_s": round(indexed, 1),
        "analysis_end_s": round(analysis_end, 1),
    }


def timed_searches(store) -> dict[str, float]:
    """The benchmark's queries, REPEATS times each, among what the index holds now: p50 and p95 in ms."""
    searches = []
    for _ in range(REPEATS):
        for query in QUERIES:
            began = time.perf_counter()
            store.search(query, limit=20, wait=False)
            searches.append((time.perf_counter() - began) * 1000)
    return {
        "search_p50_ms": round(statistics.median(searches), 1),
        "search_p95_ms": round(percentile(searches, 0.95), 1),
    }


def session_apart(
    corpus: Path, env: dict[str, str], until_searchable: bool = False, seconds: float | None = None
) -> dict[str, object]:
    """A session over the corpus in a process of its own, with this environment (its cache). One still
    running after `seconds` is ended, with its workers: what it measured then is how far it was, the
    last line it said on stderr, after how long."""
    command = [sys.executable, str(Path(__file__)), str(corpus), *(["--until-searchable"] if until_searchable else [])]
    child = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    ended = threading.Event()

    def end() -> None:
        ended.set()
        os.killpg(child.pid, signal.SIGKILL)

    timer = threading.Timer(seconds, end) if seconds is not None else None
    if timer:
        timer.start()
    last = ""
    assert child.stdout is not None and child.stderr is not None
    for line in child.stderr:  # how far it is, passed on to ours
        sys.stderr.write(line)
        sys.stderr.flush()
        last = line.strip() or last
    said = child.stdout.read()
    child.wait()
    if timer:
        timer.cancel()
    if ended.is_set():
        return {"ended_after_s": round(seconds or 0), "last_said": last}
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, command, said, last)
    return json.loads(said.splitlines()[-1])


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus")
    parser.add_argument(
        "--until-searchable", action="store_true", help="end once every article is searchable, before the analysis"
    )
    arguments = parser.parse_args()
    print(json.dumps(asyncio.run(session(arguments.corpus, arguments.until_searchable))))
