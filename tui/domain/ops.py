"""Operations on a card: each takes a card and returns a new one.

These are the only ways the board changes. The command line, the board's keys,
the forms and the undo stack all call them, then hand the result to the store.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from operator import attrgetter

import msgspec

from tui.domain.model import Contact, Event, EventKind, Instruction, InstructionKind, Interview, Round
from tui.domain.policy import replay
from tui.domain.stages import Outcome, Stage
from tui.domain.wall import WallTime, check_zone

#: An event's day, read in C (a timeline is put in date order by it).
_DAY = attrgetter("on")


def new_uid() -> str:
    """A card's lasting name: random, so two machines never make the same one."""
    return str(uuid.uuid4())


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
    uid: str | None = None,
) -> Interview:
    """A fresh card in ``interviewed``, its first round at ``interviewed_at`` (a new uid if none given)."""
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
        uid=new_uid() if uid is None else uid,
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
        if card.rounds:  # the first round moves with it
            first = msgspec.structs.replace(card.rounds[0], at=interviewed_at)
            rounds = _in_order((first, *card.rounds[1:]))
            changes["rounds"] = rounds
            changes["interviewed_at"] = rounds[0].at
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
    """The card with ``event`` in its timeline, in date order (after the events of its day).

    An event dated in the past ("I called them last Tuesday") goes among the
    events of its day, not after later ones: the timeline is replayed in its
    order (a follow-up made before the card reached Waiting is no status
    check), and a merge of two machines' timelines keeps them in date order
    too, so both read the same.
    """
    events = card.events
    at = len(events)
    while at and events[at - 1].on > event.on:
        at -= 1
    return msgspec.structs.replace(card, events=(*events[:at], event, *events[at:]), **changes)


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
    _check_day(card, on, "a move")
    last = _last_move(card)
    if last is not None and last.stage is not None and on < last.on:
        # The stage is the last move's: one dated before it would leave the card where it is.
        raise DomainError(
            f"a move on {on.isoformat()} comes before the card's last move "
            f"(to {last.stage.label} on {last.on.isoformat()}): date it on or after that"
        )
    current = stage_on(card, on)
    if stage is current and outcome == card.outcome:
        raise DomainError(f"the card is already in {stage.label}")
    event = Event(EventKind.MOVED, on, stage=stage, from_stage=current, outcome=outcome, note=note)
    return _append(card, event, stage=stage, outcome=outcome)


def stage_on(card: Interview, on: date) -> Stage:
    """The card's stage at the end of ``on``: the last move's, or Interviewed after a round held since.

    A round held that day counts (a move dated the day of a round comes after
    it). From the day of the card's last move on, this is its stage now (the
    stored one, which an import may have set without a move); before it, the
    last move dated on or before ``on``.
    """
    last = _last_move(card)
    if last is None or on >= last.on:
        return replay(card, on).stage if card.rounds else card.stage
    stage, since = Stage.INTERVIEWED, card.interview_day
    for event in sorted(_moves(card), key=_DAY):
        if event.on <= on and event.stage is not None:
            stage, since = event.stage, event.on
    held_since = any(since < held.day <= on for held in card.rounds[1:])
    return Stage.INTERVIEWED if held_since and stage is not Stage.CLOSED else stage


def _moves(card: Interview) -> list[Event]:
    return [e for e in card.events if e.kind is EventKind.MOVED and e.stage is not None]


def _last_move(card: Interview) -> Event | None:
    """The card's latest move by date (the last of its day)."""
    moves = _moves(card)
    return max(reversed(moves), key=_DAY) if moves else None


def advance(card: Interview, on: date) -> Interview:
    """Move to the next open stage (closing needs an outcome: use ``move``)."""
    current = stage_on(card, on)
    nxt = current.next
    if nxt is None or nxt is Stage.CLOSED:
        raise DomainError(f"{current.label} is the last stage before closing (close it with an outcome)")
    return move(card, nxt, on)


def retreat(card: Interview, on: date) -> Interview:
    """Move back one stage (a closed card reopens into Waiting)."""
    current = stage_on(card, on)
    prev = current.previous
    if prev is None:
        raise DomainError(f"{current.label} is the first stage")
    return move(card, prev, on)


def _require_open(card: Interview, what: str) -> None:
    if card.stage is Stage.CLOSED:
        raise DomainError(f"the card is closed: reopen it before logging {what}")


def log_followup(card: Interview, on: date, note: str = "") -> Interview:
    """You contacted them (in Waiting: a status check)."""
    _require_open(card, "a follow-up")
    _check_day(card, on, "a follow-up")
    return _append(card, Event(EventKind.FOLLOWUP, on, stage=stage_on(card, on), note=note))


def log_reply(card: Interview, on: date, note: str = "") -> Interview:
    """They got back to you: the clock restarts and any instruction ends."""
    _check_day(card, on, "a reply")
    return _append(card, Event(EventKind.REPLY, on, stage=stage_on(card, on), note=note))


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
    if replay(card, on).instruction is None:
        raise DomainError("there is no instruction in force to clear")
    return _append(card, Event(EventKind.CLEARED, on))


def _in_order(rounds: Sequence[Round]) -> tuple[Round, ...]:
    return tuple(sorted(rounds, key=lambda r: r.at.instant()))


def add_round(
    card: Interview,
    at: WallTime,
    *,
    label: str = "",
    met: Sequence[str] = (),
) -> Interview:
    """The card with one more round, past or scheduled.

    ``met`` names who was met; a name that is not yet one of the card's
    contacts is added as one. A round that has happened acts as a move to
    Interviewed on its day (see ``policy``); one still ahead stops the chasing.
    """
    _require_open(card, "a round")
    names = tuple(dict.fromkeys(n.strip() for n in met if n.strip()))
    rounds = card.all_rounds
    if any(r.at.instant() == at.instant() for r in rounds):
        raise DomainError(f"there is already a round at {at.local:%Y-%m-%d %H:%M}")
    known = {c.name for c in card.contacts}
    contacts = card.contacts + tuple(Contact(name=n) for n in names if n not in known)
    ordered = _in_order((*rounds, Round(at, label=label.strip(), met=names)))
    return msgspec.structs.replace(card, rounds=ordered, interviewed_at=ordered[0].at, contacts=contacts)


def remove_round(card: Interview, number: int) -> Interview:
    """The card without its round ``number`` (1-based, in date order); the only round stays.

    The card is re-timed from what remains. Left with one round that says no
    more than a card's first round does, the card is as it was before rounds.
    """
    rounds = card.all_rounds
    if len(rounds) == 1:
        raise DomainError("the only round cannot be removed")
    if not 1 <= number <= len(rounds):
        raise DomainError(f"there is no round {number} (the card has {len(rounds)} rounds)")
    left = rounds[: number - 1] + rounds[number:]
    return with_rounds(card, left)


def with_rounds(card: Interview, rounds: Sequence[Round]) -> Interview:
    """``card`` holding ``rounds`` (in date order), written the one way a card is.

    One round that says no more than a card's first round does (no label, no
    invite, and met by no one named or by everyone on the card) is the card as it was
    before rounds: the same card is never written two ways, so merging or
    saving it again changes nothing.
    """
    ordered = _in_order(rounds)
    if not ordered:
        return msgspec.structs.replace(card, rounds=())
    only = ordered[0]
    names = tuple(c.name for c in card.contacts if c.name)
    plain = len(ordered) == 1 and not only.label and only.invite is None and only.met in ((), names)
    return msgspec.structs.replace(card, rounds=() if plain else ordered, interviewed_at=only.at)
