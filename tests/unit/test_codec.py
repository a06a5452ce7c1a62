"""Cards to JSON-ready records and back, and refusals of records that are not cards."""

from __future__ import annotations

import copy
import gc
import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import msgspec
import pytest

from tui import codec
from tui.codec import CodecError, card_from_dict, card_to_dict, event_from_dict, event_to_dict
from tui.domain import ops
from tui.domain.model import Contact, Event, EventKind, Instruction, InstructionKind, Interview
from tui.domain.stages import Outcome, Stage
from tui.domain.wall import WallTime
from tui.gc_policy import SET_ASIDE_FILE_SIZE
from tui.store import Store


def full_card() -> Interview:
    """A card whose timeline holds every kind of event."""
    card = ops.new_interview(
        card_id=7,
        company="Acme [bold]Ltd[/]",
        role="Data engineer",
        interviewed_at=WallTime(datetime(2026, 11, 20, 10, 30), "America/New_York"),
        employer_zone="Europe/Berlin",
        created_on=date(2026, 11, 19),
        contacts=(
            Contact("Ann Lee", "CTO", "ann@example.com", "+1 555 0100", "1 Main St\nSpringfield"),
            Contact(name="Bo"),
        ),
        notes="Met the team.\n\x1b[2J odd \u202e text",
        uid="3f1b7c1e-8a2d-4c55-9d0e-2b6f5a4c7e10",
    )
    card = ops.move(card, Stage.THANKED, date(2026, 11, 23), note="emailed")
    card = ops.instruct_contact_on(card, date(2026, 11, 25), date(2026, 11, 23), note="call Wed")
    card = ops.log_followup(card, date(2026, 11, 25))
    card = ops.instruct_wait(card, None, date(2026, 11, 26))
    card = ops.clear_instruction(card, date(2026, 11, 27))
    card = ops.log_reply(card, date(2026, 11, 30), note="they called")
    card = ops.move(card, Stage.CLOSED, date(2026, 12, 1), outcome=Outcome.OFFER)
    return card


def test_round_trip_keeps_everything() -> None:
    card = full_card()
    assert {e.kind for e in card.events} == set(EventKind)
    record = card_to_dict(card)
    assert card_from_dict(7, record) == card
    assert card_from_dict(7, json.loads(json.dumps(record))) == card


def test_record_shape() -> None:
    record = card_to_dict(full_card())
    assert "id" not in record
    assert record["interviewed_at"] == {"local": "2026-11-20T10:30", "zone": "America/New_York"}
    assert record["stage"] == "closed"
    assert record["outcome"] == "offer"
    assert record["events"][0] == {"kind": "created", "on": "2026-11-19"}
    assert record["events"][2]["instruction"] == {
        "kind": "contact_on",
        "given_on": "2026-11-23",
        "until": "2026-11-25",
    }


def test_event_round_trip() -> None:
    event = Event(
        EventKind.INSTRUCTION,
        date(2026, 11, 24),
        instruction=Instruction(InstructionKind.WAIT, date(2026, 11, 24), date(2026, 12, 4)),
        note="by the 4th",
    )
    assert event_from_dict(event_to_dict(event)) == event


def test_minimal_record_gets_defaults() -> None:
    card = card_from_dict(
        3, {"company": "Acme", "interviewed_at": {"local": "2026-11-20T10:00", "zone": "UTC"}}
    )
    assert (card.id, card.stage, card.outcome, card.events, card.contacts) == (
        3,
        Stage.INTERVIEWED,
        None,
        (),
        (),
    )


def good() -> dict[str, Any]:
    return card_to_dict(full_card())


