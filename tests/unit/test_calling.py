"""Calling hours: business days, 10:00-11:30 or 14:00-16:00 their time, not Mon morning nor Fri afternoon."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from tui.domain.calling import CallSlot, call_hours_text, call_slots, call_slots_from
from tui.domain.rules import Rules

LONDON = "Europe/London"
NEW_YORK = "America/New_York"
RULES = Rules()
UTC = ZoneInfo("UTC")


def at(year: int, month: int, day: int, hour: int, minute: int = 0, zone: str = LONDON) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone))


def spans(slots: list[CallSlot]) -> list[tuple[datetime, datetime]]:
    """Naive wall-clock spans in the slot's own zone."""
    return [(s.start.replace(tzinfo=None), s.end.replace(tzinfo=None)) for s in slots]


def naive(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute)


def test_calendar_premises() -> None:
    assert date(2026, 11, 23).weekday() == 0
    assert date(2026, 11, 20).weekday() == 4
    assert date(2026, 10, 30).weekday() == 4


def test_monday_has_no_morning_slot() -> None:
    got = call_slots(at(2026, 11, 23, 8), LONDON, RULES, count=3)
    assert spans(got) == [
        (naive(2026, 11, 23, 14), naive(2026, 11, 23, 16)),
        (naive(2026, 11, 24, 10), naive(2026, 11, 24, 11, 30)),
        (naive(2026, 11, 24, 14), naive(2026, 11, 24, 16)),
    ]


def test_friday_has_no_afternoon_slot_and_weekend_is_skipped() -> None:
    got = call_slots(at(2026, 11, 20, 8), LONDON, RULES, count=3)
    assert spans(got) == [
        (naive(2026, 11, 20, 10), naive(2026, 11, 20, 11, 30)),
        (naive(2026, 11, 23, 14), naive(2026, 11, 23, 16)),
        (naive(2026, 11, 24, 10), naive(2026, 11, 24, 11, 30)),
    ]


@pytest.mark.parametrize(
    ("after", "first"),
    [
        pytest.param(
            at(2026, 11, 25, 10, 30),
            (naive(2026, 11, 25, 10, 30), naive(2026, 11, 25, 11, 30)),
            id="inside-a-span-starts-now",
        ),
        pytest.param(
            at(2026, 11, 25, 11, 30),
            (naive(2026, 11, 25, 14), naive(2026, 11, 25, 16)),
            id="end-is-exclusive",
        ),
        pytest.param(
            at(2026, 11, 25, 16, 0), (naive(2026, 11, 26, 10), naive(2026, 11, 26, 11, 30)), id="after-hours"
        ),
        pytest.param(at(2026, 11, 21, 10), (naive(2026, 11, 23, 14), naive(2026, 11, 23, 16)), id="saturday"),
    ],
)
def test_first_slot(after: datetime, first: tuple[datetime, datetime]) -> None:
    assert spans(call_slots(after, LONDON, RULES, count=1)) == [first]


def test_slots_are_in_the_employer_zone() -> None:
    # Wed 12:00 London is 07:00 New York: the next slot is 10:00 New York = 15:00 London.
    (slot,) = call_slots(at(2026, 11, 25, 12), NEW_YORK, RULES, count=1)
    assert str(slot.start.tzinfo) == NEW_YORK
    assert slot.start.replace(tzinfo=None) == naive(2026, 11, 25, 10)
    assert slot.start.astimezone(UTC) == datetime(2026, 11, 25, 15, 0, tzinfo=UTC)


def test_monday_morning_is_judged_in_the_employer_zone() -> None:
    # Mon 09:00 in Sydney is Sun 22:00 in London: still Monday morning for them.
    (slot,) = call_slots(at(2026, 11, 22, 22), "Australia/Sydney", RULES, count=1)
    assert slot.start.replace(tzinfo=None) == naive(2026, 11, 23, 14)


