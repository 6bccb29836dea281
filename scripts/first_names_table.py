"""Writes newsreader/analysis/first_names.txt, the given names the gazetteer knows, from gender-guesser's
dictionary: `python scripts/first_names_table.py` after an upgrade of gender-guesser (a test says when).

The list is made once here and shipped, because finding the names in the dictionary's 4 MB took every
process that analyses 240 M instructions, an eighth of a one-article export.
"""

from __future__ import annotations

from importlib import metadata, resources
from pathlib import Path

from newsreader.analysis.gazetteer import FIRST_NAMES, dictionary_first_names


def table() -> str:
    """The list's text: a header saying where it comes from, a blank line, then a name a line."""
    header = (
        f"# Given names of gender-guesser {metadata.version('gender-guesser')}'s dictionary (nam_dict.txt, by Jörg"
        " Michael, GNU FDL),\n# written by scripts/first_names_table.py: not to be edited by hand.\n\n"
    )
    return header + "".join(f"{name}\n" for name in dict.fromkeys(dictionary_first_names()))


if __name__ == "__main__":
    path = Path(str(resources.files("newsreader.analysis").joinpath(FIRST_NAMES)))
    path.write_text(table(), encoding="utf-8")
    print(f"wrote {path}")
