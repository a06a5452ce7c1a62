"""The follow-up policy stage by stage: one row per stage rule of POLICY.md and one per worked example.

Every expected date below is worked out by hand from the rule book (the
calendar of late 2026: Fri 20 Nov, Mon 23 Nov, Mon 30 Nov, Mon 7 Dec, ...).
"""

from __future__ import annotations

from datetime import date, time

import pytest

from tests.unit.policy_cases import (
    CONTACT,
    NEW_YORK,
    A,
    Case,
    S,
    case,
    checked_in,
    d,
    followups,
    interview,
    observed,
    thanked,
    waiting,
)
from tui.domain import ops
from tui.domain.stages import Outcome, Stage


def test_calendar_premises() -> None:
    """The hand-worked dates below rely on these weekdays."""
    assert d(11, 20).weekday() == 4  # Fri
    assert d(11, 23).weekday() == 0  # Mon
    assert d(11, 30).weekday() == 0
    assert d(12, 7).weekday() == 0
    assert d(12, 21).weekday() == 0
    assert date(2027, 1, 1).weekday() == 4


WORKED_EXAMPLES = [
    # Interview Fri 2026-11-20 10:00: thank-you opens Fri 11-20, due by Mon 11-23.
    case("ex1-sun-due", interview(), d(11, 22), S.DUE, opens_on=d(11, 20), due_by=d(11, 23)),
    case("ex1-tue-overdue", interview(), d(11, 24), S.OVERDUE, opens_on=d(11, 20), due_by=d(11, 23)),
    case("ex1-fri-0900-premature", interview(), d(11, 20), S.PREMATURE, at=time(9, 0), upcoming=True),
    # Thanked Mon 2026-11-23: check-in opens Mon 11-30, due by Mon 12-07.
    case("ex2-fri-premature", thanked(), d(11, 27), S.PREMATURE, opens_on=d(11, 30), due_by=d(12, 7)),
    case("ex2-wed-due", thanked(), d(12, 2), S.DUE, opens_on=d(11, 30), due_by=d(12, 7)),
    case("ex2-tue-overdue", thanked(), d(12, 8), S.OVERDUE, opens_on=d(11, 30), due_by=d(12, 7)),
    # Thanked Mon 11-23 with "contact on Wed 11-25".
    *(
        case(
            f"ex3-{name}",
            ops.instruct_contact_on(thanked(), d(11, 25), d(11, 23)),
            day,
            status,
            opens_on=d(11, 25),
            due_by=d(11, 25),
            instruction=CONTACT,
        )
        for name, day, status in (
            ("tue-premature", d(11, 24), S.PREMATURE),
            ("wed-due", d(11, 25), S.DUE),
            ("thu-overdue", d(11, 26), S.OVERDUE),
        )
    ),
]


@pytest.mark.parametrize("c", WORKED_EXAMPLES)
def test_worked_examples(c: Case) -> None:
    assert observed(c) == c.expect


