"""Schema 2: rounds and uids in the file, and the upgrade of a board made before them.

``data/fixtures/board-schema1.json`` was written by the release before rounds
(schema 1), through its command line: three cards, one thanked, one with an
instruction and a reply, one closed.
"""

from __future__ import annotations

import json
import shutil
import uuid
from datetime import date, datetime
from pathlib import Path

import msgspec
import pytest

from tui import codec
from tui.codec import CodecError, card_from_dict, card_from_json
from tui.domain import ops
from tui.domain.wall import WallTime
from tui.store import SCHEMA_VERSION, Store

FIXTURE = Path(__file__).parents[2] / "data" / "fixtures" / "board-schema1.json"


def schema1_board(board_path: Path) -> Path:
    shutil.copyfile(FIXTURE, board_path)
    return board_path


def test_the_fixture_is_a_schema_1_board() -> None:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert data["_meta"]["1"]["schema"] == 1
    assert all("uid" not in r and "rounds" not in r for r in data["interviews"].values())
    assert SCHEMA_VERSION == 2


def test_a_schema_1_board_reads_as_before_with_a_uid_each(board_path: Path) -> None:
    original = schema1_board(board_path).read_bytes()
    cards = Store(board_path).load()
    records = json.loads(original)["interviews"]
    # Each card is the card its schema-1 record always stood for, with one new uid.
    as_before = [card_from_dict(int(k), r) for k, r in records.items()]
    assert [msgspec.structs.replace(c, uid="") for c in cards] == as_before
    assert all(c.rounds == () for c in cards)
    assert all(uuid.UUID(c.uid).version == 4 for c in cards)
    assert len({c.uid for c in cards}) == 3
    assert board_path.read_bytes() == original  # reading writes nothing


def test_the_first_write_upgrades_the_file_and_backs_up_the_schema_1_file(board_path: Path) -> None:
    original = schema1_board(board_path).read_bytes()
    store = Store(board_path)
    uids = {c.id: c.uid for c in store.load()}
    # Until it is written, every read of the file gives the same cards (the uids it lacks are made once).
    assert {c.id: c.uid for c in store.load()} == uids
    assert store.get(2).uid == uids[2]
    store.update(1, lambda c: ops.edit(c, notes="second round soon"))
    data = json.loads(board_path.read_text(encoding="utf-8"))
    assert data["_meta"]["1"] == {"app": "followup", "next_id": 4, "schema": 2}
    assert {int(k): r["uid"] for k, r in data["interviews"].items()} == uids
    assert all(r["rounds"] == [] for r in data["interviews"].values())
    assert store.backup_path.read_bytes() == original
    # Kept for good: read again, and written again.
    again = Store(board_path)
    assert {c.id: c.uid for c in again.load()} == uids
    again.update(2, lambda c: ops.edit(c, notes="x"))
    assert {c.id: c.uid for c in Store(board_path).load()} == uids


def test_rounds_are_written_and_read_back(board_path: Path) -> None:
    store = Store(schema1_board(board_path))
    store.load()
    at = WallTime(datetime(2026, 11, 10, 14, 0), "America/New_York")
    _, after = store.update(1, lambda c: ops.add_round(c, at, label="final", met=["Ann Lee", "Dee"]))
    record = json.loads(board_path.read_text(encoding="utf-8"))["interviews"]["1"]
    assert record["rounds"] == [
        {"at": {"local": "2026-11-02T10:00", "zone": "Europe/London"}, "label": "", "with": ["Ann Lee"]},
        {
            "at": {"local": "2026-11-10T14:00", "zone": "America/New_York"},
            "label": "final",
            "with": ["Ann Lee", "Dee"],
        },
    ]
    assert Store(board_path).get(1) == after
    assert [c.name for c in after.contacts] == ["Ann Lee", "Dee"]


def test_a_new_card_gets_a_uid_of_its_own(board_path: Path) -> None:
    store = Store(schema1_board(board_path))
    old = {c.uid for c in store.load()}
    made = store.add(
        lambda card_id: ops.new_interview(
            card_id=card_id,
            company="New",
            interviewed_at=WallTime(datetime(2026, 11, 20, 10, 0), "Europe/London"),
            created_on=date(2026, 11, 20),
        )
    )
    assert uuid.UUID(made.uid).version == 4
    assert made.uid not in old
    assert Store(board_path).get(made.id).uid == made.uid


