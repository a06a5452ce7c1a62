"""SVG snapshots of the card screens, the agenda, a draft and the stats (looked at before accepting)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.ui.conftest import MakeApp

SnapCompare = Callable[..., bool]


def keys(*pressed: str) -> Callable[[Pilot[Any]], Any]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        pilot.app.clear_notifications()
        for key in pressed:
            await pilot.press(key)
            await pilot.pause()

    return run_before


class TestCards:
    def test_form_empty(self, snap_compare: SnapCompare, make_app: MakeApp) -> None:
        assert snap_compare(make_app(), terminal_size=(80, 24), run_before=keys("a"))

    def test_form_with_errors(self, snap_compare: SnapCompare, make_app: MakeApp) -> None:
        async def run_before(pilot: Pilot[Any]) -> None:
            await keys("a")(pilot)
            pilot.app.screen.query_one("#when", Input).value = "someday"
            pilot.app.screen.query_one("#zone", Input).value = "Mars/Base"
            await pilot.press("ctrl+s")
            await pilot.pause()
            pilot.app.clear_notifications()

        assert snap_compare(make_app(), terminal_size=(100, 34), run_before=run_before)

    @pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
    def test_form_lower_field_focused(
        self, snap_compare: SnapCompare, make_app: MakeApp, size: tuple[int, int]
    ) -> None:
        """Tabbed down to the first interviewer's email: the form has scrolled to show it."""
        assert snap_compare(make_app(), terminal_size=size, run_before=keys("a", *"Acme", *["tab"] * 6))

    @pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
    def test_form_refused_save(
        self, snap_compare: SnapCompare, make_app: MakeApp, size: tuple[int, int]
    ) -> None:
        """A bad email typed, back up to the company, ctrl+s: the email is shown, focused, with its error."""
        typed = ("a", *"Acme", *["tab"] * 6, *"ann-at-acme", *["shift+tab"] * 6, "ctrl+s")
        assert snap_compare(make_app(), terminal_size=size, run_before=keys(*typed))

    def test_form_filled_for_edit(self, snap_compare: SnapCompare, make_app: MakeApp) -> None:
        assert snap_compare(make_app(), terminal_size=(100, 40), run_before=keys("e"))

    def test_detail_thanked_call(self, snap_compare: SnapCompare, make_app: MakeApp) -> None:
        assert snap_compare(make_app(), terminal_size=(100, 34), run_before=keys("right", "enter"))

    def test_detail_waiting_nagged(self, snap_compare: SnapCompare, make_app: MakeApp) -> None:
        assert snap_compare(
            make_app(), terminal_size=(100, 34), run_before=keys("right", "right", "right", "down", "enter")
        )

    def test_detail_interviewed_thank_you(self, snap_compare: SnapCompare, make_app: MakeApp) -> None:
        assert snap_compare(make_app(), terminal_size=(100, 34), run_before=keys("enter"))

    def test_detail_thanked_call_not_yet_open(self, snap_compare: SnapCompare, make_app: MakeApp) -> None:
        """Juniper Labs: its call opens on Friday, so the good times start on Friday."""
        assert snap_compare(make_app(), terminal_size=(100, 34), run_before=keys("right", "end", "enter"))

    def test_detail_checked_in(self, snap_compare: SnapCompare, make_app: MakeApp) -> None:
        assert snap_compare(make_app(), terminal_size=(100, 34), run_before=keys("right", "right", "enter"))

    def test_detail_closed(self, snap_compare: SnapCompare, make_app: MakeApp) -> None:
        assert snap_compare(make_app(), terminal_size=(100, 34), run_before=keys(*["right"] * 4, "enter"))

    def test_confirm_delete(self, snap_compare: SnapCompare, make_app: MakeApp) -> None:
        assert snap_compare(make_app(), terminal_size=(80, 24), run_before=keys("d"))

    def test_instruction_dialog(self, snap_compare: SnapCompare, make_app: MakeApp) -> None:
        assert snap_compare(make_app(), terminal_size=(80, 24), run_before=keys("i"))


class TestAssistant:
    def test_agenda(self, snap_compare: SnapCompare, make_app: MakeApp) -> None:
        assert snap_compare(make_app(), terminal_size=(100, 34), run_before=keys("t"))

    def test_draft(self, snap_compare: SnapCompare, make_app: MakeApp) -> None:
        assert snap_compare(make_app(), terminal_size=(90, 30), run_before=keys("c"))

    def test_stats(self, snap_compare: SnapCompare, make_app: MakeApp) -> None:
        assert snap_compare(make_app(), terminal_size=(90, 34), run_before=keys("S"))
