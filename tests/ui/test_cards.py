"""Adding, editing and acting on cards through the form, the dialogs and the detail screen."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import ClassVar

import pytest
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import ScrollableContainer
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, RadioButton, Static

from tests.ui.conftest import MakeApp, column_lines, rendered, type_ahead
from tui.app import FollowupApp
from tui.domain.model import EventKind, InstructionKind
from tui.domain.stages import Outcome, Stage
from tui.screens.board import BoardScreen
from tui.screens.card_form import CardFormScreen
from tui.screens.detail import DetailScreen
from tui.screens.dialogs import ConfirmDialog, OutcomePrompt
from tui.store import Store
from tui.typeahead import GIVE_UP_AFTER

SIZE = (100, 34)


def detail_text(app: FollowupApp) -> str:
    screen = app.screen
    assert isinstance(screen, DetailScreen)
    item = screen.item
    assert item is not None
    return rendered(screen.body(item, app.state.today, app.state), width=110)


def problem(app: FollowupApp, field: str) -> str:
    return str(app.screen.query_one(f"#{field}-problem", Label).render())


async def test_add_an_interview_through_the_form(make_app: MakeApp, tmp_path: Path) -> None:
    path = tmp_path / "new.json"
    app = make_app(path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, CardFormScreen)
        assert app.screen.query_one("#when", Input).value == "2026-11-24 09:30"
        await pilot.press(*"Zoë & Co")
        await pilot.press("tab", *"Analyst", "tab")
        app.screen.query_one("#when", Input).value = "fri 10am"
        await pilot.pause()
        assert problem(app, "when").startswith("= Fri 20 Nov 2026 10:00")
        app.screen.query_one(".contact-name", Input).value = "Ann Lee"
        app.screen.query_one(".contact-email", Input).value = "ann@zoe.example"
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        app.flush()
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        card = Store(path).get(1)
        assert (card.company, card.role, card.interview_day) == ("Zoë & Co", "Analyst", date(2026, 11, 20))
        assert card.contacts[0].email == "ann@zoe.example"
        assert "Zoë & Co" in column_lines(app.screen.columns[Stage.INTERVIEWED])[0]


async def test_form_explains_every_problem_and_saves_nothing_until_fixed(
    make_app: MakeApp, tmp_path: Path
) -> None:
    path = tmp_path / "new.json"
    app = make_app(path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert problem(app, "company") == ""  # an empty new form shows no error before typing or saving
        form.query_one("#when", Input).value = "the day after never"
        form.query_one("#zone", Input).value = "Mars/Olympus"
        form.query_one(".contact-email", Input).value = "not-an-email"
        form.query_one(".contact-phone", Input).value = "call me"
        await pilot.pause()
        assert "is not a date" in problem(app, "when") or "✗" in problem(app, "when")
        assert "unknown time zone 'Mars/Olympus'" in problem(app, "zone")
        contact_problem = str(form.query_one(".contact-problem", Label).render())
        assert "does not look like an email" in contact_problem
        assert "does not look like a phone number" in contact_problem
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert app.focused is form.query_one("#company", Input)
        assert "company name is required" in problem(app, "company")
        assert not path.exists()


async def test_escape_cancels_at_once_when_nothing_was_typed_and_asks_otherwise(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Acme")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, CardFormScreen)
        assert app.screen.query_one("#company", Input).value == "Acme"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert len(app.state.items) == 14


async def test_edit_changes_the_card_and_keeps_its_timeline(make_app: MakeApp, demo_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#company", Input).value == "Northwind Analytics"
        app.screen.query_one("#role", Input).value = "Lead Data Analyst"
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.flush()
        card = Store(demo_path).get(1)
        assert card.role == "Lead Data Analyst"
        assert len(card.events) == 1
        await pilot.press("u")
        await pilot.pause()
        app.flush()
        assert Store(demo_path).get(1).role == "Senior Data Analyst"


async def test_delete_asks_first_and_can_be_undone(make_app: MakeApp, demo_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert app.state.get(1) is not None
        await pilot.press("d", "y")
        await pilot.pause()
        app.flush()
        assert app.state.get(1) is None
        assert 1 not in {c.id for c in Store(demo_path).load()}
        await pilot.press("u")
        await pilot.pause()
        app.flush()
        assert Store(demo_path).get(1).company == "Northwind Analytics"


async def test_detail_shows_everything_and_its_actions_change_the_card(
    make_app: MakeApp, demo_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.press("right")  # Thanked: Tidewater, a call overdue
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        body = detail_text(app)
        assert "Tidewater Logistics" in body
        assert "Margaret Osei" in body
        assert "When to call: best 10:00-11:30 or 14:00-16:00 their time" in body
        assert "Timeline" in body
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("enter")  # today, no note
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        app.screen.query_one("#note", Input).value = "Second round next week"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        app.screen.query_one("#day", Input).value = "2026-12-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("ctrl+s")  # offer, today
        await pilot.pause()
        app.flush()
        card = Store(demo_path).get(6)
        kinds = [e.kind for e in card.events[-4:]]
        assert kinds == [EventKind.FOLLOWUP, EventKind.REPLY, EventKind.INSTRUCTION, EventKind.MOVED]
        assert card.events[-3].note == "Second round next week"
        instruction = card.events[-2].instruction
        assert instruction is not None
        assert (instruction.kind, instruction.until) == (InstructionKind.CONTACT_ON, date(2026, 12, 1))
        assert (card.stage, card.outcome) == (Stage.CLOSED, Outcome.OFFER)
        body = detail_text(app)
        assert "closed: offer" in body


async def test_move_with_a_date_records_that_date(make_app: MakeApp, demo_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("M")
        await pilot.pause()
        app.screen.query_one("#on", Input).value = "yesterday"
        await pilot.pause()
        assert "Mon 23 Nov 2026" in problem(app, "on")
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.flush()
        card = Store(demo_path).get(1)
        assert card.stage is Stage.THANKED
        assert card.events[-1].on == date(2026, 11, 23)


async def test_a_bad_date_in_a_dialog_is_explained_and_nothing_changes(
    make_app: MakeApp, demo_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await pilot.pause()
        app.screen.query_one("#on", Input).value = "someday"
        await pilot.press("enter")
        await pilot.pause()
        assert "✗" in problem(app, "on")
        await pilot.press("escape")
        await pilot.pause()
        app.flush()
        assert len(Store(demo_path).get(1).events) == 1


async def test_rejection_suggests_asking_for_referrals_and_drafts_it(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("down", "down", "down")  # offer, accepted, declined, rejected
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        card = app.state.get(1)
        assert card is not None
        assert card.card.outcome is Outcome.REJECTED
        assert any("other openings" in str(n.message) for n in app._notifications)


async def test_hostile_text_shows_literally_in_detail_and_form(make_app: MakeApp, tmp_path: Path) -> None:
    path = tmp_path / "hostile.json"
    app = make_app(path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#company", Input).value = "[bold red]Evil[/]"
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        app.flush()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        body = detail_text(app)
        assert "[bold red]Evil[/]" in body
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#company", Input).value == "[bold red]Evil[/]"


async def test_keys_typed_straight_after_a_go_into_the_forms_first_field(make_app: MakeApp) -> None:
    """Over SSH "a" and the company's name arrive together, before the form has focused a field."""
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        type_ahead(app, ["a", "A", "c", "m", "e"])
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, CardFormScreen)
        assert app.screen.query_one("#company", Input).value == "Acme"
        type_ahead(app, ["escape"])  # something typed: it asks before throwing it away
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)


