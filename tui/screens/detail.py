"""Everything about one interview: the next step in plain words, contacts, notes, timeline.

The screen shows ``app.state``'s copy of the card and repaints when it changes,
so an action taken here (log, reply, instruction, move, close, edit) shows at
once, and undo works as on the board.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui import keys
from tui.domain.allowed import CARD_ACTIONS
from tui.domain.calling import call_hours_text, call_slots_from
from tui.domain.describe import day_label, state_line, window_sentence
from tui.domain.model import Event, EventKind, InstructionKind, Interview, Round
from tui.domain.nag_wording import detail_advice
from tui.domain.queries import Assessed
from tui.domain.stages import Stage, Status
from tui.palette import status_style
from tui.screens import close, follow
from tui.screens.card_actions import CardScreen
from tui.state import BoardState
from tui.text import literal, safe_block
from tui.widgets.keybar import KeyBar


def round_entries(card: Interview, now: datetime) -> list[tuple[Round, Text]]:
    """Each round of ``card`` as a timeline line: its number, label, time and zone, who was met."""
    out = []
    for number, held in enumerate(card.all_rounds, start=1):
        line = Text(f"round {number}", style="bold")
        if held.label:
            line.append(": ")
            line.append(literal(held.label), style="bold")
        line.append(f" at {held.at.local:%H:%M} ({held.at.zone})")
        if held.met:
            line.append(", with ")
            line.append(literal(", ".join(held.met)))
        if held.at.instant() > now:
            line.append(" (ahead)", style="italic")
        out.append((held, line))
    return out


def describe_event(event: Event) -> str:
    """One line of the timeline, in words."""
    kind = event.kind
    if kind is EventKind.CREATED:
        return "added to the board"
    if kind is EventKind.MOVED and event.stage is not None:
        if event.stage is Stage.CLOSED:
            return f"closed: {event.outcome.label}" if event.outcome else "closed"
        back = event.from_stage is not None and event.stage.index < event.from_stage.index
        return f"moved back to {event.stage.label}" if back else f"moved to {event.stage.label}"
    if kind is EventKind.FOLLOWUP:
        return "status check" if event.stage is Stage.WAITING else "followed up"
    if kind is EventKind.REPLY:
        return "they replied"
    if kind is EventKind.INSTRUCTION and event.instruction is not None:
        instruction = event.instruction
        if instruction.kind is InstructionKind.CONTACT_ON and instruction.until is not None:
            return f"asked to be contacted on {day_label(instruction.until)}"
        if instruction.until is not None:
            return f"said they will get back to you by {day_label(instruction.until)}"
        return "said they will get back to you"
    if kind is EventKind.CLEARED:
        return "instruction cleared"
    return str(kind.value)


class DetailScreen(CardScreen):
    """One card in full."""

    KEY_TABLE: ClassVar[keys.KeyTable] = keys.DETAIL
    BINDINGS: ClassVar[list[BindingType]] = KEY_TABLE.bindings()

    def __init__(self, card_id: int) -> None:
        super().__init__(classes="detail-screen")
        self.card_id = card_id

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="detail"):
            yield Static(id="detail-body")
        yield KeyBar()

    def on_mount(self) -> None:
        follow(self, "state", self._show)

    @property
    def item(self) -> Assessed | None:
        state: BoardState = self.app.state  # type: ignore[attr-defined]
        return state.get(self.card_id)

    def _show(self, state: BoardState) -> None:
        item = state.get(self.card_id)
        if item is None:
            if self.is_current:
                self.app.pop_screen()
            return
        self.query_one("#detail-body", Static).update(self.body(item, state.today, state))
        self.refresh_bindings()

    def body(self, item: Assessed, today: date, state: BoardState) -> RenderableType:
        card, verdict = item.card, item.verdict
        mono = self.app.no_color
        style = status_style(verdict.status, mono)
        title = Text(literal(card.company), style="bold")
        if card.role:
            title.append(f" — {literal(card.role)}")
        status = Text()
        status.append(f" {verdict.status.glyph} {verdict.status.word} ", style=style + Style(reverse=True))
        status.append(f"  {verdict.stage.label}")
        if card.outcome:
            status.append(f" ({card.outcome.label})")
        status.append(f" · {state_line(card, verdict, today)}", style=style)
        parts: list[RenderableType] = [title, status, Text()]
        at = card.interviewed_at
        parts.append(
            Text(f"Interview: {day_label(card.interview_day, today)} {at.local:%Y %H:%M} ({at.zone})")
        )
        nxt = Text()
        nxt.append("Next: ", style="bold")
        nxt.append(window_sentence(card, verdict, today))
        parts.append(nxt)
        if verdict.action is not None and verdict.action.is_call and verdict.status is not Status.CLOSED:
            zone = card.zone_for_calls
            opens = verdict.opens_on or today
            slots = call_slots_from(opens, state.now, zone, state.rules, count=3)
            hours = Text(f"When to call: {call_hours_text(state.rules)} ({zone}).")
            if slots:
                hours.append(
                    "\nNext good times: "
                    + ", ".join(
                        f"{day_label(slot.start.date())} {slot.start:%H:%M}-{slot.end:%H:%M}"
                        for slot in slots
                    )
                )
            parts.append(hours)
        if verdict.nag:
            parts.append(Text(detail_advice(state.rules.nag_limit, self.key_word("close")), style="bold"))
        if verdict.needs_contact:
            parts.append(
                Text(
                    f"No email or postal address for a thank-you note: add one with {self.key_word('edit')}.",
                    style="bold",
                )
            )
        parts.append(Text())
        parts.append(Text("Interviewers", style="bold underline"))
        if card.contacts:
            table = Table(box=None, show_header=False, padding=(0, 1))
            for contact in card.contacts:
                table.add_row(
                    Text(literal(contact.name) or "(no name)", style="bold"),
                    *(
                        Text(literal(value))
                        for value in (contact.title, contact.email, contact.phone, contact.address)
                    ),
                )
            parts.append(table)
        else:
            parts.append(Text(f"none yet ({self.key_word('edit')} to add)", style="italic"))
        parts.append(Text())
        parts.append(Text("Notes", style="bold underline"))
        parts.append(safe_block(card.notes) if card.notes.strip() else Text("none", style="italic"))
        parts.append(Text())
        parts.append(Text("Timeline", style="bold underline"))
        timeline = Table(box=None, show_header=False, padding=(0, 1))
        timeline.add_column(no_wrap=True)
        timeline.add_column()
        entries: list[tuple[date, int, Text]] = []
        for event in card.events:
            line = Text(describe_event(event))
            if event.note:
                line.append(" — ")
                line.append(literal(event.note), style="italic")
            entries.append((event.on, 1, line))
        if card.rounds:  # a card with one round has it on the "Interview" line above
            entries += [(held.day, 0, line) for held, line in round_entries(card, state.now)]
        for day, _, line in sorted(entries, key=lambda entry: entry[:2]):  # a round before its day's events
            timeline.add_row(Text(f"{day_label(day, today)} {day.year}"), line)
        parts.append(timeline)
        return Group(*parts)

    def card_in_hand(self) -> Interview | None:
        item = self.item
        return item.card if item is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.item is None:
            return action == "back"
        if action in CARD_ACTIONS:
            return self.card_action_state(action)
        if action == "undo":
            return self.undo_state()
        return True

    def action_back(self) -> None:
        close(self)
