"""SIGHUP (an SSH link dropped) and SIGTERM: pass them on to a running editor, then stop the app.

The handlers run on the main thread even while it waits (for an editor, or
for a terminal that takes no output): the editor is sent the same signal,
the terminal is told to hold up the exit only a moment, and the app's own
stop runs as soon as its loop runs again. A signal left ignored (as under
``nohup``) stays ignored.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import subprocess
from collections.abc import Callable

STOP_SIGNALS = (signal.SIGHUP, signal.SIGTERM)


def stop_on_signals(
    loop: asyncio.AbstractEventLoop,
    stop: Callable[[], object],
    program: Callable[[], subprocess.Popen[bytes] | None],
    hurry_terminal: Callable[[], None],
) -> None:
    """On SIGHUP or SIGTERM: signal ``program()`` if it runs, ``hurry_terminal()``, ``stop`` on ``loop``."""

    def on_signal(signum: int, _frame: object) -> None:
        child = program()
        if child is not None and child.poll() is None:
            child.send_signal(signum)
        hurry_terminal()
        with contextlib.suppress(RuntimeError):  # the loop has closed: the app has ended
            loop.call_soon_threadsafe(stop)

    for signum in STOP_SIGNALS:
        if signal.getsignal(signum) is not signal.SIG_IGN:
            signal.signal(signum, on_signal)
