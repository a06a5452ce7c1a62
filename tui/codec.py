"""Cards to plain JSON-ready dicts and back.

This is the board file's record format (the store wraps it in TinyDB tables)
and the base of ``export --format json``. Dates are ISO strings; the interview
time is a wall time plus its IANA zone name, and so is each round's. A card
holds ``rounds`` (empty while its first interview is its only one) and its
lasting ``uid``; once mail was applied to it, ``applied_mail`` (the messages'
ids), and a round booked from an invite holds the invite's ``{uid, sequence}``.
Both are left out while empty, so a card mail never touched reads and writes
as before.

Every card is decoded one way: msgspec reads the record (JSON text, or a dict
already parsed) into ``_Record``, and ``_card`` builds the card from it by
keyword. A record msgspec refuses goes first through ``_checked_record``,
which reads it as leniently as Python's own parsers (an empty outcome, an ISO
date in another form), says what is wrong with a bad one, and gives back the
record in the form msgspec reads.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from sys import intern
from typing import Any

import msgspec

from tui.domain.model import (
    Contact,
    Event,
    EventKind,
    Instruction,
    InstructionKind,
    Interview,
    InviteRef,
    Round,
)
from tui.domain.stages import Outcome, Stage
from tui.domain.wall import WallTime


class CodecError(ValueError):
    """A record that is not a card of this board."""


# -- cards to records


def contact_to_dict(contact: Contact) -> dict[str, str]:
    return {
        "name": contact.name,
        "title": contact.title,
        "email": contact.email,
        "phone": contact.phone,
        "address": contact.address,
    }


def _instruction_to_dict(instruction: Instruction) -> dict[str, Any]:
    return {
        "kind": instruction.kind.value,
        "given_on": instruction.given_on.isoformat(),
        "until": instruction.until.isoformat() if instruction.until else None,
    }


def event_to_dict(event: Event) -> dict[str, Any]:
    record: dict[str, Any] = {"kind": event.kind.value, "on": event.on.isoformat()}
    if event.stage is not None:
        record["stage"] = event.stage.value
    if event.from_stage is not None:
        record["from_stage"] = event.from_stage.value
    if event.outcome is not None:
        record["outcome"] = event.outcome.value
    if event.instruction is not None:
        record["instruction"] = _instruction_to_dict(event.instruction)
    if event.note:
        record["note"] = event.note
    return record


def _when(at: WallTime) -> dict[str, str]:
    return {"local": at.isoformat(), "zone": at.zone}


def round_to_dict(held: Round) -> dict[str, Any]:
    """A round's stored form: ``{at: {local, zone}, label, with: [names]}`` (and ``invite``, if booked)."""
    record: dict[str, Any] = {"at": _when(held.at), "label": held.label, "with": list(held.met)}
    if held.invite is not None:
        record["invite"] = {"uid": held.invite.uid, "sequence": held.invite.sequence}
    return record


def card_to_dict(card: Interview) -> dict[str, Any]:
    """The stored form of a card (without its id, which is the record's key).

    ``applied_mail`` is written only once the card has some: a card mail never
    touched is stored as it was before mail could be applied.
    """
    record: dict[str, Any] = {
        "uid": card.uid,
        "company": card.company,
        "role": card.role,
        "interviewed_at": _when(card.interviewed_at),
        "employer_zone": card.employer_zone,
        "contacts": [contact_to_dict(c) for c in card.contacts],
        "notes": card.notes,
        "stage": card.stage.value,
        "outcome": card.outcome.value if card.outcome else None,
        "events": [event_to_dict(e) for e in card.events],
        "rounds": [round_to_dict(r) for r in card.rounds],
    }
    if card.applied_mail:
        record["applied_mail"] = list(card.applied_mail)
    return record


# -- records to cards


class _When(msgspec.Struct, gc=False, forbid_unknown_fields=True):
    local: str
    zone: str


class _RoundRecord(msgspec.Struct, gc=False, forbid_unknown_fields=True):
    at: _When
    label: str = ""
    met: tuple[str, ...] = msgspec.field(default=(), name="with")
    invite: InviteRef | None = None


class _Record(msgspec.Struct, kw_only=True, gc=False, forbid_unknown_fields=True):
    """A card record as msgspec reads it: the card's fields but its id, with its time in parts.

    Contacts and events are read straight into the domain's records; the
    interview time is a WallTime made from its parts (``_wall``), since
    msgspec's own datetimes need seconds and the file stores minutes. The
    fields are in the order the file writes its keys (sorted): msgspec looks
    for each key at the place after the last one first, so keys in that
    order are matched at once. A key it does not have sends the record the
    checking way (every record type here refuses one), so a decoded record was
    read whole: text that is not UTF-8 anywhere in it is refused.
    """

    applied_mail: tuple[str, ...] = ()
    company: str = ""
    contacts: tuple[Contact, ...] = ()
    employer_zone: str = ""
    events: tuple[Event, ...] = ()
    interviewed_at: _When
    notes: str = ""
    outcome: Outcome | None = None
    role: str = ""
    rounds: tuple[_RoundRecord, ...] = ()
    stage: Stage = Stage.INTERVIEWED
    uid: str = ""


