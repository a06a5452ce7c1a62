"""Random keys against the demo board: no crash, and the file still holds a valid board.

The seed is fixed (``FOLLOWUP_FUZZ_SEED`` overrides it) and named in every failure,
so a failing run can be replayed exactly. The default run sends 1,000 keys to stay
inside the suite's time; ``FOLLOWUP_FUZZ_PRESSES=5000`` sends the full 5,000 (about
five minutes, most of it Textual waiting for idle between keys).
"""

from __future__ import annotations

import os
import random
import string
from pathlib import Path

from tests.ui.conftest import MakeApp
from tui.domain.stages import Stage
from tui.keys import ALL_KEYS
from tui.store import Store

SEED = int(os.environ.get("FOLLOWUP_FUZZ_SEED", "20261124"))
PRESSES = int(os.environ.get("FOLLOWUP_FUZZ_PRESSES", "1000"))
BATCH = 50
#: Keys that would end the run early; the quit paths are tested on their own.
LEAVING = {"q", "ctrl+c", "ctrl+q"}

NAMED = [
    *("escape", "enter", "tab", "shift+tab", "backspace", "delete", "space", "home", "end"),
    *("up", "down", "left", "right", "pageup", "pagedown", "shift+left", "shift+right"),
    *(f"f{n}" for n in range(1, 13)),
    *(f"ctrl+{c}" for c in string.ascii_lowercase),
]


def key_pool() -> list[str]:
    app_keys = [key for k in ALL_KEYS for key in k.key_list()]
    printable = list(string.ascii_letters + string.digits + string.punctuation)
    pool = [k for k in [*app_keys, *app_keys, *NAMED, *printable] if k not in LEAVING]
    assert {"a", "e", "d", "u", "t", "slash"} <= set(pool)  # the board's own keys are in the mix
    return pool


async def test_random_keys_never_break_the_board(make_app: MakeApp, demo_path: Path) -> None:
    rng = random.Random(SEED)
    pool = key_pool()
    keys = [rng.choice(pool) for _ in range(PRESSES)]
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        for start in range(0, PRESSES, BATCH):
            batch = keys[start : start + BATCH]
            try:
                await pilot.press(*batch)
                await pilot.pause()
            except Exception as exc:
                raise AssertionError(f"seed {SEED}: keys {start}..{start + BATCH} {batch!r}") from exc
            assert app.is_running, f"seed {SEED}: the app stopped after keys up to {start + BATCH}"
        app.flush()
        assert not app.unsaved, f"seed {SEED}: changes left unsaved"
    cards = Store(demo_path).load()
    assert cards, f"seed {SEED}: the board is empty"  # 14 demo cards; deletions are undone or few
    assert len({c.id for c in cards}) == len(cards), f"seed {SEED}: duplicate ids"
    assert all(isinstance(c.stage, Stage) for c in cards), f"seed {SEED}: a card without a valid stage"
