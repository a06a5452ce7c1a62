"""Which toasts go on screen: news replaces news, and a warning already up is not stacked again.

Each undo, add or delete says what it did in a toast for a few seconds;
four undos typed in a row stacked four toasts over the right half of an
80x24 board. And a save that keeps failing (a full disk) is retried every
two seconds, each failure raising the same 15-second error: within a quarter
of a minute they covered the board. So:

- a new information toast takes the place of those up, when they are all
  information too (a burst of changes leaves its last one);
- a warning or an error is not shown again while the same one is still up
  (it comes back once it has gone, for as long as the trouble lasts);
- anything else stacks as before, and a warning or an error is never
  taken down by news.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from time import monotonic


class Admit(Enum):
    """What to do with a toast about to be shown."""

    ADD = "add"  # beside those up
    REPLACE = "replace"  # in place of those up (all of them news)
    SKIP = "skip"  # not at all: the very same warning or error is still up


class ToastLog:
    """The toasts the app has shown and until when, as far as it can tell (a click may dismiss one sooner)."""

    def __init__(self, clock: Callable[[], float] = monotonic) -> None:
        self._clock = clock
        #: Each toast still up: its severity, its text and the moment it goes.
        self._shown: list[tuple[str, str, float]] = []

    def admit(self, severity: str, text: str, timeout: float) -> Admit:
        """A toast of ``severity`` saying ``text`` for ``timeout`` seconds: add, replace or skip it."""
        now = self._clock()
        self._shown = [shown for shown in self._shown if shown[2] > now]
        if severity != "information" and (severity, text) in {(kind, said) for kind, said, _ in self._shown}:
            return Admit.SKIP
        replace = severity == "information" and all(kind == "information" for kind, _, _ in self._shown)
        if replace:
            self._shown.clear()
        self._shown.append((severity, text, now + timeout))
        return Admit.REPLACE if replace else Admit.ADD
