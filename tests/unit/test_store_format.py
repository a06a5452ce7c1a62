"""Reading the file: schema versions, files that are not boards, cards kept as text, card ids."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

import pytest

from tests.unit.store_cards import as_made, maker, realistic, seeded
from tui.codec import card_to_dict
from tui.domain import ops
from tui.store import SCHEMA_VERSION, Store, StoreError, parse, schema
from tui.store.parse import CardText

# -- schema versions


def v0_board() -> dict[str, Any]:
    return {
        "_meta": {"1": {"app": "followup", "schema": 0}},
        "interviews": {"1": card_to_dict(realistic(1)), "4": card_to_dict(realistic(4))},
    }


def test_a_schema_0_board_is_migrated_in_memory_and_rewritten_on_save(board_path: Path) -> None:
    board_path.write_text(json.dumps(v0_board()))
    original = board_path.read_bytes()
    store = Store(board_path)
    assert store.load() == [realistic(1), realistic(4)]
    assert board_path.read_bytes() == original
    assert store.add(maker()).id == 5
    meta = json.loads(board_path.read_text())["_meta"]["1"]
    assert meta == {"app": "followup", "next_id": 6, "schema": SCHEMA_VERSION}
    assert store.backup_path.read_bytes() == original


def test_every_older_schema_has_a_step_to_the_next() -> None:
    """A new schema version comes with its upgrade step: a board of every older one can be read."""
    assert sorted(schema.MIGRATIONS) == list(range(schema.SCHEMA_VERSION))


def test_migrations_run_in_order_up_to_the_current_schema(
    board_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def v1_to_v2(tables: schema.Tables) -> schema.Tables:
        for record in tables["interviews"].values():
            record["notes"] = record["notes"].upper()
        tables["_meta"]["1"]["schema"] = 2
        return tables

    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(schema, "MIGRATIONS", {**schema.MIGRATIONS, 1: v1_to_v2})
    board_path.write_text(json.dumps(v0_board()))
    store = Store(board_path)
    assert [c.notes for c in store.load()] == [realistic(1).notes.upper(), realistic(4).notes.upper()]
    store.add(maker())
    assert json.loads(board_path.read_text())["_meta"]["1"] == {"app": "followup", "next_id": 6, "schema": 2}


def test_a_board_from_a_newer_version_is_refused_untouched(board_path: Path) -> None:
    seeded(board_path)
    data = json.loads(board_path.read_text())
    data["_meta"]["1"]["schema"] = SCHEMA_VERSION + 1
    board_path.write_text(json.dumps(data))
    before = board_path.read_bytes()
    store = Store(board_path)
    for attempt in (store.load, lambda: store.add(maker())):
        with pytest.raises(StoreError) as caught:
            attempt()
        message = str(caught.value)
        assert message.startswith(f"{board_path} was written by a newer followup")
        assert "upgrade followup" in message
        assert ".bak" not in message
    assert board_path.read_bytes() == before


# -- files that are not boards

GOOD_META = '{"_meta": {"1": {"app": "followup", "schema": 1, "next_id": 1}}}'
BROKEN = {
    "empty": (b"", "is empty (0 bytes)"),
    "truncated": (b'{"_meta": {"1": {"app": "followup", "sch', "not valid JSON"),
    "garbage": (bytes(range(256)) * 4, "not UTF-8"),
    "invalid utf-8": (GOOD_META.encode()[:-1] + b', "x": "\xc3\x28"}', "not UTF-8"),
    "invalid utf-8 in a card": (
        GOOD_META.encode()[:-1] + b', "interviews": {"1": {"company": "\xc3\x28"}}}',
        "not UTF-8",
    ),
    "a json list": (b"[1, 2, 3]", "is JSON but not a followup board"),
    "a json string": (b'"board"', "is JSON but not a followup board"),
    "another tinydb file": (b'{"_default": {"1": {"name": "x"}}}', "not a followup board"),
    "another app": (b'{"_meta": {"1": {"app": "other", "schema": 1}}}', "not a followup board"),
    "schema not a number": (b'{"_meta": {"1": {"app": "followup", "schema": "1"}}}', "schema version"),
    "a table that is a list": (GOOD_META.encode()[:-1] + b', "interviews": []}', "table 'interviews'"),
    "a record that is not an object": (GOOD_META.encode()[:-1] + b', "interviews": {"1": 7}}', "record '1'"),
    "a record id that is not a number": (
        GOOD_META.encode()[:-1] + b', "interviews": {"one": {}}}',
        "record 'one'",
    ),
    "deeply nested": (b"[" * 100_000, "not valid JSON"),
}


@pytest.mark.parametrize("kind", BROKEN)
@pytest.mark.parametrize("with_backup", [True, False], ids=["with-backup", "no-backup"])
def test_a_broken_file_is_refused_untouched(board_path: Path, kind: str, with_backup: bool) -> None:
    content, what = BROKEN[kind]
    if with_backup:
        seeded(board_path).add(maker())
    board_path.write_bytes(content)
    backup = board_path.with_name("board.json.bak")
    backup_before = backup.read_bytes() if with_backup else None
    store = Store(board_path)
    for attempt in (store.load, lambda: store.get(1), lambda: store.add(maker()), lambda: store.delete(1)):
        with pytest.raises(StoreError) as caught:
            attempt()
        message = str(caught.value)
        assert message.startswith(str(board_path))
        assert what in message
        assert "\n" not in message
        if with_backup:
            assert f"cp {backup} {board_path}" in message
        else:
            assert f"mv {board_path} {board_path}.broken" in message
    assert board_path.read_bytes() == content
    assert (backup.read_bytes() if with_backup else None) == backup_before
    assert sorted(p.name for p in board_path.parent.iterdir()) == sorted(
        ["board.json", "board.json.lock"] + (["board.json.bak"] if with_backup else [])
    )


#: Bytes that are not UTF-8, put into a board of the current schema (its cards are read the
#: quick way, where decoding each card is what finds them), and where.
NOT_UTF8 = b"caf\xc3\x28"
BAD_TEXT_PLACES: dict[str, tuple[bytes, bytes]] = {
    "a card's company": (b'"company": "Globex 1"', b'"company": "' + NOT_UTF8 + b'"'),
    "a key of the card's own": (b'"company": ', b'"mine": "' + NOT_UTF8 + b'", "company": '),
    "a key of a contact's own": (
        b'{"address": "1 High St", ',
        b'{"mine": "' + NOT_UTF8 + b'", "address": "1 High St", ',
    ),
    "a key of an event's own": (
        b'{"kind": "created", ',
        b'{"mine": "' + NOT_UTF8 + b'", "kind": "created", ',
    ),
    "a key of an instruction's own": (
        b'{"given_on": "2026-11-21", ',
        b'{"mine": "' + NOT_UTF8 + b'", "given_on": "2026-11-21", ',
    ),
    "a key of a round's own": (
        b'"rounds": []',
        b'"rounds": [{"at": {"local": "2026-11-20T10:00", "zone": "Europe/London"}, "label": "", "with": [], '
        b'"mine": "' + NOT_UTF8 + b'"}]',
    ),
    "a key of a round's time": (
        b'"rounds": []',
        b'"rounds": [{"at": {"local": "2026-11-20T10:00", "mine": "'
        + NOT_UTF8
        + b'", "zone": "Europe/London"}}]',
    ),
    "a card's own key itself": (b'"company": ', b'"m' + NOT_UTF8 + b'": 1, "company": '),
    "the meta record": (b'"app": "followup"', b'"app": "followup", "mine": "' + NOT_UTF8 + b'"'),
}


@pytest.mark.parametrize("place", BAD_TEXT_PLACES)
def test_text_that_is_not_utf8_anywhere_in_a_current_board_is_refused_untouched(
    board_path: Path, place: str
) -> None:
    seeded(board_path, 1)
    good = board_path.read_bytes()
    old, bad = BAD_TEXT_PLACES[place]
    assert good.count(old) == 1
    content = good.replace(old, bad)
    board_path.write_bytes(content)
    store = Store(board_path)
    for attempt in (store.load, lambda: store.get(1), lambda: store.add(maker()), lambda: store.delete(1)):
        with pytest.raises(StoreError, match="is damaged: not UTF-8 text"):
            attempt()
    assert board_path.read_bytes() == content


@pytest.mark.parametrize("record", [b"7", b"[1, 2]", b'"text"', b"null"])
def test_a_current_board_with_a_card_that_is_not_an_object_is_refused_by_name(
    board_path: Path, record: bytes
) -> None:
    seeded(board_path, 1)
    good = board_path.read_bytes()
    card_one = b'"interviews": {\n    "1": '
    assert good.count(card_one) == 1
    content = good.replace(card_one, card_one + record + b',\n    "2": ')
    board_path.write_bytes(content)
    store = Store(board_path)
    for attempt in (store.load, lambda: store.get(2), lambda: store.add(maker())):
        with pytest.raises(StoreError, match="has a malformed record '1'"):
            attempt()
    assert board_path.read_bytes() == content


def test_a_card_with_a_key_of_its_own_is_read_as_without_it(board_path: Path) -> None:
    """A key written by hand into a card, a contact or an event is no error: it is dropped when read."""
    seeded(board_path, 1)
    good = board_path.read_bytes()
    expected = Store(board_path).load()
    for place in ("a key of the card's own", "a key of a contact's own", "a key of an event's own"):
        old, bad = BAD_TEXT_PLACES[place]
        board_path.write_bytes(good.replace(old, bad.replace(NOT_UTF8, "café".encode())))
        assert Store(board_path).load() == expected, place


def test_a_broken_backup_is_not_suggested(board_path: Path) -> None:
    board_path.write_bytes(b"")
    board_path.with_name("board.json.bak").write_bytes(b"{")
    with pytest.raises(StoreError, match=r"move it aside .*mv "):
        Store(board_path).load()


def test_messages_stay_on_one_line_whatever_the_path(tmp_path: Path) -> None:
    path = tmp_path / "evil\nname.json"
    path.write_bytes(b"")
    with pytest.raises(StoreError) as caught:
        Store(path).load()
    assert "\n" not in str(caught.value)
    assert "evil\\nname.json" in str(caught.value)


# -- cards kept as the file's text


def _cards_of(store: Store) -> dict[str, Any]:
    return store._storage.read()[schema.CARDS_TABLE]


def test_a_read_board_keeps_its_cards_as_text_equal_to_the_parsed_file(board_path: Path) -> None:
    seeded(board_path, 4)
    store = Store(board_path)
    store.load()
    cards = _cards_of(store)
    assert {type(record) for record in cards.values()} == {CardText}
    parsed = json.loads(board_path.read_bytes())
    assert {doc_id: dict(record) for doc_id, record in cards.items()} == parsed[schema.CARDS_TABLE]


def test_a_board_with_a_byte_order_mark_is_read_and_saved(board_path: Path) -> None:
    seeded(board_path, 2)
    board_path.write_bytes(b"\xef\xbb\xbf" + board_path.read_bytes())
    store = Store(board_path)
    assert [c.id for c in store.load()] == [1, 2]
    assert type(_cards_of(store)["1"]) is CardText
    store.update(1, lambda c: ops.edit(c, notes="after the mark"))
    assert next(c.notes for c in Store(board_path).load()) == "after the mark"


def test_json_that_only_python_reads_is_still_a_board(board_path: Path) -> None:
    """NaN is not strict JSON: such a file is read the slow way, with the same result."""
    seeded(board_path, 2)
    text = board_path.read_text(encoding="utf-8").replace('"company": ', '"score": NaN, "company": ', 1)
    board_path.write_text(text, encoding="utf-8")
    store = Store(board_path)
    assert [c.company for c in store.load()] == [realistic(1).company, realistic(2).company]
    assert {type(record) for record in _cards_of(store).values()} == {dict}


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 1 << 16])
def test_the_utf8_check_a_slice_at_a_time_agrees_with_decoding_the_whole(
    chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Slices may cut a character in two: that is not an error, a bad or unfinished character is."""
    monkeypatch.setattr(parse, "_UTF8_CHUNK", chunk)
    rng = random.Random(20261201)
    texts = [b"", b"ascii", "é—שלום🙂".encode(), "🙂".encode()[:3], b"\xc3\x28", b"\xed\xa0\x80", b"\xff"]
    pieces = [b"a", "é".encode(), "—".encode(), "🙂".encode(), b"\x80", b"\xc3", b"\xf0\x9f"]
    texts += [b"".join(rng.choice(pieces) for _ in range(rng.randrange(1, 12))) for _ in range(300)]
    for raw in texts:
        try:
            raw.decode("utf-8")
            whole = True
        except UnicodeDecodeError:
            whole = False
        assert parse.is_utf8(raw) is whole, raw


