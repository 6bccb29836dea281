"""The engine stands without the terminal app: importing every module of it loads no Textual and no Rich."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import newsreader


def test_no_engine_module_imports_textual_or_rich():
    every = pkgutil.walk_packages(newsreader.__path__, "newsreader.")
    modules = [info.name for info in every if info.name != "newsreader.__main__"]  # that one runs the command
    assert "newsreader.store" in modules and "newsreader.analysis.timex" in modules
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich', 'tui'}))\n"
    )
    loaded = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True).stdout
    assert loaded.strip() == "[]"
