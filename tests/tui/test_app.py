"""The reader driven as a person drives it: keys and clicks through Textual's Pilot."""

from __future__ import annotations

import html
import io
import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from rich.console import Console, RenderableType
from textual import events
from textual.command import CommandPalette
from textual.widgets import Input, OptionList, Static
from textual.widgets._footer import FooterKey
from textual.worker import WorkerState

from newsreader import exit_codes
from newsreader.model import Article
from newsreader.store import BATCH, DocumentStore
from tests.conftest import until_analysed
from tui.app import NewsReader
from tui.screens.entities import EntityBrowser
from tui.screens.help import HelpScreen
from tui.screens.timeline import TimelineScreen
from tui.terminal import BACKGROUND_NICENESS
from tui.widgets.article_list import ArticleList
from tui.widgets.reader import ArticleView
from tui.workers import QUIET_AFTER_INPUT


async def until_printed(app: NewsReader, pilot) -> None:
    """Printing JSON waits for the entities: until then, the app goes on."""
    while app.return_code is None:
        await pilot.pause(0.05)


def many_articles(count: int, paragraphs: int = 40) -> DocumentStore:
    """A store of `count` articles, dated one a day going back."""
    articles = [
        Article.of(
            id=f"a{i:06d}",
            source_path="generated",
            title=f"Article number {i}",
            body="\n\n".join(
                f"Paragraph {p} of article {i}, long enough to wrap in a pane." for p in range(paragraphs)
            ),
            source="Wire",
            date=f"{2020 - i // 365:04d}-{(i // 28) % 12 + 1:02d}-{i % 28 + 1:02d}",
        )
        for i in range(count)
    ]
    return DocumentStore(articles)


