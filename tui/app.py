"""The Textual reader: the main screen (a list pane and a reader pane) over one DocumentStore.

It draws on the terminal through stderr, so stdout stays free for what `p` prints, as fzf does.
The app starts the background work and routes what it hands over to the main screen; what the
list shows is the engine's `Browse`, the workers' bodies are in `workers.py`, the terminal's
tricks in `terminal.py`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

from rich.style import Style
from textual import events, work
from textual.app import App, SystemCommand
from textual.driver import Driver
from textual.screen import Screen
from textual.worker import Worker, get_current_worker

from newsreader import exit_codes
from newsreader.clean import line
from newsreader.config import Config, config_path, save_theme
from newsreader.model import Article
from newsreader.persist.state import ReadingState
from newsreader.render import counted, render_many
from newsreader.store import DocumentStore
from tui import workers
from tui.bindings import APP_BINDINGS, BINDING_IDS, help_sections, print_binding, taken_keys
from tui.commands import reader_commands
from tui.screens.main import MainScreen
from tui.terminal import collect_after_first_frame

if TYPE_CHECKING:
    from textual.theme import Theme

WIDE = 100  # columns from which the panes are side by side, not stacked


class NewsReader(App[str]):
    """Browse articles on the left, read on the right; `p` prints what you picked to stdout."""

    TITLE = "newsreader"
    CSS_PATH = "app.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]
    BINDINGS = APP_BINDINGS

    def __init__(
        self,
        store: DocumentStore,
        print_format: str = "text",
        stdout_is_terminal: bool = True,
        driver_class: type[Driver] | None = None,
        state: ReadingState | None = None,
        config: Config | None = None,
        query: str = "",
    ) -> None:
        super().__init__(driver_class=driver_class)
        self.store = store
        self.warnings: list[tuple[str, str]] = []  # (title, warning) said once the screen is up
        self.config = config or Config()
        self.start_query = query  # typed in the search box at the start (--query)
        self.apply_config()
        self.state = state or ReadingState(warn=self.say)
        if store.cache:  # the cache warns on screen, not on the stderr the screen is drawn on
            store.cache.warn = lambda warning: self.say(warning, "Cache")
        self.print_format = print_format
        self.print_binding = print_binding(stdout_is_terminal)
        # Bound here, not in BINDINGS: its label says where it prints. With its id, the keymap rebinds it too.
        self._bindings.key_to_bindings.setdefault(self.print_binding.key, []).append(self.print_binding)
        self.input_gap = workers.InputGap()

    def apply_config(self) -> None:
        """The config's keys (through Textual's keymap, so the footer and `?` show them) and theme."""
        self.set_keymap(self.config.keys)
        for unknown in sorted(set(self.config.keys) - BINDING_IDS):
            self.say(f"{config_path()}: [keys] has no binding {unknown!r}; the README lists them", "Config")
        for key, binding, other in taken_keys(self.config.keys):
            self.say(f"{config_path()}: [keys] gives {key!r} to {binding}, which {other} has by default", "Config")
        if self.config.theme in self.available_themes:
            self.theme = self.config.theme
        elif self.config.theme:
            self.say(f"{config_path()}: no theme is called {self.config.theme!r}", "Config")

    def remember_theme(self, theme: Theme) -> None:
        """The theme picked in the command palette is kept in the config file for the next start."""
        save_theme(theme.name, warn=lambda warning: self.say(warning, "Config"))

    def get_default_screen(self) -> MainScreen:
        screen = MainScreen(self.store, self.state)
        # Born with its breakpoint class, the screen is not restyled whole by the first resize.
        screen.add_class("-wide" if self.size.width >= WIDE else "-narrow")
        return screen

    @property
    def main(self) -> MainScreen:
        """The screen the app starts with, under any other."""
        return cast(MainScreen, self.screen_stack[0])

    def start(self) -> None:
        """Called by the main screen once mounted: after its first frame, the rest loads and the analysis begins."""
        if self.store.loaded:
            self.all_loaded()
        else:
            self.main.status_line.say(f"loading… {counted(len(self.store), 'article')}")
            self.call_after_refresh(self.load_rest)
            self.call_after_refresh(self.index)  # titles and bodies are searchable as they load
        for title, warning in self.warnings:
            self.say(warning, title)
        self.warnings.clear()

    def on_ready(self) -> None:
        self.theme_changed_signal.subscribe(self, self.remember_theme)
        collect_after_first_frame()
        self.main.mount_after_first_frame()

    def say(self, warning: str, title: str = "Reading state") -> None:
        """A warning for the user, from any thread: shown now if the screen is up, else once it is.
        Its paths and errors may carry a stranger's text: shown clean, and never as markup."""
        warning = line(warning)
        if not self.is_running:
            self.warnings.append((title, warning))
        elif threading.current_thread() is threading.main_thread():
            self.notify(warning, title=title, severity="warning", markup=False, timeout=10)
        else:
            self.call_from_thread(self.say, warning, title)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent) and not isinstance(event, events.MouseMove):
            self.input_gap.touch()
        await super().on_event(event)

    def on_key(self, event: events.Key) -> None:
        """A letter no key took, typed in one burst with `e` (by the list, as it opened), goes to the browser's box."""
        if event.is_printable and event.character and self.screen is not self.main:
            from tui.screens.entities import EntityBrowser  # not imported on the main screen's keys

            if isinstance(self.screen, EntityBrowser):
                self.screen.type_in(event.character)

    def entity_style(self, kind: str) -> Style:
        return self.main.reader.entity_style(kind)

    # --- Background work: @work in a group, and one place where its failures reach the user ------

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        workers.ended(self, event)

    @work(thread=True, group="load", exit_on_error=False)
    def load_rest(self) -> None:
        workers.load_rest(self, get_current_worker())

    @work(thread=True, group="index", exit_on_error=False)
    def index(self) -> None:
        workers.index(self, get_current_worker())

    @work(thread=True, group="analyse", exit_on_error=False)
    def analyse(self, while_loading: bool = False) -> None:
        (workers.analyse_loading if while_loading else workers.analyse)(self, get_current_worker())

    @work(thread=True, group="search", exclusive=True, exit_on_error=False)
    def search(self, query: str, within: set[str] | None) -> None:
        self.call_from_thread(self.main.show_search_results, query, self.main.browse.search(query, within))

    @work(thread=True, group="timeline", exclusive=True, exit_on_error=False)
    def build_timeline(self, listed: list[Article], title: str) -> None:
        workers.build_timeline(self, get_current_worker(), listed, title)

    def action_fetch_feeds(self) -> None:
        if any(worker.group == "fetch" and worker.is_running for worker in self.workers):
            self.notify("Fetching the feeds already…", timeout=2)
        else:
            self.fetch_feeds()

    @work(thread=True, group="fetch", exit_on_error=False)
    def fetch_feeds(self) -> None:
        workers.fetch_feeds(self, get_current_worker())

    @work(thread=True, group="browser", exit_on_error=False)
    def open_link(self, url: str) -> None:
        from newsreader.links import open_link  # webbrowser and subprocess: not needed for the first frame

        open_link(url, self.config.browser)

    @work(thread=True, group="print", exclusive=True, exit_on_error=False)
    def print_when_analysed(self, chosen: list[Article]) -> None:
        workers.print_when_analysed(self, get_current_worker(), chosen)

    def all_loaded(self) -> None:
        """Every article is in: say what could not be loaded, and start the analysis."""
        if problems := self.store.problems:
            more = f" and {len(problems) - 1} more (! lists them)" if len(problems) > 1 else ""
            self.notify(
                f"Skipped {problems[0]}{more}", title="Some files were not loaded", severity="warning", markup=False
            )
        self.main.all_loaded()
        self.call_after_refresh(self.index)  # again: the last articles come after the reading says it is done
        self.call_after_refresh(self.analyse)

    # --- Keys everywhere -----------------------------------------------------------------------

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen  # the screens load when first opened: a quicker start

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(help_sections(self.print_binding, self.config.keys)))

    def action_problems(self) -> None:
        from tui.screens.problems import ProblemsScreen

        if not isinstance(self.screen, ProblemsScreen):
            self.push_screen(ProblemsScreen(list(self.store.problems)))

    def action_print(self) -> None:
        """Print the marked articles (in list order), or the one under the cursor, and exit."""
        chosen = self.main.chosen()
        if not chosen:
            self.notify("There is no article to print.", severity="warning")
        elif self.print_format == "json" and not self.store.analysed:  # JSON gives each article's entities
            self.notify("Printing once the entities are found (the status line says how far it is)…", timeout=10)
            self.print_when_analysed(chosen)
        else:
            self.print_and_exit(chosen)

    def print_and_exit(self, chosen: list[Article]) -> None:
        """Leave with the articles rendered: `run_reader` prints them once the screen is gone."""
        self.exit(render_many(self.store, chosen, self.print_format), return_code=exit_codes.OK)

    async def action_quit(self) -> None:
        self.exit(return_code=exit_codes.NOTHING)

    def action_interrupt(self) -> None:
        self.exit(return_code=exit_codes.INTERRUPTED)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's own "Keys" (its help panel) would stand beside the reader's: only the reader's is listed.
        yield from (command for command in super().get_system_commands(screen) if command.title != "Keys")
        yield from reader_commands(self)
