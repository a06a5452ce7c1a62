"""Cards to plain JSON-ready dicts and back.

This is the board file's record format (the store wraps it in TinyDB tables)
and the base of ``export --format json``. Dates are ISO strings; the interview
time is a wall time plus its IANA zone name.

Reading a board decodes every card, so ``card_from_dict`` first tries a lean
path for the common, well-formed record (enum members looked up in a dict,
plain type checks); anything unusual goes to the checking path, which makes
the same cards and says what is wrong with a bad one. A record still in its
JSON text (as read from the board file) is decoded by ``card_from_json``
straight into the domain's records, in C (msgspec), with the same fallback.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from sys import intern
from typing import Any

import msgspec

from tui.domain.model import Contact, Event, EventKind, Instruction, InstructionKind, Interview
from tui.domain.stages import Outcome, Stage
from tui.domain.wall import WallTime


class CodecError(ValueError):
    """A record that is not a card of this board."""


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


def card_to_dict(card: Interview) -> dict[str, Any]:
    """The stored form of a card (without its id, which is the record's key)."""
    return {
        "company": card.company,
        "role": card.role,
        "interviewed_at": {"local": card.interviewed_at.isoformat(), "zone": card.interviewed_at.zone},
        "employer_zone": card.employer_zone,
        "contacts": [contact_to_dict(c) for c in card.contacts],
        "notes": card.notes,
        "stage": card.stage.value,
        "outcome": card.outcome.value if card.outcome else None,
        "events": [event_to_dict(e) for e in card.events],
    }


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


def _instruction_from_dict(record: Any) -> Instruction:
    if not isinstance(record, dict):
        raise CodecError("instruction must be an object")
    until = record.get("until")
    return Instruction(
        kind=InstructionKind(record["kind"]),
        given_on=_day(record.get("given_on"), "instruction.given_on"),
        until=_day(until, "instruction.until") if until is not None else None,
    )


def event_from_dict(record: Any) -> Event:
    if not isinstance(record, dict):
        raise CodecError("an event must be an object")
    try:
        return Event(
            kind=EventKind(record["kind"]),
            on=_day(record.get("on"), "event.on"),
            stage=Stage(record["stage"]) if record.get("stage") else None,
            from_stage=Stage(record["from_stage"]) if record.get("from_stage") else None,
            outcome=Outcome(record["outcome"]) if record.get("outcome") else None,
            instruction=_instruction_from_dict(record["instruction"]) if record.get("instruction") else None,
            note=_str(record, "note"),
        )
    except (KeyError, ValueError) as exc:
        raise CodecError(f"bad event: {exc}") from exc


_STAGES = {stage.value: stage for stage in Stage}
_OUTCOMES = {outcome.value: outcome for outcome in Outcome}
_EVENT_KINDS = {kind.value: kind for kind in EventKind}
_CONTACT_FIELDS = ("name", "title", "email", "phone", "address")


class _Unusual(Exception):
    """The lean path met something it leaves to the checking path."""


def _text(record: dict[str, Any], key: str) -> str:
    value = record.get(key, "")
    if type(value) is not str:
        raise _Unusual(key)
    return value


def _lean_event(record: Any) -> Event:
    if type(record) is not dict or record.get("instruction"):
        raise _Unusual("event")
    stage = record.get("stage")
    from_stage = record.get("from_stage")
    outcome = record.get("outcome")
    on = record["on"]
    if type(on) is not str:
        raise _Unusual("event.on")
    return Event(
        _EVENT_KINDS[record["kind"]],
        date.fromisoformat(on),
        _STAGES[stage] if stage else None,
        _STAGES[from_stage] if from_stage else None,
        _OUTCOMES[outcome] if outcome else None,
        None,
        _text(record, "note"),
    )


def _lean_card(card_id: int, record: Any) -> Interview:
    """``card_from_dict`` for a well-formed record; ``_Unusual`` (or a lookup error) otherwise."""
    if type(record) is not dict:
        raise _Unusual("record")
    when = record["interviewed_at"]
    if type(when) is not dict:
        raise _Unusual("interviewed_at")
    local = when["local"]
    if type(local) is not str:
        raise _Unusual("interviewed_at.local")
    wall = WallTime(datetime.fromisoformat(local), when["zone"])
    contacts_raw = record.get("contacts", [])
    events_raw = record.get("events", [])
    if type(contacts_raw) is not list or type(events_raw) is not list:
        raise _Unusual("contacts or events")
    contacts = []
    for raw in contacts_raw:
        if type(raw) is not dict:
            raise _Unusual("contact")
        contacts.append(Contact(*[_text(raw, key) for key in _CONTACT_FIELDS]))
    events = []
    for raw in events_raw:
        try:
            events.append(_lean_event(raw))
        except _Unusual:
            events.append(event_from_dict(raw))
    outcome = record.get("outcome")
    return Interview(
        card_id,
        _text(record, "company"),
        wall,
        _text(record, "role"),
        _text(record, "employer_zone"),
        tuple(contacts),
        _text(record, "notes"),
        _STAGES[record.get("stage", "interviewed")],
        _OUTCOMES[outcome] if outcome else None,
        tuple(events),
    )


def card_from_dict(card_id: int, record: Any) -> Interview:
    """A card from its stored form; CodecError says what is wrong."""
    try:
        return _lean_card(card_id, record)
    except (_Unusual, CodecError, KeyError, TypeError, ValueError, AttributeError):
        return _checked_card(card_id, record)


def _checked_card(card_id: int, record: Any) -> Interview:
    """``card_from_dict`` checking every field as it goes, to name what is wrong."""
    if not isinstance(record, dict):
        raise CodecError(f"card {card_id} is not an object")
    try:
        when = record["interviewed_at"]
        if not isinstance(when, dict):
            raise CodecError("interviewed_at must be an object with local and zone")
        wall = WallTime(datetime.fromisoformat(when["local"]), when["zone"])
        contacts_raw = record.get("contacts", [])
        if not isinstance(contacts_raw, list):
            raise CodecError("contacts must be a list")
        if not all(isinstance(c, dict) for c in contacts_raw):
            raise CodecError("each contact must be an object")
        contacts = tuple(
            Contact(**{k: _str(c, k) for k in ("name", "title", "email", "phone", "address")})
            for c in contacts_raw
        )
        events_raw = record.get("events", [])
        if not isinstance(events_raw, list):
            raise CodecError("events must be a list")
        outcome = record.get("outcome")
        return Interview(
            id=card_id,
            company=_str(record, "company"),
            role=_str(record, "role"),
            interviewed_at=wall,
            employer_zone=_str(record, "employer_zone"),
            contacts=contacts,
            notes=_str(record, "notes"),
            stage=Stage(record.get("stage", "interviewed")),
            outcome=Outcome(outcome) if outcome else None,
            events=tuple(event_from_dict(e) for e in events_raw),
        )
    except CodecError as exc:
        raise CodecError(f"card {card_id}: {exc}") from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise CodecError(f"card {card_id}: {exc}") from exc


class _When(msgspec.Struct, gc=False):
    local: str
    zone: str


class _Record(msgspec.Struct, kw_only=True, gc=False):
    """A well-formed card record, as msgspec reads it: the card's fields but its id, with its time in parts.

    Contacts and events are read straight into the domain's records; the
    interview time is a WallTime made from its parts, since msgspec's own
    datetimes need seconds and the file stores minutes.
    """

    company: str = ""
    interviewed_at: _When
    role: str = ""
    employer_zone: str = ""
    contacts: tuple[Contact, ...] = ()
    notes: str = ""
    stage: Stage = Stage.INTERVIEWED
    outcome: Outcome | None = None
    events: tuple[Event, ...] = ()


_RECORD = msgspec.json.Decoder(_Record)


def card_from_json(card_id: int, text: bytes | memoryview | msgspec.Raw) -> Interview:
    """A card from its stored form as JSON text; the same card as ``card_from_dict`` of the parsed text.

    The common, well-formed record is decoded in one pass; anything msgspec
    reads differently or refuses (an empty stage, a date in another ISO form,
    a bad record) goes through ``card_from_dict``, which decides and says what
    is wrong.
    """
    try:
        record = _RECORD.decode(text)
        when = record.interviewed_at
        # Zone names repeat on every card: one string each for the whole board.
        wall = WallTime(datetime.fromisoformat(when.local), intern(when.zone))
    except (msgspec.DecodeError, ValueError, TypeError):
        pass
    else:
        return Interview(
            card_id,
            record.company,
            wall,
            intern(record.role),  # a job title recurs across a board too
            intern(record.employer_zone),
            record.contacts,
            record.notes,
            record.stage,
            record.outcome,
            record.events,
        )
    try:
        parsed = json.loads(bytes(text))
    except (ValueError, RecursionError) as exc:
        raise CodecError(f"card {card_id} is not valid JSON") from exc
    return card_from_dict(card_id, parsed)
