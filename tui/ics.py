"""The next actions as an iCalendar file, for any calendar app.

One all-day event per card with a next action, spanning its window (opens to
due by), with the contact in the description; a card on hold gets one event on
the day the hold ends. Built with ``icalendar``, which handles RFC 5545's
escaping and line folding.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from icalendar import Calendar, Event

from tui import __version__
from tui.domain.calling import call_hours_text
from tui.domain.describe import window_sentence
from tui.domain.queries import Assessed
from tui.domain.rules import Rules
from tui.domain.stages import Status


def _contact_lines(item: Assessed) -> list[str]:
    lines = []
    for contact in item.card.contacts:
        parts = [p for p in (contact.name, contact.title, contact.email, contact.phone) if p]
        if parts:
            lines.append("Contact: " + ", ".join(parts))
    return lines


def to_ics(items: list[Assessed], now: datetime, rules: Rules) -> bytes:
    """A VCALENDAR with one VEVENT per card that has a next action.

    Open cards (premature, due, overdue) get an all-day event from the day the
    action opens to the day it is due by (DTEND is the day after, as RFC 5545
    counts all-day ends exclusively). A card on hold gets one all-day event,
    "Hold ends", on the first day after the wait the employer asked for.
    Closed cards get none. UIDs are stable (``followup-<id>-<action>@followup``)
    so re-importing updates events instead of doubling them. ``now`` should be
    aware; it is stamped in UTC.
    """
    calendar = Calendar()
    calendar.add("prodid", f"-//followup//followup {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    stamp = now.astimezone(timezone.utc)
    today = now.date()
    for item in items:
        card, verdict = item.card, item.verdict
        if verdict.status is Status.CLOSED or verdict.action is None:
            continue
        if verdict.opens_on is None or verdict.due_by is None:
            continue
        event = Event()
        who = card.company + (f" ({card.role})" if card.role else "")
        lines = [window_sentence(card, verdict, today), *_contact_lines(item)]
        if verdict.status is Status.HOLD and verdict.hold_until is not None:
            start = verdict.hold_until + timedelta(days=1)
            end = start + timedelta(days=1)
            event.add("summary", f"Hold ends: {who}")
            uid_kind = "hold"
        else:
            start, end = verdict.opens_on, verdict.due_by + timedelta(days=1)
            event.add("summary", f"{verdict.action.noun.capitalize()}: {who}")
            uid_kind = verdict.action.value
            if verdict.action.is_call:
                lines.append(f"Call {call_hours_text(rules)} ({card.zone_for_calls}).")
        event.add("uid", f"followup-{card.id}-{uid_kind}@followup")
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("description", "\n".join(lines))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return bytes(calendar.to_ical())
