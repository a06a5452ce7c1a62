"""Changing cards from the board: moves, undo, saving (and failing to), changes from another process."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.textual_probes import notified, toasts
from tests.ui.board_parts import SIZE, board, card_named, current_company, focused_list
from tests.ui.conftest import MakeApp
from tui.app import HAND_OVER_AFTER, FollowupApp
from tui.domain import ops
from tui.domain.stages import Stage
from tui.domain.wall import WallTime
from tui.messages import ChangeCard
from tui.screens.board import AGENDA_AHEAD_AFTER
from tui.store import Store, StoreError


async def test_next_stage_moves_the_card_saves_it_and_keeps_it_focused(
    make_app: MakeApp, demo_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("greater_than_sign")
        await pilot.pause()
        app.flush()
        await pilot.pause()
        assert focused_list(app).stage is Stage.THANKED
        assert current_company(app) == "Northwind Analytics"
        saved = card_named(Store(demo_path), "Northwind Analytics")
        assert saved.stage is Stage.THANKED
        assert saved.events[-1].on == date(2026, 11, 24)
        await pilot.press("shift+right")
        await pilot.pause()
        app.flush()
        assert focused_list(app).stage is Stage.CHECKED_IN
        assert card_named(Store(demo_path), "Northwind Analytics").stage is Stage.CHECKED_IN
        await pilot.press("less_than_sign")
        await pilot.pause()
        assert focused_list(app).stage is Stage.THANKED
        await pilot.press("shift+left")
        await pilot.pause()
        app.flush()
        assert focused_list(app).stage is Stage.INTERVIEWED
        assert card_named(Store(demo_path), "Northwind Analytics").stage is Stage.INTERVIEWED


async def test_a_change_is_saved_even_if_it_is_never_drawn(make_app: MakeApp, demo_path: Path) -> None:
    """Saves wait for the change to be drawn; flush, and a short timer, do not wait for that."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.post_message(ChangeCard(1, lambda c: ops.edit(c, notes="flushed"), "edited"))
        await pilot.pause(0)  # the change is applied; its frame has not been drawn
        app.flush()
        assert Store(demo_path).get(1).notes == "flushed"
        app._hand_over_when_drawn = lambda: None  # type: ignore[method-assign]  # no frame ever reports it
        app.post_message(ChangeCard(1, lambda c: ops.edit(c, notes="timed"), "edited"))
        await pilot.pause(0)
        assert app.saves.queued
        await pilot.pause(HAND_OVER_AFTER * 3)  # the timer's turn
        assert not app.saves.queued
        while app.is_saving:
            await pilot.pause(0.01)
        assert Store(demo_path).get(1).notes == "timed"


