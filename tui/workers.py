"""The bodies of the app's background workers (the app runs them with `@work`), what they share
(stepping aside for keys), and what their failures say."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.css.query import NoMatches
from textual.worker import Worker, WorkerState

from newsreader.handover import hand_overs
from newsreader.model import Article
from tui.terminal import below_the_screen, keep_what_lives
from tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from tui.app import NewsReader

QUIET_AFTER_INPUT = 0.15  # seconds the background work waits after a key or a click: its frames come first
INDEX_EVERY = 0.5  # seconds between two rounds of indexing (or analysing) what loaded meanwhile

# A worker group → (the status line once it failed, or "" to keep it; the start of the notice).
FAILURES = {
    "load": ("loading stopped", "Could not load every article"),
    "analyse": ("entities unavailable", "Could not find entities"),
    "index": ("", "Could not index for search"),
    "search": ("", "Could not search"),
    "timeline": ("", "Could not make the timeline"),
    "print": ("", "Could not print"),
    "fetch": ("feeds not fetched", "Could not fetch the feeds"),
    "browser": ("", "Could not open the link"),
}


def ended(app: NewsReader, event: Worker.StateChanged) -> None:
    """The one place where a worker's end reaches the user: its failure in a notice (and on the status line),
    the analysis's in the search. Once the reader has closed, a worker ending has nowhere to say so."""
    if not app.screen_stack:
        return
    if event.state == WorkerState.ERROR:
        status, notice = failure(event.worker)
        if status:
            with contextlib.suppress(NoMatches):  # the status line is gone once the app closes
                app.main.status_line.say(status)
        app.notify(notice, severity="error", markup=False)
    elif event.state == WorkerState.SUCCESS and event.worker.group == "analyse" and app.store.indexed:
        with contextlib.suppress(NoMatches):  # the analysis may end as the app closes, its widgets gone
            app.main.status_line.say("")
            app.main.more_searchable()  # the entity names are in


def failure(worker: Worker) -> tuple[str, str]:
    """What the status line and a notice say about a worker that failed."""
    status, said = FAILURES.get(worker.group, ("", f"{worker.name or 'A background task'} failed"))
    return status, f"{said}: {worker.error}"


class InputGap:
    """When the last key or click came; workers wait between articles until it is some time past.

    A worker and the screen take turns at the GIL, 5 ms each; a key's frames then take twice
    as long, and more when a frame needs several turns. The workers step aside instead.
    """

    def __init__(self) -> None:
        self.last = 0.0  # time.monotonic() of the last key or click

    def touch(self) -> None:
        self.last = time.monotonic()

    def wait(self) -> None:
        while (wait := self.last + QUIET_AFTER_INPUT - time.monotonic()) > 0:
            time.sleep(wait)

    def stopper(self, worker: Worker) -> Callable[[], bool]:
        """For a worker's loop, asked between two articles: waits for a quiet moment, then says whether to stop."""

        def stop() -> bool:
            self.wait()
            return worker.is_cancelled

        return stop


class Progress:
    """The analysis's progress for the status line, posted once a percent."""

    def __init__(self, post: Callable[[str], object], worker: Worker) -> None:
        self.post = post
        self.worker = worker
        self.shown = ""

    def __call__(self, done: int, total: int) -> None:
        status = f"finding entities… {done * 100 // total}%"
        if status != self.shown and not self.worker.is_cancelled:  # each costs a redraw
            self.shown = status
            self.post(status)
            keep_what_lives()  # as the loaded articles are: the analysis's tables so far


def load_rest(app: NewsReader, worker: Worker) -> None:
    """Load the articles the first frame did not wait for, a batch at a time, with their analysis
    beside. The store takes them in here, not on the screen's thread: each `add` sorts every article
    again (30 ms at 100,000)."""
    below_the_screen()  # and the workers that read a big file with it
    app.call_from_thread(app.analyse, True)
    for articles in hand_overs(app.store.batches(), stop=app.input_gap.stopper(worker)):
        app.store.add(articles)
        keep_what_lives()  # the articles taken in: at 100,000, a full pass over them took 150-270 ms
        app.call_from_thread(app.main.show_loaded)
    if not worker.is_cancelled:
        app.call_from_thread(app.all_loaded)


