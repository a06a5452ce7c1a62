"""SVG snapshots of the board's views, from the demo board at a fixed moment.

Every snapshot was looked at (rendered to PNG) before it was accepted; after
``--snapshot-update``, look again at each changed file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.ui.conftest import MakeApp

SnapCompare = Callable[..., bool]


async def _settle(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    pilot.app.clear_notifications()
    await pilot.pause()


class TestBoard:
    def test_demo_board_wide(self, snap_compare: SnapCompare, make_app: MakeApp) -> None:
        assert snap_compare(make_app(), terminal_size=(120, 36), run_before=_settle)

    def test_demo_board_80x24(self, snap_compare: SnapCompare, make_app: MakeApp) -> None:
        assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_settle)

    def test_focus_moved_to_waiting(self, snap_compare: SnapCompare, make_app: MakeApp) -> None:
        async def run_before(pilot: Pilot[Any]) -> None:
            await _settle(pilot)
            await pilot.press("right", "right", "right", "down")

        assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)

    def test_empty_board(self, snap_compare: SnapCompare, make_app: MakeApp, tmp_path: Path) -> None:
        assert snap_compare(
            make_app(path=tmp_path / "empty.json"), terminal_size=(100, 30), run_before=_settle
        )

    def test_filtered_board(self, snap_compare: SnapCompare, make_app: MakeApp) -> None:
        async def run_before(pilot: Pilot[Any]) -> None:
            await _settle(pilot)
            await pilot.press("slash", *"engineer")
            await pilot.pause()

        assert snap_compare(make_app(), terminal_size=(120, 36), run_before=run_before)

    def test_too_small(self, snap_compare: SnapCompare, make_app: MakeApp) -> None:
        assert snap_compare(make_app(), terminal_size=(50, 12), run_before=_settle)

    def test_no_color(
        self, snap_compare: SnapCompare, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("NO_COLOR", "1")
        assert snap_compare(make_app(), terminal_size=(100, 30), run_before=_settle)


class TestPanels:
    def test_help(self, snap_compare: SnapCompare, make_app: MakeApp) -> None:
        assert snap_compare(make_app(), terminal_size=(100, 40), press=["question_mark"], run_before=_settle)

    def test_legend(self, snap_compare: SnapCompare, make_app: MakeApp) -> None:
        assert snap_compare(make_app(), terminal_size=(100, 30), press=["L"], run_before=_settle)
