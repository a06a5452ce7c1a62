"""Narrowing the board with the filter and ordering its columns."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.ui.board_parts import SIZE, board, focused_list
from tests.ui.conftest import MakeApp, column_lines
from tui.domain.stages import Stage
from tui.widgets.column import CardList


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