def test_slots_across_a_dst_change() -> None:
    # New York leaves summer time on Sun 2026-11-01: the wall hours stay, the offsets move.
    got = call_slots(at(2026, 10, 30, 9, zone=NEW_YORK), NEW_YORK, RULES, count=2)
    assert spans(got) == [
        (naive(2026, 10, 30, 10), naive(2026, 10, 30, 11, 30)),
        (naive(2026, 11, 2, 14), naive(2026, 11, 2, 16)),
    ]
    assert got[0].start.astimezone(UTC).hour == 14  # EDT, UTC-4
    assert got[1].start.astimezone(UTC).hour == 19  # EST, UTC-5
    assert got[1].end - got[1].start == timedelta(hours=2)


def test_slots_across_spring_forward() -> None:
    got = call_slots(at(2026, 3, 27, 12), LONDON, RULES, count=1)
    assert spans(got) == [(naive(2026, 3, 30, 14), naive(2026, 3, 30, 16))]
    assert got[0].start.utcoffset() == timedelta(hours=1)


def test_holidays_have_no_slots() -> None:
    rules = Rules(holidays=frozenset({date(2026, 11, 24)}))
    (slot,) = call_slots(at(2026, 11, 23, 16, 30), LONDON, rules, count=1)
    assert slot.start.replace(tzinfo=None) == naive(2026, 11, 25, 10)


def test_every_slot_keeps_the_rules() -> None:
    got = call_slots(at(2026, 11, 1, 0), LONDON, RULES, count=40)
    assert len(got) == 40
    for slot in got:
        day, start, end = slot.start.date(), slot.start.time(), slot.end.time()
        assert day.weekday() < 5
        assert slot.start.date() == slot.end.date()
        assert (time(10), time(11, 30)) == (start, end) or (time(14), time(16)) == (start, end)
        assert not (day.weekday() == 0 and start < time(12))
        assert not (day.weekday() == 4 and end > time(12))


def test_custom_hours() -> None:
    rules = Rules(call_hours=((time(9), time(10)),), monday_from=time(9, 30))
    got = call_slots(at(2026, 11, 23, 0), LONDON, rules, count=2)
    assert spans(got) == [
        (naive(2026, 11, 23, 9, 30), naive(2026, 11, 23, 10)),
        (naive(2026, 11, 24, 9), naive(2026, 11, 24, 10)),
    ]


def test_no_slots_when_the_rules_allow_none() -> None:
    rules = Rules(call_hours=((time(17), time(18)),), monday_from=time(18), friday_until=time(17))
    got = call_slots(at(2026, 11, 20, 0), LONDON, rules, count=100)
    assert all(s.start.weekday() in (1, 2, 3) for s in got)
    assert len(got) < 100  # the search stops at 60 days


def test_first_slot_from_a_later_day() -> None:
    (slot,) = call_slots_from(date(2026, 11, 30), at(2026, 11, 24, 9), LONDON, RULES, count=1)
    assert slot.start.replace(tzinfo=None) == naive(2026, 11, 30, 14)


def test_first_slot_never_before_now() -> None:
    now = at(2026, 11, 25, 15)
    (slot,) = call_slots_from(date(2026, 11, 20), now, LONDON, RULES, count=1)
    assert slot.start == now
    assert slot.end.replace(tzinfo=None) == naive(2026, 11, 25, 16)


def test_call_hours_text() -> None:
    assert call_hours_text(RULES) == (
        "best 10:00-11:30 or 14:00-16:00 their time, not Monday morning nor Friday afternoon"
    )
    custom = Rules(call_hours=((time(9), time(10, 15)),))
    assert "09:00-10:15" in call_hours_text(custom)


def test_call_slots_from_wait_for_the_window_to_open() -> None:
    slots = call_slots_from(date(2026, 11, 27), at(2026, 11, 24, 9), LONDON, RULES, count=3)
    starts = [slot.start.replace(tzinfo=None) for slot in slots]
    # Friday 27: the morning span only (not Friday afternoon); Monday 30: the afternoon only.
    assert starts == [naive(2026, 11, 27, 10), naive(2026, 11, 30, 14), naive(2026, 12, 1, 10)]
