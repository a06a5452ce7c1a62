"""Every use of a private Textual name, in one place, one named function each.

Each function says what it buys and which test fails if Textual changes
under it, and raises ``TextualChanged`` (naming what went missing) rather
than misbehaving quietly; tests/unit/test_textual_compat.py checks that every
name used here is still in the installed Textual.

The terminal driver: Textual's Linux driver hands its output to a thread
through a bounded queue (30 writes) and trusts the terminal to take it. A
terminal that goes away (an SSH link drops: the pseudo-terminal's master side
closes) breaks that:

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
application mode again only after it was stopped: ``terminal_driver_class``
(overrides public driver methods) and ``terminal_output_of`` (reads the
private ``App._driver``).

The driver also reads Esc typed just before another key as Esc, then that
key, where Textual's parser made one Alt key of them (``escape_first_parser_class``).

The rest: a crash report without local variables (``CrashReportApp``), a
board move drawn in one frame (``forget_arrangement``,
``draw_with_layout``), and a list's painted lines finished and freed by the
list itself (``right_border_cell``, ``forget_cuts``, ``strips_made_from``).
"""

from __future__ import annotations

import os
import queue
import select
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from rich.console import RenderableType
from rich.segment import Segment, Segments
from textual import _border
from textual.app import App, ReturnType
from textual.message import Message
from textual.strip import Strip
from textual.style import Style as TextualStyle
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.driver import Driver
    from textual.screen import Screen

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

    The thread writes to its own copy of ``fd`` (closed when it ends): a
    caller that closes ``fd`` while a write is still under way can never
    have the rest of it land in whatever file is opened next under that
    number (a board being saved, say).
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
        self._fd = os.dup(fd)
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
        try:
            self._write_until_done()
        finally:
            os.close(self._fd)

    def _write_until_done(self) -> None:
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
    from textual.drivers import linux_driver
    from textual.drivers.linux_driver import LinuxDriver

    _needs(linux_driver, "XTermParser")
    linux_driver.XTermParser = escape_first_parser_class()  # type: ignore[attr-defined]

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
    _needs(app, "_driver")
    output = getattr(app._driver, "output", None)
    return output if isinstance(output, TerminalOutput) else None


# -- Esc typed just before a key


#: After ESC, what begins a key's own sequence (``ESC [ A`` is the up arrow, ``ESC O P`` is F1),
#: and DEL (``ESC DEL`` is Alt+Backspace, which a text box answers to).
_SEQUENCE_STARTS = "[O\x7f"
_ESC = "\x1b"
_PASTE_START, _PASTE_END = "\x1b[200~", "\x1b[201~"


