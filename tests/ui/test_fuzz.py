"""Random keys against the demo board: no crash, and the file still holds a valid board.

The keys come from a fixed seed (``FOLLOWUP_FUZZ_SEED`` overrides it), named in every
failure so a failing run can be replayed. They are typed ahead, as a fast typist or a
paste does: a batch goes into the app's input queue at once and the test waits for
the app to go idle before the next batch.
"""

from __future__ import annotations

import os
import random
import string
import time
from pathlib import Path

import pytest
from textual.keys import _character_to_key
from textual.widgets import Input, Label

from tests.textual_probes import notified, type_ahead
from tests.ui.conftest import MakeApp, assert_nothing_injected
from tui.domain.stages import Stage
from tui.keys import ALL_KEYS
from tui.screens.detail import DetailScreen
from tui.screens.dialogs import DatePrompt
from tui.screens.draft import DraftScreen
from tui.store import Store

SEED = int(os.environ.get("FOLLOWUP_FUZZ_SEED", "20261124"))
PRESSES = 5000
BATCH = 50
SIZE = (120, 36)

#: Keys that end the app: the board's quit key (``q``; other screens read it as "back"),
#: the app's ``ctrl+c`` and Textual's ``ctrl+q``. ``ctrl+p`` opens the command palette,
#: whose Textual entries quit the app or save a screenshot outside the test's folder.
LEAVING = frozenset({"q", "ctrl+c", "ctrl+q", "ctrl+p"})

NAMED = (
    *("escape", "enter", "tab", "shift+tab", "backspace", "delete", "space"),
    *("up", "down", "left", "right", "home", "end", "pageup", "pagedown"),
    *(f"f{n}" for n in range(1, 13)),
    *(f"ctrl+{c}" for c in string.ascii_lowercase),
)


#: Pasted text (a terminal's bracketed paste), marked ``paste:`` in the pool: markup,
#: escape sequences, right-to-left and wide text, a paste longer than any field (10,000
#: characters are in the hostile-text tests).
PASTES = (
    "paste:[bold red]Evil[/] [x=",
    "paste:\x1b]0;PWNED\x07\x1b[2J\x00",
    "paste:\u202eשלום e\u0301 👩\u200d💻 漢字",
    "paste:2026-11-20 14:00",
    "paste:" + "long " * 200,
)


def key_pool() -> list[str]:
    """Every key the fuzz may press, as Textual names them (``/`` is ``slash``), and a few pastes."""
    app_keys = [key for k in ALL_KEYS for key in k.key_list()]
    printable = [_character_to_key(ch) for ch in string.ascii_letters + string.digits + string.punctuation]
    pool = sorted({*app_keys, *NAMED, *printable} - LEAVING)
    # The app's own keys count twice, so the board's commands come up often.
    return pool + sorted(set(app_keys) - LEAVING) + list(PASTES)


def test_the_pool_holds_the_board_keys_and_no_quit_key() -> None:
    pool = set(key_pool())
    assert {"a", "e", "d", "u", "t", "x", "slash", "greater_than_sign", "question_mark"} <= pool
    assert {"escape", "enter", "tab", "shift+tab", "f1", "f12", "ctrl+a", "ctrl+z", "pagedown"} <= pool
    assert not pool & LEAVING


async def test_random_keys_never_break_the_board(
    make_app: MakeApp, demo_path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # The draft screen's "edit" key runs $EDITOR: make it a no-op program.
    monkeypatch.setenv("VISUAL", "true")
    monkeypatch.chdir(tmp_path)
    rng = random.Random(SEED)
    pool = key_pool()
    keys = [rng.choice(pool) for _ in range(PRESSES)]
    screens: set[str] = set()
    app = make_app()
    started = time.monotonic()
    async with app.run_test(size=SIZE) as pilot:
        for start in range(0, PRESSES, BATCH):
            batch = keys[start : start + BATCH]
            where = f"seed {SEED}, keys {start}..{start + len(batch) - 1}: {batch!r}"
            try:
                type_ahead(app, batch)
                await pilot.pause()
            except Exception as exc:
                raise AssertionError(where) from exc
            assert app.is_running, f"the app stopped ({where})"
            assert_nothing_injected(app, where)  # pasted escapes are drawn, never sent
            screens.add(type(app.screen).__name__)
        while app.is_saving:
            app.flush()
            await pilot.pause()
        assert not app.unsaved, f"seed {SEED}: changes left unsaved: {app.unsaved!r}"
    elapsed = time.monotonic() - started
    assert app.return_code in (None, 0), f"seed {SEED}: the app ended with {app.return_code}"
    # The keys reached more than the board: forms, dialogs and side screens were opened.
    assert len(screens) >= 4, f"seed {SEED}: only saw {sorted(screens)}"
    try:
        cards = Store(demo_path).load()
    except Exception as exc:
        raise AssertionError(f"seed {SEED}: the board file no longer loads") from exc
    ids = [c.id for c in cards]
    assert len(set(ids)) == len(ids), f"seed {SEED}: duplicate ids {sorted(ids)}"
    bad = [(c.id, c.stage) for c in cards if not isinstance(c.stage, Stage)]
    assert not bad, f"seed {SEED}: cards without a valid stage: {bad}"
    print(f"seed {SEED}: {PRESSES} keys in {elapsed:.1f}s, screens {sorted(screens)}, {len(cards)} cards")


# -- what the fuzz found: each is kept as a plain test of the behaviour a user expects


async def test_a_date_typed_with_a_bracket_shows_as_typed(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")  # log a follow-up on the first card: asks for the date
        await pilot.pause()
        assert isinstance(app.screen, DatePrompt)
        app.screen.query_one("#on", Input).value = "[x="
        await pilot.pause()
        shown = str(app.screen.query_one("#on-problem", Label).render())
        assert shown.startswith("✗ '[x=' is not a date")
        assert isinstance(app.screen, DatePrompt)


async def test_enter_typed_twice_in_a_date_prompt_logs_once(make_app: MakeApp, demo_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        company = app.state.columns[Stage.INTERVIEWED][0].card.company
        before = next(c for c in Store(demo_path).load() if c.company == company)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, DatePrompt)
        type_ahead(app, ["enter", "enter"])  # a double tap, or two keys in one SSH packet
        await pilot.pause()
        app.flush()
        await pilot.pause()
        # Keys are handled in the order typed: the second enter is the board's (it opens the card).
        assert isinstance(app.screen, DetailScreen)
    after = next(c for c in Store(demo_path).load() if c.company == company)
    assert len(after.events) == len(before.events) + 1


async def test_edit_in_editor_where_the_app_cannot_suspend(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", "true")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")  # the draft of the first card's next step
        await pilot.pause()
        assert isinstance(app.screen, DraftScreen)
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, DraftScreen)
        assert app.is_running
        assert any("cannot hand over to an editor" in message for message in notified(app))
