"""What changed between two versions of a board, card by card, told in one line.

``sync`` says what came in (the board before and after the merge) and what
went out (the remote's board before and after the push). Cards are matched
by uid, so a card whose number changed is renumbered, not removed and added.
"""

from __future__ import annotations

from dataclasses import dataclass

import msgspec

from tui.domain.model import Interview
from tui.sync.merge import Board, uid_of


@dataclass(frozen=True)
class Changes:
    """Cards added, changed and removed, and the numbers that changed (old, new)."""

    added: tuple[Interview, ...] = ()
    changed: tuple[Interview, ...] = ()
    removed: tuple[Interview, ...] = ()
    renumbered: tuple[tuple[int, Interview], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.renumbered)

    def sentence(self) -> str:
        """``2 cards added (#4 Acme, #5 Beta); 1 changed (#2 Gamma)``, or ``nothing``."""
        parts: list[str] = []
        for what, cards in (("added", self.added), ("changed", self.changed), ("removed", self.removed)):
            if cards:
                count = f"{len(cards)} card{'s' if len(cards) != 1 else ''}" if not parts else str(len(cards))
                parts.append(f"{count} {what} ({', '.join(_name(c) for c in cards)})")
        if self.renumbered:
            moved = ", ".join(f"#{old} {card.company} is now #{card.id}" for old, card in self.renumbered)
            parts.append(f"renumbered: {moved}")
        return "; ".join(parts) or "nothing"


def _name(card: Interview) -> str:
    return f"#{card.id} {card.company}"


def between(before: Board, after: Board) -> Changes:
    """What ``after`` holds that ``before`` did not: cards added, changed, removed, renumbered."""
    old = {uid_of(c): c for c in before.cards}
    new = {uid_of(c): c for c in after.cards}
    added = tuple(c for uid, c in new.items() if uid not in old)
    removed = tuple(c for uid, c in old.items() if uid not in new)
    changed: list[Interview] = []
    renumbered: list[tuple[int, Interview]] = []
    for uid, card in new.items():
        was = old.get(uid)
        if was is None:
            continue
        if was.id != card.id:
            renumbered.append((was.id, card))
        if msgspec.structs.replace(was, id=card.id) != card:
            changed.append(card)
    return Changes(added, tuple(changed), removed, tuple(renumbered))
