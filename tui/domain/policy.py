"""The follow-up policy: from a card's timeline and a moment, what to do and when.

This is POLICY.md as code. Nothing derived here is stored: windows are
computed when asked, from the rules in force, so a change of holidays or
windows re-times every card at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import NamedTuple

from tui.domain.businessdays import add_business_days
from tui.domain.model import EventKind, Instruction, InstructionKind, Interview
from tui.domain.rules import Rules
from tui.domain.stages import STAGE_ACTIONS, STAGES, Action, Stage, Status

#: Board order of each stage, for the replay's many comparisons.
_RANK = {stage: index for index, stage in enumerate(STAGES)}
#: A board's windows start from a few hundred distinct days: each sum is worked out once.
_add_business_days = lru_cache(maxsize=16_384)(add_business_days)


@dataclass(frozen=True, slots=True)
class Timeline:
    """What the policy reads off a card's events, replayed in order."""

    stage: Stage
    #: The day the current stage's clock started (before replies and follow-ups).
    stage_anchor: date
    #: The latest reply heard, if any.
    last_reply: date | None
    #: The latest follow-up logged while in ``waiting`` (this stint).
    last_waiting_followup: date | None
    #: Status checks logged in ``waiting`` since entering it or since the last reply.
    checks_without_reply: int
    #: The employer's instruction still in force, if any.
    instruction: Instruction | None


def replay(card: Interview) -> Timeline:
    """Walk the card's events and return the clocks the policy needs."""
    return Timeline(*_clocks(card))


_Clocks = tuple[Stage, date, date | None, date | None, int, Instruction | None]


#: The event kinds and stages ``_clocks`` tells apart, looked up once rather than per event.
_MOVED, _FOLLOWUP, _REPLY = EventKind.MOVED, EventKind.FOLLOWUP, EventKind.REPLY
_INSTRUCTION, _CLEARED = EventKind.INSTRUCTION, EventKind.CLEARED
_INTERVIEWED, _WAITING, _CLOSED = Stage.INTERVIEWED, Stage.WAITING, Stage.CLOSED


def _clocks(card: Interview) -> _Clocks:
    """``replay``'s fields as a plain tuple (``assess`` runs this for every card of a board)."""
    interview_day = card.interviewed_at.local.date()
    stage = _INTERVIEWED
    forward_entry: dict[Stage, date] = {_INTERVIEWED: interview_day}
    last_reply: date | None = None
    last_followup: date | None = None
    checks = 0
    instruction: Instruction | None = None
    rank = _RANK

    for event in card.events:
        kind = event.kind
        if kind is _MOVED:
            to = event.stage
            if to is None:
                continue
            source = event.from_stage
            if source is None or rank[to] > rank[source]:  # a forward move
                forward_entry[to] = event.on
                if instruction is not None:
                    instruction = _after_contact(instruction, event.on)
            if to is not stage:
                last_followup = None
                if to is _WAITING:
                    checks = 0
            stage = to
        elif kind is _FOLLOWUP:
            if stage is _WAITING:
                last_followup = _latest(last_followup, event.on)
                checks += 1
            instruction = _after_contact(instruction, event.on)
        elif kind is _REPLY:
            last_reply = _latest(last_reply, event.on)
            checks = 0
            if instruction is not None and event.on >= instruction.given_on:
                instruction = None
        elif kind is _INSTRUCTION:
            instruction = event.instruction
        elif kind is _CLEARED:
            instruction = None

    # The stored stage is the truth (an import may place a card without a move event).
    stage = card.stage
    anchor = forward_entry.get(stage)
    if anchor is None:
        earlier = [d for s, d in forward_entry.items() if s.index <= stage.index]
        anchor = max(earlier) if earlier else interview_day
    waiting = stage is _WAITING
    return (
        stage,
        anchor,
        last_reply,
        last_followup if waiting else None,
        checks if waiting else 0,
        instruction if stage is not _CLOSED else None,
    )


def _latest(current: date | None, day: date) -> date:
    return day if current is None or day > current else current


