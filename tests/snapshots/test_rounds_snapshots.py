"""Snapshots of rounds: the card waiting for its round, its detail, the agenda, the dialog, the draft.

The demo's Kestrel Robotics (card 4) has its on-site on Thu 26 Nov 14:00 in
New York and its final booked for Thu 3 Dec; Juniper Labs (card 7) has had
two rounds, was thanked, and has its final on Tue 8 Dec.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from textual.pilot import Pilot

from tests.ui.conftest import MakeApp
from tui.demo import DEMO_ZONE
from tui.screens.detail import DetailScreen

SnapCompare = Callable[..., bool]
KESTREL = 4
#: The day after Kestrel's on-site (19:00 in London): its thank-you is due, the final still ahead.
AFTER_ONSITE = datetime(2026, 11, 27, 10, 0, tzinfo=ZoneInfo(DEMO_ZONE))


def detail_of(card_id: int) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.app.push_screen(DetailScreen(card_id))
        await pilot.pause()

    return run_before


def draft_of(card_id: int) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        pilot.app.action_draft(card_id)  # type: ignore[attr-defined]
        await pilot.pause()

    return run_before


def pressing(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()

    return run_before


class TestRounds:
    def test_board_a_round_ahead_80x24(self, snap_compare: SnapCompare, make_app: MakeApp) -> None:
        assert snap_compare(make_app(), terminal_size=(80, 24), run_before=pressing("right"))

    def test_detail_with_rounds(self, snap_compare: SnapCompare, make_app: MakeApp) -> None:
        assert snap_compare(make_app(), terminal_size=(100, 40), run_before=detail_of(KESTREL))

    def test_detail_with_rounds_80x24(self, snap_compare: SnapCompare, make_app: MakeApp) -> None:
        assert snap_compare(make_app(), terminal_size=(80, 24), run_before=detail_of(7))

    def test_agenda_interviews_coming_up(self, snap_compare: SnapCompare, make_app: MakeApp) -> None:
        assert snap_compare(make_app(), terminal_size=(100, 60), run_before=pressing("t"))

    def test_agenda_interviews_coming_up_80x24(self, snap_compare: SnapCompare, make_app: MakeApp) -> None:
        run_before = pressing("t", *["down"] * 7)  # the cursor on the first interview ahead
        assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)

    def test_round_dialog_80x24(self, snap_compare: SnapCompare, make_app: MakeApp) -> None:
        run_before = pressing("right", "n", *"thu 2pm", "tab", *"final")
        assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)

    def test_thank_you_draft_names_the_round(self, snap_compare: SnapCompare, make_app: MakeApp) -> None:
        app = make_app(now=AFTER_ONSITE)
        assert snap_compare(app, terminal_size=(90, 30), run_before=draft_of(KESTREL))

    def test_thank_you_draft_names_the_round_80x24(
        self, snap_compare: SnapCompare, make_app: MakeApp
    ) -> None:
        app = make_app(now=AFTER_ONSITE)
        assert snap_compare(app, terminal_size=(80, 24), run_before=draft_of(KESTREL))
