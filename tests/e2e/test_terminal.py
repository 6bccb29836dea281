"""End to end in a real terminal (tmux): `newsreader > file`, keys typed, the file and exit code checked."""

from __future__ import annotations

import atexit
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from functools import cache
from pathlib import Path

import pytest

pytestmark = [pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")]

WIDTH, HEIGHT = 150, 40
# A tmux server of this process's own, kept alive between tests: on a shared server, a session ending
# as the last one stops the server while another test's new session connects ("server exited unexpectedly").


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-S", _server(), *args], check=True, capture_output=True, text=True).stdout


def close(session: str) -> None:
    """End a test's session, whether or not it is still there."""
    subprocess.run(["tmux", "-S", _server(), "kill-session", "-t", session], capture_output=True)


@cache
def _server() -> str:
    """Start this process's tmux server with a session that lasts until the process ends; its socket,
    in a folder of its own that goes with it."""
    folder = tempfile.mkdtemp(prefix="newsreader-tmux-")
    socket = os.path.join(folder, "socket")
    subprocess.run(["tmux", "-S", socket, "new-session", "-d", "-s", "keep", "sleep 86400"], check=True)
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    atexit.register(subprocess.run, ["tmux", "-S", socket, "kill-server"], capture_output=True)  # runs first
    return socket


def wait_for(condition, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the terminal never showed what was expected")
        time.sleep(0.1)


def run_in_terminal(
    tmp_path: Path, keys: list[str], pipe_in: Path | None = None, shown: str = "Keys", arguments: str = ""
) -> tuple[int, str, str, str]:
    """Start `newsreader ARGUMENTS > out` (or `cat FILE | newsreader ARGUMENTS > out`) in a tmux window,
    wait until the screen shows `shown`, type `keys`; return the exit code, what was printed, the
    screen before the keys and the terminal once the reader has left it."""
    session = f"newsreader-{uuid.uuid4().hex[:8]}"
    out, code = tmp_path / "out.txt", tmp_path / "code.txt"
    # tmux starts commands in its server's environment, which may not be this test's: say it explicitly.
    private = " ".join(
        f"{name}={shlex.quote(os.environ[name])}" for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME")
    )
    reader = f"env {private} {shlex.quote(sys.executable)} -m newsreader {arguments}"
    reader = f"cat {shlex.quote(str(pipe_in))} | {reader}" if pipe_in else reader
    command = f"{reader} > {out}; echo $? > {code}; sleep 5"
    tmux("new-session", "-d", "-s", session, "-x", str(WIDTH), "-y", str(HEIGHT), command)
    try:
        wait_for(lambda: "Keys" in (screen := tmux("capture-pane", "-pJ", "-t", session)) and shown in screen)
        screen = tmux("capture-pane", "-pJ", "-t", session)
        for key in keys:
            tmux("send-keys", "-t", session, key)
            time.sleep(0.2)
        wait_for(lambda: code.exists() and code.read_text().strip() != "")
        return int(code.read_text()), out.read_text(), screen, tmux("capture-pane", "-pJ", "-t", session)
    finally:
        close(session)


def test_print_to_a_file_from_a_real_terminal(tmp_path):
    # `j` once every seed is listed: on a busy machine the first frame may come before they all load.
    code, printed, screen, _ = run_in_terminal(tmp_path, ["j", "p"], shown="5 articles")
    assert code == 0
    title, meta = printed.split("\n")[:2]
    assert title == "Lavrov’s visit to Tehran amid JCPOA talks heralds bright prospects for ties with Russia"
    assert meta.startswith("IRNA · 18 Apr · Moscow")
    # The app measured the terminal, not the redirected stdout (which would give 80×24).
    assert max(len(line.rstrip()) for line in screen.splitlines()) > 120
    assert "Print → stdout" in screen


@pytest.mark.parametrize("key, exit_code", [("q", 1), ("C-c", 130)])
def test_leaving_without_printing(tmp_path, key, exit_code):
    code, printed, _, _ = run_in_terminal(tmp_path, [key])
    assert (code, printed) == (exit_code, "")


@pytest.mark.parametrize("arguments", ["-", ""])
def test_articles_from_a_pipe_keys_from_the_terminal(tmp_path, arguments):
    """`cat feed | newsreader - > pick.txt`, or without the `-` as with fzf: the articles come down the
    pipe, the keys from the terminal."""
    feed = tmp_path / "wire.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        "<item><title>Piped headline</title><description>LONDON (Wire) - It came down a pipe.</description>"
        "<pubDate>Tue, 30 Jan 2018 16:14:05 GMT</pubDate></item></channel></rss>"
    )
    code, printed, screen, _ = run_in_terminal(tmp_path, ["p"], pipe_in=feed, arguments=arguments)
    assert "Piped headline" in screen
    assert code == 0 and printed.startswith("Piped headline\nWire · 30 Jan 2018 · London")


def test_files_skipped_are_said_on_the_terminal_once_the_reader_has_left_it(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "good.txt").write_text("A headline\n\nA body that loads.\n")
    for number in range(12):
        (folder / f"bad-{number:02d}.json").write_text("{not json")
    code, _, _, after = run_in_terminal(tmp_path, ["q"], shown="1 article", arguments=shlex.quote(str(folder)))
    assert code == 1
    said = [line for line in after.splitlines() if line.startswith("newsreader: ")]
    assert [line.split(": invalid JSON")[0] for line in said[:10]] == [
        f"newsreader: skipped {folder}/bad-{number:02d}.json" for number in range(10)
    ]
    assert said[10] == "newsreader: and 2 more skipped (--problems FILE keeps them all)"
