"""Drafts for a card's next step: the words to send, or notes for a call.

The built-in templates live in ``tui/templates/`` as plain ``string.Template``
files; a file of the same name in the config folder's ``templates/`` replaces
one. A first line ``Subject: ...`` becomes the subject. Copying or saving a
draft never marks it sent: the user logs what they did.

Placeholders: ``$contact_name`` ``$contact_first_name`` ``$contact_title``
``$contact_how`` (phone / email), ``$company``, ``$role``, ``$position``
("the Data Engineer position"), ``$role_interview`` ("Data Engineer
interview"), ``$interview_day`` ("Tuesday 24 November"), ``$interviewers``
("A, B and C"), ``$questions`` (the notes' lines ending in ``?``, one
``- `` bullet each), ``$call_hours`` and ``$sender``. Unknown ones are left as
typed, so a mistyped override still renders.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

from tui.domain.calling import call_hours_text
from tui.domain.model import Interview, Round
from tui.domain.policy import Assessment
from tui.domain.rules import Rules
from tui.domain.stages import Action, Outcome, Stage

FALLBACK_NAME = "Hiring Team"

KINDS = ("thank_you", "check_in_call", "follow_up_email", "status_check", "referral_request")

TITLES = {
    "thank_you": "Thank-you note",
    "check_in_call": "Check-in call notes",
    "follow_up_email": "Follow-up email",
    "status_check": "Status-check call notes and email",
    "referral_request": "Reply to a rejection: ask for referrals",
}

_BY_ACTION = {
    Action.THANK_YOU: "thank_you",
    Action.CHECK_IN_CALL: "check_in_call",
    Action.FOLLOW_UP_EMAIL: "follow_up_email",
    Action.STATUS_CHECK: "status_check",
}


@dataclass(frozen=True)
class Draft:
    kind: str
    title: str
    subject: str | None
    body: str

    @property
    def text(self) -> str:
        return (f"Subject: {self.subject}\n\n" if self.subject else "") + self.body


def kind_for(card: Interview, verdict: Assessment) -> str | None:
    """Which draft fits the card now (None: nothing to write)."""
    if card.stage is Stage.CLOSED:
        return "referral_request" if card.outcome is Outcome.REJECTED else None
    return _BY_ACTION.get(verdict.action) if verdict.action else None


def load_template(kind: str, templates_dir: Path | None = None) -> str:
    """The template text for ``kind``: the user's override if readable, else the built-in one.

    An override that cannot be read (a folder, no permission) is skipped; bytes
    that are not UTF-8 are replaced rather than refused.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown draft kind {kind!r}")
    if templates_dir is not None:
        custom = templates_dir / f"{kind}.txt"
        try:
            if custom.is_file():
                return custom.read_text(encoding="utf-8", errors="replace").removeprefix("\ufeff")
        except OSError:
            pass
    return resources.files("tui.templates").joinpath(f"{kind}.txt").read_text(encoding="utf-8")


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_HONORIFICS = frozenset({"dr", "mr", "mrs", "ms", "mx", "miss", "prof", "sir", "dame"})
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")


def long_day(day: date) -> str:
    """``Tuesday 24 November``, the same whatever the machine's locale."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"


def _names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _first_name(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0].rstrip(".").casefold() in _HONORIFICS:
        words = words[1:]
    return words[0] if words else name


def open_questions(notes: str) -> list[str]:
    """The lines of the notes that end with a question mark, without list bullets."""
    questions = []
    for line in notes.splitlines():
        text = _BULLET.sub("", line).strip()
        if text.endswith("?") and text != "?":
            questions.append(text)
    return questions


def round_for(card: Interview, today: date) -> Round:
    """The round a thank-you on ``today`` is for: the latest held by then (else the first)."""
    held = [r for r in card.all_rounds if r.day <= today]
    return held[-1] if held else card.all_rounds[0]


def fields(card: Interview, rules: Rules, sender: str = "", *, held: Round | None = None) -> dict[str, str]:
    """The values of the template placeholders for ``card`` (and its round ``held``, by default the first).

    With no named contact the greeting falls back to ``Hiring Team``; with no
    role, ``$role`` reads ``the role``, ``$position`` ``the position`` and
    ``$role_interview`` ``interview``. On a card with several rounds the
    greeting names everyone met in the round, and ``$round_for`` names a
    labelled round (" for our final interview"; empty when it has no label).
    """
    held = held or card.first_round
    people = card.people_met(held) if card.rounds else card.contacts
    contact = next((c for c in people if c.name.strip()), people[0] if people else None)
    named = contact is not None and bool(contact.name.strip())
    name = contact.name.strip() if contact is not None and named else FALLBACK_NAME
    met = [c.name.strip() for c in people if c.name.strip()]
    greeting = _names(met) if card.rounds and met else name
    how = []
    if contact is not None:
        how += [x.strip() for x in (contact.phone, contact.email) if x.strip()]
    questions = open_questions(card.notes)
    role = card.role.strip()
    return {
        "contact_name": greeting,
        "contact_first_name": _first_name(name) if named else name,
        "contact_title": (contact.title.strip() if contact and contact.title.strip() else "interviewer"),
        "contact_how": " / ".join(how) or "no phone or email on the card",
        "company": card.company,
        "role": role or "the role",
        "position": f"the {role} position" if role else "the position",
        "role_interview": f"{role} interview" if role else "interview",
        "interview_day": long_day(held.day),
        "round_for": f" for our {held.label.strip()} interview" if held.label.strip() else "",
        "interviewers": _names(met) or name,
        "questions": "".join(f"- {q}\n" for q in questions),
        "call_hours": f"{call_hours_text(rules)} ({card.zone_for_calls})",
        "sender": sender or "[your name]",
    }


def draft_for(
    card: Interview,
    verdict: Assessment,
    today: date,
    templates_dir: Path | None = None,
    sender: str = "",
    *,
    rules: Rules | None = None,
) -> Draft | None:
    """The draft for the card's next step, filled from the card.

    None when there is nothing to write: a card closed with any outcome but
    ``rejected`` (callers say "nothing to draft"). Placeholders the template
    does not know, or a stray ``$``, are left as typed.
    """
    kind = kind_for(card, verdict)
    if kind is None:
        return None
    return render(kind, card, templates_dir, sender, rules=rules, held=round_for(card, today))


def render(
    kind: str,
    card: Interview,
    templates_dir: Path | None = None,
    sender: str = "",
    *,
    rules: Rules | None = None,
    held: Round | None = None,
) -> Draft:
    """The draft of ``kind`` for ``card``, whatever its stage (a thank-you for the round ``held``)."""
    values = fields(card, rules or Rules(), sender, held=held)
    text = load_template(kind, templates_dir)
    subject = None
    first, _, rest = text.partition("\n")
    if first.startswith("Subject:"):
        raw = string.Template(first.removeprefix("Subject:")).safe_substitute(values)
        subject = " ".join(raw.split()) or None
        text = rest.lstrip("\n")
    body = string.Template(text).safe_substitute(values)
    return Draft(kind, TITLES[kind], subject, body.rstrip() + "\n")
