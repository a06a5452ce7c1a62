"""Finishing a Line API list's lines as Textual's styling would, on lines the list keeps.

Textual finishes every line a widget paints in a general pipeline (borders,
padding, outline, tint, opacity, each worked out again for each line, and the
line filters run on a new line each time): most of the cost of a move, a page
down or opening the agenda. The board's columns and the agenda list are
styled with at most a border on the right, so ``LineFinisher`` adds that cell
itself to the lines the list keeps, and the filters (no colour, dimming) find
their results kept on those lines too. Any other styling is left to Textual.
Tests compare the lines with Textual's own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from msgspec import Struct
from rich.segment import Segment
from rich.style import Style
from textual.app import App
from textual.color import Color
from textual.geometry import Region
from textual.strip import Strip
from textual.style import Style as TextualStyle
from textual.widget import Widget

from tui.textual_compat import forget_cuts, right_border_cell, strips_made_from

#: Painted lines a list keeps before the oldest are dropped (a few screens' worth, at two widths).
#: Each is some twenty objects for the collector to go through (Textual keeps seven caches per line).
LINES_KEPT = 200

_K = TypeVar("_K")
_V = TypeVar("_V")


def keep_line(cache: dict[_K, _V], key: _K, value: _V, release: Callable[[_V], None] | None = None) -> None:
    """Remember ``value``; past ``LINES_KEPT`` entries the oldest one goes (through ``release``).

    One at a time: dropping thousands of painted lines at once (each a few
    objects) made every forty-odd pages down a slow one.
    """
    if len(cache) >= LINES_KEPT:
        oldest = next(iter(cache))
        if release is not None:
            release(cache[oldest])
        del cache[oldest]
    cache[key] = value


def release_line(strip: Strip, depth: int = 2) -> None:
    """Let a finished line go as soon as it is dropped, not at the collector's next full pass.

    Textual's compositor remembers how it cut a line, and a line it cuts into
    one piece (a column's, every frame) is remembered as a list holding the line
    itself: a reference cycle, which only the cyclic collector breaks. A list's
    kept lines live long enough to reach the collector's oldest generation; a
    page down dropped some thirty of them, with the lines Textual made from
    them (filtered, cropped), and every hundred pages or so a full collection
    went through them all, a long pause in the middle of a key. Forgetting the
    cuts breaks the cycles, and the lines are freed when they are dropped.
    """
    forget_cuts(strip)
    if depth:
        for line in strips_made_from(strip):
            release_line(line, depth - 1)


def painted_for(app: App[object]) -> tuple[object, ...]:
    """What a list's painted lines depend on besides its CSS: the theme, and the colour mode."""
    return (app.theme, app.no_color, app.ansi_color)


def _release_entry(entry: tuple[Strip, Strip]) -> None:
    release_line(entry[1])


class Frame(Struct, frozen=True):
    """What Textual's styling adds to each line of a widget of one width: a right border, if any."""

    width: int
    content_width: int
    fill: Style
    edge: Segment | None
    background: Color


def read_frame(widget: Widget) -> Frame | None:
    """The widget's frame, if its styles are ones ``LineFinisher`` finishes as Textual does."""
    styles = widget.styles
    top, right, bottom, left = styles.border
    boxed = top[0] or bottom[0] or left[0] or any(edge for edge, _color in styles.outline)
    padded = any(styles.padding)
    effects = styles.tint.a or styles.text_opacity != 1.0 or widget.opacity != 1.0
    hatched = styles.has_rule("hatch") and styles.hatch != "none"
    titled = widget.border_title is not None or widget.border_subtitle is not None
    if boxed or padded or effects or hatched or titled or widget.BLANK:
        return None
    base_background, background = widget.background_colors
    inner = TextualStyle(background=base_background + background)
    outer = TextualStyle(background=base_background)
    edge: Segment | None = None
    if right[0]:
        border = TextualStyle(foreground=base_background + right[1])
        edge = right_border_cell(right[0], inner, outer, border)
    return Frame(
        width=widget.region.width,
        content_width=widget.content_region.width,
        fill=inner.rich_style,
        edge=edge,
        background=background,
    )


class LineFinisher:
    """A widget's lines (its ``render_line``) finished as Textual would, kept by the line they finish."""

    def __init__(self, widget: Widget) -> None:
        self.widget = widget
        #: How lines are finished at each width the widget had (None: by Textual).
        self.frames: dict[int, Frame | None] = {}
        self._finished: dict[tuple[int, int], tuple[Strip, Strip]] = {}

    def forget(self) -> None:
        """The widget's styles changed (the CSS or the theme): work the frames out again."""
        self.frames.clear()
        for entry in self._finished.values():
            _release_entry(entry)
        self._finished.clear()

    def lines(self, crop: Region) -> list[Strip] | None:
        """The lines in ``crop`` as Textual would draw them; None if Textual has to."""
        widget = self.widget
        width = widget.region.width
        if width not in self.frames:
            self.frames[width] = read_frame(widget)
        frame = self.frames[width]
        if frame is None:
            return None
        filters = widget.get_line_filters()
        background = frame.background
        finished = self._finished_line
        strips = []
        for y in crop.line_range:
            strip = finished(y, frame)
            for line_filter in filters:
                strip = strip.apply_filter(line_filter, background)
            strips.append(strip)
        x1, x2 = crop.column_span
        if (x1, x2) != (0, frame.width):
            strips = [strip.crop(x1, x2) for strip in strips]
        return strips

    def _finished_line(self, y: int, frame: Frame) -> Strip:
        content = self.widget.render_line(y)
        key = (id(content), frame.width)
        known = self._finished.get(key)
        if known is not None and known[0] is content:
            return known[1]
        line = content.adjust_cell_length(frame.content_width, frame.fill)
        strip = Strip([*line, frame.edge], frame.width) if frame.edge is not None else line
        keep_line(self._finished, key, (content, strip), _release_entry)
        return strip