async def test_a_form_typed_in_one_burst_fills_each_field_in_turn(make_app: MakeApp) -> None:
    """Tab moves on before the characters after it are handed out: "Acme<tab>Analyst" fills two boxes."""
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        type_ahead(app, ["a", *"Acme", "tab", *"Analyst"])
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, CardFormScreen)
        assert app.screen.query_one("#company", Input).value == "Acme"
        assert app.screen.query_one("#role", Input).value == "Analyst"
        type_ahead(app, ["shift+tab", "shift+tab", "tab", "tab", "tab"])  # back and on again, at once
        await pilot.pause()
        assert app.screen.focused is app.screen.query_one("#when", Input)


@pytest.mark.parametrize("round_", range(5))
async def test_add_forms_typed_in_one_burst_each_save_exactly_what_was_typed(
    make_app: MakeApp, tmp_path: Path, round_: int
) -> None:
    """ "a", a company, tab, a role and ctrl+s, typed without a pause for the screen: ten forms
    in one burst, in each of five rounds (fifty in all). The save waits for every key before it."""
    path = tmp_path / "burst.json"
    app = make_app(path=path)
    typed = [(f"Burstco{round_}{n}", f"Engineer{round_}{n}") for n in range(10)]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        type_ahead(app, [key for company, role in typed for key in ("a", *company, "tab", *role, "ctrl+s")])

        def top() -> object:
            return app.screen_stack[-1] if app.screen_stack else None

        def refused(form: object) -> bool:
            # A form still mounting has no status line yet: it has refused nothing.
            status = form.query("#form-status").results(Static) if isinstance(form, CardFormScreen) else ()
            return any(str(line.render()) for line in status)

        while len(app.state.items) < len(typed) and isinstance(top(), (BoardScreen, CardFormScreen)):
            await pilot.pause(0.02)
            if refused(top()):
                break
        assert isinstance(app.screen, BoardScreen)
        app.flush()
    assert sorted((card.company, card.role) for card in Store(path).load()) == typed


