"""The agenda's sections: what to act on now, interviews ahead, what opens soon, what is on hold.

Pure: the sections are made from assessed cards and the day, so the screen,
the tests and any other front end list the same cards in the same order.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import NamedTuple

from tui.domain.queries import Assessed, due_list, urgency_key
from tui.domain.stages import Status

#: How far ahead "coming up" looks (days).
AHEAD = 7


class Section(NamedTuple):
    """One heading of the agenda and its cards, most urgent first."""

    title: str
    items: list[Assessed]


def _round_at(item: Assessed) -> datetime:
    held = item.verdict.next_round
    assert held is not None
    return held.at.instant()


def sections(items: Iterable[Assessed], today: date) -> list[Section]:
    """Act now (due and overdue), interviews coming up (the cards waiting for a round, soonest
    first), what opens within ``AHEAD`` days, and on hold (soonest end first).

    Each card is listed once: one waiting for its next round (too early to
    chase) under the interviews; one with something to do now under "Act now",
    even with a round ahead (its row names the round: ``describe.round_ahead``).
    """
    items = list(items)
    horizon = today + timedelta(days=AHEAD)
    waiting = [i for i in items if i.verdict.status is Status.PREMATURE and i.verdict.next_round is not None]
    interviews = sorted(waiting, key=_round_at)
    soon = sorted(
        (
            i
            for i in items
            if i.verdict.status is Status.PREMATURE
            and i.verdict.next_round is None
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
        Section("Interviews coming up", interviews),
        Section(f"Coming up in the next {AHEAD} days", soon),
        Section("On hold", hold),
    ]
