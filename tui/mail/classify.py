"""What a matched message would do to its card, and what a batch of them would do together.

``decide`` looks at one message and its card: an invite books, moves or
cancels a round; a message from the employer is a reply (one that reads as a
rejection asks the user whether to close the card, and never closes it); a
message from the user is the follow-up the card's stage was waiting for on
the day it was sent. ``reconcile`` then looks at the whole batch: the same
message read twice (INBOX and All Mail), an invite and its updates, and what
an earlier run already applied. Both are pure: no files, no clock.
"""

from __future__ import annotations

import re
from collections.abc import Container, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta

from tui.domain.model import EventKind, Interview
from tui.domain.ops import stage_on
from tui.domain.stages import Stage
from tui.domain.wall import zone
from tui.mail.body import Body
from tui.mail.invite import Invite
from tui.mail.suggestion import (
    Action,
    CancelRound,
    FollowUpKind,
    LogFollowUp,
    LogReply,
    MaybeRejection,
    MessageInfo,
    MoveRound,
    ScheduleRound,
    Skipped,
    Suggestion,
)

#: Words an employer uses to say no. A hit only raises the question; the user decides.
_REJECTION = re.compile(
    "|".join(
        (
            r"not (?:be )?moving forward",
            r"not to (?:move forward|proceed|progress)",
            r"(?:move|moving|go|proceed|proceeding) (?:forward )?with (?:an)?other candidates?",
            r"other candidates",
            r"another candidate",
            r"(?:position|role|job|vacancy|opening) has (?:now )?been filled",
            r"regret to (?:inform|let you know)",
            r"(?:have|has) not been successful",
            r"unsuccessful on this occasion",
            r"no longer (?:be )?(?:under consideration|considered|considering)",
            r"will not be (?:progressing|proceeding|moving)",
            r"unable to offer you",
        )
    )
)

#: The follow-up a message from the user stands for, by the card's stage when it was sent.
_FOLLOW_UP = {
    Stage.INTERVIEWED: FollowUpKind.THANK_YOU,
    Stage.THANKED: FollowUpKind.NOTE,
    Stage.CHECKED_IN: FollowUpKind.FOLLOW_UP_EMAIL,
    Stage.WAITING: FollowUpKind.STATUS_CHECK,
}
#: The follow-ups that move the card on (the others are logged in its stage).
MOVES_TO = {FollowUpKind.THANK_YOU: Stage.THANKED, FollowUpKind.FOLLOW_UP_EMAIL: Stage.WAITING}


def rejection_phrase(text: str) -> str:
    """The words in ``text`` that read as a rejection ('' when none do)."""
    folded = " ".join(text.casefold().replace("\u2019", "'").split())
    found = _REJECTION.search(folded)
    return found.group(0) if found else ""


def decide(info: MessageInfo, card: Interview, body: Body, zone_name: str, now: datetime) -> Action:
    """What the message ``info`` (with ``body``) would do to ``card``, its matched card."""
    if info.sent is None:
        return Skipped("no usable Date header: the day it was sent is unknown")
    if info.sent > now:
        return Skipped(f"dated {_stamp(info.sent, zone_name)}, after now: is a clock wrong?")
    invite = next((i for i in body.invites if i.method in ("REQUEST", "CANCEL", "REPLY")), None)
    if invite is not None:
        return _invite_action(invite, info.subject)
    on = info.sent.astimezone(zone(zone_name)).date()
    if info.sent < card.interview_instant():  # "running late" on the morning is no thank-you
        interview = card.interviewed_at.local.strftime("%Y-%m-%d %H:%M")
        return Skipped(f"sent {_stamp(info.sent, zone_name)}, before the interview ({interview})")
    if info.from_me:
        return _follow_up(card, on, info.subject)
    phrase = rejection_phrase(f"{info.subject}\n{body.text}")
    if phrase:
        return MaybeRejection(on, info.subject, phrase)
    if _logged_on(card, on, EventKind.REPLY):
        return Skipped(f"already on the board: a reply logged on {on.isoformat()}")
    return LogReply(on, info.subject)


def _invite_action(invite: Invite, subject: str) -> Action:
    label = invite.summary or subject
    if invite.method == "REPLY":
        return Skipped("an answer to an invite (accepted or declined): nothing to log")
    if invite.method == "CANCEL":
        return CancelRound(invite.uid, invite.sequence, label)
    if invite.start is None:
        return Skipped("an all-day invite: no time to meet at")
    return ScheduleRound(invite.start, invite.zone, label, invite.uid, invite.sequence)


