"""The board: five columns of cards, a header line, a filter, and the card keys.

The screen paints whatever ``app.state`` holds and turns keys into requests
(``ChangeCard`` and friends) or into the card dialogs of ``card_actions``. It
never touches the store.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.css.scalar import Scalar
from textual.geometry import Size
from textual.reactive import Reactive
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Static

from tui import keys
from tui.domain.allowed import CARD_ACTIONS
from tui.domain.describe import counted, day_label
from tui.domain.model import Interview
from tui.domain.queries import Assessed
from tui.domain.stages import STAGES, Stage, Status
from tui.messages import FocusCard
from tui.screens import card_actions, follow, hint_word, key_word
from tui.screens.card_actions import CardScreen
from tui.state import BoardState
from tui.text import literal
from tui.textual_compat import draw_with_layout, forget_arrangement
from tui.widgets.column import CardList
from tui.widgets.fields import TextInput
from tui.widgets.keybar import KeyBar

#: Below this size the board cannot be laid out usefully.
MIN_WIDTH = 60
MIN_HEIGHT = 15
#: Below this width the focused column takes a larger share.
NARROW_WIDTH = 150
#: Below this width the top line is written short and the key bar leaves out the palette's key
#: (80 columns: the common size; the bar itself draws tighter when its keys do not fit).
COMPACT_WIDTH = 100
#: Seconds of stillness after a change before the agenda is made for it.
AGENDA_AHEAD_AFTER = 0.4
#: A column's share of the board's width, and the focused column's below ``NARROW_WIDTH``.
SHARE = Scalar.parse("1fr")
WIDE_SHARE = Scalar.parse("2fr")


def empty_hint(screen: BoardScreen) -> Text:
    """What an empty board says: how to start, with the keys the user has."""
    add, quit_key, help_key = (key_word(screen, key_id) for key_id in ("add", "quit", "help"))
    return Text(
        "No interviews on the board yet.\n\n"
        f"Press  {add}  to add the first one: company, interview date, who you met.\n"
        "The board then tells you when to thank them, when to call, and when to stop chasing.\n\n"
        f"To look around first, quit ({quit_key}) and run:  followup --demo\n"
        f"Press  {help_key}  for every key."
    )


class ColumnRow(Horizontal):
    """The row of columns: laid out with the screen, never on its own.

    When the row changes height (the filter box opens or closes, the terminal
    is resized), Textual would have it ask for a second layout of its own,
    once the screen's is drawn: the columns drawn again, unchanged, a frame
    later. The row does not scroll, so its virtual size asks for nothing.
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), repaint=False, layout=False)


