"""The board's keys as a user finds them: help, the legend, a keymap, the palette, typing ahead."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tests.textual_probes import notified, type_ahead
from tests.ui.board_parts import SIZE, board, card_named, focused_list, opened
from tests.ui.conftest import MakeApp, rendered
from tui import keys
from tui.config import Settings
from tui.domain.stages import Stage
from tui.screens.agenda import AgendaScreen
from tui.screens.board import BoardScreen
from tui.screens.help import HelpScreen, LegendScreen
from tui.screens.round_form import RoundPrompt
from tui.store import Store


async def test_help_lists_every_key_from_the_declarations(make_app: MakeApp) -> None:
    app = make_app(settings=Settings(keymap={"move_next": "g", "form_save": "f3"}))
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = rendered(app.screen.body())
        for key in keys.ALL_KEYS:
            assert key.help in text, key.id
        assert "g " in text or "\ng" in text
        # Every other screen's keys follow the board's, each under its screen's name.
        for table in keys.TABLES:
            assert table.title in text or table is keys.BOARD, table.slug
            for key in table.keys:
                assert key.help in text, key.id
        form_keys = text[text.index(keys.FORM.title) :]
        assert "F3" in form_keys.split(keys.FORM_KEYS[0].help)[0]
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("L")
        await pilot.pause()
        assert isinstance(app.screen, LegendScreen)
        legend = rendered(app.screen.body())
        for word in ("LATE", "DUE", "WAIT", "HOLD", "DONE", "NAG"):
            assert word in legend
        await pilot.press("q")
        assert isinstance(app.screen, BoardScreen)


async def test_keymap_from_the_config_rebinds_a_key(make_app: MakeApp, demo_path: Path) -> None:
    app = make_app(settings=Settings(keymap={"move_next": "g"}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert focused_list(app).stage is Stage.INTERVIEWED
        await pilot.press("g")
        await pilot.pause()
        app.flush()
        assert card_named(Store(demo_path), "Northwind Analytics").stage is Stage.THANKED


async def test_a_keymap_from_before_rounds_opens_the_board_and_says_what_it_takes(
    make_app: MakeApp, demo_path: Path
) -> None:
    """n moved cards forward in the user's keymap before n added a round: their n still moves."""
    keymap = {"move_next": "n"}
    app = make_app(settings=Settings(keymap=keymap, keymap_notes=tuple(keys.keymap_notes(keymap))))
    async with app.run_test(size=(120, 60), notifications=True) as pilot:
        await pilot.pause()
        (note,) = [n for n in notified(app) if "keymap" in n]
        assert "your n for move_next leaves round with no key on the board" in note
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, RoundPrompt)
        app.flush()
        assert card_named(Store(demo_path), "Northwind Analytics").stage is Stage.THANKED
        palette = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert palette["Round"].endswith("(no key)")
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = rendered(app.screen.body())
        board_part, agenda_part = text.split(keys.AGENDA.title)[:2]
        round_help = keys.every_key()["round"].help

        def keys_for(part: str) -> str:
            return next(line for line in part.splitlines() if round_help in line).split(round_help)[0].strip()

        assert keys_for(board_part) == "no key"
        assert keys_for(agenda_part) == "n"  # no move_next on the agenda: n still adds a round there
        await pilot.press("escape")
        await opened(pilot, "t", AgendaScreen)
        await opened(pilot, "n", RoundPrompt)


async def test_command_palette_offers_the_board_commands(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Next stage" in titles
        assert "Filter" in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "CommandPalette"


async def test_q_quits(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_keys_typed_in_one_burst_go_where_the_key_before_them_sent_the_focus(make_app: MakeApp) -> None:
    """Over SSH a fast typist's keys arrive together: each key must meet the focus the last one set."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        columns = board(app).columns
        type_ahead(app, ["l", "j"])  # to Thanked, then down one card there
        await pilot.pause()
        assert focused_list(app) is columns[Stage.THANKED]
        assert columns[Stage.THANKED].cursor == 1
        assert columns[Stage.INTERVIEWED].cursor == 0
        type_ahead(app, ["slash", "n", "o", "r"])  # a filter typed straight after /
        await pilot.pause()
        assert app.screen.query_one("#filter", Input).value == "nor"
        assert isinstance(app.screen, BoardScreen)  # "r" (log a reply) opened no dialog
        assert app.state.filter_text == "nor"
