"""``AppScreen``: a screen that reaches the app through one typed handle, ``board_app``.

Screens read the board (``board_app.state``, ``clock``, ``settings``) and
change it by posting a request (``tui.messages``) or calling the app's small
API (``filter_board``, ``sort_board``, ``set_aside``, ``run_program``); they
never assign the app's state nor touch the store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import ModalScreen, Screen, ScreenResultType

if TYPE_CHECKING:
    from tui.app import FollowupApp  # for the type only: screens do not import the app


class AppScreen(Screen[ScreenResultType]):
    """A screen of the followup app."""

    @property
    def board_app(self) -> FollowupApp:
        """The app this screen belongs to, typed."""
        return cast("FollowupApp", self.app)


class AppModalScreen(ModalScreen[ScreenResultType]):
    """A modal screen (a panel over another) of the followup app."""

    @property
    def board_app(self) -> FollowupApp:
        """The app this screen belongs to, typed."""
        return cast("FollowupApp", self.app)
