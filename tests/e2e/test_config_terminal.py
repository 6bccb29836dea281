"""The config file, the link keys, the clipboard and fzf's --query in a real terminal (tmux, a server of
the test's own): `newsreader` started as a user starts it, with a config.toml in $XDG_CONFIG_HOME."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.test_terminal import wait_for

pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")]

URL = "https://example.org/news/storm?id=1&lang=en"


class Terminal:
    """`newsreader ARGUMENTS > out` in a tmux window of a tmux server of its own."""

    def __init__(self, tmp_path: Path) -> None:
        # The server's socket in a folder of its own, removed with it: a named one (-L) stays in /tmp/tmux-UID.
        self.folder = tempfile.mkdtemp(prefix="newsreader-tmux-")
        self.socket = os.path.join(self.folder, "socket")
        self.out, self.code = tmp_path / "out.txt", tmp_path / "code.txt"

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-S", self.socket, *args], check=True, capture_output=True, text=True).stdout

    def start(self, arguments: str = "", shown: str = "Keys") -> None:
        names = ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME")
        private = " ".join(f"{name}={shlex.quote(os.environ[name])}" for name in names)
        reader = f"env {private} COLORTERM=truecolor {shlex.quote(sys.executable)} -m newsreader {arguments}"
        command = f"{reader} > {self.out}; echo $? > {self.code}; sleep 30"
        self.tmux("new-session", "-d", "-s", "reader", "-x", "150", "-y", "40", command)
        self.tmux("set-option", "-s", "set-clipboard", "on")  # OSC 52 from the reader makes a tmux buffer
        self.wait_until_shown(shown)

    def screen(self, *options: str) -> str:
        return self.tmux("capture-pane", "-p", "-J", *options, "-t", "reader")

    def wait_until_shown(self, text: str) -> str:
        wait_for(lambda: text in self.screen())
        return self.screen()

    def press(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "reader", key)
            time.sleep(0.2)

    def exit_code(self) -> int:
        wait_for(lambda: self.code.exists() and self.code.read_text().strip() != "")
        return int(self.code.read_text())

    def close(self) -> None:
        subprocess.run(["tmux", "-S", self.socket, "kill-server"], capture_output=True)
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    running = Terminal(tmp_path)
    yield running
    running.close()


def write_config(text: str) -> Path:
    path = Path(os.environ["XDG_CONFIG_HOME"]) / "newsreader" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def listed_titles(screen: str, start: str) -> list[str]:
    """The titles the list (the left pane) shows that begin with `start`, top to bottom."""
    found = (re.search(rf"│ +({re.escape(start)}.*?) *│", line) for line in screen.splitlines())
    return [match[1] for match in found if match]


def background_is_light(screen_with_colours: str) -> bool:
    """Whether most of the screen's cells are drawn on a light background."""
    backgrounds = re.findall(r"48;2;(\d+);(\d+);(\d+)", screen_with_colours)
    red, green, blue = max(set(backgrounds), key=backgrounds.count)
    return 0.299 * int(red) + 0.587 * int(green) + 0.114 * int(blue) > 128


def test_a_config_with_keys_a_theme_and_a_library(terminal: Terminal, tmp_path: Path):
    library = three_articles(tmp_path / "library")
    write_config(
        f'theme = "textual-light"\nlibrary = ["{library}"]\n\n[keys]\ndown = "l,down"\nup = "h,up"\nstar = "x"\n'
    )
    terminal.start()
    screen = terminal.wait_until_shown("3 articles")
    titles = listed_titles(screen, "Library article")
    assert sorted(titles) == ["Library article 0", "Library article 1", "Library article 2"]  # the library, no seeds
    assert re.search(r"\bx Star\b", screen.splitlines()[-1])  # the footer shows the user's key
    assert background_is_light(terminal.screen("-e"))

    terminal.press("?")
    keys = terminal.wait_until_shown("Esc closes")
    assert re.search(r"l / ↓ +Down", keys) and re.search(r"h / ↑ +Up", keys) and re.search(r"\bx +Star", keys)
    assert "j / ↓" not in keys
    terminal.press("Escape")
    # Keys sent before the help is gone could follow the escape closely enough to read as alt+l.
    wait_for(lambda: "Esc closes" not in terminal.screen())
    terminal.press("l", "l", "j", "h", "p")  # j is no longer down
    assert terminal.exit_code() == 0
    assert terminal.out.read_text().startswith(titles[1])


def three_articles(folder: Path) -> Path:
    folder.mkdir()
    for number in range(3):
        (folder / f"{number}.txt").write_text(f"Library article {number}\n\nBody {number}, long enough to read.\n")
    return folder


def test_a_bad_config_is_named_in_one_line_and_the_reader_starts_with_defaults(terminal: Terminal, tmp_path: Path):
    path = write_config('theme = "textual-light"\nprint_format = "markdown"\nlibrary = "~/news"\n[keys]\ndown = "l"\n')
    terminal.start(str(three_articles(tmp_path / "news")))
    terminal.wait_until_shown("library")  # the notice, on the reader's screen
    titles = listed_titles(terminal.wait_until_shown("3 articles"), "Library article")  # the notice may come first
    assert not background_is_light(terminal.screen("-e"))
    terminal.press("j", "p")  # the default keys and print format
    assert terminal.exit_code() == 0
    assert terminal.out.read_text().startswith(f"{titles[1]}\n")  # text, not markdown's "# "
    message = f'newsreader: {path} (line 3, library): must be a list of folders, such as ["~/news"]; using the defaults'
    assert message in terminal.screen().splitlines()  # one line on the terminal, once the reader is gone


def test_o_O_and_y_in_a_real_terminal(terminal: Terminal, tmp_path: Path):
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" >> {opened}\n')
    browser.chmod(browser.stat().st_mode | stat.S_IEXEC)
    write_config(f'browser = "{browser} --new-tab %s"\n')
    articles = tmp_path / "storm.json"
    articles.write_text(json.dumps({"title": "Storm coming", "text": "Rain and wind.", "url": URL}))
    terminal.start(str(articles))
    assert URL in terminal.wait_until_shown("Storm coming")  # the reader's header shows the link

    terminal.press("o")
    wait_for(lambda: opened.exists() and opened.read_text() == f"--new-tab\n{URL}\n")
    terminal.press("y")
    wait_for(lambda: terminal.tmux("list-buffers", "-F", "#{buffer_name}") != "")
    assert terminal.tmux("show-buffer") == URL  # the OSC 52 the reader wrote reached the terminal's clipboard
    terminal.press("O", "q")
    assert terminal.exit_code() == 1
    assert opened.read_text() == f"--new-tab\n{URL}\n" * 2
    listed = subprocess.run(
        [sys.executable, "-m", "newsreader", "list", "--json", str(articles)], capture_output=True, text=True
    )
    assert [article["read"] for article in json.loads(listed.stdout)] == [True]


def test_query_opens_with_the_search_typed_and_n_goes_to_its_matches(terminal: Terminal):
    terminal.start("--query azerbaijan", shown="“azerbaijan”: 1 of 5")
    terminal.press("Enter", "n")  # Enter reads the top hit, as in fzf
    assert re.search(r"match 1 of \d+", terminal.wait_until_shown("match 1 of"))
    terminal.press("p")
    assert terminal.exit_code() == 0
    assert terminal.out.read_text().startswith("Russia hopes that friction between Iran and Azerbaijan")
