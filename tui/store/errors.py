"""The store's errors: ``StoreError`` for the user, ``Damage`` for what is wrong inside a file.

Every message is one line that names the file and says what to do, so the
board and the command line can show it as it is.
"""

from __future__ import annotations

import shlex
from pathlib import Path


class StoreError(Exception):
    """A board file that cannot be read or written.

    ``str(error)`` is one line naming the file and what to do about it.
    """

    def __init__(self, message: str) -> None:
        super().__init__(one_line(message))


class Damage(Exception):
    """What is wrong with a file's content (the caller names the file and adds the way out)."""

    def __init__(self, what: str, *, newer: bool = False) -> None:
        super().__init__(what)
        #: The file is from a newer followup: upgrading, not restoring a backup, is the way out.
        self.newer = newer


def one_line(text: str) -> str:
    """``text`` with control characters escaped, so a message stays on one line."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def brief(value: object) -> str:
    """``value``'s repr, cut short: a message quotes the file's content without flooding the line."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def quote(path: Path) -> str:
    """``path`` as it would be typed in a shell command a message suggests."""
    return shlex.quote(str(path))
