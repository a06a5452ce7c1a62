"""The followup app: the board, its screens, and the one place changes are applied.

``FollowupApp`` is thin. It holds the store, the clock and the settings it is
given, keeps the current ``BoardState`` as a reactive value, and handles the
three requests every screen sends (``ChangeCard``, ``AddCard``,
``DeleteCard``): the change shows at once, is saved in order on a background
thread, and is recorded for undo. A failed save keeps the change in memory,
says so, and is retried.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import signal
import subprocess
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import Any, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.driver import Driver
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Input

from tui import keys
from tui.config import Settings
from tui.domain.clock import Clock
from tui.domain.model import Interview
from tui.domain.ops import DomainError
from tui.domain.stages import Status
from tui.messages import AddCard, ChangeCard, DeleteCard, FocusCard
from tui.state import BoardState
from tui.store import Store, StoreError
from tui.text import literal, literal_block
from tui.textual_compat import TerminalGone, terminal_driver_class, terminal_output_of
from tui.typeahead import KeyQueue

#: How often the board looks for changes made by another process (seconds).
WATCH_INTERVAL = 2.0
#: From this many cards on, the board's objects are set aside from the garbage collector.
SET_ASIDE_AT = 1_000
#: Seconds after a big board is drawn that it is set aside.
SET_ASIDE_DELAY = 0.5
#: The longest a change waits to be drawn before its save starts anyway (seconds).
HAND_OVER_AFTER = 0.1


@dataclass(frozen=True)
class Undo:
    """How to take one change back: the card before it (None: it did not exist) and after."""

    description: str
    before: Interview | None
    after: Interview | None


@dataclass(frozen=True)
class _Save:
    """One write waiting for (or done by) the save thread."""

    description: str
    write: Callable[[Store], Interview | None]
    #: Record an undo entry for an add once the store has given the card its id.
    undo_add: bool = False


@dataclass
class Saved(Message):
    """The save thread finished a write (``error`` set when it failed)."""

    save: _Save
    card: Interview | None
    error: str | None


@dataclass
class Reloaded(Message):
    """The board file changed on disk and was read again."""

    cards: list[Interview]


@dataclass
class LoadFailed(Message):
    error: str


class FollowupApp(App[None]):
    """The board app; give it the store, the clock and the settings to use."""

    CSS_PATH = "app.tcss"
    TITLE = "followup"
    ENABLE_COMMAND_PALETTE = True
    COMMAND_PALETTE_BINDING = "ctrl+p"
    BINDINGS: ClassVar = keys.bindings(keys.APP_KEYS)

    #: The board as shown. A ``var``: the screens that follow it repaint what changed; a
    #: reactive would repaint the whole screen at every change.
    state: var[BoardState] = var(BoardState.empty(), always_update=True, init=False)
    #: How many changes are only in memory because their save failed.
    unsaved_count: var[int] = var(0, init=False)
    #: The clock's minute, as the top bar shows it (the board is re-timed only when it matters).
    minute: var[str] = var("", init=False)

    def __init__(
        self,
        store: Store,
        clock: Clock,
        settings: Settings,
        *,
        demo: bool = False,
        cards: Iterable[Interview] | None = None,
        watch_interval: float = WATCH_INTERVAL,
    ) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.settings = settings
        self.demo = demo
        self.zone_name = clock.zone_name
        self.watch_interval = watch_interval
        self.undo_stack: list[Undo] = []
        self.unsaved: list[_Save] = []
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="followup-save")
        #: Saves waiting for the change to be drawn before they go to the save thread.
        self._queued: list[_Save] = []
        self._in_flight = 0
        self._loading = False
        #: Keys and pastes, each handled once the one typed before it has been (``on_event``).
        self._typed = KeyQueue(self, super().on_event, lambda: not self._screen_awaits_focus())
        #: The program (an editor) the app is suspended for, if any (``run_program``).
        self._program: subprocess.Popen[bytes] | None = None
        loaded = list(cards) if cards is not None else store.load()
        self.set_reactive(FollowupApp.state, BoardState.build(loaded, clock.now(), settings.rules))
        if settings.keymap:
            self.set_keymap(settings.keymap)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """A toast; its text is always shown as written.

        Messages name companies and echo what the user typed, so markup is
        never parsed (``markup`` is accepted for Textual's signature only) and
        control characters are made visible.
        """
        super().notify(
            literal_block(message), title=literal(title), severity=severity, timeout=timeout, markup=False
        )

    async def on_event(self, event: events.Event) -> None:
        """Keys and pastes are handled one at a time, in the order they were typed.

        Over SSH a fast typist's keys arrive together: "a", the company's name,
        tab, the role and ctrl+s in one packet. Each waits until the one before
        it has been handled, wherever that sent the focus, and while a
        just-opened screen has not yet focused its first field
        (``awaiting_focus``): see ``tui.typeahead``.
        """
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            await self._typed.arrive(event)
            return
        await super().on_event(event)

    def _screen_awaits_focus(self) -> bool:
        stack = self.screen_stack
        return bool(stack) and stack[-1].focused is None and getattr(stack[-1], "awaiting_focus", False)

    async def on_descendant_focus(self, _event: events.DescendantFocus) -> None:
        await self._typed.release()

    async def _on_key(self, event: events.Key) -> None:
        """A character typed ahead of a text box goes into the box.

        Over SSH a fast typist's keys arrive together, and Textual hands each
        to the widget focused when it is read: in "/nor" the "nor" reaches the
        board's list before "/" has opened the filter, and would come back here
        with nowhere to go ("r" even logging a reply). A text box takes every
        character it is sent, so a character that reaches the app while one has
        the focus was typed ahead of it: it is given to the box.
        """
        focused = self.focused
        if isinstance(focused, Input) and event.is_printable and event.character is not None:
            event.prevent_default()  # not Textual's own handling (bindings) as well
            again = events.Key(event.key, event.character)
            focused.post_message(again)
            self._typed.handed_on(event, again, focused)  # the next key waits for this one

    def _fatal_error(self) -> None:
        """On a crash, a traceback without the values of local variables.

        Textual's own report shows them, and here they are cards: names, phone
        numbers and notes would end up in a bug report pasted online. Every
        change shown was already handed to the save thread, which finishes
        before the app exits.
        """
        import rich
        from rich.segment import Segments
        from rich.traceback import Traceback

        self.bell()
        report = Traceback(show_locals=False, width=None, suppress=[rich])
        self._exit_renderables.append(Segments(self.console.render(report, self.console.options)))
        self._close_messages_no_wait()

    # -- start and stop

    def get_default_screen(self) -> Screen[None]:
        from tui.screens.board import BoardScreen

        return BoardScreen()

    def on_mount(self) -> None:
        self.set_interval(self.watch_interval, self._watch_disk)
        self.set_interval(60, self._tick)
        self._install_signal_handlers()
        for warning in self.store.warnings:
            self.notify(warning, title="Your board file", severity="warning", timeout=10)
        self.store.warnings.clear()
        self._greet()

    def _greet(self) -> None:
        counts = self.state.status_counts
        late, due = counts[Status.OVERDUE], counts[Status.DUE]
        if self.state.is_empty:
            return
        if late or due:
            self.notify(f"{late} overdue · {due} due now. Press t for today's list.", title="Today")
        else:
            self.notify("Nothing to chase today.", title="Today")

    def get_driver_class(self) -> type[Driver]:
        """On a Linux or macOS terminal, a driver that a dropped SSH link always ends cleanly."""
        driver = super().get_driver_class()
        if driver.__name__ == "LinuxDriver":
            return terminal_driver_class()
        return driver

    def _install_signal_handlers(self) -> None:
        """SIGHUP (the link dropped) and SIGTERM end the app once every save is on disk.

        The handlers run on the main thread even while it waits (for an editor,
        or for a terminal that takes no output): the editor is sent the same
        signal, the terminal may hold up the exit only a moment, and the app
        stops as soon as its loop runs again. Not in tests (no real terminal),
        where they would outlive the app. A terminal gone is noticed all the
        same, signal or not (``on_terminal_gone``).
        """
        if self.is_headless or threading.current_thread() is not threading.main_thread():
            return
        loop = asyncio.get_running_loop()

        def on_signal(signum: int, _frame: object) -> None:
            if self._program is not None and self._program.poll() is None:
                self._program.send_signal(signum)
            output = terminal_output_of(self)
            if output is not None:
                output.give_up_after_grace()
            with contextlib.suppress(RuntimeError):  # the loop has closed: the app has ended
                loop.call_soon_threadsafe(self._stop_on_signal)

        for signum in (signal.SIGHUP, signal.SIGTERM):
            if signal.getsignal(signum) is not signal.SIG_IGN:  # as under nohup: left ignored
                signal.signal(signum, on_signal)

    def _stop_on_signal(self) -> None:
        """The SSH link dropped or the system asked us to stop: finish saving, then leave."""
        self.flush()
        self.exit()

    def on_terminal_gone(self, _message: TerminalGone) -> None:
        """A write to the terminal failed: it is gone, whether or not a signal said so."""
        self._stop_on_signal()

    def run_program(self, argv: list[str]) -> None:
        """Run ``argv`` (an editor) on the terminal, the app suspended until it ends.

        Raises ``SuspendNotSupported`` where the app cannot hand the terminal
        over, ``OSError`` when the program cannot start: the app has taken the
        terminal back by then (Textual resumes only after a ``with`` block
        that did not raise, and a suspended app takes no keys).
        """
        failed: OSError | None = None
        with self.suspend():
            try:
                self._program = subprocess.Popen(argv)
            except OSError as exc:
                failed = exc
            else:
                try:
                    self._program.wait()
                finally:
                    self._program = None
        if failed is not None:
            raise failed

    def flush(self) -> None:
        """Wait until every queued save is on disk."""
        self._hand_over()
        with contextlib.suppress(RuntimeError):  # already shut down: every save has finished
            self._writer.submit(lambda: None).result()

    def on_unmount(self) -> None:
        self._hand_over()
        self._writer.shutdown(wait=True)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        table = getattr(type(screen), "KEY_TABLE", None)  # the screen's keys (see tui.keys)
        if isinstance(table, keys.KeyTable):
            for key in table.keys:
                if key.palette and screen.check_action(key.action, ()) is True:
                    yield SystemCommand(
                        key.description,
                        f"{key.help} ({keys.keys_text(key, self.settings.keymap)})",
                        _runner(screen, key.action),
                    )
        yield from super().get_system_commands(screen)

    # -- the board's data

    def set_aside(self) -> None:
        """Once a big board is on screen, keep the garbage collector off what it is made of.

        Tens of thousands of long-lived objects (cards, verdicts, painted rows)
        would be walked by every full collection, a pause of 40 ms or more that
        lands in the middle of a key press, to free nothing: Textual's painted
        lines leave a little cyclic garbage at each repaint, enough to call
        one every few moves. Called a moment after the board is drawn and
        after it is read again; objects set aside are still freed as usual
        when nothing refers to them. The save thread then encodes the board
        ahead of the first change, which only has to encode itself. The
        collector itself, off while the board started, is turned on here.
        """
        if len(self.state.items) >= SET_ASIDE_AT:
            gc.collect()
            gc.freeze()
            with contextlib.suppress(RuntimeError):  # already stopping
                self._writer.submit(self.store.prepare_to_save)  # the save thread, off the keys' way
        gc.enable()  # off while the board started (see tui.start)

    def _tick(self) -> None:
        """Once a minute: re-time the board when the day changes or an interview (a round) starts."""
        now = self.clock.now()
        state = self.state
        ended = any(
            i.verdict.next_round is not None and i.verdict.next_round.at.instant() <= now for i in state.items
        )
        if now.date() != state.today or ended:
            self.state = state.rebuild(state.cards, now)
        self.minute = f"{now:%Y-%m-%d %H:%M}"

    def _watch_disk(self) -> None:
        if self.unsaved and not self._in_flight:
            retry, self.unsaved = self.unsaved, []
            for save in retry:
                self._submit(save)
            return
        if self._in_flight or self._loading or not self.store.changed_on_disk():
            return
        self._loading = True
        self._writer.submit(self._reload)

    def _reload(self) -> None:
        try:
            cards = self.store.load()
        except StoreError as exc:
            self.post_message(LoadFailed(str(exc)))
        else:
            self.post_message(Reloaded(cards))

    def on_reloaded(self, message: Reloaded) -> None:
        self._loading = False
        if self._in_flight:
            self.store.mark_unseen()  # a local change is on its way; the next check reads the merged file
            return
        self.state = self.state.rebuild(message.cards, self.clock.now())
        self.set_timer(SET_ASIDE_DELAY, self.set_aside)

    def on_load_failed(self, message: LoadFailed) -> None:
        self._loading = False
        self.notify(message.error, title="Could not re-read the board", severity="error", timeout=15)

    # -- changes: shown at once, saved in order, undoable

    def on_change_card(self, message: ChangeCard) -> None:
        message.stop()
        item = self.state.get(message.card_id)
        if item is None:
            self.notify("That card is no longer on the board.", severity="warning")
            return
        try:
            after = message.change(item.card)
        except (DomainError, ValueError) as exc:
            self.notify(str(exc), title="Not changed", severity="warning")
            return
        if after == item.card:
            return
        self.state = self.state.with_card(after)
        self.undo_stack.append(Undo(message.description, item.card, after))
        change = message.change
        self._submit(_Save(message.description, lambda store: store.update(message.card_id, change)[1]))
        self._focus(after.id)

    def on_add_card(self, message: AddCard) -> None:
        message.stop()
        make = message.make
        self._submit(_Save(message.description, lambda store: store.add(make), undo_add=True))

    def on_delete_card(self, message: DeleteCard) -> None:
        message.stop()
        item = self.state.get(message.card_id)
        if item is None:
            return
        self.state = self.state.without(message.card_id)
        self.undo_stack.append(Undo(message.description, item.card, None))
        card_id = message.card_id
        self._submit(_Save(message.description, lambda store: _delete(store, card_id)))
        self.notify(f"{_sentence(message.description)}. Press u to undo.")

    def undo(self) -> None:
        if not self.undo_stack:
            self.notify("Nothing to undo.")
            return
        entry = self.undo_stack.pop()
        before, after = entry.before, entry.after
        if before is None and after is not None:
            self.state = self.state.without(after.id)
            card_id = after.id
            self._submit(_Save(f"undo: {entry.description}", lambda store: _delete(store, card_id)))
        elif before is not None:
            self.state = self.state.with_card(before)
            restored = before
            self._submit(_Save(f"undo: {entry.description}", lambda store: _put(store, restored)))
            self._focus(before.id)
        self.notify(f"Undid: {entry.description}", title="Undo")

    def _focus(self, card_id: int) -> None:
        self.screen.post_message(FocusCard(card_id))

    def _submit(self, save: _Save) -> None:
        """Queue a save; it goes to the save thread once the change is on screen.

        Writing a big board is milliseconds of Python work, which would
        otherwise compete with drawing the change it saves. The queue is handed
        over once the change is drawn, by a short timer should that never be
        reported (a screen closed first), and at once by ``flush`` and at exit.
        """
        self._in_flight += 1
        self._queued.append(save)
        if len(self._queued) == 1:
            # After the refresh that shows the change and the one that follows it (focus and
            # cursor land a frame later); when nothing is left to draw this is at once.
            self.call_after_refresh(self.call_after_refresh, self._hand_over)
            self.set_timer(HAND_OVER_AFTER, self._hand_over)

    def _hand_over(self) -> None:
        queued, self._queued = self._queued, []
        for save in queued:
            try:
                future = self._writer.submit(save.write, self.store)
            except RuntimeError:  # the save thread has already stopped (exit): save here and now
                self._in_flight -= 1
                save.write(self.store)
                continue
            future.add_done_callback(partial(self._report, save))

    def _report(self, save: _Save, done: Future[Interview | None]) -> None:
        error = done.exception()
        if error is None:
            self.post_message(Saved(save, done.result(), None))
        else:
            self.post_message(Saved(save, None, str(error) or type(error).__name__))

    def on_saved(self, message: Saved) -> None:
        self._in_flight -= 1
        save = message.save
        if message.error is not None:
            self.unsaved.append(save)
            self.unsaved_count = len(self.unsaved)
            self.notify(
                f"{message.error}\nThe change is kept on screen and will be saved again.",
                title="Not saved",
                severity="error",
                timeout=15,
            )
            self.refresh_bindings()
            return
        card = message.card
        if card is not None:
            known = self.state.get(card.id)
            if known is None or known.card != card:
                # The store applied the change to a fresher copy (another session's edit): show that.
                self.state = self.state.with_card(card)
            if save.undo_add:
                self.undo_stack.append(Undo(save.description, None, card))
                self._focus(card.id)
                self.notify(f"{_sentence(save.description)}.")
        if self.unsaved and not self._in_flight:
            self._watch_disk()
        self.unsaved_count = len(self.unsaved)

    def action_draft(self, card_id: int) -> None:
        """Open the draft for a card's next step."""
        from tui.drafts import draft_for
        from tui.screens.draft import DraftScreen

        item = self.state.get(card_id)
        if item is None:
            return
        templates = self.settings.templates_dir
        draft = draft_for(
            item.card,
            item.verdict,
            self.state.today,
            templates,
            self.settings.name,
            rules=self.settings.rules,
        )
        if draft is None:
            self.notify("Nothing to draft for this card: no follow-up is needed.")
            return
        save_dir = (templates.parent if templates else self.store.file.parent) / "drafts"
        self.push_screen(DraftScreen(draft, item.card.company, save_dir))

    @property
    def is_saving(self) -> bool:
        return self._in_flight > 0


def _sentence(text: str) -> str:
    """``text`` with its first letter in capitals, the rest untouched (names keep their case)."""
    return text[:1].upper() + text[1:]


def _delete(store: Store, card_id: int) -> None:
    try:
        store.delete(card_id)
    except StoreError:
        if card_id in {card.id for card in store.load()}:
            raise  # only "already gone" is fine


def _put(store: Store, card: Interview) -> Interview:
    store.put(card)
    return card


def _runner(screen: Screen[Any], action: str) -> Callable[[], object]:
    return lambda: screen.run_action(action)


def run_board(
    store: Store, clock: Clock, settings: Settings, demo: bool = False, cards: list[Interview] | None = None
) -> int:
    """Open the board in the terminal (on ``cards`` if already read); return the exit code."""
    app = FollowupApp(store, clock, settings, demo=demo, cards=cards)
    app.run()
    app.flush()
    return app.return_code or 0
