"""User text is data: pasted into every field of the form, it is saved exactly and drawn literally.

"Drawn literally" is checked on what would be written to the terminal: the
full frame of the screen (and the screens under a dialog) rendered to the
escape-sequence stream Textual sends. Textual's own sequences are in it, so
the checks look for the injected ones.
"""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len
from textual import events
from textual.widget import Widget
from textual.widgets import Input, Label, TextArea

from tests.textual_probes import full_frame, notified, toasts
from tests.ui.conftest import MakeApp, assert_nothing_injected, column_lines
from tui.domain.stages import Stage
from tui.screens.agenda import AgendaScreen
from tui.screens.board import BoardScreen
from tui.screens.card_form import CardFormScreen, ContactRow
from tui.screens.detail import DetailScreen
from tui.screens.draft import DraftScreen
from tui.screens.stats import StatsScreen
from tui.store import Store

SIZE = (110, 40)

#: Each piece is a different way user text could be mistaken for a command.
PIECES = (
    "[bold red]Evil[/]",  # Rich / Textual markup
    "[x=",  # markup that does not even parse
    "\x1b]0;PWNED\x07",  # OSC: retitle the terminal
    "\x1b[2J",  # CSI: clear the screen
    "\x00\x08",  # NUL, backspace
    "\u202etxt",  # right-to-left override: reorders the rest of the line
    "שלום",  # right-to-left script
    "e\u0301",  # combining accent
    "👩\u200d💻 漢字",  # emoji sequence, wide characters
)
HOSTILE = " ".join(PIECES)
NOTES = HOSTILE + "\nsecond line\n" + ("long " * 2_000).strip()  # a 10,000-character note


def paste(widget: Widget, text: str) -> None:
    """As a terminal's bracketed paste delivers text to the focused field."""
    widget.focus()
    widget.app.post_message(events.Paste(text))


async def test_hostile_text_in_every_field_is_saved_exactly_and_drawn_literally(
    make_app: MakeApp, tmp_path: Path
) -> None:
    path = tmp_path / "hostile.json"
    app = make_app(path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, CardFormScreen)
        form.query_one("#company", Input).value = ""
        row = form.query_one(ContactRow)
        texts = {
            "#company": "Co " + HOSTILE,
            "#role": HOSTILE,
            ".contact-name": HOSTILE,
            ".contact-job": HOSTILE,
            ".contact-address": HOSTILE,
        }
        for selector, text in texts.items():
            field = (row if selector.startswith(".") else form).query_one(selector, Input)
            paste(field, text)
            await pilot.pause()
        row.query_one(".contact-email", Input).value = "ann@example.org"
        paste(form.query_one("#notes", TextArea), NOTES)
        await pilot.pause()
        for selector, text in texts.items():
            field = (row if selector.startswith(".") else form).query_one(selector, Input)
            assert field.value == text, selector
        out = assert_nothing_injected(app, "form")
        assert "␛]0;PWNED␇" in out
        assert "␛[2J" in out

        # Fields that are parsed: the reason echoes the text, literally, and nothing is saved.
        for selector in ("#when", "#zone", ".contact-email", ".contact-phone"):
            field = (row if selector.startswith(".") else form).query_one(selector, Input)
            before = field.value
            field.value = HOSTILE
            await pilot.pause()
            where = row if selector.startswith(".") else form
            label = where.query_one(".contact-problem" if where is row else f"{selector}-problem", Label)
            label.scroll_visible(animate=False)
            await pilot.pause()
            out = assert_nothing_injected(app, f"form, {selector} invalid")
            assert "✗" in str(label.render()), selector
            assert "[bold red]Evil[/]" in out, selector
            field.value = before
        await pilot.pause()

        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        app.flush()
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        (card,) = Store(path).load()
        assert (card.company, card.role, card.notes) == ("Co " + HOSTILE, HOSTILE, NOTES)
        contact = card.contacts[0]
        assert (contact.name, contact.title, contact.address) == (HOSTILE, HOSTILE, HOSTILE)

        assert_nothing_injected(app, "board")
        lst = app.screen.columns[Stage.INTERVIEWED]
        lines = column_lines(lst)
        assert "Co [bold red]Evil[/] [x= ␛]0;P" in lines[0]
        width = lst.scrollable_content_region.width
        assert all(cell_len(line) <= width for line in lines), "a card row overflows its column"

        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        out = assert_nothing_injected(app, "detail")
        assert "[bold red]Evil[/]" in out
        assert "␛[2J" in out

        await pilot.press("e")
        await pilot.pause()
        edit = app.screen
        assert isinstance(edit, CardFormScreen)
        assert edit.query_one("#company", Input).value == "Co " + HOSTILE
        assert edit.query_one("#notes", TextArea).text == NOTES
        assert_nothing_injected(app, "edit form")
        await pilot.press("ctrl+s")  # saving unchanged text keeps it unchanged
        await pilot.pause(0.3)
        app.flush()
        await pilot.pause()
        assert Store(path).load()[0].notes == NOTES

        for key, screen_type in (("c", DraftScreen), ("t", AgendaScreen), ("S", StatsScreen)):
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, screen_type), key
            assert_nothing_injected(app, screen_type.__name__)


async def test_a_company_name_with_markup_titles_its_dialogs_literally(
    make_app: MakeApp, tmp_path: Path
) -> None:
    path = tmp_path / "hostile.json"
    app = make_app(path=path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#company", Input).value = "[x= [b]Bold[/b]"
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        await pilot.press("f")  # log a follow-up: the dialog's title names the company
        await pilot.pause()
        out = assert_nothing_injected(app, "date prompt")
        assert "[x= [b]Bold[/b]" in out
        await pilot.press("escape", "e")  # the edit form's title names it too
        await pilot.pause()
        assert isinstance(app.screen, CardFormScreen)
        assert "Edit [x= [b]Bold[/b]" in full_frame(app)
        await pilot.press("escape", "d", "y")  # the toast after a delete names it as well
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert any("[x= [b]Bold[/b]" in message for message in notified(app))
        await pilot.pause(0.2)
        shown = toasts(app)
        assert any("[x= [b]Bold[/b]" in text for text in shown), shown
        assert "[x= [b]Bold[/b]" in assert_nothing_injected(app, "toast")
