"""The board file: the only module that touches TinyDB.

INTERFACE CONTRACT (implementation in progress).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from tui.domain.model import Interview

SCHEMA_VERSION = 1


class StoreError(Exception):
    """A board file that cannot be read or written.

    ``str(error)`` is one line naming the file and what to do about it.
    """


class Store:
    """A board file, read and written whole, atomically, under a lock.

    Every mutating call is one read-modify-write under an inter-process lock:
    it re-reads the file if another process changed it, applies the change to
    the fresh copy, and writes atomically (temp file, fsync, os.replace),
    keeping the previous good file as ``<name>.bak``. Thread-safe.
    """

    def __init__(self, path: Path, *, lock_timeout: float = 10.0) -> None:
        self.path = path
        #: One-line warnings found when opening (e.g. a world-readable file).
        self.warnings: list[str] = []
        raise NotImplementedError

    def load(self) -> list[Interview]:
        """All cards, by id. A missing file is an empty board (created on first write)."""
        raise NotImplementedError

    def changed_on_disk(self) -> bool:
        """True when the file differs from what this store last read or wrote (a cheap stat)."""
        raise NotImplementedError

    def get(self, card_id: int) -> Interview:
        """One card; StoreError "no card with id N" if missing."""
        raise NotImplementedError

    def add(self, make: Callable[[int], Interview]) -> Interview:
        """Allocate the next id, build the card with ``make(id)``, save it."""
        raise NotImplementedError

    def add_many(self, makes: Sequence[Callable[[int], Interview]]) -> list[Interview]:
        """``add`` for many cards in one write (all or nothing)."""
        raise NotImplementedError

    def update(self, card_id: int, change: Callable[[Interview], Interview]) -> tuple[Interview, Interview]:
        """Apply ``change`` to the freshest copy of a card; return (before, after)."""
        raise NotImplementedError

    def put(self, card: Interview) -> None:
        """Insert or replace a card under its own id (used by undo)."""
        raise NotImplementedError

    def delete(self, card_id: int) -> Interview:
        """Remove a card and return it (so it can be put back)."""
        raise NotImplementedError
