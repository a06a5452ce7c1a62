"""The board, driven by keys as a user would, checked on the screen and in the file."""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from rich.terminal_theme import DEFAULT_TERMINAL_THEME
from textual.color import Color as TextualColor
from textual.filter import ANSIToTruecolor
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, Static

from tests.textual_probes import Frame, FrameRecorder, notified, styled_lines, type_ahead
from tests.ui.conftest import MakeApp, column_lines, header_lines, rendered
from tui import keys
from tui.app import HAND_OVER_AFTER, FollowupApp
from tui.config import Settings
from tui.domain import ops
from tui.domain.clock import FixedClock
from tui.domain.model import Interview
from tui.domain.stages import STAGES, Stage
from tui.domain.wall import WallTime
from tui.messages import ChangeCard
from tui.screens.board import AGENDA_AHEAD_AFTER, BoardScreen
from tui.screens.help import HelpScreen, LegendScreen
from tui.store import Store, StoreError
from tui.widgets.agenda_list import AgendaList
from tui.widgets.column import HEADER_HEIGHT, CardList
from tui.widgets.finish import LINES_KEPT, keep_line, release_line

SIZE = (120, 36)


def board(app: FollowupApp) -> BoardScreen:
    screen = app.screen
    assert isinstance(screen, BoardScreen)
    return screen


def focused_list(app: FollowupApp) -> CardList:
    focused = app.focused
    assert isinstance(focused, CardList)
    return focused


def current_company(app: FollowupApp) -> str:
    item = board(app).current
    assert item is not None
    return item.card.company


def maker(company: str, when: WallTime) -> Callable[[int], Interview]:
    return lambda card_id: ops.new_interview(
        card_id=card_id, company=company, interviewed_at=when, created_on=when.local.date()
    )


def card_named(store: Store, company: str) -> Interview:
    return next(c for c in store.load() if c.company == company)


