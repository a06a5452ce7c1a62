"""What a crash prints: where it happened, never the values it happened with.

Textual's own report shows the local variables of every frame, and here they
are cards: names, phone numbers and notes would end up in a bug report pasted
online. This one is the same traceback without them.
"""

from __future__ import annotations

from rich.console import RenderableType


def crash_report() -> RenderableType:
    """The traceback of the exception being handled, without local variables."""
    import rich
    from rich.traceback import Traceback

    return Traceback(show_locals=False, width=None, suppress=[rich])
