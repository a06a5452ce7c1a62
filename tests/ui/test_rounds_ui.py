"""The round key and dialog as a user meets them: from the board, the card and the agenda."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Label, OptionList

from tests.textual_probes import notified, type_ahead
from tests.ui.board_parts import opened
from tests.ui.conftest import MakeApp
from tui.app import FollowupApp
from tui.domain import ops
from tui.domain.stages import Action
from tui.domain.wall import WallTime
from tui.messages import ChangeCard
from tui.screens.agenda import AgendaScreen, _CardLines
from tui.screens.detail import DetailScreen
from tui.screens.round_form import RemoveRoundPrompt, RoundPrompt
from tui.store import Store

SIZE = (100, 34)
TIDEWATER = 6  # the Thanked column's most urgent card: its call is overdue
#: Two days after the demo's moment.
_AT_THURSDAY = WallTime(datetime(2026, 11, 26, 16, 0), "Europe/London")


async def round_dialog_for_tidewater(app: FollowupApp, pilot: Pilot[None]) -> RoundPrompt:
    """The board drawn, the round dialog opened on the Thanked column's first card (Tidewater)."""
    await pilot.pause()
    await pilot.press("right", "n")
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, RoundPrompt)
    return dialog


async def test_the_round_key_adds_a_round_that_stops_the_chasing(make_app: MakeApp, demo_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await round_dialog_for_tidewater(app, pilot)
        await pilot.press(*"thu 2pm")
        await pilot.pause()
        assert (
            str(dialog.query_one("#at-problem", Label).render()) == "= Thu 26 Nov 2026 14:00 (Europe/London)"
        )
        await pilot.press("tab", *"final")
        dialog.query_one("#met-0", Checkbox).value = True
        await pilot.pause()
        assert "Margaret Osei (met)" in str(
            dialog.query_one("#met-0", Checkbox).label
        )  # a cue without colour
        dialog.query_one("#new", Input).value = "Dee Rao"
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.flush()
        item = app.state.get(TIDEWATER)
        assert item is not None
        assert (item.verdict.action, item.verdict.opens_on.isoformat()) == (Action.INTERVIEW, "2026-11-26")  # type: ignore[union-attr]
    card = Store(demo_path).get(TIDEWATER)
    assert card.rounds[-1].at == WallTime(datetime(2026, 11, 26, 14, 0), "Europe/London")
    assert (card.rounds[-1].label, card.rounds[-1].met) == ("final", ("Margaret Osei", "Dee Rao"))
    assert card.contacts[-1].name == "Dee Rao"


async def test_the_round_dialog_says_nothing_wrong_until_typed_in_or_saved(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await round_dialog_for_tidewater(app, pilot)
        problem = dialog.query_one("#at-problem", Label)
        assert str(problem.render()).strip() == ""  # an empty new dialog is not wrong yet
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert str(problem.render()).startswith("✗")
        assert dialog.focused is dialog.query_one("#at", Input)


async def test_a_time_that_does_not_parse_is_named_and_nothing_is_saved(
    make_app: MakeApp, demo_path: Path
) -> None:
    before = Store(demo_path).get(TIDEWATER)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("right", "n", *"someday", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RoundPrompt)
        assert "✗" in str(app.screen.query_one("#at-problem", Label).render())
        await pilot.press("escape")
        await pilot.pause()
        app.flush()
    assert Store(demo_path).get(TIDEWATER) == before


async def test_the_round_key_works_on_the_card_and_the_agenda(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await on_card(app, pilot, TIDEWATER)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, RoundPrompt)
        await pilot.press("escape", "escape")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, RoundPrompt)


async def test_an_agenda_row_names_a_round_ahead_and_when_a_hold_ends(make_app: MakeApp) -> None:
    """A thank-you owed with the next round booked says both; a hold says the first business day after it."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        northwind = next(i for i in app.state.items if i.card.company == "Northwind Analytics")
        app.post_message(
            ChangeCard(northwind.card.id, lambda c: ops.add_round(c, _AT_THURSDAY, label="final"), "round")
        )
        await pilot.pause()
        rows = {
            i.card.company: [t.plain.strip() for t in _CardLines(app.state, False).lines(i)]
            for i in app.state.items
        }
        assert (
            rows["Northwind Analytics"][1] == "thank-you overdue by 1 day · next interview Thu 26 Nov 16:00"
        )
        assert (
            rows["Fernhill Energy"][1] == "on hold until Fri 4 Dec (then act from Mon 7 Dec)"
        )  # not Saturday
        assert rows["Juniper Labs"][1] == "interview Tue 8 Dec 10:00"  # the state line names it: once


JUNIPER = 7  # three rounds: 10 and 19 Nov, and 8 Dec (ahead of the demo's moment)


async def on_card(app: FollowupApp, pilot: Pilot[None], card_id: int) -> None:
    """The board drawn, then the screen of the card ``card_id`` on top of it."""
    await pilot.pause()
    await app.push_screen(DetailScreen(card_id))
    await pilot.pause()


async def test_a_round_is_removed_from_the_card_and_undo_brings_it_back(
    make_app: MakeApp, demo_path: Path
) -> None:
    before = Store(demo_path).get(JUNIPER)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await on_card(app, pilot, JUNIPER)
        prompt = await opened(pilot, "N", RemoveRoundPrompt)
        assert prompt.query_one("#rounds", OptionList).highlighted == 2  # at first the round ahead
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        app.flush()
        assert [r.at.local.day for r in Store(demo_path).get(JUNIPER).all_rounds] == [10, 19]
        await pilot.press("u")
        await pilot.pause()
        app.flush()
    assert Store(demo_path).get(JUNIPER) == before


async def test_keys_typed_ahead_pick_the_round_to_remove(make_app: MakeApp, demo_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await on_card(app, pilot, JUNIPER)
        type_ahead(app, ["N", "up", "enter"])  # in one burst, before the list is up
        await pilot.pause()
        await pilot.pause()
        app.flush()
        assert [r.at.local.day for r in Store(demo_path).get(JUNIPER).all_rounds] == [10, 8]


async def test_a_card_keeps_its_only_round(make_app: MakeApp, demo_path: Path) -> None:
    before = demo_path.read_bytes()
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await on_card(app, pilot, TIDEWATER)
        await pilot.press("N")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        assert any("keeps its one round" in n for n in notified(app))
    assert demo_path.read_bytes() == before
