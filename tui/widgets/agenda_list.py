"""The agenda's list: section headings and card rows, painted only where visible.

Like the board's columns, rows are not widgets. Each row knows its height
before it is drawn (a heading is one line; a card two to five, depending on
what it has to say), so a list of thousands of rows costs a running total of
heights and the few rows on screen, built when they scroll into view.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any, ClassVar, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui import keys
from tui.widgets.finish import LineFinisher, keep_line, painted_for
from tui.widgets.paint import text_strip


class Row(NamedTuple):
    """A heading (``card_id`` None) or a card; ``lines()`` builds its text when it is shown.

    A tuple, not a dataclass, holding what its text is made from and one
    function shared by all rows, not a closure of its own: the agenda of a
    big board makes thousands at once.
    """

    card_id: int | None
    height: int
    make: Callable[[Any], list[Text]]
    subject: Any

    def lines(self) -> list[Text]:
        return self.make(self.subject)


class AgendaList(ScrollView, can_focus=True):
    """Rows of the agenda with a cursor that skips the headings."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings(keys.COLUMN_KEYS)
    COMPONENT_CLASSES: ClassVar[set[str]] = {"agenda--cursor"}
    DEFAULT_CSS = """
    AgendaList {
        overflow-x: hidden;
    }
    AgendaList > .agenda--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    AgendaList:blur > .agenda--cursor {
        background: $block-cursor-blurred-background;
    }
    """

    cursor: reactive[int] = reactive(-1, always_update=True)
    """The index of the highlighted row (-1: no card row)."""

    @dataclass
    class Selected(Message):
        """Enter or a double click on a card row."""

        list: AgendaList
        card_id: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Row] = []
        self._tops: list[int] = [0]
        self._cards: list[int] = []  # indexes of the card rows, in order
        self._lines: dict[int, list[Text]] = {}
        #: Painted lines, by row, line, cursor and width: kept, their finished lines are kept too.
        self._painted: dict[tuple[int, int, bool, int, tuple[object, ...]], Strip] = {}
        self._finisher = LineFinisher(self)
        #: What the painted lines were painted for: the theme, and whether colour is off.
        self._look: tuple[object, ...] = ()

    # -- content

    def set_rows(self, rows: Sequence[Row], keep: int | None = None) -> None:
        """Show ``rows``; keep the cursor on card ``keep`` if it is still listed, else the first card."""
        self.rows = list(rows)
        self._tops = [0, *accumulate(row.height for row in self.rows)]
        self._cards = [k for k, row in enumerate(self.rows) if row.card_id is not None]
        self._lines.clear()
        self._painted.clear()
        # Only the height scrolls; a width here would change with every resize and have the
        # list laid out a second time (a frame more when the agenda first opens).
        self.virtual_size = Size(0, self._tops[-1])
        index = next((k for k in self._cards if self.rows[k].card_id == keep), None) if keep else None
        if index is None:
            index = self._cards[0] if self._cards else -1
        self.cursor = index

    @property
    def card_id(self) -> int | None:
        """The highlighted card's id."""
        return self.rows[self.cursor].card_id if 0 <= self.cursor < len(self.rows) else None

    # -- the cursor

    def watch_cursor(self) -> None:
        self.refresh()
        self.call_after_refresh(self._scroll_to_cursor)

    def _scroll_to_cursor(self) -> None:
        if 0 <= self.cursor < len(self.rows):
            first = self.cursor
            if first > 0 and self.rows[first - 1].card_id is None:
                first -= 1  # the first card of a section is shown under its heading
            top, bottom = self._tops[first], self._tops[self.cursor + 1]
            self.scroll_to_region(Region(0, top, 1, bottom - top), animate=False, immediate=True, force=True)

    def _step(self, by: int) -> None:
        """Move ``by`` card rows (headings do not count)."""
        if not self._cards:
            return
        here = bisect_right(self._cards, self.cursor) - 1
        self.cursor = self._cards[max(0, min(len(self._cards) - 1, here + by))]

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_first(self) -> None:
        self._step(-len(self._cards))

    def action_cursor_last(self) -> None:
        self._step(len(self._cards))

    def action_page_up(self) -> None:
        self._step(-self._page())

    def action_page_down(self) -> None:
        self._step(self._page())

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height // 3)

    def key_enter(self, event: events.Key) -> None:
        card_id = self.card_id
        if card_id is not None:
            event.stop()
            self.post_message(self.Selected(self, card_id))

    def on_click(self, event: events.Click) -> None:
        index = bisect_right(self._tops, event.y + int(self.scroll_y)) - 1
        if 0 <= index < len(self.rows) and self.rows[index].card_id is not None:
            self.cursor = index
            if event.chain >= 2:
                self.post_message(self.Selected(self, self.rows[index].card_id or 0))

    # -- painting

    def render_lines(self, crop: Region) -> list[Strip]:
        look = painted_for(self.app)
        if look != self._look:
            self._look = look
            self._painted.clear()
            self._finisher.forget()
        lines = self._finisher.lines(crop)
        return lines if lines is not None else super().render_lines(crop)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._look = ()  # read again at the next repaint

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = y + int(self.scroll_y)
        index = bisect_right(self._tops, line) - 1
        if not 0 <= index < len(self.rows):
            index, offset, cursor = -1, 0, False  # under the last row: a blank line
        else:
            offset, cursor = line - self._tops[index], index == self.cursor
        key = (index, offset, cursor, width, (self.has_focus,) if cursor else ())
        strip = self._painted.get(key)
        if strip is None:
            strip = self._paint(index, offset, cursor, width)
            keep_line(self._painted, key, strip)
        return strip

    def _paint(self, index: int, offset: int, cursor: bool, width: int) -> Strip:
        base = self.rich_style
        if index < 0:
            return Strip.blank(width, base)
        lines = self._lines.get(index)
        if lines is None:
            lines = self._lines[index] = self.rows[index].lines()
        fill = base + self.get_component_rich_style("agenda--cursor") if cursor else base
        if self.app.no_color and cursor:
            fill += Style(reverse=self.has_focus, underline=not self.has_focus)
        text = lines[offset].copy() if offset < len(lines) else Text()
        return text_strip(text, width, fill, self.app.console)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