def _board_with_records(path: Path, ids: list[str]) -> bytes:
    """A board file (written by hand) whose cards table holds a realistic card under each of ``ids``."""
    record = card_to_dict(as_made(realistic(1))(1))
    table = {doc_id: dict(record, company=f"Card {doc_id}") for doc_id in ids}
    raw = json.dumps(
        {"_meta": {"1": {"app": "followup", "schema": SCHEMA_VERSION, "next_id": 100}}, "interviews": table}
    ).encode()
    path.write_bytes(raw)
    return raw


def test_cards_written_out_of_order_are_read_in_id_order(board_path: Path) -> None:
    _board_with_records(board_path, ["12", "3", "7"])
    cards = Store(board_path).load()
    assert [(c.id, c.company) for c in cards] == [(3, "Card 3"), (7, "Card 7"), (12, "Card 12")]


@pytest.mark.parametrize(
    ("ids", "wrong"),
    [
        (["3", "x1"], "'x1'"),  # not a number
        (["3", "-4"], "'-4'"),
        (["3", "\u0664"], "'\u0664'"),  # a digit, but not an ASCII one
        (["3", "4"], None),
        (["0", "3"], None),  # a leading zero only matters when another id says the same
    ],
)
def test_a_record_under_an_id_that_is_no_card_number_is_refused(
    board_path: Path, ids: list[str], wrong: str | None
) -> None:
    raw = _board_with_records(board_path, ids)
    if wrong is None:
        assert len(Store(board_path).load()) == len(ids)
        return
    with pytest.raises(StoreError, match=f"has a malformed record {re.escape(wrong)}.*left as it is"):
        Store(board_path).load()
    assert board_path.read_bytes() == raw


def test_a_card_record_that_is_not_an_object_is_refused(board_path: Path) -> None:
    _board_with_records(board_path, ["3", "4"])
    board = json.loads(board_path.read_bytes())
    board["interviews"]["4"] = [board["interviews"]["4"]]  # still JSON: only the record's shape is wrong
    raw = json.dumps(board).encode()
    board_path.write_bytes(raw)
    with pytest.raises(StoreError, match=r"has a malformed record '4'.*left as it is"):
        Store(board_path).load()
    assert board_path.read_bytes() == raw


def test_two_records_for_one_card_are_refused_and_the_file_left_alone(board_path: Path) -> None:
    raw = _board_with_records(board_path, ["7", "07"])
    with pytest.raises(StoreError, match=r"two records are card 7 \('7' and '07'\).*left as it is"):
        Store(board_path).load()
    with pytest.raises(StoreError, match="two records are card 7"):  # nor changed from the command line
        Store(board_path).update(7, lambda c: ops.edit(c, notes="x"))
    assert board_path.read_bytes() == raw
