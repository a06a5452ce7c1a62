"""Keys handled one at a time, in the order they were typed.

Textual gives a key to the focused widget by putting it in that widget's own
message queue, and goes on to the next key at once. The key is only handled
later: by the widget, then (when the widget passes it on) by each container
around it and last by the app, which runs the bindings. Over SSH a fast
typist's keys arrive together, so a key bound on the screen (``ctrl+s``) or one
that moves the focus (``tab``) would act before the keys typed just ahead of it
had reached their field: "Acme<tab>Analyst<ctrl+s>" saved a half-typed card.

``KeyQueue`` lets one key (or paste) out at a time: the next one waits until
the one before has been seen by every node from the widget it was given to up
to the app. Keys also wait while a just-opened screen has not yet focused the
field they are meant for (``ready``). It relies on Textual's public
``call_later``: a message posted after the key reaches a node's queue is handled
after it. The burst tests in ``tests/ui/test_cards.py`` fail if that changes.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.timer import Timer

#: Keys held this many seconds without progress go on anyway, if a key's widget went away
#: before handling it or a screen that is up never focused a field: never held for good.
GIVE_UP_AFTER = 2.0

Typed = events.Key | events.Paste


class KeyQueue:
    """The app's keys, each handled after the one before it."""

    def __init__(
        self,
        app: App[Any],
        dispatch: Callable[[events.Event], Awaitable[None]],
        ready: Callable[[], bool],
    ) -> None:
        #: Textual's own handling of a key: its priority bindings, else given to the focus.
        self._dispatch = dispatch
        self._ready = ready
        self._app = app
        self._waiting: deque[Typed] = deque()
        self._in_flight: Typed | None = None
        #: The node whose queue holds the key on its way, then its message saying so.
        self._waiting_on: DOMNode | None = None
        #: When the last key was handed out, or the first one came to wait.
        self._progress_at = 0.0
        #: Hand out the next key even though the screen is not ready (``_check_stuck``).
        self._impatient = False
        self._watchdog: Timer | None = None

    @property
    def idle(self) -> bool:
        """No key waiting and none on its way."""
        return not self._waiting and self._in_flight is None

    async def arrive(self, event: Typed) -> None:
        """A key (or paste) read from the terminal: handled once those before it are."""
        if self.idle:
            self._progress_at = time.monotonic()
        self._waiting.append(event)
        await self.release()

    async def release(self) -> None:
        """Hand out the next waiting key, if the one before it is done and the screen is ready."""
        while self._waiting and self._in_flight is None and (self._ready() or self._impatient):
            self._impatient = False
            event = self._in_flight = self._waiting.popleft()
            self._progress_at = time.monotonic()
            await self._dispatch(event)
            if event.is_forwarded:  # in the focused widget's queue: done once it got to the app
                self._follow(event, self._app.focused or self._app.screen)
            else:  # a priority binding ran it
                self._in_flight = None
        if self._waiting and self._watchdog is None:
            self._watchdog = self._app.set_interval(GIVE_UP_AFTER / 4, self._check_stuck)
        elif not self._waiting and self._watchdog is not None:
            self._watchdog.stop()
            self._watchdog = None

    def handed_on(self, event: Typed, again: Typed, node: DOMNode) -> None:
        """``event`` reached the app and was given to ``node`` as ``again``: wait for that instead."""
        if self._in_flight is event:
            self._in_flight = again
            self._follow(again, node)

    def _follow(self, event: Typed, node: DOMNode) -> None:
        """Be told once ``node`` has handled ``event`` (and passed it on, if it does)."""
        while node is not self._app:
            # After the key in the node's queue; a closed node will never pass it on.
            if node.call_later(self._seen, event, node):
                self._waiting_on = node
                return
            node = node.parent or self._app
        self._waiting_on = self._app
        self._app.call_later(self._seen, event, self._app)

    async def _seen(self, event: Typed, node: DOMNode) -> None:
        if self._in_flight is not event:
            return  # given up on already
        if node is not self._app:
            self._follow(event, node.parent or self._app)
            return
        self._in_flight = None
        self._progress_at = time.monotonic()
        await self.release()

    async def _check_stuck(self) -> None:
        """Go on without a key whose widget closed before handling it, or past a screen that is
        up and has not focused its field; a slow machine (a screen still mounting) is waited for."""
        if self._waiting and time.monotonic() - self._progress_at > GIVE_UP_AFTER:
            if self._in_flight is not None:
                node = self._waiting_on
                if node is not None and node is not self._app and not node.is_running:
                    self._in_flight = None
            elif self._app.screen.is_mounted:
                self._impatient = True
        await self.release()
