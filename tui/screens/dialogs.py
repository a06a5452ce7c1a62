"""Small modal prompts: yes/no, a date with a note, an instruction, a stage, an outcome.

Each is a ``ModalScreen`` returning a typed value (or None when cancelled).
Dates are checked as they are typed and the reason shows under the field;
enter or ctrl+s confirms, escape cancels and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from tui import keys
from tui.domain.dates import DateError, Lean, parse_day
from tui.domain.describe import day_label
from tui.domain.model import InstructionKind
from tui.domain.stages import STAGES, Outcome, Stage
from tui.screens import close, hint_word
from tui.screens.in_view import KeepsFocusInView
from tui.text import safe_block
from tui.widgets.fields import TextInput

T = TypeVar("T")


class ConfirmDialog(ModalScreen[bool]):
    """Ask a yes/no question; escape and n mean no."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings(keys.CONFIRM_KEYS)

    def __init__(self, question: str, yes: str = "Yes") -> None:
        super().__init__(classes="dialog-screen")
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-question", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="error")
                yield Button("No (n)", id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, value: bool) -> None:
        close(self, value)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        close(self, event.button.id == "yes")


@dataclass(frozen=True)
class DatedNote:
    on: date
    note: str


@dataclass(frozen=True)
class InstructionChoice:
    """``kind`` None means: clear the instruction in force."""

    kind: InstructionKind | None
    day: date | None
    given_on: date
    note: str


@dataclass(frozen=True)
class MoveChoice:
    stage: Stage
    on: date
    outcome: Outcome | None = None
    note: str = ""


def chosen(radio_set: RadioSet) -> RadioButton | None:
    """The button of ``radio_set`` that is pressed as things stand now.

    ``RadioSet.pressed_button`` is brought up to date only when the pressed
    button's message reaches the set: an enter and a ctrl+s typed together
    would save the choice before. The buttons' own values are current; until
    the set has caught up, the one just pressed is the one that is not the
    set's (and when the set's own button was pressed again, it stays).
    """
    known = radio_set.pressed_button
    fresh = [button for button in radio_set.query(RadioButton) if button.value and button is not known]
    return fresh[0] if fresh else known


class _Prompt(KeepsFocusInView[T | None], Generic[T]):
    """A form in a box: fields, a problem line per field, enter/ctrl+s to confirm.

    The box scrolls when the terminal is too short for it, keeping the focused
    field in view; keys typed ahead of the box wait until its first field has
    the focus (``FollowupApp.on_event``).
    """

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings(keys.PROMPT_KEYS)

    title_text = ""
    awaiting_focus = True

    def __init__(self, today: date) -> None:
        super().__init__(classes="dialog-screen")
        self.today = today
        #: Each field's value as the box opened; the fields typed in since; a save tried.
        self._first_values: dict[str, str] = {}
        self._typed_in: set[str] = set()
        self._tried = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="prompt", can_focus=False) as box:
            box.border_title = Content(self.title_text)  # names a company: never markup
            box.border_subtitle = self.hint_text
            yield from self.fields()

    def fields(self) -> ComposeResult:
        raise NotImplementedError

    @property
    def hint_text(self) -> str:
        return f"enter/{hint_word(self, 'prompt_save')}: save · {hint_word(self, 'prompt_cancel')}: cancel"

    @property
    def refused_text(self) -> str:
        return f"✗ fix the marked field · {hint_word(self, 'prompt_cancel')}: cancel"

    def on_mount(self) -> None:
        for box in self.query(Input):
            box.cursor_blink = False  # no repaint traffic while the user thinks (SSH)
            self._first_values[box.id or ""] = box.value
        self.result()

    def judged(self, field_id: str) -> bool:
        """Whether ``field_id``'s problem is shown: once it was typed in, or a save was tried."""
        if self.query_one(f"#{field_id}", Input).value != self._first_values.get(field_id, ""):
            self._typed_in.add(field_id)
        return self._tried or field_id in self._typed_in

    def say_problem(self, field_id: str, problem: str) -> None:
        """Show ``problem`` (a ✗ line) under ``field_id`` when it is due (``judged``)."""
        label = self.query_one(f"#{field_id}-problem", Label)
        shown = self.judged(field_id)
        label.update(safe_block(problem) if shown else "")
        label.set_class(shown, "-bad")

    def on_descendant_focus(self) -> None:
        self.awaiting_focus = False

    def date_field(self, field_id: str, label: str, value: str = "today") -> ComposeResult:
        yield Label(label, classes="field-label")
        yield TextInput(value=value, id=field_id, placeholder="today, yesterday, fri, 2026-11-20")
        yield Label("", id=f"{field_id}-problem", classes="field-problem")

    def note_field(self) -> ComposeResult:
        yield Label("Note (optional)", classes="field-label")
        yield TextInput(id="note", placeholder="what was said")

    def read_day(self, field_id: str, lean: Lean = "past", required: bool = True) -> date | None:
        """The day typed in ``field_id``; shows the reason under it when it does not parse."""
        text = self.query_one(f"#{field_id}", Input).value.strip()
        problem = self.query_one(f"#{field_id}-problem", Label)
        if not text and not required:
            problem.update("")
            return None
        try:
            day = parse_day(text, self.today, lean)
        except DateError as exc:
            self.say_problem(field_id, f"✗ {exc}")
            return None
        problem.update(f"= {day_label(day, self.today)} {day.year}")
        problem.remove_class("-bad")
        return day

    def note(self) -> str:
        return self.query_one("#note", Input).value.strip()

    def result(self) -> T | None:
        raise NotImplementedError

    def action_submit(self) -> None:
        """Confirm what the fields hold now, or focus the first field marked ✗ and say so once."""
        self._tried = True
        value = self.result()  # from what the fields hold now: every key typed before is in them
        box = self.query_one("#prompt", VerticalScroll)
        if value is None:
            box.border_subtitle = self.refused_text
            bad = next(iter(self.query(".field-problem.-bad")), None)
            if bad is not None and bad.id:
                # Focused, and scrolled into view with its problem line (``KeepsFocusInView``).
                self.query_one(f"#{bad.id.removesuffix('-problem')}", Input).focus()
            return
        close(self, value)

    def action_cancel(self) -> None:
        close(self)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_submit()

    @on(Input.Changed)
    def _changed(self) -> None:
        if self.result() is not None:
            self.query_one("#prompt", VerticalScroll).border_subtitle = self.hint_text


