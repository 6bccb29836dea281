"""The reader's widgets: lists of rows (articles, the timeline) and the reader pane."""

from rich.style import Style


def foreground(style: Style) -> Style:
    """A component's colour and text style without its background, to lay over the pane's own."""
    return Style(
        color=style.color, bold=style.bold, italic=style.italic, underline=style.underline, reverse=style.reverse
    )
