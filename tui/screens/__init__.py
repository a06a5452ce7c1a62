"""The board's screens: board, card detail, card form, agenda, drafts, stats, help, small dialogs."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from textual.screen import Screen

T = TypeVar("T")


def close(screen: Screen[T], result: T | None = None) -> None:
    """Close ``screen`` with ``result``, unless it has already gone.

    Keys typed ahead (two enters in one burst over SSH) can reach a screen's
    handler after the first one closed it; closing twice would pop a screen
    underneath.
    """
    if screen.is_active:
        screen.dismiss(result)
