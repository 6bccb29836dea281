"""End to end in a real terminal (tmux): `newsreader > file`, keys typed, the file and exit code checked."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

WIDTH, HEIGHT = 150, 40


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], check=True, capture_output=True, text=True).stdout


def wait_for(condition, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the terminal never showed what was expected")
        time.sleep(0.1)


def run_in_terminal(tmp_path: Path, keys: list[str]) -> tuple[int, str, str]:
    """Start `newsreader > out` in a tmux window, type `keys`, return exit code, stdout and the screen."""
    session = f"newsreader-{uuid.uuid4().hex[:8]}"
    out, code = tmp_path / "out.txt", tmp_path / "code.txt"
    command = f"{shlex.quote(sys.executable)} -m tui > {out}; echo $? > {code}; sleep 5"
    tmux("new-session", "-d", "-s", session, "-x", str(WIDTH), "-y", str(HEIGHT), command)
    try:
        wait_for(lambda: "Keys" in tmux("capture-pane", "-p", "-t", session))
        screen = tmux("capture-pane", "-p", "-t", session)
        for key in keys:
            tmux("send-keys", "-t", session, key)
            time.sleep(0.2)
        wait_for(lambda: code.exists() and code.read_text().strip() != "")
        return int(code.read_text()), out.read_text(), screen
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def test_print_to_a_file_from_a_real_terminal(tmp_path):
    code, printed, screen = run_in_terminal(tmp_path, ["j", "p"])
    assert code == 0
    title, meta = printed.split("\n")[:2]
    assert title == "Lavrov’s visit to Tehran amid JCPOA talks heralds bright prospects for ties with Russia"
    assert meta.startswith("IRNA · --04-18 · Moscow")
    # The app measured the terminal, not the redirected stdout (which would give 80×24).
    assert max(len(line.rstrip()) for line in screen.splitlines()) > 120
    assert "Print → stdout" in screen


@pytest.mark.parametrize("key, exit_code", [("q", 1), ("C-c", 130)])
def test_leaving_without_printing(tmp_path, key, exit_code):
    code, printed, _ = run_in_terminal(tmp_path, [key])
    assert (code, printed) == (exit_code, "")