def index(app: NewsReader, worker: Worker) -> None:
    """Index titles and bodies for search as they load, so that a search answers from the first second;
    a search typed meanwhile runs again as more are in."""
    below_the_screen()
    stop = app.input_gap.stopper(worker)
    while True:
        loaded = app.store.loaded  # asked first: whatever had loaded by then is indexed below
        covered = app.store.searchable[0]
        if not app.store.index_loaded(stop):
            return
        if app.store.searchable[0] > covered:
            app.call_from_thread(app.main.more_searchable)
        if loaded:  # the search has every article: now the whole vocabulary, for its typos, and the cache
            app.store.save_index()
            app.call_from_thread(app.main.more_searchable)
            return
        time.sleep(INDEX_EVERY)


def analyse_loading(app: NewsReader, worker: Worker) -> None:
    """Analyse the articles as they load (their bodies' first pass runs in worker processes), so that
    the analysis ends soon after the last article is in; `analyse` ends it."""
    below_the_screen()  # and the analysis's workers it starts
    stop = app.input_gap.stopper(worker)
    while not app.store.loaded and app.store.analyse_loaded(stop):
        time.sleep(INDEX_EVERY)


def analyse(app: NewsReader, worker: Worker) -> None:
    """Analyse the store, then index it for search; the status line says how far it is."""
    below_the_screen()  # its gathering and naming, and the index of names, leave the cores to keys first
    # Posted, not called: progress comes under the analysis lock, which the screen may be waiting for
    # (`p` printing JSON needs the entities), so it must not wait for the screen.
    progress = Progress(lambda text: app.main.status_line.post_message(StatusLine.Say(text)), worker)
    stop = app.input_gap.stopper(worker)
    app.store.analyse(stop=stop, progress=progress)
    if app.store.analysed and not worker.is_cancelled:
        keep_what_lives()  # the entities, found or read from the cache, before the index's allocations
        app.call_from_thread(app.main.entities_found)
        app.store.build_index(stop=stop)


def build_timeline(app: NewsReader, worker: Worker, listed: list[Article], title: str) -> None:
    """The timeline screen, made in a worker (it reads every dated body): keys go on meanwhile."""
    from tui.screens.timeline import TimelineScreen

    screen = TimelineScreen(app.store.timeline(listed), app.store.get, title)
    if not worker.is_cancelled:
        app.call_from_thread(app.push_screen, screen, app.main.open_at)


def print_when_analysed(app: NewsReader, worker: Worker, chosen: list[Article]) -> None:
    """Wait for the analysis (or make it), then print and exit; quitting stops the wait."""
    app.store.analyse(stop=lambda: worker.is_cancelled)
    if app.store.analysed and not worker.is_cancelled:
        app.call_from_thread(app.print_and_exit, chosen)


def fetch_feeds(app: NewsReader, worker: Worker) -> None:
    """Fetch every subscribed feed into the library, with progress on the status line; then take in the
    library's new articles and say how the fetch went."""
    from newsreader.feeds.library import Library
    from newsreader.feeds.refresh import refresh

    def say(text: str) -> None:
        app.main.status_line.post_message(StatusLine.Say(text))

    def warn(said: str) -> None:  # the library was damaged: what it still held is in a new one
        app.call_from_thread(app.notify, said, severity="warning", markup=False)

    with Library(warn=warn) as library:
        if not library.feeds():
            app.call_from_thread(app.notify, "No feeds yet: 'newsreader add URL' subscribes to one", markup=False)
            return
        say("fetching feeds…")
        outcomes = refresh(library, progress=lambda done, total, _: say(f"fetching feeds… {done}/{total}"))
        say("taking in new articles…")
        # The loader hands its batches to the store too: the two must not add at once.
        while app.call_from_thread(lambda: any(other.group == "load" and other.is_running for other in app.workers)):
            time.sleep(0.1)
        new = app.store.read_again(library.path)
    failed = [outcome for outcome in outcomes if outcome.error]
    summary = f"{len(new):,} new article{'s' if len(new) != 1 else ''} from {len(outcomes):,} feeds"
    if failed:
        summary += f"; {len(failed)} failed ({failed[0]}{', …' if len(failed) > 1 else ''})"
    if skipped := sum(outcome.skipped for outcome in outcomes):
        summary += f"; {skipped} fetched less than a minute ago"
    if not worker.is_cancelled:
        app.call_from_thread(app.main.feeds_fetched, len(new))
        app.call_from_thread(app.notify, summary, severity="warning" if failed else "information", markup=False)
