"""Today: what is overdue and due, what opens this week, and what is on hold."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.widgets import Static

from tui import keys
from tui.domain.agenda import Section
from tui.domain.agenda import sections as agenda_sections
from tui.domain.allowed import CARD_ACTIONS
from tui.domain.calling import call_hours_text
from tui.domain.describe import counted, day_label, round_ahead, state_line
from tui.domain.model import Contact, Interview
from tui.domain.nag_wording import agenda_flag
from tui.domain.queries import Assessed
from tui.domain.stages import Status
from tui.palette import status_style
from tui.screens import close, follow
from tui.screens.card_actions import CardScreen
from tui.state import BoardState
from tui.text import literal
from tui.widgets.agenda_list import AgendaList, Row
from tui.widgets.keybar import KeyBar


def sections(state: BoardState) -> list[Section]:
    """The agenda's sections for the board as it is (see ``tui.domain.agenda``)."""
    return agenda_sections(state.items, state.today)


class AgendaScreen(CardScreen):
    """The day's list; acting on a row works as on the board."""

    KEY_TABLE: ClassVar[keys.KeyTable] = keys.AGENDA
    BINDINGS: ClassVar[list[BindingType]] = KEY_TABLE.bindings()

    #: The board state the rows were made from (None: not shown yet).
    _shown: BoardState | None = None
    #: Left for the board: opened again, it starts from the most urgent card.
    _left = False

    def compose(self) -> ComposeResult:
        yield Static(id="agenda-title")
        yield AgendaList(id="agenda")
        yield KeyBar()

    def on_mount(self) -> None:
        follow(self, "state", self._show)

    def on_screen_suspend(self) -> None:
        if self._left:  # the cursor goes back to the top now, while nothing of it is drawn
            for agenda in self.query(AgendaList):  # none once the app is closing
                agenda.action_cursor_first()

    def on_screen_resume(self) -> None:
        # Kept between openings (see ``open_agenda``): shown with the board as it is now. A
        # screen closed over it (a card opened from a row) leaves its cursor where it was.
        # At its first opening it is shown once mounted (``on_mount``), which may come after
        # this; and an app closing (SIGTERM, a dropped link) shows nothing more.
        left, self._left = self._left, False
        state = self.board_app.state
        if self._shown is not None and self._shown is not state and self.app.return_code is None:
            self._show(state, from_the_top=left)

    def _show(self, state: BoardState, from_the_top: bool = False) -> None:
        if not self.is_current and self._shown is not None:
            return  # put aside: made again when it opens
        self._shown = state
        agenda = self.query_one("#agenda", AgendaList)
        rows, total = _ROWS.rows(state, self.app.no_color)
        agenda.set_rows(rows, keep=None if from_the_top else agenda.card_id)
        self.query_one("#agenda-title", Static).update(
            Text(
                f" Today, {day_label(state.today)} {state.today.year}: {counted(total, 'card')} ",
                style="bold reverse",
            ),
            layout=False,
        )
        agenda.focus()
        self.refresh_bindings()  # the card keys are dimmed while the agenda lists no card

    def _card_id(self) -> int | None:
        return self.query_one("#agenda", AgendaList).card_id

    def card_in_hand(self) -> Interview | None:
        card_id = self._card_id()
        item = self.board_app.state.get(card_id) if card_id is not None else None
        return item.card if item is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in CARD_ACTIONS:
            return self.card_action_state(action)
        return True

    def action_back(self) -> None:
        if self.is_active:
            self._left = True
        close(self)

    def on_agenda_list_selected(self, event: AgendaList.Selected) -> None:
        self.action_open()


#: The name the agenda is kept under between openings.
SCREEN_NAME = "agenda"


def open_agenda(app: App[Any]) -> None:
    """Show the agenda: the same screen each time, made at its first opening.

    A new screen at each opening cost a third of the time it takes (its
    widgets made, styled and laid out), and left them to the collector.
    """
    if not app.is_screen_installed(SCREEN_NAME):
        app.install_screen(AgendaScreen(), SCREEN_NAME)
    elif app.get_screen(SCREEN_NAME) in app.screen_stack:
        return  # open already (a second request typed ahead): one screen is never stacked twice
    app.push_screen(SCREEN_NAME)