def rendered_text(renderable: RenderableType) -> str:
    console = Console(width=100, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return console.file.getvalue()


@pytest.fixture
def seeds_store() -> DocumentStore:
    return DocumentStore.load()


async def test_list_keys_move_the_cursor_and_the_reader_follows(seeds_store):
    app = NewsReader(seeds_store)
    async with app.run_test(size=(120, 30)) as pilot:
        articles = app.query_one(ArticleList)
        reader = app.query_one(ArticleView)
        await pilot.pause()  # the reader follows the list once the list is drawn
        assert articles.has_focus and articles.cursor == 0
        assert reader.article == seeds_store.articles[0]
        await pilot.press("j", "down")
        assert articles.cursor == 2 and reader.article == seeds_store.articles[2]
        await pilot.press("k")
        assert articles.cursor == 1
        await pilot.press("G")
        assert articles.cursor == 4
        await pilot.press("g")
        assert articles.cursor == 0
        await pilot.press("end")
        assert articles.cursor == 4
        await pilot.press("home", "up")
        assert articles.cursor == 0


async def test_page_keys_and_100k_rows():
    store = many_articles(100_000, paragraphs=1)
    app = NewsReader(store)
    async with app.run_test(size=(100, 30)) as pilot:
        articles = app.query_one(ArticleList)
        await pilot.press("pagedown")
        page = articles.cursor
        assert page > 10
        await pilot.press("pagedown", "pageup")
        assert articles.cursor == page
        await pilot.press("G")
        assert articles.cursor == 99_999 and articles.scroll_offset.y > 99_000
        assert app.query_one(ArticleView).article.id == store.articles[-1].id


async def test_enter_opens_tab_switches_escape_returns(seeds_store):
    app = NewsReader(seeds_store)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("j", "enter")
        reader = app.query_one(ArticleView)
        assert reader.has_focus and reader.article == seeds_store.articles[1]
        await pilot.press("escape")
        assert app.query_one(ArticleList).has_focus
        await pilot.press("tab")
        assert reader.has_focus
        await pilot.press("shift+tab")
        assert app.query_one(ArticleList).has_focus


async def test_reader_scrolls_and_steps_through_articles():
    store = many_articles(5)
    app = NewsReader(store)
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.press("enter")
        reader = app.query_one(ArticleView)
        await pilot.press("space")
        await pilot.pause()
        assert reader.scroll_y > 5
        await pilot.press("g")
        await pilot.pause()
        assert reader.scroll_y == 0
        await pilot.press("j", "j")
        await pilot.pause()
        assert reader.scroll_y == 2
        await pilot.press("right_square_bracket")
        assert reader.article == store.articles[1] and reader.scroll_y == 0 and reader.has_focus
        await pilot.press("right_square_bracket", "left_square_bracket", "left_square_bracket")
        assert reader.article == store.articles[0]


async def test_the_reader_scrollbar_comes_and_goes_with_the_article_length():
    long, short = many_articles(1).articles[0], Article.of("s", "generated", "Short", "One line.")
    app = NewsReader(DocumentStore([long, short]))
    async with app.run_test(size=(80, 20)) as pilot:
        reader = app.query_one(ArticleView)
        for article, scrolls in ((long, True), (short, False), (long, True)):
            app.main.article_list.cursor = app.main.article_list.articles.index(article)
            await pilot.pause()
            await pilot.pause()
            assert reader.article == article
            assert reader.show_vertical_scrollbar is scrolls and (reader.max_scroll_y > 0) is scrolls


async def test_keys_and_clicks_hold_the_background_work_back(seeds_store):
    app = NewsReader(seeds_store)
    async with app.run_test() as pilot:
        for act in (lambda: pilot.press("j"), lambda: pilot.click(ArticleList)):
            before = time.monotonic()
            await act()
            assert app.input_gap.last >= before  # the workers wait QUIET_AFTER_INPUT from then
        app.input_gap.last = time.monotonic() - QUIET_AFTER_INPUT
        started = time.monotonic()
        app.input_gap.wait()  # nothing recent: no wait
        assert time.monotonic() - started < QUIET_AFTER_INPUT


async def test_the_loader_steps_aside_for_keys_between_batches(tmp_path, monkeypatch):
    path = tmp_path / "many.jsonl"
    lines = (json.dumps({"title": f"Article {i}", "body": f"Body of article {i}."}) + "\n" for i in range(3 * BATCH))
    path.write_text("".join(lines), encoding="utf-8")
    store = DocumentStore.open([path])
    app = NewsReader(store)
    asked_while_loading = []
    stopper = app.input_gap.stopper

    def counted(worker):
        """The loader's look for keys counted (the indexer and the analysis look too, as they can)."""
        stop = stopper(worker)
        if worker.group != "load":
            return stop

        def count_then_stop():
            if not store.loaded:
                asked_while_loading.append(True)
            return stop()

        return count_then_stop

    monkeypatch.setattr(app.input_gap, "stopper", counted)
    async with app.run_test() as pilot:
        while not store.loaded:
            await pilot.pause(0.05)
        await app.workers.wait_for_complete()  # the last batch reaches the list after the file's end
        await pilot.pause()
        assert len(app.main.article_list.articles) == 3 * BATCH
    assert len(asked_while_loading) == 3


@pytest.mark.skipif(sys.platform != "linux", reason="a thread's own nice value is Linux's")
async def test_the_loading_runs_below_the_screens_priority(tmp_path):
    """The loader and the indexer leave the cores to the screen's thread first: a key's frames need one."""
    path = tmp_path / "many.jsonl"
    lines = (json.dumps({"title": f"Article {i}", "body": f"Body of article {i}."}) + "\n" for i in range(3 * BATCH))
    path.write_text("".join(lines), encoding="utf-8")
    store = DocumentStore.open([path])
    priorities = {}
    batches, index_loaded = store.batches, store.index_loaded

    def loading():
        priorities["load"] = os.getpriority(os.PRIO_PROCESS, 0)  # 0: the calling thread
        yield from batches()

    def indexing(stop=None):
        priorities["index"] = os.getpriority(os.PRIO_PROCESS, 0)
        return index_loaded(stop)

    store.batches, store.index_loaded = loading, indexing
    screen = os.getpriority(os.PRIO_PROCESS, 0)
    app = NewsReader(store)
    async with app.run_test() as pilot:
        await until(pilot, lambda: store.loaded and len(priorities) == 2)
        await app.workers.wait_for_complete()
        assert os.getpriority(os.PRIO_PROCESS, 0) == screen
    assert priorities == {"load": screen + BACKGROUND_NICENESS, "index": screen + BACKGROUND_NICENESS}


async def test_printing_json_while_the_analysis_runs_waits_for_it():
    # The worker once asked the screen to show its progress, and waited, under the lock that
    # printing JSON (it needs the entities) waited for on the screen's thread: neither moved.
    store = many_articles(600, paragraphs=10)
    analyse, reported, go_on = store.analyse, threading.Event(), threading.Event()

    def analyse_slowly(stop=None, progress=None):
        """The analysis, held at its first progress report (inside its lock) until the keys are pressed."""

        def report_then_wait(done: int, total: int) -> None:
            if progress:
                progress(done, total)
            reported.set()
            go_on.wait(10)

        analyse(stop, report_then_wait if progress else None)

    store.analyse = analyse_slowly
    app = NewsReader(store, print_format="json")
    async with app.run_test() as pilot:
        await until(pilot, reported.is_set)
        assert reported.is_set()  # the analysis holds its lock, and has asked the screen to say so
        await pilot.press("p")
        assert app.return_code is None  # the screen goes on: printing waits in a worker
        await pilot.press("j")
        assert app.main.article_list.cursor == 1
        go_on.set()
        await until_printed(app, pilot)
    assert app.return_code == 0 and "entities" in json.loads(app.return_value.splitlines()[0])


async def until(pilot, condition, timeout: float = 10.0) -> None:
    """Wait until `condition()` holds, or `timeout` seconds."""
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)