class DatePrompt(_Prompt[DatedNote]):
    """When did it happen, and an optional note."""

    def __init__(self, title: str, today: date) -> None:
        self.title_text = title
        super().__init__(today)

    def fields(self) -> ComposeResult:
        yield from self.date_field("on", "When")
        yield from self.note_field()

    def result(self) -> DatedNote | None:
        day = self.read_day("on")
        return DatedNote(day, self.note()) if day else None


class InstructionPrompt(_Prompt[InstructionChoice]):
    """What the employer asked: contact them on a date, or wait for them."""

    title_text = "What did they ask?"

    def __init__(self, today: date, has_instruction: bool) -> None:
        super().__init__(today)
        self.has_instruction = has_instruction

    def fields(self) -> ComposeResult:
        with RadioSet(id="kind"):
            yield RadioButton("Contact them on a date", value=True, id="contact_on")
            yield RadioButton("They will contact me (until a date, optional)", id="wait")
            yield RadioButton("Clear the instruction in force", id="clear", disabled=not self.has_instruction)
        yield from self.date_field("day", "The date they gave", value="")
        yield from self.date_field("given", "When they said it", value="today")
        yield from self.note_field()

    def _kind(self) -> str:
        pressed = chosen(self.query_one("#kind", RadioSet))
        return pressed.id or "contact_on" if pressed else "contact_on"

    def result(self) -> InstructionChoice | None:
        kind = self._kind()
        given = self.read_day("given")
        if kind == "clear":
            return InstructionChoice(None, None, given, self.note()) if given else None
        day = self.read_day("day", "future", required=kind == "contact_on")
        if given is None or (kind == "contact_on" and day is None):
            if kind == "contact_on" and not self.query_one("#day", Input).value.strip():
                self.say_problem("day", "✗ the date they asked you to contact them")
            return None
        chosen = InstructionKind.CONTACT_ON if kind == "contact_on" else InstructionKind.WAIT
        return InstructionChoice(chosen, day, given, self.note())

    @on(RadioSet.Changed)
    def _kind_changed(self) -> None:
        self.result()


class MovePrompt(_Prompt[MoveChoice]):
    """Move to a stage on a chosen date ("I sent the thank-you yesterday")."""

    title_text = "Move to which stage, and when?"

    def __init__(self, today: date, current: Stage) -> None:
        super().__init__(today)
        self.current = current

    def fields(self) -> ComposeResult:
        choices = [s for s in STAGES if s is not self.current and s is not Stage.CLOSED]
        following = self.current.next if self.current.next is not Stage.CLOSED else None
        with RadioSet(id="stage"):
            for stage in choices:
                yield RadioButton(
                    stage.label, value=stage is (following or choices[0]), id=f"stage-{stage.value}"
                )
        yield from self.date_field("on", "When it happened", value="today")
        yield from self.note_field()

    def result(self) -> MoveChoice | None:
        pressed = chosen(self.query_one("#stage", RadioSet))
        day = self.read_day("on")
        if pressed is None or pressed.id is None or day is None:
            return None
        return MoveChoice(Stage(pressed.id.removeprefix("stage-")), day, note=self.note())


class OutcomePrompt(_Prompt[MoveChoice]):
    """Close the card with an outcome."""

    title_text = "Close with which outcome?"

    def fields(self) -> ComposeResult:
        with RadioSet(id="outcome"):
            for outcome in Outcome:
                yield RadioButton(
                    outcome.label, value=outcome is Outcome.OFFER, id=f"outcome-{outcome.value}"
                )
        yield from self.date_field("on", "When", value="today")
        yield from self.note_field()

    def result(self) -> MoveChoice | None:
        pressed = chosen(self.query_one("#outcome", RadioSet))
        day = self.read_day("on")
        if pressed is None or pressed.id is None or day is None:
            return None
        outcome = Outcome(pressed.id.removeprefix("outcome-"))
        return MoveChoice(Stage.CLOSED, day, outcome=outcome, note=self.note())
