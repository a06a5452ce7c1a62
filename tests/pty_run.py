"""Start a program on a pseudo-terminal of a given size, as a user's terminal would run it.

Used by the terminal tests and the benchmark: both read what the program writes
and look for text on its screen.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import termios
from collections.abc import Sequence
from pathlib import Path

#: Terminal control sequences (CSI, OSC and two-byte escapes), to read the screen's words.
ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


def terminal_env() -> dict[str, str]:
    """This environment without followup's and Textual's settings, as a 256-colour UTF-8 terminal."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FOLLOWUP_", "TEXTUAL"))}
    env.pop("NO_COLOR", None)
    env.update(TERM="xterm-256color", LANG="C.UTF-8")
    return env


def spawn(argv: Sequence[str], size: tuple[int, int], cwd: Path | None = None) -> tuple[int, int]:
    """Run ``argv`` on a new pseudo-terminal of ``size`` (columns, lines); its pid and the terminal's fd."""
    env = terminal_env()
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