def escape_first_parser_class() -> type[Any]:
    """Textual's terminal parser, reading Esc typed just before another key as Esc, then that key.

    A terminal sends Esc as the byte ESC, and Alt+x as ESC then x. Over a slow
    link the keys of a burst arrive together, and Textual's parser read
    "Esc, then t" as Alt+t (which nothing answers to) or, for ``>`` and Enter,
    dropped the Esc: a dialog stayed open and the key went to it. followup
    binds no Alt key, so ESC followed by anything but the start of a key's
    own sequence is Esc, then the key; an ESC that ends what was read waits,
    as Textual's own does (``ESCDELAY``, 100 ms), for what follows it. Inside
    a bracketed paste nothing is changed. A terminal that speaks the kitty
    keyboard protocol (which Textual asks for) sends Esc unambiguously.

    Relies on the private ``textual._xterm_parser.XTermParser`` (its public
    ``feed`` and ``tick``) and on ``LinuxDriver.run_input_thread`` making its
    parser from the module's name ``XTermParser``. Fails if Textual changes:
    tests/unit/test_textual_compat.py (the parser, key by key) and
    tests/ui/test_terminal.py::test_esc_typed_ahead_of_a_key_closes_the_screen_first.
    """
    from textual import constants, events
    from textual._xterm_parser import XTermParser

    def escape() -> events.Key:
        return events.Key("escape", _ESC)

    class EscapeFirstParser(XTermParser):
        def __init__(self, debug: bool = False) -> None:
            super().__init__(debug)
            #: When a lone ESC ended the last read (not given to Textual's parser yet).
            self.held_since: float | None = None
            self.in_paste = False
            #: The end of the last read, for a paste's marker split between two reads.
            self.tail = ""

        def feed(self, data: str) -> Iterable[Message]:
            if self.held_since is not None:
                self.held_since = None
                if data and data[0] in _SEQUENCE_STARTS:
                    data = _ESC + data
                else:
                    yield escape()
            if not data:  # the end of the input
                yield from super().feed(data)
                return
            for piece in self.pieces(data):
                if piece is None:
                    yield escape()
                else:
                    yield from super().feed(piece)

        def tick(self) -> Iterable[Message]:
            if self.held_since is not None and time.monotonic() - self.held_since >= constants.ESCAPE_DELAY:
                self.held_since = None
                yield escape()
            yield from super().tick()

        def pieces(self, data: str) -> Iterator[str | None]:
            """``data`` in pieces for Textual's parser, None for each Esc key between them."""
            joined = self.tail + data
            shift = len(self.tail)
            self.tail = joined[-(len(_PASTE_START) - 1) :]
            for at in range(shift):  # a paste's marker begun in the last read
                self.see_marker(joined, at)
            start = 0
            at = data.find(_ESC)
            while at != -1:
                self.see_marker(joined, at + shift)
                if not self.in_paste:
                    if at == len(data) - 1:  # wait for what follows
                        self.held_since = time.monotonic()
                        break
                    if data[at + 1] not in _SEQUENCE_STARTS:
                        if at > start:
                            yield data[start:at]
                        yield None
                        start = at + 1
                at = data.find(_ESC, at + 1)
            end = len(data) if self.held_since is None else len(data) - 1
            if end > start:
                yield data[start:end]

        def see_marker(self, joined: str, at: int) -> None:
            if joined.startswith(_PASTE_START, at):
                self.in_paste = True
            elif joined.startswith(_PASTE_END, at):
                self.in_paste = False

    return EscapeFirstParser


class TextualChanged(RuntimeError):
    """A private Textual name that followup relies on is gone: pin Textual back, or adapt this module."""


def _needs(owner: object, name: str) -> None:
    if not hasattr(owner, name):
        where = owner.__name__ if isinstance(owner, type) else type(owner).__name__
        raise TextualChanged(f"Textual's {where}.{name} is gone (see tui/textual_compat.py)")


#: Each private name used below, on the Textual class that has it (checked by the tests).
PRIVATE_NAMES: tuple[tuple[str, str], ...] = (
    ("textual.app:App", "_fatal_error"),
    ("textual.app:App", "_exit_renderables"),
    ("textual.app:App", "_close_messages_no_wait"),
    ("textual.app:App", "_driver"),
    ("textual.widget:Widget", "_clear_arrangement_cache"),
    ("textual.widget:Widget", "_repaint_required"),
    ("textual.widget:Widget", "_set_dirty"),
    ("textual.screen:Screen", "_dirty_widgets"),
    ("textual.strip:Strip", "_divide_cache"),
    ("textual.strip:Strip", "_filter_cache"),
    ("textual.strip:Strip", "_crop_cache"),
    ("textual._border", "get_box"),
    ("textual.drivers.linux_driver", "XTermParser"),
)


# -- the crash report


