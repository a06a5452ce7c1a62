"""One line of Rich text as a Textual strip, for the Line API lists (board columns, agenda)."""

from __future__ import annotations

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip


def text_strip(text: Text, width: int, fill: Style, console: Console, tail: Segment | None = None) -> Strip:
    """``text`` cut to ``width`` cells (with an ellipsis) and padded with ``fill``, then ``tail`` if given.

    Built as one strip: a board repaint makes hundreds of these, and each
    intermediate strip (extend, crop, simplify) costs as much as the text.
    """
    text.truncate(width, overflow="ellipsis")
    # Every segment gets a real style: Textual's NO_COLOR filter cannot read a bare one.
    segments = list(Segment.apply_style(text.render(console), fill))
    length = Segment.get_line_length(segments)
    if length < width:
        segments.append(Segment(" " * (width - length), fill))
    elif length > width:  # not expected after the truncation; cut exactly all the same
        segments = list(Segment.adjust_line_length(segments, width, fill))
    if tail is None:
        return Strip(segments, width)
    segments.append(tail)
    return Strip(segments, width + tail.cell_length)