_FROM_JSON = msgspec.json.Decoder(_Record)


def card_from_json(card_id: int, text: bytes | memoryview | msgspec.Raw) -> Interview:
    """A card from its stored form as JSON text.

    The same card, or the same CodecError, as ``card_from_dict`` of the parsed text.
    """
    try:
        record = _FROM_JSON.decode(text)
    except msgspec.DecodeError:  # a ValidationError too
        # Refused (or JSON msgspec reads differently, such as a lone surrogate): read it as Python does.
        try:
            parsed = json.loads(bytes(text))
        except (ValueError, RecursionError) as exc:
            raise CodecError(f"card {card_id} is not valid JSON") from exc
        return card_from_dict(card_id, parsed)
    return _card(card_id, record)


def card_from_dict(card_id: int, record: Any) -> Interview:
    """A card from its stored form; CodecError says what is wrong."""
    try:
        fields = msgspec.convert(record, _Record)
    except msgspec.ValidationError:
        checked = _checked_record(card_id, record)
        try:
            fields = msgspec.convert(checked, _Record)
        except msgspec.ValidationError as exc:  # something the check let through: still a CodecError
            raise CodecError(f"card {card_id}: {exc}") from exc
    return _card(card_id, fields)


def event_from_dict(record: Any) -> Event:
    """One event from its stored form; CodecError says what is wrong."""
    try:
        return msgspec.convert(record, Event)
    except msgspec.ValidationError:
        checked = _checked_event(record)
        try:
            return msgspec.convert(checked, Event)
        except msgspec.ValidationError as exc:
            raise CodecError(f"bad event: {exc}") from exc


def _card(card_id: int, record: _Record) -> Interview:
    """The one place a card is built from what was read."""
    when = record.interviewed_at
    try:
        # ``_wall``'s work without its call (10,000 cards at the start of a big board: 8 M instructions).
        interviewed_at = WallTime(_fromisoformat(when.local), intern(when.zone))
        rounds = _rounds(record.rounds, when, interviewed_at) if record.rounds else ()
    except (TypeError, ValueError) as exc:
        raise CodecError(f"card {card_id}: {exc}") from exc
    if rounds and rounds[0].at != interviewed_at:
        raise CodecError(f"card {card_id}: its first round is not at interviewed_at")
    # In the fields' order, not by name: a third less time per card at the start of a big board.
    return Interview(
        card_id,
        record.company,
        interviewed_at,
        intern(record.role),  # a job title recurs across a board: one string each
        intern(record.employer_zone),
        record.contacts,
        record.notes,
        record.stage,
        record.outcome,
        record.events,
        rounds,
        record.uid,
        record.applied_mail,
    )


def _rounds(records: tuple[_RoundRecord, ...], first: _When, first_at: WallTime) -> tuple[Round, ...]:
    """The rounds read, in date order; the first shares the card's interview time (it is the same).

    One loop, no call per round but the records' own: a big board holds tens
    of thousands of rounds. Labels and the people met recur across a board:
    one object each.
    """
    first_local, first_zone, zone_name = first.local, first.zone, first_at.zone
    names = _NAMES
    if len(names) > _NAMES_KEPT:  # a board whose every round met someone new: start again
        names.clear()
    made: list[Round] = []
    in_order, latest = True, None
    for record in records:
        at = record.at
        local = at.local
        if at.zone == first_zone:
            wall = first_at if local == first_local else WallTime(_fromisoformat(local), zone_name)
            if in_order:
                in_order = latest is None or latest <= wall.local
                latest = wall.local
        else:
            wall = WallTime(_fromisoformat(local), intern(at.zone))
            in_order = False
        label = record.label
        met = record.met
        if met:
            met = names.setdefault(met, met)
        made.append(Round(wall, intern(label) if label else label, met, record.invite))
    if not in_order:  # a file keeps them in date order; one written by hand may not
        made.sort(key=_moment)
    return tuple(made)


#: One tuple for each set of people met (the same few recur across a board's rounds), up to a few thousand.
_NAMES: dict[tuple[str, ...], tuple[str, ...]] = {}
_NAMES_KEPT = 4096


def _moment(held: Round) -> datetime:
    return held.at.instant()


_fromisoformat = datetime.fromisoformat


def _wall(local: Any, zone: Any) -> WallTime:
    """The interview time from its stored parts; TypeError or ValueError says what is wrong."""
    # Zone names repeat on every card: one string each for the whole board.
    return WallTime(_fromisoformat(local), intern(zone) if type(zone) is str else zone)


# -- the checking reading, for records msgspec refuses

_CONTACT_FIELDS = ("name", "title", "email", "phone", "address")


