"""Operations on a card: each takes a card and returns a new one.

These are the only ways the board changes. The command line, the board's keys,
the forms and the undo stack all call them, then hand the result to the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import msgspec

from tui.domain.model import Contact, Event, EventKind, Instruction, InstructionKind, Interview
from tui.domain.policy import replay
from tui.domain.stages import Outcome, Stage
from tui.domain.wall import WallTime, check_zone


class DomainError(ValueError):
    """An operation that makes no sense for this card (the message says why)."""


def new_interview(
    *,
    card_id: int,
    company: str,
    interviewed_at: WallTime,
    created_on: date,
    role: str = "",
    employer_zone: str = "",
    contacts: Sequence[Contact] = (),
    notes: str = "",
) -> Interview:
    """A fresh card in ``interviewed``."""
    company = company.strip()
    if not company:
        raise DomainError("a company name is required")
    if employer_zone:
        check_zone(employer_zone)
    return Interview(
        id=card_id,
        company=company,
        role=role.strip(),
        interviewed_at=interviewed_at,
        employer_zone=employer_zone,
        contacts=tuple(c for c in contacts if not c.is_empty),
        notes=notes,
        events=(Event(EventKind.CREATED, created_on),),
    )


def edit(
    card: Interview,
    *,
    company: str | None = None,
    role: str | None = None,
    interviewed_at: WallTime | None = None,
    employer_zone: str | None = None,
    contacts: Sequence[Contact] | None = None,
    notes: str | None = None,
) -> Interview:
    """The card with the given fields replaced (the timeline is kept)."""
    changes: dict[str, object] = {}
    if company is not None:
        if not company.strip():
            raise DomainError("a company name is required")
        changes["company"] = company.strip()
    if role is not None:
        changes["role"] = role.strip()
    if interviewed_at is not None:
        changes["interviewed_at"] = interviewed_at
    if employer_zone is not None:
        if employer_zone:
            check_zone(employer_zone)
        changes["employer_zone"] = employer_zone
    if contacts is not None:
        changes["contacts"] = tuple(c for c in contacts if not c.is_empty)
    if notes is not None:
        changes["notes"] = notes
    return msgspec.structs.replace(card, **changes)


def _append(card: Interview, event: Event, **changes: object) -> Interview:
    return msgspec.structs.replace(card, events=(*card.events, event), **changes)


def _check_day(card: Interview, on: date, what: str) -> None:
    if on < card.interview_day:
        raise DomainError(
            f"{what} on {on.isoformat()} is before the interview ({card.interview_day.isoformat()})"
        )


def move(
    card: Interview,
    stage: Stage,
    on: date,
    *,
    outcome: Outcome | None = None,
    note: str = "",
) -> Interview:
    """Move the card to ``stage`` as of ``on``.

    Moving forward starts the new stage's clock on ``on``; moving back returns
    to the earlier stage's clock (the policy reads it from the timeline).
    Closing needs an outcome; reopening drops it.
    """
    if stage is Stage.CLOSED:
        if outcome is None:
            raise DomainError("closing a card needs an outcome")
    elif outcome is not None:
        raise DomainError("only a closed card has an outcome")
    if stage is card.stage and outcome == card.outcome:
        raise DomainError(f"the card is already in {stage.label}")
    _check_day(card, on, "a move")
    event = Event(EventKind.MOVED, on, stage=stage, from_stage=card.stage, outcome=outcome, note=note)
    return _append(card, event, stage=stage, outcome=outcome)


def advance(card: Interview, on: date) -> Interview:
    """Move to the next open stage (closing needs an outcome: use ``move``)."""
    nxt = card.stage.next
    if nxt is None or nxt is Stage.CLOSED:
        raise DomainError(f"{card.stage.label} is the last stage before closing (close it with an outcome)")
    return move(card, nxt, on)


def retreat(card: Interview, on: date) -> Interview:
    """Move back one stage (a closed card reopens into Waiting)."""
    prev = card.stage.previous
    if prev is None:
        raise DomainError(f"{card.stage.label} is the first stage")
    return move(card, prev, on)


def _require_open(card: Interview, what: str) -> None:
    if card.stage is Stage.CLOSED:
        raise DomainError(f"the card is closed: reopen it before logging {what}")


def log_followup(card: Interview, on: date, note: str = "") -> Interview:
    """You contacted them (in Waiting: a status check)."""
    _require_open(card, "a follow-up")
    _check_day(card, on, "a follow-up")
    return _append(card, Event(EventKind.FOLLOWUP, on, stage=card.stage, note=note))


def log_reply(card: Interview, on: date, note: str = "") -> Interview:
    """They got back to you: the clock restarts and any instruction ends."""
    _check_day(card, on, "a reply")
    return _append(card, Event(EventKind.REPLY, on, stage=card.stage, note=note))


def instruct_contact_on(card: Interview, day: date, given_on: date, note: str = "") -> Interview:
    """The employer said: contact us on ``day``."""
    _require_open(card, "an instruction")
    if day < given_on:
        raise DomainError(
            f"contact date {day.isoformat()} is before the day it was given ({given_on.isoformat()})"
        )
    instruction = Instruction(InstructionKind.CONTACT_ON, given_on=given_on, until=day)
    return _append(card, Event(EventKind.INSTRUCTION, given_on, instruction=instruction, note=note))


def instruct_wait(card: Interview, until: date | None, given_on: date, note: str = "") -> Interview:
    """The employer said: we will get back to you (by ``until``)."""
    _require_open(card, "an instruction")
    if until is not None and until < given_on:
        raise DomainError(
            f"wait date {until.isoformat()} is before the day it was given ({given_on.isoformat()})"
        )
    instruction = Instruction(InstructionKind.WAIT, given_on=given_on, until=until)
    return _append(card, Event(EventKind.INSTRUCTION, given_on, instruction=instruction, note=note))


def clear_instruction(card: Interview, on: date) -> Interview:
    """Drop the instruction in force."""
    if replay(card).instruction is None:
        raise DomainError("there is no instruction in force to clear")
    return _append(card, Event(EventKind.CLEARED, on))
