"""What a key press sends to the terminal: one frame per change, covering what changed and no more.

The frames are recorded with ``tests.textual_probes.FrameRecorder``.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.textual_probes import Frame, FrameRecorder
from tests.ui.board_parts import board, focused_list
from tests.ui.conftest import MakeApp, column_lines
from tui.domain.stages import Stage
from tui.screens.board import BoardScreen
from tui.widgets.column import CardList


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
