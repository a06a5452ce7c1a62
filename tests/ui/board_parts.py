"""The board as the UI tests reach it: its screen, the focused list and card; cards to put on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textual.pilot import Pilot
from textual.screen import Screen

from tui.app import FollowupApp
from tui.domain import ops
from tui.domain.model import Interview
from tui.domain.wall import WallTime
from tui.screens.board import BoardScreen
from tui.store import Store
from tui.widgets.column import CardList

SIZE = (120, 36)

S = TypeVar("S", bound=Screen[Any])


async def opened(pilot: Pilot[Any], key: str, kind: type[S]) -> S:
    """The screen ``key`` opens, which must be a ``kind``."""
    await pilot.press(key)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, kind)
    return screen


def board(app: FollowupApp) -> BoardScreen:
    screen = app.screen
    assert isinstance(screen, BoardScreen)
    return screen


def focused_list(app: FollowupApp) -> CardList:
    focused = app.focused
    assert isinstance(focused, CardList)
    return focused


def current_company(app: FollowupApp) -> str:
    item = board(app).current
    assert item is not None
    return item.card.company


def maker(company: str, when: WallTime) -> Callable[[int], Interview]:
    return lambda card_id: ops.new_interview(
        card_id=card_id, company=company, interviewed_at=when, created_on=when.local.date()
    )


def card_named(store: Store, company: str) -> Interview:
    return next(c for c in store.load() if c.company == company)
