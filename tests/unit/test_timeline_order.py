"""A timeline in date order: an event logged late for an earlier day takes its place among the others.

The policy replays a card's events in their order, and a merge of two
machines' timelines puts them in date order: an event logged for an earlier
day goes among the events of that day, so both read the same, and a
follow-up made before the card reached Waiting is no status check.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from tui.domain import ops
from tui.domain.model import EventKind, Interview
from tui.domain.policy import Assessment, assess
from tui.domain.report import Kind, kind_of
from tui.domain.rules import Rules
from tui.domain.stages import Outcome, Stage
from tui.domain.wall import WallTime

LONDON = "Europe/London"


def d(month: int, day: int) -> date:
    return date(2026, month, day)


def checked_in() -> Interview:
    """Interviewed Mon 2 Nov (thanked that day), checked in Mon 9 Nov."""
    card = ops.new_interview(
        card_id=1,
        company="Acme",
        interviewed_at=WallTime(datetime(2026, 11, 2, 10), LONDON),
        created_on=d(11, 2),
        uid="acme",
    )
    return ops.move(ops.move(card, Stage.THANKED, d(11, 2)), Stage.CHECKED_IN, d(11, 9))


def in_waiting() -> Interview:
    """As ``checked_in``, then waiting from Mon 16 Nov."""
    return ops.move(checked_in(), Stage.WAITING, d(11, 16))


def verdict(card: Interview, day: date) -> Assessment:
    now = datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo(LONDON))
    return assess(card, now, day, Rules())


def test_follow_ups_logged_late_for_days_before_waiting_are_no_status_checks() -> None:
    late = ops.log_followup(ops.log_followup(in_waiting(), d(11, 12)), d(11, 13))
    late = ops.log_followup(late, d(11, 25))  # the one status check made in Waiting
    assert [(e.kind, e.on) for e in late.events] == [
        (EventKind.CREATED, d(11, 2)),
        (EventKind.MOVED, d(11, 2)),
        (EventKind.MOVED, d(11, 9)),
        (EventKind.FOLLOWUP, d(11, 12)),
        (EventKind.FOLLOWUP, d(11, 13)),
        (EventKind.MOVED, d(11, 16)),
        (EventKind.FOLLOWUP, d(11, 25)),
    ]
    assert [e.stage for e in late.events if e.kind is EventKind.FOLLOWUP] == [
        Stage.CHECKED_IN,
        Stage.CHECKED_IN,
        Stage.WAITING,
    ]
    assert not verdict(late, d(11, 26)).nag  # one check without a reply, not three
    # The same follow-ups logged on their own days: the very same card.
    on_time = ops.log_followup(ops.log_followup(checked_in(), d(11, 12)), d(11, 13))
    on_time = ops.log_followup(ops.move(on_time, Stage.WAITING, d(11, 16)), d(11, 25))
    assert late == on_time


def test_the_work_search_log_says_what_a_late_logged_follow_up_was() -> None:
    late = ops.log_followup(in_waiting(), d(11, 12))
    (followup,) = [e for e in late.events if e.kind is EventKind.FOLLOWUP]
    assert kind_of(followup) is Kind.FOLLOW_UP_EMAIL  # made in Checked in: not a status check


def test_stage_on_a_past_day_is_where_the_moves_had_put_the_card() -> None:
    card = in_waiting()
    assert [
        ops.stage_on(card, day) for day in (d(11, 2), d(11, 8), d(11, 9), d(11, 15), d(11, 16), d(12, 1))
    ] == [
        Stage.THANKED,
        Stage.THANKED,
        Stage.CHECKED_IN,
        Stage.CHECKED_IN,
        Stage.WAITING,
        Stage.WAITING,
    ]


def test_a_round_held_after_a_move_puts_the_card_back_in_interviewed_from_its_day() -> None:
    card = ops.add_round(in_waiting(), WallTime(datetime(2026, 11, 11, 14), LONDON))  # Wed, in Checked in
    assert [ops.stage_on(card, day) for day in (d(11, 10), d(11, 11), d(11, 13), d(11, 16))] == [
        Stage.CHECKED_IN,
        Stage.INTERVIEWED,  # the day of the round counts
        Stage.INTERVIEWED,
        Stage.WAITING,  # moved on since
    ]


def test_a_move_dated_before_the_last_move_is_refused() -> None:
    card = in_waiting()
    refused = r"^a move on 2026-11-12 comes before the card's last move \(to Waiting on 2026-11-16\): date it"
    with pytest.raises(ops.DomainError, match=refused):
        ops.move(card, Stage.CHECKED_IN, d(11, 12))
    closed = ops.move(card, Stage.CLOSED, d(11, 16), outcome=Outcome.WITHDRAWN)  # the same day: after it
    assert (closed.stage, closed.events[-1].on) == (Stage.CLOSED, d(11, 16))
