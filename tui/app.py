"""The Textual reader: a list pane and a reader pane over one DocumentStore.

It draws on the terminal through stderr, so stdout stays free for what `p` prints, as fzf does.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.style import Style
from textual import events
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical
from textual.driver import Driver
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static
from textual.worker import Worker, WorkerState, get_current_worker

from newsreader.model import Article
from newsreader.persist.state import ReadingState
from newsreader.render import render_many
from newsreader.store import DocumentStore
from tui.widgets.article_list import ArticleList
from tui.widgets.reader import SHOWN_LIMIT, ArticleView
from tui.widgets.rows import RowList

if TYPE_CHECKING:
    from textual.widgets import Input

    from newsreader.analysis.timeline import Sentence
    from newsreader.search import Hit

EXIT_PRINTED, EXIT_QUIT, EXIT_INTERRUPTED = 0, 1, 130
WIDE = 100  # columns from which the panes are side by side, not stacked
SEARCH_DEBOUNCE = 0.12  # seconds of quiet typing before a search starts
SEARCH_LIMIT = 500  # hits shown in the list
# Loaded articles reach the list every 0.25 s at least, and apart by at least 40 times what the
# last hand-over took: each sorts every article again, and a key that comes meanwhile waits.
HAND_OVER_EVERY = 0.25
HAND_OVER_SHARE = 40
SLOW_TIMELINE = 5_000  # listed articles past which the timeline takes seconds to build: say so
QUIET_AFTER_INPUT = 0.15  # seconds the background work waits after a key or a click: its frames come first
# Textual binds the command palette itself; this only names it in the help screen.
PALETTE_BINDING = Binding(App.COMMAND_PALETTE_BINDING, "command_palette", "Command palette")


class NewsReader(App[str]):
    """Browse articles on the left, read on the right; `p` prints what you picked to stdout."""

    TITLE = "newsreader"
    CSS_PATH = "app.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]
    BINDINGS = [
        Binding("q", "quit", "Quit", tooltip="Quit without printing (exit code 1)"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, tooltip="Quit without printing (exit code 1)"),
        Binding("ctrl+c", "interrupt", "Interrupt", show=False, priority=True, tooltip="Quit at once (exit code 130)"),
        Binding("question_mark", "help", "Keys", key_display="?", tooltip="This list of keys"),
        Binding("escape", "back", "Back", show=False, tooltip="Back to the article list, then clear the filter"),
        Binding("slash", "search", "Search", key_display="/", tooltip="Search as you type; Enter reads the top hit"),
        Binding("e", "entities", "Entities", tooltip="Browse entities; Enter filters the list to one"),
        Binding("t", "timeline", "Timeline", tooltip="Dates the listed articles mention, in order; Enter reads one"),
        Binding("s", "star", "Star", tooltip="Star or unstar the article"),
        Binding("u", "toggle_read", "Unread", show=False, tooltip="Mark the article unread, or read again"),
        Binding("U", "only('unread')", "Only unread", show=False, tooltip="List only unread articles, or all again"),
        Binding("S", "only('starred')", "Only starred", show=False, tooltip="List only starred articles, or all again"),
        Binding("tab", "app.focus_next", "Next pane", show=False),
        Binding("shift+tab", "app.focus_previous", "Previous pane", show=False),
    ]

    def __init__(
        self,
        store: DocumentStore,
        print_format: str = "text",
        stdout_is_terminal: bool = True,
        driver_class: type[Driver] | None = None,
        state: ReadingState | None = None,
    ) -> None:
        super().__init__(driver_class=driver_class)
        self.store = store
        self.warnings: list[tuple[str, str]] = []  # (title, warning) said once the screen is up
        self.state = state or ReadingState(warn=self.say)
        if store.cache:  # the cache warns on screen, not on the stderr the screen is drawn on
            store.cache.warn = lambda warning: self.say(warning, "Cache")
        self.print_format = print_format
        # The footer says where `p` sends the article when stdout is a file or a pipe.
        self.print_binding = Binding(
            "p",
            "print",
            "Print" if stdout_is_terminal else "Print → stdout",
            tooltip="Print the marked articles, or this one, to stdout and exit",
        )
        self.bind("p", "print", description=self.print_binding.description)
        self.entity_filter: tuple[str, str] | None = None
        self.mark_filter: str | None = None  # "unread" or "starred"
        self.search_query = ""
        self.search_hits: dict[str, Hit] = {}
        self._search_timer: Timer | None = None
        self._highlighted: Article | None = None  # the list's article, for the reader once the list is drawn
        self._last_input = 0.0  # when the last key or click came (time.monotonic)

    def compose(self) -> ComposeResult:
        with Container(id="panes"), Vertical(id="left"):
            yield ArticleList(
                self.store.articles, is_read=self.state.is_read, is_starred=self.state.is_starred, id="articles"
            )
        with Horizontal(id="bottom"):
            yield Static(id="status")  # what the background work is doing: loading, finding entities, indexing

    def get_default_screen(self) -> Screen:
        # Born with its breakpoint class, the screen is not restyled whole by the first resize.
        screen = super().get_default_screen()
        screen.add_class("-wide" if self.size.width >= WIDE else "-narrow")
        return screen

    def on_mount(self) -> None:
        self.show_list_title()
        # After the first frame: the list is on screen before the rest loads and any analysis begins.
        if self.store.loaded:
            self.all_loaded()
        else:
            self.set_status(f"loading… {len(self.store):,} articles")
            self.call_after_refresh(self.run_worker, self.load_rest, thread=True, name="load", exit_on_error=False)
        for title, warning in self.warnings:
            self.say(warning, title)
        self.warnings.clear()
        self.query_one(ArticleList).focus()

    def on_ready(self) -> None:
        gc.freeze()  # what starting made lives on; the collector was off until now (see cli.cmd_read)
        gc.enable()
        self.mount_after_first_frame()

    def mount_after_first_frame(self) -> None:
        """The reader pane, the footer's keys and the search box (hidden until `/`): mounted once the
        first frame is drawn, which then shows the articles sooner (they cost about as much as the
        rest of it). The reader shows the list's article from its first frame on."""
        panes = self.query_one("#panes")
        if panes.is_attached and not self.query(ArticleView):  # not when quitting before the first frame
            from textual.widgets import Footer, Input  # imported now: 1 ms less before the first frame

            panes.mount(ArticleView(id="reader"))
            search = Input(placeholder='words, "a phrase", source: entity: after: before:', id="search")
            self.query_one("#left").mount(search, before=self.article_list)
            self.query_one("#bottom").mount(Footer(), before="#status")

    @property
    def search_box(self) -> Input:
        self.mount_after_first_frame()  # a key may come before the first frame is drawn
        return self.query_one("#search")

    def set_status(self, text: str) -> None:
        status = self.query_one("#status", Static)
        status.update(text, layout=False)  # its width is fixed: a new figure needs no new layout of the screen
        status.display = bool(text)

    def load_rest(self) -> None:
        """Load the articles the first frame did not wait for, in a worker thread, a batch at a time.

        The store takes them in here, not on the screen's thread: each `add` sorts every article
        again (30 ms at 100,000), and the screen only shows the result. Those hand-overs grow
        rarer as the list grows (HAND_OVER_SHARE).
        """
        worker = get_current_worker()
        waiting: list[Article] = []
        handed, gap = time.monotonic(), HAND_OVER_EVERY
        for batch in self.store.batches():
            self.yield_to_input()
            if worker.is_cancelled:
                return
            waiting += batch
            if time.monotonic() - handed > gap:
                started = time.monotonic()
                self.hand_over(waiting)
                handed = time.monotonic()
                gap, waiting = max(HAND_OVER_EVERY, HAND_OVER_SHARE * (handed - started)), []
        self.hand_over(waiting)
        self.call_from_thread(self.all_loaded)

    def hand_over(self, articles: list[Article]) -> None:
        """Add loaded articles to the store (in the loader's thread) and show them (in the screen's)."""
        self.store.add(articles)
        self.call_from_thread(self.show_loaded)

    def show_loaded(self) -> None:
        """List the articles loaded so far."""
        gc.freeze()  # see all_loaded: while loading too, the collector's full passes took 60 ms of a key
        if not self.search_query.strip():
            self.article_list.show(self.base_articles())
        self.show_list_title()
        self.set_status(f"loading… {len(self.store):,} articles")

    def all_loaded(self) -> None:
        """Every article is in: say what could not be loaded, and start the analysis."""
        # What is loaded stays: frozen, it is not walked again by the garbage collector's full
        # collections, which stall every thread (keys too) while the analysis allocates.
        gc.freeze()
        if problems := self.store.problems:
            more = f" and {len(problems) - 1} more" if len(problems) > 1 else ""
            self.notify(
                f"Skipped {problems[0]}{more}", title="Some files were not loaded", severity="warning", markup=False
            )
        self.set_status("finding entities…")
        if self.search_query.strip():
            self.start_search(self.search_query)
        self.call_after_refresh(self.run_worker, self.analyse, thread=True, name="analyse", exit_on_error=False)

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def reader(self) -> ArticleView:
        self.mount_after_first_frame()
        return self.query_one(ArticleView)

    def highlights(self, article: Article) -> list[tuple[int, int, str]]:
        """Spans of the article's body to style: its entities, then the words the search matched."""
        entities = self.store.entities(article) if self.store.analysed else ()
        spans = [(e.start, e.end, e.type) for e in entities]
        if hit := self.search_hits.get(article.id):
            spans += [(start, end, "match") for start, end in hit.spans]
        return spans

    def show_article(self, article: Article, keep_scroll: bool = False, sentence: Sentence | None = None) -> None:
        """Show an article in the reader; with a `sentence` (from the timeline), scrolled to it and underlined."""
        blocks = self.store.blocks(article, upto=SHOWN_LIMIT)
        highlights = self.highlights(article)
        at = None
        if sentence and sentence.end > sentence.start:
            highlights.append((sentence.start, sentence.end, "sentence"))
            at = sentence.start
        self.reader.show(article, blocks, highlights, keep_scroll=keep_scroll, at=at)

    def show_list_title(self) -> None:
        shown = len(self.article_list.articles)
        parts = [f"only {self.mark_filter}"] if self.mark_filter else []
        if self.entity_filter:
            name, kind = self.entity_filter
            parts.append(f"{name} ({kind})")
        if self.search_query.strip():
            parts.append(f"“{self.search_query.strip()}”")
        if parts:
            self.article_list.border_title = f"{' · '.join(parts)}: {shown:,} of {len(self.store):,} · Esc clears"
        else:
            self.article_list.border_title = f"{shown:,} articles"

    class Status(Message):
        """What the background work is doing, for the status line (posted from a worker)."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def on_news_reader_status(self, message: Status) -> None:
        self.set_status(message.text)

    def analyse(self) -> None:
        """Analyse the store and index it for search, in a worker thread that stops when the app does."""
        worker = get_current_worker()

        shown = ""

        def progress(done: int, total: int) -> None:
            nonlocal shown
            status = f"finding entities… {done * 100 // total}%"
            if status != shown and not worker.is_cancelled:  # each costs a redraw: once a percent
                shown = status
                # Posted, not called: this runs under the analysis lock, which the screen may be
                # waiting for (`p` printing JSON needs the entities), so it must not wait for the screen.
                self.post_message(self.Status(status))
                gc.freeze()  # as the loaded articles are (all_loaded): the analysis's tables so far

        def stop() -> bool:  # asked between two articles
            self.yield_to_input()
            return worker.is_cancelled

        self.store.analyse(stop=stop, progress=progress)
        if self.store.analysed and not worker.is_cancelled:
            self.call_from_thread(self.entities_found)
            self.store.build_index(stop=stop)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent) and not isinstance(event, events.MouseMove):
            self._last_input = time.monotonic()
        await super().on_event(event)

    def yield_to_input(self) -> None:
        """Called by the workers between articles: wait until the last key or click is some time past.

        A worker and the screen take turns at the GIL, 5 ms each; a key's frames then take twice
        as long, and more when a frame needs several turns. The workers step aside instead.
        """
        while (wait := self._last_input + QUIET_AFTER_INPUT - time.monotonic()) > 0:
            time.sleep(wait)

    def entities_found(self) -> None:
        """The analysis is done (the index is next): show the open article with its highlights."""
        self.set_status("indexing for search…")
        if self.reader.article:
            self.show_article(self.reader.article, keep_scroll=True)

    def entity_style(self, kind: str) -> Style:
        return self.reader.entity_style(kind)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.name == "load":
            self.set_status("loading stopped")
            self.notify(f"Could not load every article: {event.worker.error}", severity="error", markup=False)
        if event.state == WorkerState.ERROR and event.worker.name == "print":
            self.notify(f"Could not print: {event.worker.error}", severity="error", markup=False)
        if event.worker.name != "analyse":
            return
        if event.state == WorkerState.SUCCESS and self.store.indexed:
            self.set_status("")
        elif event.state == WorkerState.ERROR:
            self.set_status("entities unavailable")
            self.notify(f"Could not find entities: {event.worker.error}", severity="error", markup=False)

    def on_article_list_highlighted(self, message: ArticleList.Highlighted) -> None:
        # The list answers the key at once; the reader follows when that frame is drawn, with the
        # last of several quick moves only (as fzf's preview does).
        if self._highlighted is None:
            self.call_after_refresh(self.show_highlighted)
        self._highlighted = message.article

    def show_highlighted(self) -> None:
        article, self._highlighted = self._highlighted, None
        if article:
            self.show_article(article)

    def on_article_list_opened(self, message: ArticleList.Opened) -> None:
        self.show_article(message.article)
        self.reader.focus()
        self.mark_read(message.article)

    def say(self, warning: str, title: str = "Reading state") -> None:
        """A warning for the user, from any thread: shown now if the screen is up, else once it is."""
        if not self.is_running:
            self.warnings.append((title, warning))
        elif threading.current_thread() is threading.main_thread():
            self.notify(warning, title=title, severity="warning", markup=False, timeout=10)
        else:
            self.call_from_thread(self.say, warning, title)

    def mark_read(self, article: Article) -> None:
        if not self.state.is_read(article):
            self.state.mark("read", article, True)
            self.article_list.refresh()

    def current_article(self) -> Article | None:
        """The article being read, or else the one under the list's cursor."""
        return self.reader.article if self.reader.has_focus else self.article_list.current

    def action_star(self) -> None:
        if article := self.current_article():
            starred = self.state.toggle("starred", article)
            self.notify(("Starred: " if starred else "Unstarred: ") + article.title, timeout=2, markup=False)
            self.article_list.refresh()

    def action_toggle_read(self) -> None:
        if article := self.current_article():
            self.state.toggle("read", article)
            self.article_list.refresh()

    def action_only(self, mark: str) -> None:
        """List only unread (or starred) articles; the same key again lists them all."""
        self.mark_filter = None if self.mark_filter == mark else mark
        self.refilter()

    # --- Actions -------------------------------------------------------------------------------

    def action_step(self, delta: int) -> None:
        """Read the previous or next article of the list without leaving the reader."""
        self.article_list.action_cursor(delta)
        if self.article_list.current:
            self.mark_read(self.article_list.current)

    def action_back(self) -> None:
        """Back to the list from the reader; then clear the search; then the filters."""
        search = self.search_box
        if self.reader.has_focus:
            self.article_list.focus()
        elif search.display:
            search.value = ""
            search.display = False
            self.search_query = ""
            self.show_search_results("", [])
            self.article_list.focus()
        elif self.entity_filter:
            self.filter_by_entity(None)
        elif self.mark_filter:
            self.action_only(self.mark_filter)

    # --- Search --------------------------------------------------------------------------------

    def action_search(self) -> None:
        search = self.search_box
        search.display = True
        search.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "search":
            return
        # Debounced: the search starts once typing pauses, in a worker, so no keystroke waits for it.
        if self._search_timer:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DEBOUNCE, lambda: self.start_search(event.value))

    def start_search(self, query: str) -> None:
        self.search_query = query
        if not query.strip():
            self.show_search_results(query, [])
            return
        if not self.store.loaded:  # the search starts once every article is in
            self.article_list.border_title = "loading… the search waits for every article"
            return
        if not self.store.indexed:
            self.article_list.border_title = "indexing for search…"
        within = {a.id for a in self.base_articles()} if self.entity_filter or self.mark_filter else None
        self.run_worker(
            lambda: self.call_from_thread(
                self.show_search_results, query, self.store.search(query, SEARCH_LIMIT, within)
            ),
            thread=True,
            exclusive=True,
            group="search",
            exit_on_error=False,
        )

    def show_search_results(self, query: str, hits: list[Hit]) -> None:
        """Show the hits in rank order (or, with no query, every article again); stale results are dropped."""
        if query != self.search_query:
            return
        self.search_hits = {hit.id: hit for hit in hits}
        if query.strip():
            self.article_list.show([self.store.get(hit.id) for hit in hits], {h.id: h.title_spans for h in hits})
            self.article_list.cursor = 0  # as in fzf, the best hit is under the cursor
        else:
            self.article_list.show(self.base_articles())
        self.show_list_title()
        if self.reader.article:
            self.show_article(self.article_list.current or self.reader.article)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "search" and self.article_list.articles:
            self.article_list.cursor = 0
            self.article_list.action_open()

    def base_articles(self) -> list[Article]:
        """The articles before any search: those of the entity filter and the unread/starred filter."""
        articles = self.store.mentioning(*self.entity_filter) if self.entity_filter else self.store.articles
        if self.mark_filter == "unread":
            return [a for a in articles if not self.state.is_read(a)]
        if self.mark_filter == "starred":
            return [a for a in articles if self.state.is_starred(a)]
        return articles

    def refilter(self) -> None:
        """Show the list again after a filter changed: searched again, or the filtered articles."""
        if self.search_query.strip():
            self.start_search(self.search_query)
        else:
            self.article_list.show(self.base_articles())
        self.show_list_title()

    def action_entities(self) -> None:
        if not self.store.analysed:
            self.notify("Still finding entities…", timeout=2)
            return
        from tui.screens.entities import EntityBrowser

        self.push_screen(EntityBrowser(self.store.entity_counts()), self.filter_by_entity)

    def action_timeline(self) -> None:
        if not self.store.analysed:
            self.notify("Still finding dates…", timeout=2)
            return
        listed = self.article_list.articles
        title = f"{len(listed):,} articles" + (f" mentioning {self.entity_filter[0]}" if self.entity_filter else "")
        if len(listed) > SLOW_TIMELINE:
            self.notify(f"Building the timeline of {title}…", timeout=3)
        self.run_worker(
            lambda: self.build_timeline(listed, title),
            thread=True,
            exclusive=True,
            group="timeline",
            exit_on_error=False,
        )

    def build_timeline(self, listed: list[Article], title: str) -> None:
        """The timeline screen, made in a worker (it reads every dated body): keys go on meanwhile."""
        from tui.screens.timeline import TimelineScreen

        screen = TimelineScreen(self.store.timeline(listed), self.store.get, title)
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self.push_screen, screen, self.open_at)

    def open_at(self, sentence: Sentence | None) -> None:
        """Read an article from the timeline, scrolled to the sentence that mentions the date."""
        if sentence is None:
            return
        articles = self.article_list
        articles.move_to(next(i for i, a in enumerate(articles.articles) if a.id == sentence.article_id))
        article = self.store.get(sentence.article_id)
        self.call_after_refresh(self.show_article, article, sentence=sentence)
        self.reader.focus()
        self.mark_read(article)

    def filter_by_entity(self, entity: tuple[str, str] | None) -> None:
        """Show only the articles that mention an entity (None: every article)."""
        if entity is None and self.entity_filter is None:
            return
        self.entity_filter = entity
        self.refilter()
        self.article_list.focus()

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen  # the screens load when first opened: a quicker start

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(
                HelpScreen(
                    [
                        ("Everywhere", [*self.BINDINGS, self.print_binding, PALETTE_BINDING]),
                        ("Article list", [*RowList.BINDINGS, *ArticleList.BINDINGS]),
                        ("Reader", ArticleView.BINDINGS),
                    ]
                )
            )

    def action_print(self) -> None:
        """Print the marked articles (in list order), or the one under the cursor, and exit."""
        chosen = self.article_list.marked_articles() or [a for a in [self.article_list.current] if a]
        if not chosen:
            self.notify("There is no article to print.", severity="warning")
            return
        if self.print_format == "json" and not self.store.analysed:  # JSON gives each article's entities
            self.notify("Printing once the entities are found (the status line says how far it is)…", timeout=10)
            self.run_worker(
                lambda: self.print_when_analysed(chosen),
                thread=True,
                name="print",
                group="print",
                exclusive=True,
                exit_on_error=False,
            )
            return
        self.print_and_exit(chosen)

    def print_when_analysed(self, chosen: list[Article]) -> None:
        """In a worker, so that the screen goes on meanwhile: wait for the analysis (or make it),
        then print and exit. Quitting stops the wait."""
        worker = get_current_worker()
        self.store.analyse(stop=lambda: worker.is_cancelled)
        if self.store.analysed and not worker.is_cancelled:
            self.call_from_thread(self.print_and_exit, chosen)

    def print_and_exit(self, chosen: list[Article]) -> None:
        """Leave with the articles rendered: `run_reader` prints them once the screen is gone."""
        self.exit(render_many(self.store, chosen, self.print_format), return_code=EXIT_PRINTED)

    async def action_quit(self) -> None:
        self.exit(return_code=EXIT_QUIT)

    def action_interrupt(self) -> None:
        self.exit(return_code=EXIT_INTERRUPTED)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Print and exit", "Print the marked or current article to stdout", self.action_print)
        yield SystemCommand(
            "Mark article", "Mark or unmark the article under the cursor", self.article_list.action_toggle_mark
        )
        yield SystemCommand("Next article", "Read the next article in the list", lambda: self.action_step(1))
        yield SystemCommand("Previous article", "Read the previous article in the list", lambda: self.action_step(-1))
        yield SystemCommand("Search", "Search titles, entities and bodies", self.action_search)
        yield SystemCommand("Entities", "Browse entities and filter the list to one", self.action_entities)
        yield SystemCommand("Timeline", "Dates the listed articles mention, in order", self.action_timeline)
        yield SystemCommand("Keys", "Show every key", self.action_help)