class BoardScreen(CardScreen):
    """The kanban board."""

    KEY_TABLE: ClassVar[keys.KeyTable] = keys.BOARD
    BINDINGS: ClassVar[list[BindingType]] = KEY_TABLE.bindings()
    #: The board picks the column to focus itself (on mount), before anything is drawn.
    AUTO_FOCUS = ""
    #: Textual repaints the whole screen when focus moves; here only the two lists that gain
    #: and lose it (and the styles ``:focus-within`` touches) need it, and a move or a
    #: column jump on a big board should not pay for the rest.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def __init__(self) -> None:
        super().__init__(id="board")
        self.columns = {
            stage: CardList(stage, id=f"cards-{stage.value}", classes="column") for stage in STAGES
        }
        self._follow: int | None = None
        self._shown: BoardState | None = None
        self._resumed = False
        #: Where the focus was when the filter box opened: escape goes back there.
        self._before_filter: tuple[Stage, int | None] | None = None
        self._agenda_timer: Timer | None = None
        # The size classes from the start: set once the widgets are styled, they would restyle all.
        self._size_classes(*self.app.size)

    def compose(self) -> ComposeResult:
        yield Static(id="topbar")
        clear = hint_word(self, "clear_filter")
        yield TextInput(
            placeholder=f"filter: company, role, contact, notes  (enter: keep · {clear}: clear)", id="filter"
        )
        with ColumnRow(id="columns"):
            yield from self.columns.values()
        yield Static(empty_hint(self), id="empty-hint")
        yield Static(id="too-small")
        yield KeyBar()

    def on_mount(self) -> None:
        follow(self, "state", self._show)
        follow(self, "unsaved_count", self._show_topbar, init=False)
        follow(self, "minute", self._show_topbar, init=False)
        self._fit(self.size.width, self.size.height)
        box = self.query_one("#filter", Input)
        box.display = False
        box.cursor_blink = False  # an idle board sends nothing to the terminal
        first = next((col for col in self.columns.values() if col.items), None)
        # Focus now, not after the first refresh, and list the keys for it: the first frame is the board.
        self.set_focus(first or self.columns[Stage.INTERVIEWED])
        self.refresh_bindings()
        # As soon as the board is drawn (before a first key is likely): the agenda's rows, so
        # that t opens it at once on a big board, and the board set aside from the collector.
        self.call_after_refresh(self._prepare_agenda)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Shown for the first time, every widget was styled as it was mounted a moment ago:
        # Textual would style them all again before the first paint.
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def watch_focused(self, old: Widget | None, new: Widget | None) -> None:
        for widget in (old, new):
            if isinstance(widget, CardList):
                widget.focus_changed()
        self._mark_focused_column()

    def _mark_focused_column(self) -> None:
        """Highlight the focused column's header; when narrow, widen the column too.

        The width is set on the column itself, not by a class: a class would
        restyle the column (and have it read its styles again) at every move,
        for one number.
        """
        focused = self.focused_list
        narrow = self.has_class("-narrow")
        widths_changed = False
        for column in self.columns.values():
            on = focused is not None and column is focused
            column.mark(on)
            width = WIDE_SHARE if on and narrow else SHARE
            if column.styles.width != width:
                column.styles.width = width
                widths_changed = True
        if widths_changed:
            # Lay the board out in the frame that shows the change, not in one after it.
            # (Textual would clear the row's cached arrangement only once the columns have
            # processed their own messages, after that frame is drawn at the old widths.)
            forget_arrangement(self.query_one("#columns", ColumnRow))
            draw_with_layout(self, *self.columns.values())

    def _prepare_agenda(self) -> None:
        if self.app.return_code is None:
            self._make_agenda()
            self.board_app.set_aside()

    def _make_agenda(self) -> None:
        from tui.screens.agenda import prepare

        prepare(self.state, self.app.no_color)

    def _agenda_soon(self) -> None:
        """Once the board has been still a moment after a change: the agenda's rows for it.

        Its sections are sorted from every card on the board, which takes a
        moment on a big one: done while the user is not typing, ``t`` opens it at once.
        """
        if self._agenda_timer is not None:
            self._agenda_timer.stop()
        self._agenda_timer = self.set_timer(AGENDA_AHEAD_AFTER, self._agenda_ahead)

    def _agenda_ahead(self) -> None:
        self._agenda_timer = None
        if self.app.return_code is None and self.is_current:
            self._make_agenda()

    # -- painting the state

    @property
    def state(self) -> BoardState:
        return self.board_app.state

    def _show(self, state: BoardState) -> None:
        shown_before, self._shown = self._shown, state
        totals = state.stage_counts
        follow, self._follow = self._follow, None
        for stage, column in self.columns.items():
            counts = state.column_status_counts[stage]
            column.show(
                state.columns[stage],
                state.today,
                (totals[stage], counts[Status.OVERDUE], counts[Status.DUE]),
                keep=follow,
            )
            column.empty_text = "no match" if state.filter_text and not state.columns[stage] else "no cards"
        if follow is not None:
            self._focus_card(follow)
        self.query_one("#topbar", Static).update(self._topbar(state), layout=False)
        self.set_class(state.is_empty and not state.filter_text, "-empty")
        self.refresh_bindings()
        if shown_before is not None and state.items is not shown_before.items:
            self._agenda_soon()  # other cards: the agenda is made again for them

    def _show_topbar(self, _changed: object = None) -> None:
        self.query_one("#topbar", Static).update(self._topbar(self.state), layout=False)

    def _topbar(self, state: BoardState) -> Text:
        """The top line, most needed first: what is cut at its end on a narrow screen matters least.

        Under ``COMPACT_WIDTH`` it leaves out the year and the number of
        cards (the column headers count them) and names the order in a word,
        so that 80 columns show it whole.
        """
        counts = state.status_counts
        compact = self.size.width < COMPACT_WIDTH
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(" followup ", style="bold reverse")
        if self.board_app.demo:
            text.append(" DEMO ", style="bold")
        if self.board_app.unsaved_count:  # first: never the part a narrow screen cuts off
            text.append(" ⚠ NOT SAVED ", style="bold reverse")
        now = self.board_app.clock.now()
        text.append(f" {day_label(now.date())}{'' if compact else f' {now.year}'} {now:%H:%M}")
        if not compact:
            text.append(f" · {counted(len(state.items), 'card')}")
        late, due = counts[Status.OVERDUE], counts[Status.DUE]
        text.append(" · ")
        text.append(f"{Status.OVERDUE.glyph} {late} overdue", style="bold" if late else "")
        text.append(" · ")
        text.append(f"{Status.DUE.glyph} {due} due", style="bold" if due else "")
        if state.filter_text:
            text.append(" · filter: ")
            text.append(literal(state.filter_text), style="italic")
            text.append(f" ({state.shown_count})")
        text.append(f" · sort: {state.order.value if compact else state.order.label}")
        return text

    # -- size

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width, event.size.height)

    def _size_classes(self, width: int, height: int) -> bool:
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        self.set_class(small, "-too-small")
        self.set_class(width < NARROW_WIDTH, "-narrow")
        return small

    def _fit(self, width: int, height: int) -> None:
        small = self._size_classes(width, height)
        self._mark_focused_column()
        bar = self.query_one(KeyBar)
        bar.show_palette = width >= COMPACT_WIDTH
        self._show_topbar()
        if small:
            self.query_one("#too-small", Static).update(
                f"Make the terminal larger.\n\nfollowup needs at least {MIN_WIDTH}×{MIN_HEIGHT}; "
                f"this one is {width}×{height}.\n\nq quits."
            )

    # -- focus and the current card

    @property
    def focused_list(self) -> CardList | None:
        focused = self.focused
        return focused if isinstance(focused, CardList) else None

    @property
    def current(self) -> Assessed | None:
        lst = self.focused_list
        return lst.current if lst else None

    def _column_index(self) -> int:
        lst = self.focused_list
        return STAGES.index(lst.stage) if lst else 0

    def _focus_card(self, card_id: int) -> None:
        for column in self.columns.values():
            if column.select_card(card_id):
                column.focus()  # deferred, as Textual does: focusing at once made a move a third slower
                return

    def on_focus_card(self, message: FocusCard) -> None:
        message.stop()
        self._follow = message.card_id
        if self._shown is self.state:
            self._follow = None
            self._focus_card(message.card_id)

    def on_card_list_highlighted(self, message: CardList.Highlighted) -> None:
        self.refresh_bindings()

    def on_card_list_opened(self, message: CardList.Opened) -> None:
        self.action_open()

    # -- which keys make sense now (the key bar dims the rest)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.has_class("-too-small") and action not in {"quit", "help"}:
            return False
        if action == "clear_filter":
            return bool(self.state.filter_text) or self.query_one("#filter", Input).display
        if action == "undo":
            return self.undo_state()
        if action in CARD_ACTIONS:
            return self.card_action_state(action)
        return True

    # -- moving around

    def action_column_left(self) -> None:
        self._jump(-1)

    def action_column_right(self) -> None:
        self._jump(+1)

    def _jump(self, step: int) -> None:
        index = self._column_index() + step
        if 0 <= index < len(STAGES):
            self.set_focus(self.columns[STAGES[index]])

    # -- acting on the card

    def card_in_hand(self) -> Interview | None:
        item = self.current
        return item.card if item else None

    def action_add(self) -> None:
        card_actions.add_card(self, self.state.today, self.board_app.zone_name)

    # -- view

    def _show_filter(self, shown: bool) -> None:
        """Show or hide the filter box: everything under it moves, so the whole board is drawn again.

        The focused column's width changes at the same time, and the
        layout-only refresh that suits a move (see ``_mark_focused_column``)
        would otherwise leave the box's rows as they were on the terminal.
        """
        box = self.query_one("#filter", Input)
        if box.display != shown:
            box.display = shown
            draw_with_layout(self, self, whole_screen=True)  # the whole screen, in the layout's own frame

    def action_filter(self) -> None:
        lst = self.focused_list
        if lst is not None:
            self._before_filter = (lst.stage, lst.current.card.id if lst.current else None)
        self._show_filter(True)
        # At once, not after the keys already waiting (``focus()`` waits): what is typed right
        # after / in one burst, as a fast typist's keys arrive over SSH, goes into the filter.
        self.set_focus(self.query_one("#filter", Input))

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.board_app.filter_board(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_kept(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self._show_filter(False)
        self._focus_board()

    def action_clear_filter(self) -> None:
        self.query_one("#filter", Input).value = ""
        self._show_filter(False)
        self.board_app.filter_board("")
        self._focus_board(back=True)

    def _focus_board(self, back: bool = False) -> None:
        """Focus the first column with cards; ``back``: the column and card the filter was opened from."""
        if back and self._before_filter is not None:
            stage, card_id = self._before_filter
            column = self.columns[stage]
            if column.items:
                if card_id is not None:
                    column.select_card(card_id)
                self.set_focus(column)
                return
        lst = next((c for c in self.columns.values() if c.items), None)
        self.set_focus(lst or self.columns[Stage.INTERVIEWED])

    def on_key(self, event: events.Key) -> None:
        box = self.query_one("#filter", Input)
        if event.key == "escape" and box.has_focus:
            event.stop()
            self.action_clear_filter()
        elif event.key in ("down", "tab") and box.has_focus:
            event.stop()
            self._focus_board()

    def action_sort(self) -> None:
        order = self.state.order.following
        self.board_app.sort_board(order)
        self.notify(f"Sorted by {order.label}.", timeout=2)

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_legend(self) -> None:
        from tui.screens.help import LegendScreen

        self.app.push_screen(LegendScreen())

    def action_agenda(self) -> None:
        from tui.screens.agenda import open_agenda

        open_agenda(self.app)

    def action_stats(self) -> None:
        from tui.screens.stats import StatsScreen

        self.app.push_screen(StatsScreen())

    def action_mail(self) -> None:
        from tui.screens.mail import open_mail

        open_mail(self)

    async def action_quit(self) -> None:
        self.app.exit()
