"""Mail: what the configured mail folders suggest, applied one by one or all at once.

The folders are read on a worker thread (a big maildir takes seconds) and the
board stays usable meanwhile. Each suggestion that would change a card is one
row; applying it posts the same ``ChangeCard`` request as every other change
of a card, so it is saved by the app in order and undone by ``u`` on the
board. Whether a row is applied is read from the board itself (the card
remembers the message), so an undo shows it as not applied again. Text from
mail is shown literally.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from tui import keys
from tui.domain.describe import counted
from tui.domain.wall import zone
from tui.mail.apply import can_apply, change, memory
from tui.mail.describe import action_text, done_text
from tui.mail.plan import Reading, read_paths, suggest
from tui.mail.suggestion import Skipped, Suggestion, Unmatched
from tui.messages import ChangeCard
from tui.screens import close, follow, key_word
from tui.state import BoardState
from tui.text import literal
from tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from pathlib import Path

    from tui.config import MailSettings


class SuggestionList(OptionList):
    """The rows; the screen's keys move and apply, so the list never takes the focus."""

    can_focus = False


@dataclass
class MailRead(Message):
    """The folders have been read: every message's suggestion, and the folders that could not be read."""

    suggestions: list[Suggestion]
    problems: list[str]


def open_mail(screen: Screen[Any]) -> None:
    """Open the mail screen over ``screen`` for the configured folders and the board as it is."""
    app: Any = screen.app
    state: BoardState = app.state
    settings: MailSettings = app.settings.mail
    screen.app.push_screen(
        MailScreen(settings.folders, settings.me, app.zone_name, state, config=app.settings.config_path)
    )


