"""What the reader imports before its first frame: only what that frame uses (each module more is
milliseconds more before the list shows, which benchmarks/first_paint.py times against bare Textual)."""

from __future__ import annotations

import subprocess
import sys

# Each was imported by the reader's modules before it used it, and slowed the first frame: the search and
# rapidfuzz (for one type the list's annotations named), the HTML parser (for a JSON Feed's HTML), the
# formats' loaders (a warm start reads no file), the date rules (for the seasons' names), the help screen.
LATER = (
    "rapidfuzz",
    "html.parser",
    "newsreader.search",
    "newsreader.ingest.reading",
    "newsreader.analysis.date_expressions",
    "newsreader.analysis.tagger",
    "tui.screens.help",
)


def test_the_reader_s_modules_import_none_of_what_comes_after_its_first_frame():
    script = "import sys, newsreader.cli, tui.app, tui.launch; print(' '.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert set(LATER) & set(done.stdout.split()) == set()