def terminal_size() -> os.terminal_size | None:
    """The size of the terminal itself, asked of stderr or /dev/tty: stdout may be a file or a pipe."""
    for fd in (sys.__stderr__.fileno(), sys.__stdin__.fileno()):
        try:
            return os.get_terminal_size(fd)
        except (OSError, ValueError):
            continue
    try:
        with open("/dev/tty") as tty:
            return os.get_terminal_size(tty.fileno())
    except OSError:
        return None


def _driver_class() -> type[Driver]:
    """Textual's Linux driver, but measuring the terminal rather than stdout (`newsreader > file`)."""
    from textual.drivers.linux_driver import LinuxDriver

    class TerminalSizeDriver(LinuxDriver):
        def _get_terminal_size(self) -> tuple[int, int]:
            size = terminal_size()
            return (size.columns, size.lines) if size else super()._get_terminal_size()

    return TerminalSizeDriver


def run_reader(store: DocumentStore, print_format: str = "text") -> int:
    """Run the reader; print what the user picked to stdout after the app has left the screen."""
    stdout_is_terminal = sys.stdout.isatty()
    driver_class = _driver_class() if os.name == "posix" else None
    app = NewsReader(store, print_format, stdout_is_terminal, driver_class)
    app.run()
    if app.return_value:
        sys.stdout.write(app.return_value)
        sys.stdout.flush()
    return app.return_code if app.return_code is not None else EXIT_QUIT
