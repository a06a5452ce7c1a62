"""Plain words for a card's follow-up state, as a person would say them."""

from __future__ import annotations

from datetime import date, datetime

from tui.domain.model import InstructionKind, Interview
from tui.domain.policy import Assessment
from tui.domain.stages import Action, Status


def day_label(day: date, today: date | None = None) -> str:
    """``Mon 30 Nov`` (with the year when it is not this year's)."""
    text = f"{day:%a} {day.day} {day:%b}"
    if today is not None and day.year != today.year:
        text += f" {day.year}"
    return text


def counted(n: int, noun: str) -> str:
    """``n`` and the noun, singular for one: "1 card", "3 cards", "0 cards"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def days(n: int) -> str:
    return counted(n, "day")


_SHORT = {
    Action.THANK_YOU: "thank-you",
    Action.CHECK_IN_CALL: "call",
    Action.FOLLOW_UP_EMAIL: "email",
    Action.STATUS_CHECK: "status check",
    Action.INTERVIEW: "interview",
}
_VERB = {
    Action.THANK_YOU: "thank them",
    Action.CHECK_IN_CALL: "check in",
    Action.FOLLOW_UP_EMAIL: "email",
    Action.STATUS_CHECK: "check status",
    Action.INTERVIEW: "interview",
}


def state_line(card: Interview, verdict: Assessment, today: date) -> str:
    """The one-line follow-up state shown on a card.

    e.g. "thank-you due today", "check in from Mon 30 Nov",
    "call overdue by 3 days", "on hold until Fri 4 Dec".
    """
    if verdict.status is Status.CLOSED:
        return f"closed: {card.outcome.label}" if card.outcome else "closed"
    action = verdict.action
    assert action is not None
    assert verdict.opens_on is not None
    assert verdict.due_by is not None
    noun = _SHORT[action]
    asked = verdict.instruction is not None and verdict.instruction.kind is InstructionKind.CONTACT_ON
    if verdict.status is Status.HOLD:
        assert verdict.hold_until is not None
        return f"on hold until {day_label(verdict.hold_until, today)}"
    ahead = verdict.next_round
    if ahead is not None and (verdict.upcoming or action is Action.INTERVIEW):
        return f"interview {day_label(ahead.day, today)} {ahead.at.local:%H:%M}"
    if verdict.status is Status.PREMATURE:
        when = "on" if asked or verdict.opens_on == verdict.due_by else "from"
        return f"{_VERB[action]} {when} {day_label(verdict.opens_on, today)}"
    if verdict.status is Status.DUE:
        if verdict.due_by == today:
            return f"{noun} due today"
        if verdict.due_by == date.fromordinal(today.toordinal() + 1):
            return f"{noun} due tomorrow"
        return f"{noun} due by {day_label(verdict.due_by, today)}"
    late = (today - verdict.due_by).days
    return f"{noun} overdue by {days(late)}"


def round_ahead(verdict: Assessment, today: date) -> str:
    """ "next interview Thu 10 Dec 14:00" for a round ahead the state line does not name, else "".

    A thank-you still owed for a round already held comes first (``state_line``
    says so), but the interview ahead is worth knowing too.
    """
    ahead = verdict.next_round
    if ahead is None or verdict.upcoming or verdict.action is Action.INTERVIEW:
        return ""
    return f"next interview {day_label(ahead.day, today)} {ahead.at.local:%H:%M}"


def window_sentence(card: Interview, verdict: Assessment, today: date) -> str:
    """The next action and its window as a full sentence for the detail view."""
    if verdict.status is Status.CLOSED:
        return "Closed: nothing left to do."
    action = verdict.action
    assert action is not None
    assert verdict.opens_on is not None
    assert verdict.due_by is not None
    what = action.instruction.capitalize()
    opens = day_label(verdict.opens_on, today)
    due = day_label(verdict.due_by, today)
    instruction = verdict.instruction
    if verdict.status is Status.HOLD and verdict.hold_until is not None:
        return (
            f"They asked you to wait until {day_label(verdict.hold_until, today)}. "
            f"After that, {action.instruction} between {opens} and {due}."
        )
    if instruction is not None and instruction.kind is InstructionKind.CONTACT_ON:
        return f"{what} on {opens}, as they asked."
    if action is Action.INTERVIEW and verdict.next_round is not None:
        ahead = verdict.next_round
        named = f"the {ahead.label} interview" if ahead.label else "the next interview"
        return (
            f"Go to {named} on {opens} at {ahead.at.local:%H:%M}; "
            f"send a thank-you note by {due}. Chasing waits until then."
        )
    if verdict.upcoming:
        return f"{what} once the interview is over, by {due}."
    if verdict.opens_on == verdict.due_by:
        return f"{what} on {opens}."
    return f"{what} between {opens} and {due}."


def round_lines(card: Interview, now: datetime) -> list[str]:
    """One line per round in date order: "2  Tue 10 Nov 2026 14:00 (Europe/London) final, with Ann; ahead".

    User text (labels, names) is returned as typed: the caller shows it literally.
    """
    lines = []
    for number, held in enumerate(card.all_rounds, start=1):
        at = held.at
        text = f"{number}  {day_label(held.day)} {at.local:%Y %H:%M} ({at.zone})"
        if held.label:
            text += f" {held.label}"
        if held.met:
            text += f", with {', '.join(held.met)}"
        if at.instant() > now:
            text += "; ahead"
        lines.append(text)
    return lines
