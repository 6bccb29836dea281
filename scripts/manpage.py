"""Writes docs/newsreader.1, the man page, from the command's own parser: `python scripts/manpage.py`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from newsreader import __version__

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGE = DOCS / "newsreader.1"
SECTIONS = DOCS / "newsreader.h2m"  # what the parser does not say: exit status, files


def manpage() -> str:
    """The man page argparse-manpage makes of `newsreader.cli.build_parser()` and the extra sections."""
    command = [
        str(Path(sys.executable).parent / "argparse-manpage"),
        "--module", "newsreader.cli",
        "--function", "build_parser",
        "--project-name", "newsreader",
        "--version", __version__,
        "--description", "read, search and connect news articles in the terminal",
        "--manual-title", "newsreader manual",
        "--include", str(SECTIONS),
    ]  # fmt: skip
    # argparse wraps usage lines to the terminal's width: fix it, so the page is the same wherever it is made.
    environment = {**os.environ, "COLUMNS": "100"}
    return subprocess.run(command, check=True, capture_output=True, text=True, env=environment).stdout


if __name__ == "__main__":
    PAGE.write_text(manpage())
