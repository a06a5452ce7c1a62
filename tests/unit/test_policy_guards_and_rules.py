"""The follow-up policy's replies, guards and calendar rows, and the rules themselves.

Every expected date below is worked out by hand from the rule book (the
calendar of late 2026: Fri 20 Nov, Mon 23 Nov, Mon 30 Nov, Mon 7 Dec, ...;
premises checked in ``test_policy_stages.py``).
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.unit.policy_cases import (
    LONDON,
    RULES,
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
from tui.domain.model import Contact
from tui.domain.policy import assess, replay
from tui.domain.rules import Rules
from tui.domain.stages import Stage, Status

GUARD_RULES = [
    # a reply restarts the clock: thanked 11-23, reply Wed 11-25 -> opens Wed 12-02, due Wed 12-09.
    case(
        "reply-restarts-thanked",
        ops.log_reply(thanked(), d(11, 25)),
        d(11, 30),
        S.PREMATURE,
        anchor=d(11, 25),
        opens_on=d(12, 2),
        due_by=d(12, 9),
    ),
    case(
        "reply-restarts-checked-in",
        ops.log_reply(checked_in(), d(12, 4)),
        d(12, 7),
        S.PREMATURE,
        anchor=d(12, 4),
        opens_on=d(12, 8),
        due_by=d(12, 11),
    ),
    # nag guard: 3 status checks in waiting with no reply.
    case("nag-two-checks", followups(waiting(), d(12, 3), d(12, 4)), d(12, 7), S.PREMATURE, nag=False),
    case(
        "nag-three-checks",
        followups(waiting(), d(12, 3), d(12, 4), d(12, 7)),
        d(12, 8),
        S.PREMATURE,
        nag=True,
    ),
    case(
        "nag-four-checks",
        followups(waiting(), d(12, 3), d(12, 4), d(12, 7), d(12, 8)),
        d(12, 8),
        S.PREMATURE,
        nag=True,
    ),
    case(
        "nag-reset-by-reply",
        ops.log_reply(followups(waiting(), d(12, 3), d(12, 4), d(12, 7)), d(12, 8)),
        d(12, 9),
        S.PREMATURE,
        nag=False,
    ),
    case(
        "nag-after-reply-counts-again",
        followups(
            ops.log_reply(followups(waiting(), d(12, 3), d(12, 4)), d(12, 7)), d(12, 8), d(12, 9), d(12, 10)
        ),
        d(12, 10),
        S.PREMATURE,
        nag=True,
    ),
    case(
        "nag-followups-before-waiting-ignored",
        ops.move(followups(checked_in(), d(12, 1), d(12, 1), d(12, 2)), Stage.WAITING, d(12, 2)),
        d(12, 3),
        S.PREMATURE,
        nag=False,
    ),
    case(
        "nag-custom-limit",
        followups(waiting(), d(12, 3), d(12, 4)),
        d(12, 7),
        S.PREMATURE,
        nag=True,
        rules=Rules(nag_limit=2),
    ),
    # holidays push dates; weekends are skipped.
    case(
        "holiday-pushes-thank-you",
        interview(),
        d(11, 24),
        S.DUE,
        due_by=d(11, 24),
        rules=Rules(holidays=frozenset({d(11, 23)})),
    ),
    case(
        "holiday-pushes-check-in",
        thanked(),
        d(11, 30),
        S.PREMATURE,
        opens_on=d(12, 1),
        due_by=d(12, 8),
        rules=Rules(holidays=frozenset({d(11, 30)})),
    ),
    case(
        "christmas-holidays-year-end",
        thanked(d(12, 21)),
        d(12, 29),
        S.PREMATURE,
        opens_on=d(12, 30),
        due_by=date(2027, 1, 6),
        rules=Rules(holidays=frozenset({d(12, 25), d(12, 28)})),
    ),
    case("weekend-skipped", interview(day=d(11, 27)), d(11, 29), S.DUE, due_by=d(11, 30)),
    case(
        "custom-window",
        thanked(),
        d(11, 26),
        S.DUE,
        opens_on=d(11, 26),
        due_by=d(11, 27),
        rules=Rules(check_in=(3, 4)),
    ),
    case(
        "custom-thank-you-due", interview(), d(11, 24), S.DUE, due_by=d(11, 25), rules=Rules(thank_you_due=3)
    ),
    # needs_contact: in interviewed without any email or postal address.
    case("needs-contact-none", interview(contacts=()), d(11, 20), S.DUE, needs_contact=True),
    case(
        "needs-contact-phone-only",
        interview(contacts=(Contact(name="B", phone="0123"),)),
        d(11, 20),
        S.DUE,
        needs_contact=True,
    ),
    case(
        "needs-contact-blank-email",
        interview(contacts=(Contact(name="B", email="  "),)),
        d(11, 20),
        S.DUE,
        needs_contact=True,
    ),
    case(
        "has-email",
        interview(contacts=(Contact(email="b@example.com"),)),
        d(11, 20),
        S.DUE,
        needs_contact=False,
    ),
    case(
        "has-address",
        interview(contacts=(Contact(address="1 High St"),)),
        d(11, 20),
        S.DUE,
        needs_contact=False,
    ),
    case(
        "no-hint-after-thanks",
        ops.move(interview(contacts=()), Stage.THANKED, d(11, 23)),
        d(11, 24),
        S.PREMATURE,
        needs_contact=False,
    ),
]


@pytest.mark.parametrize("c", GUARD_RULES)
def test_replies_guards_and_calendar(c: Case) -> None:
    assert observed(c) == c.expect


def test_windows_follow_the_rules_in_force() -> None:
    """Nothing derived is stored: the same card re-times when the rules change."""
    card = thanked()
    now = datetime(2026, 11, 26, 12, 0, tzinfo=ZoneInfo(LONDON))
    default = assess(card, now, d(11, 26), RULES)
    custom = assess(card, now, d(11, 26), Rules(check_in=(2, 3)))
    assert (default.status, default.opens_on) == (Status.PREMATURE, d(11, 30))
    assert (custom.status, custom.opens_on, custom.due_by) == (Status.DUE, d(11, 25), d(11, 26))


def test_stored_stage_wins_over_timeline() -> None:
    """An imported card placed in a stage without a move event still gets that stage's action."""
    import msgspec

    card = msgspec.structs.replace(interview(), stage=Stage.CHECKED_IN)
    line = replay(card)
    assert (line.stage, line.stage_anchor) == (Stage.CHECKED_IN, d(11, 20))
    verdict = assess(card, datetime(2026, 11, 24, 12, tzinfo=ZoneInfo(LONDON)), d(11, 24), RULES)
    assert (verdict.action, verdict.opens_on, verdict.due_by) == (A.FOLLOW_UP_EMAIL, d(11, 24), d(11, 27))


def test_closed_stage_has_no_window() -> None:
    with pytest.raises(ValueError, match="closed"):
        RULES.window(Stage.CLOSED)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        pytest.param({"check_in": (6, 5)}, "check_in", id="window-reversed"),
        pytest.param({"nag_limit": 0}, "nag_limit", id="nag-zero"),
        pytest.param({"wait_default": -1}, "negative", id="negative-days"),
        pytest.param({"call_hours": ((time(12), time(11)),)}, "start", id="call-hours-reversed"),
    ],
)
def test_rules_reject_nonsense(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Rules(**kwargs)
