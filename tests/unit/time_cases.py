"""What the time edge-case tests share: the zones, the default rules, a card, its verdict at an instant."""

from __future__ import annotations

from datetime import date, datetime, time, timezone

from tui.domain import ops
from tui.domain.clock import FixedClock, today
from tui.domain.model import Contact, Interview
from tui.domain.policy import Assessment, assess
from tui.domain.rules import Rules
from tui.domain.stages import Stage, Status
from tui.domain.wall import WallTime

LONDON = "Europe/London"
NEW_YORK = "America/New_York"
RULES = Rules()

S = Status


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=timezone.utc)


def interview(day: date, at: time = time(10, 0), zone: str = LONDON, employer_zone: str = "") -> Interview:
    return ops.new_interview(
        card_id=1,
        company="Acme",
        interviewed_at=WallTime(datetime.combine(day, at), zone),
        created_on=day,
        employer_zone=employer_zone,
        contacts=(Contact(name="Ann", email="ann@example.com"),),
    )


def moved(card: Interview, *steps: tuple[Stage, date]) -> Interview:
    for stage, on in steps:
        card = ops.move(card, stage, on)
    return card


def verdict_at(card: Interview, moment: datetime, user_zone: str, rules: Rules = RULES) -> Assessment:
    """The card as the board shows it at ``moment`` to a user in ``user_zone``."""
    clock = FixedClock(moment, user_zone)
    return assess(card, clock.now(), today(clock), rules)
