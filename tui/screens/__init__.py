"""The board's screens: board, card detail, card form, agenda, drafts, stats, help, small dialogs."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from tui import keys

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


def follow(screen: Screen[Any], attribute: str, callback: Callable[[Any], None], init: bool = True) -> None:
    """Call ``callback`` with the app's ``attribute`` whenever it changes, while the app runs.

    A save that finishes while the app is exiting (a dropped SSH link) still
    changes the app's state, after the screens have lost their widgets: there
    is nothing left to show it on.
    """

    def call(value: Any) -> None:
        if screen.app.return_code is None:
            callback(value)

    screen.watch(screen.app, attribute, call, init=init)


def key_word(screen: Screen[Any], key_id: str, on: keys.KeyTable | None = None) -> str:
    """The first key of ``key_id`` as a sentence names it (``x``, ``Esc``), after the user's keymap.

    The key it has on the screen ``on`` (default: ``screen`` itself, if it has a
    key table): a keymap may give a default key of one command to another there.
    """
    table = on or getattr(type(screen), "KEY_TABLE", None)
    return keys.key_word(key_id, _user_keymap(screen), table)


def hint_word(screen: Screen[Any], key_id: str) -> str:
    """``key_word`` as a box's bottom line and its buttons write keys: in lower case (``ctrl+s``, ``esc``)."""
    return keys.hint_word(key_id, _user_keymap(screen))


def _user_keymap(screen: Screen[Any]) -> Mapping[str, str] | None:
    """The user's keymap (None: the defaults); a dialog also runs on test apps that have no settings."""
    settings = getattr(screen.app, "settings", None)
    return settings.keymap if settings is not None else None
