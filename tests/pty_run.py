"""Start a program on a pseudo-terminal of a given size, as a user's terminal would run it.

Used by the terminal tests and the benchmark: both read what the program writes
and look for text on its screen. ``Terminal`` also ends the link the way a
dropped SSH connection does: the pseudo-terminal's master side closes.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

#: Terminal control sequences (CSI, OSC and two-byte escapes), to read the screen's words.
ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


def terminal_env() -> dict[str, str]:
    """This environment without followup's and Textual's settings, as a 256-colour UTF-8 terminal."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FOLLOWUP_", "TEXTUAL"))}
    env.pop("NO_COLOR", None)
    env.update(TERM="xterm-256color", LANG="C.UTF-8")
    return env


def spawn(
    argv: Sequence[str],
    size: tuple[int, int],
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> tuple[int, int]:
    """Run ``argv`` on a new pseudo-terminal of ``size`` (columns, lines); its pid and the terminal's fd.

    The program leads its own session, as a login shell or ``ssh host prog``
    does: the kernel sends it SIGHUP and SIGCONT when the link drops.
    ``env`` is added to ``terminal_env()``.
    """
    env = {**terminal_env(), **(env or {})}
    pid, fd = pty.fork()
    if pid == 0:  # the child: size its terminal, become the program
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        if cwd is not None:
            os.chdir(cwd)
        os.execvpe(argv[0], list(argv), env)
    return pid, fd


def screen_words(output: bytes | str) -> str:
    """The text a program wrote, without its control sequences."""
    text = output.decode("utf-8", "replace") if isinstance(output, bytes) else output
    return ANSI.sub("", text)


@dataclass
class Terminal:
    """A program on a pseudo-terminal (``pid``, master ``fd``) and everything it has written to it."""

    pid: int
    fd: int
    output: bytearray = field(default_factory=bytearray)
    exit_code: int | None = None
    #: False once the link is dropped (the master side closed).
    connected: bool = True

    def read(self, seconds: float) -> bytes:
        """What the program writes during the next ``seconds``."""
        got = bytearray()
        deadline = time.monotonic() + seconds
        while self.connected and (left := deadline - time.monotonic()) > 0:
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
            self.read(0.05)
        raise AssertionError(f"{texts} never appeared; last output: {self.output[-2000:]!r}")

    def wait_for_bytes(self, data: bytes, timeout: float = 30) -> None:
        """Return as soon as the program has written ``data`` (a control sequence, say)."""
        deadline = time.monotonic() + timeout
        while data not in self.output:
            if time.monotonic() >= deadline:
                raise AssertionError(f"{data!r} never came; last output: {self.output[-2000:]!r}")
            self.read(0.005)

    def settle(self, quiet: float = 0.5, timeout: float = 15) -> None:
        """Wait until the program has written nothing for ``quiet`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.read(quiet):
                return
        raise AssertionError("the program never stopped writing")

    def type(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def drop(self, *signals: signal.Signals) -> None:
        """End the link: send ``signals`` (none: the kernel's own), then close the master side."""
        for signum in signals:
            os.kill(self.pid, signum)
        os.close(self.fd)
        self.connected = False

    def exited(self, timeout: float, *, read: bool = True) -> int | None:
        """The program's exit code once it has ended, None if it runs on after ``timeout`` seconds.

        ``read=False``: what it writes meanwhile is left unread (a stalled link).
        """
        deadline = time.monotonic() + timeout
        while True:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.exit_code = os.waitstatus_to_exitcode(status)
                return self.exit_code
            if time.monotonic() >= deadline:
                return None
            if self.connected and read:
                self.read(0.02)
            else:
                time.sleep(0.01)


@contextmanager
def running(
    argv: Sequence[str],
    size: tuple[int, int] = (100, 30),
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> Iterator[Terminal]:
    """``argv`` on a pseudo-terminal; killed (SIGKILL) if it still runs at the end."""
    pid, fd = spawn(argv, size, cwd, env)
    terminal = Terminal(pid, fd)
    try:
        yield terminal
    finally:
        if terminal.exit_code is None and os.waitpid(pid, os.WNOHANG)[0] == 0:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        if terminal.connected:
            os.close(fd)
