"""The ``followup`` command's first moments: no garbage collection while it starts.

Opening the board imports a few hundred modules and reads the whole board:
hundreds of thousands of objects, nearly all of which live on. The cyclic
garbage collector would walk them dozens of times before the first frame
(some 15 ms of a 1,000-card start, 30 ms at 10,000 cards) and find next to
nothing to free. So it is off from the first import on, and on again as soon
as a command starts (``tui.cli``) or the board is on screen
(``FollowupApp.set_aside``).
"""

from __future__ import annotations

import gc


def main() -> int:
    """The ``followup`` console script and ``python -m tui``: the return value is the exit status."""
    gc.disable()
    from tui.cli import main as run

    return run()