def _record_with_rounds(rounds: object) -> dict[str, object]:
    record = json.loads(FIXTURE.read_text(encoding="utf-8"))["interviews"]["1"]
    return {**record, "rounds": rounds}


FIRST = {"at": {"local": "2026-11-02T10:00", "zone": "Europe/London"}, "label": "", "with": ["Ann Lee"]}


@pytest.mark.parametrize(
    ("rounds", "message"),
    [
        ("soon", "rounds must be a list"),
        ([FIRST, {"at": "2026-11-10"}], "at must be an object"),
        ([FIRST, {"at": {"local": "2026-11-10T14:00", "zone": "Mars/Base"}}], "unknown time zone"),
        (
            [FIRST, {"at": {"local": "2026-11-10T14:00", "zone": "Europe/London"}, "with": "Ann"}],
            "with must be a list",
        ),
        (
            [{"at": {"local": "2026-11-03T10:00", "zone": "Europe/London"}}],
            "first round is not at interviewed_at",
        ),
    ],
)
def test_a_bad_round_is_named(rounds: object, message: str) -> None:
    with pytest.raises(CodecError, match=message):
        card_from_dict(1, _record_with_rounds(rounds))


def test_rounds_are_read_in_date_order() -> None:
    later = {"at": {"local": "2026-11-10T09:00", "zone": "America/New_York"}, "label": "final", "with": []}
    card = card_from_dict(1, _record_with_rounds([later, FIRST]))
    assert [r.label for r in card.rounds] == ["", "final"]


def test_rounds_in_other_zones_are_ordered_by_their_moment_not_their_wall_time() -> None:
    # 08:00 in New York is 13:00 in London: after the first round (10:00 London), though it reads earlier.
    same_day = {"at": {"local": "2026-11-02T08:00", "zone": "America/New_York"}, "label": "panel", "with": []}
    for listed in ([FIRST, same_day], [same_day, FIRST]):
        card = card_from_dict(1, _record_with_rounds(listed))
        assert [r.label for r in card.rounds] == ["", "panel"], listed


def _at(local: str, zone: str = "Europe/London") -> dict[str, str]:
    return {"local": local, "zone": zone}


def test_rounds_listed_out_of_order_in_the_cards_zone_are_put_in_date_order() -> None:
    second = {"at": _at("2026-11-09T11:00"), "label": "second", "with": []}
    third = {"at": _at("2026-11-16T11:00"), "label": "third", "with": []}
    for listed in ([FIRST, third, second], [third, FIRST, second], [second, third, FIRST]):
        read = card_from_json(1, json.dumps(_record_with_rounds(listed)).encode())
        assert [r.label for r in read.rounds] == ["", "second", "third"], listed
        assert read.rounds[0].at is read.interviewed_at  # the first round is the card's interview time


def test_the_same_people_met_are_one_tuple_across_a_board() -> None:
    met = ["Ann Lee", "Ravi Menon"]
    cards = [
        card_from_json(
            n, json.dumps(_record_with_rounds([FIRST, {"at": _at("2026-11-09T11:00"), "with": met}])).encode()
        )
        for n in (1, 2)
    ]
    assert cards[0].rounds[1].met == ("Ann Lee", "Ravi Menon")
    assert cards[0].rounds[1].met is cards[1].rounds[1].met


def test_a_board_where_every_round_met_someone_new_keeps_a_bounded_set_of_names() -> None:
    records = [
        _record_with_rounds([FIRST, {"at": _at("2026-11-09T11:00"), "with": [f"Person {n}"]}])
        for n in range(5000)
    ]
    cards = [card_from_json(n, json.dumps(record).encode()) for n, record in enumerate(records, 1)]
    assert [card.rounds[1].met for card in cards] == [(f"Person {n}",) for n in range(5000)]
    assert len(codec._NAMES) <= codec._NAMES_KEPT + 1