async def test_the_status_line_says_how_far_the_analysis_is(seeds_store, monkeypatch):
    gate = threading.Event()

    def slow_analysis(stop=None, progress=None):
        progress(1, 4)
        gate.wait(10)

    monkeypatch.setattr(seeds_store, "analyse", slow_analysis)
    app = NewsReader(seeds_store)
    async with app.run_test() as pilot:
        status = app.query_one("#status", Static)
        await until(pilot, lambda: str(status.render()) == "finding entities… 25%")
        assert str(status.render()) == "finding entities… 25%" and status.display
        gate.set()


@pytest.mark.parametrize(
    "broken, keys, notice",
    [
        ("search", ["slash", *"iran"], "Could not search: the disk is on fire"),
        ("timeline", ["t"], "Could not make the timeline: the disk is on fire"),
        ("analyse", [], "Could not find entities: the disk is on fire"),
    ],
)
async def test_a_failing_worker_is_shown(seeds_store, monkeypatch, broken, keys, notice):
    def on_fire(*args, **kwargs):
        raise OSError("the disk is on fire")

    if broken != "analyse":
        seeds_store.analyse()
    monkeypatch.setattr(seeds_store, broken, on_fire)
    app = NewsReader(seeds_store)
    async with app.run_test() as pilot:
        await pilot.press(*keys)

        def shown() -> list[str]:
            return [str(notification.message) for notification in app._notifications]

        await until(pilot, lambda: notice in shown())
        assert notice in shown()
        assert app.is_running


async def test_print_current_article_exits_0(seeds_store):
    app = NewsReader(seeds_store)
    async with app.run_test() as pilot:
        await pilot.press("j", "p")
    article = seeds_store.articles[1]
    assert app.return_code == 0
    assert app.return_value.startswith(f"{article.title}\nIRNA · 18 Apr · Moscow · ")
    assert app.return_value.endswith(article.body + "\n")


async def test_marks_print_every_marked_article_in_list_order(seeds_store):
    app = NewsReader(seeds_store, print_format="json")
    async with app.run_test() as pilot:
        await pilot.press("G", "space", "g", "space", "space", "space")  # marks 4, 0, 1; unmarks … no: 2 is marked too
        marked = app.query_one(ArticleList).marked
        assert marked == {seeds_store.articles[i].id for i in (0, 1, 2, 4)}
        await pilot.press("k", "space")  # unmark 2 again
        await pilot.press("p")
        await until_printed(app, pilot)
    printed = [json.loads(line)["id"] for line in app.return_value.splitlines()]
    assert printed == [seeds_store.articles[i].id for i in (0, 1, 4)]