def _after_contact(instruction: Instruction | None, day: date) -> Instruction | None:
    """A follow-up logged on ``day``: does the instruction in force end?

    "Contact on D" ends once you have been in touch on or after D; "wait for
    them until D" ends once you follow up after D (the hold is over and done).
    """
    if instruction is None or instruction.until is None:
        return instruction
    if instruction.kind is InstructionKind.CONTACT_ON and day >= instruction.until:
        return None
    if instruction.kind is InstructionKind.WAIT and day > instruction.until:
        return None
    return instruction


class Assessment(NamedTuple):
    """The verdict on one card at one moment.

    An immutable record like the others, as a named tuple: a board makes one
    per card every time it is timed (10,000 at the start of a big board), and
    a tuple is made in a third of the time a frozen dataclass takes.
    """

    status: Status
    action: Action | None
    opens_on: date | None
    due_by: date | None
    anchor: date | None
    #: For ``hold``: the last day of the hold.
    hold_until: date | None
    nag: bool
    instruction: Instruction | None
    #: The interview itself is still ahead.
    upcoming: bool
    #: In ``interviewed`` with no email nor postal address for a thank-you.
    needs_contact: bool

    @property
    def is_actionable(self) -> bool:
        return self.status in (Status.DUE, Status.OVERDUE)


#: The verdict on every closed card (one shared value: a closed card has nothing left to time).
CLOSED = Assessment(
    status=Status.CLOSED,
    action=None,
    opens_on=None,
    due_by=None,
    anchor=None,
    hold_until=None,
    nag=False,
    instruction=None,
    upcoming=False,
    needs_contact=False,
)


def wait_until(instruction: Instruction, rules: Rules) -> date:
    """The last day of a "wait for them" hold (its default when no date was given)."""
    if instruction.until is not None:
        return instruction.until
    return _add_business_days(instruction.given_on, rules.wait_default, rules.holidays)


def assess(card: Interview, now: datetime, today: date, rules: Rules) -> Assessment:
    """The status, next action and window of ``card`` at ``now``.

    ``now`` is an aware moment; ``today`` is its date in the user's zone (the
    caller's clock decides both so that nothing here reads the system time).
    """
    if card.stage is Stage.CLOSED:
        return CLOSED  # nothing to time: the timeline is not even replayed
    stage, anchor, last_reply, last_waiting_followup, checks_without_reply, instruction = _clocks(card)
    action = STAGE_ACTIONS[stage]
    holidays = rules.holidays
    if last_reply is not None and last_reply > anchor:
        anchor = last_reply
    if last_waiting_followup is not None and last_waiting_followup > anchor:
        anchor = last_waiting_followup

    upcoming = stage is Stage.INTERVIEWED and now < card.interview_instant()
    opens_after, due_after = rules.window(stage)
    opens = _add_business_days(anchor, opens_after, holidays)
    due = _add_business_days(anchor, due_after, holidays)
    hold_until: date | None = None

    if instruction is not None:
        if instruction.kind is InstructionKind.CONTACT_ON:
            assert instruction.until is not None
            opens = due = instruction.until
        else:
            hold_until = wait_until(instruction, rules)
            opens = _add_business_days(hold_until, rules.after_wait[0], holidays)
            due = _add_business_days(hold_until, rules.after_wait[1], holidays)

    if hold_until is not None and today <= hold_until:
        status = Status.HOLD
    elif upcoming or today < opens:
        status = Status.PREMATURE
    elif today <= due:
        status = Status.DUE
    else:
        status = Status.OVERDUE

    nag = stage is Stage.WAITING and checks_without_reply >= rules.nag_limit
    # In the fields' order, not by name: half the time of a named tuple made with keywords.
    return Assessment(
        status,
        action,
        opens,  # opens_on
        due,  # due_by
        anchor,
        hold_until,
        nag,
        instruction,
        upcoming,
        stage is Stage.INTERVIEWED and not card.can_receive_note,  # needs_contact
    )
