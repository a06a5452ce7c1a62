"""The undo history: changes taken back last first, each with the card before and after it."""

from __future__ import annotations

import msgspec

from tui.demo import build
from tui.services.undo import Undo, UndoHistory


def test_changes_are_taken_back_last_first_until_none_is_left() -> None:
    card = build()[0]
    edited = msgspec.structs.replace(card, notes="edited")
    history = UndoHistory()
    assert not history
    history.record("added Acme", None, card)
    history.record("edited Acme", card, edited)
    history.record("deleted Acme", edited, None)
    assert len(history) == 3
    assert history.take_last() == Undo("deleted Acme", edited, None)
    assert history.take_last() == Undo("edited Acme", card, edited)
    assert history.take_last() == Undo("added Acme", None, card)
    assert history.take_last() is None
    assert not history
