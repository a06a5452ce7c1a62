"""The probes the tests use inside Textual, each tried on a small app.

A Textual release that changes a private name a probe relies on fails here,
naming the probe, rather than somewhere in the board's tests.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widgets import Input, Static

from tests.textual_probes import FrameRecorder, full_frame, notified, styled_lines, toasts, type_ahead


class Two(App[None]):
    """A line of text over a text box."""

    CSS = "Static { height: 1; } #below { height: 3; }"

    def compose(self) -> ComposeResult:
        yield Static("first words", id="words")
        yield Static("under the words", id="below")
        yield Input(id="box")


async def test_the_recorder_gets_each_frame_with_the_rows_and_text_it_sends() -> None:
    app = Two()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        words = app.query_one("#words", Static)
        below = app.query_one("#below", Static)
        seen: list[str] = []
        with FrameRecorder(app, on_frame=lambda frame: seen.append(str(words.render())), text=True) as rec:
            words.update("second words")
            await pilot.pause()
        assert len(rec.frames) == 1, rec.frames
        (frame,) = rec.frames
        assert seen == ["second words"]
        assert words.region.y in frame.rows
        assert frame.touches(words.region)
        assert not frame.touches(below.region)
        assert frame.text is not None
        assert "second words" in frame.text
        assert rec.first_after(frame.at) is frame
        assert rec.first_after(frame.at + 1) is None
        words.update("third words")  # after the block: not recorded
        await pilot.pause()
        assert len(rec.frames) == 1
        assert "_display" not in vars(app)


async def test_recorders_can_nest_and_put_back_the_one_outside() -> None:
    app = Two()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        words = app.query_one("#words", Static)
        with FrameRecorder(app) as outer:
            with FrameRecorder(app) as inner:
                words.update("inside")
                await pilot.pause()
            words.update("outside")
            await pilot.pause()
        assert (len(outer.frames), len(inner.frames)) == (2, 1)
        assert inner.frames[0].text is None  # text is kept only when asked for


async def test_the_full_frame_has_every_widgets_text() -> None:
    app = Two()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        out = full_frame(app)
        assert "first words" in out
        assert "under the words" in out
        assert "\x1b[" in out  # as the terminal gets it: with its escape sequences


async def test_keys_typed_ahead_arrive_in_order() -> None:
    app = Two()
    async with app.run_test(size=(40, 10)) as pilot:
        app.query_one("#box", Input).focus()
        await pilot.pause()
        type_ahead(app, ["a", "b", "paste: c", "d"])
        await pilot.pause()
        assert app.query_one("#box", Input).value == "ab cd"


async def test_notifications_are_listed_and_shown_as_toasts() -> None:
    app = Two()
    async with app.run_test(size=(40, 10), notifications=True) as pilot:
        assert notified(app) == []
        app.notify("saved at 10:00")
        await pilot.pause()
        await pilot.pause()
        assert notified(app) == ["saved at 10:00"]
        assert any("saved at 10:00" in toast for toast in toasts(app)), toasts(app)


async def test_styled_lines_are_the_lines_a_plain_widget_draws() -> None:
    app = Two()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        below = app.query_one("#below", Static)
        whole = Region(0, 0, below.region.width, below.region.height)
        lines = styled_lines(below, whole)
        assert lines == below.render_lines(whole)
        assert "under the words" in lines[0].text
