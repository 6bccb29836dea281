"""Shell completion as a user gets it: the script `newsreader completion bash` prints, sourced in a real bash."""

from __future__ import annotations

import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.e2e.test_terminal import close, tmux, wait_for


@pytest.mark.skipif(shutil.which("tmux") is None or shutil.which("bash") is None, reason="needs tmux and bash")
def test_bash_completes_a_subcommand_and_its_options(tmp_path: Path):
    script = tmp_path / "newsreader.bash"
    script.write_text(
        subprocess.run(
            [sys.executable, "-m", "newsreader", "completion", "bash"], check=True, capture_output=True, text=True
        ).stdout
    )
    session = f"completion-{uuid.uuid4().hex[:8]}"
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "20", "env PS1='$ ' bash --norc --noprofile")
    try:
        tmux("send-keys", "-t", session, f"source {script}", "Enter")
        tmux("send-keys", "-t", session, "newsreader sh", "Tab")
        wait_for(lambda: "$ newsreader show" in tmux("capture-pane", "-p", "-t", session))
        tmux("send-keys", "-t", session, "--", "--fo", "Tab")
        wait_for(lambda: "$ newsreader show --format" in tmux("capture-pane", "-p", "-t", session))
        tmux("send-keys", "-t", session, "Tab", "Tab")
        wait_for(lambda: "markdown" in tmux("capture-pane", "-p", "-t", session))
    finally:
        close(session)
