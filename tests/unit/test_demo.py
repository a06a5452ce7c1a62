"""The demo board: whatever the day it is opened, a newcomer sees every kind of card."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from tui.demo import DEMO_NOW, DEMO_ZONE, build, read_demo, scratch_board, shift, weeks_since_demo
from tui.domain.queries import assess_all
from tui.domain.rules import Rules
from tui.domain.stages import Status


@pytest.mark.parametrize("days_later", [0, 1, 2, 3, 4, 5, 6, 10, 30, 200, 1000])
def test_any_day_shows_too_early_due_late_on_hold_and_closed(days_later: int) -> None:
    today = DEMO_NOW.date() + timedelta(days=days_later)
    cards = [shift(card, timedelta(weeks=weeks_since_demo(today))) for card in build()]
    now = datetime.combine(today, time(12, 0), ZoneInfo(DEMO_ZONE))
    items = assess_all(cards, now, today, Rules())
    statuses = {item.verdict.status for item in items}
    assert statuses == set(Status), days_later
    assert sum(len(card.all_rounds) > 1 for card in cards) >= 2
    assert any(item.verdict.next_round is not None and len(item.card.rounds) > 1 for item in items)


def test_the_latest_tuesday_is_the_demos_day() -> None:
    assert [weeks_since_demo(DEMO_NOW.date() + timedelta(days=n)) for n in (-9, 0, 6, 7, 13, 14)] == [
        0,
        0,
        0,
        1,
        1,
        2,
    ]


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
