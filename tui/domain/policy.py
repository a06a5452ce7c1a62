"""The follow-up policy: from a card's timeline and a moment, what to do and when.

This is POLICY.md as code. Nothing derived here is stored: windows are
computed when asked, from the rules in force, so a change of holidays or
windows re-times every card at once.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import NamedTuple

from msgspec import Struct

from tui.domain.businessdays import add_business_days
from tui.domain.model import EventKind, Instruction, InstructionKind, Interview, Round
from tui.domain.rules import Rules
from tui.domain.stages import STAGE_ACTIONS, STAGES, Action, Stage, Status
from tui.domain.wall import WallTime

#: Board order of each stage, for the replay's many comparisons.
_RANK = {stage: index for index, stage in enumerate(STAGES)}
#: A board's windows start from a few hundred distinct days: each sum is worked out once.
_add_business_days = lru_cache(maxsize=16_384)(add_business_days)


class Timeline(Struct, frozen=True):
    """What the policy reads off a card's events, replayed in order (an immutable record)."""

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
    #: A round that has happened since the last move put the card in Interviewed.
    by_round: bool = False


def replay(card: Interview, by: date | None = None) -> Timeline:
    """Walk the card's events and return the clocks the policy needs.

    ``by`` says which rounds after the first have happened: those whose time
    is at or before it (a datetime), or whose day is on or before it (a date:
    what an operation dated that day sees, since a move dated the day of a
    round counts as after it). None: the first round only.
    """
    return Timeline(*_clocks(card, _passed(card, by)))


def _passed(card: Interview, by: date | None) -> tuple[Round, ...]:
    """The rounds after the first that have happened ``by`` (see ``replay``)."""
    later = card.rounds[1:]
    if not later or by is None:
        return ()
    if isinstance(by, datetime):
        return tuple(r for r in later if r.at.instant() <= by)
    return tuple(r for r in later if r.day <= by)


_Clocks = tuple[Stage, date, date | None, date | None, int, Instruction | None, bool]


#: The enum members ``_clocks`` and ``assess`` tell apart, looked up once rather than per card
#: (reading a member off its class goes through the enum's machinery each time).
_MOVED, _FOLLOWUP, _REPLY = EventKind.MOVED, EventKind.FOLLOWUP, EventKind.REPLY
_INSTRUCTION, _CLEARED = EventKind.INSTRUCTION, EventKind.CLEARED
_INTERVIEWED, _WAITING, _CLOSED = Stage.INTERVIEWED, Stage.WAITING, Stage.CLOSED
_HOLD, _PREMATURE, _DUE, _OVERDUE = Status.HOLD, Status.PREMATURE, Status.DUE, Status.OVERDUE
_CONTACT_ON, _WAIT = InstructionKind.CONTACT_ON, InstructionKind.WAIT


def _clocks(card: Interview, rounds: tuple[Round, ...] = ()) -> _Clocks:
    """``replay``'s fields as a plain tuple (``assess`` runs this for every card of a board).

    ``rounds`` are the later rounds that have happened, in date order. Each
    acts as a move to Interviewed on its day, before the events of that day:
    it starts the thank-you's clock, ends the instruction in force and the
    run of status checks. The last field says whether a round, not a move,
    set the stage last (rounds leave a closed card closed: reopen it first).
    """
    interview_day = card.interviewed_at.local.date()
    stage = _INTERVIEWED
    forward_entry: dict[Stage, date] = {_INTERVIEWED: interview_day}
    last_reply: date | None = None
    last_followup: date | None = None
    checks = 0
    instruction: Instruction | None = None
    rank = _RANK
    by_round = False
    pending = iter([held.at.local.date() for held in rounds])  # each round's day
    round_day = next(pending, None)

    for event in card.events:
        while round_day is not None and round_day <= event.on:
            if stage is not _CLOSED:
                stage, by_round = _INTERVIEWED, True
                forward_entry[_INTERVIEWED] = round_day
                last_followup, checks, instruction = None, 0, None
            round_day = next(pending, None)
        kind = event.kind
        if kind is _MOVED:
            to = event.stage
            if to is None:
                continue
            by_round = False
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
    while round_day is not None:
        if stage is not _CLOSED:
            stage, by_round = _INTERVIEWED, True
            forward_entry[_INTERVIEWED] = round_day
            last_followup, checks, instruction = None, 0, None
        round_day = next(pending, None)

    # The stored stage is the truth (an import may place a card without a move
    # event), unless a round has happened since the last move.
    by_round = by_round and card.stage is not _CLOSED
    stage = _INTERVIEWED if by_round else card.stage
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
        by_round,
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
    if instruction.kind is _CONTACT_ON and day >= instruction.until:
        return None
    if instruction.kind is _WAIT and day > instruction.until:
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
    #: The stage at this moment: the last move's, or Interviewed after a round since.
    stage: Stage
    #: The earliest round still ahead, if any.
    next_round: Round | None

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
    stage=Stage.CLOSED,
    next_round=None,
)


