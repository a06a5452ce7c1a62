"""When to phone: good hours in the employer's zone, away from their busiest times."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from tui.domain.businessdays import is_business_day
from tui.domain.rules import Rules
from tui.domain.wall import zone


@dataclass(frozen=True, slots=True)
class CallSlot:
    """A span of good calling time, as aware datetimes in the employer's zone."""

    start: datetime
    end: datetime


def _spans_on(day: date, rules: Rules) -> list[tuple[time, time]]:
    if not is_business_day(day, rules.holidays):
        return []
    spans: list[tuple[time, time]] = []
    for opens, closes in rules.call_hours:
        start, end = opens, closes
        if day.weekday() == 0:  # Monday morning: they are planning the week
            start = max(start, rules.monday_from)
        if day.weekday() == 4:  # Friday afternoon: they are closing the week
            end = min(end, rules.friday_until)
        if start < end:
            spans.append((start, end))
    return spans


def call_slots(after: datetime, employer_zone: str, rules: Rules, count: int = 3) -> list[CallSlot]:
    """The next ``count`` good calling spans at or after ``after`` (at most 60 days ahead)."""
    tz = zone(employer_zone)
    here = after.astimezone(tz)
    day = here.date()
    found: list[CallSlot] = []
    for _ in range(60):
        for start, end in _spans_on(day, rules):
            begin = datetime.combine(day, start, tz)
            finish = datetime.combine(day, end, tz)
            if finish <= here:
                continue
            found.append(CallSlot(max(begin, here), finish))
            if len(found) >= count:
                return found
        day += timedelta(days=1)
    return found


def call_slots_from(
    day: date, now: datetime, employer_zone: str, rules: Rules, count: int = 3
) -> list[CallSlot]:
    """The next ``count`` good calling spans on ``day`` or later, never before ``now``.

    ``day`` is when the call's window opens: a call is not suggested before it.
    """
    start = datetime.combine(day, time(0, 0), zone(employer_zone))
    return call_slots(max(start, now), employer_zone, rules, count=count)


def call_hours_text(rules: Rules) -> str:
    """e.g. "best 10:00-11:30 or 14:00-16:00 their time, not Monday morning nor Friday afternoon"."""
    spans = " or ".join(f"{s:%H:%M}-{e:%H:%M}" for s, e in rules.call_hours)
    return f"best {spans} their time, not Monday morning nor Friday afternoon"
