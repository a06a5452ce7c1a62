"""What the tests read from inside Textual: the frames sent to the terminal, and a few more.

This is the only module of the tests that uses Textual's private names, so a
Textual release that changes them breaks here, in one place, and
``tests/ui/test_textual_probes.py`` says which probe broke. The names it
relies on (Textual 8.2):

- ``App._display(screen, update)``: called with every update the compositor
  makes for the terminal (``FrameRecorder``);
- ``textual._compositor.LayoutUpdate`` (a region drawn whole) and
  ``ChopsUpdate`` (``spans`` of changed cells): the updates it is called with
  (``FrameRecorder``, ``full_frame``);
- ``Screen._compositor.render_update(full=True, ...)`` and
  ``App._background_screens``: the screen drawn afresh (``full_frame``);
- ``App._driver.send_message``: keys as the terminal driver delivers them
  (``type_ahead``);
- ``App._notifications``: the notifications raised so far (``notified``);
- ``textual.widgets._toast.Toast``: a notification on the screen (``toasts``);
- ``textual._styles_cache.StylesCache``: the lines Textual's own styling
  draws for a widget (``styled_lines``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from rich.console import RenderableType
from textual import events
from textual._compositor import ChopsUpdate, CompositorUpdate, LayoutUpdate
from textual._styles_cache import StylesCache
from textual.app import App
from textual.geometry import Region
from textual.keys import key_to_character
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets._toast import Toast

#: A run of changed cells on one row: (row, first column, the column after the last).
Span = tuple[int, int, int]


@dataclass(frozen=True)
class Frame:
    """One update the app sent to the terminal."""

    at: float
    """``time.perf_counter()`` when the app sent it."""
    spans: tuple[Span, ...]
    """The cells it draws, row by row."""
    text: str | None
    """What it writes (escape sequences and all), if the recorder was asked to keep it."""

    @property
    def rows(self) -> frozenset[int]:
        return frozenset(y for y, _, _ in self.spans)

    def touches(self, region: Region) -> bool:
        """Whether it draws any cell of ``region``."""
        return any(
            region.y <= y < region.bottom and start < region.right and end > region.x
            for y, start, end in self.spans
        )


def _spans(update: object) -> tuple[Span, ...]:
    if isinstance(update, LayoutUpdate):
        region = update.region
        return tuple((y, region.x, region.right) for y in range(region.y, region.bottom))
    if isinstance(update, ChopsUpdate):
        return tuple(update.spans)
    raise TypeError(f"Textual sent an update this recorder does not know: {type(update).__name__}")


class FrameRecorder:
    """Records every frame the app sends to the terminal while the ``with`` block runs.

    ``on_frame`` is called with each frame as it is sent, before the terminal
    gets it, to look at the widgets as that frame shows them. ``text=True``
    keeps what each frame writes (slower: the benchmark leaves it off).
    """

    def __init__(
        self, app: App[Any], on_frame: Callable[[Frame], None] | None = None, *, text: bool = False
    ) -> None:
        self.app = app
        self.frames: list[Frame] = []
        self._on_frame = on_frame
        self._text = text
        self._patched: object = None

    def __enter__(self) -> FrameRecorder:
        display = getattr(self.app, "_display", None)
        assert callable(display), "Textual's App._display is gone: FrameRecorder needs another hook"
        self._patched = vars(self.app).get("_display")  # another recorder's, if one is running

        def record(screen: Screen[Any], update: RenderableType | None) -> None:
            if update is not None:
                frame = Frame(time.perf_counter(), _spans(update), self._written(update))
                self.frames.append(frame)
                if self._on_frame is not None:
                    self._on_frame(frame)
            display(screen, update)

        vars(self.app)["_display"] = record  # found before the class's method
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._patched is None:
            del vars(self.app)["_display"]
        else:
            vars(self.app)["_display"] = self._patched

    def _written(self, update: RenderableType) -> str | None:
        if not self._text:
            return None
        assert isinstance(update, CompositorUpdate)
        return update.render_segments(self.app.console)

    def first_after(self, since: float) -> Frame | None:
        """The first frame sent at or after ``since`` (a ``time.perf_counter()`` reading)."""
        return next((frame for frame in self.frames if frame.at >= since), None)


def full_frame(app: App[Any]) -> str:
    """Everything Textual would write to the terminal to draw the current screen afresh."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    assert isinstance(update, LayoutUpdate)
    return update.render_segments(app.console)


def type_ahead(app: App[Any], keys: list[str]) -> None:
    """Put ``keys`` (and ``"paste:..."`` pastes) in the app's input queue, as the terminal driver does."""
    driver = app._driver
    assert driver is not None
    for key in keys:
        event: events.Event
        if key.startswith("paste:"):
            event = events.Paste(key.removeprefix("paste:"))
        else:
            event = events.Key(key, key_to_character(key))
        event.set_sender(app)
        driver.send_message(event)


def notified(app: App[Any]) -> list[str]:
    """The messages of the notifications the app has raised and not yet dismissed."""
    return [notification.message for notification in app._notifications]


def toasts(app: App[Any]) -> list[str]:
    """The text of the notifications shown on the current screen."""
    return [str(toast.render()) for toast in app.screen.query(Toast)]


def styled_lines(widget: Widget, crop: Region) -> list[Strip]:
    """The widget's lines as Textual's own styling draws them (a fresh cache: nothing kept from before)."""
    return StylesCache().render_widget(widget, crop)
