"""One-key card actions shared by the board, the detail screen and the agenda.

``CardScreen`` is the one dispatcher: the board, the card's detail and the
agenda each say which card is in hand, and its ``action_*`` methods (what
their keys run, from the key table) check the card's stage against the
domain's rules (``tui.domain.allowed``) and run the action. Each action opens
the right dialog on the screen and, when the user confirms, posts a request
from ``tui.messages`` (``ChangeCard``, ``AddCard`` or ``DeleteCard``) that the
app applies through the store and records for undo. None of them touches the
store.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from tui import keys
from tui.domain import ops
from tui.domain.allowed import CARD_ACTIONS, allows
from tui.domain.describe import round_lines
from tui.domain.model import Interview
from tui.domain.policy import replay
from tui.domain.stages import Outcome, Stage
from tui.messages import AddCard, ChangeCard, DeleteCard, UndoChange
from tui.screens import key_word
from tui.screens.base import AppScreen
from tui.text import literal

if TYPE_CHECKING:
    from tui.screens.card_form import CardDraft
    from tui.screens.dialogs import DatedNote, InstructionChoice, MoveChoice

# The form and the dialogs (Textual's TextArea and RadioSet with them) are imported when one is
# opened: the agenda, made ready as soon as the board is drawn, needs none of them until then.


def _now_text(screen: AppScreen[Any]) -> str:
    now = screen.board_app.state.now
    return f"{now:%Y-%m-%d %H:%M}"


def add_card(screen: AppScreen[Any], today: date, zone_name: str) -> None:
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


def edit_card(screen: AppScreen[Any], card: Interview, today: date, zone_name: str) -> None:
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


def delete_card(screen: AppScreen[Any], card: Interview) -> None:
    """Ask for confirmation; on yes post DeleteCard."""

    def answered(yes: bool | None) -> None:
        if yes:
            screen.post_message(DeleteCard(card.id, f"deleted {literal(card.company)}"))

    question = (
        f"Delete {literal(card.company)} and its whole timeline?\n({key_word(screen, 'undo')} undoes it)"
    )
    from tui.screens.dialogs import ConfirmDialog

    screen.app.push_screen(ConfirmDialog(question, yes="Delete"), answered)


def log_followup(screen: AppScreen[Any], card: Interview, today: date) -> None:
    """Ask for a date and an optional note; post ChangeCard(ops.log_followup)."""
    what = "status check" if ops.stage_on(card, today) is Stage.WAITING else "follow-up"

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


def log_reply(screen: AppScreen[Any], card: Interview, today: date) -> None:
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


def set_instruction(screen: AppScreen[Any], card: Interview, today: date) -> None:
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


def move_with_date(screen: AppScreen[Any], card: Interview, today: date) -> None:
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

    screen.app.push_screen(MovePrompt(today, ops.stage_on(card, today)), answered)


def close_with_outcome(screen: AppScreen[Any], card: Interview, today: date) -> None:
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
                "of other openings or people you could talk to. "
                f"Press {key_word(screen, 'draft', on=keys.DETAIL)} on the card for a draft.",
                title="Rejected",
                timeout=12,
            )

    from tui.screens.dialogs import OutcomePrompt

    screen.app.push_screen(OutcomePrompt(today), answered)


def move_next(screen: AppScreen[Any], card: Interview, today: date) -> None:
    """Move the card to the next stage, dated ``today``; from waiting, closing asks for the outcome."""
    stage = ops.stage_on(card, today)
    if stage is Stage.WAITING:
        close_with_outcome(screen, card, today)
        return
    target = stage.next
    if target is None:
        return
    screen.post_message(
        ChangeCard(
            card.id, lambda c: ops.advance(c, today), f"moved {literal(card.company)} to {target.label}"
        )
    )


def move_back(screen: AppScreen[Any], card: Interview, today: date) -> None:
    """Move the card back a stage (its earlier clock returns)."""
    target = ops.stage_on(card, today).previous
    if target is None:
        return
    screen.post_message(
        ChangeCard(
            card.id,
            lambda c: ops.retreat(c, today),
            f"moved {literal(card.company)} back to {target.label}",
        )
    )


def add_round(screen: AppScreen[Any], card: Interview, today: date, zone_name: str) -> None:
    """Ask when the round is, what it is and who is met; post ChangeCard(ops.add_round)."""
    from tui.screens.round_form import RoundChoice, RoundPrompt

    def answered(value: RoundChoice | None) -> None:
        if value is not None:
            screen.post_message(
                ChangeCard(
                    card.id,
                    lambda c: ops.add_round(c, value.at, label=value.label, met=value.met),
                    f"added a round to {literal(card.company)}",
                )
            )

    names = tuple(c.name for c in card.contacts)
    screen.app.push_screen(RoundPrompt(card.company, today, card.employer_zone or zone_name, names), answered)


def remove_round(screen: AppScreen[Any], card: Interview, today: date) -> None:
    """Ask which round goes (a card keeps one); post ChangeCard(ops.remove_round)."""
    from tui.screens.round_form import RemoveRoundPrompt

    if not card.rounds:
        screen.notify("A card keeps its one round: this is its only interview.", title="Not changed")
        return

    def answered(number: int | None) -> None:
        if number is not None:
            screen.post_message(
                ChangeCard(
                    card.id,
                    lambda c: ops.remove_round(c, number),
                    f"removed round {number} of {literal(card.company)}",
                )
            )

    now = screen.board_app.state.now
    rounds = card.all_rounds
    ahead = next((n for n, held in enumerate(rounds, start=1) if held.at.instant() > now), len(rounds))
    screen.app.push_screen(RemoveRoundPrompt(card.company, today, round_lines(card, now), ahead), answered)


def open_card(screen: AppScreen[Any], card: Interview) -> None:
    """Show the card's detail."""
    from tui.screens.detail import DetailScreen

    screen.app.push_screen(DetailScreen(card.id))


