"""Card keys: one dispatcher on the board, the card and the agenda, every key rebindable, one palette."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button

from tests.textual_probes import notified
from tests.ui.board_parts import opened
from tests.ui.conftest import MakeApp, rendered
from tui.app import FollowupApp
from tui.config import Settings
from tui.domain.rules import Rules
from tui.domain.stages import Stage
from tui.screens.agenda import AgendaScreen, _CardLines
from tui.screens.board import BoardScreen
from tui.screens.card_form import CardFormScreen
from tui.screens.detail import DetailScreen
from tui.screens.dialogs import ConfirmDialog, DatePrompt
from tui.screens.draft import DraftScreen
from tui.screens.help import HelpScreen, LegendScreen

SIZE = (100, 34)
#: Keys that bring each card screen up on the demo board, with the most urgent card in hand.
REACH = {"board": [], "detail": ["enter"], "agenda": ["t"]}
SCREEN = {"board": BoardScreen, "detail": DetailScreen, "agenda": AgendaScreen}


def _in_hand(app: FollowupApp) -> str:
    card = app.screen.card_in_hand()  # type: ignore[attr-defined]
    assert card is not None
    return str(card.company)


@pytest.mark.parametrize("where", list(REACH))
async def test_a_card_key_does_the_same_on_every_card_screen(make_app: MakeApp, where: str) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*REACH[where])
        await pilot.pause()
        assert isinstance(app.screen, SCREEN[where])
        company = _in_hand(app)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, DatePrompt)
        assert app.screen.title_text == f"Log a follow-up: {company}"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SCREEN[where])


@pytest.mark.parametrize("where", list(REACH))
async def test_one_keymap_line_rebinds_a_card_key_on_every_screen(make_app: MakeApp, where: str) -> None:
    app = make_app(settings=Settings(keymap={"log_followup": "F"}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*REACH[where])
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, SCREEN[where])  # f no longer logs a follow-up
        await pilot.press("F")
        await pilot.pause()
        assert isinstance(app.screen, DatePrompt)


async def test_the_agenda_and_card_keys_of_their_own_can_be_rebound(make_app: MakeApp) -> None:
    app = make_app(settings=Settings(keymap={"agenda_back": "b", "detail_back": "B"}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await opened(pilot, "t", AgendaScreen)
        await pilot.press("q", "escape")  # the agenda's default keys: no longer its own
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        await opened(pilot, "enter", DetailScreen)
        await opened(pilot, "b", DetailScreen)  # the agenda's key, not the card's
        await opened(pilot, "B", AgendaScreen)
        await opened(pilot, "b", BoardScreen)


async def test_a_dialogs_keys_can_be_rebound(make_app: MakeApp) -> None:
    app = make_app(settings=Settings(keymap={"confirm_yes": "o"}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        company = _in_hand(app)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert company not in [i.card.company for i in app.state.items]


async def test_a_form_and_a_dialog_name_the_keys_the_user_chose(make_app: MakeApp) -> None:
    keymap = {"form_save": "f3", "form_cancel": "f2", "prompt_save": "f3", "prompt_cancel": "f2"}
    app = make_app(settings=Settings(keymap=keymap))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = await opened(pilot, "a", CardFormScreen)
        assert str(form.query_one(".form").border_subtitle).startswith("f3 save · f2 cancel · ")
        assert [str(form.query_one(f"#{b}", Button).label) for b in ("save", "cancel")] == [
            "Save (f3)",
            "Cancel (f2)",
        ]
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, DatePrompt)
        assert prompt.query_one("#prompt").border_subtitle == "enter/f3: save · f2: cancel"


async def test_a_draft_and_the_help_name_the_keys_the_user_chose(make_app: MakeApp) -> None:
    keymap = {"draft_edit": "ctrl+e", "draft_back": "f2", "panel_close": "f2"}
    app = make_app(settings=Settings(keymap=keymap))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        draft = await opened(pilot, "c", DraftScreen)
        subtitle = str(draft.query_one("#draft").border_subtitle)
        assert subtitle.startswith("y copy · ctrl+e edit · w save · f2 back — ")
        await opened(pilot, "f2", BoardScreen)
        panel = await opened(pilot, "question_mark", HelpScreen)
        assert str(panel.query_one(".info-panel").border_subtitle) == "f2 closes"


async def test_a_closed_card_refuses_the_same_keys_on_the_board_and_its_detail(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("right", "right", "right", "right")
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        card = board.card_in_hand()
        assert card is not None
        assert card.stage is Stage.CLOSED
        refused = ["move_next", "log_followup", "instruct"]
        assert [board.check_action(a, ()) for a in refused] == [None] * 3
        assert board.check_action("log_reply", ()) is True
        await pilot.press("f", "greater_than_sign")
        await pilot.pause()
        assert app.screen is board
        await pilot.press("enter")
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, DetailScreen)
        assert [detail.check_action(a, ()) for a in refused] == [None] * 3
        # Closing a closed card again changes its outcome: offered on both screens.
        assert detail.check_action("close_card", ()) is True
        await pilot.press("x")
        await pilot.pause()
        assert app.screen is not detail
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert app.screen is board
        assert board.check_action("close_card", ()) is True
        await pilot.press("x")
        await pilot.pause()
        assert app.screen is not board


async def test_the_palette_offers_the_keys_of_the_screen_it_is_opened_on(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Next stage", "Filter", "Log follow-up"} <= titles
        await pilot.press("enter")
        await pilot.pause()
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Back", "Log follow-up", "Instruction", "Undo"} - titles == {"Undo"}  # nothing to undo yet
        assert "Next stage" not in titles
        await pilot.press("escape", "t")
        await pilot.pause()
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Board", "Open", "Log follow-up", "Reply", "Draft"} <= titles


async def test_an_empty_agenda_dims_its_card_keys(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app(path=tmp_path / "empty.json")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        agenda = app.screen
        assert isinstance(agenda, AgendaScreen)
        assert agenda.card_in_hand() is None
        assert agenda.check_action("log_followup", ()) is None
        assert agenda.check_action("back", ()) is True
        await pilot.press("f", "enter")
        await pilot.pause()
        assert app.screen is agenda


async def test_nag_wording_follows_the_configured_limit(make_app: MakeApp) -> None:
    """Lumen Education has three unanswered status checks: with a limit of two it nags."""
    app = make_app(settings=Settings(rules=Rules(nag_limit=2)))
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        lumen = next(i for i in app.state.items if i.card.company == "Lumen Education")
        assert lumen.verdict.nag
        # Its check opens beyond the agenda's week: its row is made as the agenda would make it.
        lines = [t.plain.strip() for t in _CardLines(app.state, False).lines(lumen)]
        assert "NAG: two checks with no reply; consider closing" in lines
        detail = DetailScreen(lumen.card.id)
        app.push_screen(detail)
        await pilot.pause()
        body = " ".join(rendered(detail.body(lumen, app.state.today, app.state)).split())
        assert "Two or more checks without a reply: more calls will not help." in body
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_text = " ".join(rendered(app.screen.body()).split())
        assert "After two unanswered status checks" in help_text
        assert "two or more checks with no reply: stop chasing" in help_text
        assert "three" not in help_text
        await pilot.press("escape", "L")
        await pilot.pause()
        assert isinstance(app.screen, LegendScreen)
        assert "two or more checks" in rendered(app.screen.body())


async def test_a_sentence_names_the_key_the_command_has_on_the_screen(make_app: MakeApp) -> None:
    """With u given to sort, undo is still ctrl+z on the board: the delete question and its toast say so."""
    app = make_app(settings=Settings(keymap={"sort": "u"}))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        dialog = await opened(pilot, "d", ConfirmDialog)
        assert dialog.question.endswith("(Ctrl+z undoes it)")
        await opened(pilot, "y", BoardScreen)
        assert any(n.endswith(". Press Ctrl+z to undo.") for n in notified(app))


async def test_sentences_that_name_a_key_follow_the_keymap(make_app: MakeApp) -> None:
    keymap = {"close": "C", "undo": "U"}
    app = make_app(settings=Settings(rules=Rules(nag_limit=2), keymap=keymap))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lumen = next(i for i in app.state.items if i.card.company == "Lumen Education")
        detail = DetailScreen(lumen.card.id)
        app.push_screen(detail)
        await pilot.pause()
        body = " ".join(rendered(detail.body(lumen, app.state.today, app.state)).split())
        assert "Consider closing it (C)." in body
        await pilot.press("d")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert dialog.question.endswith("(U undoes it)")


@pytest.mark.parametrize("width", [80, 100])
async def test_keys_that_do_not_fit_give_way_to_the_palette_which_lists_them(
    make_app: MakeApp, width: int
) -> None:
    from textual.command import CommandPalette

    from tui.widgets.keybar import KeyBar

    app = make_app()
    async with app.run_test(size=(width, 24)) as pilot:
        await opened(pilot, "enter", DetailScreen)
        bar = app.screen.query_one(KeyBar)
        line = bar.render_line(0).text
        assert line.rstrip().endswith("▏^p all keys"), line
        assert len(line) == width
        shown = line.split("▏")[0]
        # Whole keys only, in their order, tighter than the usual spacing: the first ones all there.
        assert shown.startswith("esc Back c Draft f Log follow-up r Reply i Instruction"), shown
        assert "Undo" not in shown, shown
        assert not shown.rstrip().endswith((" e", " E", " d", " x", " M")), shown
        await pilot.click(KeyBar, offset=(width - 3, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_keys_that_fit_are_all_shown_with_room_to_spare(make_app: MakeApp) -> None:
    from tui.widgets.keybar import KeyBar

    app = make_app()
    async with app.run_test(size=(160, 24)) as pilot:
        await opened(pilot, "enter", DetailScreen)
        line = app.screen.query_one(KeyBar).render_line(0).text
        assert line.startswith(" esc Back  c Draft  f Log follow-up "), line  # the usual spacing
        for word in ("Delete", "Undo", "^p palette"):
            assert word in line, line
        assert "all keys" not in line
