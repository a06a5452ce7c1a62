"""The key table: one declaration per key, per screen, and the checks on a user's keymap."""

from __future__ import annotations

import pytest
from textual.binding import Binding

from tui import keys
from tui.app import FollowupApp
from tui.screens.agenda import AgendaScreen
from tui.screens.board import BoardScreen
from tui.screens.card_form import CardFormScreen
from tui.screens.detail import DetailScreen
from tui.screens.dialogs import ConfirmDialog, DatePrompt
from tui.screens.draft import DraftScreen
from tui.screens.help import HelpScreen, LegendScreen
from tui.screens.stats import StatsScreen
from tui.widgets.agenda_list import AgendaList
from tui.widgets.column import CardList

#: Each class that declares bindings, and the keys it must declare.
DECLARED = [
    (BoardScreen, keys.BOARD_KEYS),
    (CardList, keys.COLUMN_KEYS),
    (AgendaScreen, keys.AGENDA_KEYS),
    (AgendaList, keys.COLUMN_KEYS),
    (DetailScreen, keys.DETAIL_KEYS),
    (DraftScreen, keys.DRAFT_KEYS),
    (CardFormScreen, keys.FORM_KEYS),
    (ConfirmDialog, keys.CONFIRM_KEYS),
    (DatePrompt, keys.PROMPT_KEYS),
    (StatsScreen, keys.STATS_KEYS),
    (HelpScreen, keys.PANEL_KEYS),
    (LegendScreen, keys.PANEL_KEYS),
    (FollowupApp, keys.APP_KEYS),
]


@pytest.mark.parametrize(("owner", "declared"), DECLARED, ids=lambda v: getattr(v, "__name__", ""))
def test_every_binding_comes_from_the_key_table_with_an_id(
    owner: type, declared: tuple[keys.Key, ...]
) -> None:
    declared_here = owner.BINDINGS  # type: ignore[attr-defined]
    own = [b for b in declared_here if isinstance(b, Binding)]
    assert len(own) == len(declared_here)  # no bare tuples either
    assert [(b.id, b.key, b.action, b.description, b.show, b.priority) for b in own] == [
        (k.id, k.keys, k.action, k.description, k.show, k.priority) for k in declared
    ]
    assert all(b.tooltip for b in own)


def test_an_id_shared_by_screens_means_the_same_keys_and_command() -> None:
    seen: dict[str, keys.Key] = {}
    for table in keys.TABLES:
        ids = [k.id for k in table.inner + table.keys]
        assert len(ids) == len(set(ids)), table.slug
        for key in table.inner + table.keys:
            first = seen.setdefault(key.id, key)
            assert (first.keys, first.action, first.description, first.help) == (
                key.keys,
                key.action,
                key.description,
                key.help,
            ), key.id
    assert {"log_followup", "draft", "open", "undo"} <= {k.id for k in keys.DETAIL_KEYS + keys.AGENDA_KEYS}


@pytest.mark.parametrize("table", keys.TABLES, ids=lambda t: t.slug)
def test_no_two_commands_of_a_screen_share_a_key_by_default(table: keys.KeyTable) -> None:
    owner: dict[str, str] = {}
    for key in table.all_keys():
        for name in key.key_list():
            assert owner.setdefault(keys.key_name(name), key.id) == key.id, (table.slug, name)


def test_the_default_keymap_is_fine() -> None:
    assert keys.keymap_problems({}) == []
    assert keys.keymap_problems({"undo": "u,ctrl+z", "agenda_back": "escape,b"}) == []


def test_an_unknown_id_is_named() -> None:
    assert keys.keymap_problems({"advance": "n"}) == [
        "keymap.advance: no key has this id (the README's key tables list them)"
    ]


def test_an_empty_binding_is_refused() -> None:
    (problem,) = keys.keymap_problems({"sort": " , "})
    assert problem.startswith("keymap.sort: give at least one key")


def test_a_clash_on_one_screen_is_named_with_the_screen() -> None:
    (problem,) = keys.keymap_problems({"add": "a", "sort": "a"})
    assert problem == "keymap: a would do both add and sort (the board)"


