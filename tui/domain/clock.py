"""The clock: the single source of "now", injected everywhere it is needed.

The app, the command line and every test take a ``Clock``; nothing else reads
the system time. ``--now`` and tests use ``FixedClock``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol

from tui.domain.wall import zone


class Clock(Protocol):
    """Tells the current moment and the user's zone."""

    @property
    def zone_name(self) -> str: ...

    def now(self) -> datetime:
        """The current moment, aware, in the user's zone."""
        ...


def today(clock: Clock) -> date:
    """Today's date in the user's zone."""
    return clock.now().date()


class SystemClock:
    """The real time, seen in the user's zone."""

    def __init__(self, zone_name: str) -> None:
        zone(zone_name)
        self._zone_name = zone_name

    @property
    def zone_name(self) -> str:
        return self._zone_name

    def now(self) -> datetime:
        return datetime.now(zone(self._zone_name))


class FixedClock:
    """A clock stopped at one moment (``--now``, demos, tests). ``set`` moves it."""

    def __init__(self, moment: datetime, zone_name: str) -> None:
        if moment.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        zone(zone_name)
        self._zone_name = zone_name
        self._moment = moment.astimezone(zone(zone_name))

    @property
    def zone_name(self) -> str:
        return self._zone_name

    def now(self) -> datetime:
        return self._moment

    def set(self, moment: datetime) -> None:
        self._moment = moment.astimezone(zone(self._zone_name))


def local_zone_name() -> str:
    """The system's zone name (``TZ`` is honoured), falling back to UTC."""
    from pendulum.tz import local_timezone  # here, not at the top: a board opened with --tz never pays

    try:
        name = local_timezone().name
    except Exception:  # noqa: BLE001 - an odd system zone must not stop the app
        return "UTC"
    try:
        zone(name)
    except ValueError:
        return "UTC"
    return name
