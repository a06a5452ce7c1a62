"""The agenda, drafts and stats screens."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from textual.widgets import Static

from tests.textual_probes import notified
from tests.ui.conftest import MakeApp
from tui.config import Settings
from tui.drafts import draft_for
from tui.screens.agenda import AgendaScreen, sections
from tui.screens.board import BoardScreen
from tui.screens.draft import DraftScreen
from tui.screens.stats import StatsScreen
from tui.widgets.agenda_list import AgendaList, Row

SIZE = (100, 34)


async def test_agenda_lists_overdue_then_due_then_coming_then_hold(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        groups = sections(app.state)
        now = [i.card.company for i in groups[0][1]]
        assert now[:2] == ["Northwind Analytics", "Tidewater Logistics"]
        assert {i.verdict.status.value for i in groups[0][1]} == {"overdue", "due"}
        assert "Cobalt Systems" in [i.card.company for i in groups[2][1]]
        assert [i.card.company for i in groups[3][1]] == ["Fernhill Energy"]
        agenda = app.screen.query_one(AgendaList)
        assert agenda.card_id == 1  # the most urgent card is highlighted
        await pilot.press("down")
        assert agenda.card_id == app.state.get(agenda.card_id).card.id != 1  # type: ignore[union-attr]
        await pilot.press("t")
        assert isinstance(app.screen, BoardScreen)


async def test_start_toast_counts_what_is_due(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("2 overdue · 5 due now. Press t for" in message for message in notified(app))


async def test_start_toast_names_the_key_the_user_chose_for_today(make_app: MakeApp) -> None:
    app = make_app(settings=Settings(keymap={"agenda": "T"}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("due now. Press T for today's list." in message for message in notified(app))


async def test_start_toast_names_the_palette_when_a_keymap_took_the_key_for_today(make_app: MakeApp) -> None:
    app = make_app(settings=Settings(keymap={"move_next": "t"}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("due now. Press Ctrl+p for today's list." in message for message in notified(app))


async def test_draft_view_fills_the_card_and_copies(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, DraftScreen)
        text = str(app.screen.query_one("#draft-body", Static).render())
        assert "Dear Priya Raman" in text
        assert "Senior Data Analyst position at Northwind Analytics" in text
        await pilot.press("y")
        assert app.clipboard.startswith("Subject: Thank you")
        item = app.state.get(1)
        assert item is not None
        assert len(item.card.events) == 1  # copying marks nothing as sent


async def test_no_draft_for_a_card_closed_with_an_offer(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        item = next(i for i in app.state.items if i.card.company == "Quarry Street Books")
        assert draft_for(item.card, item.verdict, app.state.today) is None
        app.action_draft(item.card.id)
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)


async def test_stats_screen_shows_counts(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        text = str(app.screen.query_one("#stats-body", Static).render())
        assert "14 cards on 2026-11-24" in text
        assert "Reply rate" in text


async def test_the_agenda_is_kept_between_openings_and_shows_the_board_as_it_is_then(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[int] = []  # the agenda's rows replaced, how many each time
    real = AgendaList.set_rows

    def counting(self: AgendaList, rows: Sequence[Row], keep: int | None = None) -> None:
        made.append(len(rows))
        real(self, rows, keep)

    monkeypatch.setattr(AgendaList, "set_rows", counting)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        first = app.screen
        listed = first.query_one(AgendaList)
        assert isinstance(first, AgendaScreen)
        assert listed.card_id == 1
        await pilot.press("down", "escape")
        await pilot.pause()
        made.clear()
        await pilot.press("greater_than_sign", "greater_than_sign")  # card 1 moves on, twice
        await pilot.pause()
        assert made == []  # put aside: nothing is made for it while the board changes
        await pilot.press("t")
        await pilot.pause()
        assert app.screen is first
        assert len(made) == 1
        shown = [row.card_id for row in listed.rows if row.card_id is not None]
        assert shown == [i.card.id for _, items in sections(app.state) for i in items]
        assert listed.card_id == shown[0]  # from the most urgent card again
        await pilot.press("down", "enter")  # a card opened from the agenda, then closed
        await pilot.pause()
        here = listed.card_id
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is first
        assert listed.card_id == here  # uncovered, not reopened: where it was
        await pilot.press("escape", "t")  # reopened, the board unchanged: from the top again
        await pilot.pause()
        assert app.screen is first
        assert listed.card_id == shown[0] != here
        assert listed.scroll_y == 0


async def test_the_agenda_asked_for_twice_at_once_opens_once(make_app: MakeApp) -> None:
    from tui.screens.agenda import open_agenda

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(2):  # twice, then again after closing it
            open_agenda(app)
            open_agenda(app)
            await pilot.pause()
            assert [type(s).__name__ for s in app.screen_stack] == ["BoardScreen", "AgendaScreen"]
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, BoardScreen)


async def test_the_agenda_resumed_before_it_is_mounted_shows_nothing_until_it_is(make_app: MakeApp) -> None:
    """Textual may hand a new screen its resume before its widgets are mounted: it is shown once they are."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = AgendaScreen()
        app.install_screen(screen, "not-yet")
        screen.on_screen_resume()  # no widgets yet: nothing to show, nothing raised
        screen.on_screen_suspend()
        app.push_screen("not-yet")
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one(AgendaList).card_id == 1  # shown once mounted


async def test_the_first_card_of_a_section_is_shown_under_its_heading(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:  # the agenda is longer than the screen
        await pilot.press("t")
        await pilot.pause()
        listed = app.screen.query_one(AgendaList)
        await pilot.press("end")
        await pilot.pause()
        assert listed.scroll_y > 0
        await pilot.press("home")
        await pilot.pause()
        assert listed.card_id == 1
        assert listed.scroll_y == 0  # "Act now" is on screen above it
