"""The `!` screen: every file and line that was skipped while loading, with the reason."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.segment import Segment
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.strip import Strip

from newsreader.model import LoadProblem
from tui.widgets.rows import RowList, fit


def tail(text: str, width: int) -> str:
    """The end of `text` in at most `width` cells, with an ellipsis where its start was cut."""
    if cell_len(text) <= width:
        return text
    kept = text
    while kept and cell_len(kept) > width - 1:
        kept = kept[1:]
    return "…" + kept


class ProblemList(RowList):
    """A row per skipped file or line: where, then why."""

    COMPONENT_CLASSES = RowList.COMPONENT_CLASSES | {"problem-list--path"}
    DEFAULT_CSS = "ProblemList > .problem-list--path { color: $text-secondary; }"
    EMPTY = "Every file loaded: nothing was skipped."

    def __init__(self, problems: Sequence[LoadProblem], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows = [row for problem in problems for row in problem.skipped()]

    def row_count(self) -> int:
        return len(self.rows)

    def render_row(self, index: int, width: int, cursor: bool) -> Strip:
        path, reason = self.rows[index]
        styles = self.styles_of
        base = styles["row-list--cursor"] if cursor else styles["base"]
        # A long path gives way to the reason: its start goes first ("…/corpus/bad.json").
        where = f"{tail(path, max(width - cell_len(reason) - 2, width // 3))}: "
        segments = [
            Segment(where, base + styles["problem-list--path"]),
            Segment(fit(reason, width - cell_len(where)), base),
        ]
        return Strip(segments).extend_cell_length(width, base).crop(0, width)


class ProblemsScreen(ModalScreen[None]):
    """The skipped files and lines, over the reader; `--problems FILE` keeps the same list in a file."""

    BINDINGS = [Binding("escape,q,exclamation_mark", "dismiss", "Close")]
    DEFAULT_CSS = """
    ProblemsScreen { align: center middle; }
    ProblemsScreen ProblemList {
        width: 100; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    """

    def __init__(self, problems: Sequence[LoadProblem]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        rows = ProblemList(self.problems)
        rows.border_title = f"Skipped while loading: {len(rows.rows):,}"
        rows.border_subtitle = "Esc closes · --problems FILE keeps this list"
        yield rows
