"""Business days: Monday to Friday, minus the user's holidays."""

from __future__ import annotations

from datetime import date

import pytest

from tui.domain.businessdays import add_business_days, is_business_day, next_business_day

FRI = date(2026, 11, 20)
SAT = date(2026, 11, 21)
SUN = date(2026, 11, 22)
MON = date(2026, 11, 23)
TUE = date(2026, 11, 24)


def test_calendar_premises() -> None:
    assert [day.weekday() for day in (FRI, SAT, SUN, MON, TUE)] == [4, 5, 6, 0, 1]
    assert date(2026, 12, 31).weekday() == 3
    assert date(2028, 2, 29).weekday() == 1


@pytest.mark.parametrize(
    ("start", "count", "holidays", "expected"),
    [
        pytest.param(FRI, 1, (), MON, id="fri+1=mon"),
        pytest.param(SAT, 1, (), MON, id="sat+1=mon"),
        pytest.param(SUN, 1, (), MON, id="sun+1=mon"),
        pytest.param(FRI, 0, (), FRI, id="zero-is-itself"),
        pytest.param(SAT, 0, (), SAT, id="zero-on-weekend-is-itself"),
        pytest.param(MON, 5, (), date(2026, 11, 30), id="one-working-week"),
        pytest.param(MON, 10, (), date(2026, 12, 7), id="two-working-weeks"),
        pytest.param(FRI, 1, (MON,), TUE, id="holiday-skipped"),
        pytest.param(FRI, 1, (MON, TUE), date(2026, 11, 25), id="two-holidays-skipped"),
        pytest.param(FRI, 1, (SAT,), MON, id="weekend-holiday-changes-nothing"),
        pytest.param(FRI, 0, (FRI,), FRI, id="zero-on-holiday-is-itself"),
        pytest.param(date(2026, 12, 31), 1, (), date(2027, 1, 1), id="year-end"),
        pytest.param(date(2026, 12, 31), 1, (date(2027, 1, 1),), date(2027, 1, 4), id="new-year-holiday"),
        pytest.param(
            date(2026, 12, 24),
            3,
            (date(2026, 12, 25), date(2026, 12, 28)),
            date(2026, 12, 31),
            id="christmas",
        ),
        pytest.param(date(2028, 2, 28), 1, (), date(2028, 2, 29), id="leap-day"),
        pytest.param(date(2028, 2, 25), 2, (), date(2028, 2, 29), id="over-weekend-to-leap-day"),
        pytest.param(date(2027, 2, 26), 1, (), date(2027, 3, 1), id="no-leap-day"),
    ],
)
def test_add_business_days(start: date, count: int, holidays: tuple[date, ...], expected: date) -> None:
    assert add_business_days(start, count, frozenset(holidays)) == expected


def test_negative_count_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        add_business_days(MON, -1)


@pytest.mark.parametrize(
    ("day", "holidays", "expected"),
    [
        pytest.param(FRI, (), True, id="friday"),
        pytest.param(SAT, (), False, id="saturday"),
        pytest.param(SUN, (), False, id="sunday"),
        pytest.param(MON, (MON,), False, id="holiday"),
        pytest.param(TUE, (MON,), True, id="other-holiday"),
    ],
)
def test_is_business_day(day: date, holidays: tuple[date, ...], expected: bool) -> None:
    assert is_business_day(day, frozenset(holidays)) is expected


@pytest.mark.parametrize(
    ("day", "holidays", "expected"),
    [
        pytest.param(FRI, (), FRI, id="already"),
        pytest.param(SAT, (), MON, id="saturday"),
        pytest.param(SAT, (MON,), TUE, id="weekend-then-holiday"),
        pytest.param(FRI, (FRI,), MON, id="holiday-friday"),
    ],
)
def test_next_business_day(day: date, holidays: tuple[date, ...], expected: date) -> None:
    assert next_business_day(day, frozenset(holidays)) == expected
