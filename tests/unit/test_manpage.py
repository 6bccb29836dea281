"""The man page that ships is the one the command's parser makes, and it documents every subcommand."""

from __future__ import annotations

from newsreader.cli import COMMANDS
from scripts.manpage import PAGE, manpage


def without_date(page: str) -> list[str]:
    return [line for line in page.splitlines() if not line.startswith(".TH ")]


def test_the_shipped_man_page_is_the_parsers():
    made = manpage()
    assert without_date(PAGE.read_text()) == without_date(made), "run: python scripts/manpage.py"
    for command in COMMANDS:
        assert f"\\fBnewsreader\\fR \\fI\\,{command.name}\\/\\fR" in made
