"""What one mail message suggests doing to the board: plain values, nothing applied.

A ``Suggestion`` names the message (its identity, where it was read), the card
it matched (by which rule, how sure) and the proposed change as a typed value.
Reading mail only ever produces these; a separate step (``tui.mail.apply``)
turns them into changes of the board through the usual domain operations, so
a dry run and an applied run show exactly the same thing.

How each action maps onto the board's operations (``tui.domain.ops``):
``LogReply`` and ``MaybeRejection`` log a reply (the latter then asks
whether to close); ``LogFollowUp`` moves the card for a thank-you (to
Thanked) or a follow-up email (to Waiting), and otherwise logs a follow-up;
the round actions book, move or remove the round with the invite's UID.
``Unmatched`` and ``Skipped`` change nothing. The message's ``identity`` is
what a card keeps to never apply the same message twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum, IntEnum


class Rule(IntEnum):
    """How a message was tied to a card, in the order the rules are tried."""

    CONTACT_EMAIL = 1
    COMPANY_DOMAIN = 2
    HIRING_SYSTEM = 3

    @property
    def label(self) -> str:
        return _RULE_LABELS[self]


_RULE_LABELS = {
    Rule.CONTACT_EMAIL: "contact email",
    Rule.COMPANY_DOMAIN: "company domain",
    Rule.HIRING_SYSTEM: "hiring system naming the company",
}


class Certainty(str, Enum):
    """How sure a match is: an exact contact address beats a domain, which beats a name."""

    SURE = "sure"
    LIKELY = "likely"
    POSSIBLE = "possible"


#: Each rule's certainty: the rules are tried from the surest down.
RULE_CERTAINTY = {
    Rule.CONTACT_EMAIL: Certainty.SURE,
    Rule.COMPANY_DOMAIN: Certainty.LIKELY,
    Rule.HIRING_SYSTEM: Certainty.POSSIBLE,
}


@dataclass(frozen=True, slots=True)
class Match:
    """The card a message belongs to, and why."""

    card_id: int
    company: str
    rule: Rule
    #: What matched: an address, a domain, or the company name found in the sender or subject.
    evidence: str

    @property
    def certainty(self) -> Certainty:
        return RULE_CERTAINTY[self.rule]


@dataclass(frozen=True, slots=True)
class MessageInfo:
    """The parts of a message a suggestion is shown with (decoded, but not yet made literal)."""

    #: The Message-ID, or ``sha256:...`` of its main headers when it has none.
    identity: str
    #: Where it was read: a file, ``mbox#N``, or ``-`` for standard input.
    source: str
    sent: datetime | None = None
    sender: str = ""
    sender_name: str = ""
    recipients: tuple[str, ...] = ()
    subject: str = ""
    #: True when the sender is one of the user's own addresses.
    from_me: bool = False


class FollowUpKind(str, Enum):
    """What a message the user sent to a contact stands for, by the card's stage when sent."""

    THANK_YOU = "thank_you"  # Interviewed -> Thanked
    FOLLOW_UP_EMAIL = "follow_up_email"  # Checked in -> Waiting
    STATUS_CHECK = "status_check"  # logged in Waiting
    NOTE = "note"  # any other stage: logged as a follow-up, the stage stays

    @property
    def noun(self) -> str:
        return _FOLLOW_UP_NOUNS[self]


_FOLLOW_UP_NOUNS = {
    FollowUpKind.THANK_YOU: "the thank-you",
    FollowUpKind.FOLLOW_UP_EMAIL: "the follow-up email",
    FollowUpKind.STATUS_CHECK: "a status check",
    FollowUpKind.NOTE: "a follow-up",
}


@dataclass(frozen=True, slots=True)
class LogReply:
    """They wrote: log a reply on ``on`` (a day in the user's zone) with ``note``."""

    on: date
    note: str


@dataclass(frozen=True, slots=True)
class MaybeRejection:
    """A reply whose text reads as a rejection: log the reply, and ask the user whether to close.

    The card is never closed for the user; ``phrase`` is the words that raised the question.
    """

    on: date
    note: str
    phrase: str


@dataclass(frozen=True, slots=True)
class LogFollowUp:
    """The user wrote to a contact: log the follow-up ``kind`` stands for on ``on``."""

    kind: FollowUpKind
    on: date
    note: str


@dataclass(frozen=True, slots=True)
class ScheduleRound:
    """An invite: a round at ``at`` (aware, in ``zone``), labelled from its summary."""

    at: datetime
    zone: str
    label: str
    uid: str
    sequence: int


@dataclass(frozen=True, slots=True)
class MoveRound:
    """An updated invite (same UID, later SEQUENCE): the round moves to ``at``."""

    at: datetime
    zone: str
    label: str
    uid: str
    sequence: int


@dataclass(frozen=True, slots=True)
class CancelRound:
    """A cancelled invite: the round with ``uid`` goes."""

    uid: str
    sequence: int
    label: str


@dataclass(frozen=True, slots=True)
class Unmatched:
    """Read, but tied to no card: nothing would change."""

    reason: str


@dataclass(frozen=True, slots=True)
class Skipped:
    """Not used: unreadable, not mail, or nothing to do for it (``reason`` says which)."""

    reason: str


Action = (
    LogReply | MaybeRejection | LogFollowUp | ScheduleRound | MoveRound | CancelRound | Unmatched | Skipped
)
#: The actions that would change a card when applied.
CHANGES = (LogReply, MaybeRejection, LogFollowUp, ScheduleRound, MoveRound, CancelRound)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One message, the card it matched (if any) and what it would do."""

    message: MessageInfo
    action: Action
    match: Match | None = None

    @property
    def changes_board(self) -> bool:
        return isinstance(self.action, CHANGES)
