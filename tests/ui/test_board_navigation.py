"""Moving about the board with keys and the mouse: columns, cards, pages, the scroll marker."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from tests.ui.board_parts import SIZE, board, current_company, focused_list, maker
from tests.ui.conftest import MakeApp, column_lines, header_lines
from tui.domain.stages import STAGES, Stage
from tui.domain.wall import WallTime
from tui.store import Store
from tui.widgets.column import HEADER_HEIGHT, CardList


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


async def test_clicking_a_card_focuses_it(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        target = board(app).columns[Stage.WAITING]
        await pilot.click(target, offset=(5, HEADER_HEIGHT + 5))  # the second card's second line
        await pilot.pause()
        assert app.focused is target
        assert current_company(app) == target.items[1].card.company