def draft(screen: AppScreen[Any], card: Interview) -> None:
    """Show the draft for the card's next step."""
    from tui.screens.draft import open_draft

    open_draft(screen.board_app, card.id)


#: Each card action by the name its keys run: what it does with the screen, the card, today and the zone.
_RUN: dict[str, Callable[[AppScreen[Any], Interview, date, str], None]] = {
    "move_next": lambda screen, card, today, _zone: move_next(screen, card, today),
    "move_back": lambda screen, card, today, _zone: move_back(screen, card, today),
    "open": lambda screen, card, _today, _zone: open_card(screen, card),
    "edit": edit_card,
    "delete": lambda screen, card, _today, _zone: delete_card(screen, card),
    "log_followup": lambda screen, card, today, _zone: log_followup(screen, card, today),
    "log_reply": lambda screen, card, today, _zone: log_reply(screen, card, today),
    "instruct": lambda screen, card, today, _zone: set_instruction(screen, card, today),
    "move_dated": lambda screen, card, today, _zone: move_with_date(screen, card, today),
    "close_card": lambda screen, card, today, _zone: close_with_outcome(screen, card, today),
    "draft": lambda screen, card, _today, _zone: draft(screen, card),
    "round": add_round,
    "remove_round": lambda screen, card, today, _zone: remove_round(screen, card, today),
}
assert set(_RUN) == CARD_ACTIONS


def run(screen: AppScreen[Any], action: str, card: Interview) -> None:
    """Run the card action named ``action`` on ``card`` from ``screen``, if its stage allows it."""
    app = screen.board_app
    today = app.state.today
    if not allows(ops.stage_on(card, today), action):
        return
    _RUN[action](screen, card, today, app.zone_name)


class CardScreen(AppScreen[None]):
    """A screen whose keys act on one card: the board, the card's detail, the agenda.

    A screen says which card is in hand (``card_in_hand``); the card keys of
    its key table run the actions below, and ``card_action_state`` answers its
    ``check_action`` for them, so every screen offers and dims them the same way.
    """

    def card_in_hand(self) -> Interview | None:
        """The card the keys act on now (None: no card, and the card keys are dimmed)."""
        raise NotImplementedError

    def card_action_state(self, action: str) -> bool | None:
        """``check_action``'s answer for a card action: True, or None (shown dimmed)."""
        card = self.card_in_hand()
        if card is None:
            return None
        return allows(ops.stage_on(card, self.board_app.state.today), action) or None

    def key_word(self, key_id: str) -> str:
        """The first key of ``key_id``, after the user's keymap, for a sentence that names it."""
        return key_word(self, key_id)

    def undo_state(self) -> bool | None:
        """``check_action``'s answer for undo: True while there is something to undo."""
        return self.board_app.can_undo or None

    def run_card_action(self, action: str) -> None:
        card = self.card_in_hand()
        if card is not None:
            run(self, action, card)

    def action_move_next(self) -> None:
        self.run_card_action("move_next")

    def action_move_back(self) -> None:
        self.run_card_action("move_back")

    def action_open(self) -> None:
        self.run_card_action("open")

    def action_edit(self) -> None:
        self.run_card_action("edit")

    def action_delete(self) -> None:
        self.run_card_action("delete")

    def action_log_followup(self) -> None:
        self.run_card_action("log_followup")

    def action_log_reply(self) -> None:
        self.run_card_action("log_reply")

    def action_instruct(self) -> None:
        self.run_card_action("instruct")

    def action_move_dated(self) -> None:
        self.run_card_action("move_dated")

    def action_close_card(self) -> None:
        self.run_card_action("close_card")

    def action_draft(self) -> None:
        self.run_card_action("draft")

    def action_round(self) -> None:
        self.run_card_action("round")

    def action_remove_round(self) -> None:
        self.run_card_action("remove_round")

    def action_undo(self) -> None:
        self.post_message(UndoChange())