async def test_help_on_a_narrow_terminal_shows_each_description_whole(seeds_store):
    # At 30 columns the keys' column left the descriptions 5 columns: "Quit wit… pri… (ex…".
    app = NewsReader(seeds_store)
    async with app.run_test(size=(30, 60)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        svg = app.export_screenshot()
    text = html.unescape(" ".join(re.findall(r">([^<]*)</text>", svg)))
    shown = " ".join(text.replace("\xa0", " ").replace("│", " ").split())  # the lines of the box, joined
    assert "Quit without printing (exit code 1)" in shown and "Quit at once (exit code 130)" in shown
    assert "…" not in shown


async def test_quit_exits_1_and_ctrl_c_exits_130(seeds_store):
    for key, code in (("q", 1), ("ctrl+q", 1), ("ctrl+c", 130)):
        app = NewsReader(seeds_store)
        async with app.run_test() as pilot:
            await pilot.press(key)
        assert (app.return_code, app.return_value) == (code, None), key


async def test_help_lists_every_key_and_closes(seeds_store):
    app = NewsReader(seeds_store)
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = rendered_text(app.screen.query_one("Static").content)
        for words in (
            "Mark or unmark",
            "Print the marked",
            "Previous article",
            "Page down",
            "Command palette",
            "Quit at once (exit code 130)",
            "Back to the article list",
        ):
            assert words in shown
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_command_palette_runs_app_actions(seeds_store):
    app = NewsReader(seeds_store)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"next article", "enter")
        await pilot.pause()
        assert app.query_one(ArticleList).cursor == 1


async def test_mouse_click_selects_double_click_opens(seeds_store):
    app = NewsReader(seeds_store)
    async with app.run_test(size=(120, 30)) as pilot:
        articles = app.query_one(ArticleList)
        await pilot.click(ArticleList, offset=(5, 3))  # border, then rows 0, 1, 2
        assert articles.cursor == 2
        await pilot.double_click(ArticleList, offset=(5, 4))
        assert articles.cursor == 3 and app.query_one(ArticleView).has_focus


