"""One-key card actions shared by the board, the detail screen and the agenda.

Each function opens the right dialog on ``screen`` and, when the user confirms,
posts a request from ``tui.messages`` (``ChangeCard``, ``AddCard`` or
``DeleteCard``) that the app applies through the store and records for undo.
None of them touches the store.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from tui.domain import ops
from tui.domain.model import Interview
from tui.domain.policy import replay
from tui.domain.stages import Outcome, Stage
from tui.messages import AddCard, ChangeCard, DeleteCard
from tui.text import literal

if TYPE_CHECKING:
    from tui.screens.card_form import CardDraft
    from tui.screens.dialogs import DatedNote, InstructionChoice, MoveChoice

# The form and the dialogs (Textual's TextArea and RadioSet with them) are imported when one is
# opened: the agenda, made ready as soon as the board is drawn, needs none of them until then.


def _now_text(screen: Screen[Any]) -> str:
    now = screen.app.state.now  # type: ignore[attr-defined]
    return f"{now:%Y-%m-%d %H:%M}"


def add_card(screen: Screen[Any], today: date, zone_name: str) -> None:
    """Open the card form empty; on save post AddCard."""

    def saved(draft: CardDraft | None) -> None:
        if draft is None:
            return
        screen.post_message(
            AddCard(
                lambda card_id: ops.new_interview(
                    card_id=card_id,
                    company=draft.company,
                    role=draft.role,
                    interviewed_at=draft.interviewed_at,
                    created_on=today,
                    employer_zone=draft.employer_zone,
                    contacts=draft.contacts,
                    notes=draft.notes,
                ),
                f"added {literal(draft.company)}",
            )
        )

    from tui.screens.card_form import CardFormScreen

    screen.app.push_screen(CardFormScreen(today, zone_name, _now_text(screen)), saved)


def edit_card(screen: Screen[Any], card: Interview, today: date, zone_name: str) -> None:
    """Open the card form filled from ``card``; on save post ChangeCard."""

    def saved(draft: CardDraft | None) -> None:
        if draft is None:
            return
        screen.post_message(
            ChangeCard(
                card.id,
                lambda c: ops.edit(
                    c,
                    company=draft.company,
                    role=draft.role,
                    interviewed_at=draft.interviewed_at,
                    employer_zone=draft.employer_zone,
                    contacts=draft.contacts,
                    notes=draft.notes,
                ),
                f"edited {literal(draft.company)}",
            )
        )

    from tui.screens.card_form import CardFormScreen

    screen.app.push_screen(CardFormScreen(today, zone_name, _now_text(screen), card), saved)


def delete_card(screen: Screen[Any], card: Interview) -> None:
    """Ask for confirmation; on yes post DeleteCard."""

    def answered(yes: bool | None) -> None:
        if yes:
            screen.post_message(DeleteCard(card.id, f"deleted {literal(card.company)}"))

    question = f"Delete {literal(card.company)} and its whole timeline?\n(u undoes it)"
    from tui.screens.dialogs import ConfirmDialog

    screen.app.push_screen(ConfirmDialog(question, yes="Delete"), answered)


def log_followup(screen: Screen[Any], card: Interview, today: date) -> None:
    """Ask for a date and an optional note; post ChangeCard(ops.log_followup)."""
    what = "status check" if card.stage is Stage.WAITING else "follow-up"

    def answered(value: DatedNote | None) -> None:
        if value is not None:
            screen.post_message(
                ChangeCard(
                    card.id,
                    lambda c: ops.log_followup(c, value.on, value.note),
                    f"logged a {what} for {literal(card.company)}",
                )
            )

    from tui.screens.dialogs import DatePrompt

    screen.app.push_screen(DatePrompt(f"Log a {what}: {literal(card.company)}", today), answered)


def log_reply(screen: Screen[Any], card: Interview, today: date) -> None:
    """Ask for a date and an optional note; post ChangeCard(ops.log_reply)."""

    def answered(value: DatedNote | None) -> None:
        if value is not None:
            screen.post_message(
                ChangeCard(
                    card.id,
                    lambda c: ops.log_reply(c, value.on, value.note),
                    f"logged a reply from {literal(card.company)}",
                )
            )

    from tui.screens.dialogs import DatePrompt

    screen.app.push_screen(DatePrompt(f"They got back to you: {literal(card.company)}", today), answered)


def set_instruction(screen: Screen[Any], card: Interview, today: date) -> None:
    """Ask: contact on DATE, they will contact me (until DATE), or clear; post ChangeCard."""

    def answered(value: InstructionChoice | None) -> None:
        if value is None:
            return
        name = literal(card.company)
        if value.kind is None:
            screen.post_message(
                ChangeCard(
                    card.id,
                    lambda c: ops.clear_instruction(c, value.given_on),
                    f"cleared {name}'s instruction",
                )
            )
        elif value.kind.value == "contact_on":
            assert value.day is not None
            day = value.day
            screen.post_message(
                ChangeCard(
                    card.id,
                    lambda c: ops.instruct_contact_on(c, day, value.given_on, value.note),
                    f"noted: contact {name} on {day:%a %d %b}",
                )
            )
        else:
            screen.post_message(
                ChangeCard(
                    card.id,
                    lambda c: ops.instruct_wait(c, value.day, value.given_on, value.note),
                    f"noted: {name} will get back to you",
                )
            )

    has = replay(card).instruction is not None
    from tui.screens.dialogs import InstructionPrompt

    screen.app.push_screen(InstructionPrompt(today, has), answered)


def move_with_date(screen: Screen[Any], card: Interview, today: date) -> None:
    """Ask for a stage and the date it happened; post ChangeCard(ops.move)."""

    def answered(value: MoveChoice | None) -> None:
        if value is not None:
            screen.post_message(
                ChangeCard(
                    card.id,
                    lambda c: ops.move(c, value.stage, value.on, note=value.note),
                    f"moved {literal(card.company)} to {value.stage.label}",
                )
            )

    from tui.screens.dialogs import MovePrompt

    screen.app.push_screen(MovePrompt(today, card.stage), answered)


def close_with_outcome(screen: Screen[Any], card: Interview, today: date) -> None:
    """Ask for an outcome (and date); post ChangeCard(ops.move to closed)."""

    def answered(value: MoveChoice | None) -> None:
        if value is None or value.outcome is None:
            return
        outcome = value.outcome
        screen.post_message(
            ChangeCard(
                card.id,
                lambda c: ops.move(c, Stage.CLOSED, value.on, outcome=outcome, note=value.note),
                f"closed {literal(card.company)} ({outcome.label})",
            )
        )
        if outcome is Outcome.REJECTED:
            screen.notify(
                "A short, gracious reply can still pay off: thank them, and ask whether they know "
                "of other openings or people you could talk to. Press c on the card for a draft.",
                title="Rejected",
                timeout=12,
            )

    from tui.screens.dialogs import OutcomePrompt

    screen.app.push_screen(OutcomePrompt(today), answered)