def visible(widget: Widget) -> bool:
    """Whether all of ``widget`` is inside the part of its scrolling box on screen."""
    box = next((a for a in widget.ancestors if isinstance(a, ScrollableContainer)), None)
    return (box.content_region if box else widget.screen.region).contains_region(widget.region)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_the_form_keeps_the_focused_field_in_view(make_app: MakeApp, size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, CardFormScreen)
        seen = []
        for key in ["tab"] * 14 + ["shift+tab"] * 14:
            await pilot.press(key)
            await pilot.pause()
            assert app.focused is not None
            seen.append(app.focused)
            assert visible(app.focused), f"{key} to {app.focused!r}: not in view"
        assert form.query_one(".contact-address", Input) in seen
        assert form.query_one("#notes") in seen
        await pilot.press("ctrl+n")  # a second interviewer, focused on its name
        await pilot.pause()
        assert app.focused is form.query(".contact-name").last()
        assert visible(app.focused)
        body = form.query_one("#form-body", ScrollableContainer)
        body.scroll_home(animate=False)
        await pilot.pause()
        role = form.query_one("#role", Input)
        body.scroll_to(y=role.virtual_region.y + 2, animate=False)  # the role's box cut in half
        await pilot.pause()
        assert not visible(role)
        await pilot.click(role, offset=(2, 2))
        await pilot.pause()
        assert app.focused is role
        assert visible(role)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_a_refused_save_shows_the_first_bad_field_and_says_so_once(
    make_app: MakeApp, size: tuple[int, int], tmp_path: Path
) -> None:
    path = tmp_path / "new.json"
    app = make_app(path=path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("a", *"Acme", *["tab"] * 6, *"not-an-email", *["shift+tab"] * 6)
        await pilot.pause()
        form = app.screen
        email = form.query_one(".contact-email", Input)
        assert email.value == "not-an-email"
        assert app.focused is form.query_one("#company", Input)
        assert not visible(email)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert app.focused is email
        assert visible(email)
        problem_line = form.query_one(".contact-problem", Label)
        assert visible(problem_line)
        assert "does not look like an email" in str(problem_line.render())
        assert str(form.query_one("#form-status", Static).render()) == "Fix the fields marked ✗ to save."
        assert not app._notifications  # said once, under the form: not in a toast as well
        assert not path.exists()


async def test_a_dialog_too_tall_for_the_terminal_scrolls_to_its_focused_field(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        app.clear_notifications()  # the greeting
        await pilot.press("i")
        await pilot.pause()
        dialog = app.screen
        assert problem(app, "day") == ""  # nothing typed, no save tried: no error yet
        note = dialog.query_one("#note", Input)
        assert not visible(note)
        assert app.focused is dialog.query_one("#kind")
        for _ in range(3):  # the date they gave, when they said it, the note
            await pilot.press("tab")
            await pilot.pause()
            assert app.focused is not None
            assert visible(app.focused)
        assert app.focused is note
        await pilot.press("ctrl+s")  # refused: the date they gave is missing
        await pilot.pause()
        assert app.screen is dialog
        day = dialog.query_one("#day", Input)
        assert app.focused is day
        assert visible(day)
        assert "the date they asked you to contact them" in problem(app, "day")
        assert visible(dialog.query_one("#day-problem", Label))
        assert not app._notifications  # said under the field and in the box's border, not in a toast


async def test_keys_typed_ahead_of_a_dialog_go_into_its_field(make_app: MakeApp, demo_path: Path) -> None:
    """ "f", a day and enter in one burst: the day replaces "today" and the follow-up is logged on it."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        type_ahead(app, ["f", *"yesterday", "enter"])
        for _ in range(20):
            await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        app.flush()
        card = Store(demo_path).get(1)
        assert (card.events[-1].kind, card.events[-1].on) == (EventKind.FOLLOWUP, date(2026, 11, 23))


class _NeverFocuses(ModalScreen[None]):
    """A screen that says it will focus a field and never does."""

    BINDINGS: ClassVar[list[BindingType]] = [("x", "dismiss", "Close")]
    awaiting_focus = True

    def compose(self) -> ComposeResult:
        yield Static("nothing to focus")


async def test_keys_are_never_held_for_good(make_app: MakeApp) -> None:
    """A screen that never focuses its field holds the keys typed ahead of it for a moment only."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = _NeverFocuses()
        await app.push_screen(screen)
        type_ahead(app, ["x"])
        await pilot.pause(0.5)
        assert app.screen is screen  # held: the screen might still focus its field
        await pilot.pause(GIVE_UP_AFTER + 0.5)
        assert isinstance(app.screen, BoardScreen)


@pytest.mark.parametrize(
    ("keys", "outcome"), [(["down"] * 3, Outcome.REJECTED), (["down", "up"], Outcome.OFFER)]
)
async def test_an_outcome_chosen_and_saved_in_one_burst_is_the_one_saved(
    make_app: MakeApp, keys: list[str], outcome: Outcome
) -> None:
    """The choice is read from the buttons as they are when ctrl+s comes, not from a message on its way."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        type_ahead(app, ["x", *keys, "enter", "ctrl+s"])
        for _ in range(20):
            await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        item = app.state.get(1)
        assert item is not None
        assert item.card.outcome is outcome


async def test_a_dialog_reads_its_choice_from_the_buttons_not_from_messages_on_their_way(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, OutcomePrompt)
        dialog.query_one("#outcome-rejected", RadioButton).value = True  # its message not yet handled
        choice = dialog.result()
        assert choice is not None
        assert choice.outcome is Outcome.REJECTED
        await pilot.pause()
        choice = dialog.result()  # and the same once the set has caught up
        assert choice is not None
        assert choice.outcome is Outcome.REJECTED
