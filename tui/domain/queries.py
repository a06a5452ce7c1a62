"""Questions asked of a whole board: assess every card, sort by urgency, filter, list what is due."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from enum import Enum
from typing import Any, NamedTuple

from tui.domain.describe import state_line
from tui.domain.model import Interview, Round
from tui.domain.policy import Assessment, assess
from tui.domain.rules import Rules
from tui.domain.stages import URGENCY, Stage, Status

_FAR = date.max


class Assessed(NamedTuple):
    """A card with its verdict at one moment (a named tuple, like the verdict: one per card)."""

    card: Interview
    verdict: Assessment


def assess_all(cards: Iterable[Interview], now: datetime, today: date, rules: Rules) -> list[Assessed]:
    return [Assessed(card, assess(card, now, today, rules)) for card in cards]


class SortOrder(str, Enum):
    """How cards are ordered inside a column."""

    URGENCY = "urgency"
    INTERVIEW = "interview"
    COMPANY = "company"

    @property
    def label(self) -> str:
        return {"urgency": "most urgent first", "interview": "by interview date", "company": "by company"}[
            self.value
        ]

    @property
    def following(self) -> SortOrder:
        order = list(SortOrder)
        return order[(order.index(self) + 1) % len(order)]


#: Each status's place in the urgency order.
_RANK = {status: rank for rank, status in enumerate(URGENCY)}


_HOLD, _PREMATURE = Status.HOLD, Status.PREMATURE


def urgency_key(item: Assessed) -> tuple[Any, ...]:
    """Most urgent first: overdue (longest late first), due (soonest due first), then by opening date."""
    card, verdict = item
    status = verdict.status
    if status is _HOLD:
        first = verdict.hold_until or _FAR
    elif status is _PREMATURE:
        first = verdict.opens_on or _FAR
    else:
        first = verdict.due_by or _FAR
    return (_RANK[status], first, card.company.casefold(), card.id)


def sort_key(order: SortOrder) -> Any:
    if order is SortOrder.INTERVIEW:
        return lambda item: (item.card.interviewed_at.local, item.card.id)
    if order is SortOrder.COMPANY:
        return lambda item: (item.card.company.casefold(), item.card.id)
    return urgency_key


def due_list(items: Iterable[Assessed]) -> list[Assessed]:
    """Due and overdue cards: overdue first (oldest due-by first), then due (earliest due-by first)."""
    actionable = [i for i in items if i.verdict.status in (Status.OVERDUE, Status.DUE)]
    return sorted(actionable, key=urgency_key)


def filter_needle(text: str) -> str:
    """What a filter's text is looked for as: stripped and case-folded (see ``Interview.search_text``)."""
    return text.strip().casefold()


def matches(card: Interview, needle: str) -> bool:
    """Case-insensitive text match across company, role, contact names and notes."""
    needle = filter_needle(needle)
    return not needle or needle in card.search_text


def by_stage(items: Iterable[Assessed], order: SortOrder = SortOrder.URGENCY) -> dict[Stage, list[Assessed]]:
    columns: dict[Stage, list[Assessed]] = {stage: [] for stage in Stage}
    for item in items:
        columns[item.verdict.stage].append(item)
    key = sort_key(order)
    for cards in columns.values():
        cards.sort(key=key)
    return columns


def row(item: Assessed, today: date) -> dict[str, Any]:
    """The machine-readable summary of one card (``list --json``, ``due --json``)."""
    card, verdict = item.card, item.verdict
    return {
        "id": card.id,
        "company": card.company,
        "role": card.role,
        "stage": verdict.stage.value,
        "status": verdict.status.value,
        "action": verdict.action.value if verdict.action else None,
        "summary": state_line(card, verdict, today),
        "opens_on": verdict.opens_on.isoformat() if verdict.opens_on else None,
        "due_by": verdict.due_by.isoformat() if verdict.due_by else None,
        "hold_until": verdict.hold_until.isoformat() if verdict.hold_until else None,
        "nag": verdict.nag,
        "outcome": card.outcome.value if card.outcome else None,
        "interviewed_at": card.interviewed_at.isoformat(),
        "zone": card.interviewed_at.zone,
        "rounds": len(card.all_rounds),
        "next_round_at": round_instant(verdict.next_round),
    }


def round_instant(held: Round | None) -> str | None:
    """A round's moment as ISO 8601 with its offset (None for no round)."""
    return None if held is None else held.at.instant().isoformat(timespec="minutes")
