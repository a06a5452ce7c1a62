"""Drafts for a card's next step: the words to send, or notes for a call.

The built-in templates live in ``tui/templates/`` as plain ``string.Template``
files; a file of the same name in the config folder's ``templates/`` replaces
one. A first line ``Subject: ...`` becomes the subject. Copying or saving a
draft never marks it sent: the user logs what they did.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

from tui.domain.calling import call_hours_text
from tui.domain.model import Interview
from tui.domain.policy import Assessment
from tui.domain.rules import Rules
from tui.domain.stages import Action, Outcome, Stage

KINDS = ("thank_you", "check_in_call", "follow_up_email", "status_check", "referral_request")

TITLES = {
    "thank_you": "Thank-you note",
    "check_in_call": "Check-in call notes",
    "follow_up_email": "Follow-up email",
    "status_check": "Status-check email",
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
    if templates_dir is not None:
        custom = templates_dir / f"{kind}.txt"
        if custom.is_file():
            return custom.read_text(encoding="utf-8")
    return resources.files("tui.templates").joinpath(f"{kind}.txt").read_text(encoding="utf-8")


def _names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def fields(card: Interview, rules: Rules, sender: str = "") -> dict[str, str]:
    contact = next((c for c in card.contacts if c.name.strip()), card.contacts[0] if card.contacts else None)
    name = contact.name.strip() if contact and contact.name.strip() else "Hiring Team"
    how = []
    if contact is not None:
        how += [x for x in (contact.phone, contact.email) if x]
    questions = [line.strip() for line in card.notes.splitlines() if line.strip().endswith("?")]
    return {
        "contact_name": name,
        "contact_first_name": name.split()[0],
        "contact_title": (contact.title if contact and contact.title else "interviewer"),
        "contact_how": " / ".join(how) or "no phone or email on the card",
        "company": card.company,
        "role": card.role or "the role",
        "interview_day": f"{card.interview_day:%A} {card.interview_day.day} {card.interview_day:%B}",
        "interviewers": _names([c.name for c in card.contacts if c.name.strip()]) or name,
        "questions": "".join(f"- {q}\n" for q in questions),
        "call_hours": f"{call_hours_text(rules)} ({card.zone_for_calls})",
        "sender": sender or "[your name]",
    }


def draft_for(
    card: Interview,
    verdict: Assessment,
    today: date,
    *,
    rules: Rules | None = None,
    templates_dir: Path | None = None,
    sender: str = "",
) -> Draft | None:
    """The draft for the card's next step, filled from the card (None: nothing to draft)."""
    kind = kind_for(card, verdict)
    if kind is None:
        return None
    text = string.Template(load_template(kind, templates_dir)).safe_substitute(
        fields(card, rules or Rules(), sender)
    )
    subject = None
    first, _, rest = text.partition("\n")
    if first.startswith("Subject:"):
        subject, text = first.removeprefix("Subject:").strip(), rest.lstrip("\n")
    return Draft(kind, TITLES[kind], subject, text.rstrip() + "\n")
