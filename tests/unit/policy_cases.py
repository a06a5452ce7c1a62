"""The follow-up policy's test cases: cards at each stage, a case row, and what the policy says of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tui.domain import ops
from tui.domain.model import Contact, InstructionKind, Interview
from tui.domain.policy import assess
from tui.domain.rules import Rules
from tui.domain.stages import Action, Stage, Status
from tui.domain.wall import WallTime

LONDON = "Europe/London"
NEW_YORK = "America/New_York"
RULES = Rules()


def d(month: int, day: int, year: int = 2026) -> date:
    return date(year, month, day)


def interview(
    day: date = date(2026, 11, 20),
    at: time = time(10, 0),
    zone: str = LONDON,
    contacts: tuple[Contact, ...] = (Contact(name="Ann", email="ann@example.com"),),
) -> Interview:
    return ops.new_interview(
        card_id=1,
        company="Acme",
        interviewed_at=WallTime(datetime.combine(day, at), zone),
        created_on=day,
        contacts=contacts,
    )


def thanked(on: date = date(2026, 11, 23)) -> Interview:
    return ops.move(interview(), Stage.THANKED, on)


def checked_in(on: date = date(2026, 11, 30)) -> Interview:
    return ops.move(thanked(), Stage.CHECKED_IN, on)


def waiting(on: date = date(2026, 12, 2)) -> Interview:
    return ops.move(checked_in(), Stage.WAITING, on)


def followups(card: Interview, *days: date) -> Interview:
    for day in days:
        card = ops.log_followup(card, day)
    return card


@dataclass(frozen=True)
class Case:
    card: Interview
    today: date
    expect: dict[str, Any]
    at: time = time(12, 0)
    zone: str = LONDON
    rules: Rules = field(default=RULES)

    @property
    def now(self) -> datetime:
        return datetime.combine(self.today, self.at, ZoneInfo(self.zone))


def case(id_: str, card: Interview, today: date, status: Status, **kw: Any) -> Any:
    extra = {k: kw.pop(k) for k in ("at", "zone", "rules") if k in kw}
    return pytest.param(Case(card, today, {"status": status, **kw}, **extra), id=id_)


def observed(case: Case) -> dict[str, Any]:
    verdict = assess(case.card, case.now, case.today, case.rules)
    got: dict[str, Any] = {}
    for key in case.expect:
        if key == "instruction":
            got[key] = verdict.instruction.kind if verdict.instruction else None
        else:
            got[key] = getattr(verdict, key)
    return got


S = Status
A = Action
CONTACT = InstructionKind.CONTACT_ON
WAIT = InstructionKind.WAIT
