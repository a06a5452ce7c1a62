"""Building the real app for UI tests: the demo board, a fixed clock, a scratch file."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from rich.console import Console, RenderableType

from tests.textual_probes import full_frame
from tests.textual_probes import type_ahead as type_ahead  # noqa: PLC0414 (still importable from here)
from tui.app import FollowupApp
from tui.config import Settings
from tui.demo import DEMO_NOW, DEMO_ZONE, scratch_board
from tui.domain.clock import FixedClock
from tui.store import Store
from tui.widgets.column import HEADER_HEIGHT, CardList, segments_text

MakeApp = Callable[..., FollowupApp]


def demo_clock() -> FixedClock:
    return FixedClock(DEMO_NOW.replace(tzinfo=ZoneInfo(DEMO_ZONE)), DEMO_ZONE)


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    """A scratch copy of the demo board (the demo's own date, so no shift)."""
    return scratch_board(DEMO_NOW.date(), tmp_path)


@pytest.fixture
def make_app(demo_path: Path) -> MakeApp:
    """``make_app()`` gives the app on the demo board; ``make_app(path=...)`` on another file."""

    def make(
        path: Path | None = None,
        settings: Settings | None = None,
        now: datetime | None = None,
        watch_interval: float = 3600,
    ) -> FollowupApp:
        clock = demo_clock() if now is None else FixedClock(now, DEMO_ZONE)
        store = Store(path or demo_path)
        return FollowupApp(store, clock, settings or Settings(), watch_interval=watch_interval)

    return make


def rendered(renderable: RenderableType, width: int = 120) -> str:
    """A Rich renderable as the plain text a terminal of ``width`` columns would show."""
    console = Console(width=width, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def column_lines(lst: CardList) -> list[str]:
    """The text of every painted row of a card list under its header, as the user sees it."""
    height = lst.scrollable_content_region.height
    return [segments_text(lst.render_line(y)).rstrip() for y in range(HEADER_HEIGHT, height)]


def header_lines(lst: CardList) -> list[str]:
    """The text of a column's header: the stage, then its counts."""
    return [segments_text(lst.render_line(y)).strip() for y in range(HEADER_HEIGHT)]


#: Byte sequences that must never reach the terminal as they are.
INJECTED = ("\x1b]0;PWNED", "\x1b[2J", "\x07", "\x00", "\x08", "\u202e")


def assert_nothing_injected(app: FollowupApp, where: str) -> str:
    out = full_frame(app)
    leaked = [seq for seq in INJECTED if seq in out]
    assert not leaked, f"{where}: {leaked!r} reached the terminal"
    return out
