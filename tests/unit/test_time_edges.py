"""Time edge cases of the follow-up policy: DST, zones, late hours, year end, leap days.

Every expected date and instant below is worked out by hand from POLICY.md and
the calendar (premises checked in ``test_calendar_premises``). The moment of
each assessment is given as a UTC instant and read through a ``FixedClock`` in
the user's zone, so "today" is always the user's local date.

DST changes of 2026 used here: Europe/London forward Sun 29 Mar at 01:00 GMT
(01:00-01:59 does not exist), back Sun 25 Oct at 02:00 BST (01:00-01:59 happens
twice); America/New_York forward Sun 8 Mar at 02:00 (02:00-02:59 does not
exist), back Sun 1 Nov at 02:00 (01:00-01:59 happens twice).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tui.codec import CodecError, card_from_dict, card_to_dict
from tui.config import load_settings
from tui.domain import ops
from tui.domain.businessdays import add_business_days, is_business_day
from tui.domain.calling import call_slots, call_slots_from
from tui.domain.clock import FixedClock, today
from tui.domain.dates import DateError, parse_day, parse_now, parse_when
from tui.domain.model import Contact, Interview
from tui.domain.policy import Assessment, assess
from tui.domain.rules import Rules
from tui.domain.stages import Outcome, Stage, Status
from tui.domain.wall import WallTime, WallTimeError
from tui.store import Store

LONDON = "Europe/London"
NEW_YORK = "America/New_York"
TOKYO = "Asia/Tokyo"
RULES = Rules()
HOLIDAYS = frozenset({date(2026, 12, 25), date(2026, 12, 28), date(2027, 1, 1)})
YEAR_END = Rules(holidays=HOLIDAYS)

S = Status


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=timezone.utc)


def interview(day: date, at: time = time(10, 0), zone: str = LONDON, employer_zone: str = "") -> Interview:
    return ops.new_interview(
        card_id=1,
        company="Acme",
        interviewed_at=WallTime(datetime.combine(day, at), zone),
        created_on=day,
        employer_zone=employer_zone,
        contacts=(Contact(name="Ann", email="ann@example.com"),),
    )


def moved(card: Interview, *steps: tuple[Stage, date]) -> Interview:
    for stage, on in steps:
        card = ops.move(card, stage, on)
    return card


def verdict_at(card: Interview, moment: datetime, user_zone: str, rules: Rules = RULES) -> Assessment:
    """The card as the board shows it at ``moment`` to a user in ``user_zone``."""
    clock = FixedClock(moment, user_zone)
    return assess(card, clock.now(), today(clock), rules)


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


# -- wall times a zone skips or repeats are refused --------------------------------------------

SKIPPED = [
    pytest.param(datetime(2026, 3, 29, 1, 0), LONDON, id="london-01:00"),
    pytest.param(datetime(2026, 3, 29, 1, 30), LONDON, id="london-01:30"),
    pytest.param(datetime(2026, 3, 29, 1, 59), LONDON, id="london-01:59"),
    pytest.param(datetime(2026, 3, 8, 2, 0), NEW_YORK, id="new-york-02:00"),
    pytest.param(datetime(2026, 3, 8, 2, 30), NEW_YORK, id="new-york-02:30"),
]
REPEATED = [
    pytest.param(datetime(2026, 10, 25, 1, 0), LONDON, "UTC+01:00 and UTC+00:00", id="london-01:00"),
    pytest.param(datetime(2026, 10, 25, 1, 30), LONDON, "UTC+01:00 and UTC+00:00", id="london-01:30"),
    pytest.param(datetime(2026, 11, 1, 1, 0), NEW_YORK, "UTC-04:00 and UTC-05:00", id="new-york-01:00"),
    pytest.param(datetime(2026, 11, 1, 1, 59), NEW_YORK, "UTC-04:00 and UTC-05:00", id="new-york-01:59"),
]
#: The minutes on either side of each change are ordinary wall times.
EDGES = [
    pytest.param(datetime(2026, 3, 29, 0, 59), LONDON, utc(2026, 3, 29, 0, 59), id="london-spring-00:59"),
    pytest.param(datetime(2026, 3, 29, 2, 0), LONDON, utc(2026, 3, 29, 1, 0), id="london-spring-02:00"),
    pytest.param(datetime(2026, 10, 25, 0, 59), LONDON, utc(2026, 10, 24, 23, 59), id="london-autumn-00:59"),
    pytest.param(datetime(2026, 10, 25, 2, 0), LONDON, utc(2026, 10, 25, 2, 0), id="london-autumn-02:00"),
    pytest.param(datetime(2026, 3, 8, 1, 59), NEW_YORK, utc(2026, 3, 8, 6, 59), id="new-york-spring-01:59"),
    pytest.param(datetime(2026, 3, 8, 3, 0), NEW_YORK, utc(2026, 3, 8, 7, 0), id="new-york-spring-03:00"),
    pytest.param(datetime(2026, 11, 1, 0, 59), NEW_YORK, utc(2026, 11, 1, 4, 59), id="new-york-autumn-00:59"),
    pytest.param(datetime(2026, 11, 1, 2, 0), NEW_YORK, utc(2026, 11, 1, 7, 0), id="new-york-autumn-02:00"),
]


@pytest.mark.parametrize(("local", "zone"), SKIPPED)
def test_a_skipped_wall_time_is_refused(local: datetime, zone: str) -> None:
    stamp = local.strftime("%Y-%m-%d %H:%M")
    with pytest.raises(WallTimeError, match=re.escape(f"{stamp} does not exist in {zone} (the clocks jump")):
        WallTime(local, zone)
    typed = local.strftime("%Y-%m-%d %H:%M")
    with pytest.raises(WallTimeError, match="does not exist"):
        parse_when(typed, local.date(), zone)
    with pytest.raises(WallTimeError, match="does not exist"):
        parse_when(local.strftime("%Y-%m-%dT%H:%M"), local.date(), zone)
    # A weekday and a time, typed the Monday after the change.
    with pytest.raises(WallTimeError, match="does not exist"):
        parse_when(f"sun {local:%H:%M}", local.date() + timedelta(days=1), zone)
    with pytest.raises(DateError, match="does not exist") as info:
        parse_now(local.strftime("%Y-%m-%dT%H:%M"), zone)
    assert isinstance(info.value.__cause__, WallTimeError)


@pytest.mark.parametrize(("local", "zone", "offsets"), REPEATED)
def test_a_repeated_wall_time_is_refused(local: datetime, zone: str, offsets: str) -> None:
    stamp = local.strftime("%Y-%m-%d %H:%M")
    with pytest.raises(WallTimeError, match=re.escape(f"{stamp} happens twice in {zone} ({offsets}, ")):
        WallTime(local, zone)
    with pytest.raises(WallTimeError, match="happens twice"):
        parse_when(local.strftime("%Y-%m-%d %H:%M"), local.date(), zone)
    with pytest.raises(WallTimeError, match="happens twice"):
        parse_when(f"sun {local:%H:%M}", local.date() + timedelta(days=1), zone)
    with pytest.raises(DateError, match="happens twice") as info:
        parse_now(local.strftime("%Y-%m-%dT%H:%M"), zone)
    assert isinstance(info.value.__cause__, WallTimeError)
    # A fold given in the datetime does not sneak past the check either.
    with pytest.raises(WallTimeError):
        WallTime(local.replace(fold=1), zone)


@pytest.mark.parametrize(("local", "zone", "instant"), EDGES)
def test_the_minutes_beside_a_change_are_accepted(local: datetime, zone: str, instant: datetime) -> None:
    assert WallTime(local, zone).instant() == instant
    assert parse_when(local.strftime("%Y-%m-%d %H:%M"), local.date(), zone) == WallTime(local, zone)
    assert parse_now(local.strftime("%Y-%m-%dT%H:%M"), zone) == instant


def test_a_stored_board_with_a_repeated_wall_time_is_refused_on_load() -> None:
    record = {"company": "Acme", "interviewed_at": {"local": "2026-10-25T01:30", "zone": LONDON}}
    with pytest.raises(CodecError, match="happens twice"):
        card_from_dict(7, record)


@pytest.mark.parametrize(
    ("text", "instant", "local", "offset_hours"),
    [
        # An offset names one instant: the repeated hour is then no longer ambiguous.
        pytest.param(
            "2026-10-25T01:30+01:00",
            utc(2026, 10, 25, 0, 30),
            datetime(2026, 10, 25, 1, 30),
            1,
            id="first-01:30",
        ),
        pytest.param(
            "2026-10-25T01:30+00:00",
            utc(2026, 10, 25, 1, 30),
            datetime(2026, 10, 25, 1, 30),
            0,
            id="second-01:30",
        ),
        # 01:30 UTC on the spring day is 02:30 BST in London.
        pytest.param(
            "2026-03-29T01:30+00:00",
            utc(2026, 3, 29, 1, 30),
            datetime(2026, 3, 29, 2, 30),
            1,
            id="gap-hour-in-utc",
        ),
    ],
)
def test_now_with_an_offset_is_that_instant(
    text: str, instant: datetime, local: datetime, offset_hours: int
) -> None:
    moment = parse_now(text, LONDON)
    # Compared in UTC: Python never calls an aware time in a fold equal to one in another zone.
    assert moment.astimezone(timezone.utc) == instant
    assert moment.replace(tzinfo=None, fold=0) == local
    assert moment.utcoffset() == timedelta(hours=offset_hours)


def test_now_as_a_date_alone_on_a_change_day_is_its_midnight() -> None:
    assert parse_now("2026-03-29", LONDON) == utc(2026, 3, 29, 0, 0)  # still GMT at midnight
    assert parse_now("2026-10-25", LONDON) == utc(2026, 10, 24, 23, 0)  # still BST at midnight
    assert parse_now("2026-03-08", NEW_YORK) == utc(2026, 3, 8, 5, 0)
    assert parse_now("2026-11-01", NEW_YORK) == utc(2026, 11, 1, 4, 0)


# -- calling hours in the employer's zone when only one side has changed -----------------------

# A user in London phoning New York: US clocks changed on 8 Mar and 1 Nov, UK ones on 29 Mar
# and 25 Oct, so between those dates New York is 4 hours behind London instead of 5.
CALLS = [
    pytest.param(
        # Tue 10 Mar 14:30 GMT = 10:30 EDT: the morning span is open now, until 11:30 EDT.
        utc(2026, 3, 10, 14, 30),
        [
            (utc(2026, 3, 10, 14, 30), utc(2026, 3, 10, 15, 30)),
            (utc(2026, 3, 10, 18, 0), utc(2026, 3, 10, 20, 0)),
            (utc(2026, 3, 11, 14, 0), utc(2026, 3, 11, 15, 30)),
        ],
        [
            ("2026-03-10", "10:30", "11:30"),
            ("2026-03-10", "14:00", "16:00"),
            ("2026-03-11", "10:00", "11:30"),
        ],
        id="spring-us-changed-uk-not",
    ),
    pytest.param(
        # Fri 6 Mar 17:00 GMT = 12:00 EST: Friday afternoon is out, Monday morning is out,
        # so the next span is Mon 9 Mar 14:00 EDT (after the US change) = 18:00 UTC.
        utc(2026, 3, 6, 17, 0),
        [
            (utc(2026, 3, 9, 18, 0), utc(2026, 3, 9, 20, 0)),
            (utc(2026, 3, 10, 14, 0), utc(2026, 3, 10, 15, 30)),
            (utc(2026, 3, 10, 18, 0), utc(2026, 3, 10, 20, 0)),
        ],
        [
            ("2026-03-09", "14:00", "16:00"),
            ("2026-03-10", "10:00", "11:30"),
            ("2026-03-10", "14:00", "16:00"),
        ],
        id="across-the-us-spring-change",
    ),
    pytest.param(
        # Mon 26 Oct 09:00 GMT = 05:00 EDT: not Monday morning, so Monday 14:00 EDT = 18:00 UTC.
        utc(2026, 10, 26, 9, 0),
        [
            (utc(2026, 10, 26, 18, 0), utc(2026, 10, 26, 20, 0)),
            (utc(2026, 10, 27, 14, 0), utc(2026, 10, 27, 15, 30)),
            (utc(2026, 10, 27, 18, 0), utc(2026, 10, 27, 20, 0)),
        ],
        [
            ("2026-10-26", "14:00", "16:00"),
            ("2026-10-27", "10:00", "11:30"),
            ("2026-10-27", "14:00", "16:00"),
        ],
        id="autumn-uk-changed-us-not",
    ),
    pytest.param(
        # Fri 30 Oct 15:00 GMT = 11:00 EDT: the last half hour of Friday morning, then
        # Mon 2 Nov 14:00 EST (after the US change) = 19:00 UTC, Tue 10:00 EST = 15:00 UTC.
        utc(2026, 10, 30, 15, 0),
        [
            (utc(2026, 10, 30, 15, 0), utc(2026, 10, 30, 15, 30)),
            (utc(2026, 11, 2, 19, 0), utc(2026, 11, 2, 21, 0)),
            (utc(2026, 11, 3, 15, 0), utc(2026, 11, 3, 16, 30)),
        ],
        [
            ("2026-10-30", "11:00", "11:30"),
            ("2026-11-02", "14:00", "16:00"),
            ("2026-11-03", "10:00", "11:30"),
        ],
        id="across-the-us-autumn-change",
    ),
]


@pytest.mark.parametrize(("moment", "instants", "their_time"), CALLS)
def test_calling_hours_are_read_in_the_employers_zone(
    moment: datetime, instants: list[tuple[datetime, datetime]], their_time: list[tuple[str, str, str]]
) -> None:
    card = interview(date(2026, 3, 2), zone=LONDON, employer_zone=NEW_YORK)
    assert card.zone_for_calls == NEW_YORK
    now = FixedClock(moment, LONDON).now()
    slots = call_slots(now, card.zone_for_calls, RULES, count=3)
    assert [(s.start, s.end) for s in slots] == instants
    assert [(f"{s.start:%Y-%m-%d}", f"{s.start:%H:%M}", f"{s.end:%H:%M}") for s in slots] == their_time


def test_the_first_call_once_the_window_opens_is_in_their_hours() -> None:
    # Asked on Fri 6 Mar 17:00 GMT for a window opening Mon 9 Mar: Monday 14:00 EDT = 18:00 UTC.
    (slot,) = call_slots_from(date(2026, 3, 9), utc(2026, 3, 6, 17, 0), NEW_YORK, RULES, count=1)
    assert (slot.start, slot.end) == (utc(2026, 3, 9, 18, 0), utc(2026, 3, 9, 20, 0))
    # In the user's own zone that is 18:00-20:00 London, not the 19:00-21:00 of other weeks.
    assert f"{slot.start.astimezone(ZoneInfo(LONDON)):%H:%M}" == "18:00"


# -- the user travels: the same board and instant, read in London then in Tokyo ---------------

# Mon 23 Nov 2026 16:00 UTC is Mon 23 Nov 16:00 in London and Tue 24 Nov 01:00 in Tokyo.
TRAVEL_INSTANT = utc(2026, 11, 23, 16, 0)
TRAVEL = {
    # Interview Fri 20 Nov: thank-you opens 20 Nov, due by Mon 23 Nov.
    "thank-you": interview(date(2026, 11, 20)),
    # Thanked Mon 16 Nov: check-in opens bd(16 Nov, 5) = Mon 23 Nov, due by bd(.., 10) = Mon 30 Nov.
    "check-in": moved(interview(date(2026, 11, 13)), (Stage.THANKED, date(2026, 11, 16))),
    # Checked in Fri 20 Nov: email opens bd(20 Nov, 2) = Tue 24 Nov, due by bd(.., 5) = Fri 27 Nov.
    "email": moved(
        interview(date(2026, 11, 13)),
        (Stage.THANKED, date(2026, 11, 16)),
        (Stage.CHECKED_IN, date(2026, 11, 20)),
    ),
    # Interview Tue 24 Nov 09:00 Tokyo = Tue 24 Nov 00:00 UTC: still ahead at the instant.
    "upcoming": interview(date(2026, 11, 24), time(9, 0), TOKYO),
    # "We will get back to you by Mon 23 Nov": hold through 23 Nov, then opens bd(23 Nov, 1) =
    # Tue 24 Nov, due by bd(23 Nov, 3) = Thu 26 Nov.
    "wait": ops.instruct_wait(
        moved(
            interview(date(2026, 10, 30)),
            (Stage.THANKED, date(2026, 11, 2)),
            (Stage.CHECKED_IN, date(2026, 11, 6)),
            (Stage.WAITING, date(2026, 11, 9)),
        ),
        date(2026, 11, 23),
        date(2026, 11, 9),
    ),
    "closed": ops.move(
        interview(date(2026, 11, 2)), Stage.CLOSED, date(2026, 11, 10), outcome=Outcome.REJECTED
    ),
}


@pytest.mark.parametrize(
    ("zone", "local_day", "expected"),
    [
        pytest.param(
            LONDON,
            date(2026, 11, 23),
            {
                "thank-you": (S.DUE, date(2026, 11, 20), date(2026, 11, 23)),
                "check-in": (S.DUE, date(2026, 11, 23), date(2026, 11, 30)),
                "email": (S.PREMATURE, date(2026, 11, 24), date(2026, 11, 27)),
                "upcoming": (S.PREMATURE, date(2026, 11, 24), date(2026, 11, 25)),
                "wait": (S.HOLD, date(2026, 11, 24), date(2026, 11, 26)),
                "closed": (S.CLOSED, None, None),
            },
            id="in-london",
        ),
        pytest.param(
            TOKYO,
            date(2026, 11, 24),
            {
                "thank-you": (S.OVERDUE, date(2026, 11, 20), date(2026, 11, 23)),
                "check-in": (S.DUE, date(2026, 11, 23), date(2026, 11, 30)),
                "email": (S.DUE, date(2026, 11, 24), date(2026, 11, 27)),
                "upcoming": (S.PREMATURE, date(2026, 11, 24), date(2026, 11, 25)),
                "wait": (S.DUE, date(2026, 11, 24), date(2026, 11, 26)),
                "closed": (S.CLOSED, None, None),
            },
            id="in-tokyo",
        ),
    ],
)
def test_the_same_board_read_in_another_zone(
    zone: str, local_day: date, expected: dict[str, tuple[Status, date | None, date | None]]
) -> None:
    clock = FixedClock(TRAVEL_INSTANT, zone)
    assert today(clock) == local_day
    got = {}
    for name, card in TRAVEL.items():
        verdict = assess(card, clock.now(), today(clock), RULES)
        got[name] = (verdict.status, verdict.opens_on, verdict.due_by)
    assert got == expected
    assert assess(TRAVEL["upcoming"], clock.now(), today(clock), RULES).upcoming


# -- an interview late in the evening belongs to its local day ---------------------------------


@pytest.mark.parametrize(
    ("card", "moment", "status", "opens_on", "due_by"),
    [
        # Thu 19 Nov 23:30 New York = Fri 20 Nov 04:30 UTC. Its day is Thu 19 Nov:
        # the thank-you is due by bd(Thu 19 Nov, 1) = Fri 20 Nov (not Mon 23 Nov).
        pytest.param(
            interview(date(2026, 11, 19), time(23, 30), NEW_YORK),
            utc(2026, 11, 20, 4, 0),  # Thu 23:00 EST
            S.PREMATURE,
            date(2026, 11, 19),
            date(2026, 11, 20),
            id="ny-23:30-half-an-hour-before",
        ),
        pytest.param(
            interview(date(2026, 11, 19), time(23, 30), NEW_YORK),
            utc(2026, 11, 20, 4, 45),  # Thu 23:45 EST
            S.DUE,
            date(2026, 11, 19),
            date(2026, 11, 20),
            id="ny-23:30-just-after",
        ),
        pytest.param(
            interview(date(2026, 11, 19), time(23, 30), NEW_YORK),
            utc(2026, 11, 21, 4, 59),  # Fri 23:59 EST
            S.DUE,
            date(2026, 11, 19),
            date(2026, 11, 20),
            id="ny-23:30-last-due-minute",
        ),
        pytest.param(
            interview(date(2026, 11, 19), time(23, 30), NEW_YORK),
            utc(2026, 11, 21, 5, 0),  # Sat 00:00 EST
            S.OVERDUE,
            date(2026, 11, 19),
            date(2026, 11, 20),
            id="ny-23:30-next-day-overdue",
        ),
        # Thanked that same night: check-in opens bd(Thu 19 Nov, 5) = Thu 26 Nov,
        # due by bd(Thu 19 Nov, 10) = Thu 3 Dec.
        pytest.param(
            ops.move(
                interview(date(2026, 11, 19), time(23, 30), NEW_YORK), Stage.THANKED, date(2026, 11, 19)
            ),
            utc(2026, 11, 27, 4, 59),  # Thu 26 Nov 23:59 EST
            S.DUE,
            date(2026, 11, 26),
            date(2026, 12, 3),
            id="ny-23:30-thanked-same-night",
        ),
        # East of UTC the other way round: Mon 23 Nov 00:30 Tokyo = Sun 22 Nov 15:30 UTC.
        # Its day is Mon 23 Nov, so the thank-you is due by Tue 24 Nov (not Mon 23 Nov).
        pytest.param(
            interview(date(2026, 11, 23), time(0, 30), TOKYO),
            utc(2026, 11, 23, 15, 0),  # Tue 00:00 Tokyo
            S.DUE,
            date(2026, 11, 23),
            date(2026, 11, 24),
            id="tokyo-00:30-due-next-day",
        ),
    ],
)
def test_a_late_interview_counts_from_its_local_day(
    card: Interview, moment: datetime, status: Status, opens_on: date, due_by: date
) -> None:
    zone = card.interviewed_at.zone
    verdict = verdict_at(card, moment, zone)
    assert (verdict.status, verdict.opens_on, verdict.due_by) == (status, opens_on, due_by)
    assert verdict.anchor == card.interviewed_at.local.date()


def test_a_late_interview_is_stored_on_its_local_day() -> None:
    card = interview(date(2026, 11, 19), time(23, 30), NEW_YORK)
    assert card.interview_day == date(2026, 11, 19)
    assert card.interview_instant() == utc(2026, 11, 20, 4, 30)
    assert card_to_dict(card)["interviewed_at"] == {"local": "2026-11-19T23:30", "zone": NEW_YORK}
    assert card_from_dict(1, card_to_dict(card)).interview_day == date(2026, 11, 19)


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


# -- the per-day shortcut of the wall-time check: it must refuse exactly what the full check refuses

#: Changes at 01:00 UTC, 02:00 local, by half an hour, at midnight (Havana, Santiago), and at 02:45.
CHANGING_ZONES = (
    LONDON,
    "America/New_York",
    "Australia/Lord_Howe",
    "America/Havana",
    "America/Santiago",
    "Pacific/Chatham",
)


def _full_check(local: datetime, zone_name: str) -> str | None:
    """The reference: a wall time is unique when both folds give the same offset."""
    tz = ZoneInfo(zone_name)
    first, second = local.replace(tzinfo=tz, fold=0), local.replace(tzinfo=tz, fold=1)
    if first.utcoffset() == second.utcoffset():
        return None
    skipped = first.astimezone(timezone.utc).astimezone(tz).replace(tzinfo=None) != local
    return "does not exist" if skipped else "happens twice"


def _refusal(local: datetime, zone_name: str) -> str | None:
    try:
        WallTime(local, zone_name)
    except WallTimeError as exc:
        return "does not exist" if "does not exist" in str(exc) else "happens twice"
    return None


@pytest.mark.parametrize("zone_name", CHANGING_ZONES)
def test_every_quarter_hour_around_each_clock_change_is_judged_as_the_full_check_does(zone_name: str) -> None:
    tz = ZoneInfo(zone_name)
    day = date(2026, 1, 1)
    changes = []
    while day < date(2027, 1, 1):  # the days whose offset at the end differs from the start
        start = datetime.combine(day, time()).replace(tzinfo=tz)
        end = datetime.combine(day + timedelta(days=1), time()).replace(tzinfo=tz)
        if start.utcoffset() != end.utcoffset():
            changes.append(day)
        day += timedelta(days=1)
    assert changes, f"{zone_name} changes its clocks in 2026"
    refused = 0
    for change in changes:
        for offset in range(-1, 2):  # the day before, of and after the change
            moment = datetime.combine(change + timedelta(days=offset), time())
            for _ in range(96):
                expected = _full_check(moment, zone_name)
                assert _refusal(moment, zone_name) == expected, (moment, zone_name)
                refused += expected is not None
                moment += timedelta(minutes=15)
    assert refused >= len(changes) * 2  # the gaps and folds were really met


@pytest.mark.parametrize("zone_name", CHANGING_ZONES)
def test_a_refused_time_is_refused_again_after_its_day_was_seen(zone_name: str) -> None:
    """The day's verdict is kept; a second look at a bad time on a changing day still refuses it."""
    moment = datetime(2026, 1, 1)
    while _full_check(moment, zone_name) is None and moment.year == 2026:
        moment += timedelta(minutes=15)
    assert moment.year == 2026, f"{zone_name} changes its clocks in 2026"
    for _ in range(2):
        assert _refusal(moment, zone_name) == _full_check(moment, zone_name)
    assert _refusal(moment.replace(hour=12 if moment.hour < 6 else 4, minute=0), zone_name) is None
