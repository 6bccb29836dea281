"""The look of the main views, pinned at a wide and a narrow size (pytest-textual-snapshot)."""

from __future__ import annotations

import pytest

from newsreader.store import DocumentStore
from tests.conftest import until_analysed
from tui.app import NewsReader

WIDE, NARROW = (120, 32), (60, 20)


async def analysed(pilot) -> None:
    """Wait for the entities, so that highlights are in the picture."""
    await until_analysed(pilot)


def seeds_app(theme: str = "textual-dark") -> NewsReader:
    app = NewsReader(DocumentStore.load())
    app.theme = theme
    return app


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["wide", "narrow"])
def test_list_and_reader(snap_compare, size):
    assert snap_compare(seeds_app(), press=["j", "j"], terminal_size=size, run_before=analysed)


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["wide", "narrow"])
def test_reading_with_marks(snap_compare, size):
    assert snap_compare(seeds_app(), press=["space", "space", "enter"], terminal_size=size, run_before=analysed)


@pytest.mark.parametrize("size", [(100, 44), NARROW], ids=["wide", "narrow"])
def test_help(snap_compare, size):
    assert snap_compare(seeds_app(), press=["question_mark"], terminal_size=size, run_before=analysed)


def test_light_theme(snap_compare):
    assert snap_compare(seeds_app("textual-light"), press=["G", "enter"], terminal_size=WIDE, run_before=analysed)


def test_entity_browser(snap_compare):
    assert snap_compare(seeds_app(), press=["e", "i", "r"], terminal_size=WIDE, run_before=analysed)


def test_entity_filter(snap_compare):
    assert snap_compare(seeds_app(), press=["e", *"soleimani", "enter"], terminal_size=WIDE, run_before=analysed)


def test_timeline(snap_compare):
    assert snap_compare(seeds_app(), press=["t"], terminal_size=WIDE, run_before=analysed)


async def searched(pilot) -> None:
    await analysed(pilot)
    pilot.app.main.list_pane.search_box.cursor_blink = False  # else the picture depends on how long the search took
    await pilot.press("slash", *"zarrif")
    await pilot.pause(0.3)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_search(snap_compare):
    assert snap_compare(seeds_app(), terminal_size=WIDE, run_before=searched)
