"""Time edges of the follow-up policy across a DST change: wall times kept, windows in local dates.

Every expected date and instant below is worked out by hand from POLICY.md and
the calendar (premises checked in ``test_calendar_premises`` and
``test_zone_premises``, for every file of time edges). The moment of each
assessment is given as a UTC instant and read through a ``FixedClock`` in the
user's zone, so "today" is always the user's local date.

DST changes of 2026 used here: Europe/London forward Sun 29 Mar at 01:00 GMT
(01:00-01:59 does not exist), back Sun 25 Oct at 02:00 BST (01:00-01:59 happens
twice); America/New_York forward Sun 8 Mar at 02:00 (02:00-02:59 does not
exist), back Sun 1 Nov at 02:00 (01:00-01:59 happens twice).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.unit.time_cases import LONDON, NEW_YORK, RULES, S, interview, moved, utc, verdict_at
from tui.codec import card_from_dict, card_to_dict
from tui.domain.clock import FixedClock, today
from tui.domain.model import Interview
from tui.domain.policy import assess
from tui.domain.stages import Stage, Status
from tui.domain.wall import WallTime
from tui.store import Store


def test_calendar_premises() -> None:
    """The weekdays the hand-worked dates rely on (0 is Monday)."""
    weekdays = {
        date(2026, 3, 6): 4,
        date(2026, 3, 8): 6,
        date(2026, 3, 20): 4,
        date(2026, 3, 27): 4,
        date(2026, 3, 29): 6,
        date(2026, 3, 30): 0,
        date(2026, 4, 6): 0,
        date(2026, 10, 22): 3,
        date(2026, 10, 25): 6,
        date(2026, 10, 26): 0,
        date(2026, 11, 1): 6,
        date(2026, 11, 19): 3,
        date(2026, 11, 23): 0,
        date(2026, 12, 24): 3,
        date(2026, 12, 25): 4,
        date(2026, 12, 28): 0,
        date(2027, 1, 1): 4,
        date(2027, 2, 26): 4,
        date(2027, 3, 1): 0,
        date(2028, 2, 28): 0,
        date(2028, 2, 29): 1,
        date(2028, 3, 1): 2,
    }
    assert {day: day.weekday() for day in weekdays} == weekdays


def test_zone_premises() -> None:
    """The offsets the hand-worked instants rely on."""
    london, new_york = ZoneInfo(LONDON), ZoneInfo(NEW_YORK)
    hour = timedelta(hours=1)
    assert datetime(2026, 3, 28, 12, tzinfo=london).utcoffset() == 0 * hour
    assert datetime(2026, 3, 30, 12, tzinfo=london).utcoffset() == 1 * hour
    assert datetime(2026, 10, 24, 12, tzinfo=london).utcoffset() == 1 * hour
    assert datetime(2026, 10, 26, 12, tzinfo=london).utcoffset() == 0 * hour
    assert datetime(2026, 3, 7, 12, tzinfo=new_york).utcoffset() == -5 * hour
    assert datetime(2026, 3, 9, 12, tzinfo=new_york).utcoffset() == -4 * hour
    assert datetime(2026, 10, 31, 12, tzinfo=new_york).utcoffset() == -4 * hour
    assert datetime(2026, 11, 2, 12, tzinfo=new_york).utcoffset() == -5 * hour


# -- DST in the user's zone: the interview keeps its wall time ---------------------------------


@pytest.mark.parametrize(
    ("local", "zone", "instant"),
    [
        # Booked in GMT for the Monday after the spring change: 10:00 BST is 09:00 UTC.
        pytest.param(datetime(2026, 3, 30, 10, 0), LONDON, utc(2026, 3, 30, 9), id="london-spring"),
        # Booked in BST for the Monday after the autumn change: 10:00 GMT is 10:00 UTC.
        pytest.param(datetime(2026, 10, 26, 10, 0), LONDON, utc(2026, 10, 26, 10), id="london-autumn"),
        # 10:00 EDT on the Monday after the US spring change is 14:00 UTC.
        pytest.param(datetime(2026, 3, 9, 10, 0), NEW_YORK, utc(2026, 3, 9, 14), id="new-york-spring"),
        # 10:00 EST on the Monday after the US autumn change is 15:00 UTC.
        pytest.param(datetime(2026, 11, 2, 10, 0), NEW_YORK, utc(2026, 11, 2, 15), id="new-york-autumn"),
    ],
)
def test_an_interview_keeps_its_wall_time_across_a_change(
    local: datetime, zone: str, instant: datetime, tmp_path: Path
) -> None:
    card = interview(local.date(), local.time(), zone)
    assert card.interview_instant() == instant
    stored = card_to_dict(card)
    assert stored["interviewed_at"] == {"local": local.strftime("%Y-%m-%dT%H:%M"), "zone": zone}
    assert card_from_dict(1, stored).interviewed_at == WallTime(local, zone)
    store = Store(tmp_path / "board.json")
    store.add(lambda card_id: interview(local.date(), local.time(), zone))
    (loaded,) = store.load()
    assert loaded.interviewed_at == WallTime(local, zone)
    assert loaded.interview_instant() == instant
    # Half an hour before the wall time the thank-you is not open yet; half an hour after it is.
    before = verdict_at(loaded, instant - timedelta(minutes=30), zone)
    after = verdict_at(loaded, instant + timedelta(minutes=30), zone)
    assert (before.status, before.upcoming) == (S.PREMATURE, True)
    assert (after.status, after.upcoming) == (S.DUE, False)
    assert after.opens_on == local.date()


def day(text: str) -> date:
    return date.fromisoformat(text)


def utc_at(text: str) -> datetime:
    """``"2026-03-29 00:59"`` read as UTC."""
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class Window:
    """A card and the window the rule book gives it: (opens, due by)."""

    card: Interview
    opens_on: date
    due_by: date


# Interview Fri 27 Mar 10:00 London: thank-you opens Fri 27 Mar, due by bd(Fri, 1) = Mon 30 Mar.
L_SPRING = Window(interview(day("2026-03-27")), day("2026-03-27"), day("2026-03-30"))
# Thanked Mon 23 Mar: check-in opens bd(Mon 23 Mar, 5) = Mon 30 Mar, due by bd(.., 10) = Mon 6 Apr.
L_SPRING_THANKED = Window(
    moved(interview(day("2026-03-20")), (Stage.THANKED, day("2026-03-23"))),
    day("2026-03-30"),
    day("2026-04-06"),
)
# Interview Thu 22 Oct 10:00 London: thank-you due by Fri 23 Oct (BST still in force).
L_AUTUMN_THU = Window(interview(day("2026-10-22")), day("2026-10-22"), day("2026-10-23"))
# Interview Fri 23 Oct 10:00 London: thank-you due by Mon 26 Oct (across the change).
L_AUTUMN_FRI = Window(interview(day("2026-10-23")), day("2026-10-23"), day("2026-10-26"))
# Interview Fri 6 Mar 15:00 New York (EST, 20:00 UTC): thank-you due by Mon 9 Mar (EDT by then).
NY_SPRING = Window(interview(day("2026-03-06"), time(15, 0), NEW_YORK), day("2026-03-06"), day("2026-03-09"))
# Thanked Mon 26 Oct: check-in opens bd(Mon 26 Oct, 5) = Mon 2 Nov, due by bd(.., 10) = Mon 9 Nov.
NY_AUTUMN_THANKED = Window(
    moved(interview(day("2026-10-23"), zone=NEW_YORK), (Stage.THANKED, day("2026-10-26"))),
    day("2026-11-02"),
    day("2026-11-09"),
)

# (id, card, user's zone, the moment in UTC, the user's date then, the status then)
MOMENTS = [
    # London, spring forward (Sun 29 Mar, 01:00 GMT becomes 02:00 BST).
    ("london-spring-00:59-gmt-just-before", L_SPRING, LONDON, "2026-03-29 00:59", "2026-03-29", S.DUE),
    ("london-spring-02:00-bst-just-after", L_SPRING, LONDON, "2026-03-29 01:00", "2026-03-29", S.DUE),
    ("london-spring-mon-23:59-bst", L_SPRING, LONDON, "2026-03-30 22:59", "2026-03-30", S.DUE),
    # 23:00 UTC on Monday is already 00:00 BST on Tuesday: overdue, not still due.
    ("london-spring-tue-00:00-bst-is-mon-utc", L_SPRING, LONDON, "2026-03-30 23:00", "2026-03-31", S.OVERDUE),
    ("london-thanked-sun-23:59-bst", L_SPRING_THANKED, LONDON, "2026-03-29 22:59", "2026-03-29", S.PREMATURE),
    # 23:30 UTC on Sunday is 00:30 BST on Monday: the check-in window is open.
    (
        "london-thanked-mon-00:30-bst-is-sun-utc",
        L_SPRING_THANKED,
        LONDON,
        "2026-03-29 23:30",
        "2026-03-30",
        S.DUE,
    ),
    # London, fall back (Sun 25 Oct, 02:00 BST becomes 01:00 GMT).
    ("london-autumn-fri-23:59-bst", L_AUTUMN_THU, LONDON, "2026-10-23 22:59", "2026-10-23", S.DUE),
    (
        "london-autumn-sat-00:30-bst-is-fri-utc",
        L_AUTUMN_THU,
        LONDON,
        "2026-10-23 23:30",
        "2026-10-24",
        S.OVERDUE,
    ),
    ("london-autumn-first-01:30-bst", L_AUTUMN_FRI, LONDON, "2026-10-25 00:30", "2026-10-25", S.DUE),
    ("london-autumn-second-01:30-gmt", L_AUTUMN_FRI, LONDON, "2026-10-25 01:30", "2026-10-25", S.DUE),
    ("london-autumn-mon-23:59-gmt", L_AUTUMN_FRI, LONDON, "2026-10-26 23:59", "2026-10-26", S.DUE),
    ("london-autumn-tue-00:00-gmt", L_AUTUMN_FRI, LONDON, "2026-10-27 00:00", "2026-10-27", S.OVERDUE),
    # New York, spring forward (Sun 8 Mar, 02:00 EST becomes 03:00 EDT).
    (
        "ny-spring-fri-14:59-est-before-interview",
        NY_SPRING,
        NEW_YORK,
        "2026-03-06 19:59",
        "2026-03-06",
        S.PREMATURE,
    ),
    ("ny-spring-fri-15:00-est-interview-over", NY_SPRING, NEW_YORK, "2026-03-06 20:00", "2026-03-06", S.DUE),
    ("ny-spring-sun-01:59-est-just-before", NY_SPRING, NEW_YORK, "2026-03-08 06:59", "2026-03-08", S.DUE),
    ("ny-spring-sun-03:00-edt-just-after", NY_SPRING, NEW_YORK, "2026-03-08 07:00", "2026-03-08", S.DUE),
    # 03:59 UTC on Tuesday is still Monday 23:59 EDT: due, not overdue.
    ("ny-spring-mon-23:59-edt-is-tue-utc", NY_SPRING, NEW_YORK, "2026-03-10 03:59", "2026-03-09", S.DUE),
    ("ny-spring-tue-00:00-edt", NY_SPRING, NEW_YORK, "2026-03-10 04:00", "2026-03-10", S.OVERDUE),
    # New York, fall back (Sun 1 Nov, 02:00 EDT becomes 01:00 EST).
    ("ny-autumn-first-01:30-edt", NY_AUTUMN_THANKED, NEW_YORK, "2026-11-01 05:30", "2026-11-01", S.PREMATURE),
    (
        "ny-autumn-second-01:30-est",
        NY_AUTUMN_THANKED,
        NEW_YORK,
        "2026-11-01 06:30",
        "2026-11-01",
        S.PREMATURE,
    ),
    # 04:59 UTC on Monday is still Sunday 23:59 EST: the window opens on Monday, local.
    (
        "ny-autumn-sun-23:59-est-is-mon-utc",
        NY_AUTUMN_THANKED,
        NEW_YORK,
        "2026-11-02 04:59",
        "2026-11-01",
        S.PREMATURE,
    ),
    ("ny-autumn-mon-00:00-est", NY_AUTUMN_THANKED, NEW_YORK, "2026-11-02 05:00", "2026-11-02", S.DUE),
    ("ny-autumn-mon-9-nov-23:59-est", NY_AUTUMN_THANKED, NEW_YORK, "2026-11-10 04:59", "2026-11-09", S.DUE),
    (
        "ny-autumn-tue-10-nov-00:00-est",
        NY_AUTUMN_THANKED,
        NEW_YORK,
        "2026-11-10 05:00",
        "2026-11-10",
        S.OVERDUE,
    ),
]


@pytest.mark.parametrize(
    ("window", "zone", "moment", "local_day", "status"),
    [pytest.param(*row[1:], id=row[0]) for row in MOMENTS],
)
def test_windows_around_a_dst_change_are_local_dates(
    window: Window, zone: str, moment: str, local_day: str, status: Status
) -> None:
    clock = FixedClock(utc_at(moment), zone)
    assert today(clock) == day(local_day)
    verdict = assess(window.card, clock.now(), today(clock), RULES)
    assert (verdict.status, verdict.opens_on, verdict.due_by) == (status, window.opens_on, window.due_by)