#: Two wall times of the same moment differ by at most 26 hours across the world's zones.
_ZONES_SPREAD = timedelta(hours=27)


def _split(rounds: tuple[Round, ...], now: datetime) -> tuple[tuple[Round, ...], Round | None]:
    """The rounds after the first that have happened by ``now``, and the earliest round still ahead.

    (``_has_happened`` for each, in one loop: a board holds tens of thousands of rounds.)
    """
    early, late = _near(now)
    passed: list[Round] = []
    for index, held in enumerate(rounds):
        at = held.at
        local = at.local
        if local < early or (local <= late and at.instant() <= now):
            if index:
                passed.append(held)
        else:
            return tuple(passed), held  # in date order: the rest are later still
    return tuple(passed), None


def _has_happened(at: WallTime, now: datetime) -> bool:
    """``at`` is at or before ``now``.

    A wall time more than a day away from ``now``'s settles the question
    without working out its instant (a board holds thousands of interviews,
    most long past).
    """
    early, late = _near(now)
    local = at.local
    return local < early or (local <= late and at.instant() <= now)


#: The last moment ``_near`` was asked about, and its answer (one tuple: threads swap it whole).
_LAST_NEAR: list[tuple[datetime | None, datetime, datetime]] = [(None, datetime.min, datetime.max)]


def _near(now: datetime) -> tuple[datetime, datetime]:
    """The wall times within a day of ``now`` in any zone (worked out once for a board's moment)."""
    known, early, late = _LAST_NEAR[0]
    if known is not now:
        wall_now = now.replace(tzinfo=None)
        early, late = wall_now - _ZONES_SPREAD, wall_now + _ZONES_SPREAD
        _LAST_NEAR[0] = (now, early, late)
    return early, late


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
    if card.stage is _CLOSED:
        return CLOSED  # nothing to time: the timeline is not even replayed
    rounds = card.rounds
    if rounds:
        passed, next_round = _split(rounds, now)
        first_ahead = next_round is rounds[0]
    else:
        passed = ()
        first_ahead = not _has_happened(card.interviewed_at, now)
        next_round = card.first_round if first_ahead else None
    stage, anchor, last_reply, last_waiting_followup, checks_without_reply, instruction, _by_round = _clocks(
        card, passed
    )
    action = STAGE_ACTIONS[stage]
    holidays = rules.holidays
    if last_reply is not None and last_reply > anchor:
        anchor = last_reply
    if last_waiting_followup is not None and last_waiting_followup > anchor:
        anchor = last_waiting_followup

    # The interview this stage's thank-you is for is still ahead (a new card's first round).
    upcoming = stage is _INTERVIEWED and first_ahead
    if next_round is not None and not first_ahead and stage is not _INTERVIEWED:
        # A later round ahead stops the chasing: the next thing is the interview, then its
        # thank-you. (In Interviewed the thank-you for the round just held keeps its window;
        # while the first round is ahead, the card's own clocks apply, as they always have.)
        day = next_round.day
        return Assessment(
            _PREMATURE,
            Action.INTERVIEW,
            day,  # opens_on
            _add_business_days(day, 1, holidays),  # due_by
            anchor,
            None,  # hold_until: the interview is the contact they asked for
            False,  # nag
            instruction,
            False,  # upcoming
            False,  # needs_contact
            stage,
            next_round,
        )
    opens_after, due_after = rules.window(stage)
    opens = _add_business_days(anchor, opens_after, holidays)
    due = _add_business_days(anchor, due_after, holidays)
    hold_until: date | None = None

    if instruction is not None:
        if instruction.kind is _CONTACT_ON:
            assert instruction.until is not None
            opens = due = instruction.until
        else:
            hold_until = wait_until(instruction, rules)
            opens = _add_business_days(hold_until, rules.after_wait[0], holidays)
            due = _add_business_days(hold_until, rules.after_wait[1], holidays)

    if hold_until is not None and today <= hold_until:
        status = _HOLD
    elif upcoming or today < opens:
        status = _PREMATURE
    elif today <= due:
        status = _DUE
    else:
        status = _OVERDUE

    nag = stage is _WAITING and checks_without_reply >= rules.nag_limit
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
        stage is _INTERVIEWED and not card.can_receive_note,  # needs_contact
        stage,
        next_round,
    )
