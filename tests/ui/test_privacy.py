"""Privacy: the board's contents stay in the board file, and in files the user asked for."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

from tests.ui.conftest import MakeApp
from tests.ui.test_terminal import running_board
from tui.demo import DEMO_NOW, scratch_board
from tui.domain import ops
from tui.screens.draft import DraftScreen
from tui.store import Store

SIZE = (110, 36)
SECRET = "Zebra Quartz Holdings"


def private(path: Path) -> bool:
    return path.stat().st_mode & 0o777 == 0o600


async def test_a_crash_report_shows_where_but_not_the_cards(
    make_app: MakeApp, demo_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    Store(demo_path).update(1, lambda card: ops.edit(card, company=SECRET))

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug in moving a card")

    monkeypatch.setattr(ops, "advance", broken)
    app = make_app()

    async def move_the_first_card() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(">")  # the focused card (id 1) moves: the bug strikes
            await pilot.pause()

    with pytest.raises(RuntimeError, match="a bug in moving a card"):
        await move_the_first_card()
    report = capsys.readouterr().err  # Textual prints the report as the app ends
    assert "RuntimeError" in report
    assert "a bug in moving a card" in report
    assert "card_actions.py" in report  # where it happened is still there for a bug report
    assert "Zebra" not in report  # but not the card it happened to
    assert "Priya" not in report  # nor any other card's contact


async def test_a_saved_draft_is_private(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c", "w")
        await pilot.pause()
        assert isinstance(app.screen, DraftScreen)
        saved = list(app.screen.save_dir.glob("*.txt"))
    assert len(saved) == 1
    assert private(saved[0])
    assert saved[0].read_text(encoding="utf-8").startswith("Subject: Thank you")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_the_board_writes_no_other_file(tmp_path: Path) -> None:
    """A session of the real program leaves the board, its backup and its lock: no log, no cache."""
    home = Path(os.environ["HOME"])
    folder = tmp_path / "board"
    folder.mkdir()
    db = scratch_board(DEMO_NOW.date(), folder)
    before_home = {p for p in home.rglob("*")}
    with running_board(db) as board:
        board.wait_for("Closed", "Quit")
        os.write(board.fd, b">")
        board.wait_for("5 cards")
        os.write(board.fd, b"t")
        board.wait_for("Today")
        os.kill(board.pid, signal.SIGTERM)
        assert board.exited(timeout=10) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["board.json", "board.json.bak", "board.json.lock"]
    assert all(private(p) for p in folder.iterdir())
    assert {p for p in home.rglob("*")} == before_home