def broken(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    record = copy.deepcopy(good())
    target: Any = record
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return record


BAD = [
    pytest.param(broken(("interviewed_at",), KeyError), id="no-interview-time"),
    pytest.param(broken(("interviewed_at",), "2026-11-20T10:00"), id="interview-time-not-object"),
    pytest.param(broken(("interviewed_at", "local"), "next friday"), id="interview-time-not-iso"),
    pytest.param(broken(("interviewed_at", "local"), 20261120), id="interview-time-number"),
    pytest.param(broken(("interviewed_at", "local"), "2026-11-20T10:00+00:00"), id="interview-time-aware"),
    pytest.param(broken(("interviewed_at", "zone"), "Mars/Olympus"), id="unknown-zone"),
    pytest.param(broken(("interviewed_at", "zone"), KeyError), id="no-zone"),
    pytest.param(broken(("interviewed_at", "local"), "2026-03-08T02:30"), id="skipped-wall-time"),
    pytest.param(broken(("company",), 42), id="company-not-text"),
    pytest.param(broken(("notes",), ["a"]), id="notes-not-text"),
    pytest.param(broken(("stage",), "hired"), id="unknown-stage"),
    pytest.param(broken(("outcome",), "ghosted"), id="unknown-outcome"),
    pytest.param(broken(("contacts",), "Ann"), id="contacts-not-list"),
    pytest.param(broken(("contacts", 0), "Ann"), id="contact-not-object"),
    pytest.param(broken(("contacts", 0, "email"), None), id="contact-field-not-text"),
    pytest.param(broken(("events",), {}), id="events-not-list"),
    pytest.param(broken(("events", 1), "moved"), id="event-not-object"),
    pytest.param(broken(("events", 1, "kind"), "teleported"), id="unknown-event-kind"),
    pytest.param(broken(("events", 1, "kind"), KeyError), id="event-without-kind"),
    pytest.param(broken(("events", 1, "on"), KeyError), id="event-without-day"),
    pytest.param(broken(("events", 1, "on"), "2026-11-31"), id="event-bad-day"),
    pytest.param(broken(("events", 1, "stage"), "hired"), id="event-unknown-stage"),
    pytest.param(broken(("events", 1, "note"), 3), id="event-note-not-text"),
    pytest.param(broken(("events", 2, "instruction"), "call"), id="instruction-not-object"),
    pytest.param(broken(("events", 2, "instruction", "kind"), "beg"), id="instruction-unknown-kind"),
    pytest.param(broken(("events", 2, "instruction", "until"), None), id="contact-on-without-day"),
    pytest.param(broken(("events", 2, "instruction", "given_on"), KeyError), id="instruction-no-given-day"),
    pytest.param([1, 2], id="not-an-object"),
    pytest.param(None, id="null"),
]


@pytest.mark.parametrize("record", BAD)
def test_bad_records_raise_codec_error(record: Any) -> None:
    with pytest.raises(CodecError, match=r"^card 7\b") as info:
        card_from_dict(7, record)
    assert len(str(info.value)) > len("card 7: ")


def test_good_record_is_accepted() -> None:
    """The base every BAD case starts from is itself fine."""
    assert card_from_dict(7, good()).company == "Acme [bold]Ltd[/]"


def demo_records() -> list[dict[str, Any]]:
    from tui.demo import build

    cards = [full_card(), *build()]
    return [json.loads(json.dumps(card_to_dict(card))) for card in cards]


def test_the_checking_reading_gives_msgspec_the_same_record() -> None:
    """A record the checking reading lets through is the record msgspec reads: the same card."""
    for n, record in enumerate(demo_records(), start=1):
        direct = msgspec.convert(record, codec._Record)  # raises if msgspec alone refused the record
        assert msgspec.convert(codec._checked_record(n, record), codec._Record) == direct
        card = card_from_dict(n, record)
        assert codec._card(n, direct) == card
        assert [type(e.kind) for e in card.events] == [EventKind] * len(card.events)


def test_a_well_formed_record_is_read_without_the_checking_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(card_id: int, record: Any) -> dict[str, Any]:
        raise AssertionError(f"card {card_id} went the checking way")

    monkeypatch.setattr(codec, "_checked_record", refuse)
    minimal = {"company": "Acme", "interviewed_at": {"local": "2026-11-20T10:00", "zone": "UTC"}}
    assert card_from_dict(3, minimal).company == "Acme"
    for n, record in enumerate(demo_records(), start=1):
        assert card_from_dict(n, record).id == n


@pytest.mark.parametrize("record", BAD)
def test_msgspec_alone_never_accepts_a_bad_record(record: Any) -> None:
    """What msgspec reads without the check is refused too: a bad record never passes for a card."""
    with pytest.raises((msgspec.ValidationError, CodecError)):
        codec._card(7, msgspec.convert(record, codec._Record))


def _maker(card: Interview) -> Callable[[int], Interview]:
    return lambda card_id: msgspec.structs.replace(card, id=card_id)


def test_a_big_board_is_read_whole_and_set_aside_from_the_collector(tmp_path: Path) -> None:
    from tui.demo import build

    demo = build()
    store = Store(tmp_path / "board.json")
    store.add_many([_maker(demo[n % len(demo)]) for n in range(900)])
    assert store.file.stat().st_size >= SET_ASIDE_FILE_SIZE  # big enough to be settled
    frozen = gc.get_freeze_count()
    try:
        cards = Store(store.file).load()
        assert gc.get_freeze_count() > frozen
        assert gc.isenabled()
        assert cards == store.load()
        assert [card.id for card in cards] == list(range(1, 901))
    finally:
        gc.unfreeze()


# -- card_from_json: the record as the board file's text


def _text(record: Any) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode("utf-8")


def test_json_path_makes_the_same_cards_as_the_dict_path() -> None:
    records = demo_records()
    assert len(records) > 10
    for n, record in enumerate(records, start=1):
        card = codec.card_from_json(n, _text(record))
        assert card == card_from_dict(n, record)
        assert type(card.contacts) is tuple
        assert type(card.events) is tuple
        assert all(type(e.kind) is EventKind for e in card.events)


def test_json_path_decodes_a_well_formed_record_in_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    """The common record never reaches the dict path (which would make the same card, slower)."""

    def refuse(card_id: int, record: Any) -> Interview:
        raise AssertionError(f"card {card_id} went the slow way")

    monkeypatch.setattr(codec, "card_from_dict", refuse)
    monkeypatch.setattr(codec, "_checked_record", refuse)
    for n, record in enumerate(demo_records(), start=1):
        assert codec.card_from_json(n, _text(record)).id == n


# Records that msgspec reads differently from Python (or refuses) but that are cards all the same.
ODD_BUT_FINE = [
    pytest.param({"outcome": ""}, id="empty-outcome-is-none"),
    pytest.param({"events": [{"kind": "created", "on": "20261119"}]}, id="basic-iso-day"),
    pytest.param(
        {"events": [{"kind": "moved", "on": "2026-11-20", "stage": "", "note": "x"}]}, id="empty-event-stage"
    ),
    pytest.param({"contacts": [{"name": "Ann", "extra": 1}], "extra": [1, 2]}, id="unknown-fields-ignored"),
    pytest.param({"notes": "\U0001f600 and a lone \ud800"}, id="lone-surrogate-in-text"),
]


@pytest.mark.parametrize("change", ODD_BUT_FINE)
def test_json_path_agrees_on_odd_records(change: dict[str, Any]) -> None:
    record = {**good(), **change}
    text = json.dumps(record).encode("ascii")  # escaped: a lone surrogate stays representable
    assert codec.card_from_json(7, text) == card_from_dict(7, record)


# The same odd records (as changes to ``good()``), each next to the canonical record it stands for.
ODD_AND_CANONICAL = [
    pytest.param({"outcome": ""}, {"outcome": None}, id="empty-outcome-is-none"),
    pytest.param({"outcome": 0}, {"outcome": None}, id="false-outcome-is-none"),
    pytest.param(
        {"events": [{"kind": "created", "on": "20261119"}]},
        {"events": [{"kind": "created", "on": "2026-11-19"}]},
        id="basic-iso-day",
    ),
    pytest.param(
        {"events": [{"kind": "moved", "on": "2026-11-20", "stage": "", "from_stage": "", "note": "x"}]},
        {"events": [{"kind": "moved", "on": "2026-11-20", "note": "x"}]},
        id="empty-event-stages",
    ),
    pytest.param(
        {"events": [{"kind": "instruction", "on": "2026-11-20", "instruction": {}}]},
        {"events": [{"kind": "instruction", "on": "2026-11-20"}]},
        id="empty-instruction",
    ),
    pytest.param(
        {
            "events": [
                {
                    "kind": "instruction",
                    "on": "2026-11-20",
                    "instruction": {"kind": "wait", "given_on": "2026W474"},
                }
            ]
        },
        {
            "events": [
                {
                    "kind": "instruction",
                    "on": "2026-11-20",
                    "instruction": {"kind": "wait", "given_on": "2026-11-19"},
                }
            ]
        },
        id="week-date-in-an-instruction",
    ),
]


@pytest.mark.parametrize(("odd", "canonical"), ODD_AND_CANONICAL)
def test_an_odd_record_gives_the_card_of_its_canonical_form(
    odd: dict[str, Any], canonical: dict[str, Any]
) -> None:
    with pytest.raises(msgspec.ValidationError):
        msgspec.convert({**good(), **odd}, codec._Record)  # only the checking reading takes it
    expected = card_from_dict(7, {**good(), **canonical})
    assert card_from_dict(7, {**good(), **odd}) == expected
    assert codec.card_from_json(7, _text({**good(), **odd})) == expected


@pytest.mark.parametrize("record", BAD)
def test_json_path_refuses_bad_records_as_the_dict_path_does(record: Any) -> None:
    with pytest.raises(CodecError) as from_dict:
        card_from_dict(7, record)
    with pytest.raises(CodecError) as from_json:
        codec.card_from_json(7, json.dumps(record).encode())
    assert str(from_json.value) == str(from_dict.value)


def test_json_path_refuses_text_that_is_not_json() -> None:
    with pytest.raises(CodecError, match=r"^card 7 is not valid JSON"):
        codec.card_from_json(7, b'{"company": "Acme", ')


def test_cards_read_from_text_share_one_string_per_zone_name() -> None:
    """A board's cards name the same few zones: each name is held once, however many cards."""
    records = [r for r in demo_records() if r["employer_zone"]]
    assert len(records) >= 2
    texts = [
        _text(dict(r, interviewed_at={"local": "2026-11-20T10:00", "zone": "Europe/London"}, rounds=[]))
        for r in records
    ]
    cards = [codec.card_from_json(n, text) for n, text in enumerate(texts, start=1)]
    zones = {id(card.interviewed_at.zone) for card in cards}
    assert len(zones) == 1
    by_name: dict[str, set[int]] = {}
    for card in cards:
        by_name.setdefault(card.employer_zone, set()).add(id(card.employer_zone))
    assert all(len(ids) == 1 for ids in by_name.values())
    assert len(records) > len(by_name)  # some employer zones repeat


def test_a_record_read_from_text_has_the_fields_of_a_card() -> None:
    """msgspec reads a record into ``_Record``: the card's own fields but its id, none missing or extra.

    In the order a saved file writes them (sorted), which msgspec matches fastest.
    """
    fields = codec._Record.__struct_fields__
    assert sorted(fields) == sorted(f for f in Interview.__struct_fields__ if f != "id")
    assert list(fields) == sorted(fields)
    events = [e for record in demo_records() for e in record["events"]]
    events.append(
        {
            "kind": "instruction",
            "on": "2026-11-20",
            "note": "x",
            "instruction": {"kind": "wait", "given_on": "2026-11-20", "until": None},
        }
    )
    kinds = set()
    for raw in events:
        record = {
            "company": "Acme",
            "interviewed_at": {"local": "2026-11-20T10:00", "zone": "UTC"},
            "events": [raw],
        }
        (quick,) = codec.card_from_json(1, _text(record)).events
        assert quick == event_from_dict(raw)
        assert type(quick) is Event
        assert hash(quick) == hash(event_from_dict(raw))
        kinds.add(quick.kind)
    assert len(kinds) >= 4


def test_cards_read_from_text_share_job_titles() -> None:
    records = demo_records()
    texts = [_text(dict(r, role="Analyst")) for r in records] * 2
    cards = [codec.card_from_json(n, text) for n, text in enumerate(texts, start=1)]
    assert len({id(card.role) for card in cards}) == 1


def test_cards_read_from_text_are_immutable_and_left_out_of_garbage_collection() -> None:
    """A 10,000-card board is some 60,000 records: the collector has no cycle to find among them."""
    card = codec.card_from_json(1, _text(demo_records()[0]))
    parts = [card, card.interviewed_at, *card.contacts, *card.events]
    assert card.contacts
    assert card.events
    assert not any(gc.is_tracked(part) for part in parts)
    for part in parts:
        with pytest.raises(AttributeError):
            setattr(part, part.__struct_fields__[0], None)
