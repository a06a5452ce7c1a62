"""The work-search log: every contact with an employer in a period, one row each.

Benefit offices ask job seekers for a log of their contacts with employers,
week by week. The board's timeline already holds it; this module reads it off.

What counts as a contact, event by event (``kind_of`` and ``round_rows``):

- an interview round whose time has passed ("round N" in date order, with the
  people met in it and its label as the note);
- a forward move that stands for a message or a call: into Thanked (the
  thank-you), Checked in (the check-in call), Waiting (the follow-up email);
- a follow-up logged (in Waiting a status check, elsewhere a follow-up by the
  means of that stage's step: a call in Thanked, else an email);
- a reply received;
- a close that says what was said: an offer, acceptance, refusal, rejection or
  withdrawal (a close for "no response" says nothing happened).

Adding a card, an instruction, clearing one and moving back are not contacts.
``HOW_WHAT`` names each kind's means and what happened, in one table.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Any

from tui.domain.describe import counted
from tui.domain.model import Contact, Event, EventKind, Interview
from tui.domain.stages import Outcome, Stage


class Kind(str, Enum):
    """What a row of the log stands for."""

    ROUND = "round"
    THANK_YOU = "thank_you"
    CHECK_IN_CALL = "check_in_call"
    FOLLOW_UP_EMAIL = "follow_up_email"
    FOLLOW_UP_CALL = "follow_up_call"
    STATUS_CHECK = "status_check"
    REPLY = "reply"
    OFFER = "offer"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


INTERVIEW, EMAIL, PHONE, LETTER = "interview", "email", "phone call", "letter"
#: The means is not recorded (a reply, an outcome): the row leaves it blank.
UNKNOWN = ""

#: Each kind's means and what happened. A round's "what" is filled with its number;
#: a thank-you goes by letter when the card has a postal address and no email.
HOW_WHAT: dict[Kind, tuple[str, str]] = {
    Kind.ROUND: (INTERVIEW, "round {number}"),
    Kind.THANK_YOU: (EMAIL, "thank-you sent"),
    Kind.CHECK_IN_CALL: (PHONE, "check-in call"),
    Kind.FOLLOW_UP_EMAIL: (EMAIL, "follow-up email"),
    Kind.FOLLOW_UP_CALL: (PHONE, "follow-up call"),
    Kind.STATUS_CHECK: (PHONE, "status check"),
    Kind.REPLY: (UNKNOWN, "reply received"),
    Kind.OFFER: (UNKNOWN, "offer"),
    Kind.ACCEPTED: (UNKNOWN, "offer accepted"),
    Kind.DECLINED: (UNKNOWN, "offer declined"),
    Kind.REJECTED: (UNKNOWN, "rejection"),
    Kind.WITHDRAWN: (UNKNOWN, "application withdrawn"),
}

#: A forward move into a stage stands for the step that gets a card there.
_MOVE_INTO: dict[Stage, Kind] = {
    Stage.THANKED: Kind.THANK_YOU,
    Stage.CHECKED_IN: Kind.CHECK_IN_CALL,
    Stage.WAITING: Kind.FOLLOW_UP_EMAIL,
}
#: A follow-up logged in a stage, by the means of that stage's step.
_FOLLOWUP_IN: dict[Stage, Kind] = {
    Stage.INTERVIEWED: Kind.FOLLOW_UP_EMAIL,
    Stage.THANKED: Kind.FOLLOW_UP_CALL,
    Stage.CHECKED_IN: Kind.FOLLOW_UP_EMAIL,
    Stage.WAITING: Kind.STATUS_CHECK,
}
#: A close that records what was said (``no_response``: nothing was).
_CLOSED_WITH: dict[Outcome, Kind] = {
    Outcome.OFFER: Kind.OFFER,
    Outcome.ACCEPTED: Kind.ACCEPTED,
    Outcome.DECLINED: Kind.DECLINED,
    Outcome.REJECTED: Kind.REJECTED,
    Outcome.WITHDRAWN: Kind.WITHDRAWN,
}


def kind_of(event: Event) -> Kind | None:
    """The contact ``event`` stands for, or None when it is not one."""
    if event.kind is EventKind.FOLLOWUP:
        return _FOLLOWUP_IN.get(event.stage or Stage.INTERVIEWED)
    if event.kind is EventKind.REPLY:
        return Kind.REPLY
    if event.kind is not EventKind.MOVED or event.stage is None:
        return None
    source = event.from_stage
    if source is not None and event.stage.index <= source.index:
        return None  # a move back is a correction, not a contact
    if event.stage is Stage.CLOSED:
        return _CLOSED_WITH.get(event.outcome) if event.outcome is not None else None
    return _MOVE_INTO.get(event.stage)


@dataclass(frozen=True)
class Row:
    """One contact of the log."""

    on: date
    card_id: int
    employer: str
    position: str
    #: The people contacted: a round's interviewers, else the card's first contact.
    people: tuple[Contact, ...]
    kind: Kind
    how: str
    what: str
    notes: str

    @property
    def person(self) -> str:
        """``Ann Lee (Head of Data); Bo Chen`` (a name, else the title alone)."""
        return "; ".join(_person(c) for c in self.people if c.name.strip() or c.title.strip())


def _person(contact: Contact) -> str:
    name, title = contact.name.strip(), contact.title.strip()
    return f"{name} ({title})" if name and title else name or title


def _how(kind: Kind, card: Interview) -> str:
    how = HOW_WHAT[kind][0]
    if kind is Kind.THANK_YOU:
        by_post = any(c.address.strip() for c in card.contacts)
        by_email = any(c.email.strip() for c in card.contacts)
        return LETTER if by_post and not by_email else EMAIL
    return how


def _row(
    card: Interview,
    on: date,
    kind: Kind,
    note: str,
    *,
    number: int = 0,
    people: tuple[Contact, ...] | None = None,
) -> Row:
    if people is None:
        people = card.contacts[:1]
    return Row(
        on=on,
        card_id=card.id,
        employer=card.company,
        position=card.role,
        people=people,
        kind=kind,
        how=_how(kind, card),
        what=HOW_WHAT[kind][1].format(number=number),
        notes=note,
    )


def round_rows(card: Interview, now: datetime) -> list[Row]:
    """The card's rounds that have taken place by ``now``, "round N" in date order, with whom was met."""
    return [
        _row(card, held.day, Kind.ROUND, held.label, number=number, people=card.people_met(held))
        for number, held in enumerate(card.all_rounds, start=1)
        if held.at.instant() <= now
    ]