def _heading(text: Text) -> Row:
    return Row(None, 1, list, (text,))


class _RowCache:
    """The agenda's rows, each card's made once and reused while the card's assessment stands.

    A change re-assesses one card, so reopening the agenda on a big board
    builds the rows of the changed cards only. Rows depend on the day, the
    rules and the colour mode too: a change of any of them starts afresh.
    """

    def __init__(self) -> None:
        self._context: tuple[object, ...] = ()
        self._rows: dict[int, Row] = {}
        #: The last answer, for the cards it was made from (a filter or a sort keeps them).
        self._last: tuple[tuple[Assessed, ...], list[Row], int] | None = None

    def rows(self, state: BoardState, mono: bool) -> tuple[list[Row], int]:
        """Every row of the agenda of ``state``, and how many cards it lists."""
        context = (state.today, state.rules, mono)
        if self._last is not None and self._last[0] is state.items and context == self._context:
            return self._last[1], self._last[2]
        known = self._rows if context == self._context else {}
        make = _CardLines(state, mono).lines
        kept: dict[int, Row] = {}
        rows: list[Row] = []
        total = 0
        for title, items in sections(state):
            rows.append(_heading(Text(f"{title} ({len(items)})", style="bold underline")))
            if not items:
                rows.append(_heading(Text("  nothing", style="italic")))
            total += len(items)
            for item in items:
                row = known.get(item.card.id)  # the card's own id: no new number per row
                if row is None or row.subject is not item:
                    row = card_row(item, make)
                kept[item.card.id] = row
                rows.append(row)
        self._context, self._rows = context, kept
        self._last = (state.items, rows, total)
        return rows, total


_ROWS = _RowCache()


def prepare(state: BoardState, mono: bool) -> None:
    """Make the agenda's rows ahead of time (the board does it once it is on screen)."""
    _ROWS.rows(state, mono)


def _first_contact(contacts: tuple[Contact, ...]) -> Contact | None:
    for contact in contacts:
        if contact.name or contact.title or contact.email or contact.phone or contact.address:
            return contact
    return None


def _calls(item: Assessed) -> bool:
    verdict = item.verdict
    return verdict.action is not None and verdict.action.is_call and verdict.status is not Status.HOLD


def card_row(item: Assessed, make: Callable[[Assessed], list[Text]]) -> Row:
    """A card's agenda row; its height is known without building its text (``make`` builds it)."""
    contact = _first_contact(item.card.contacts)
    height = 2 + (contact is not None) + _calls(item) + item.verdict.nag
    return Row(item.card.id, height, make, item)


class _CardLines:
    """Builds the text of a card's agenda row, for one day, set of rules and colour mode."""

    def __init__(self, state: BoardState, mono: bool) -> None:
        self.today = state.today
        self.rules = state.rules
        self.mono = mono

    def lines(self, item: Assessed) -> list[Text]:
        card, verdict = item.card, item.verdict
        first = Text()
        first.append(
            f"{verdict.status.glyph} {verdict.status.word:<4} ", style=status_style(verdict.status, self.mono)
        )
        first.append(literal(card.company), style="bold")
        if card.role:
            first.append(f" · {literal(card.role)}")
        state_text = Text(f"     {state_line(card, verdict, self.today)}")
        if verdict.status is Status.HOLD and verdict.opens_on:
            state_text.append(f" (then act from {day_label(verdict.opens_on, self.today)})")
        elif ahead := round_ahead(verdict, self.today):
            state_text.append(f" · {ahead}")
        out = [first, state_text]
        contact = _first_contact(card.contacts)
        if contact is not None:
            how = " · ".join(literal(x) for x in (contact.phone, contact.email) if x)
            out.append(Text(f"     {literal(contact.name) or 'contact'}: {how or 'no phone or email'}"))
        if _calls(item):
            hours = call_hours_text(self.rules)
            out.append(Text(f"     call {hours} ({card.zone_for_calls})", style="italic"))
        if verdict.nag:
            out.append(Text(f"     {agenda_flag(self.rules.nag_limit)}", style="bold"))
        return out
