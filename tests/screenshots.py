"""Write the README's screenshots from the real app: ``python -m tests.screenshots``.

The demo board at its own date (Tue 24 Nov 2026 09:30, London), a fixed clock,
fixed terminal sizes; the SVGs land in ``screenshots/``.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

from tui.app import FollowupApp
from tui.config import Settings
from tui.demo import DEMO_NOW, DEMO_ZONE, scratch_board
from tui.domain.clock import FixedClock
from tui.store import Store

OUT = Path(__file__).resolve().parent.parent / "screenshots"

SHOTS: list[tuple[str, tuple[int, int], list[str]]] = [
    ("board", (120, 36), []),
    ("board-80x24", (80, 24), []),
    ("detail", (100, 34), ["right", "enter"]),
    ("agenda", (100, 34), ["t"]),
    ("draft", (90, 30), ["c"]),
    ("help", (100, 40), ["question_mark"]),
]


async def shoot(name: str, size: tuple[int, int], keys: list[str]) -> Path:
    with tempfile.TemporaryDirectory() as folder:
        board = scratch_board(DEMO_NOW.date(), Path(folder))
        clock = FixedClock(DEMO_NOW.replace(tzinfo=ZoneInfo(DEMO_ZONE)), DEMO_ZONE)
        app = FollowupApp(Store(board), clock, Settings(), demo=True)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            app.clear_notifications()
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
            OUT.mkdir(exist_ok=True)
            target = OUT / f"{name}.svg"
            app.save_screenshot(str(target))
    return target


async def main() -> None:
    for name, size, keys in SHOTS:
        print(await shoot(name, size, keys))


if __name__ == "__main__":
    asyncio.run(main())
