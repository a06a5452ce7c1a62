"""One line of Rich text as a Textual strip, for the Line API lists (board columns, agenda)."""

from __future__ import annotations

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip


def text_strip(text: Text, width: int, fill: Style, console: Console) -> Strip:
    """``text`` cut to ``width`` cells (with an ellipsis) and padded with ``fill``."""
    text.truncate(width, overflow="ellipsis")
    # Every segment gets a real style: Textual's NO_COLOR filter cannot read a bare one.
    segments = list(Segment.apply_style(text.render(console), fill))
    return Strip(segments).extend_cell_length(width, fill).crop(0, width).simplify()