class CrashReportApp(App[ReturnType]):
    """An app whose crash report is its own ``crash_report()``, shown as Textual shows its own.

    Buys: a crash report without the values of local variables (Textual's
    own shows them, and here they are cards). Overrides the private
    ``App._fatal_error`` and appends to ``App._exit_renderables`` as Textual
    does. Fails if Textual changes under it: tests/ui/test_privacy.py
    test_a_crash_report_shows_where_but_not_the_cards.
    """

    def crash_report(self) -> RenderableType:
        """What to print when the app crashes (the exception being handled is current)."""
        raise NotImplementedError

    def _fatal_error(self) -> None:
        _needs(self, "_exit_renderables")
        _needs(self, "_close_messages_no_wait")
        self.bell()
        self._exit_renderables.append(
            Segments(self.console.render(self.crash_report(), self.console.options))
        )
        self._close_messages_no_wait()


# -- drawing a change in one frame


def forget_arrangement(container: Widget) -> None:
    """Have ``container`` arrange its children again in the next layout (its widths changed).

    Buys: a move that changes the columns' widths is laid out in the frame
    that shows it, not a frame later (Textual clears the cached arrangement
    only once the children have handled their own messages). Fails if Textual
    changes under it: tests/ui/test_board_frames.py
    test_a_move_on_a_narrow_board_draws_the_column_it_left_once.
    """
    _needs(container, "_clear_arrangement_cache")
    container._clear_arrangement_cache()


def draw_with_layout(screen: Screen[Any], *widgets: Widget, whole_screen: bool = False) -> None:
    """Lay ``screen`` out in the next frame, and draw ``widgets``' pending repaints in that frame too.

    Buys: left to themselves, the widgets ask for their repaints once idle,
    after the layout's frame, and what it drew is drawn (and sent down an SSH
    link) a second time; ``refresh(layout=True)`` would draw the layout and
    then the repaint, two frames in one go. ``whole_screen``: every line of
    the screen is drawn again (a box appeared and everything under it moved).
    Fails if Textual changes under it: tests/ui/test_board_frames.py
    test_a_move_on_a_narrow_board_draws_the_column_it_left_once and
    test_the_filter_box_is_drawn_on_the_terminal_when_it_opens_after_a_move.
    """
    _needs(screen, "_dirty_widgets")
    if whole_screen:
        screen._set_dirty()
    for widget in widgets:
        _needs(widget, "_repaint_required")
        widget._repaint_required = False
        screen._dirty_widgets.add(widget)
    screen.refresh(repaint=False, layout=True)


# -- a list's painted lines


def right_border_cell(kind: str, inner: TextualStyle, outer: TextualStyle, border: TextualStyle) -> Segment:
    """The cell Textual draws for a right border of ``kind`` (its private ``_border.get_box``).

    Buys: a Line API list adds its one border cell to the lines it keeps,
    rather than Textual working the border out again for every line drawn.
    Fails if Textual changes under it: tests/ui/test_board_lines.py
    test_a_list_finishes_its_lines_as_textuals_styling_would.
    """
    return _border.get_box(kind, inner, outer, border)[1][2]


def forget_cuts(strip: Strip) -> None:
    """Forget how Textual's compositor cut ``strip``: the reference cycle that keeps it alive.

    Buys: a line cut into one piece is remembered as a list holding the line
    itself, which only a full collection of the cyclic collector frees (a
    long pause in the middle of a key, every hundred pages down or so). Fails
    if Textual changes under it: tests/ui/test_board_lines.py
    test_a_dropped_line_is_freed_at_once_not_by_the_cyclic_collector.
    """
    _needs(strip, "_divide_cache")
    strip._divide_cache.clear()


def strips_made_from(strip: Strip) -> list[Strip]:
    """The lines Textual made from ``strip`` and keeps with it (filtered, cropped): to forget their cuts too.

    Fails if Textual changes under it: tests/ui/test_board_lines.py
    test_a_dropped_line_is_freed_at_once_not_by_the_cyclic_collector.
    """
    _needs(strip, "_filter_cache")
    _needs(strip, "_crop_cache")
    made = [strip._filter_cache.get(key) for key in list(strip._filter_cache.keys())]
    made += [strip._crop_cache.get(key) for key in list(strip._crop_cache.keys())]
    return [line for line in made if line is not None and line is not strip]
