"""Time edges of the calendar: the year end with its holidays, and 29 February.

Every expected date and instant below is worked out by hand from POLICY.md and
the calendar (premises checked in ``test_time_dst.py``). The moment of each
assessment is given as a UTC instant and read through a ``FixedClock`` in the
user's zone, so "today" is always the user's local date.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.unit.time_cases import LONDON, RULES, S, interview, moved, utc, verdict_at
from tui.config import load_settings
from tui.domain import ops
from tui.domain.businessdays import add_business_days, is_business_day
from tui.domain.dates import DateError, parse_day, parse_now, parse_when
from tui.domain.model import Interview
from tui.domain.rules import Rules
from tui.domain.stages import Stage, Status
from tui.domain.wall import WallTime

HOLIDAYS = frozenset({date(2026, 12, 25), date(2026, 12, 28), date(2027, 1, 1)})
YEAR_END = Rules(holidays=HOLIDAYS)


# -- year end: holidays 25 Dec, 28 Dec and 1 Jan ------------------------------------------------


@pytest.mark.parametrize(
    ("start", "count", "plain", "with_holidays"),
    [
        pytest.param(date(2026, 12, 24), 0, date(2026, 12, 24), date(2026, 12, 24), id="thu-24+0"),
        pytest.param(date(2026, 12, 25), 0, date(2026, 12, 25), date(2026, 12, 25), id="holiday+0-is-itself"),
        pytest.param(date(2026, 12, 24), 1, date(2026, 12, 25), date(2026, 12, 29), id="thu-24+1"),
        pytest.param(date(2026, 12, 25), 1, date(2026, 12, 28), date(2026, 12, 29), id="fri-25+1"),
        pytest.param(date(2026, 12, 26), 1, date(2026, 12, 28), date(2026, 12, 29), id="sat-26+1"),
        pytest.param(date(2026, 12, 23), 2, date(2026, 12, 25), date(2026, 12, 29), id="wed-23+2"),
        pytest.param(date(2026, 12, 30), 1, date(2026, 12, 31), date(2026, 12, 31), id="wed-30+1"),
        pytest.param(date(2026, 12, 31), 1, date(2027, 1, 1), date(2027, 1, 4), id="thu-31+1"),
        pytest.param(date(2026, 12, 30), 2, date(2027, 1, 1), date(2027, 1, 4), id="wed-30+2"),
        pytest.param(date(2026, 12, 21), 5, date(2026, 12, 28), date(2026, 12, 30), id="mon-21+5"),
        pytest.param(date(2026, 12, 21), 10, date(2027, 1, 4), date(2027, 1, 7), id="mon-21+10"),
        pytest.param(date(2026, 12, 24), 15, date(2027, 1, 14), date(2027, 1, 19), id="thu-24+15"),
    ],
)
def test_business_days_across_the_year_end(start: date, count: int, plain: date, with_holidays: date) -> None:
    assert add_business_days(start, count) == plain
    assert add_business_days(start, count, HOLIDAYS) == with_holidays
    assert with_holidays >= plain  # holidays only ever push a date later


def test_the_holidays_are_not_business_days() -> None:
    days = [date(2026, 12, 24) + timedelta(days=n) for n in range(12)]  # Thu 24 Dec .. Mon 4 Jan
    open_days = [day for day in days if is_business_day(day, HOLIDAYS)]
    assert open_days == [
        date(2026, 12, 24),
        date(2026, 12, 29),
        date(2026, 12, 30),
        date(2026, 12, 31),
        date(2027, 1, 4),
    ]


YEAR_END_CARDS = {
    # Interview Thu 24 Dec: thank-you due by bd(24 Dec, 1) = Tue 29 Dec (Fri 25 Dec without holidays).
    "thank-you": interview(date(2026, 12, 24)),
    # Thanked Mon 21 Dec: check-in opens Wed 30 Dec, due by Thu 7 Jan
    # (Mon 28 Dec and Mon 4 Jan without holidays).
    "check-in": moved(interview(date(2026, 12, 18)), (Stage.THANKED, date(2026, 12, 21))),
    # Checked in Wed 30 Dec: email opens bd(30 Dec, 2) = Mon 4 Jan, due by bd(.., 5) = Thu 7 Jan
    # (Fri 1 Jan and Wed 6 Jan without holidays).
    "email": moved(
        interview(date(2026, 12, 11)),
        (Stage.THANKED, date(2026, 12, 14)),
        (Stage.CHECKED_IN, date(2026, 12, 30)),
    ),
    # Waiting from Thu 24 Dec: status check opens bd(24 Dec, 10) = Tue 12 Jan, due by bd(.., 15) =
    # Tue 19 Jan (Thu 7 Jan and Thu 14 Jan without holidays).
    "status": moved(
        interview(date(2026, 12, 4)),
        (Stage.THANKED, date(2026, 12, 7)),
        (Stage.CHECKED_IN, date(2026, 12, 14)),
        (Stage.WAITING, date(2026, 12, 24)),
    ),
    # "We will get back to you", no date, said Mon 14 Dec: hold until bd(14 Dec, 15) = Thu 7 Jan,
    # then opens bd(7 Jan, 1) = Fri 8 Jan, due by bd(7 Jan, 3) = Tue 12 Jan
    # (without holidays: hold until Mon 4 Jan, opens Tue 5 Jan, due by Thu 7 Jan).
    "wait": ops.instruct_wait(
        moved(interview(date(2026, 12, 11)), (Stage.THANKED, date(2026, 12, 14))), None, date(2026, 12, 14)
    ),
}


@pytest.mark.parametrize(
    ("name", "day", "status", "opens_on", "due_by", "hold_until"),
    [
        ("thank-you", date(2026, 12, 28), S.DUE, date(2026, 12, 24), date(2026, 12, 29), None),
        ("thank-you", date(2026, 12, 29), S.DUE, date(2026, 12, 24), date(2026, 12, 29), None),
        ("thank-you", date(2026, 12, 30), S.OVERDUE, date(2026, 12, 24), date(2026, 12, 29), None),
        ("check-in", date(2026, 12, 29), S.PREMATURE, date(2026, 12, 30), date(2027, 1, 7), None),
        ("check-in", date(2026, 12, 30), S.DUE, date(2026, 12, 30), date(2027, 1, 7), None),
        ("check-in", date(2027, 1, 7), S.DUE, date(2026, 12, 30), date(2027, 1, 7), None),
        ("check-in", date(2027, 1, 8), S.OVERDUE, date(2026, 12, 30), date(2027, 1, 7), None),
        ("email", date(2027, 1, 1), S.PREMATURE, date(2027, 1, 4), date(2027, 1, 7), None),
        ("email", date(2027, 1, 4), S.DUE, date(2027, 1, 4), date(2027, 1, 7), None),
        ("status", date(2027, 1, 11), S.PREMATURE, date(2027, 1, 12), date(2027, 1, 19), None),
        ("status", date(2027, 1, 19), S.DUE, date(2027, 1, 12), date(2027, 1, 19), None),
        ("wait", date(2027, 1, 7), S.HOLD, date(2027, 1, 8), date(2027, 1, 12), date(2027, 1, 7)),
        ("wait", date(2027, 1, 8), S.DUE, date(2027, 1, 8), date(2027, 1, 12), date(2027, 1, 7)),
        ("wait", date(2027, 1, 13), S.OVERDUE, date(2027, 1, 8), date(2027, 1, 12), date(2027, 1, 7)),
    ],
)
def test_year_end_windows_skip_the_holidays(
    name: str, day: date, status: Status, opens_on: date, due_by: date, hold_until: date | None
) -> None:
    moment = datetime.combine(day, time(12, 0), ZoneInfo(LONDON))
    verdict = verdict_at(YEAR_END_CARDS[name], moment, LONDON, YEAR_END)
    assert (verdict.status, verdict.opens_on, verdict.due_by, verdict.hold_until) == (
        status,
        opens_on,
        due_by,
        hold_until,
    )


@pytest.mark.parametrize(
    ("name", "plain", "with_holidays"),
    [
        ("thank-you", (date(2026, 12, 24), date(2026, 12, 25)), (date(2026, 12, 24), date(2026, 12, 29))),
        ("check-in", (date(2026, 12, 28), date(2027, 1, 4)), (date(2026, 12, 30), date(2027, 1, 7))),
        ("email", (date(2027, 1, 1), date(2027, 1, 6)), (date(2027, 1, 4), date(2027, 1, 7))),
        ("status", (date(2027, 1, 7), date(2027, 1, 14)), (date(2027, 1, 12), date(2027, 1, 19))),
        ("wait", (date(2027, 1, 5), date(2027, 1, 7)), (date(2027, 1, 8), date(2027, 1, 12))),
    ],
)
def test_holidays_from_the_config_only_push_windows_later(
    name: str, plain: tuple[date, date], with_holidays: tuple[date, date], tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('holidays = ["2026-12-25", "2026-12-28", "2027-01-01"]\n', encoding="utf-8")
    rules = load_settings(config).rules
    assert rules.holidays == HOLIDAYS
    moment = datetime(2026, 12, 24, 12, 0, tzinfo=ZoneInfo(LONDON))
    before = verdict_at(YEAR_END_CARDS[name], moment, LONDON, RULES)
    after = verdict_at(YEAR_END_CARDS[name], moment, LONDON, rules)
    assert (before.opens_on, before.due_by) == plain
    assert (after.opens_on, after.due_by) == with_holidays
    assert all(later >= earlier for later, earlier in zip(with_holidays, plain, strict=True))


# -- 29 February -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("card", "day", "status", "opens_on", "due_by"),
    [
        # Interview Tue 29 Feb 2028: thank-you due by bd(29 Feb, 1) = Wed 1 Mar.
        pytest.param(
            interview(date(2028, 2, 29)),
            date(2028, 3, 1),
            S.DUE,
            date(2028, 2, 29),
            date(2028, 3, 1),
            id="interview-on-29-feb",
        ),
        pytest.param(
            interview(date(2028, 2, 29)),
            date(2028, 3, 2),
            S.OVERDUE,
            date(2028, 2, 29),
            date(2028, 3, 1),
            id="interview-on-29-feb-late",
        ),
        # Interview Mon 28 Feb 2028: due by Tue 29 Feb.
        pytest.param(
            interview(date(2028, 2, 28)),
            date(2028, 2, 29),
            S.DUE,
            date(2028, 2, 28),
            date(2028, 2, 29),
            id="interview-28-feb-due-29",
        ),
        pytest.param(
            interview(date(2028, 2, 28)),
            date(2028, 3, 1),
            S.OVERDUE,
            date(2028, 2, 28),
            date(2028, 2, 29),
            id="interview-28-feb-late-1-mar",
        ),
        # Thanked Tue 29 Feb 2028: check-in opens bd(.., 5) = Tue 7 Mar, due by bd(.., 10) = Tue 14 Mar.
        pytest.param(
            moved(interview(date(2028, 2, 25)), (Stage.THANKED, date(2028, 2, 29))),
            date(2028, 3, 6),
            S.PREMATURE,
            date(2028, 3, 7),
            date(2028, 3, 14),
            id="thanked-on-29-feb",
        ),
        # Thanked Tue 22 Feb 2028: check-in opens bd(.., 5) = Tue 29 Feb, due by bd(.., 10) = Tue 7 Mar.
        pytest.param(
            moved(interview(date(2028, 2, 18)), (Stage.THANKED, date(2028, 2, 22))),
            date(2028, 2, 29),
            S.DUE,
            date(2028, 2, 29),
            date(2028, 3, 7),
            id="check-in-opens-29-feb",
        ),
        # Checked in Fri 25 Feb 2028: email opens bd(.., 2) = Tue 29 Feb, due by bd(.., 5) = Fri 3 Mar.
        pytest.param(
            moved(
                interview(date(2028, 2, 18)),
                (Stage.THANKED, date(2028, 2, 21)),
                (Stage.CHECKED_IN, date(2028, 2, 25)),
            ),
            date(2028, 2, 28),
            S.PREMATURE,
            date(2028, 2, 29),
            date(2028, 3, 3),
            id="window-across-28-29-1",
        ),
        # 2027 is not a leap year. Interview Fri 26 Feb 2027: due by Mon 1 Mar.
        pytest.param(
            interview(date(2027, 2, 26)),
            date(2027, 3, 1),
            S.DUE,
            date(2027, 2, 26),
            date(2027, 3, 1),
            id="2027-fri-26-feb",
        ),
        # Thanked Mon 22 Feb 2027: check-in opens bd(.., 5) = Mon 1 Mar, due by bd(.., 10) = Mon 8 Mar.
        pytest.param(
            moved(interview(date(2027, 2, 19)), (Stage.THANKED, date(2027, 2, 22))),
            date(2027, 2, 28),
            S.PREMATURE,
            date(2027, 3, 1),
            date(2027, 3, 8),
            id="2027-check-in-opens-1-mar",
        ),
        # Checked in Fri 26 Feb 2027: email opens bd(.., 2) = Tue 2 Mar, due by bd(.., 5) = Fri 5 Mar.
        pytest.param(
            moved(
                interview(date(2027, 2, 19)),
                (Stage.THANKED, date(2027, 2, 22)),
                (Stage.CHECKED_IN, date(2027, 2, 26)),
            ),
            date(2027, 3, 1),
            S.PREMATURE,
            date(2027, 3, 2),
            date(2027, 3, 5),
            id="2027-window-across-28-1",
        ),
    ],
)
def test_windows_across_the_end_of_february(
    card: Interview, day: date, status: Status, opens_on: date, due_by: date
) -> None:
    moment = datetime.combine(day, time(12, 0), ZoneInfo(LONDON))
    verdict = verdict_at(card, moment, LONDON)
    assert (verdict.status, verdict.opens_on, verdict.due_by) == (status, opens_on, due_by)


@pytest.mark.parametrize(
    ("text", "today_", "expected"),
    [
        ("2028-02-29", date(2028, 3, 1), date(2028, 2, 29)),
        ("yesterday", date(2028, 3, 1), date(2028, 2, 29)),
        ("tomorrow", date(2028, 2, 28), date(2028, 2, 29)),
        ("last tue", date(2028, 3, 1), date(2028, 2, 29)),
        ("yesterday", date(2027, 3, 1), date(2027, 2, 28)),
        ("tomorrow", date(2027, 2, 28), date(2027, 3, 1)),
    ],
)
def test_typed_days_around_29_february(text: str, today_: date, expected: date) -> None:
    assert parse_day(text, today_) == expected


def test_29_february_exists_only_in_leap_years() -> None:
    assert parse_when("2028-02-29 10:00", date(2028, 3, 1), LONDON) == WallTime(
        datetime(2028, 2, 29, 10, 0), LONDON
    )
    assert parse_now("2028-02-29", LONDON) == utc(2028, 2, 29, 0, 0)
    with pytest.raises(DateError, match="'2027-02-29' is not a real date"):
        parse_day("2027-02-29", date(2027, 3, 1))
    with pytest.raises(DateError, match="not a real date"):
        parse_when("2027-02-29 10:00", date(2027, 3, 1), LONDON)
    with pytest.raises(DateError, match="2027-02-29"):
        parse_now("2027-02-29", LONDON)
