"""The round dialogs: when an interview round is (past or ahead), what it is, and who is met;
and which round to remove (``RemoveRoundPrompt``).

A ``ModalScreen`` returning a ``RoundChoice`` (or None when cancelled). The
time takes the same words as everywhere ("thu 2pm", "2026-12-10 14:00"; a
bare weekday is the next one) and is read in the employer's zone when the card
has one; its reading shows under the field as it is typed. Each of the card's
contacts has a box to tick, and a new name typed in place becomes a contact.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Checkbox, Input, Label, OptionList

from tui.domain.dates import DateError, parse_when
from tui.domain.describe import day_label
from tui.domain.wall import WallTime, WallTimeError
from tui.screens import hint_word
from tui.screens.dialogs import _Prompt
from tui.text import literal
from tui.widgets.fields import TextInput


def _met_label(name: str, met: bool) -> Content:
    """A contact's box label, as text (a name is never markup), saying "(met)" once ticked."""
    return Content(f"{literal(name)} (met)" if met else literal(name))


@dataclass(frozen=True)
class RoundChoice:
    """A round as the dialog gives it: ``met`` holds names, the new ones included."""

    at: WallTime
    label: str
    met: tuple[str, ...]


class RoundPrompt(_Prompt[RoundChoice]):
    """Add an interview round to a card."""

    def __init__(self, company: str, today: date, zone_name: str, names: tuple[str, ...]) -> None:
        self.title_text = f"A round with {literal(company)}"
        super().__init__(today)
        self.zone_name = zone_name
        #: The card's contacts by name, in the card's order (one box each).
        self.names = tuple(dict.fromkeys(n for n in names if n.strip()))

    def fields(self) -> ComposeResult:
        yield Label(f"When (in {self.zone_name})", classes="field-label")
        yield TextInput(id="at", placeholder="thu 2pm, 2026-12-10 14:00")
        yield Label("", id="at-problem", classes="field-problem")
        yield Label("What (optional)", classes="field-label")
        yield TextInput(id="label", placeholder="phone screen, technical, final")
        if self.names:
            yield Label("Who you meet", classes="field-label")
            for number, name in enumerate(self.names):
                yield Checkbox(_met_label(name, False), id=f"met-{number}")
        yield Label("Someone new (names, commas between)", classes="field-label")
        yield TextInput(id="new", placeholder="Dee Rao, Eli Moss")

    @on(Checkbox.Changed)
    def _ticked(self, event: Checkbox.Changed) -> None:
        """The box's mark shows its state by colour only: the label says it in words too (NO_COLOR)."""
        number = int((event.checkbox.id or "met-0").removeprefix("met-"))
        event.checkbox.label = _met_label(self.names[number], event.value)

    def read_when(self) -> WallTime | None:
        """The time typed; shows its reading, or the reason it does not parse, under the field."""
        text = self.query_one("#at", Input).value
        problem = self.query_one("#at-problem", Label)
        try:
            at = parse_when(text, self.today, self.zone_name, "future")
        except (DateError, WallTimeError) as exc:
            self.say_problem("at", f"✗ {exc}")  # shown once typed in, or a save was tried
            return None
        problem.update(f"= {day_label(at.local.date(), self.today)} {at.local:%Y %H:%M} ({at.zone})")
        problem.remove_class("-bad")
        return at

    def result(self) -> RoundChoice | None:
        at = self.read_when()
        if at is None:
            return None
        met = [
            name for number, name in enumerate(self.names) if self.query_one(f"#met-{number}", Checkbox).value
        ]
        met += [n.strip() for n in self.query_one("#new", Input).value.split(",") if n.strip()]
        label = self.query_one("#label", Input).value.strip()
        return RoundChoice(at, label, tuple(dict.fromkeys(met)))


class RemoveRoundPrompt(_Prompt[int]):
    """Which of a card's rounds to remove (moved or cancelled): its number, 1-based in date order.

    The rounds are listed as the card's timeline words them; Enter (or the
    save key) removes the highlighted one, at first the earliest still ahead.
    """

    def __init__(self, company: str, today: date, lines: list[str], highlighted: int) -> None:
        self.title_text = f"Remove a round of {literal(company)}"
        super().__init__(today)
        self.lines = lines
        self.highlighted = highlighted

    def fields(self) -> ComposeResult:
        yield Label("Which round (undo brings it back)", classes="field-label")
        yield OptionList(*(Content(literal(line)) for line in self.lines), id="rounds")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#rounds", OptionList).highlighted = self.highlighted - 1

    @property
    def hint_text(self) -> str:
        return f"enter/{hint_word(self, 'prompt_save')}: remove · {hint_word(self, 'prompt_cancel')}: cancel"

    def result(self) -> int | None:
        index = self.query_one("#rounds", OptionList).highlighted
        return None if index is None else index + 1

    @on(OptionList.OptionSelected)
    def _picked(self) -> None:
        self.action_submit()