def test_a_clash_is_found_whatever_the_spelling_of_the_key() -> None:
    (problem,) = keys.keymap_problems({"sort": ">", "move_next": "greater_than_sign"})
    assert "move_next and sort" in problem


def test_a_key_the_user_gives_takes_a_default_key_of_the_same_screen() -> None:
    """A keymap valid before rounds (n for move_next) still is: n moves, and round has no key there."""
    keymap = {"move_next": "n"}
    assert keys.keymap_problems(keymap) == []
    assert keys.table_keymap(keys.BOARD, keymap) == {"move_next": "n", "round": ""}
    assert keys.table_keymap(keys.AGENDA, keymap) == keymap  # no move_next there: round keeps n
    assert keys.keys_text(keys.every_key()["round"], keys.table_keymap(keys.BOARD, keymap)) == "no key"
    assert keys.keymap_notes(keymap) == [
        "keymap: your n for move_next leaves round with no key on the board: "
        "give it one in [keymap] (ctrl+p runs it meanwhile)"
    ]


def test_a_sentence_names_the_key_a_command_has_on_its_screen() -> None:
    """u sorts and t moves on the board in this keymap: undo is ctrl+z there, and today is the palette's."""
    keymap = {"sort": "u", "move_next": "t"}
    assert keys.keymap_problems(keymap) == []
    assert keys.key_word("undo", keymap, keys.BOARD) == "Ctrl+z"
    assert keys.key_word("agenda", keymap, keys.BOARD) == "Ctrl+p"
    assert keys.key_word("undo", keymap, keys.DETAIL) == "u"  # nothing takes u on a card
    assert keys.key_word("undo", {}, keys.BOARD) == keys.key_word("undo") == "u"


def test_a_command_keeps_the_default_keys_nobody_took() -> None:
    keymap = {"sort": "u"}  # undo is u and ctrl+z
    assert keys.keymap_problems(keymap) == []
    assert keys.table_keymap(keys.BOARD, keymap)["undo"] == "ctrl+z"
    assert keys.keymap_notes(keymap) == []


def test_a_key_a_list_or_the_app_answers_first_is_still_a_clash() -> None:
    # The focused list sees k before the board does, and ctrl+c quits from any screen.
    assert keys.keymap_problems({"sort": "k"}) == ["keymap: k would do both cursor_up and sort (the board)"]
    assert "keymap: Ctrl+c would do both sort and quit_app (the board)" in keys.keymap_problems(
        {"sort": "ctrl+c"}
    )


def test_a_key_free_on_a_screen_may_be_reused_on_another() -> None:
    # q quits the board and closes the detail: rebinding the detail's back to b leaves both fine.
    assert keys.keymap_problems({"detail_back": "b", "draft_copy": "c"}) == []


def test_swapping_two_keys_is_no_clash() -> None:
    assert keys.keymap_problems({"add": "s", "sort": "a"}) == []


def test_a_shared_card_key_clashes_on_every_screen_that_has_it() -> None:
    problems = keys.keymap_problems({"log_followup": "ctrl+c"})
    assert any("(the board)" in p for p in problems)
    assert any("(a card)" in p for p in problems)
    assert any("(today (the agenda))" in p for p in problems)


def test_key_names_follow_textual() -> None:
    assert [keys.key_name(k) for k in (">", "?", "/", "a", "ctrl+s", " M ")] == [
        "greater_than_sign",
        "question_mark",
        "solidus",
        "a",
        "ctrl+s",
        "M",
    ]


def test_key_text_applies_the_keymap() -> None:
    board = {k.id: k for k in keys.BOARD_KEYS}
    assert keys.keys_text(board["move_next"]) == "> Shift+→"
    assert keys.keys_text(board["move_next"], {"move_next": "n, ctrl+right"}) == "n Ctrl+→"


def test_markdown_table_lists_a_screen_with_its_lists_keys() -> None:
    table = keys.markdown_table(keys.AGENDA, {"agenda_back": "b"})
    lines = table.splitlines()
    assert lines[2] == "| `↑ k` | Previous card in the column | `cursor_up` |"
    assert "| `b` | Back to the board | `agenda_back` |" in lines
    assert len(lines) == 2 + len(keys.COLUMN_KEYS) + len(keys.AGENDA_KEYS)
