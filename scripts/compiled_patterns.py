"""Writes the compiled code of the big patterns that ship with newsreader (newsreader/analysis/*.sre) for the
Python that runs it: `python scripts/compiled_patterns.py` after a change to the date rules (a test says when)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from newsreader.analysis.compiled_patterns import code_file
from newsreader.analysis.date_expressions import expression_pattern

PATTERNS = {"date_expressions": expression_pattern}

if __name__ == "__main__":
    for name, pattern in PATTERNS.items():
        path = Path(str(resources.files("newsreader.analysis").joinpath(f"{name}.sre")))
        path.write_bytes(code_file(pattern()))
        print(f"wrote {path}")
