"""Properties of the policy, business days, the codec and literal text, over generated cards."""

from __future__ import annotations

import contextlib
import json
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import msgspec
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.codec import card_from_dict, card_to_dict
from tui.domain import ops
from tui.domain.businessdays import add_business_days, is_business_day
from tui.domain.model import Contact, Interview
from tui.domain.policy import assess
from tui.domain.rules import Rules
from tui.domain.stages import Outcome, Stage, Status
from tui.domain.wall import WallTime
from tui.text import literal, literal_block

USER_ZONE = "Europe/London"
ZONES = ("Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Sydney", "UTC")
FIRST, LAST = date(2025, 1, 1), date(2028, 12, 31)

Step = Callable[[Interview, date, int], Interview]


def _contact_on(card: Interview, on: date, extra: int) -> Interview:
    return ops.instruct_contact_on(card, on + timedelta(days=extra), on)


def _wait(card: Interview, on: date, extra: int) -> Interview:
    return ops.instruct_wait(card, on + timedelta(days=extra), on)


STEPS: dict[str, Step] = {
    "advance": lambda c, on, _: ops.advance(c, on),
    "retreat": lambda c, on, _: ops.retreat(c, on),
    "close": lambda c, on, n: ops.move(c, Stage.CLOSED, on, outcome=list(Outcome)[n % len(Outcome)]),
    "followup": lambda c, on, _: ops.log_followup(c, on),
    "reply": lambda c, on, _: ops.log_reply(c, on),
    "contact_on": _contact_on,
    "wait": _wait,
    "wait_default": lambda c, on, _: ops.instruct_wait(c, None, on),
    "clear": lambda c, on, _: ops.clear_instruction(c, on),
}

texts = st.text(max_size=12)
contacts = st.builds(Contact, name=texts, title=texts, email=texts, phone=texts, address=texts)


@st.composite
def cards(draw: st.DrawFn) -> Interview:
    day = draw(st.dates(FIRST, LAST))
    # 08:00-18:45 is clear of every DST change of these zones.
    at = time(draw(st.integers(8, 18)), draw(st.sampled_from((0, 15, 30, 45))))
    card = ops.new_interview(
        card_id=draw(st.integers(1, 10**6)),
        company=draw(st.text(min_size=1, max_size=20).filter(str.strip)),
        interviewed_at=WallTime(datetime.combine(day, at), draw(st.sampled_from(ZONES))),
        created_on=day - timedelta(days=draw(st.integers(0, 5))),
        role=draw(texts),
        employer_zone=draw(st.sampled_from(("", *ZONES))),
        contacts=draw(st.lists(contacts, max_size=2)),
        notes=draw(st.text(max_size=30)),
    )
    on = day
    for name, gap, extra in draw(
        st.lists(st.tuples(st.sampled_from(sorted(STEPS)), st.integers(0, 8), st.integers(0, 20)), max_size=8)
    ):
        on += timedelta(days=gap)
        with contextlib.suppress(ops.DomainError):
            card = STEPS[name](card, on, extra)
    return card


holiday_sets = st.frozensets(st.dates(FIRST, LAST + timedelta(days=400)), max_size=40)
windows = st.tuples(st.integers(0, 12), st.integers(0, 12)).map(lambda w: (min(w), max(w)))


@st.composite
def rule_sets(draw: st.DrawFn) -> Rules:
    return Rules(
        holidays=draw(holiday_sets),
        thank_you_due=draw(st.integers(0, 5)),
        check_in=draw(windows),
        follow_up_email=draw(windows),
        status_check=draw(windows),
        wait_default=draw(st.integers(0, 20)),
        after_wait=draw(windows),
        nag_limit=draw(st.integers(1, 5)),
    )


def moment(day: date) -> datetime:
    return datetime.combine(day, time(12, 0), ZoneInfo(USER_ZONE))


def last_day(card: Interview) -> date:
    return max([card.interview_day, *(e.on for e in card.events)])


@settings(deadline=None, max_examples=200)
@given(card=cards(), rules=rule_sets(), offset=st.integers(-10, 80))
def test_due_by_never_before_opens(card: Interview, rules: Rules, offset: int) -> None:
    today = last_day(card) + timedelta(days=offset)
    verdict = assess(card, moment(today), today, rules)
    if verdict.status is Status.CLOSED:
        assert (verdict.opens_on, verdict.due_by) == (None, None)
    else:
        assert verdict.opens_on is not None
        assert verdict.due_by is not None
        assert verdict.due_by >= verdict.opens_on


ORDER = {Status.HOLD: 0, Status.PREMATURE: 1, Status.DUE: 2, Status.OVERDUE: 3, Status.CLOSED: 4}


@settings(deadline=None, max_examples=200)
@given(card=cards(), rules=rule_sets())
def test_status_only_moves_forward_as_days_pass(card: Interview, rules: Rules) -> None:
    start = card.interview_day - timedelta(days=3)
    ranks = []
    for n in range(70):
        today = start + timedelta(days=n)
        ranks.append(ORDER[assess(card, moment(today), today, rules).status])
    assert ranks == sorted(ranks), ranks


@settings(deadline=None, max_examples=200)
@given(card=cards(), rules=rule_sets(), extra=holiday_sets, offset=st.integers(-10, 60))
def test_more_holidays_never_bring_dates_forward(
    card: Interview, rules: Rules, extra: frozenset[date], offset: int
) -> None:
    today = last_day(card) + timedelta(days=offset)
    more = msgspec.structs.replace(rules, holidays=rules.holidays | extra)
    before = assess(card, moment(today), today, rules)
    after = assess(card, moment(today), today, more)
    for name in ("opens_on", "due_by", "hold_until"):
        old, new = getattr(before, name), getattr(after, name)
        assert (old is None) == (new is None)
        if old is not None:
            assert new >= old, name


@settings(deadline=None, max_examples=200)
@given(start=st.dates(FIRST, LAST), count=st.integers(0, 40), holidays=holiday_sets)
def test_business_day_addition(start: date, count: int, holidays: frozenset[date]) -> None:
    result = add_business_days(start, count, holidays)
    if count == 0:
        assert result == start
        return
    assert result.weekday() < 5
    assert result not in holidays
    assert is_business_day(result, holidays)
    # Exactly ``count`` Monday-to-Friday non-holidays in (start, result].
    span = [start + timedelta(days=i) for i in range(1, (result - start).days + 1)]
    assert sum(1 for day in span if day.weekday() < 5 and day not in holidays) == count


@settings(deadline=None, max_examples=200)
@given(card=cards())
def test_codec_round_trip(card: Interview) -> None:
    assert card_from_dict(card.id, card_to_dict(card)) == card
    through_json = json.loads(json.dumps(card_to_dict(card)))
    assert card_from_dict(card.id, through_json) == card


CONTROLS = [chr(c) for c in (*range(0x20), *range(0x7F, 0xA0), 0x202E, 0x2066, 0x2069)]


def _is_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc"


@settings(deadline=None, max_examples=200)
@given(st.text(alphabet=st.characters() | st.sampled_from(CONTROLS), max_size=60))
def test_literal_text_has_no_controls(value: str) -> None:
    shown = literal(value)
    assert "\x1b" not in shown
    assert not any(_is_control(c) for c in shown)
    assert not any(0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in shown)
    block = literal_block(value)
    assert not any(_is_control(c) and c != "\n" for c in block)
    assert block.count("\n") == value.count("\n")