def card_rows(card: Interview, now: datetime) -> list[Row]:
    """Every contact on one card, in the order they happened.

    A round comes before the other contacts of its day (the thank-you follows
    the interview); the timeline keeps the order in which things were logged.
    """
    rows = round_rows(card, now)
    for event in card.events:
        kind = kind_of(event)
        if kind is not None:
            rows.append(_row(card, event.on, kind, event.note))
    return sorted(rows, key=lambda row: (row.on, row.kind is not Kind.ROUND))


def contacts(cards: Iterable[Interview], start: date, end: date, now: datetime) -> list[Row]:
    """The log from ``start`` to ``end`` (both included), oldest first; cards in id order within a day."""
    rows = [row for card in cards for row in card_rows(card, now) if start <= row.on <= end]
    return sorted(rows, key=lambda row: (row.on, row.card_id))  # stable: each card's order holds


def week_of(day: date) -> tuple[date, date]:
    """The Monday and the Sunday of ``day``'s week."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def period(today: date, start: date | None, end: date | None) -> tuple[date, date]:
    """The log's days: this week by default; one end alone gives the week (7 days) from or to it."""
    if start is None and end is None:
        return week_of(today)
    if start is None:
        assert end is not None
        start = end - timedelta(days=6)
    elif end is None:
        end = start + timedelta(days=6)
    if start > end:
        raise ValueError(f"the period ends ({end.isoformat()}) before it starts ({start.isoformat()})")
    return start, end


# -- formats

COLUMNS = ("date", "employer", "position", "person contacted", "how", "what happened", "notes")


def _cells(row: Row) -> tuple[str, ...]:
    return (row.on.isoformat(), row.employer, row.position, row.person, row.how, row.what, row.notes)


def to_markdown(rows: list[Row], start: date, end: date, shown: Callable[[str], str]) -> str:
    """A table to read and print; ``shown`` makes user text safe to show (one line, no controls)."""
    lines = [f"# Work-search log: {_day(start)} to {_day(end)}", ""]
    if not rows:
        lines.append("No contacts with employers in this period.")
        return "\n".join(lines) + "\n"
    lines.append("| " + " | ".join(c.capitalize() for c in COLUMNS) + " |")
    lines.append("|" + "---|" * len(COLUMNS))
    for row in rows:
        date_cell, *rest = _cells(row)
        cells = [f"{row.on:%a} {date_cell}", *(_md_cell(shown(cell)) for cell in rest)]
        lines.append("| " + " | ".join(cell or "—" for cell in cells) + " |")
    employers = len({row.employer for row in rows})
    lines += ["", f"{counted(len(rows), 'contact')} with {counted(employers, 'employer')}."]
    return "\n".join(lines) + "\n"


def _day(day: date) -> str:
    return f"{day:%a} {day.isoformat()}"


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")


#: Cells a spreadsheet would read as a formula (or run): shown as text with a leading quote.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _sheet_cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(rows: list[Row]) -> str:
    """A header row and one row per contact, for forms and spreadsheets.

    Written with a byte-order mark so that spreadsheets read it as UTF-8;
    commas, quotes and line breaks in a cell are quoted by the csv module. A
    cell that starts like a formula (``=``, ``+``, ``-``, ``@``) gets a leading
    ``'`` so that a spreadsheet shows it as text instead of computing it.
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows([_sheet_cell(cell) for cell in _cells(row)] for row in rows)
    return "\ufeff" + out.getvalue()


def to_json(rows: list[Row], start: date, end: date) -> dict[str, Any]:
    """The period and its contacts, for scripts (text exactly as typed)."""
    return {"from": start.isoformat(), "to": end.isoformat(), "contacts": list(_json_rows(rows))}


def _json_rows(rows: list[Row]) -> Iterator[dict[str, Any]]:
    for row in rows:
        yield {
            "date": row.on.isoformat(),
            "card": row.card_id,
            "employer": row.employer,
            "position": row.position,
            "people": [{"name": c.name, "title": c.title} for c in row.people],
            "person": row.person,
            "kind": row.kind.value,
            "how": row.how,
            "what": row.what,
            "notes": row.notes,
        }
