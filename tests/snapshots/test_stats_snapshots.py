"""The stats screen at 80x24, the common terminal size: its top, and scrolled to its end."""

from __future__ import annotations

from tests.snapshots.test_card_snapshots import SnapCompare, keys
from tests.ui.conftest import MakeApp


class TestStats:
    def test_stats_80x24_top(self, snap_compare: SnapCompare, make_app: MakeApp) -> None:
        assert snap_compare(make_app(), terminal_size=(80, 24), run_before=keys("S"))

    def test_stats_80x24_end(self, snap_compare: SnapCompare, make_app: MakeApp) -> None:
        """Replies by company and what became of each stage, below the fold at 80x24."""
        assert snap_compare(make_app(), terminal_size=(80, 24), run_before=keys("S", "end"))
