"""The real program on a pseudo-terminal: an idle board is silent, a dropped link ends it cleanly."""

from __future__ import annotations

import os
import signal
import sys
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

from tests.pty_run import Terminal, running
from tui.demo import DEMO_NOW, DEMO_ZONE, scratch_board
from tui.domain.stages import Stage
from tui.store import Store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


def board_argv(db: Path) -> list[str]:
    """``followup`` on the board ``db``, at the demo's moment and zone."""
    return [sys.executable, "-m", "tui", "--db", str(db), "--now", DEMO_NOW.isoformat(), "--tz", DEMO_ZONE]


def running_board(db: Path, size: tuple[int, int] = (100, 30)) -> AbstractContextManager[Terminal]:
    return running(board_argv(db), size)


def test_an_idle_board_sends_nothing_to_the_terminal(tmp_path: Path) -> None:
    with running_board(scratch_board(DEMO_NOW.date(), tmp_path)) as board:
        board.wait_for("Closed", "Quit")
        board.read(6)  # the greeting toast goes after 5 s: the last repaint that start-up causes
        board.settle()
        # Several ticks of the disk watch (every 2 s) and no cursor blink, timer or repaint.
        assert board.read(4.5) == b""


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM])
def test_a_dropped_link_keeps_what_was_shown_and_ends_the_board_cleanly(
    tmp_path: Path, signum: signal.Signals
) -> None:
    db = scratch_board(DEMO_NOW.date(), tmp_path)
    before = {card.id: card.stage for card in Store(db).load()}
    with running_board(db) as board:
        board.wait_for("Closed", "Quit")
        board.settle()
        os.write(board.fd, b">")  # the focused card moves on...
        board.wait_for("5 cards")  # ...the screen shows it in Thanked (4 cards before)...
        os.kill(board.pid, signum)  # ...and the connection drops
        assert board.exited(timeout=10) == 0
        assert b"\x1b[?1049l" in board.output  # the terminal's normal screen is given back
    after = {card.id: card.stage for card in Store(db).load()}
    moved = {card_id for card_id in before if before[card_id] is not after[card_id]}
    assert len(moved) == 1
    (card_id,) = moved
    assert (before[card_id], after[card_id]) == (Stage.INTERVIEWED, Stage.THANKED)
    assert not list(tmp_path.glob("*.tmp*"))  # no half-written temp file left behind


@pytest.mark.parametrize(
    ("typed", "shown"),
    [(b"\x1bt", "Act now ("), (b"\x1b>", "5 cards")],
    ids=["esc-then-agenda", "esc-then-move"],
)
def test_esc_typed_ahead_of_a_key_closes_the_screen_first(tmp_path: Path, typed: bytes, shown: str) -> None:
    """Esc and a key in one read, as a burst comes over a slow link: the help closes, then the key acts."""
    with running_board(scratch_board(DEMO_NOW.date(), tmp_path)) as board:
        board.wait_for("Closed", "Quit")
        board.settle()
        os.write(board.fd, b"?")
        board.wait_for("Undo the last change")
        board.settle()
        os.write(board.fd, typed)
        board.wait_for(shown, timeout=10)
