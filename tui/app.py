"""The followup app: the board, its screens, and the one place changes are applied.

``FollowupApp`` is thin. It holds the store, the clock and the settings it is
given, keeps the current ``BoardState`` as a reactive value, and handles the
requests every screen sends (``ChangeCard``, ``AddCard``, ``DeleteCard``,
``UndoChange``): the change shows at once, is saved in order on a background
thread, and is recorded for undo. A failed save keeps the change in memory,
says so, and is retried.

The work is done by small pieces it wires together: ``tui.services``
(``SaveQueue``, ``UndoHistory``, the stop signals, the crash report),
``tui.typeahead`` (keys handled in the order they were typed),
``tui.gc_policy`` (when the garbage collector runs) and
``tui.textual_compat`` (Textual's internals). Screens reach it through
``AppScreen.board_app`` (``tui.screens.base``).
"""

from __future__ import annotations

import asyncio
import subprocess
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from rich.console import RenderableType
from textual import events
from textual.app import SystemCommand
from textual.driver import Driver
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.reactive import var
from textual.screen import Screen

from tui import gc_policy, keys
from tui.config import Settings
from tui.domain.booked import remembering_mail
from tui.domain.clock import Clock
from tui.domain.model import Interview
from tui.domain.ops import DomainError
from tui.domain.queries import SortOrder
from tui.domain.stages import Status
from tui.messages import AddCard, ChangeCard, DeleteCard, FocusCard, UndoChange
from tui.services.crash_report import crash_report
from tui.services.reload import BoardReload
from tui.services.save_queue import Save, SaveQueue
from tui.services.stop_signals import stop_on_signals
from tui.services.toasts import Admit, ToastLog
from tui.services.undo import UndoHistory
from tui.state import BoardState
from tui.store import Store
from tui.text import literal, literal_block
from tui.textual_compat import CrashReportApp, TerminalGone, terminal_driver_class, terminal_output_of
from tui.typeahead import KeyQueue, screen_is_ready

#: How often the board looks for changes made by another process (seconds).
WATCH_INTERVAL = 2.0
#: Seconds after a big board is drawn that it is set aside.
SET_ASIDE_DELAY = 0.5
#: The longest a change waits to be drawn before its save starts anyway (seconds).
HAND_OVER_AFTER = 0.1


@dataclass
class Saved(Message):
    """The save thread finished a write (``error`` set when it failed)."""

    save: Save
    card: Interview | None
    error: str | None


@dataclass
class Reloaded(Message):
    """The board file changed on disk and was read again."""

    cards: list[Interview]


@dataclass
class LoadFailed(Message):
    error: str


