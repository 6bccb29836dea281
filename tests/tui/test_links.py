"""`o` opens the article's link in the browser, `O` also marks it read, `y` copies it; no browser is ever reached:
$BROWSER (or the config's browser) is a script that writes down what it was given."""

from __future__ import annotations

import base64
import stat
from pathlib import Path

from newsreader.config import Config
from newsreader.model import Article
from newsreader.store import DocumentStore
from tui.app import NewsReader
from tui.widgets.reader import ArticleView

URL = "https://example.org/news/storm?id=1&lang=en"


def fake_browser(folder: Path) -> tuple[Path, Path]:
    """A browser that writes its arguments to a file: the script and the file."""
    opened = folder / "opened.txt"
    script = folder / "browser.sh"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {opened}\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script, opened


def store() -> DocumentStore:
    return DocumentStore(
        [
            Article.of(id="linked", source_path="x", title="Storm coming", body="Rain.", url=URL, date="2020-01-02"),
            Article.of(id="plain", source_path="y", title="No link here", body="Sun.", date="2020-01-01"),
        ]
    )


async def wait_for(pilot, path: Path) -> str:
    for _ in range(100):
        if path.exists() and path.read_text():
            return path.read_text()
        await pilot.pause(0.05)
    raise AssertionError(f"{path} was never written")


def notices(app: NewsReader) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def test_o_opens_the_link_with_the_configs_browser_and_O_marks_read(tmp_path, monkeypatch):
    script, opened = fake_browser(tmp_path)
    monkeypatch.delenv("BROWSER", raising=False)
    app = NewsReader(store(), config=Config(browser=str(script)))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert URL in app.query_one(ArticleView).text.plain  # the reader's header shows the link
        await pilot.press("o")
        assert await wait_for(pilot, opened) == f"{URL}\n"
        linked = app.store.get("linked")
        assert not app.state.is_read(linked)
        opened.unlink()
        await pilot.press("O")
        assert await wait_for(pilot, opened) == f"{URL}\n"
        assert app.state.is_read(linked)


async def test_the_configs_browser_comes_before_BROWSER_and_takes_the_link_where_it_says(tmp_path, monkeypatch):
    script, opened = fake_browser(tmp_path)
    monkeypatch.setenv("BROWSER", "/nonexistent/browser")
    app = NewsReader(store(), config=Config(browser=f"{script} --new-tab %s"))
    async with app.run_test() as pilot:
        await pilot.press("o")
        assert await wait_for(pilot, opened) == f"--new-tab\n{URL}\n"


async def test_y_copies_the_link_by_OSC_52_and_an_article_without_one_says_so(tmp_path, monkeypatch):
    script, opened = fake_browser(tmp_path)
    monkeypatch.setenv("BROWSER", str(script))
    app = NewsReader(store())
    async with app.run_test() as pilot:
        written: list[str] = []
        monkeypatch.setattr(app._driver, "write", written.append)  # what goes to the terminal
        await pilot.press("y")
        assert app.clipboard == URL
        assert f"\x1b]52;c;{base64.b64encode(URL.encode()).decode()}\a" in written
        await pilot.press("j", "o", "y")
        await pilot.pause(0.2)
        assert notices(app).count("This article has no link.") == 2
        assert app.clipboard == URL and not opened.exists()


async def test_a_browser_that_cannot_start_is_named(monkeypatch):
    monkeypatch.setenv("BROWSER", "/nonexistent/browser")
    app = NewsReader(store())
    async with app.run_test() as pilot:
        await pilot.press("o")
        for _ in range(40):
            if any(notice.startswith("Could not open the link") for notice in notices(app)):
                break
            await pilot.pause(0.05)
        else:
            raise AssertionError(notices(app))
