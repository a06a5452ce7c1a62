"""The real program on a pseudo-terminal: an idle board is silent, a dropped link ends it cleanly."""

from __future__ import annotations

import os
import select
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.pty_run import screen_words, spawn
from tui.demo import DEMO_NOW, DEMO_ZONE, scratch_board
from tui.domain.stages import Stage
from tui.store import Store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


@dataclass
class Board:
    """A running ``followup`` process and everything it has written to its terminal."""

    pid: int
    fd: int
    output: bytearray = field(default_factory=bytearray)
    exit_code: int | None = None

    def read(self, seconds: float) -> bytes:
        """What the program writes during the next ``seconds``."""
        got = bytearray()
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:  # the program has gone
                break
            if not chunk:
                break
            got += chunk
        self.output += got
        return bytes(got)

    def wait_for(self, *texts: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = screen_words(bytes(self.output))
            if all(t in screen for t in texts):
                return
            self.read(0.1)
        raise AssertionError(f"{texts} never appeared; last output: {self.output[-300:]!r}")

    def settle(self, quiet: float = 0.5, timeout: float = 15) -> None:
        """Wait until the program has written nothing for ``quiet`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.read(quiet):
                return
        raise AssertionError("the board never stopped writing")

    def exited(self, timeout: float) -> int | None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.read(0.1)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.exit_code = os.waitstatus_to_exitcode(status)
                return self.exit_code
        return None


@contextmanager
def running_board(db: Path) -> Iterator[Board]:
    argv = [sys.executable, "-m", "tui", "--db", str(db), "--now", DEMO_NOW.isoformat(), "--tz", DEMO_ZONE]
    pid, fd = spawn(argv, (100, 30))
    board = Board(pid, fd)
    try:
        yield board
    finally:
        if board.exit_code is None and os.waitpid(pid, os.WNOHANG)[0] == 0:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(fd)


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
