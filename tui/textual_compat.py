"""Where followup leans on Textual's terminal driver, in one place.

Textual's Linux driver hands its output to a thread through a bounded queue
(30 writes) and trusts the terminal to take it. A terminal that goes away
(an SSH link drops: the pseudo-terminal's master side closes) breaks that:

- the kernel sends SIGHUP and SIGCONT together; Textual's SIGCONT handler
  (meant for a return from Ctrl+Z) starts application mode again while it
  is still running, and on a hung-up terminal (``isatty`` is then false) it
  starts a second output thread in place of the first;
- that thread's first write fails (EIO) and ends it, and nothing takes from
  its queue any more: the 30th write after it blocks the event loop for
  good, most often in ``App._shutdown`` on the way out. SIGTERM cannot end
  the process then, since its handler waits for the loop.

Here the driver writes through ``TerminalOutput``, which never blocks for
good and reports a failed write as a hang-up (``TerminalGone``), and starts
application mode again only after it was stopped. Two tricks, each a named
function saying which test fails if Textual changes under it:
``terminal_driver_class`` (overrides public driver methods) and
``terminal_output_of`` (reads the private ``App._driver``).
"""

from __future__ import annotations

import os
import queue
import select
import sys
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from textual.app import App
    from textual.driver import Driver

#: Writes the output thread holds before a writer waits (Textual's own figure).
MAX_QUEUED_WRITES = 30
#: Seconds between checks that an idle terminal is still there (a write of nothing).
PROBE_EVERY = 1.0
#: Once the app is asked to stop, how long a terminal that takes nothing may hold up the exit (seconds).
STOP_GRACE = 1.0
#: How long a writer waits at a time for room in the queue before it looks again (seconds).
_WAIT_STEP = 0.2


class TerminalGone(Message):
    """A write to the terminal failed: the terminal is gone (a hang-up, whatever the signals)."""


class TerminalOutput(threading.Thread):
    """A thread writing to the terminal; a writer never waits for it for good.

    ``write`` queues text; the thread writes it to ``fd``. A write that fails
    means the terminal is gone: from then on text is dropped and ``on_gone``
    is called once and the thread ends. While idle, the thread writes nothing
    (zero bytes, which a hung-up terminal fails all the same) every
    ``probe_every`` seconds, so a terminal that vanished while the board was
    idle for hours is noticed even if no signal came. A full queue (a
    terminal that takes output slowly) makes writers wait, as it should,
    but no longer than ``STOP_GRACE`` once ``give_up_after_grace`` was called,
    nor at all once the thread has ended.
    """

    def __init__(
        self,
        fd: int,
        on_gone: Callable[[], None],
        *,
        encoding: str = "utf-8",
        errors: str = "replace",
        probe_every: float = PROBE_EVERY,
    ) -> None:
        super().__init__(daemon=True, name="followup-output")
        self._fd = fd
        self._on_gone = on_gone
        self._encoding = encoding
        self._errors = errors
        self._probe_every = probe_every
        self._queue: queue.Queue[str | None] = queue.Queue(MAX_QUEUED_WRITES)
        self._gone = threading.Event()
        self._give_up_at: float | None = None
        #: How many times ``write`` was called (to tell whether a start wrote anything).
        self.writes = 0

    @property
    def gone(self) -> bool:
        return self._gone.is_set()

    def give_up_after_grace(self) -> None:
        """The app is asked to stop: a terminal that takes nothing holds it up ``STOP_GRACE`` at most."""
        if self._give_up_at is None:
            self._give_up_at = time.monotonic() + STOP_GRACE

    def _given_up(self) -> bool:
        return self._give_up_at is not None and time.monotonic() >= self._give_up_at

    def write(self, text: str) -> None:
        """Queue ``text``; dropped once the terminal is gone or the thread has stopped."""
        self.writes += 1
        self._put(text)

    def stop(self) -> None:
        """Write what is queued, then end the thread (bounded as ``write`` is)."""
        self._put(None)
        while self.is_alive():
            self.join(_WAIT_STEP)
            if self._given_up():
                return

    def _put(self, item: str | None) -> None:
        while self.is_alive() and not self.gone:
            try:
                self._queue.put(item, block=not self._given_up(), timeout=_WAIT_STEP)
            except queue.Full:  # the terminal takes output slowly, or not at all
                if self._given_up():
                    return
                continue
            return

    def run(self) -> None:
        while not self.gone:  # a terminal gone: the thread ends, and writers no longer wait for it
            try:
                text = self._queue.get(timeout=self._probe_every)
            except queue.Empty:
                self._send(b"")  # nothing reaches the screen; a terminal gone fails it
                continue
            if text is None:
                return
            chunks = [text]
            while not self._queue.empty():
                more = self._queue.get_nowait()
                if more is None:
                    self._send("".join(chunks).encode(self._encoding, self._errors))
                    return
                chunks.append(more)
            self._send("".join(chunks).encode(self._encoding, self._errors))

    def _send(self, data: bytes) -> None:
        if self.gone:
            return
        view = memoryview(data)
        try:
            while True:
                try:
                    view = view[os.write(self._fd, view) :]
                except BlockingIOError:  # someone made the terminal non-blocking (an editor): wait for room
                    select.select([], [self._fd], [], _WAIT_STEP)
                    continue
                if not view:
                    return
        except OSError:
            self._gone.set()
            self._on_gone()