def stage_before(card: Interview, day: date) -> Stage:
    """The card's stage at the start of ``day`` (``stage_on`` the day before).

    A round held that day is the interview a message of that day follows: the
    card is in Interviewed for it.
    """
    if any(held.day == day for held in card.all_rounds):
        return Stage.INTERVIEWED
    return stage_on(card, day - timedelta(days=1))


def _follow_up(card: Interview, on: date, note: str) -> Action:
    stage = stage_before(card, on)
    if stage is Stage.CLOSED:
        return Skipped(f"sent {on.isoformat()}, when the card was closed")
    kind = _FOLLOW_UP[stage]
    if kind in MOVES_TO:
        later = next(
            (
                e
                for e in card.events
                if e.kind is EventKind.MOVED
                and e.on >= on
                and e.stage is not None
                and e.stage.index > stage.index
            ),
            None,
        )
        if later is not None and later.stage is not None:
            return Skipped(f"already on the board: moved to {later.stage.label} on {later.on.isoformat()}")
        now_in = stage_on(card, on)
        if now_in is not stage:
            return Skipped(f"{kind.noun} of {stage.label}, but the card is in {now_in.label} now")
    elif _logged_on(card, on, EventKind.FOLLOWUP):
        return Skipped(f"already on the board: a follow-up logged on {on.isoformat()}")
    return LogFollowUp(kind, on, note)


def _logged_on(card: Interview, on: date, kind: EventKind) -> bool:
    return any(e.kind is kind and e.on == on for e in card.events)


def _stamp(moment: datetime, zone_name: str) -> str:
    return moment.astimezone(zone(zone_name)).strftime("%Y-%m-%d %H:%M")


_Round = ScheduleRound | CancelRound


def reconcile(
    suggestions: Sequence[Suggestion],
    *,
    rounds: Mapping[tuple[int, str], int] | None = None,
    applied: Container[str] = (),
) -> list[Suggestion]:
    """The batch's suggestions once each is seen with the others, in the same order.

    ``rounds`` holds the SEQUENCE of each invite already on the board, by (card
    id, UID); ``applied`` the identities of the messages already applied. Of
    the versions of one invite only the newest acts: it books the round (or
    moves it when the board has an older version), or cancels it.
    """
    rounds = rounds or {}
    done: list[Suggestion] = list(suggestions)
    first_seen: dict[str, str] = {}
    versions: dict[tuple[int, str], list[int]] = {}
    for index, item in enumerate(done):
        identity = item.message.identity
        if not identity or isinstance(item.action, Skipped):
            continue
        if identity in applied:
            done[index] = replace(item, action=Skipped("already applied"))
            continue
        if identity in first_seen:
            done[index] = replace(item, action=Skipped(f"the same message as {first_seen[identity]}"))
            continue
        first_seen[identity] = item.message.source
        if isinstance(item.action, _Round) and item.match is not None:
            versions.setdefault((item.match.card_id, item.action.uid), []).append(index)
    for key, indexes in versions.items():
        _settle_invite(done, indexes, rounds.get(key))
    return done


def _settle_invite(done: list[Suggestion], indexes: list[int], on_board: int | None) -> None:
    """Let the newest version of one invite act; the older ones say what superseded them."""

    def rank(index: int) -> tuple[int, bool, datetime]:
        item = done[index]
        action = item.action
        assert isinstance(action, _Round)
        sent = item.message.sent or datetime.min.replace(tzinfo=zone("UTC"))
        return (action.sequence, isinstance(action, CancelRound), sent)

    newest = max(indexes, key=rank)
    winner = done[newest].action
    assert isinstance(winner, _Round)
    for index in indexes:
        if index == newest:
            continue
        action = done[index].action
        assert isinstance(action, _Round)
        if isinstance(winner, CancelRound):
            reason = "cancelled by a later message"
        elif action.sequence == winner.sequence:
            reason = f"the same invite as {done[newest].message.source}"
        else:
            reason = f"an older version of the invite (sequence {action.sequence}; newest {winner.sequence})"
        done[index] = replace(done[index], action=Skipped(reason))
    if isinstance(winner, CancelRound):
        # A cancellation may keep the invite's SEQUENCE (Outlook does): only an older one is stale.
        if on_board is None:
            done[newest] = replace(
                done[newest], action=Skipped("cancels an interview that is not on the board")
            )
        elif winner.sequence < on_board:
            done[newest] = replace(
                done[newest], action=Skipped("an older cancellation than the invite on the board")
            )
    elif on_board is not None and winner.sequence <= on_board:
        done[newest] = replace(done[newest], action=Skipped("already on the board"))
    elif on_board is not None:
        moved = MoveRound(winner.at, winner.zone, winner.label, winner.uid, winner.sequence)
        done[newest] = replace(done[newest], action=moved)