async def test_footer_says_where_p_prints_when_stdout_is_not_a_terminal(seeds_store):
    app = NewsReader(seeds_store, stdout_is_terminal=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert "Print → stdout" in [key.description for key in app.query(FooterKey)]


@pytest.mark.parametrize("size", [(50, 14), (30, 8), (200, 60)])
async def test_small_and_large_terminals(seeds_store, size):
    app = NewsReader(seeds_store)
    async with app.run_test(size=size) as pilot:
        await pilot.press("enter", "space", "tab", "j", "question_mark", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        assert app.main.article_list.cursor == 1 and app.main.reader.article == seeds_store.articles[1]  # tab, j
        listed, read = app.query_one(ArticleList).region, app.query_one(ArticleView).region
        screen = app.screen.region
        assert listed.height >= 3 and read.height >= 3 and not listed.overlaps(read)
        assert screen.contains_region(listed) and screen.contains_region(read)
        if size[0] >= 100:  # side by side
            assert read.x >= listed.right and read.y == listed.y
        else:  # stacked
            assert read.y >= listed.bottom and read.width == listed.width


async def test_empty_store_says_so():
    app = NewsReader(DocumentStore([]))
    async with app.run_test() as pilot:
        await pilot.press("j", "enter", "space", "p")
        assert app.return_code is None  # nothing to print: the reader stays open
        assert app.query_one(ArticleView).article is None


async def test_entity_browser_filters_the_list_and_escape_clears_it(seeds_store):
    app = NewsReader(seeds_store)
    async with app.run_test(size=(120, 30)) as pilot:
        await until_analysed(pilot)
        await pilot.press("e")
        assert isinstance(app.screen, EntityBrowser)
        await pilot.press(*"zarif")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        articles = app.query_one(ArticleList)
        assert app.main.browse.entity == ("Mohammad Javad Zarif", "person")
        assert len(articles.articles) == 2 and "Esc clears" in articles.border_title
        shown = app.query_one(ArticleView)
        assert shown.article in articles.articles
        await pilot.press("escape")
        assert app.main.browse.entity is None and len(articles.articles) == 5


async def test_a_name_typed_at_once_after_e_goes_to_the_entity_browsers_box(seeds_store):
    """Keys in one burst with `e` (a fast typist, a paste, tmux's send-keys) go by the list before the browser
    opens: they narrow it all the same, in the order typed."""
    app = NewsReader(seeds_store)
    async with app.run_test(size=(120, 30)) as pilot:
        await until_analysed(pilot)
        assert app._driver is not None
        for key in "elav":
            app._driver.send_message(events.Key(key, key))
        await pilot.pause(0.3)
        assert isinstance(app.screen, EntityBrowser)
        assert app.screen.query_one(Input).value == "lav"
        await pilot.press("r", "enter")
        await pilot.pause()
        assert app.main.browse.entity == ("Sergey Lavrov", "person")


async def test_a_letter_typed_on_the_entity_list_goes_to_the_box(seeds_store):
    app = NewsReader(seeds_store)
    async with app.run_test(size=(120, 30)) as pilot:
        await until_analysed(pilot)
        await pilot.press("e")
        app.screen.query_one(OptionList).focus()
        await pilot.press(*"teh")
        box = app.screen.query_one(Input)
        assert box.has_focus and box.value == "teh"


async def test_reader_highlights_entities_from_the_store(seeds_store):
    app = NewsReader(seeds_store)
    async with app.run_test(size=(120, 30)) as pilot:
        await until_analysed(pilot)
        text = app.main.reader.text
        lavrov = text.plain.index("Sergey Lavrov")
        styles = {str(span.style) for span in text.spans if span.start <= lavrov < span.end}
        assert str(app.query_one(ArticleView).entity_style("person")) in styles
        assert text.plain.split("\n")[1].endswith("person org place date")


def storm_reports_loading(tmp_path, monkeypatch) -> tuple[DocumentStore, threading.Event]:
    """Six dated reports, two batches of them loaded before the first frame (as `newsreader` waits a
    moment); the rest loads once the returned event is set."""
    monkeypatch.setattr("newsreader.store.BATCH", 2)
    lines = [
        {"title": f"Storm report {i}", "text": f"Rain fell on day {i}.", "date": f"2024-01-{i + 1:02d}"}
        for i in range(6)
    ]
    path = tmp_path / "wire.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    store = DocumentStore.open([path])
    store.load_batches(seconds=0)
    rest, gate = store.batches(), threading.Event()

    def gated():
        gate.wait(10)
        yield from rest

    monkeypatch.setattr(store, "batches", gated)
    return store, gate


async def test_articles_load_under_the_list_and_a_search_covers_them_as_they_come(tmp_path, monkeypatch):
    store, gate = storm_reports_loading(tmp_path, monkeypatch)
    app = NewsReader(store)
    async with app.run_test(size=(120, 30)) as pilot:
        articles = app.query_one(ArticleList)
        assert [a.title for a in articles.articles] == ["Storm report 1", "Storm report 0"]
        assert str(app.query_one("#status", Static).render()) == "loading… 2 articles"
        await pilot.press("j", "slash", *"storm")
        await pilot.pause(0.5)
        assert articles.border_title == "“storm”: 2 · searching 2 of 2 loaded · Esc clears"
        assert {a.title for a in articles.articles} == {"Storm report 0", "Storm report 1"}
        await pilot.press(*" day 5")
        gate.set()
        await until_analysed(pilot)
        await pilot.pause(0.3)
        assert next(a.title for a in articles.articles) == "Storm report 5"  # found once it was in
        await pilot.press("escape")
        assert len(articles.articles) == 6 and articles.current.title == "Storm report 5"
        assert not app.query_one("#status", Static).display


@pytest.mark.parametrize("keys, expected", [((), "Storm report 5"), (("j",), "Storm report 0")])
async def test_the_cursor_stays_on_the_first_row_while_loading_until_the_user_moves_it(
    tmp_path, monkeypatch, keys, expected
):
    """Newer articles sorted in above do not carry the cursor down the list, unless a key had moved it."""
    store, gate = storm_reports_loading(tmp_path, monkeypatch)
    app = NewsReader(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press(*keys)
        gate.set()
        await until_analysed(pilot)
        articles = app.query_one(ArticleList)
        assert len(articles.articles) == 6
        assert articles.current.title == expected
        await pilot.pause(0.1)
        assert app.query_one(ArticleView).article.title == expected


@pytest.mark.parametrize("key, screen", [("e", EntityBrowser), ("t", TimelineScreen)])
async def test_entities_and_timeline_asked_for_during_the_analysis_open_once_it_is_done(
    seeds_store, monkeypatch, key, screen
):
    gate = threading.Event()
    analyse = seeds_store.analyse

    def slow_analysis(stop=None, progress=None):
        gate.wait(10)
        analyse()

    monkeypatch.setattr(seeds_store, "analyse", slow_analysis)
    app = NewsReader(seeds_store)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press(key)
        await pilot.pause(0.2)
        assert not isinstance(app.screen, screen)
        gate.set()
        await until(pilot, lambda: isinstance(app.screen, screen))
        await pilot.pause()
        assert isinstance(app.screen, screen)


async def test_one_keys_command_in_the_palette_and_one_for_problems(seeds_store):
    app = NewsReader(seeds_store)
    async with app.run_test(size=(120, 30)):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert titles.count("Keys") == 1 and "Problems" in titles


async def test_the_footer_keeps_its_last_key_whole_while_a_status_shows(seeds_store):
    app = NewsReader(seeds_store)
    async with app.run_test(size=(120, 30)) as pilot:
        await until_analysed(pilot)
        app.main.status_line.say("loading… 100,000 articles")
        await pilot.pause(0.1)
        status = app.query_one("#status").region
        keys = [key for key in app.query(FooterKey) if key.description == "Print"]
        assert keys and keys[0].region.right <= status.x and keys[0].region.width >= len("p Print")


async def test_one_article_and_no_empty_columns(tmp_path):
    (tmp_path / "only.txt").write_text("The only headline\n\nThe only body.\n")
    app = NewsReader(DocumentStore.load([tmp_path]))
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        articles = app.query_one(ArticleList)
        assert articles.border_title == "1 article"
        row = articles.render_line(0).text
        assert "undated" not in row and row.index("The only headline") < 5  # no empty date or source column


QUIT_WHILE_A_FILE_LOADS = """
import threading
from newsreader.store import DocumentStore
from tui.app import NewsReader
from tui.terminal import run_without_waiting

class EndlessLoad(DocumentStore):
    def batches(self):
        threading.Event().wait()  # a file that takes for ever to read (a 100 MB article, a stalled disk)
        yield []

store = EndlessLoad([])
store.loaded = False

async def quit(pilot):
    await pilot.pause()
    await pilot.press("q")

app = NewsReader(store)
run_without_waiting(app, headless=True, auto_pilot=quit)
print("left with", app.return_code)
"""


@pytest.mark.slow
def test_quitting_does_not_wait_for_a_file_still_loading():
    """`q` leaves at once: the process does not wait for background work caught inside one long file."""
    left = subprocess.run(
        [sys.executable, "-c", QUIT_WHILE_A_FILE_LOADS],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).parents[2],
    )
    assert (left.stdout, left.stderr) == (f"left with {exit_codes.NOTHING}\n", "")


async def test_a_screen_opened_by_a_key_typed_just_after_q_is_no_error(seeds_store):
    """Keys in one burst ("q" then "e", a paste): the entity browser pushed as the reader quits is mounted without
    its children; it quits with nothing printed, and no traceback."""
    app = NewsReader(seeds_store)
    async with app.run_test() as pilot:
        await until_analysed(pilot)
        assert app._driver is not None
        for key in "qe":
            app._driver.send_message(events.Key(key, key))
        await pilot.pause(0.3)
    assert app.return_code == exit_codes.NOTHING


async def test_the_analysis_ending_as_the_screens_widgets_go_is_no_error(seeds_store):
    # The reader closing: its screen still on the stack, its widgets removed (a test failed on this now and then).
    app = NewsReader(seeds_store)
    async with app.run_test() as pilot:
        await until(pilot, lambda: app.store.indexed)
        await app.main.status_line.remove()
        analysis = SimpleNamespace(group="analyse", name="analyse", error=None)
        app.on_worker_state_changed(SimpleNamespace(state=WorkerState.SUCCESS, worker=analysis))  # type: ignore[arg-type]


@pytest.mark.parametrize("state", [WorkerState.SUCCESS, WorkerState.ERROR])
async def test_a_worker_ending_as_the_reader_closes_is_no_error(seeds_store, state):
    app = NewsReader(seeds_store)
    async with app.run_test() as pilot:
        await until_analysed(pilot)
    # The analysis (or any worker) may end once the screens are gone: it has nothing to say, and nowhere to.
    analysis = SimpleNamespace(group="analyse", name="analyse", error=RuntimeError("late"))
    app.on_worker_state_changed(SimpleNamespace(state=state, worker=analysis))  # type: ignore[arg-type]
