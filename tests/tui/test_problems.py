"""The problems view: every file and line skipped while loading, with its reason, from `!` or the palette."""

from __future__ import annotations

import json

from textual.command import CommandPalette

from newsreader.store import DocumentStore
from tui.app import NewsReader
from tui.screens.problems import ProblemList, ProblemsScreen


def broken_corpus(folder):
    (folder / "good.txt").write_text("A good headline\n\nA good body.\n")
    for number in range(10):
        (folder / f"bad{number}.json").write_text("{not json" if number % 2 else "")
    (folder / "mixed.jsonl").write_text(json.dumps({"title": "Fine", "text": "Yes."}) + "\n{broken\n[1]\n")


async def test_the_problems_view_lists_every_bad_file_and_line(tmp_path):
    broken_corpus(tmp_path)
    app = NewsReader(DocumentStore.load([tmp_path]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        notices = [str(notification.message) for notification in app._notifications]
        assert any("and 10 more (! lists them)" in notice for notice in notices)
        await pilot.press("exclamation_mark")
        assert isinstance(app.screen, ProblemsScreen)
        rows = app.screen.query_one(ProblemList)
        shown = [rows.render_line(y).text.strip() for y in range(rows.row_count())]
        assert len(shown) == 12, shown
        for number in range(10):
            reason = "invalid JSON" if number % 2 else "empty file"
            assert any(f"bad{number}.json: {reason}" in line for line in shown), shown
        assert any("mixed.jsonl: line 2: invalid JSON" in line for line in shown)
        assert any("mixed.jsonl: line 3: not an object" in line for line in shown)
        await pilot.press("escape")
        assert not isinstance(app.screen, ProblemsScreen)


async def test_the_command_palette_opens_the_problems_view(tmp_path):
    broken_corpus(tmp_path)
    app = NewsReader(DocumentStore.load([tmp_path]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"problems", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
