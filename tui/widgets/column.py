"""One stage of the board: a virtual list of cards under the stage's header, as one widget.

Cards are not widgets, and neither is a column's header or frame. ``CardList``
is a Line API ``ScrollView``: it paints the stage's name and counts in its
first two rows, then only the cards on screen, each a few lines built from
the card's assessment and cached as strips until the cards, the width or the
cursor change. A column of 10,000 cards costs what a column of 10 does. The
list draws its own scroll position in its last column (Textual's scroll bar
widgets cost a third of the repaint of a move), and marks the focused
column's header itself (a CSS class would restyle a widget at every move).
Its lines are finished (border cell, line filters) by ``tui.widgets.finish``
rather than by Textual's general per-line styling.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from typing import Any, ClassVar

from msgspec import Struct
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.geometry import Region, Size, Spacing
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui import keys
from tui.domain.describe import state_line
from tui.domain.queries import Assessed
from tui.domain.stages import Stage, Status
from tui.palette import MONO_NAG_STYLE, NAG_STYLE
from tui.palette import status_style as status_style_for
from tui.text import literal
from tui.widgets.finish import LineFinisher, keep_line, painted_for
from tui.widgets.paint import text_strip

#: Lines per card: company, role, follow-up state, gap.
CARD_HEIGHT = 4
#: Rows of the column's header (the stage, its counts) above the cards; they do not scroll.
HEADER_HEIGHT = 2
_BOLD = Style(bold=True)
#: What the cards' scrolling leaves out of view: the header's rows.
_UNDER_HEADER = Spacing(HEADER_HEIGHT, 0, 0, 0)


class _Look(Struct, frozen=True):
    """The styles a card is painted with, read from the CSS once per refresh."""

    base: Style
    body: Style
    cursor: Style
    cursor_blur: Style
    company: Style
    role: Style
    header: Style
    header_focused: Style
    mono: bool
    #: The scroll position's marker in the last column, and that column elsewhere.
    thumb: Segment
    track: Segment


class _Row(Struct, frozen=True):
    """What a painted row depends on besides the card itself and the width."""

    line: int
    cursor: bool
    #: The cursor's card in the focused list (only the cursor row looks different with focus).
    focused: bool
    #: The row is beside the scroll position's marker.
    thumb: bool


class CardList(ScrollView, can_focus=True):
    """The cards of one column, painted line by line."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings(keys.COLUMN_KEYS)

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "card--header",
        "card--header-focused",
        "card--company",
        "card--role",
        "card--body",
        "card--cursor",
        "card--cursor-blur",
        "card--empty",
    }

    cursor: reactive[int] = reactive(0, always_update=True)

    @dataclass
    class Highlighted(Message):
        """The cursor moved onto a card (or the list emptied: ``card_id`` None)."""

        list: CardList
        card_id: int | None

    @dataclass
    class Opened(Message):
        """A card was double-clicked."""

        list: CardList
        card_id: int

    def __init__(self, stage: Stage, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.stage = stage
        self.items: list[Assessed] = []
        #: What the header says: cards shown, cards in the stage, late and due among those shown.
        self.counts: tuple[int, int, int, int] = (0, 0, 0, 0)
        #: This is the focused column (its header is marked).
        self.marked = False
        self.today: date | None = None
        self.empty_text = "no cards"
        #: Painted lines by (the card's assessment, row, width). An assessment is replaced,
        #: never changed, when its card or verdict changes, so a hit is never stale; its
        #: ``id`` is the key and the object is kept with the strip to make sure it is the same.
        self._strips: dict[tuple[int, _Row, int], tuple[Assessed, Strip]] = {}
        self._look: _Look | None = None
        #: Lines as Textual's styling would finish them (see ``tui.widgets.finish``).
        self._finisher = LineFinisher(self)
        #: The painted lines that are not a card's (header rows, blanks), by what they show.
        self._plains: dict[tuple[object, ...], Strip] = {}
        #: What the look was read for: the theme, and whether colour is off.
        self._look_theme: tuple[object, ...] = ()
        self._look_stale = False
        #: The width cards are painted at in this repaint (the last column is the scroll marker).
        self._width = 0
        self._focused = False
        #: The rows (on screen) of the scroll position's marker: [start, end).
        self._thumb = (0, 0)

    # -- content

    def show(
        self, items: list[Assessed], today: date, counts: tuple[int, int, int], keep: int | None = None
    ) -> None:
        """Show the column's cards and its counts (all its cards, late, due among ``items``).

        A column whose list, day and total are unchanged is left alone.
        """
        total, late, due = counts
        if items is self.items and self.counts[1] == total and self.today == today:
            if keep is not None:
                self.select_card(keep)
            return
        self._show_counts((len(items), total, late, due))
        self.set_items(items, today, keep)

    def _show_counts(self, counts: tuple[int, int, int, int]) -> None:
        if counts != self.counts:
            self.counts = counts
            self._refresh_header()

    def mark(self, on: bool) -> None:
        """Mark this as the focused column (or not): its header is drawn in the focused style."""
        if on != self.marked:
            self.marked = on
            self._refresh_header()

    def _refresh_header(self) -> None:
        if self.is_mounted:
            self.refresh(Region(0, 0, self.size.width, HEADER_HEIGHT))

    def set_items(self, items: list[Assessed], today: date, keep: int | None = None) -> None:
        """Show ``items``; keep the cursor on card ``keep`` (or the same card) if it is still here."""
        current = self.current
        wanted = keep if keep is not None else (current.card.id if current else None)
        self.items = items
        if today != self.today:
            self._strips.clear()
        self.today = today
        self._fit_scroll()
        index = _position(items, wanted, self.cursor)
        if index is None:
            index = min(self.cursor, max(0, len(items) - 1))
        self.set_reactive(CardList.cursor, index)
        self._announce()
        self.refresh()
        if self.is_mounted:
            self.call_after_refresh(self.scroll_to_cursor, False)

    @property
    def current(self) -> Assessed | None:
        if 0 <= self.cursor < len(self.items):
            return self.items[self.cursor]
        return None

    def select_card(self, card_id: int) -> bool:
        index = _position(self.items, card_id, self.cursor)
        if index is None:
            return False
        self.cursor = index
        return True

    # -- cursor

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.items) - 1)) if self.items else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self._refresh_card(old)
        self._refresh_card(new)
        self.scroll_to_cursor()
        if old != new:
            self._announce()

    def _announce(self) -> None:
        current = self.current
        self.post_message(self.Highlighted(self, current.card.id if current else None))

    def scroll_to_cursor(self, animate: bool = False) -> None:
        if not self.items or not self.is_mounted:
            return
        top = HEADER_HEIGHT + self.cursor * CARD_HEIGHT
        region = Region(0, top, max(1, self.size.width), CARD_HEIGHT)
        self.scroll_to_region(region, spacing=_UNDER_HEADER, animate=animate, immediate=True, force=True)

    @property
    def page(self) -> int:
        return max(1, self._card_rows // CARD_HEIGHT)

    @property
    def _card_rows(self) -> int:
        """How many rows the cards have on screen, under the header."""
        return max(0, self.scrollable_content_region.height - HEADER_HEIGHT)

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_first(self) -> None:
        self.cursor = 0

    def action_cursor_last(self) -> None:
        self.cursor = len(self.items) - 1

    def action_page_up(self) -> None:
        self.cursor -= self.page

    def action_page_down(self) -> None:
        self.cursor += self.page

    def _refresh_card(self, index: int) -> None:
        if self.is_mounted:
            self.refresh_lines(HEADER_HEIGHT + index * CARD_HEIGHT, CARD_HEIGHT)

    # Focus. Textual's own handlers repaint the whole list when the Focus or Blur event
    # arrives and restyle it (for ``:focus`` rules, which no list has): at every move, a
    # second frame redrawing both columns, and the styles read again. The list repaints
    # its cursor itself, as the screen's focus changes (``focus_changed``).

    def on_focus(self, event: events.Focus) -> None:
        event.prevent_default()  # not Textual's own handler
        self.has_focus = True
        if self.parent is not None:
            self.parent.post_message(events.DescendantFocus(self))
        self._announce()

    def on_blur(self, event: events.Blur) -> None:
        event.prevent_default()  # not Textual's own handler
        self.has_focus = False
        if self.parent is not None:
            self.parent.post_message(events.DescendantBlur(self))

    def watch_has_focus(self, _has_focus: bool) -> None:
        """Nothing to restyle: the look of the focused list comes from the screen, not from CSS."""

    def focus_changed(self) -> None:
        """The screen's focus came or went (called as it happens, before the next frame)."""
        self._refresh_card(self.cursor)

    def _fit_scroll(self) -> None:
        """Make the scrollable height match the cards (lines are never wider than the list).

        Setting it lays the screen out again, which also sizes the scroll bar:
        measured, that costs a move no work worth keeping a private Textual
        call for (tests/BENCHMARK.md).
        """
        size = Size(0, HEADER_HEIGHT + len(self.items) * CARD_HEIGHT)
        if self.is_mounted:
            self.virtual_size = size
        else:
            self.set_reactive(CardList.virtual_size, size)

    def on_click(self, event: events.Click) -> None:
        if event.y < HEADER_HEIGHT:
            self.focus()
            return
        index = (event.y - HEADER_HEIGHT + int(self.scroll_y)) // CARD_HEIGHT
        if 0 <= index < len(self.items):
            self.focus()
            self.cursor = index
            if event.chain >= 2:
                self.post_message(self.Opened(self, self.items[index].card.id))

    # -- painting

    def render_lines(self, crop: Region) -> list[Strip]:
        # The styles are read again only when the CSS or the theme changed, and the painted
        # cards forgotten only if what they are painted with is different.
        theme = painted_for(self.app)
        if self._look is None or self._look_stale or theme != self._look_theme:
            look = self._read_look()
            if look != self._look:
                self._strips.clear()
                self._plains.clear()
            self._look, self._look_theme, self._look_stale = look, theme, False
            self._finisher.forget()
        # The screen's focus, not ``has_focus``: that flips only when the Focus event arrives,
        # a frame after a move has already drawn the card in its new column.
        self._focused = self.is_attached and self.screen.focused is self
        self._thumb = self._thumb_rows()
        self._width = max(0, self.scrollable_content_region.width - 1)  # the last column: the marker
        lines = self._finisher.lines(crop)
        return lines if lines is not None else super().render_lines(crop)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._look_stale = True  # read again at the next repaint

    def _thumb_rows(self) -> tuple[int, int]:
        """Where the marker of the scroll position goes (rows under the header): none when all fit."""
        height = self._card_rows
        total = self.virtual_size.height - HEADER_HEIGHT
        if height <= 0 or total <= height:
            return (0, 0)
        size = max(1, round(height * height / total))
        top = round(self.scroll_y * (height - size) / (total - height))
        return (HEADER_HEIGHT + top, HEADER_HEIGHT + top + size)

    @property
    def look(self) -> _Look:
        if self._look is None:
            self._look = self._read_look()
        return self._look

    def _read_look(self) -> _Look:
        base = self.rich_style
        mono = self.app.no_color
        style = self.get_component_rich_style
        marker = self.background_colors[1] + self.styles.scrollbar_color
        return _Look(
            base=base,
            body=base + style("card--body"),
            cursor=Style(reverse=True, underline=False) if mono else style("card--cursor"),
            cursor_blur=Style(reverse=False, underline=True) if mono else style("card--cursor-blur"),
            company=style("card--company", partial=True),
            role=style("card--role", partial=True),
            header=base + style("card--header"),
            # Without colour the focused column's header is shown in reverse, as the cursor is.
            header_focused=base + (Style(reverse=True) if mono else style("card--header-focused")),
            mono=mono,
            thumb=Segment("┃", base) if mono else Segment(" ", base + Style(bgcolor=marker.rich_color)),
            track=Segment(" ", base),
        )

    def render_line(self, y: int) -> Strip:
        width = self._width
        if y < HEADER_HEIGHT:
            return self._header_line(y, width + 1)
        thumb = self._thumb[0] <= y < self._thumb[1]
        line = y - HEADER_HEIGHT + int(self.scroll_y)
        index, line = divmod(line, CARD_HEIGHT)
        if not self.items and y == HEADER_HEIGHT + 1:  # an empty column says so on its second row
            return self._plain(("empty", self.empty_text, width), self._empty_line)
        if index >= len(self.items):
            return self._plain(("after", thumb, width), self._blank_line)
        item = self.items[index]
        cursor = index == self.cursor
        row = _Row(line, cursor, cursor and self._focused, thumb)
        key = (id(item), row, width)
        known = self._strips.get(key)
        if known is not None and known[0] is item:
            return known[1]
        strip = self._paint(item, row, width)
        keep_line(self._strips, key, (item, strip))
        return strip

    def _plain(self, key: tuple[object, ...], paint: Callable[[tuple[Any, ...]], Strip]) -> Strip:
        """A line that is not a card's (a header row, a blank): painted once for what it shows."""
        strip = self._plains.get(key)
        if strip is None:
            strip = paint(key)
            keep_line(self._plains, key, strip)
        return strip

    def _header_line(self, y: int, width: int) -> Strip:
        """Row ``y`` of the header: the stage's name, or its counts worded to fit ``width`` cells."""
        return self._plain(("header", y, self.marked, self.counts, width), self._paint_header)

    def _blank_line(self, key: tuple[Any, ...]) -> Strip:
        _kind, thumb, width = key
        look = self.look
        return Strip([Segment(" " * width, look.base), look.thumb if thumb else look.track], width + 1)

    def _paint_header(self, key: tuple[Any, ...]) -> Strip:
        _kind, y, marked, counts, width = key
        style = self.look.header_focused if marked else self.look.header
        inner = max(1, width - 2)  # a cell of padding either side
        words = Text(
            self.stage.label if y == 0 else _counts_text(counts, inner),
            style=style + _BOLD,
            no_wrap=True,
            overflow="ellipsis",
            end="",
        )
        words.truncate(inner, overflow="ellipsis")
        text = Text(" ", style=style, end="")  # the padding, in a segment of its own
        text.append_text(words)
        return text_strip(text, width, style, self.app.console)

    def _empty_line(self, key: tuple[Any, ...]) -> Strip:
        """What an empty column says instead of cards."""
        _kind, empty_text, width = key
        base = self.look.base
        style = base + self.get_component_rich_style("card--empty", partial=True)
        text = Text(empty_text, style=style, no_wrap=True, overflow="ellipsis")
        text.align("center", width)
        return text_strip(text, width, base, self.app.console, self.look.track)

    def _paint(self, item: Assessed, row: _Row, width: int) -> Strip:
        card, verdict = item.card, item.verdict
        look = self.look
        mono = look.mono
        status_style = status_style_for(verdict.status, mono)
        tail = look.thumb if row.thumb else look.track
        if row.line == CARD_HEIGHT - 1:
            return Strip([Segment(" " * width, look.base), tail], width + 1)
        body = look.body
        if row.cursor:
            body += look.cursor if row.focused else look.cursor_blur
        bar = Text("▌" if row.cursor else " ", style=body + Style(color=status_style.color))
        text = Text(style=body, no_wrap=True, overflow="ellipsis", end="")
        text.append_text(bar)
        if row.line == 0:
            text.append(f"{verdict.status.glyph} ", style=status_style + Style(bold=True))
            company = Text(literal(card.company), style=look.company)
            if verdict.nag:
                room = width - 3 - 4
                company.truncate(max(1, room), overflow="ellipsis")
                company.pad_right(max(0, room - company.cell_len))
                text.append_text(company)
                text.append(" ")
                text.append("NAG", style=MONO_NAG_STYLE if mono else NAG_STYLE)
            else:
                text.append_text(company)
        elif row.line == 1:
            text.append("  ")
            role = literal(card.role) if card.role else "—"
            text.append(role, style=look.role)
        else:
            text.append("  ")
            today = self.today or verdict.opens_on or date.min
            text.append(state_line(card, verdict, today), style=status_style)
        return text_strip(text, width, body, self.app.console, tail)


_CARD_ID = attrgetter("card.id")


def _position(items: list[Assessed], card_id: int | None, near: int = 0) -> int | None:
    """Where card ``card_id`` is in ``items``: looked for ``near`` first, where it was before a change.

    A change moves a card by a place at most in the columns it does not leave;
    elsewhere the search runs in C (a column may hold thousands of cards).
    """
    if card_id is None:
        return None
    for index in range(max(0, near - 1), min(len(items), near + 2)):
        if items[index].card.id == card_id:
            return index
    ids = list(map(_CARD_ID, items))
    return ids.index(card_id) if card_id in ids else None


def _counts_text(counts: tuple[int, int, int, int], width: int) -> str:
    """A header's second line: how many cards, how many late and due; in short if it does not fit."""
    shown, total, late, due = counts
    count = str(shown) if shown == total else f"{shown}/{total}"
    words = [f"{count} cards" if count != "1" else "1 card"]
    short = [count]
    if late:
        words.append(f"{Status.OVERDUE.glyph}{late} late")
        short.append(f"{Status.OVERDUE.glyph}{late}")
    if due:
        words.append(f"{Status.DUE.glyph}{due} due")
        short.append(f"{Status.DUE.glyph}{due}")
    line = " · ".join(words)
    return line if len(line) <= width else " ".join(short)


def segments_text(strip: Strip) -> str:
    """The plain text of a painted strip (for tests and debugging)."""
    return "".join(segment.text for segment in strip if isinstance(segment, Segment))
