"""Time edges: wall times a zone skips or repeats are refused, whichever way they come in.

DST changes of 2026 used here: Europe/London forward Sun 29 Mar at 01:00 GMT
(01:00-01:59 does not exist), back Sun 25 Oct at 02:00 BST (01:00-01:59 happens
twice); America/New_York forward Sun 8 Mar at 02:00 (02:00-02:59 does not
exist), back Sun 1 Nov at 02:00 (01:00-01:59 happens twice).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from tests.unit.time_cases import LONDON, NEW_YORK, utc
from tui.codec import CodecError, card_from_dict
from tui.domain.dates import DateError, parse_now, parse_when
from tui.domain.wall import WallTime, WallTimeError

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
