"""Two sessions at once: the board open while two command-line processes add 200 cards each."""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

from tests.ui.conftest import MakeApp
from tui.demo import DEMO_NOW, DEMO_ZONE
from tui.domain.stages import Stage
from tui.screens.board import BoardScreen
from tui.store import Store

PER_WRITER = 200
WRITERS = ("left", "right")

#: One process running the real command line 200 times in a row: ``followup add`` each time,
#: so every card goes through the command's own lock, re-read and save.
WRITER = """
import sys
from tui.cli import main
db, tag, count, now, zone = sys.argv[1:]
for k in range(int(count)):
    code = main(["--db", db, "--now", now, "--tz", zone, "add", "--company", f"{tag} {k}",
                 "--interviewed", "2026-11-23 10:00"])
    if code != 0:
        sys.exit(f"add {tag} {k} failed with {code}")
"""


async def test_the_open_board_and_two_command_line_writers_lose_nothing(
    make_app: MakeApp, tmp_path: Path
) -> None:
    db = tmp_path / "shared.json"  # a new, empty board
    app = make_app(path=db, watch_interval=0.2)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        writers = [
            await asyncio.create_subprocess_exec(
                sys.executable,
                "-c",
                WRITER,
                str(db),
                tag,
                str(PER_WRITER),
                DEMO_NOW.isoformat(),
                DEMO_ZONE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
            )
            for tag in WRITERS
        ]
        # While they write, the board moves what it has (a change of its own to merge).
        board = app.screen
        assert isinstance(board, BoardScreen)
        moved: set[int] = set()
        while any(w.returncode is None for w in writers):
            await pilot.press("left", "home")  # the first card of Interviewed, if any
            card = board.current
            if card is not None and card.card.stage is Stage.INTERVIEWED and len(moved) < 20:
                await pilot.press(">")
                moved.add(card.card.id)
            await pilot.pause(0.05)
        for writer in writers:
            _, err = await writer.communicate()
            assert writer.returncode == 0, err.decode()
        deadline = time.monotonic() + 30
        while len(app.state.items) < len(WRITERS) * PER_WRITER and time.monotonic() < deadline:
            await pilot.pause(0.1)  # the board notices the file changed and reloads it
        app.flush()
        await pilot.pause(0.5)
        shown = sorted(item.card.company for item in app.state.items)
    on_disk = Store(db).load()
    expected = sorted(f"{tag} {k}" for tag in WRITERS for k in range(PER_WRITER))
    assert sorted(card.company for card in on_disk) == expected  # all 400, none twice
    assert len({card.id for card in on_disk}) == len(on_disk)
    assert shown == expected  # and the board shows exactly them
    assert moved, "the board made no change of its own while the writers ran"
    thanked = {card.id for card in on_disk if card.stage is Stage.THANKED}
    assert moved == thanked  # the board's own moves survived the writers' saves, once each
