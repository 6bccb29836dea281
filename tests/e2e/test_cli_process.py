"""The command as its own process: export without Textual, a closed pipe, articles from stdin."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from newsreader.cli import main
from tests.conftest import WIRE_RSS


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_from_elsewhere_does_not_load_textual(tmp_path):
    script = "import sys; from newsreader.cli import main; main(['export']); assert 'textual' not in sys.modules"
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 5


def test_closed_pipe_is_not_an_error(tmp_path):
    result = subprocess.run(
        f"{sys.executable} -m newsreader export | head -c 10", shell=True, capture_output=True, text=True, cwd=tmp_path
    )
    assert result.stderr == "" and len(result.stdout) == 10


@pytest.mark.parametrize("feed", [False, True])
def test_stdin(tmp_path, feed):
    data = WIRE_RSS if feed else json.dumps({"title": "From a pipe", "text": "Piped body."}) + "\n"
    result = subprocess.run(
        [sys.executable, "-m", "newsreader", "export", "-"], input=data, capture_output=True, text=True, cwd=tmp_path
    )
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 0 and result.stderr == ""
    assert {r["source_path"] for r in records} == {"<stdin>"}
    assert {r["title"] for r in records} == ({"Storm & floods", "Quiet day"} if feed else {"From a pipe"})