async def test_demo_board_shows_five_columns_with_counts(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = board(app)
        counts = {stage: len(screen.columns[stage].items) for stage in STAGES}
        assert counts == {
            Stage.INTERVIEWED: 4,
            Stage.THANKED: 4,
            Stage.CHECKED_IN: 1,
            Stage.WAITING: 3,
            Stage.CLOSED: 2,
        }
        header = "\n".join(header_lines(screen.columns[Stage.INTERVIEWED]))
        assert "Interviewed" in header
        assert "!1 late" in header
        assert "*2 due" in header
        top = str(screen.query_one("#topbar").render())
        assert "Tue 24 Nov 2026 09:30" in top
        assert "! 2 overdue" in top
        assert "* 5 due" in top
        lines = column_lines(screen.columns[Stage.INTERVIEWED])
        assert lines[0].endswith("! Northwind Analytics")
        assert "thank-you overdue by 1 day" in lines[2]
        assert "NAG" in column_lines(screen.columns[Stage.WAITING])[4]


async def test_arrows_and_vim_keys_move_between_columns_and_cards(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert focused_list(app).stage is Stage.INTERVIEWED
        await pilot.press("right")
        assert focused_list(app).stage is Stage.THANKED
        await pilot.press("l", "l")
        assert focused_list(app).stage is Stage.WAITING
        await pilot.press("h")
        assert focused_list(app).stage is Stage.CHECKED_IN
        await pilot.press("left", "left", "left")
        assert focused_list(app).stage is Stage.INTERVIEWED
        assert current_company(app) == "Northwind Analytics"
        await pilot.press("down")
        assert current_company(app) == "Brightline Health"
        await pilot.press("j")
        assert current_company(app) == "Oak & Ash Studio"
        await pilot.press("k", "up", "up")
        assert current_company(app) == "Northwind Analytics"
        await pilot.press("end")
        assert current_company(app) == "Kestrel Robotics"
        await pilot.press("home")
        assert current_company(app) == "Northwind Analytics"


async def test_page_keys_move_a_screenful_in_a_long_column(make_app: MakeApp, tmp_path: Path) -> None:
    path = tmp_path / "long.json"
    store = Store(path)
    when = WallTime(datetime(2026, 11, 20, 10, 0), "Europe/London")
    store.add_many([maker(f"Company {n:03}", when) for n in range(60)])
    app = make_app(path=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        lst = focused_list(app)
        page = lst.page
        assert page >= 3
        await pilot.press("pagedown")
        assert lst.cursor == page
        await pilot.press("pagedown", "pagedown")
        assert lst.cursor == 3 * page
        assert lst.scroll_y > 0
        await pilot.press("pageup")
        assert lst.cursor == 2 * page
        await pilot.press("end")
        assert lst.cursor == 59
        assert lst.scroll_y == lst.max_scroll_y
        assert "Company" in " ".join(column_lines(lst))


@pytest.mark.parametrize("mono", [True, False], ids=["no-color", "colour"])
async def test_a_long_column_shows_where_it_is_scrolled_to(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mono: bool
) -> None:
    if mono:
        monkeypatch.setenv("NO_COLOR", "1")
    path = tmp_path / "long.json"
    when = WallTime(datetime(2026, 11, 20, 10, 0), "Europe/London")
    Store(path).add_many([maker(f"Company {n:03}", when) for n in range(60)])
    app = make_app(path=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        lst = focused_list(app)
        other = app.screen.query_one("#cards-closed", CardList)
        total = lst.scrollable_content_region.height
        height = total - HEADER_HEIGHT  # the cards' rows, under the header

        def marked() -> list[int]:
            """The cards' rows whose last cell is the scroll marker (its glyph, or its colour)."""
            rows = []
            for y in range(HEADER_HEIGHT, total):
                last = list(lst.render_line(y))[-1]
                if (
                    (last.text == "┃")
                    if mono
                    else (last.style is not None and last.style.bgcolor != lst.rich_style.bgcolor)
                ):
                    rows.append(y - HEADER_HEIGHT)
            return rows

        size = round(height * height / (60 * 4))
        assert size >= 1
        assert lst.allow_vertical_scroll  # the mouse wheel still scrolls
        assert marked() == list(range(size))  # at the top
        await pilot.press("end")
        await pilot.pause()
        assert marked() == list(range(height - size, height))  # at the end
        await pilot.press("home")
        await pilot.press(*["pagedown"] * 5)
        await pilot.pause()
        middle = marked()
        assert len(middle) == size
        assert 0 < middle[0] < height - size
        # A column whose cards all fit has no marker, and no line is wider than the list.
        empty = [list(other.render_line(y)) for y in range(HEADER_HEIGHT, total)]
        assert all(seg[-1].text == " " for seg in empty)
        assert all(
            sum(s.cell_length for s in line) == other.scrollable_content_region.width for line in empty
        )


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


def narrowest(board: BoardScreen) -> int:
    return min(column.size.width for column in board.columns.values())


async def test_the_frame_that_shows_a_move_shows_where_the_focus_went(make_app: MakeApp) -> None:
    """No in-between frame: the card, the highlighted header and the focused cursor arrive together."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:  # narrow: the focused column is also wider
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        frames: list[tuple[list[Stage], list[Stage], list[Stage], list[str]]] = []

        def look(frame: Frame) -> None:
            if not frames:
                lists = list(board.columns.values())
                frames.append(
                    (
                        [c.stage for c in board.columns.values() if c.marked],
                        [c.stage for c in board.columns.values() if c.size.width > 1.5 * narrowest(board)],
                        [lst.stage for lst in lists if lst._focused],
                        column_lines(board.columns[Stage.THANKED]),
                    )
                )

        widths = {stage: column.size.width for stage, column in board.columns.items()}
        with FrameRecorder(app, on_frame=look):
            await pilot.press("greater_than_sign")
            await pilot.pause()
        headers, wide, cursor, thanked = frames[0]
        assert headers == wide == cursor == [Stage.THANKED]
        assert any("Northwind" in line for line in thanked), "|".join(thanked)
        assert board.columns[Stage.THANKED].size.width > widths[Stage.THANKED]


async def test_a_move_on_a_narrow_board_draws_the_column_it_left_once(make_app: MakeApp) -> None:
    """The move's frame lays out the new widths with every column's repaint: none is drawn again after it.

    Textual would have each column ask for its repaint once idle, after that
    frame: the board drawn a second time, unchanged, and as many bytes again
    down an SSH link at every move.
    """
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:  # narrow: the focused column is wider
        await pilot.pause(0.2)
        board = app.screen
        assert isinstance(board, BoardScreen)
        with FrameRecorder(app) as recorder:
            await pilot.press("greater_than_sign")
            await pilot.pause(0.3)
        assert focused_list(app) is board.columns[Stage.THANKED]
        left = board.columns[Stage.INTERVIEWED].region
        drawing_it = [frame for frame in recorder.frames if frame.touches(left)]
        assert len(drawing_it) == 1, [frame.spans[:2] for frame in recorder.frames]


@pytest.mark.parametrize("key", ["slash", "escape"])
async def test_opening_or_closing_the_filter_draws_the_board_in_one_frame(
    make_app: MakeApp, key: str
) -> None:
    """Everything moves up or down: the whole board is sent once, not laid out, drawn and drawn again."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.2)
        if key == "escape":
            await pilot.press("slash")
            await pilot.pause(0.2)
        with FrameRecorder(app) as recorder:
            await pilot.press(key)
            await pilot.pause(0.3)
        rows = [frame.rows for frame in recorder.frames]  # per frame, the rows sent
        columns = app.screen.query_one("#columns").region
        assert (app.screen.query_one("#filter", Input).display, len(rows) > 0) == (key == "slash", True)
        for y in range(columns.y, columns.bottom):
            assert sum(y in sent for sent in rows) == 1, (y, rows)


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


async def test_a_change_is_saved_even_if_it_is_never_drawn(make_app: MakeApp, demo_path: Path) -> None:
    """Saves wait for the change to be drawn; flush, and a short timer, do not wait for that."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.post_message(ChangeCard(1, lambda c: ops.edit(c, notes="flushed"), "edited"))
        await pilot.pause(0)  # the change is applied; its frame has not been drawn
        app.flush()
        assert Store(demo_path).get(1).notes == "flushed"
        app._hand_over = lambda: None  # type: ignore[method-assign]  # no frame ever reports it
        app.post_message(ChangeCard(1, lambda c: ops.edit(c, notes="timed"), "edited"))
        await pilot.pause(0)
        assert app._queued
        del app._hand_over  # the timer's turn
        await pilot.pause(HAND_OVER_AFTER * 3)
        app.flush()
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


async def test_filter_matches_company_role_contacts_and_notes_and_escape_clears(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        box = app.screen.query_one("#filter", Input)
        assert box.has_focus
        for needle, company in [
            ("halcyon", "Halcyon Bank"),
            ("firmware", "Kestrel Robotics"),
            ("sofia", "Lumen Education"),
            ("accessibility", "Brightline Health"),
        ]:
            box.value = ""
            await pilot.press(*needle)
            await pilot.pause()
            shown = {i.card.company for i in app.state.visible}
            assert company in shown, needle
            assert len(shown) < 14
        assert "filter: accessibility" in str(app.screen.query_one("#topbar").render())
        await pilot.press("enter")
        assert isinstance(app.focused, CardList)
        await pilot.press("escape")
        await pilot.pause()
        assert app.state.filter_text == ""
        assert len(app.state.visible) == 14
        assert not box.display


@pytest.mark.parametrize("keys", [("escape",), ("enter", "escape")])
async def test_clearing_the_filter_goes_back_to_the_card_it_was_opened_from(
    make_app: MakeApp, keys: tuple[str, ...]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("right", "down")
        await pilot.pause()
        start = focused_list(app)
        card = start.current
        assert start.stage is Stage.THANKED
        assert card is not None
        assert start.cursor == 1
        await pilot.press("slash", *"northwind")  # a card of another column
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        assert app.state.filter_text == ""
        assert focused_list(app) is start
        assert start.current is not None
        assert start.current.card.id == card.card.id


async def test_filter_that_matches_nothing_says_so(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"zzzz")
        await pilot.pause()
        assert "no match" in " ".join(column_lines(board(app).columns[Stage.THANKED]))


async def test_sort_cycles_through_three_orders(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first = [i.card.company for i in board(app).columns[Stage.INTERVIEWED].items]
        assert first[0] == "Northwind Analytics"  # overdue first
        await pilot.press("s")
        await pilot.pause()
        by_date = [i.card.company for i in board(app).columns[Stage.INTERVIEWED].items]
        assert by_date != first
        await pilot.press("s")
        await pilot.pause()
        by_name = [i.card.company for i in board(app).columns[Stage.INTERVIEWED].items]
        assert by_name == sorted(by_name, key=str.casefold)
        await pilot.press("s")
        await pilot.pause()
        assert [i.card.company for i in board(app).columns[Stage.INTERVIEWED].items] == first


async def test_help_lists_every_key_from_the_declarations(make_app: MakeApp) -> None:
    app = make_app(settings=Settings(keymap={"move_next": "n"}))
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = rendered(app.screen.body())
        for key in keys.ALL_KEYS:
            assert key.help in text, key.id
        assert "n " in text or "\nn" in text
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("L")
        await pilot.pause()
        assert isinstance(app.screen, LegendScreen)
        legend = rendered(app.screen.body())
        for word in ("LATE", "DUE", "WAIT", "HOLD", "DONE", "NAG"):
            assert word in legend
        await pilot.press("q")
        assert isinstance(app.screen, BoardScreen)


async def test_keymap_from_the_config_rebinds_a_key(make_app: MakeApp, demo_path: Path) -> None:
    app = make_app(settings=Settings(keymap={"move_next": "n"}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert focused_list(app).stage is Stage.INTERVIEWED
        await pilot.press("n")
        await pilot.pause()
        app.flush()
        assert card_named(Store(demo_path), "Northwind Analytics").stage is Stage.THANKED


async def test_command_palette_offers_the_board_commands(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Next stage" in titles
        assert "Filter" in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "CommandPalette"


async def test_q_quits(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


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


async def test_clicking_a_card_focuses_it(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        target = board(app).columns[Stage.WAITING]
        await pilot.click(target, offset=(5, HEADER_HEIGHT + 5))  # the second card's second line
        await pilot.pause()
        assert app.focused is target
        assert current_company(app) == target.items[1].card.company


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


async def test_a_failed_save_keeps_the_change_says_so_and_retries(
    make_app: MakeApp, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(watch_interval=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        real_update = Store.update

        def broken(self: Store, card_id: int, change: object) -> object:
            raise StoreError(f"cannot write {demo_path}: No space left on device")

        monkeypatch.setattr(Store, "update", broken)
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
        monkeypatch.setattr(Store, "update", real_update)
        for _ in range(30):
            await pilot.pause(0.1)
            if not app.unsaved and not app.is_saving:
                break
        app.flush()
        assert Store(demo_path).get(1).stage is Stage.THANKED


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


async def test_keys_typed_in_one_burst_go_where_the_key_before_them_sent_the_focus(make_app: MakeApp) -> None:
    """Over SSH a fast typist's keys arrive together: each key must meet the focus the last one set."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        columns = board(app).columns
        type_ahead(app, ["l", "j"])  # to Thanked, then down one card there
        await pilot.pause()
        assert focused_list(app) is columns[Stage.THANKED]
        assert columns[Stage.THANKED].cursor == 1
        assert columns[Stage.INTERVIEWED].cursor == 0
        type_ahead(app, ["slash", "n", "o", "r"])  # a filter typed straight after /
        await pilot.pause()
        assert app.screen.query_one("#filter", Input).value == "nor"
        assert isinstance(app.screen, BoardScreen)  # "r" (log a reply) opened no dialog
        assert app.state.filter_text == "nor"


async def test_the_filter_box_is_drawn_on_the_terminal_when_it_opens_after_a_move(make_app: MakeApp) -> None:
    """What reaches the terminal covers the box's rows (the columns move and change width at once)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:  # narrow: the focused column is wider
        await pilot.pause()
        await pilot.press("greater_than_sign")
        await pilot.pause(0.2)
        await pilot.press("h")
        await pilot.pause(0.2)
        with FrameRecorder(app) as recorder:
            await pilot.press("slash")
            await pilot.pause(0.2)
        drawn = {y for frame in recorder.frames for y in frame.rows}
        box = app.screen.query_one("#filter", Input)
        assert box.has_focus
        assert set(range(box.region.y, box.region.bottom)) <= drawn


def textual_lines(lst: Widget, crop: Region) -> list[list[Segment]]:
    """The list's lines as Textual's own styling draws them (a fresh cache: nothing kept from before)."""
    return [list(strip) for strip in styled_lines(lst, crop)]


def own_lines(lst: Widget, crop: Region) -> list[list[Segment]]:
    return [list(strip) for strip in lst.render_lines(crop)]


@pytest.mark.parametrize("colour", ["colour", "no colour", "light"])
async def test_a_list_finishes_its_lines_as_textuals_styling_would(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch, colour: str
) -> None:
    """The list adds its border cell itself: the lines are Textual's, segment for segment."""
    if colour == "no colour":
        monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        if colour == "light":
            app.theme = "textual-light"
        await pilot.pause()
        await pilot.press("greater_than_sign", "down")  # a move: one column is wider, a cursor elsewhere
        await pilot.pause()
        for lst in board(app).columns.values():
            whole = Region(0, 0, lst.region.width, lst.region.height)
            assert lst._finisher.frames[lst.region.width] is not None, "the list finishes its own lines"
            assert own_lines(lst, whole) == textual_lines(lst, whole), lst.stage
            part = Region(3, 4, lst.region.width - 3, 5)  # a partial repaint, cut at both ends
            assert own_lines(lst, part) == textual_lines(lst, part), lst.stage
        await pilot.press("slash", *"northwind", "enter")  # most columns empty: "no match" and blanks
        await pilot.pause()
        assert any(not lst.items for lst in board(app).columns.values())
        for lst in board(app).columns.values():
            whole = Region(0, 0, lst.region.width, lst.region.height)
            assert own_lines(lst, whole) == textual_lines(lst, whole), lst.stage


async def test_a_list_styled_beyond_a_right_border_is_finished_by_textual(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lst = focused_list(app)
        boxed = "CardList.-boxed { padding: 0 1; border-left: solid red; }"
        app.stylesheet.add_source(boxed, read_from=("test", ""))
        app.refresh_css()
        lst.add_class("-boxed")
        await pilot.pause()
        whole = Region(0, 0, lst.region.width, lst.region.height)
        assert own_lines(lst, whole) == textual_lines(lst, whole)
        assert lst._finisher.frames[lst.region.width] is None
        assert any(segment.text == "│" for segment in own_lines(lst, whole)[5])  # Textual drew the border


async def test_a_focus_move_draws_one_frame_and_restyles_nothing(make_app: MakeApp) -> None:
    """Textual's own focus handling would restyle both lists and redraw them in a second frame."""
    app = make_app()
    async with app.run_test(size=(160, 36)) as pilot:  # wide: no column changes width
        await pilot.pause()
        await pilot.pause(0.1)
        columns = board(app).columns
        restyled: list[Stage] = []

        def spy_on(lst: CardList) -> None:
            notify = lst.notify_style_update

            def notified() -> None:
                restyled.append(lst.stage)
                notify()

            lst.notify_style_update = notified  # type: ignore[method-assign]

        for lst in columns.values():
            spy_on(lst)
        with FrameRecorder(app) as recorder:
            await pilot.press("right")
            await pilot.pause(0.2)
        frames = len(recorder.frames)
        assert focused_list(app) is columns[Stage.THANKED]
        assert columns[Stage.THANKED].has_focus
        assert not columns[Stage.INTERVIEWED].has_focus
        assert (restyled, frames) == ([], 1)


def test_a_lists_kept_lines_drop_the_oldest_one_at_a_time() -> None:
    kept: dict[int, str] = {}
    for n in range(LINES_KEPT + 3):
        keep_line(kept, n, str(n))
    assert len(kept) == LINES_KEPT
    assert min(kept) == 3
    assert kept[LINES_KEPT + 2] == str(LINES_KEPT + 2)


@pytest.mark.parametrize("released", [True, False])
def test_a_dropped_line_is_freed_at_once_not_by_the_cyclic_collector(released: bool) -> None:
    """Textual's compositor leaves a cut line in a cycle with itself; a list breaks it on dropping it."""
    console_filter = ANSIToTruecolor(DEFAULT_TERMINAL_THEME)
    was = gc.isenabled()
    gc.disable()
    try:
        gc.collect()
        line = Strip([Segment("Northwind", Style(color="red")), Segment(" Labs")])
        shown = line.apply_filter(console_filter, TextualColor(0, 0, 0))
        shown.divide([shown.cell_length])  # as the compositor does with a column's line
        shown.crop(0, 4).divide([4])
        if released:
            release_line(line)
        del line, shown
        left = gc.collect()
    finally:
        if was:
            gc.enable()
    assert (left == 0) is released, left


async def test_the_agenda_is_made_ahead_once_the_board_is_still_after_a_change(make_app: MakeApp) -> None:
    from tui.screens import agenda

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
        await pilot.pause(AGENDA_AHEAD_AFTER + 0.2)
        assert made_for_the_board()
        await pilot.press("t")
        await pilot.pause()
        assert made_for_the_board()


@pytest.mark.parametrize(("colour", "height"), [(True, 24), (False, 24), (True, 80)])
async def test_the_agenda_finishes_its_lines_as_textuals_styling_would(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch, colour: bool, height: int
) -> None:
    """Its rows, the cursor's, and (80 lines high) the blank lines under the last row."""
    if not colour:
        monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(80, height)) as pilot:
        await pilot.pause()
        await pilot.press("t", "down", "down")
        await pilot.pause()
        agenda = app.screen.query_one(AgendaList)
        for _ in range(2):  # the cursor's row, then a page on (kept lines, new ones)
            whole = Region(0, 0, agenda.region.width, agenda.region.height)
            assert agenda._finisher.frames[agenda.region.width] is not None
            assert own_lines(agenda, whole) == textual_lines(agenda, whole)
            await pilot.press("pagedown")
            await pilot.pause()


async def test_the_top_bar_counts_one_card_as_one_card(make_app: MakeApp, tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    Store(path).add(maker("Solo Ltd", WallTime(datetime(2026, 11, 23, 10, 0), "Europe/London")))
    app = make_app(path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        topbar = str(app.screen.query_one("#topbar", Static).render())
        assert " · 1 card · " in topbar
