"""`python -m tui`: the same as the `newsreader` command."""

from .cli import entry_point

entry_point()
