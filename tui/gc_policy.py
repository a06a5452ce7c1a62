"""When the cyclic garbage collector runs: the start-up and big-board policy, in one place.

A board is hundreds of thousands of long-lived objects (cards, verdicts,
painted rows) and nearly none of them can be part of a reference cycle. The
collector would walk them over and over, while the program starts and then
at every full collection in the middle of a key press, to free next to
nothing. So:

- the ``followup`` command starts with the collector off
  (``off_while_starting``), and turns it on as soon as a command line
  command starts (``on_for_a_command``) or the board is on screen
  (``set_aside_once_drawn``);
- a big board file is read with the collector paused, and what the read made
  is set aside for good (``paused_then_set_aside``);
- once a big board is drawn, what it is made of is set aside as well
  (``set_aside_once_drawn``).

Objects set aside (``gc.freeze``) are still freed as usual once nothing
refers to them: they are only never walked again. The figures behind these
choices are in tests/BENCHMARK.md.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: From this size of board file (some 700 cards), a read sets what it made aside.
SET_ASIDE_FILE_SIZE = 512 * 1024
#: From this many cards on, the board on screen is set aside once drawn.
SET_ASIDE_CARDS = 1_000


def off_while_starting() -> None:
    """The command has just started: no collection until it has read and shown what it needs."""
    gc.disable()


def on_for_a_command() -> None:
    """A command line command (not the board) runs: the collector as usual."""
    gc.enable()


@contextmanager
def paused_then_set_aside(size: int) -> Iterator[None]:
    """A file of ``size`` bytes from ``SET_ASIDE_FILE_SIZE`` up: read with no collection, then set aside.

    The collector pauses while the cards are made and everything alive is
    then frozen. (No collection first: at start-up there is nothing to free,
    and it would delay the first paint.) A small board is read as is, and the
    collector is left as it was.
    """
    if size < SET_ASIDE_FILE_SIZE:
        yield
        return
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def set_aside_once_drawn(card_count: int) -> bool:
    """The board is on screen: set a big one aside, and turn the collector on; True if it was set aside.

    Textual's painted lines leave a little cyclic garbage at each repaint,
    enough to call a full collection every few moves, which would walk the
    whole board each time. Called a moment after the board is drawn and after
    it is read again.
    """
    big = card_count >= SET_ASIDE_CARDS
    if big:
        gc.collect()
        gc.freeze()
    gc.enable()
    return big
