"""The demo board: whatever the day it is opened, a newcomer sees every kind of card."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from tui.demo import DEMO_NOW, DEMO_ZONE, build, demo_offset, read_demo, scratch_board, to_day
from tui.domain.model import Interview
from tui.domain.queries import Assessed, assess_all
from tui.domain.rules import Rules
from tui.domain.stages import Status


def _opened_on(today: date) -> tuple[list[Interview], list[Assessed]]:
    cards = [to_day(card, today) for card in build()]
    now = datetime.combine(today, time(9, 30), ZoneInfo(DEMO_ZONE))
    return cards, assess_all(cards, now, today, Rules())


DEMO_DAY_STATUSES = Counter(item.verdict.status for item in _opened_on(DEMO_NOW.date())[1])


@pytest.mark.parametrize("days_later", [*range(14), 30, 200, 1000])
def test_any_day_shows_too_early_due_late_on_hold_and_closed(days_later: int) -> None:
    today = DEMO_NOW.date() + timedelta(days=days_later)
    cards, items = _opened_on(today)
    statuses = Counter(item.verdict.status for item in items)
    assert set(statuses) == set(Status), days_later
    if today.weekday() < 5:  # on a working day, the very mix of the demo's own day (and its screenshots)
        assert statuses == DEMO_DAY_STATUSES, today
    assert sum(len(card.all_rounds) > 1 for card in cards) >= 2
    assert any(item.verdict.next_round is not None and len(item.card.rounds) > 1 for item in items)


def test_the_demos_own_day_shows_some_of_every_status_and_more_due_than_late() -> None:
    assert set(DEMO_DAY_STATUSES) == set(Status)
    assert DEMO_DAY_STATUSES[Status.DUE] > DEMO_DAY_STATUSES[Status.OVERDUE]


@pytest.mark.parametrize("days_later", range(21))
def test_nothing_moves_past_the_day_opened_and_the_order_of_things_is_kept(days_later: int) -> None:
    today = DEMO_NOW.date() + timedelta(days=days_later)
    for original, card in zip(build(), _opened_on(today)[0], strict=True):
        assert [e.on for e in card.events] == sorted(e.on for e in card.events)
        assert max(e.on for e in card.events) <= today
        assert [r.at.local for r in card.rounds] == sorted(r.at.local for r in card.rounds)
        hours = [r.at.local.time() for r in card.all_rounds]
        assert hours == [r.at.local.time() for r in original.all_rounds]
        assert card.interviewed_at.local.time() == original.interviewed_at.local.time()


def test_the_move_is_whole_weeks_to_the_latest_tuesday_then_business_days() -> None:
    offsets = [demo_offset(DEMO_NOW.date() + timedelta(days=n)) for n in (-9, 0, 1, 3, 4, 5, 6, 7, 13, 14)]
    #                 before  Tue     Wed     Fri     Sat     Sun     Mon     Tue     Mon     Tue
    assert offsets == [(0, 0), (0, 0), (0, 1), (0, 3), (0, 3), (0, 3), (0, 4), (1, 0), (1, 4), (2, 0)]


def test_the_shipped_demo_is_the_built_one_and_moves_with_its_rounds(tmp_path: object) -> None:
    from pathlib import Path

    from tui.demo import demo_source

    assert read_demo(demo_source()) == build()
    folder = Path(str(tmp_path))
    later = DEMO_NOW.date() + timedelta(weeks=2)
    moved = read_demo(scratch_board(later, folder))
    kestrel = next(c for c in moved if c.company == "Kestrel Robotics")
    assert [r.at.local.date() for r in kestrel.rounds] == [
        DEMO_NOW.date() + timedelta(days=2) + timedelta(weeks=2),
        DEMO_NOW.date() + timedelta(days=9) + timedelta(weeks=2),
    ]
    # Opened on the Monday after: four business days on, Thursdays become Wednesdays, at the same hour.
    monday = read_demo(scratch_board(DEMO_NOW.date() + timedelta(days=6), folder / "monday"))
    kestrel_then = next(c for c in monday if c.company == "Kestrel Robotics")
    assert [r.at.local for r in kestrel_then.rounds] == [
        datetime.combine(date(2026, 12, 2), kestrel.rounds[0].at.local.time()),
        datetime.combine(date(2026, 12, 9), kestrel.rounds[1].at.local.time()),
    ]
