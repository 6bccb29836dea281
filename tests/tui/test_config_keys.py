"""The config file as the reader uses it: the user's keys (footer, `?`, the keys themselves), theme and library."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets._footer import FooterKey

from newsreader.config import SETTINGS, config_path, load_config
from newsreader.store import DocumentStore
from tui.app import NewsReader
from tui.bindings import BINDING_IDS
from tui.screens.help import HelpScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.reader import ArticleView


def write_config(text: str) -> None:
    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text(text)


def help_text(app: NewsReader) -> str:
    console = Console(width=100, file=io.StringIO(), color_system=None)
    for static in app.screen.query("Static"):
        console.print(static.content)
    return console.file.getvalue()


@pytest.mark.slow
async def test_a_config_remaps_keys_sets_the_theme_and_opens_the_library(tmp_path):
    library = tmp_path / "library"
    library.mkdir()
    for number in range(3):
        (library / f"{number}.txt").write_text(f"Library article {number}\n\nBody {number}, long enough.\n")
    write_config(
        f'theme = "textual-light"\nlibrary = ["{library}"]\n\n'
        '[keys]\ndown = "l,down"\nup = "h,up"\nstar = "x"\nprint = "P"\nbogus = "z"\n'
    )
    config = load_config()
    app = NewsReader(DocumentStore.load(config.library), config=config)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        articles = app.query_one(ArticleList)
        assert sorted(a.title for a in articles.articles) == [f"Library article {n}" for n in range(3)]
        assert app.theme == "textual-light"
        notices = [str(notification.message) for notification in app._notifications]
        assert notices == [f"{config_path()}: [keys] has no binding 'bogus'; the README lists them"]

        await pilot.press("l", "l")
        assert articles.cursor == 2
        await pilot.press("j")  # j is no longer down
        assert articles.cursor == 2
        await pilot.press("h")
        assert articles.cursor == 1
        await pilot.press("enter", "l")  # in the reader too
        assert app.query_one(ArticleView).scroll_y >= 0 and articles.cursor == 1

        footer = {key.description: key.key_display for key in app.query(FooterKey)}
        assert footer["Star"] == "x"
        await pilot.press("x")
        assert app.state.is_starred(articles.articles[1])

        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = help_text(app)
        lines = {line.split("  ")[0].strip(): line for line in shown.splitlines() if line.strip()}
        assert "Down" in lines["l / ↓"] and "Up" in lines["h / ↑"] and "Star or unstar" in lines["x"]
        assert "j / ↓" not in shown
        assert "P prints to stdout and exits 0" in " ".join(shown.split())
        await pilot.press("escape")


async def test_the_theme_picked_is_kept_in_the_config(seeds):
    write_config('# mine\n[keys]\nstar = "x"\n')
    app = NewsReader(seeds, config=load_config())
    async with app.run_test() as pilot:
        await pilot.pause()
        app.theme = "nord"  # as the command palette's theme picker sets it
        await pilot.pause()
    assert load_config().theme == "nord" and load_config().keys == {"star": "x"}
    assert config_path().read_text().startswith('theme = "nord"\n# mine\n')


async def test_a_key_taken_from_another_binding_is_said(seeds):
    write_config('[keys]\nstar = "x,n"\ndown = "j,down,ctrl+n"\n')  # n: next_match's
    app = NewsReader(seeds, config=load_config())
    async with app.run_test() as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert app.state.is_starred(app.main.article_list.current)  # in the list, the app's n is star's
        notices = [str(notification.message) for notification in app._notifications]
        assert notices[0] == f"{config_path()}: [keys] gives 'n' to star, which next_match has by default"
        assert notices[1:] == [f"Starred: {app.main.article_list.current.title}"]


def test_the_readme_documents_every_setting_and_binding_id():
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    section = readme[readme.index("## Configuration") : readme.index("## Subscriptions")]
    rows = {line.split("|")[1].strip() for line in section.splitlines() if line.startswith("| `")}
    rows |= {line.split("|")[4].strip() for line in section.splitlines() if line.count("|") > 6}
    assert {f"`{key}`" for key in (*SETTINGS, *BINDING_IDS)} <= rows