class FollowupApp(CrashReportApp[None]):
    """The board app; give it the store, the clock and the settings to use."""

    CSS_PATH = "app.tcss"
    TITLE = "followup"
    ENABLE_COMMAND_PALETTE = True
    COMMAND_PALETTE_BINDING = keys.PALETTE_KEY
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
        self.undo_history = UndoHistory()
        self._toasts = ToastLog()
        self._app_thread = threading.get_ident()  # the app runs on the thread that made it
        self.saves = SaveQueue(store, self._report_saved, self._hand_over_soon)
        self.reload = BoardReload(store, self.saves, self._report_read)
        #: Keys and pastes, each handled once the one typed before it has been (``on_event``).
        self._typed = KeyQueue(self, super().on_event, lambda: screen_is_ready(self))
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
        control characters are made visible. News replaces news on screen, and
        a warning still up is not raised again (``ToastLog``): a burst of undos
        or a save failing at each retry leaves one toast, not a stack of them.
        """
        timeout = self.NOTIFICATION_TIMEOUT if timeout is None else timeout
        admit = Admit.ADD
        if threading.get_ident() == self._app_thread:  # notify is thread-safe; the log and clearing are not
            admit = self._toasts.admit(severity, f"{title}\n{message}", timeout)
        if admit is Admit.SKIP:
            return
        if admit is Admit.REPLACE:
            self.clear_notifications()
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

    async def on_descendant_focus(self, _event: events.DescendantFocus) -> None:
        await self._typed.release()

    def on_key(self, event: events.Key) -> None:
        self._typed.give_to_text_box(event)

    def crash_report(self) -> RenderableType:
        """On a crash: where it happened, not the cards it happened with (``tui.services``)."""
        return crash_report()

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
        for note in self.settings.keymap_notes:
            self.notify(note, title="Your keymap", severity="warning", timeout=15)
        self.store.warnings.clear()
        self._greet()

    def _greet(self) -> None:
        counts = self.state.status_counts
        late, due = counts[Status.OVERDUE], counts[Status.DUE]
        if self.state.is_empty:
            return
        if late or due:
            today_key = keys.key_word("agenda", self.settings.keymap, keys.BOARD)
            self.notify(f"{late} overdue · {due} due now. Press {today_key} for today's list.", title="Today")
        else:
            self.notify("Nothing to chase today.", title="Today")

    def get_driver_class(self) -> type[Driver]:
        """On a Linux or macOS terminal, a driver that a dropped SSH link always ends cleanly."""
        driver = super().get_driver_class()
        if driver.__name__ == "LinuxDriver":
            return terminal_driver_class()
        return driver

    def _install_signal_handlers(self) -> None:
        """SIGHUP and SIGTERM end the app once every save is on disk (``tui.services.stop_signals``).

        Not in tests (no real terminal), where they would outlive the app. A
        terminal gone is noticed all the same, signal or not (``on_terminal_gone``).
        """
        if self.is_headless or threading.current_thread() is not threading.main_thread():
            return

        def hurry_terminal() -> None:
            output = terminal_output_of(self)
            if output is not None:
                output.give_up_after_grace()

        stop_on_signals(
            asyncio.get_running_loop(), self._stop_on_signal, lambda: self._program, hurry_terminal
        )

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
        self.saves.flush()

    def on_unmount(self) -> None:
        self.saves.stop()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        table = getattr(type(screen), "KEY_TABLE", None)  # the screen's keys (see tui.keys)
        if isinstance(table, keys.KeyTable):
            keymap = keys.table_keymap(table, self.settings.keymap)
            for key in table.keys:
                if key.palette and screen.check_action(key.action, ()) is True:
                    yield SystemCommand(
                        key.description,
                        f"{key.help} ({keys.keys_text(key, keymap)})",
                        _runner(screen, key.action),
                    )
        yield from super().get_system_commands(screen)

    # -- the board's data

    def set_aside(self) -> None:
        """The board is on screen: apply the collector's policy to it (``tui.gc_policy``)."""
        gc_policy.set_aside_once_drawn(len(self.state.items))

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
        """Every ``watch_interval``: retry failed saves, else read the file again if it changed."""
        self.reload.check()

    def _report_read(self, cards: list[Interview] | None, error: str | None) -> None:
        """From the save thread: the board read again, to the app's own thread as a message."""
        self.post_message(Reloaded(cards) if cards is not None else LoadFailed(error or "unreadable"))

    def on_reloaded(self, message: Reloaded) -> None:
        if self.reload.arrived():
            self.state = self.state.rebuild(message.cards, self.clock.now())
            self.set_timer(SET_ASIDE_DELAY, self.set_aside)

    def on_load_failed(self, message: LoadFailed) -> None:
        self.reload.failed()
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
        self.undo_history.record(message.description, item.card, after)
        self.saves.submit(Save.update(message.description, message.card_id, message.change))
        self._focus(after.id)

    def on_add_card(self, message: AddCard) -> None:
        message.stop()
        self.saves.submit(Save.add(message.description, message.make))

    def on_delete_card(self, message: DeleteCard) -> None:
        message.stop()
        item = self.state.get(message.card_id)
        if item is None:
            return
        self.state = self.state.without(message.card_id)
        self.undo_history.record(message.description, item.card, None)
        self.saves.submit(Save.delete(message.description, message.card_id))
        undo_key = keys.key_word("undo", self.settings.keymap, keys.BOARD)
        self.notify(f"{_sentence(message.description)}. Press {undo_key} to undo.")

    def on_undo_change(self, message: UndoChange) -> None:
        message.stop()
        self.undo()

    def undo(self) -> None:
        """Take the last change back (a toast says which, or that there is nothing to undo)."""
        entry = self.undo_history.take_last()
        if entry is None:
            self.notify("Nothing to undo.")
            return
        before, after = entry.before, entry.after
        if before is None and after is not None:
            self.state = self.state.without(after.id)
            self.saves.submit(Save.delete(f"undo: {entry.description}", after.id))
        elif before is not None:
            current = self.state.get(before.id)
            restored = remembering_mail(before, current.card if current is not None else after)
            self.state = self.state.with_card(restored)
            self.saves.submit(Save.put(f"undo: {entry.description}", restored))
            self._focus(restored.id)
        self.notify(f"Undid: {entry.description}", title="Undo")

    @property
    def can_undo(self) -> bool:
        return bool(self.undo_history)

    def filter_board(self, text: str) -> None:
        """Show only the cards that match ``text`` (empty: every card)."""
        self.state = self.state.with_filter(text)

    def sort_board(self, order: SortOrder) -> None:
        """Sort the columns in ``order``."""
        self.state = self.state.with_order(order)

    def _focus(self, card_id: int) -> None:
        self.screen.post_message(FocusCard(card_id))

    def _hand_over_soon(self) -> None:
        """A save joined the queue: hand it to the save thread once the change is on screen.

        Writing a big board is Python work, which would otherwise compete with
        drawing the change it saves. The queue is handed over once the change
        is drawn, by a short timer should that never be reported (a screen
        closed first), and at once by ``flush`` and at exit.
        """
        self._hand_over_when_drawn()
        self.set_timer(HAND_OVER_AFTER, self.saves.hand_over)

    def _hand_over_when_drawn(self) -> None:
        # After the refresh that shows the change and the one that follows it (focus and
        # cursor land a frame later); when nothing is left to draw this is at once.
        self.call_after_refresh(self.call_after_refresh, self.saves.hand_over)

    def _report_saved(self, save: Save, card: Interview | None, error: str | None) -> None:
        """From the save thread: how a save ended, to the app's own thread as a message."""
        self.post_message(Saved(save, card, error))

    def on_saved(self, message: Saved) -> None:
        save = message.save
        self.saves.finished(save, message.error)
        self.unsaved_count = len(self.saves.unsaved)
        if message.error is not None:
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
                self.undo_history.record(save.description, None, card)
                self._focus(card.id)
                self.notify(f"{_sentence(save.description)}.")
        if self.saves.unsaved and not self.saves.busy:
            self._watch_disk()
        self.unsaved_count = len(self.saves.unsaved)

    def action_draft(self, card_id: int) -> None:
        """Open the draft for a card's next step."""
        from tui.screens.draft import open_draft

        open_draft(self, card_id)

    @property
    def drafts_dir(self) -> Path:
        """Where drafts are saved: next to the templates, else next to the board file."""
        templates = self.settings.templates_dir
        return (templates.parent if templates else self.store.file.parent) / "drafts"

    @property
    def is_saving(self) -> bool:
        return self.saves.busy

    @property
    def unsaved(self) -> list[Save]:
        """The changes whose save failed, kept to be saved again."""
        return self.saves.unsaved


def _sentence(text: str) -> str:
    """``text`` with its first letter in capitals, the rest untouched (names keep their case)."""
    return text[:1].upper() + text[1:]


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
