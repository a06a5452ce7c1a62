"""The ``followup`` command's first moments: no garbage collection while it starts.

Opening the board imports a few hundred modules and reads the whole board,
nearly all of which lives on: the collector is off from the first import on
(``tui.gc_policy`` says when it comes back).
"""

from __future__ import annotations


def main() -> int:
    """The ``followup`` console script and ``python -m tui``: the return value is the exit status."""
    from tui.gc_policy import off_while_starting

    off_while_starting()
    from tui.cli import main as run

    return run()
