"""SIGHUP and SIGTERM: a running editor is sent the same signal, the terminal hurried, the app stopped."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator

import pytest

from tui.services.stop_signals import STOP_SIGNALS, stop_on_signals


class FakeLoop:
    def __init__(self) -> None:
        self.called: list[Callable[[], object]] = []

    def call_soon_threadsafe(self, callback: Callable[[], object]) -> None:
        self.called.append(callback)


@pytest.fixture(autouse=True)
def handlers_restored() -> Iterator[None]:
    before = {signum: signal.getsignal(signum) for signum in STOP_SIGNALS}
    yield
    for signum, handler in before.items():
        signal.signal(signum, handler)


@pytest.mark.parametrize("signum", STOP_SIGNALS)
def test_a_signal_reaches_the_editor_hurries_the_terminal_and_stops_the_app(signum: int) -> None:
    loop = FakeLoop()
    hurried: list[bool] = []
    editor = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        stop_on_signals(loop, lambda: None, lambda: editor, lambda: hurried.append(True))  # type: ignore[arg-type]
        os.kill(os.getpid(), signum)  # the handler runs before the next line
        assert editor.wait(timeout=10) == -signum
    finally:
        editor.kill()
        editor.wait()
    assert hurried == [True]
    assert len(loop.called) == 1


def test_a_signal_left_ignored_stays_ignored() -> None:
    signal.signal(signal.SIGHUP, signal.SIG_IGN)  # as under nohup
    stop_on_signals(FakeLoop(), lambda: None, lambda: None, lambda: None)  # type: ignore[arg-type]
    assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
    assert signal.getsignal(signal.SIGTERM) is not signal.SIG_IGN
