"""The undo history: each change as the card before and after it, taken back last first."""

from __future__ import annotations

from msgspec import Struct

from tui.domain.model import Interview


class Undo(Struct, frozen=True):
    """How to take one change back: the card before it (None: it did not exist) and after (None: deleted)."""

    description: str
    before: Interview | None
    after: Interview | None


class UndoHistory:
    """The changes made so far, newest last; ``take_last`` hands back the one to take back."""

    def __init__(self) -> None:
        self._entries: list[Undo] = []

    def record(self, description: str, before: Interview | None, after: Interview | None) -> None:
        """Remember a change: ``before`` None for an added card, ``after`` None for a deleted one."""
        self._entries.append(Undo(description, before, after))

    def take_last(self) -> Undo | None:
        """The latest change, forgotten here (None: nothing left to undo)."""
        return self._entries.pop() if self._entries else None

    def __len__(self) -> int:
        return len(self._entries)

    def __bool__(self) -> bool:
        return bool(self._entries)
