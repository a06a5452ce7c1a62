"""What changed between two versions of a board, card by card, told in one line.

``sync`` says what came in (the board before and after the merge) and what
went out (the remote's board before and after the push). Cards are matched
by uid, so a card whose number changed is renumbered, not removed and added.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

import msgspec

from tui.domain.model import Interview
from tui.sync.merge import Board, uid_of
from tui.text import literal


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
            moved = ", ".join(
                f"#{old} {literal(card.company)} is now #{card.id}" for old, card in self.renumbered
            )
            parts.append(f"renumbered: {moved}")
        return "; ".join(parts) or "nothing"


def _name(card: Interview) -> str:
    return f"#{card.id} {literal(card.company)}"


def between(before: Board, after: Board) -> Changes:
    """What ``after`` holds that ``before`` did not: cards added, changed, removed, renumbered.

    Cards are matched by uid; cards without one (a board from before uids)
    first by their content, so a card that only took a new number is
    renumbered, then by their number.
    """
    old = {uid_of(c): c for c in before.cards}
    new = {uid_of(c): c for c in after.cards}
    pairs = [(old.pop(uid), new.pop(uid)) for uid in list(new) if uid in old and new[uid].uid]
    plain = {_content(c): key for key, c in old.items() if not c.uid}
    for key, card in list(new.items()):
        match = plain.pop(_content(card), None) if not card.uid else None
        if match is not None and match in old:
            pairs.append((old.pop(match), new.pop(key)))
    pairs += [(old.pop(key), new.pop(key)) for key in list(new) if key in old]
    changed = tuple(b for a, b in pairs if msgspec.structs.replace(a, id=b.id) != b)
    renumbered = tuple((a.id, b) for a, b in pairs if a.id != b.id)
    by_id = attrgetter("id")
    return Changes(
        tuple(sorted(new.values(), key=by_id)),
        tuple(sorted(changed, key=by_id)),
        tuple(sorted(old.values(), key=by_id)),
        tuple(sorted(renumbered, key=lambda pair: pair[1].id)),
    )


def _content(card: Interview) -> bytes:
    return msgspec.json.encode(msgspec.structs.replace(card, id=0))
