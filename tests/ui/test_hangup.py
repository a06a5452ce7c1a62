"""A dropped link, as it happens over SSH: the pseudo-terminal's master side closes.

The kernel then sends SIGHUP and SIGCONT to the session's leader (here the
board itself, as with ``ssh host followup``), and every write to the terminal
fails (EIO). At any moment — before the first paint, at it, with a dialog,
the agenda, the card form or an editor open, during a save — the board must
end within 2 s, with every change it showed on disk and no lock or temp
file left behind.
"""

from __future__ import annotations

import fcntl
import os
import select
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.bench import write_board
from tests.pty_run import Terminal, running
from tests.ui.test_terminal import board_argv, running_board
from tui.demo import DEMO_NOW, scratch_board
from tui.domain.stages import Stage
from tui.store import Store
from tui.textual_compat import MAX_QUEUED_WRITES, STOP_GRACE, TerminalOutput

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

#: The longest a board may live on after its link dropped (seconds).
EXIT_WITHIN = 2.0
#: The common terminal size.
SIZE = (80, 24)
#: What the board shows once painted.
PAINTED = ("Closed", "Quit")


@pytest.fixture(scope="module")
def big_board_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1,000 cards: the first paint takes long enough to drop the link in the middle of it."""
    return write_board(tmp_path_factory.mktemp("big"), 1_000)


@pytest.fixture
def big_board(big_board_source: Path, tmp_path: Path) -> Path:
    board = tmp_path / "board.json"
    shutil.copy(big_board_source, board)
    return board


def ends_cleanly(terminal: Terminal, board: Path, *, before_paint: bool = False) -> None:
    """The program ends within ``EXIT_WITHIN``; its board loads and nothing is left beside it.

    Before the board is painted it has nothing to save, and the SIGHUP's own
    action (the end of the process) is clean enough.
    """
    code = terminal.exited(EXIT_WITHIN)
    assert code is not None, f"still running {EXIT_WITHIN} s after the link dropped"
    assert code in ((0, -signal.SIGHUP) if before_paint else (0,))
    nothing_left_beside(board)


def nothing_left_beside(board: Path) -> None:
    """The board loads, no half-written temp file is left and its lock is free."""
    Store(board).load()
    assert not [p.name for p in board.parent.iterdir() if p.name.endswith(".tmp")]
    lock = board.with_name(board.name + ".lock")  # the lock file stays; its lock must be released
    if lock.exists():
        fd = os.open(lock, os.O_RDWR)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        finally:
            os.close(fd)


@pytest.mark.slow
def test_hang_up_at_the_first_paint_never_leaves_the_board_hung(big_board: Path) -> None:
    # The window where a hang-up once hung the board for good: 0-15 ms after the first paint.
    for attempt in range(20):
        with running(board_argv(big_board), SIZE, env={"TERM": "screen"}) as terminal:
            terminal.wait_for(*PAINTED)
            time.sleep(attempt % 4 * 0.005)
            terminal.drop()
            ends_cleanly(terminal, big_board)


@pytest.mark.parametrize("moment", ["starting", "screen-taken"])
def test_hang_up_before_the_first_paint(big_board: Path, moment: str) -> None:
    with running(board_argv(big_board), SIZE) as terminal:
        if moment == "starting":  # still importing and reading the board
            terminal.read(0.05)
        else:  # the terminal is set up (alternate screen), the board not drawn yet
            terminal.wait_for_bytes(b"\x1b[?1049h")
        assert "Quit" not in terminal.output.decode("utf-8", "replace")
        terminal.drop()
        ends_cleanly(terminal, big_board, before_paint=True)


def test_hang_up_in_the_first_two_seconds(big_board: Path) -> None:
    for after in (0.05, 0.3, 0.8, 1.8):
        with running(board_argv(big_board), SIZE) as terminal:
            terminal.wait_for(*PAINTED)
            terminal.read(after)
            terminal.drop()
            ends_cleanly(terminal, big_board)


@pytest.mark.parametrize(
    "signals", [(), (signal.SIGHUP, signal.SIGCONT)], ids=["master-closed", "sighup-sigcont-then-closed"]
)
def test_a_change_shown_before_the_drop_is_on_disk(
    tmp_path: Path, signals: tuple[signal.Signals, ...]
) -> None:
    board = scratch_board(DEMO_NOW.date(), tmp_path)
    before = {card.id: card.stage for card in Store(board).load()}
    with running_board(board) as terminal:  # 100x30: the columns show their counts
        terminal.wait_for(*PAINTED)
        terminal.settle()
        terminal.type(b">")  # the focused card moves on...
        terminal.wait_for("5 cards")  # ...the screen shows it in Thanked: its save is under way
        terminal.drop(*signals)
        ends_cleanly(terminal, board)
    after = {card.id: card.stage for card in Store(board).load()}
    moved = [(before[i], after[i]) for i in before if before[i] is not after[i]]
    assert moved == [(Stage.INTERVIEWED, Stage.THANKED)]


@pytest.mark.parametrize(
    ("key", "shown"),
    [(b"t", "Act now"), (b"d", "whole timeline"), (b"a", "Company")],
    ids=["agenda", "delete-dialog", "card-form"],
)
def test_hang_up_with_a_screen_open(tmp_path: Path, key: bytes, shown: str) -> None:
    board = scratch_board(DEMO_NOW.date(), tmp_path)
    with running_board(board, SIZE) as terminal:
        terminal.wait_for(*PAINTED)
        terminal.settle()
        terminal.type(key)
        terminal.wait_for(shown)
        terminal.drop()
        ends_cleanly(terminal, board)


def test_hang_up_while_an_editor_runs(tmp_path: Path) -> None:
    folder = tmp_path / "board"
    folder.mkdir()
    board = scratch_board(DEMO_NOW.date(), folder)
    started = tmp_path / "editor-pid"
    editor = tmp_path / "editor"
    editor.write_text(f'#!/bin/sh\necho $$ > "{started}"\nexec sleep 60\n')
    editor.chmod(0o755)
    with running(board_argv(board), SIZE, env={"VISUAL": str(editor)}) as terminal:
        terminal.wait_for(*PAINTED)
        terminal.settle()
        terminal.type(b"c")  # the draft of the focused card's next step
        terminal.wait_for("E edit")
        terminal.type(b"E")
        deadline = time.monotonic() + 10
        while not started.exists() or not started.read_text().strip():
            assert time.monotonic() < deadline, "the editor never started"
            terminal.read(0.05)
        terminal.drop()
        ends_cleanly(terminal, board)
    editor_pid = int(started.read_text())
    with pytest.raises(ProcessLookupError):  # the editor was ended with the board
        os.kill(editor_pid, 0)


def test_a_terminal_gone_without_a_signal_ends_an_idle_board(tmp_path: Path) -> None:
    # Started as under nohup: SIGHUP is ignored, so only a failed write can tell that the
    # terminal is gone, and an idle board writes nothing to its screen.
    board = scratch_board(DEMO_NOW.date(), tmp_path)
    nohup = (
        "import os, signal, sys; signal.signal(signal.SIGHUP, signal.SIG_IGN); "
        "os.execv(sys.argv[1], sys.argv[1:])"
    )
    with running([sys.executable, "-c", nohup, *board_argv(board)], SIZE) as terminal:
        terminal.wait_for(*PAINTED)
        terminal.settle()
        terminal.drop()
        ends_cleanly(terminal, board)


def test_a_stray_sigcont_leaves_the_terminal_as_it_is(tmp_path: Path) -> None:
    board = scratch_board(DEMO_NOW.date(), tmp_path)
    with running_board(board) as terminal:
        terminal.wait_for(*PAINTED)
        terminal.settle()
        os.kill(terminal.pid, signal.SIGCONT)  # as a hang-up sends it, or `kill -CONT`
        assert b"\x1b[?1049h" not in terminal.read(0.5)  # application mode is not started again
        terminal.type(b">")
        terminal.wait_for("5 cards")
        terminal.settle()
        terminal.type(b"\x03")  # ctrl+c quits
        assert terminal.exited(5) == 0


def test_a_stalled_terminal_does_not_hold_up_sigterm(tmp_path: Path) -> None:
    # The link stalls (the terminal stops reading) while keys keep coming: the output backs
    # up until the board's writes would wait for good. SIGTERM still ends it, saves kept.
    board = scratch_board(DEMO_NOW.date(), tmp_path)
    with running_board(board) as terminal:
        terminal.wait_for(*PAINTED)
        terminal.settle()
        terminal.type(b">")
        terminal.wait_for("5 cards")
        terminal.settle()
        for _ in range(600):  # the agenda opens and closes: two whole screens; nothing is read
            _, writable, _ = select.select([], [terminal.fd], [], 0.5)
            assert writable, "the board stopped reading its keys"
            terminal.type(b"tt")
        time.sleep(1)
        assert _waiting(terminal.pid), "the terminal never held the board up"
        os.kill(terminal.pid, signal.SIGTERM)
        code = terminal.exited(3, read=False)
        assert code == 0, "SIGTERM did not end a board whose terminal stalled"
    after = [card for card in Store(board).load() if card.stage is Stage.THANKED]
    assert len(after) == 5
    nothing_left_beside(board)


def _waiting(pid: int) -> bool:
    """Whether the program's main thread waits on a lock (a full output queue).

    True as well where the kernel does not tell (``wchan`` reads "0").
    """
    wchan = Path(f"/proc/{pid}/wchan").read_text()
    return wchan == "0" or "futex" in wchan


# The output thread alone -------------------------------------------------------------------------


def test_a_failed_write_is_a_hang_up_and_no_writer_waits_after_it() -> None:
    read_end, write_end = os.pipe()
    calls: list[str] = []
    gone = threading.Event()

    def on_gone() -> None:
        calls.append("gone")
        gone.set()

    output = TerminalOutput(write_end, on_gone, probe_every=60)
    output.start()
    try:
        output.write("hello")
        assert os.read(read_end, 5) == b"hello"
        os.close(read_end)  # the reader goes: writes fail (EPIPE)
        output.write("lost")
        assert gone.wait(2)
        started = time.monotonic()
        for _ in range(3 * MAX_QUEUED_WRITES):  # Textual's own queue would block at the 31st
            output.write("more")
        output.stop()
        assert time.monotonic() - started < 1
        assert calls == ["gone"]
    finally:
        os.close(write_end)


def test_an_idle_output_notices_its_terminal_is_gone_without_writing_to_it() -> None:
    master, terminal = os.openpty()
    gone = threading.Event()
    output = TerminalOutput(terminal, gone.set, probe_every=0.05)
    output.start()
    try:
        time.sleep(0.2)  # idle: several checks, none of which writes anything
        os.set_blocking(master, False)
        with pytest.raises(BlockingIOError):
            os.read(master, 1)
        os.close(master)  # the link drops
        assert gone.wait(2)
    finally:
        os.close(terminal)


def test_a_stopped_output_never_holds_up_a_writer() -> None:
    read_end, write_end = os.pipe()
    output = TerminalOutput(write_end, lambda: None)
    output.start()
    output.stop()  # as App.suspend does while an editor runs
    started = time.monotonic()
    for _ in range(3 * MAX_QUEUED_WRITES):
        output.write("while suspended")
    assert time.monotonic() - started < 1
    os.close(read_end)
    os.close(write_end)


def test_a_stalled_output_holds_up_writers_only_for_the_grace_once_told() -> None:
    read_end, write_end = os.pipe()
    output = TerminalOutput(write_end, lambda: None)
    output.start()
    try:
        output.write("x" * 1_000_000)  # more than the pipe holds: the thread waits for room
        for _ in range(MAX_QUEUED_WRITES):
            output.write("queued")
        output.give_up_after_grace()
        started = time.monotonic()
        output.write("one more")  # the queue is full: waits for the grace, no longer
        output.write("and another")  # given up: at once
        output.stop()
        assert STOP_GRACE - 0.1 < time.monotonic() - started < STOP_GRACE + 0.5
    finally:
        os.close(read_end)
        os.close(write_end)


def test_an_output_closed_under_its_thread_never_writes_into_the_next_file(tmp_path: Path) -> None:
    # A caller that closed the output's fd while text was still queued once had that
    # text written into the next file opened under the same number: a board being saved.
    read_end, write_end = os.pipe()
    output = TerminalOutput(write_end, lambda: None, probe_every=60)
    output.start()
    board = os.open(tmp_path / "board.json", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        os.dup2(board, write_end)  # write_end's number now names the board file
        output.write("late text")
        output.stop()
        assert not output.is_alive()
        assert (tmp_path / "board.json").read_bytes() == b""
        assert os.read(read_end, 100) == b"late text"
    finally:
        for fd in (read_end, write_end, board):
            os.close(fd)


def test_an_editor_that_cannot_start_gives_the_terminal_back(tmp_path: Path) -> None:
    # Textual resumes the app only after a suspended block that did not raise: a missing
    # editor left it deaf to keys, its output queued for a writer that had stopped.
    board = scratch_board(DEMO_NOW.date(), tmp_path / "board")
    with running(board_argv(board), env={"VISUAL": str(tmp_path / "no-such-editor")}) as terminal:
        terminal.wait_for(*PAINTED)
        terminal.settle()
        terminal.type(b"c")
        terminal.wait_for("E edit")
        terminal.type(b"E")
        terminal.wait_for("Could not run")
        terminal.type(b"\x1b")
        terminal.settle()
        terminal.type(b">")
        terminal.wait_for("5 cards", timeout=5)
        terminal.type(b"\x03")
        assert terminal.exited(5) == 0


# Over a real SSH connection -----------------------------------------------------------------------

SSHD = shutil.which("sshd") or ("/usr/sbin/sshd" if os.path.exists("/usr/sbin/sshd") else None)
SSH = shutil.which("ssh")
SSH_KEYGEN = shutil.which("ssh-keygen")


@pytest.fixture
def ssh_login(tmp_path: Path) -> Iterator[list[str]]:
    """An OpenSSH server on the loopback for this test; the ``ssh`` command that logs into it."""
    if not (SSHD and SSH and SSH_KEYGEN):
        pytest.skip("OpenSSH (sshd, ssh, ssh-keygen) is not installed")
    keys = tmp_path / "ssh"
    keys.mkdir()
    for name in ("host", "user"):
        subprocess.run([SSH_KEYGEN, "-q", "-t", "ed25519", "-N", "", "-f", str(keys / name)], check=True)
    shutil.copy(keys / "user.pub", keys / "authorized_keys")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = keys / "sshd_config"
    config.write_text(
        f"ListenAddress 127.0.0.1\nPort {port}\nHostKey {keys / 'host'}\n"
        f"AuthorizedKeysFile {keys / 'authorized_keys'}\nPidFile {keys / 'sshd.pid'}\n"
        "UsePAM no\nStrictModes no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
        "PermitRootLogin prohibit-password\nLogLevel ERROR\n"
    )
    if os.geteuid() == 0:
        os.makedirs("/run/sshd", mode=0o755, exist_ok=True)  # sshd's own, as its service makes it
    server = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)], stderr=subprocess.PIPE)
    login = [
        SSH, "-tt", "-F", "/dev/null", "-i", str(keys / "user"), "-p", str(port),
        "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
        "-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "127.0.0.1",
    ]  # fmt: skip
    try:
        deadline = time.monotonic() + 10
        while subprocess.run([*login, "true"], check=False, capture_output=True).returncode != 0:
            assert server.poll() is None, (
                f"sshd did not start: {server.stderr.read() if server.stderr else ''!r}"
            )
            assert time.monotonic() < deadline, "sshd never took a login"
            time.sleep(0.1)
        yield login
    finally:
        server.terminate()
        server.wait(5)


@pytest.mark.slow
def test_a_dropped_ssh_connection_at_the_first_paint(ssh_login: list[str], big_board: Path) -> None:
    # As in life: `ssh host followup`; the client dies the moment the board is drawn; sshd closes
    # the pseudo-terminal, and the board on the far side must end.
    pid_file = big_board.parent.parent / "board-pid"
    remote = f"echo $$ > {pid_file}; cd {Path.cwd()}; exec {shlex.join(board_argv(big_board))}"
    for _ in range(4):
        pid_file.unlink(missing_ok=True)
        with running([*ssh_login, remote], SIZE) as client:
            client.wait_for(*PAINTED)
            os.kill(client.pid, signal.SIGKILL)
            client.exited(EXIT_WITHIN)
            board_pid = int(pid_file.read_text())
            try:
                deadline = time.monotonic() + EXIT_WITHIN
                while _runs(board_pid):
                    assert time.monotonic() < deadline, "the board lives on after its SSH link dropped"
                    time.sleep(0.02)
            finally:
                if _runs(board_pid):
                    os.kill(board_pid, signal.SIGKILL)
        nothing_left_beside(big_board)


def _runs(pid: int) -> bool:
    """Whether ``pid`` runs: it exists and has not ended (a zombie waits for sshd to reap it)."""
    if not Path("/proc/self/stat").exists():  # no /proc: a zombie counts as running
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"
