"""One-key card actions shared by the board and the detail screen.

INTERFACE CONTRACT (implementation in progress). Each function pushes the
right dialog on ``screen`` and, when the user confirms, posts a message from
``tui.messages`` (ChangeCard, AddCard or DeleteCard) that the app applies
through the store and records for undo. None of them touches the store.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.screen import Screen

from tui.domain.model import Interview


def add_card(screen: Screen[Any], today: date, zone_name: str) -> None:
    """Open the card form empty; on save post AddCard."""
    raise NotImplementedError


def edit_card(screen: Screen[Any], card: Interview, today: date, zone_name: str) -> None:
    """Open the card form filled from ``card``; on save post ChangeCard."""
    raise NotImplementedError


def delete_card(screen: Screen[Any], card: Interview) -> None:
    """Ask for confirmation; on yes post DeleteCard."""
    raise NotImplementedError


def log_followup(screen: Screen[Any], card: Interview, today: date) -> None:
    """Ask for an optional date and note; post ChangeCard(ops.log_followup)."""
    raise NotImplementedError


def log_reply(screen: Screen[Any], card: Interview, today: date) -> None:
    """Ask for an optional date and note; post ChangeCard(ops.log_reply)."""
    raise NotImplementedError


def set_instruction(screen: Screen[Any], card: Interview, today: date) -> None:
    """Ask: contact on DATE, they will contact me (until DATE), or clear; post ChangeCard."""
    raise NotImplementedError


def move_with_date(screen: Screen[Any], card: Interview, today: date) -> None:
    """Ask for a stage and the date it happened; post ChangeCard(ops.move)."""
    raise NotImplementedError


def close_with_outcome(screen: Screen[Any], card: Interview, today: date) -> None:
    """Ask for an outcome (and date); post ChangeCard(ops.move to closed)."""
    raise NotImplementedError
