"""The lists' own painting: lines finished as Textual's styling would finish them, and kept lines let go."""

from __future__ import annotations

import gc

import pytest
from rich.segment import Segment
from rich.style import Style
from rich.terminal_theme import DEFAULT_TERMINAL_THEME
from textual.color import Color as TextualColor
from textual.filter import ANSIToTruecolor
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from tests.textual_probes import styled_lines
from tests.ui.board_parts import SIZE, board, focused_list
from tests.ui.conftest import MakeApp
from tui.widgets.agenda_list import AgendaList
from tui.widgets.finish import LINES_KEPT, keep_line, release_line


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
