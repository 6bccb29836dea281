"""The exit codes of the `newsreader` command and of the reader, as fzf's."""

OK = 0  # done; in the reader: printed what the user picked
NOTHING = 1  # nothing found; in the reader: quit without printing
USAGE = 2  # a wrong argument, no terminal for the reader, or an output that cannot be written
INTERRUPTED = 130  # ctrl+c
