"""The add/edit form: an interview, who you met, and your notes.

Every field is checked as it is typed and the reason shows under it (once
the field was typed in or a save tried); ctrl+s saves from anywhere once
everything is valid, escape cancels (asking first when
something was typed). The result is a ``CardDraft``; the caller turns it into a
new card or an edit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static, TextArea

from tui import keys
from tui.domain.dates import DateError, parse_when
from tui.domain.describe import day_label
from tui.domain.model import Contact, Interview
from tui.domain.wall import WallTime, WallTimeError, check_zone
from tui.screens import close, hint_word
from tui.screens.dialogs import ConfirmDialog
from tui.screens.in_view import KeepsFocusInView
from tui.text import literal, safe_block
from tui.widgets.fields import TextInput
from tui.widgets.notes_area import NotesArea

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^[+()\d\s.\-x]+$")


@dataclass(frozen=True)
class CardDraft:
    """What the form produced: the values of a card, without its id or history."""

    company: str
    role: str
    interviewed_at: WallTime
    employer_zone: str
    contacts: tuple[Contact, ...]
    notes: str


def check_email(text: str) -> str:
    return "" if not text or EMAIL.match(text) else "✗ does not look like an email (name@example.com)"


def check_phone(text: str) -> str:
    if not text:
        return ""
    if not PHONE.match(text) or sum(ch.isdigit() for ch in text) < 6:
        return "✗ does not look like a phone number (digits, spaces, + ( ) - .)"
    return ""


class ContactRow(Vertical):
    """One interviewer's details."""

    def __init__(self, number: int, contact: Contact | None = None) -> None:
        super().__init__(classes="contact-row field-group")
        self.number = number
        self.contact = contact or Contact()

    def compose(self) -> ComposeResult:
        c = self.contact
        yield Label(f"Interviewer {self.number}", classes="field-label contact-title")
        with Horizontal(classes="field-pair"):
            yield TextInput(c.name, placeholder="name", classes="contact-name")
            yield TextInput(c.title, placeholder="title", classes="contact-job")
        with Horizontal(classes="field-pair"):
            yield TextInput(c.email, placeholder="email", classes="contact-email")
            yield TextInput(c.phone, placeholder="phone", classes="contact-phone")
        yield TextInput(c.address, placeholder="postal address", classes="contact-address")
        yield Label("", classes="field-problem contact-problem")

    def value(self) -> Contact:
        def text(cls: str) -> str:
            return self.query_one(f".{cls}", Input).value.strip()

        return Contact(
            text("contact-name"),
            text("contact-job"),
            text("contact-email"),
            text("contact-phone"),
            text("contact-address"),
        )

    def problem(self) -> tuple[str, Input | None]:
        """What is wrong with this interviewer's details, and the first field at fault."""
        contact = self.value()
        email, phone = check_email(contact.email), check_phone(contact.phone)
        bad = None
        if email or phone:
            bad = self.query_one(".contact-email" if email else ".contact-phone", Input)
        return " ".join(p for p in (email, phone) if p), bad


