"""`python -m newsreader`: the same as the `newsreader` command."""

from newsreader.cli import entry_point

entry_point()
