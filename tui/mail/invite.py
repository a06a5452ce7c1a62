"""A calendar invite (a ``text/calendar`` part) read with ``icalendar``.

Google, Outlook and hiring systems all send RFC 5546 messages: ``METHOD:REQUEST``
books or updates an event (same UID, higher SEQUENCE), ``METHOD:CANCEL``
removes it, ``METHOD:REPLY`` is an attendee's answer. The start is kept in its
own zone when the invite names one (an IANA name, or a Windows name such as
"W. Europe Standard Time", which icalendar maps); a UTC or floating time is
read in the user's zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any
from zoneinfo import ZoneInfo

from tui.domain.wall import check_zone, zone


class InviteError(ValueError):
    """A calendar part that cannot be read as an invite (the message says why)."""


@dataclass(frozen=True, slots=True)
class Invite:
    """The one event of an invite, as the board needs it."""

    method: str
    uid: str
    sequence: int
    summary: str
    #: Aware, in ``zone``; None for an all-day event (no time to meet at).
    start: datetime | None
    zone: str


def read_invite(data: bytes, user_zone: str) -> Invite:
    """The first event of the calendar ``data`` (an occurrence's override is not the event itself)."""
    from icalendar import Calendar  # here: only matched messages with a calendar part need it

    try:
        calendar = Calendar.from_ical(data)
    except Exception as exc:  # icalendar raises many kinds on bad input
        raise InviteError(f"a calendar part that cannot be read ({_brief(exc)})") from exc
    try:
        return _first_event(calendar, user_zone)
    except InviteError:
        raise
    except Exception as exc:  # a property icalendar kept as broken raises when read
        raise InviteError(f"a calendar part that cannot be read ({_brief(exc)})") from exc


def _first_event(calendar: Any, user_zone: str) -> Invite:
    method = str(calendar.get("METHOD", "")).strip().upper()
    events = [e for e in calendar.walk("VEVENT") if "RECURRENCE-ID" not in e] or calendar.walk("VEVENT")
    if not events:
        raise InviteError("a calendar part without an event")
    event = events[0]
    uid = str(event.get("UID", "")).strip()
    if not uid:
        raise InviteError("an invite without a UID")
    try:
        sequence = int(event.get("SEQUENCE", 0))
    except (TypeError, ValueError):
        sequence = 0
    start, zone_name = _start(event, user_zone)
    return Invite(method, uid, sequence, " ".join(str(event.get("SUMMARY", "")).split()), start, zone_name)


def _start(event: object, user_zone: str) -> tuple[datetime | None, str]:
    prop = event.get("DTSTART")  # type: ignore[attr-defined]
    value = getattr(prop, "dt", None)
    if value is None:
        raise InviteError("an invite without a start time")
    if not isinstance(value, datetime):
        if isinstance(value, date):
            return None, user_zone
        raise InviteError("an invite whose start is not a date-time")
    if value.tzinfo is None:  # a floating time: the user's own wall clock
        return value.replace(tzinfo=zone(user_zone)), user_zone
    tz = value.tzinfo
    key = getattr(tz, "key", None)
    if isinstance(tz, ZoneInfo) and key and key not in ("UTC", "Etc/UTC"):
        return value, key
    named = _iana(str(prop.params.get("TZID", "")))
    # UTC, or a zone only the invite's own VTIMEZONE defines: the same instant in the
    # zone its TZID names when that is known, else in the user's zone.
    instant = value.astimezone(timezone.utc)
    return instant.astimezone(zone(named or user_zone)), named or user_zone


def _iana(tzid: str) -> str:
    """The IANA name for a TZID: itself, or a Windows zone's ("W. Europe Standard Time"); '' if unknown."""
    name = tzid.strip().strip('"').lstrip("/")
    if not name:
        return ""
    try:
        zone(name)
    except ValueError:
        pass
    else:
        return name
    try:
        from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON
    except ImportError:  # pragma: no cover - an icalendar without the table
        return ""
    mapped = str(WINDOWS_TO_OLSON.get(name, ""))
    try:
        return check_zone(mapped) if mapped else ""
    except ValueError:
        return ""


def _brief(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return text[:80] + ("…" if len(text) > 80 else "")
