"""What the board shows: the top bar and its clock, an empty or too small board, colours, literal text."""

from __future__ import annotations

import gc
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from rich.color import Color
from textual.widgets import Input, Static

from tests.ui.board_parts import SIZE, board, focused_list, maker
from tests.ui.conftest import MakeApp, column_lines, header_lines
from tui.config import Settings
from tui.domain import ops
from tui.domain.clock import FixedClock
from tui.domain.stages import Stage
from tui.domain.wall import WallTime
from tui.store import Store
from tui.widgets.column import HEADER_HEIGHT


async def test_the_top_bar_shows_the_clocks_minute_without_timing_the_board_again(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        topbar = app.screen.query_one("#topbar", Static)
        assert "Tue 24 Nov 2026 09:30" in str(topbar.render())
        state = app.state
        clock = app.clock
        assert isinstance(clock, FixedClock)
        clock.set(clock.now() + timedelta(minutes=3))
        app._tick()
        await pilot.pause()
        assert "Tue 24 Nov 2026 09:33" in str(topbar.render())
        assert app.state is state  # the same day, no interview ended: nothing re-timed
        clock.set(clock.now().replace(hour=23, minute=59) + timedelta(minutes=2))  # past midnight
        app._tick()
        await pilot.pause()
        assert "Wed 25 Nov 2026 00:01" in str(topbar.render())
        assert app.state.today == date(2026, 11, 25)


async def test_empty_board_shows_how_to_start(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app(path=tmp_path / "new.json")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        hint = app.screen.query_one("#empty-hint")
        assert hint.display
        assert hint.region.height > 0
        assert "Press  a  to add" in str(hint.render())
        assert "followup --demo" in str(hint.render())
        assert app.screen.query_one("#columns").region.height == 0


async def test_empty_board_names_the_keys_the_user_chose(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app(path=tmp_path / "new.json", settings=Settings(keymap={"add": "f2", "clear_filter": "f4"}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Press  F2  to add" in str(app.screen.query_one("#empty-hint").render())
        assert "f4: clear" in str(app.screen.query_one("#filter", Input).placeholder)


async def test_too_small_terminal_gets_a_message_not_a_broken_layout(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(50, 12)) as pilot:
        await pilot.pause()
        message = app.screen.query_one("#too-small")
        assert message.region.height > 0
        assert "Make the terminal larger" in str(message.render())
        assert "50×12" in str(message.render())
        await pilot.press("greater_than_sign")
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        assert message.region.height == 0
        assert board(app).columns[Stage.INTERVIEWED].region.height > 0
        assert app.state.get(1) is not None
        assert app.state.get(1).card.stage is Stage.INTERVIEWED  # type: ignore[union-attr]


async def test_hostile_company_name_is_painted_literally(make_app: MakeApp, tmp_path: Path) -> None:
    path = tmp_path / "hostile.json"
    when = WallTime(datetime(2026, 11, 23, 10, 0), "Europe/London")
    Store(path).add(
        lambda i: ops.new_interview(
            card_id=i,
            company="[bold red]Evil[/] \x1b[2J",
            role="\x1b]52;c;aGk=\x07 ops",
            interviewed_at=when,
            created_on=date(2026, 11, 23),
        )
    )
    app = make_app(path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lines = column_lines(board(app).columns[Stage.INTERVIEWED])
        assert "[bold red]Evil[/] ␛[2J" in lines[0]
        assert "␛]52;c;aGk=␇ ops" in lines[1]
        assert "\x1b" not in "".join(lines)


async def test_a_clock_after_the_interview_retimes_the_board(make_app: MakeApp) -> None:
    later = datetime(2026, 11, 26, 18, 0, tzinfo=ZoneInfo("Europe/London"))
    app = make_app(now=later)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        kestrel = next(i for i in app.state.items if i.card.company == "Kestrel Robotics")
        assert not kestrel.verdict.upcoming
        assert "Thu 26 Nov 2026 18:00" in str(app.screen.query_one("#topbar").render())


@pytest.mark.parametrize("term", ["xterm-256color", "screen", "dumb"])
async def test_no_color_board_with_empty_columns_paints(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, term: str
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", term)
    path = tmp_path / "one.json"
    Store(path).add(maker("Solo Ltd", WallTime(datetime(2026, 11, 23, 10, 0), "Europe/London")))
    app = make_app(path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.no_color
        svg = app.export_screenshot()
        assert "Solo" in svg
        assert "no&#160;cards" in svg or "no cards" in svg
        for size in [(200, 60), (20, 5), (80, 24)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
        assert app.is_running


async def test_cards_take_the_new_colours_when_the_theme_changes(make_app: MakeApp) -> None:
    """The card lists keep the styles they paint with between repaints; a new theme is read at once."""
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        lst = focused_list(app)

        def body_colour() -> object:
            assert len(lst.items) >= 2
            strip = lst.render_lines(lst.size.region)[HEADER_HEIGHT + 5]  # the 2nd card's role: the body
            return next(s.style.bgcolor for s in strip if s.style is not None and s.text.strip())

        before = body_colour()
        assert app.theme != "textual-light"
        app.theme = "textual-light"
        await pilot.pause()
        after = body_colour()
        assert after != before
        assert lst.look.body.bgcolor == after


async def test_the_focused_columns_header_is_drawn_marked_and_the_mark_follows_the_focus(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        columns = board(app).columns

        def header_colours() -> dict[Stage, Color | None]:
            colours: dict[Stage, Color | None] = {}
            for stage, lst in columns.items():
                strip = lst.render_lines(lst.size.region)[0]
                colours[stage] = next(s.style.bgcolor for s in strip if s.style is not None)
            return colours

        before = header_colours()
        assert focused_list(app) is columns[Stage.INTERVIEWED]
        assert before[Stage.INTERVIEWED] != before[Stage.THANKED] == before[Stage.CLOSED]
        await pilot.press("right")
        await pilot.pause()
        after = header_colours()
        assert after[Stage.THANKED] == before[Stage.INTERVIEWED]
        assert after[Stage.INTERVIEWED] == before[Stage.THANKED]
        assert [stage for stage, lst in columns.items() if lst.marked] == [Stage.THANKED]
        assert header_lines(columns[Stage.THANKED])[0] == "Thanked"


async def test_without_colour_the_focused_columns_header_is_in_reverse(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        columns = board(app).columns

        def reversed_headers() -> list[Stage]:
            return [
                stage
                for stage, lst in columns.items()
                if all(s.style is not None and s.style.reverse for s in lst.render_line(0))
            ]

        assert reversed_headers() == [Stage.INTERVIEWED]
        await pilot.press("right")
        await pilot.pause()
        assert reversed_headers() == [Stage.THANKED]


async def test_the_collector_off_while_starting_is_on_once_the_board_is_drawn(make_app: MakeApp) -> None:
    was = gc.isenabled()
    gc.disable()  # as the followup command starts
    try:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.pause(0.1)
            assert gc.isenabled()
    finally:
        if not was:
            gc.disable()


async def test_the_top_bar_counts_one_card_as_one_card(make_app: MakeApp, tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    Store(path).add(maker("Solo Ltd", WallTime(datetime(2026, 11, 23, 10, 0), "Europe/London")))
    app = make_app(path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        topbar = str(app.screen.query_one("#topbar", Static).render())
        assert " · 1 card · " in topbar
