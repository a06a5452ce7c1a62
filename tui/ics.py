"""The next actions as an iCalendar file, for any calendar app.

One all-day event per card with a next action, spanning its window (opens to
due by), with the contact in the description; a card on hold gets one event on
the day the hold ends. Each scheduled round is a timed event in its own zone
(with the zone's definition in the file). Built with ``icalendar``, which
handles RFC 5545's escaping and line folding.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from icalendar import Calendar, Event

from tui import __version__
from tui.domain.calling import call_hours_text
from tui.domain.describe import window_sentence
from tui.domain.queries import Assessed
from tui.domain.rules import Rules
from tui.domain.stages import Action, Status

#: How long a round's event lasts in the calendar (the board keeps only its start).
ROUND_LENGTH = timedelta(hours=1)


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
        for event in _round_events(item, now):
            event.add("dtstamp", stamp)
            calendar.add_component(event)
        if verdict.opens_on is None or verdict.due_by is None or verdict.action is Action.INTERVIEW:
            continue  # the round's own event stands for its window
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
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def _round_events(item: Assessed, now: datetime) -> list[Event]:
    """A timed event for each round of an open card still ahead of ``now``, in the round's zone."""
    card = item.card
    events = []
    who = card.company + (f" ({card.role})" if card.role else "")
    for number, held in enumerate(card.all_rounds, start=1):
        start = held.at.instant()
        if start <= now:
            continue
        event = Event()
        name = f"{held.label} interview" if held.label else "Interview"
        event.add("summary", f"{name[0].upper()}{name[1:]}: {who}")
        event.add("uid", f"followup-{card.id}-round-{held.at.local:%Y%m%dT%H%M}@followup")
        event.add("dtstart", start)
        event.add("dtend", start + ROUND_LENGTH)
        lines = [f"Round {number} of the application."]
        if held.met:
            lines.append("With: " + ", ".join(held.met))
        lines += _contact_lines(item)
        event.add("description", "\n".join(lines))
        events.append(event)
    return events
