"""The engine stands without the terminal app: every module of it imports with Textual, Rich and tui refused."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import newsreader

# In a fresh interpreter, Textual, Rich and tui cannot be imported: an engine module that needs them fails.
# (A library may still load Rich for itself when it finds it, as httpx does for its command line.)
REFUSING = """
import importlib, importlib.abc, sys

class Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in {"textual", "rich", "tui"}:
            raise ImportError(f"{name} is refused")

sys.meta_path.insert(0, Refuse())
for name in MODULES:
    importlib.import_module(name)
print(len(MODULES))
"""


def test_every_engine_module_imports_without_textual_or_rich():
    every = pkgutil.walk_packages(newsreader.__path__, "newsreader.")
    modules = [info.name for info in every if info.name != "newsreader.__main__"]  # that one runs the command
    assert "newsreader.store" in modules and "newsreader.analysis.timex" in modules
    script = REFUSING.replace("MODULES", repr(modules))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(len(modules))