async def test_undo_takes_back_changes_one_by_one_with_a_toast(make_app: MakeApp, demo_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("greater_than_sign", "greater_than_sign")
        await pilot.pause()
        assert current_company(app) == "Northwind Analytics"
        assert focused_list(app).stage is Stage.CHECKED_IN
        await pilot.press("u")
        await pilot.pause()
        assert focused_list(app).stage is Stage.THANKED
        assert any("Undid: moved Northwind Analytics to Checked in" in message for message in notified(app))
        await pilot.press("ctrl+z")
        await pilot.pause()
        app.flush()
        assert card_named(Store(demo_path), "Northwind Analytics").stage is Stage.INTERVIEWED
        assert (
            card_named(Store(demo_path), "Northwind Analytics").events
            == card_named(Store(demo_path), "Northwind Analytics").events[:1]
        )
        assert board(app).check_action("undo", ()) is None  # dimmed in the footer: nothing left to undo


async def test_change_made_by_another_process_appears_after_reload(
    make_app: MakeApp, demo_path: Path
) -> None:
    app = make_app(watch_interval=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        other = Store(demo_path)
        when = WallTime(datetime(2026, 11, 23, 10, 0), "Europe/London")
        other.add(
            lambda i: ops.new_interview(
                card_id=i, company="Zephyr Cloud", interviewed_at=when, created_on=date(2026, 11, 23)
            )
        )
        for _ in range(50):
            await pilot.pause(0.1)
            if any(i.card.company == "Zephyr Cloud" for i in app.state.items):
                break
        companies = [i.card.company for i in app.state.items]
        assert companies.count("Zephyr Cloud") == 1
        assert len(companies) == 15


@contextmanager
def _saves_failing(demo_path: Path) -> Iterator[list[int]]:
    """Every save fails as on a full disk while in the block; the list yielded gets each failed card's id."""
    failed: list[int] = []

    def broken(self: Store, card_id: int, change: object) -> object:
        failed.append(card_id)
        raise StoreError(f"cannot write {demo_path}: No space left on device")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Store, "update", broken)
        yield failed


async def _saved_again(app: FollowupApp, pilot: Pilot[None]) -> None:
    """Up to three seconds for the saves retried every 0.1 s to go through, then every save on disk."""
    for _ in range(30):
        await pilot.pause(0.1)
        if not app.unsaved and not app.is_saving:
            break
    app.flush()


async def test_a_failed_save_keeps_the_change_says_so_and_retries(make_app: MakeApp, demo_path: Path) -> None:
    app = make_app(watch_interval=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        with _saves_failing(demo_path):
            await pilot.press("greater_than_sign")
            # The save fails, and is retried (and fails again) every 0.1 s: wait for a moment
            # when it is waiting for its next try rather than on the save thread.
            for _ in range(50):
                await pilot.pause(0.05)
                if app.unsaved and notified(app):
                    break
            assert app.state.get(1).card.stage is Stage.THANKED  # type: ignore[union-attr]
            assert app.unsaved
            assert any("No space left on device" in message for message in notified(app))
            assert "NOT SAVED" in str(app.screen.query_one("#topbar").render())
            assert Store(demo_path).get(1).stage is Stage.INTERVIEWED
        await _saved_again(app, pilot)
        assert Store(demo_path).get(1).stage is Stage.THANKED


async def test_at_80_columns_the_top_line_shows_a_failed_save_and_ends_whole(
    make_app: MakeApp, demo_path: Path
) -> None:
    app = make_app(watch_interval=0.1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        topbar = app.screen.query_one("#topbar")
        shown = topbar.render_line(0).text  # what the terminal shows of it, cut to its width
        assert shown.rstrip().endswith("sort: urgency"), shown
        assert "Tue 24 Nov 09:30" in shown
        with _saves_failing(demo_path):
            await pilot.press("greater_than_sign")
            for _ in range(50):
                await pilot.pause(0.05)
                if app.unsaved_count:
                    break
            await pilot.pause()
            assert "NOT SAVED" in topbar.render_line(0).text
        await _saved_again(app, pilot)
        await pilot.pause()
        assert "NOT SAVED" not in topbar.render_line(0).text
    assert Store(demo_path).get(1).stage is Stage.THANKED


async def test_the_agenda_is_made_ahead_once_the_board_is_still_after_a_change(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.screens import agenda, board

    # A longer pause than the app's, so that a slow (loaded) machine cannot reach it between
    # the key and the check; the rule is the same.
    still = AGENDA_AHEAD_AFTER * 4
    monkeypatch.setattr(board, "AGENDA_AHEAD_AFTER", still)

    def made_for_the_board() -> bool:
        last = agenda._ROWS._last
        return last is not None and last[0] is app.state.items

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause(0.1)
        assert made_for_the_board()  # at the start, once the board is drawn
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert not made_for_the_board()  # not while the user may still be typing
        await pilot.pause(still + 0.3)
        assert made_for_the_board()
        await pilot.press("t")
        await pilot.pause()
        assert made_for_the_board()


async def test_a_burst_of_undos_leaves_one_toast_and_a_failed_save_keeps_its_own(
    make_app: MakeApp, demo_path: Path
) -> None:
    app = make_app(watch_interval=0.1)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press(*">>>", *"uuu")  # typed in one go: each undo says what it took back
        await pilot.pause(0.3)
        shown = toasts(app)
        assert len(shown) == 1, shown
        assert "Undid: moved Northwind Analytics to Thanked" in shown[0]
        with _saves_failing(demo_path) as failed:
            await pilot.press(">")
            for _ in range(50):
                await pilot.pause(0.05)
                if app.unsaved and notified(app):
                    break
            await pilot.press("u")  # news beside the error, which stays up
            await pilot.pause(0.8)  # failed retries every 0.1 s, each the same error: shown once
            assert len(failed) >= 4, failed
            shown = toasts(app)
            assert sum("No space left on device" in toast for toast in shown) == 1, shown
            assert "Undo\nUndid: moved Northwind Analytics to Thanked" in shown, shown
        await _saved_again(app, pilot)
