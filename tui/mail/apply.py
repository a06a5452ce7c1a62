"""Suggestions made true: each one a change of its card, through the board's own operations.

``change`` turns one suggestion into the change of its card that the command
line (``followup mail --apply``) and the board's mail screen both hand to the
store. The change remembers the message on the card (``applied_mail``), and
a message the card already remembers changes nothing: applying the same mail
twice, or from two places at once, changes the board once. ``memory`` reads
back from the cards what a run needs to know: the invites on the board and
the messages already applied.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from tui.domain import ops
from tui.domain.booked import book_round, cancel_booked_round, move_booked_round, remember_mail
from tui.domain.model import Interview, InviteRef
from tui.domain.ops import DomainError
from tui.domain.stages import Stage
from tui.domain.wall import WallTime, zone
from tui.mail.classify import MOVES_TO
from tui.mail.suggestion import (
    Action,
    CancelRound,
    LogFollowUp,
    LogReply,
    MaybeRejection,
    MoveRound,
    ScheduleRound,
    Suggestion,
)


@dataclass(frozen=True)
class Memory:
    """What the board already holds from mail: invites by (card id, UID) -> SEQUENCE, and message ids."""

    rounds: dict[tuple[int, str], int]
    applied: frozenset[str]


def memory(cards: Iterable[Interview]) -> Memory:
    """The invites booked on ``cards`` and the messages applied to them."""
    rounds: dict[tuple[int, str], int] = {}
    applied: set[str] = set()
    for card in cards:
        applied.update(card.applied_mail)
        for held in card.rounds:
            if held.invite is not None:
                rounds[card.id, held.invite.uid] = held.invite.sequence
    return Memory(rounds, frozenset(applied))


def change(suggestion: Suggestion) -> Callable[[Interview], Interview]:
    """The change ``suggestion`` makes to its card; it raises ``DomainError`` when it no longer fits.

    A card that already remembers the message is returned as it is.
    """
    identity = suggestion.message.identity
    action = suggestion.action

    def apply(card: Interview) -> Interview:
        if identity and identity in card.applied_mail:
            return card
        if card.stage is Stage.CLOSED:
            raise DomainError("the card is closed")
        return remember_mail(_act(card, action), identity)

    return apply


def can_apply(suggestion: Suggestion) -> bool:
    """The suggestion would change a matched card when applied."""
    return suggestion.changes_board and suggestion.match is not None


def apply_all(card: Interview, suggestions: Sequence[Suggestion], problems: dict[int, str]) -> Interview:
    """``card`` after each of ``suggestions`` in turn; one that no longer fits is noted in ``problems``.

    ``problems`` is keyed by the suggestion's place in ``suggestions``.
    """
    for index, suggestion in enumerate(suggestions):
        try:
            card = change(suggestion)(card)
        except (DomainError, ValueError) as exc:
            problems[index] = str(exc)
    return card


def _act(card: Interview, action: Action) -> Interview:
    if isinstance(action, LogReply | MaybeRejection):  # a rejection is only a question: never closed here
        return ops.log_reply(card, action.on, action.note)
    if isinstance(action, LogFollowUp):
        stage = MOVES_TO.get(action.kind)
        if stage is not None:
            return ops.move(card, stage, action.on, note=action.note)
        return ops.log_followup(card, action.on, action.note)
    if isinstance(action, ScheduleRound):
        return book_round(
            card, _wall(action.at, action.zone), action.label, InviteRef(action.uid, action.sequence)
        )
    if isinstance(action, MoveRound):
        return move_booked_round(card, action.uid, _wall(action.at, action.zone), action.sequence)
    if isinstance(action, CancelRound):
        return cancel_booked_round(card, action.uid)
    raise DomainError("nothing to apply")


def _wall(at: datetime, zone_name: str) -> WallTime:
    """The instant ``at`` as a wall time in ``zone_name``."""
    return WallTime(at.astimezone(zone(zone_name)).replace(tzinfo=None), zone_name)
