"""A draft for the card's next step: read it, copy it, edit it in $EDITOR, save it."""

from __future__ import annotations

import os
import shlex
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tui import keys
from tui.drafts import Draft, draft_for
from tui.files import write_private
from tui.screens import close, hint_word
from tui.screens.base import AppScreen
from tui.text import literal, safe_block
from tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from tui.app import FollowupApp


def open_draft(app: FollowupApp, card_id: int) -> None:
    """Show the draft for the next step of card ``card_id`` (a toast if it needs none)."""
    item = app.state.get(card_id)
    if item is None:
        return
    settings = app.settings
    draft = draft_for(
        item.card, item.verdict, app.state.today, settings.templates_dir, settings.name, rules=settings.rules
    )
    if draft is None:
        app.notify("Nothing to draft for this card: no follow-up is needed.")
        return
    app.push_screen(DraftScreen(draft, item.card.company, app.drafts_dir))


class DraftScreen(AppScreen[None]):
    """Shows one draft; copying or saving it does not mark anything as sent."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings(keys.DRAFT_KEYS)

    def __init__(self, draft: Draft, company: str, save_dir: Path) -> None:
        super().__init__(classes="draft-screen")
        self.draft = draft
        self.company = company
        self.save_dir = save_dir

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="draft") as box:
            box.border_title = Content(f"{self.draft.title}: {literal(self.company)}")
            copy, edit, save, back = (
                hint_word(self, f"draft_{name}") for name in ("copy", "edit", "save", "back")
            )
            box.border_subtitle = Content(
                f"{copy} copy · {edit} edit · {save} save · {back} back — log it on the card once sent"
            )
            yield Static(id="draft-body")
        yield KeyBar()

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        self.query_one("#draft-body", Static).update(safe_block(self.draft.text))

    def action_back(self) -> None:
        close(self)

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.draft.text)
        self.notify("Copied (through the terminal, so it works over SSH). Log it on the card once sent.")

    def action_save(self) -> None:
        safe_name = "".join(ch if ch.isalnum() else "-" for ch in self.company).strip("-")[:40] or "card"
        path = self.save_dir / f"{self.draft.kind}-{safe_name}.txt"
        try:
            self.save_dir.mkdir(parents=True, exist_ok=True)
            write_private(path, self.draft.text.encode("utf-8"))
        except OSError as exc:
            self.notify(f"Could not save to {path}: {exc.strerror or exc}", severity="error")
            return
        self.notify(f"Saved to {path}")

    def action_edit(self) -> None:
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as handle:
            handle.write(self.draft.text)
            name = handle.name
        try:
            # The app passes a hang-up on to the editor (FollowupApp.run_program).
            self.board_app.run_program([*shlex.split(editor), name])
            text = Path(name).read_text(encoding="utf-8")
        except SuspendNotSupported:
            self.notify(
                "This terminal cannot hand over to an editor (as under textual serve): "
                "copy the draft with y or save it with w instead.",
                severity="warning",
            )
            return
        except (OSError, ValueError) as exc:
            self.notify(f"Could not run {editor}: {exc}", severity="error")
            return
        finally:
            Path(name).unlink(missing_ok=True)
        self.draft = Draft(self.draft.kind, self.draft.title, None, text)
        self._show()
        self.refresh()
