"""Reading the dates and times people type.

ISO 8601 always works (``2026-11-20``, ``2026-11-20 14:00``, ``2026-11-20T14:00+01:00``);
so do ``today``, ``yesterday``, ``tomorrow``, weekday names (``fri``, ``last fri``,
``next fri``) and times such as ``14:00``, ``2pm`` or ``10:30am``.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Literal

from tui.domain.wall import WallTime, WallTimeError, zone


class DateError(ValueError):
    """Text that is not a date or time we can read (the message says what to type)."""


_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TIME = re.compile(r"^(\d{1,2})(?:[:h.](\d{2})|h)?\s*(am|pm)?$")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

Lean = Literal["past", "future"]


def parse_time(text: str) -> time:
    """``14:00``, ``9:30``, ``2pm``, ``10:30am``, ``14h``."""
    match = _TIME.match(text.strip().lower())
    if not match:
        raise DateError(f"{text!r} is not a time (try 14:00 or 2pm)")
    hour = int(match.group(1))
    minute = int(match.group(2) or 0)
    meridiem = match.group(3)
    if meridiem:
        if not 1 <= hour <= 12:
            raise DateError(f"{text!r}: with am/pm the hour runs from 1 to 12")
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    if hour > 23 or minute > 59:
        raise DateError(f"{text!r} is not a time of day")
    return time(hour, minute)


#: What to type, said when a date or a date and time cannot be read.
DAY_EXAMPLES = "try 2026-11-20, today, yesterday or fri"
WHEN_EXAMPLES = "try 2026-11-20 14:00, today 14:00 or fri 10am"


def parse_day(text: str, today: date, lean: Lean = "past", examples: str = DAY_EXAMPLES) -> date:
    """A day: ISO date, today/yesterday/tomorrow, or a weekday name.

    A bare weekday leans to the past (the latest such day, today included) or
    to the future (the next such day, today included); ``last`` and ``next``
    force the direction and exclude today. ``examples`` ends the message for
    text that is none of these.
    """
    word = " ".join(text.strip().lower().split())
    if not word:
        raise DateError("a date is required (e.g. 2026-11-20, today, fri)")
    if word == "today":
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    if word == "tomorrow":
        return today + timedelta(days=1)
    direction: str = lean
    strict = False
    for prefix in ("last ", "next ", "this "):
        if word.startswith(prefix):
            direction = {"last ": "past", "next ": "future", "this ": lean}[prefix]
            strict = prefix != "this "
            word = word[len(prefix) :]
            break
    for index, name in enumerate(_WEEKDAYS):
        if len(word) >= 3 and name.startswith(word[:3]) and _is_weekday_word(word, index):
            if direction == "past":
                back = (today.weekday() - index) % 7 or (7 if strict else 0)
                return today - timedelta(days=back)
            ahead = (index - today.weekday()) % 7 or (7 if strict else 0)
            return today + timedelta(days=ahead)
    if _ISO_DAY.match(word):
        try:
            return date.fromisoformat(word)
        except ValueError as exc:
            raise DateError(f"{text!r} is not a real date") from exc
    raise DateError(f"{text!r} is not a date ({examples})")


_FULL_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _is_weekday_word(word: str, index: int) -> bool:
    return _FULL_DAYS[index].startswith(word) or word in (_WEEKDAYS[index], _FULL_DAYS[index][:4])


def parse_when(text: str, today: date, zone_name: str, lean: Lean = "past") -> WallTime:
    """A wall time in ``zone_name``: a day, optionally followed by a time.

    ``2026-11-20 14:00``, ``2026-11-20T14:00``, ``today 14:00``, ``yesterday``,
    ``fri 10am``. A day alone means 00:00. A time alone means today.
    """
    raw = " ".join(text.strip().split())
    if not raw:
        raise DateError("a date is required (e.g. 2026-11-20 14:00, today 14:00, fri 10am)")
    iso = raw.replace(" ", "T", 1) if _ISO_DAY.match(raw[:10]) and len(raw) > 10 else raw
    if "T" in iso and _ISO_DAY.match(iso[:10]):
        try:
            parsed = datetime.fromisoformat(iso)
        except ValueError:
            parsed = None
        if parsed is not None:
            if parsed.tzinfo is not None:
                return WallTime.from_instant(parsed.replace(second=0, microsecond=0), zone_name)
            return WallTime(parsed.replace(second=0, microsecond=0), zone_name)
    parts = raw.rsplit(" ", 1)
    day_text, time_text = (raw, "")
    if len(parts) == 2 and _TIME.match(parts[1].lower()):
        day_text, time_text = parts
    elif _TIME.match(raw.lower()) and not _ISO_DAY.match(raw):
        day_text, time_text = "today", raw
    day = parse_day(day_text, today, lean, WHEN_EXAMPLES)
    clock = parse_time(time_text) if time_text else time(0, 0)
    return WallTime(datetime.combine(day, clock), zone_name)


def parse_now(text: str, zone_name: str) -> datetime:
    """The ``--now`` option: an ISO date (start of that day in the user's zone) or date-time.

    A date-time without an offset is read in the user's zone.
    """
    raw = text.strip()
    try:
        plain: datetime | None = datetime.fromisoformat(raw)
    except ValueError:
        plain = None
    if plain is not None and plain.tzinfo is None:
        try:  # a wall time the zone skips or repeats names no single moment
            WallTime(plain, zone_name)
        except WallTimeError as exc:
            raise DateError(f"--now {text!r}: {exc}") from exc
        return plain.replace(tzinfo=zone(zone_name))
    if plain is not None and not _ISO_DAY.match(raw):
        return plain.astimezone(zone(zone_name))
    try:
        if _ISO_DAY.match(raw):
            day = date.fromisoformat(raw)
            return datetime.combine(day, time(0, 0), zone(zone_name))
        import pendulum  # here, not at the top: most runs never parse a free-form moment

        parsed = pendulum.parse(raw, tz=zone_name, exact=True)
    except ValueError as exc:  # pendulum's ParserError is a ValueError
        raise DateError(
            f"--now {text!r} is not an ISO 8601 date or date-time (e.g. 2026-11-24T09:30+00:00)"
        ) from exc
    if isinstance(parsed, datetime):
        if parsed.tzinfo is None:
            return parsed.replace(tzinfo=zone(zone_name))
        return datetime.fromtimestamp(parsed.timestamp(), zone(zone_name))
    if isinstance(parsed, date):
        return datetime.combine(parsed, time(0, 0), zone(zone_name))
    raise DateError(f"--now {text!r} is not a date or date-time")
