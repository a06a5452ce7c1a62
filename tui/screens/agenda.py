"""Today: what is overdue and due, what opens this week, and what is on hold."""

from __future__ import annotations

import contextlib
from datetime import timedelta
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from tui.domain.calling import call_hours_text
from tui.domain.describe import day_label, state_line
from tui.domain.queries import Assessed, due_list, urgency_key
from tui.domain.stages import Status
from tui.palette import status_style
from tui.screens import card_actions
from tui.state import BoardState
from tui.text import literal

#: How far ahead "coming up" looks (days).
AHEAD = 7


def sections(state: BoardState) -> list[tuple[str, list[Assessed]]]:
    today = state.today
    horizon = today + timedelta(days=AHEAD)
    now = due_list(state.items)
    soon = sorted(
        (
            i
            for i in state.items
            if i.verdict.status is Status.PREMATURE
            and i.verdict.opens_on is not None
            and i.verdict.opens_on <= horizon
        ),
        key=urgency_key,
    )
    hold = sorted(
        (i for i in state.items if i.verdict.status is Status.HOLD),
        key=lambda i: i.verdict.hold_until or today,
    )
    return [("Act now", now), (f"Coming up in the next {AHEAD} days", soon), ("On hold", hold)]


class AgendaScreen(Screen[None]):
    """The day's list; acting on a row works as on the board."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,t", "back", "Board"),
        Binding("enter", "open", "Open"),
        Binding("f", "log_followup", "Log follow-up"),
        Binding("r", "log_reply", "Reply"),
        Binding("c", "draft", "Draft"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="agenda-title")
        yield OptionList(id="agenda")
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "state", self._show, init=True)

    def _show(self, state: BoardState) -> None:
        options = self.query_one("#agenda", OptionList)
        keep = options.highlighted_option.id if options.highlighted_option else None
        options.clear_options()
        mono = self.app.no_color
        total = 0
        for title, items in sections(state):
            options.add_option(Option(Text(f"{title} ({len(items)})", style="bold underline"), disabled=True))
            if not items:
                options.add_option(Option(Text("  nothing", style="italic"), disabled=True))
            for item in items:
                total += 1
                options.add_option(Option(self._row(item, state, mono), id=str(item.card.id)))
        self.query_one("#agenda-title", Static).update(
            Text(
                f" Today, {day_label(state.today)} {state.today.year}: {total} card(s) ", style="bold reverse"
            )
        )
        if keep is not None:
            with contextlib.suppress(OptionDoesNotExist):  # the card left the agenda
                options.highlighted = options.get_option_index(keep)
        if options.highlighted is None:
            first = next((k for k, o in enumerate(options.options) if not o.disabled), None)
            options.highlighted = first
        options.focus()

    def _row(self, item: Assessed, state: BoardState, mono: bool) -> Text:
        card, verdict = item.card, item.verdict
        text = Text()
        text.append(
            f"{verdict.status.glyph} {verdict.status.word:<4} ", style=status_style(verdict.status, mono)
        )
        text.append(literal(card.company), style="bold")
        if card.role:
            text.append(f" · {literal(card.role)}")
        text.append(f"\n     {state_line(card, verdict, state.today)}")
        if verdict.status is Status.HOLD and verdict.hold_until:
            text.append(f" (then act from {day_label(verdict.hold_until + timedelta(days=1))})")
        contact = next((c for c in card.contacts if not c.is_empty), None)
        if contact is not None:
            how = " · ".join(literal(x) for x in (contact.phone, contact.email) if x)
            text.append(f"\n     {literal(contact.name) or 'contact'}: {how or 'no phone or email'}")
        if verdict.action is not None and verdict.action.is_call and verdict.status is not Status.HOLD:
            text.append(f"\n     call {call_hours_text(state.rules)} ({card.zone_for_calls})", style="italic")
        if verdict.nag:
            text.append("\n     NAG: three checks with no reply; consider closing", style="bold")
        return text

    def _card_id(self) -> int | None:
        option = self.query_one("#agenda", OptionList).highlighted_option
        return int(option.id) if option is not None and option.id is not None else None

    def _item(self) -> Assessed | None:
        card_id = self._card_id()
        return self.app.state.get(card_id) if card_id is not None else None  # type: ignore[attr-defined]

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_open(self) -> None:
        card_id = self._card_id()
        if card_id is not None:
            from tui.screens.detail import DetailScreen

            self.app.push_screen(DetailScreen(card_id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_open()

    def action_log_followup(self) -> None:
        item = self._item()
        if item is not None:
            card_actions.log_followup(self, item.card, self.app.state.today)  # type: ignore[attr-defined]

    def action_log_reply(self) -> None:
        item = self._item()
        if item is not None:
            card_actions.log_reply(self, item.card, self.app.state.today)  # type: ignore[attr-defined]

    def action_draft(self) -> None:
        card_id = self._card_id()
        if card_id is not None:
            self.app.action_draft(card_id)  # type: ignore[attr-defined]