def _checked_record(card_id: int, record: Any) -> dict[str, Any]:
    """``record`` read field by field as Python's parsers read it, in a form msgspec reads.

    It accepts what msgspec refuses but a card may hold (an empty outcome, an
    ISO date in another form ``date.fromisoformat`` reads) and raises
    CodecError naming the first thing that is wrong.
    """
    if not isinstance(record, dict):
        raise CodecError(f"card {card_id} is not an object")
    try:
        when = record["interviewed_at"]
        if not isinstance(when, dict):
            raise CodecError("interviewed_at must be an object with local and zone")
        local, zone = when["local"], when["zone"]
        _wall(local, zone)
        contacts = record.get("contacts", [])
        if not isinstance(contacts, list):
            raise CodecError("contacts must be a list")
        if not all(isinstance(c, dict) for c in contacts):
            raise CodecError("each contact must be an object")
        contact_fields = [{key: _str(c, key) for key in _CONTACT_FIELDS} for c in contacts]
        events = record.get("events", [])
        if not isinstance(events, list):
            raise CodecError("events must be a list")
        outcome = record.get("outcome")
        rounds = record.get("rounds", [])
        if not isinstance(rounds, list) or not all(isinstance(r, dict) for r in rounds):
            raise CodecError("rounds must be a list of objects")
        applied = record.get("applied_mail", [])
        if not isinstance(applied, list) or not all(isinstance(i, str) for i in applied):
            raise CodecError("applied_mail must be a list of message ids")
        return {
            "uid": _str(record, "uid"),
            "applied_mail": applied,
            "rounds": [_checked_round(r) for r in rounds],
            "company": _str(record, "company"),
            "role": _str(record, "role"),
            "interviewed_at": {"local": local, "zone": zone},
            "employer_zone": _str(record, "employer_zone"),
            "contacts": contact_fields,
            "notes": _str(record, "notes"),
            "stage": Stage(record.get("stage", "interviewed")),
            "outcome": Outcome(outcome) if outcome else None,
            "events": [_checked_event(e) for e in events],
        }
    except (KeyError, TypeError, ValueError) as exc:  # a CodecError is a ValueError
        raise CodecError(f"card {card_id}: {exc}") from exc


def _checked_round(record: dict[str, Any]) -> dict[str, Any]:
    at = record.get("at")
    if not isinstance(at, dict):
        raise CodecError("a round's at must be an object with local and zone")
    _wall(at.get("local"), at.get("zone"))
    met = record.get("with", [])
    if not isinstance(met, list) or not all(isinstance(name, str) for name in met):
        raise CodecError("a round's with must be a list of names")
    checked: dict[str, Any] = {
        "at": {"local": at["local"], "zone": at["zone"]},
        "label": _str(record, "label"),
        "with": met,
    }
    invite = record.get("invite")
    if invite is not None:
        if not isinstance(invite, dict):
            raise CodecError("a round's invite must be an object with uid and sequence")
        sequence = invite.get("sequence", 0)
        if type(sequence) is not int:
            raise CodecError("a round's invite sequence must be a whole number")
        checked["invite"] = {"uid": _str(invite, "uid"), "sequence": sequence}
    return checked


def _checked_event(record: Any) -> dict[str, Any]:
    """``_checked_record`` for one event: an empty stage, outcome or instruction is none."""
    if not isinstance(record, dict):
        raise CodecError("an event must be an object")
    try:
        return {
            "kind": EventKind(record["kind"]),
            "on": _day(record.get("on"), "event.on"),
            "stage": Stage(record["stage"]) if record.get("stage") else None,
            "from_stage": Stage(record["from_stage"]) if record.get("from_stage") else None,
            "outcome": Outcome(record["outcome"]) if record.get("outcome") else None,
            "instruction": _checked_instruction(record["instruction"]) if record.get("instruction") else None,
            "note": _str(record, "note"),
        }
    except (KeyError, ValueError) as exc:
        raise CodecError(f"bad event: {exc}") from exc


def _checked_instruction(record: Any) -> Instruction:
    if not isinstance(record, dict):
        raise CodecError("instruction must be an object")
    until = record.get("until")
    fields = {
        "kind": InstructionKind(record["kind"]),
        "given_on": _day(record.get("given_on"), "instruction.given_on"),
        "until": _day(until, "instruction.until") if until is not None else None,
    }
    try:
        return msgspec.convert(fields, Instruction)  # the instruction's own rule: a contact-on has a date
    except msgspec.ValidationError as exc:
        raise CodecError(str(exc)) from exc


def _str(record: dict[str, Any], key: str, default: str = "") -> str:
    value = record.get(key, default)
    if not isinstance(value, str):
        raise CodecError(f"{key} must be text")
    return value


def _day(value: Any, key: str) -> date:
    if not isinstance(value, str):
        raise CodecError(f"{key} must be an ISO date")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CodecError(f"{key}: {value!r} is not an ISO date") from exc