def terminal_driver_class() -> type[Driver]:
    """Textual's Linux driver, writing through ``TerminalOutput`` and safe from a stray SIGCONT.

    Buys: a dropped link (master side closed, SIGHUP and SIGCONT together, or
    no signal at all) always ends the app cleanly. It relies on every output
    of ``LinuxDriver`` going through its public ``write`` and on its SIGCONT
    handler calling ``resume_application_mode``. Fails if Textual changes
    under it: tests/ui/test_hangup.py (the process tests; this driver is only
    used on a real terminal), first test_a_stray_sigcont_leaves_the_terminal_as_it_is
    and test_hang_up_at_the_first_paint_never_leaves_the_board_hung.
    """
    from textual.drivers.linux_driver import LinuxDriver

    class TerminalDriver(LinuxDriver):
        def __init__(self, app: App[Any], **kwargs: Any) -> None:
            super().__init__(app, **kwargs)
            self.owner = app
            self.output: TerminalOutput | None = None
            self.in_application_mode = False

        def start_application_mode(self) -> None:
            """Start, with a fresh output thread if the last one was stopped.

            Textual returns early, writing nothing, when it must wait to be in the
            foreground (it stops itself and starts again on SIGCONT): then the
            app is not in application mode yet.
            """
            if self.output is None or not self.output.is_alive():
                self.output = _output_for(self.owner)
                self.output.start()
            before = self.output.writes
            super().start_application_mode()  # type: ignore[no-untyped-call]
            self.in_application_mode = self.output.writes > before

        def stop_application_mode(self) -> None:
            super().stop_application_mode()
            self.in_application_mode = False

        def resume_application_mode(self) -> None:
            """Start application mode again only if it was stopped.

            Textual calls this on every SIGCONT; a hang-up sends one while the
            app runs, and starting again then put a second output thread in
            place of the first (test_a_stray_sigcont_leaves_the_terminal_as_it_is).
            """
            if not self.in_application_mode:
                super().resume_application_mode()

        def write(self, data: str) -> None:
            """Every write of the driver goes through ``TerminalOutput`` (Textual's thread idles)."""
            if self.output is not None:
                self.output.write(data)

        def close(self) -> None:
            super().close()
            if self.output is not None:
                self.output.stop()

    return TerminalDriver


def _output_for(app: App[Any]) -> TerminalOutput:
    stream = sys.__stderr__  # where Textual's Linux driver writes
    assert stream is not None

    def gone() -> None:
        app.post_message(TerminalGone())  # from the output thread: post_message is thread-safe

    return TerminalOutput(stream.fileno(), gone, encoding=stream.encoding, errors=stream.errors or "strict")


def terminal_output_of(app: App[Any]) -> TerminalOutput | None:
    """The app's ``TerminalOutput``, if it runs on a real terminal (``App._driver`` is private).

    Fails if Textual renames it: test_a_stalled_terminal_does_not_hold_up_sigterm.
    """
    driver = getattr(app, "_driver", None)
    output = getattr(driver, "output", None)
    return output if isinstance(output, TerminalOutput) else None