class MailScreen(Screen[None]):
    KEY_TABLE: ClassVar[keys.KeyTable] = keys.MAIL
    BINDINGS: ClassVar[list[BindingType]] = KEY_TABLE.bindings()

    def __init__(
        self,
        folders: Sequence[Path],
        me: Sequence[str],
        zone_name: str,
        state: BoardState,
        config: Path | None = None,
    ) -> None:
        super().__init__()
        self.folders = [str(f) for f in folders]
        #: The config file to list folders in (named when there are none).
        self.config = config
        self.zone_name = zone_name
        cards = state.cards
        known = memory(cards)
        self.reading = Reading(frozenset(me), zone_name, state.now, known.rounds, known.applied)
        self._cards = cards
        #: The suggestions that would change a card, in reading order (None: still reading).
        self.rows: list[Suggestion] | None = None
        self._summary = ""
        #: Keys typed before the list was read (a fast ``m`` then Enter): run once it is.
        self._held: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(id="mail-title")
        yield SuggestionList(id="mail-list")
        yield Static(id="mail-notes")
        yield KeyBar()

    def on_mount(self) -> None:
        title = self.query_one("#mail-title", Static)
        if not self.folders:
            self.rows = []
            title.update(
                Text(
                    f"No mail folders to read. List them in {self.config or 'the config'}, e.g.\n"
                    '[mail] folders = ["~/Mail/INBOX", "~/Mail/Sent"]'
                )
            )
            return
        title.update(Text(f"Reading {counted(len(self.folders), 'mail folder')}…"))
        self._read()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _read(self) -> None:
        problems: list[str] = []
        found = suggest(read_paths(self.folders, problems), self._cards, self.reading)
        self.post_message(MailRead(found, problems))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            self.rows, self._held = [], []
            error = event.worker.error
            self.query_one("#mail-title", Static).update(
                Text(f"The mail could not be read: {literal(str(error) or type(error).__name__)}")
            )

    def on_mail_read(self, message: MailRead) -> None:
        found = message.suggestions
        self.rows = [item for item in found if can_apply(item)]
        unmatched = sum(1 for item in found if isinstance(item.action, Unmatched))
        skipped = sum(1 for item in found if isinstance(item.action, Skipped))
        self._summary = (
            f"{counted(len(found), 'message')} read: {len(self.rows)} to apply, "
            f"{unmatched} unmatched, {skipped} skipped or already applied"
        )
        notes = [literal(problem) for problem in message.problems]
        if not self.reading.me:
            notes.append("Set [mail] me in the config to recognise the mail you sent.")
        self.query_one("#mail-notes", Static).update(Text("\n".join(notes)))
        self.query_one("#mail-notes", Static).display = bool(notes)
        follow(self, "state", self._show)
        held, self._held = self._held, []
        for action in held:
            getattr(self, f"action_{action}")()

    def _show(self, state: BoardState) -> None:
        if self.rows is None:
            return
        listed = self.query_one("#mail-list", SuggestionList)
        keep = listed.highlighted
        listed.clear_options()
        listed.add_options(
            [
                Option(self._row(item, self._applied(state, item)), id=str(n))
                for n, item in enumerate(self.rows)
            ]
        )
        if self.rows:
            listed.highlighted = min(keep or 0, len(self.rows) - 1)
        waiting = sum(1 for item in self.rows if not self._applied(state, item))
        head = f"Mail: {self._summary}." if self.rows else f"Mail: {self._summary}. Nothing to apply."
        if self.rows and not waiting:
            head += " All applied."
        self.query_one("#mail-title", Static).update(Text(head))
        self.refresh_bindings()

    def _row(self, item: Suggestion, applied: bool) -> Text:
        assert item.match is not None
        message = item.message
        day = (
            message.sent.astimezone(zone(self.zone_name)).strftime("%Y-%m-%d")
            if message.sent
            else "(no date)"
        )
        who = f"to {', '.join(message.recipients[:2])}" if message.from_me else f"from {message.sender}"
        subject = message.subject or "(no subject)"
        row = Text(no_wrap=False)
        row.append("✓ applied  " if applied else "")
        row.append(f"#{item.match.card_id} {literal(item.match.company)}", style="bold")
        what = self._done(item) if applied else action_text(item.action)
        row.append(f"  {what}\n")
        row.append(f"   {day} {literal(who)} “{literal(subject)}” · ", style="dim")
        row.append(f"{item.match.rule.label}, {item.match.certainty.value}", style="dim")
        if applied:
            row.stylize("dim")
        return row

    @staticmethod
    def _applied(state: BoardState, item: Suggestion) -> bool:
        assert item.match is not None
        held = state.get(item.match.card_id)
        return held is not None and item.message.identity in held.card.applied_mail

    def _pending(self) -> list[Suggestion]:
        state: BoardState = self.app.state  # type: ignore[attr-defined]
        return [item for item in self.rows or [] if not self._applied(state, item)]

    def _hold(self, action: str) -> bool:
        """Keep ``action`` for when the list is read, if it is not yet; True if it was kept."""
        if self.rows is None:
            self._held.append(action)
            return True
        return False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.rows is None:  # still reading: the keys are held (see ``_hold``)
            return True
        if action == "apply":
            item = self._highlighted()
            return (item is not None and item in self._pending()) or None
        if action == "apply_all":
            return bool(self._pending()) or None
        return True

    def _highlighted(self) -> Suggestion | None:
        index = self.query_one("#mail-list", SuggestionList).highlighted
        if self.rows is None or index is None or not 0 <= index < len(self.rows):
            return None
        return self.rows[index]

    def _done(self, item: Suggestion) -> str:
        assert item.match is not None
        close_key = key_word(self, "close")
        return done_text(item.action, item.match.card_id, f"{close_key} on the card closes it")

    def _apply(self, item: Suggestion) -> None:
        assert item.match is not None
        what = self._done(item)
        self.post_message(
            ChangeCard(item.match.card_id, change(item), f"{literal(item.match.company)}: {what}")
        )

    def action_apply(self) -> None:
        if self._hold("apply"):
            return
        item = self._highlighted()
        if item is not None and item in self._pending():
            self._apply(item)
            self.action_cursor_down()

    def action_apply_all(self) -> None:
        if self._hold("apply_all"):
            return
        pending = self._pending()
        for item in pending:
            self._apply(item)
        if pending:
            self.notify(f"Applied {counted(len(pending), 'suggestion')} (u on the board undoes each).")

    def action_cursor_up(self) -> None:
        if self._hold("cursor_up"):
            return
        self.query_one("#mail-list", SuggestionList).action_cursor_up()
        self.refresh_bindings()

    def action_cursor_down(self) -> None:
        if self._hold("cursor_down"):
            return
        self.query_one("#mail-list", SuggestionList).action_cursor_down()
        self.refresh_bindings()

    def action_back(self) -> None:
        close(self)
