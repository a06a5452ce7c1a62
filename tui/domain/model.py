"""The records of the board: interviews, their contacts, and their timeline of events.

Every record is an immutable value: a frozen ``msgspec.Struct``, a typed record
like a frozen dataclass (fields, defaults, equality, hashing, ``replace`` from
``msgspec.structs``) that the board file's JSON decodes straight into, in C. A
board of 10,000 cards holds some 30,000 events: making them as dataclasses
from the decoded text took longer than reading the whole file. None of them
can take part in a reference cycle (they hold only text, dates, enum members
and each other), so the garbage collector does not track them (``gc=False``).
The records read from the file refuse a key they do not have
(``forbid_unknown_fields``): decoding a card then reads every byte of its
text, so it also finds text that is not UTF-8 (a card with a key of its own,
written by hand, is read by the codec's checking way, which drops the key).

Operations (see ``ops``) return new records; nothing here knows how the board
is stored or shown.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from operator import attrgetter

from msgspec import Struct

from tui.domain.stages import Outcome, Stage
from tui.domain.wall import WallTime


class Contact(Struct, frozen=True, gc=False, forbid_unknown_fields=True):
    """One interviewer: what a thank-you note and a call need."""

    name: str = ""
    title: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""

    @property
    def is_empty(self) -> bool:
        return not any((self.name, self.title, self.email, self.phone, self.address))

    @property
    def can_receive_note(self) -> bool:
        """A thank-you note can reach this person by email or by post."""
        return bool(self.email.strip() or self.address.strip())


class InstructionKind(str, Enum):
    """What the employer asked for."""

    CONTACT_ON = "contact_on"
    WAIT = "wait"


class Instruction(Struct, frozen=True, gc=False, forbid_unknown_fields=True):
    """An employer's request about contact.

    ``CONTACT_ON``: "call us on D" (``until`` is D, required).
    ``WAIT``: "we will get back to you by D" (``until`` may be None: a default applies).
    """

    kind: InstructionKind
    given_on: date
    until: date | None = None

    def __post_init__(self) -> None:
        if self.kind is InstructionKind.CONTACT_ON and self.until is None:
            raise ValueError("a contact-on instruction needs a date")


class EventKind(str, Enum):
    """What can happen on a card's timeline."""

    CREATED = "created"
    MOVED = "moved"
    FOLLOWUP = "followup"
    REPLY = "reply"
    INSTRUCTION = "instruction"
    CLEARED = "cleared"


class Event(Struct, frozen=True, gc=False, forbid_unknown_fields=True):
    """One dated entry of a card's timeline (``on`` is a day in the user's zone)."""

    kind: EventKind
    on: date
    stage: Stage | None = None
    from_stage: Stage | None = None
    outcome: Outcome | None = None
    instruction: Instruction | None = None
    note: str = ""

    @property
    def is_forward_move(self) -> bool:
        return (
            self.kind is EventKind.MOVED
            and self.stage is not None
            and self.from_stage is not None
            and self.stage.index > self.from_stage.index
        )


class InviteRef(Struct, frozen=True, gc=False, forbid_unknown_fields=True):
    """The calendar invite a round was booked from: its UID and the SEQUENCE last applied.

    An update of the invite (same UID, higher SEQUENCE) moves the round; its
    cancellation removes it (see ``tui.mail.apply``).
    """

    uid: str
    sequence: int = 0


class Round(Struct, frozen=True, gc=False):
    """One interview of an application: when, what it was called, and who was met.

    ``met`` names the card's contacts met in it. Names rather than places in
    ``contacts``: the card form rewrites the contact list whole (a contact
    deleted or moved up), which would silently point a place at someone else;
    a name still says who it was, reads plainly in the file and is what
    ``round --with`` takes. A contact renamed later leaves the old name in the
    rounds already held, as a record of that day.
    """

    at: WallTime
    label: str = ""
    met: tuple[str, ...] = ()
    #: The invite it was booked from (None: typed in by the user).
    invite: InviteRef | None = None

    @property
    def day(self) -> date:
        """The round's date as typed (its wall date, as for the first interview)."""
        return self.at.local.date()


class Interview(Struct, frozen=True, gc=False):
    """A card on the board: one application, its interviews and everything that followed them.

    ``stage`` and ``outcome`` are the place the last move put the card in; the
    timeline in ``events`` and the ``rounds`` are the history the follow-up
    policy reads its clocks from (a round that has passed since the last move
    puts the card back in Interviewed: see ``policy.assess``).

    ``interviewed_at`` is the first round, always. ``rounds`` is empty while
    that is the only one (as every card of a board made before rounds was:
    such a card reads and writes exactly as it did); once a second round is
    added it holds every round in date order, the first at ``interviewed_at``.
    ``uid`` is the card's own name for good, beside its short number (random;
    empty only until a board made before it is first written).
    ``applied_mail`` holds the identity (Message-ID, or a hash of the headers)
    of each mail message applied to the card, so that none is applied twice,
    even after what it did was undone by a later message (a cancelled invite).
    """

    id: int
    company: str
    interviewed_at: WallTime
    role: str = ""
    employer_zone: str = ""
    contacts: tuple[Contact, ...] = ()
    notes: str = ""
    stage: Stage = Stage.INTERVIEWED
    outcome: Outcome | None = None
    events: tuple[Event, ...] = ()
    rounds: tuple[Round, ...] = ()
    uid: str = ""
    applied_mail: tuple[str, ...] = ()

    @property
    def all_rounds(self) -> tuple[Round, ...]:
        """Every round in date order (the first, when alone, met everyone named on the card)."""
        return self.rounds or (self.first_round,)

    @property
    def first_round(self) -> Round:
        if self.rounds:
            return self.rounds[0]
        return Round(self.interviewed_at, met=tuple(c.name for c in self.contacts if c.name))

    def people_met(self, held: Round) -> tuple[Contact, ...]:
        """The contacts met in ``held`` (a name no longer on the card stands alone); none named: all."""
        if not self.rounds or not held.met:
            return self.contacts
        by_name = {c.name: c for c in self.contacts}
        return tuple(by_name.get(name) or Contact(name=name) for name in held.met)

    @property
    def interview_day(self) -> date:
        """The interview's date as typed (its wall date)."""
        return self.interviewed_at.local.date()

    @property
    def zone_for_calls(self) -> str:
        return self.employer_zone or self.interviewed_at.zone

    @property
    def can_receive_note(self) -> bool:
        return any(map(_RECEIVES_NOTE, self.contacts))

    @property
    def search_text(self) -> str:
        """Lower-cased text the board's filter matches against."""
        return "\n".join((self.company, self.role, self.notes, *map(_NAME, self.contacts))).casefold()

    def interview_instant(self) -> datetime:
        return self.interviewed_at.instant()


#: A contact's name, read in C (the filter's text is made for every card of a board).
_NAME = attrgetter("name")
#: Whether a contact can receive a note, asked in C (of every card in Interviewed as a board opens).
_RECEIVES_NOTE = attrgetter("can_receive_note")
