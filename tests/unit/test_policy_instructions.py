"""The follow-up policy when the employer says when: "contact on" a day, or "wait" until one.

Every expected date below is worked out by hand from the rule book (the
calendar of late 2026: Fri 20 Nov, Mon 23 Nov, Mon 30 Nov, Mon 7 Dec, ...;
premises checked in ``test_policy_stages.py``).
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.unit.policy_cases import (
    CONTACT,
    WAIT,
    Case,
    S,
    case,
    d,
    followups,
    observed,
    thanked,
    waiting,
)
from tui.domain import ops
from tui.domain.model import Interview
from tui.domain.rules import Rules
from tui.domain.stages import Stage


def _contact_on(
    card: Interview, day: date = date(2026, 11, 25), given: date = date(2026, 11, 23)
) -> Interview:
    return ops.instruct_contact_on(card, day, given)


def _wait(
    card: Interview, until: date | None = date(2026, 12, 4), given: date = date(2026, 11, 24)
) -> Interview:
    return ops.instruct_wait(card, until, given)


INSTRUCTION_RULES = [
    # contact on D: opens = due by = D whatever the stage.
    case(
        "contact-on-in-waiting",
        _contact_on(waiting(), d(12, 4), d(12, 3)),
        d(12, 4),
        S.DUE,
        opens_on=d(12, 4),
        due_by=d(12, 4),
        instruction=CONTACT,
    ),
    case(
        "contact-on-a-saturday",
        _contact_on(thanked(), d(11, 28)),
        d(11, 28),
        S.DUE,
        opens_on=d(11, 28),
        due_by=d(11, 28),
    ),
    case(
        "contact-on-ignores-holidays",
        _contact_on(thanked()),
        d(11, 25),
        S.DUE,
        opens_on=d(11, 25),
        due_by=d(11, 25),
        rules=Rules(holidays=frozenset({d(11, 25)})),
    ),
    # cleared by a follow-up on or after D, not before.
    case(
        "contact-on-cleared-by-followup-on-d",
        followups(_contact_on(thanked()), d(11, 25)),
        d(11, 26),
        S.PREMATURE,
        instruction=None,
        opens_on=d(11, 30),
        due_by=d(12, 7),
    ),
    case(
        "contact-on-kept-after-early-followup",
        followups(_contact_on(thanked()), d(11, 24)),
        d(11, 26),
        S.OVERDUE,
        instruction=CONTACT,
        due_by=d(11, 25),
    ),
    # a move to a later stage counts as a follow-up that day.
    case(
        "contact-on-cleared-by-move-on-d",
        ops.move(_contact_on(thanked()), Stage.CHECKED_IN, d(11, 25)),
        d(11, 26),
        S.PREMATURE,
        instruction=None,
        opens_on=d(11, 27),
        due_by=d(12, 2),
    ),
    case(
        "contact-on-kept-after-early-move",
        ops.move(_contact_on(thanked()), Stage.CHECKED_IN, d(11, 24)),
        d(11, 24),
        S.PREMATURE,
        instruction=CONTACT,
        opens_on=d(11, 25),
        due_by=d(11, 25),
    ),
    # a reply ends the instruction and restarts the clock.
    case(
        "contact-on-ended-by-reply",
        ops.log_reply(_contact_on(thanked()), d(11, 24)),
        d(11, 26),
        S.PREMATURE,
        instruction=None,
        anchor=d(11, 24),
        opens_on=d(12, 1),
        due_by=d(12, 8),
    ),
    case(
        "contact-on-cleared-by-hand",
        ops.clear_instruction(_contact_on(thanked()), d(11, 24)),
        d(11, 26),
        S.PREMATURE,
        instruction=None,
        opens_on=d(11, 30),
    ),
    # wait until D: hold while T <= D, then bd(D, 1) .. bd(D, 3).
    case(
        "wait-hold-on-d",
        _wait(thanked()),
        d(12, 4),
        S.HOLD,
        hold_until=d(12, 4),
        opens_on=d(12, 7),
        due_by=d(12, 9),
        instruction=WAIT,
    ),
    case("wait-hold-before-d", _wait(thanked()), d(11, 30), S.HOLD, hold_until=d(12, 4)),
    case("wait-after-d-weekend", _wait(thanked()), d(12, 5), S.PREMATURE, hold_until=d(12, 4)),
    case("wait-after-d-due", _wait(thanked()), d(12, 7), S.DUE),
    case("wait-after-d-last-day", _wait(thanked()), d(12, 9), S.DUE),
    case("wait-after-d-overdue", _wait(thanked()), d(12, 10), S.OVERDUE),
    case(
        "wait-after-d-holiday",
        _wait(thanked()),
        d(12, 8),
        S.DUE,
        opens_on=d(12, 8),
        due_by=d(12, 10),
        rules=Rules(holidays=frozenset({d(12, 7)})),
    ),
    # without a date: D = bd(given, 15); given Tue 11-24 -> Tue 12-15.
    case(
        "wait-default-hold",
        _wait(thanked(), None),
        d(12, 15),
        S.HOLD,
        hold_until=d(12, 15),
        opens_on=d(12, 16),
        due_by=d(12, 18),
    ),
    case("wait-default-after", _wait(thanked(), None), d(12, 16), S.DUE),
    case(
        "wait-default-holiday",
        _wait(thanked(), None),
        d(12, 15),
        S.HOLD,
        hold_until=d(12, 16),
        rules=Rules(holidays=frozenset({d(12, 1)})),
    ),
    case(
        "wait-default-custom",
        _wait(thanked(), None),
        d(11, 26),
        S.HOLD,
        hold_until=d(11, 26),
        rules=Rules(wait_default=2),
    ),
    case(
        "wait-ended-by-reply",
        ops.log_reply(_wait(thanked()), d(11, 30)),
        d(12, 1),
        S.PREMATURE,
        instruction=None,
        hold_until=None,
        anchor=d(11, 30),
        opens_on=d(12, 7),
        due_by=d(12, 14),
    ),
    case(
        "wait-cleared-by-hand",
        ops.clear_instruction(_wait(thanked()), d(11, 25)),
        d(11, 30),
        S.DUE,
        instruction=None,
        hold_until=None,
        opens_on=d(11, 30),
    ),
    case(
        "wait-then-new-instruction",
        _contact_on(_wait(thanked()), d(11, 27), d(11, 25)),
        d(11, 27),
        S.DUE,
        instruction=CONTACT,
        hold_until=None,
    ),
]


@pytest.mark.parametrize("c", INSTRUCTION_RULES)
def test_employer_instructions(c: Case) -> None:
    assert observed(c) == c.expect
