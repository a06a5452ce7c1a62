"""Rounds booked by calendar invites, and the mail a card remembers.

A round made from an invite keeps the invite's UID and SEQUENCE
(``InviteRef``): an update of the invite moves that round, a cancellation
removes it. A card also keeps the identity of every mail message applied to
it, so that reading the same mail again (cron over a maildir) changes
nothing. Each function takes a card and returns a new one, as ``ops`` does.
"""

from __future__ import annotations

import msgspec

from tui.domain import ops
from tui.domain.model import Interview, InviteRef
from tui.domain.ops import DomainError
from tui.domain.wall import WallTime


def booked_round(card: Interview, uid: str) -> int | None:
    """The number (1-based, in date order) of the round booked by the invite ``uid``; None if none is."""
    for number, held in enumerate(card.all_rounds, 1):
        if held.invite is not None and held.invite.uid == uid:
            return number
    return None


def book_round(card: Interview, at: WallTime, label: str, invite: InviteRef) -> Interview:
    """The card with a round at ``at`` booked by ``invite``.

    A round already at that very time that no invite booked (typed in by the
    user, or the card's first interview) is taken to be this one: it is tagged
    with the invite (and labelled, if it had no label) rather than doubled.
    """
    if booked_round(card, invite.uid) is not None:
        raise DomainError("the round of this invite is already on the board")
    rounds = card.all_rounds
    same = next((r for r in rounds if r.at.instant() == at.instant()), None)
    if same is not None and same.invite is not None:
        raise DomainError(f"there is already a round at {at.local:%Y-%m-%d %H:%M}, from another invite")
    if same is None:
        card = ops.add_round(card, at, label=label)
        rounds = card.all_rounds
        same = next(r for r in rounds if r.at.instant() == at.instant())
    tagged = msgspec.structs.replace(same, invite=invite, label=same.label or label.strip())
    return ops.with_rounds(card, tuple(tagged if r is same else r for r in rounds))


def move_booked_round(card: Interview, uid: str, at: WallTime, sequence: int) -> Interview:
    """The card with the round booked by ``uid`` moved to ``at`` (the invite's update ``sequence``)."""
    number = booked_round(card, uid)
    if number is None:
        raise DomainError("the round of this invite is no longer on the board")
    rounds = card.all_rounds
    held = rounds[number - 1]
    if any(r.at.instant() == at.instant() for r in rounds if r is not held):
        raise DomainError(f"there is already a round at {at.local:%Y-%m-%d %H:%M}")
    moved = msgspec.structs.replace(held, at=at, invite=InviteRef(uid, sequence))
    ordered = sorted((moved if r is held else r for r in rounds), key=lambda r: r.at.instant())
    return ops.with_rounds(card, tuple(ordered))


def cancel_booked_round(card: Interview, uid: str) -> Interview:
    """The card without the round booked by ``uid`` (the only round of a card stays: ``DomainError``)."""
    number = booked_round(card, uid)
    if number is None:
        raise DomainError("the round of this invite is no longer on the board")
    return ops.remove_round(card, number)


def remember_mail(card: Interview, identity: str) -> Interview:
    """The card keeping ``identity`` among the mail applied to it (once)."""
    if not identity or identity in card.applied_mail:
        return card
    return msgspec.structs.replace(card, applied_mail=(*card.applied_mail, identity))


def remembering_mail(restored: Interview, current: Interview | None) -> Interview:
    """``restored`` (a card put back by undo) still knowing the mail ``current`` had applied.

    The mail applied to a card outlives what it did: undoing a change made from
    a message must not let the next reading of the mail apply it again.
    """
    if current is None:
        return restored
    known = (*restored.applied_mail, *(m for m in current.applied_mail if m not in restored.applied_mail))
    if known == restored.applied_mail:
        return restored
    return msgspec.structs.replace(restored, applied_mail=known)