STAGE_RULES = [
    # interviewed: send a thank-you; opens at the interview, due bd(anchor, 1).
    case(
        "interviewed-action",
        interview(),
        d(11, 20),
        S.DUE,
        action=A.THANK_YOU,
        anchor=d(11, 20),
        opens_on=d(11, 20),
        due_by=d(11, 23),
        at=time(10, 0),
        upcoming=False,
    ),
    case("interviewed-due-on-due-by", interview(), d(11, 23), S.DUE),
    case(
        "interviewed-saturday",
        interview(day=d(11, 21)),
        d(11, 21),
        S.DUE,
        opens_on=d(11, 21),
        due_by=d(11, 23),
    ),
    case(
        "interviewed-upcoming-days-ahead",
        interview(day=d(11, 27)),
        d(11, 24),
        S.PREMATURE,
        upcoming=True,
        opens_on=d(11, 27),
        due_by=d(11, 30),
    ),
    # The interview's moment is read in its own zone: 10:00 New York is 15:00 London.
    case(
        "upcoming-in-employer-zone",
        interview(zone=NEW_YORK),
        d(11, 20),
        S.PREMATURE,
        at=time(14, 59),
        upcoming=True,
    ),
    case(
        "passed-in-employer-zone", interview(zone=NEW_YORK), d(11, 20), S.DUE, at=time(15, 0), upcoming=False
    ),
    case(
        "now-in-example-zone",
        interview(zone=NEW_YORK),
        d(11, 20),
        S.PREMATURE,
        at=time(9, 59),
        zone=NEW_YORK,
        upcoming=True,
    ),
    # thanked: phone to check in; bd(anchor, 5) .. bd(anchor, 10).
    case("thanked-action", thanked(), d(11, 30), S.DUE, action=A.CHECK_IN_CALL, anchor=d(11, 23)),
    case("thanked-last-due-day", thanked(), d(12, 7), S.DUE),
    case("thanked-day-before-open", thanked(), d(11, 29), S.PREMATURE),
    # checked_in (Mon 11-30): follow-up email; opens Wed 12-02, due Mon 12-07.
    case(
        "checked-in-premature",
        checked_in(),
        d(12, 1),
        S.PREMATURE,
        action=A.FOLLOW_UP_EMAIL,
        anchor=d(11, 30),
        opens_on=d(12, 2),
        due_by=d(12, 7),
    ),
    case("checked-in-due", checked_in(), d(12, 2), S.DUE),
    case("checked-in-overdue", checked_in(), d(12, 8), S.OVERDUE),
    # waiting (Wed 12-02): status check; opens Wed 12-16, due Wed 12-23.
    case(
        "waiting-window",
        waiting(),
        d(12, 15),
        S.PREMATURE,
        action=A.STATUS_CHECK,
        anchor=d(12, 2),
        opens_on=d(12, 16),
        due_by=d(12, 23),
        nag=False,
    ),
    case("waiting-due", waiting(), d(12, 23), S.DUE),
    case("waiting-overdue", waiting(), d(12, 24), S.OVERDUE),
    # waiting's anchor is the latest contact: a status check on Mon 12-07 moves it.
    case(
        "waiting-followup-anchor",
        followups(waiting(), d(12, 7)),
        d(12, 18),
        S.PREMATURE,
        anchor=d(12, 7),
        opens_on=d(12, 21),
        due_by=d(12, 28),
    ),
    case(
        "waiting-reply-anchor",
        ops.log_reply(followups(waiting(), d(12, 7)), d(12, 8)),
        d(12, 22),
        S.DUE,
        anchor=d(12, 8),
        opens_on=d(12, 22),
        due_by=d(12, 29),
    ),
    case(
        "waiting-entry-later-than-reply",
        ops.move(ops.log_reply(checked_in(), d(12, 1)), Stage.WAITING, d(12, 2)),
        d(12, 16),
        S.DUE,
        anchor=d(12, 2),
    ),
    # Moving back returns to the earlier stage's clock.
    case(
        "retreat-to-interviewed",
        ops.retreat(thanked(), d(11, 24)),
        d(11, 24),
        S.OVERDUE,
        action=A.THANK_YOU,
        anchor=d(11, 20),
        due_by=d(11, 23),
    ),
    # closed: nothing to do.
    case(
        "closed",
        ops.move(waiting(), Stage.CLOSED, d(12, 10), outcome=Outcome.OFFER),
        d(12, 30),
        S.CLOSED,
        action=None,
        opens_on=None,
        due_by=None,
        nag=False,
        needs_contact=False,
    ),
    case(
        "reopened-into-waiting",
        ops.retreat(ops.move(waiting(), Stage.CLOSED, d(12, 10), outcome=Outcome.REJECTED), d(12, 11)),
        d(12, 16),
        S.DUE,
        action=A.STATUS_CHECK,
    ),
]


@pytest.mark.parametrize("c", STAGE_RULES)
def test_stage_windows_and_statuses(c: Case) -> None:
    assert observed(c) == c.expect
