"""The follow-up policy, one row per rule of POLICY.md and one per worked example.

Every expected date below is worked out by hand from the rule book (the
calendar of late 2026: Fri 20 Nov, Mon 23 Nov, Mon 30 Nov, Mon 7 Dec, ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tui.domain import ops
from tui.domain.model import Contact, InstructionKind, Interview
from tui.domain.policy import assess, replay
from tui.domain.rules import Rules
from tui.domain.stages import Action, Outcome, Stage, Status
from tui.domain.wall import WallTime

LONDON = "Europe/London"
NEW_YORK = "America/New_York"
RULES = Rules()


def d(month: int, day: int, year: int = 2026) -> date:
    return date(year, month, day)


def test_calendar_premises() -> None:
    """The hand-worked dates below rely on these weekdays."""
    assert d(11, 20).weekday() == 4  # Fri
    assert d(11, 23).weekday() == 0  # Mon
    assert d(11, 30).weekday() == 0
    assert d(12, 7).weekday() == 0
    assert d(12, 21).weekday() == 0
    assert date(2027, 1, 1).weekday() == 4


def interview(
    day: date = date(2026, 11, 20),
    at: time = time(10, 0),
    zone: str = LONDON,
    contacts: tuple[Contact, ...] = (Contact(name="Ann", email="ann@example.com"),),
) -> Interview:
    return ops.new_interview(
        card_id=1,
        company="Acme",
        interviewed_at=WallTime(datetime.combine(day, at), zone),
        created_on=day,
        contacts=contacts,
    )


def thanked(on: date = date(2026, 11, 23)) -> Interview:
    return ops.move(interview(), Stage.THANKED, on)


def checked_in(on: date = date(2026, 11, 30)) -> Interview:
    return ops.move(thanked(), Stage.CHECKED_IN, on)


def waiting(on: date = date(2026, 12, 2)) -> Interview:
    return ops.move(checked_in(), Stage.WAITING, on)


def followups(card: Interview, *days: date) -> Interview:
    for day in days:
        card = ops.log_followup(card, day)
    return card


@dataclass(frozen=True)
class Case:
    card: Interview
    today: date
    expect: dict[str, Any]
    at: time = time(12, 0)
    zone: str = LONDON
    rules: Rules = field(default=RULES)

    @property
    def now(self) -> datetime:
        return datetime.combine(self.today, self.at, ZoneInfo(self.zone))


def case(id_: str, card: Interview, today: date, status: Status, **kw: Any) -> Any:
    extra = {k: kw.pop(k) for k in ("at", "zone", "rules") if k in kw}
    return pytest.param(Case(card, today, {"status": status, **kw}, **extra), id=id_)


def observed(case: Case) -> dict[str, Any]:
    verdict = assess(case.card, case.now, case.today, case.rules)
    got: dict[str, Any] = {}
    for key in case.expect:
        if key == "instruction":
            got[key] = verdict.instruction.kind if verdict.instruction else None
        else:
            got[key] = getattr(verdict, key)
    return got


S = Status
A = Action
CONTACT = InstructionKind.CONTACT_ON
WAIT = InstructionKind.WAIT

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
