"""Requests that screens and widgets send up to the app.

Widgets never touch the store: a key on the board, a button in a dialog, or a
command in the palette all post one of these, and the app's single handler
applies it through the store and records it for undo.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.message import Message

from tui.domain.model import Interview


@dataclass
class ChangeCard(Message):
    """Apply a pure operation (from ``tui.domain.ops``) to one card.

    ``description`` is past tense for the undo toast, e.g. "moved Acme to Thanked".
    """

    card_id: int
    change: Callable[[Interview], Interview]
    description: str


@dataclass
class AddCard(Message):
    """Create a card: ``make`` receives the id the store allocates."""

    make: Callable[[int], Interview]
    description: str


@dataclass
class DeleteCard(Message):
    """Remove a card (undoable)."""

    card_id: int
    description: str


@dataclass
class FocusCard(Message):
    """Ask the board to put the cursor on a card (e.g. after it moved column)."""

    card_id: int


class UndoChange(Message):
    """Take the last change back (a toast says which, or that there is nothing to undo)."""
