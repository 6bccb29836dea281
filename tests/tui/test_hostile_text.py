"""A stranger's text on the screen: shown as text, never as escapes, bidi overrides or markup."""

from __future__ import annotations

import html
import json
import re

from newsreader.store import DocumentStore
from tests.conftest import until_analysed
from tui.app import NewsReader

HOSTILE = "Evil \x1b]0;pwned\x07 [bold red]loud[/] \u202eesrever\u202c\nsecond line"


async def test_hostile_titles_names_and_file_names_reach_the_screen_as_plain_text(tmp_path):
    (tmp_path / "a.json").write_text(
        json.dumps(
            {"title": HOSTILE, "body": f"Body {HOSTILE}.\n\nTony Blair spoke.", "author": HOSTILE, "source": HOSTILE}
        )
    )
    (tmp_path / "[red]bad\x1b[2J.json").write_text("{not json")
    app = NewsReader(DocumentStore.load([tmp_path]))
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        notices = " ".join(str(n.message) for n in app._notifications)  # before they time out
        await until_analysed(pilot)
        await pilot.press("enter")
        await pilot.pause()
        screen = html.unescape(" ".join(re.findall(r">([^<]*)</text>", app.export_screenshot()))).replace("\xa0", " ")
    for shown in (screen, notices):
        assert "\x1b" not in shown and "\u202e" not in shown and "\x07" not in shown
    assert "[bold red]loud[/] esrever second line" in screen  # markup as written, not obeyed; one line
    assert "[red]bad" in notices and "[2J" in notices
