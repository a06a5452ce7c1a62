"""Wall-clock times tied to an IANA zone.

An interview at "10:00 in Europe/London" is stored as that wall time plus the
zone name, not as an offset, so it still means 10:00 after a DST change. A wall
time that a zone skips (spring forward) or repeats (fall back) is refused with
a reason, never shifted silently.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from msgspec import Struct


class WallTimeError(ValueError):
    """A wall time that cannot be pinned to one instant in its zone."""


@lru_cache(maxsize=256)
def zone(name: str) -> ZoneInfo:
    """The zone called ``name``; ValueError with a readable message if unknown.

    A name is looked up as a file: one that is a folder, or too long for a
    file name, fails with an OSError, and is unknown just the same.
    """
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise ValueError(f"unknown time zone {name!r} (use an IANA name such as Europe/London)") from exc


def check_zone(name: str) -> str:
    zone(name)
    return name


class WallTime(Struct, frozen=True, gc=False):
    """A naive local time and the zone it is read in (an immutable record, like those of ``model``)."""

    local: datetime
    zone: str

    def __post_init__(self) -> None:
        local = self.local
        if local.tzinfo is not None:
            raise ValueError("WallTime.local must be naive")
        if not _steady_day(self.zone, local.date()):  # most days: known at once (a board reads thousands)
            _check_unique(local, self.zone)

    def instant(self) -> datetime:
        """The aware instant (in the wall time's own zone)."""
        return self.local.replace(tzinfo=zone(self.zone))

    def isoformat(self) -> str:
        return self.local.isoformat(timespec="minutes")

    @classmethod
    def from_instant(cls, moment: datetime, zone_name: str) -> WallTime:
        local = moment.astimezone(zone(zone_name)).replace(tzinfo=None, fold=0)
        return cls(local, zone_name)


@lru_cache(maxsize=4096)
def _steady_day(zone_name: str, day: date) -> bool:
    """True when the zone's clocks keep one offset all through ``day``: each of its wall times is unique.

    Reading a board checks every interview time; most fall on days without a
    clock change, and those days are recognised once each instead of checking
    every time on them. The offset is read at the day's start, noon and end
    (both folds of each): a change within the day shows at one of them.
    """
    tz = zone(zone_name)
    start = datetime(day.year, day.month, day.day)
    moments = (start, start + timedelta(hours=12), start + timedelta(days=1))
    offsets = {moment.replace(tzinfo=tz, fold=fold).utcoffset() for moment in moments for fold in (0, 1)}
    return len(offsets) == 1


def _check_unique(local: datetime, zone_name: str) -> None:
    if _steady_day(zone_name, local.date()):
        return
    tz = zone(zone_name)
    first = local.replace(tzinfo=tz, fold=0)
    second = local.replace(tzinfo=tz, fold=1)
    if first.utcoffset() == second.utcoffset():
        return
    # The two folds differ: either the time is skipped or it is repeated.
    round_trip = first.astimezone(timezone.utc).astimezone(tz).replace(tzinfo=None)
    stamp = local.strftime("%Y-%m-%d %H:%M")
    if round_trip != local:
        raise WallTimeError(
            f"{stamp} does not exist in {zone_name} (the clocks jump forward then); "
            "pick a time outside the change"
        )
    earlier = first.utcoffset() or timedelta()
    later = second.utcoffset() or timedelta()
    raise WallTimeError(
        f"{stamp} happens twice in {zone_name} (UTC{_offset(earlier)} and "
        f"UTC{_offset(later)}, the clocks go back); pick a time outside the change"
    )


def _offset(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