class CardFormScreen(KeepsFocusInView[CardDraft | None]):
    """Add an interview, or edit one (``card``)."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings(keys.FORM_KEYS)
    #: Nothing has the focus until the company's box takes it as the form is mounted (not the
    #: scrolling form around it first); keys typed ahead of that wait for it (see
    #: ``FollowupApp.on_event``).
    AUTO_FOCUS = ""
    awaiting_focus = True

    def __init__(self, today: date, zone_name: str, now_text: str, card: Interview | None = None) -> None:
        super().__init__(classes="form-screen")
        self.today = today
        self.zone_name = zone_name
        self.card = card
        self.now_text = now_text
        self._initial: tuple[object, ...] | None = None
        #: Each field's value when the form opened, and the fields typed in since.
        self._first_values: dict[Input, str] = {}
        self._touched: set[Input] = set()
        #: Show every problem: a card being edited, or once a save was tried.
        self._show_all = card is not None

    def compose(self) -> ComposeResult:
        card = self.card
        title = f"Edit {literal(card.company)}" if card else "New interview"
        with Vertical(classes="form") as box:
            box.border_title = Content(title)  # names a company: never markup
            save, cancel = hint_word(self, "form_save"), hint_word(self, "form_cancel")
            add, remove = hint_word(self, "form_add_contact"), hint_word(self, "form_remove_contact")
            box.border_subtitle = f"{save} save · {cancel} cancel · {add} add interviewer · {remove} remove"
            with VerticalScroll(id="form-body", can_focus=False):  # its fields take the focus
                yield Label("Company *", classes="field-label")
                yield TextInput(card.company if card else "", id="company", placeholder="who interviewed you")
                yield Label("", id="company-problem", classes="field-problem")
                yield Label("Role", classes="field-label")
                yield TextInput(card.role if card else "", id="role", placeholder="the job title")
                yield Label("Interview date and time *", classes="field-label")
                when = f"{card.interviewed_at.local:%Y-%m-%d %H:%M}" if card else self.now_text
                yield TextInput(
                    when, id="when", placeholder="2026-11-20 14:00, today 14:00, yesterday, fri 10am"
                )
                yield Label("", id="when-problem", classes="field-problem")
                yield Label("Employer's time zone", classes="field-label")
                zone = (card.employer_zone or card.interviewed_at.zone) if card else self.zone_name
                yield TextInput(zone, id="zone", placeholder="e.g. Europe/London, America/New_York")
                yield Label("", id="zone-problem", classes="field-problem")
                with Vertical(id="contacts"):
                    contacts = card.contacts if card and card.contacts else (Contact(),)
                    for number, contact in enumerate(contacts, start=1):
                        yield ContactRow(number, contact)
                with Horizontal(classes="form-buttons"):
                    yield Button(f"+ interviewer ({add})", id="add-contact")
                    yield Button(f"- last interviewer ({remove})", id="remove-contact")
                yield Label("Notes", classes="field-label")
                yield NotesArea(
                    card.notes if card else "", id="notes", soft_wrap=True, show_line_numbers=False
                )
            with Horizontal(classes="form-buttons"):
                yield Button(f"Save ({save})", id="save", variant="primary")
                yield Button(f"Cancel ({cancel})", id="cancel")
            yield Static("", id="form-status")

    def on_descendant_focus(self) -> None:
        self.awaiting_focus = False

    def on_mount(self) -> None:
        company = self.query("#company").results(Input)
        first = next(company, None)
        if first is None:
            return  # taken down before its fields were mounted (the app is closing): nothing to set up
        for box in self.query(Input):
            box.cursor_blink = False  # no repaint traffic while the user thinks (SSH)
        first.focus()
        self._first_values = {box: box.value for box in self.query(Input)}
        self.validate()
        self._initial = self._snapshot()

    def _snapshot(self) -> tuple[object, ...]:
        inputs = tuple(i.value for i in self.query(Input))
        return (*inputs, self.query_one("#notes", TextArea).text)

    @property
    def changed(self) -> bool:
        return self._initial is not None and self._snapshot() != self._initial

    # -- checking

    def _judged(self, box: Input) -> bool:
        """Whether ``box``'s problem is shown: once it was typed in, or a save was tried.

        An empty new form does not greet the user with "a company name is
        required"; a card being edited is judged as it stands.
        """
        if box.value != self._first_values.get(box, ""):
            self._touched.add(box)
        return self._show_all or box in self._touched

    def validate(self) -> tuple[CardDraft | None, Widget | None]:
        """Check every field as it holds now; show the problems due; return the draft or the first bad field.

        Whether the form can be saved is decided here, from the fields' values,
        never from the validation shown on screen (which follows the typing).
        """
        first_bad: Widget | None = None

        def report(field: str, message: str) -> None:
            nonlocal first_bad
            box = self.query_one(f"#{field}", Input)
            bad = message.startswith("✗")
            shown = message if not bad or self._judged(box) else ""
            label = self.query_one(f"#{field}-problem", Label)
            label.update(safe_block(shown))
            label.set_class(bad and bool(shown), "-bad")
            if bad and first_bad is None:
                first_bad = box

        company = self.query_one("#company", Input).value.strip()
        report("company", "" if company else "✗ a company name is required")
        zone_text = self.query_one("#zone", Input).value.strip() or self.zone_name
        zone_problem = ""
        try:
            check_zone(zone_text)
        except ValueError as exc:
            zone_problem = f"✗ {exc}"
            zone_text = ""
        when: WallTime | None = None
        when_text = self.query_one("#when", Input).value
        try:
            when = parse_when(when_text, self.today, zone_text or self.zone_name, "past")
            report(
                "when", f"= {day_label(when.local.date(), self.today)} {when.local:%Y %H:%M} ({when.zone})"
            )
        except (DateError, WallTimeError, ValueError) as exc:
            report("when", f"✗ {exc}")
        report("zone", zone_problem)  # after the date, as on screen: the first bad field is the top one
        contacts = []
        for row in self.query(ContactRow):
            problem, bad_box = row.problem()
            judged = [self._judged(box) for box in row.query(Input)]
            shown = problem if any(judged) else ""
            label = row.query_one(".contact-problem", Label)
            label.update(safe_block(shown))
            label.set_class(bool(shown), "-bad")
            if bad_box is not None and first_bad is None:
                first_bad = bad_box
            contacts.append(row.value())
        if first_bad is None:
            self.query_one("#form-status", Static).update("")
        if first_bad is not None or when is None:
            return None, first_bad
        draft = CardDraft(
            company=company,
            role=self.query_one("#role", Input).value.strip(),
            interviewed_at=when,
            employer_zone=zone_text if zone_text != when.zone else "",
            contacts=tuple(c for c in contacts if not c.is_empty),
            notes=self.query_one("#notes", TextArea).text,
        )
        return draft, None

    @on(Input.Changed)
    def _typed(self) -> None:
        self.validate()

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    # -- actions

    def action_save(self) -> None:
        """Save what the fields hold now (every key typed before ctrl+s is in them: see
        ``tui.typeahead``), or show the first bad field and say why, once, under the form."""
        self._show_all = True
        draft, bad = self.validate()
        if draft is None:
            if bad is not None:
                bad.focus()  # and scrolled into view with its problem line (``KeepsFocusInView``)
            self.query_one("#form-status", Static).update("Fix the fields marked ✗ to save.")
            return
        close(self, draft)

    def action_cancel(self) -> None:
        if not self.changed:
            close(self)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                close(self)

        self.app.push_screen(ConfirmDialog("Discard what you typed?", yes="Discard"), answered)

    async def action_add_contact(self) -> None:
        rows = list(self.query(ContactRow))
        row = ContactRow(len(rows) + 1)
        await self.query_one("#contacts", Vertical).mount(row)
        for box in row.query(Input):
            box.cursor_blink = False
        row.query_one(".contact-name", Input).focus()  # scrolled into view once laid out

    async def action_remove_contact(self) -> None:
        rows = list(self.query(ContactRow))
        if len(rows) > 1:
            await rows[-1].remove()
            self.validate()

    @on(Button.Pressed)
    async def _button(self, event: Button.Pressed) -> None:
        actions = {
            "save": self.action_save,
            "cancel": self.action_cancel,
        }
        if event.button.id in actions:
            actions[event.button.id]()
        elif event.button.id == "add-contact":
            await self.action_add_contact()
        elif event.button.id == "remove-contact":
            await self.action_remove_contact()
