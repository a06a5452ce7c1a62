"""The agenda's sections: what to act on now, what opens soon, what is on hold.

Pure: the sections are made from assessed cards and the day, so the screen,
the tests and any other front end list the same cards in the same order.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import NamedTuple

from tui.domain.queries import Assessed, due_list, urgency_key
from tui.domain.stages import Status

#: How far ahead "coming up" looks (days).
AHEAD = 7


class Section(NamedTuple):
    """One heading of the agenda and its cards, most urgent first."""

    title: str
    items: list[Assessed]


def sections(items: Iterable[Assessed], today: date) -> list[Section]:
    """Act now (due and overdue), coming up within ``AHEAD`` days, and on hold (soonest end first)."""
    items = list(items)
    horizon = today + timedelta(days=AHEAD)
    soon = sorted(
        (
            i
            for i in items
            if i.verdict.status is Status.PREMATURE
            and i.verdict.opens_on is not None
            and i.verdict.opens_on <= horizon
        ),
        key=urgency_key,
    )
    hold = sorted(
        (i for i in items if i.verdict.status is Status.HOLD),
        key=lambda i: i.verdict.hold_until or today,
    )
    return [
        Section("Act now", due_list(items)),
        Section(f"Coming up in the next {AHEAD} days", soon),
        Section("On hold", hold),
    ]
