"""The file's bytes: indented, sorted, diffable JSON, the same whichever records a save reuses."""

from __future__ import annotations

import functools
import gc
import json
import random
from pathlib import Path
from typing import Any

import msgspec
import pytest

from tests.unit.store_cards import interview, maker, realistic, seeded
from tui.domain import ops
from tui.domain.model import Contact
from tui.store import SCHEMA_VERSION, BoardStorage, Store, render
from tui.store.parse import CardText

# -- the file format


def test_the_file_is_indented_json_with_sorted_keys(board_path: Path) -> None:
    store = Store(board_path)
    store.add_many([maker(f"Co {k}") for k in range(12)])
    store.delete(2)
    store.put(interview(2, "Co 1"))
    text = board_path.read_text(encoding="utf-8")

    def sorted_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _ in pairs]
        order = sorted(keys, key=lambda k: (0, int(k), "") if k.isdigit() else (1, 0, k))
        assert keys == order, keys
        return dict(pairs)

    data = json.loads(text, object_pairs_hook=sorted_pairs)
    assert list(data) == ["_meta", "interviews"]
    assert data["_meta"] == {"1": {"app": "followup", "next_id": 13, "schema": SCHEMA_VERSION}}
    assert list(data["interviews"]) == [str(k) for k in range(1, 13)]
    lines = text.splitlines()
    assert lines[:3] == ["{", '  "_meta": {', '    "1": {']
    assert '      "company": "Co 10",' in lines
    assert '      "stage": "interviewed",' in lines
    assert text.endswith("  }\n}\n")


def test_the_file_format_is_stable(board_path: Path) -> None:
    Store(board_path).add(maker("Acme", contacts=[Contact(name="Ada", email="ada@example.com")]))
    assert board_path.read_text(encoding="utf-8") == (
        "{\n"
        '  "_meta": {\n'
        '    "1": {\n'
        '      "app": "followup",\n'
        '      "next_id": 2,\n'
        '      "schema": 2\n'
        "    }\n"
        "  },\n"
        '  "interviews": {\n'
        '    "1": {\n'
        '      "company": "Acme",\n'
        '      "contacts": [{"address": "", "email": "ada@example.com", '
        '"name": "Ada", "phone": "", "title": ""}],\n'
        '      "employer_zone": "",\n'
        '      "events": [{"kind": "created", "on": "2026-11-20"}],\n'
        '      "interviewed_at": {"local": "2026-11-20T10:00", "zone": "Europe/London"},\n'
        '      "notes": "",\n'
        '      "outcome": null,\n'
        '      "role": "",\n'
        '      "rounds": [],\n'
        '      "stage": "interviewed",\n'
        '      "uid": "uid-1"\n'
        "    }\n"
        "  }\n"
        "}\n"
    )


def test_a_save_changes_only_the_lines_of_the_changed_card(board_path: Path) -> None:
    store = seeded(board_path, 3)
    before = board_path.read_text().splitlines()
    store.update(2, lambda c: ops.edit(c, notes="new note"))
    after = board_path.read_text().splitlines()
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    assert changed == [(f'      "notes": {json.dumps(realistic(2).notes)},', '      "notes": "new note",')]


def test_every_save_writes_what_a_fresh_encoding_of_the_board_would(board_path: Path) -> None:
    """Saves reuse the text of unchanged records; whatever the mix of writers, none is stale."""
    from tinydb import TinyDB

    rng = random.Random(7)
    store, other = seeded(board_path, 6), Store(board_path)
    plain = TinyDB(board_path, storage=BoardStorage)
    expected = {card.id: card for card in store.load()}
    for step in range(120):
        text = f"step {step}"
        ids = sorted(expected)
        kind = rng.choice(["add", "update", "put", "delete", "other", "plain"])
        if kind == "add" or not ids:
            card = (store if step % 2 else other).add(maker(f"New {step}", notes="é" * (step % 3)))
            expected[card.id] = card
        elif kind == "update":
            _, changed = store.update(rng.choice(ids), functools.partial(ops.edit, notes=text))
            expected[changed.id] = changed
        elif kind == "put":
            card = msgspec.structs.replace(expected[rng.choice(ids)], role=f"Role {step} \udc80")
            store.put(card)
            expected[card.id] = card
        elif kind == "delete":
            del expected[store.delete(rng.choice(ids)).id]
        elif kind == "other":
            _, changed = other.update(rng.choice(ids), functools.partial(ops.edit, role=text))
            expected[changed.id] = changed
        else:  # plain TinyDB changes records in place: twice in a row, then in a transaction
            first, second = rng.sample(ids, 2) if len(ids) > 1 else (ids[0], ids[0])
            plain.table("interviews").update({"notes": f"plain {step}"}, doc_ids=[first])
            plain.table("interviews").update({"notes": f"plain {step}"}, doc_ids=[second])
            with plain.storage.transaction():  # type: ignore[attr-defined]
                plain.table("interviews").update({"role": f"plain {step}"}, doc_ids=[first])
            expected[second] = msgspec.structs.replace(expected[second], notes=f"plain {step}")
            expected[first] = msgspec.structs.replace(
                expected[first], notes=f"plain {step}", role=f"plain {step}"
            )
        raw = board_path.read_bytes()
        assert raw == render.render(json.loads(raw)), (step, kind)
        assert Store(board_path).load() == sorted(expected.values(), key=lambda c: c.id), (step, kind)


def test_a_save_encodes_only_the_cards_it_changed(board_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seeded(board_path, 5)
    store = Store(board_path)
    store.load()
    encoded: list[str] = []
    real = render.row_bytes

    def counting(doc_id: str, doc: dict[str, Any]) -> bytes:
        if "company" in doc:  # a card (the _meta record is one small line)
            encoded.append(doc_id)
        return real(doc_id, doc)

    monkeypatch.setattr(render, "row_bytes", counting)
    store.update(3, lambda c: ops.edit(c, notes="only this one"))
    store.update(5, lambda c: ops.edit(c, notes="then this one"))
    assert encoded == ["3", "5"]  # each save: the card it changed, the others written as they were read
    raw = board_path.read_bytes()
    assert raw == render.render(json.loads(raw))


def test_a_store_change_leaves_the_parsed_board_it_started_from_untouched(board_path: Path) -> None:
    store = seeded(board_path, 3)
    storage = store._storage
    with storage.held():  # the changes below start from this parse (the file is not read again)
        before = storage.snapshot().tables
        plain = {name: {doc_id: dict(doc) for doc_id, doc in table.items()} for name, table in before.items()}
        frozen = json.loads(json.dumps(plain))
        store.update(2, lambda c: ops.edit(c, notes="changed"))
        store.put(msgspec.structs.replace(store.get(3), role="changed"))
        store.delete(1)
    assert before == frozen


def test_untouched_cards_are_written_back_as_they_were(board_path: Path) -> None:
    """A card formatted by hand stays as it is until it changes; the changed card is written anew."""
    seeded(board_path, 2)
    data = json.loads(board_path.read_bytes())
    hand = json.dumps(data["interviews"]["1"])  # one line, keys as they come
    canonical = board_path.read_text(encoding="utf-8")
    start = canonical.index('    "1": {', canonical.index('"interviews"'))
    end = canonical.index('    "2": {', start)
    board_path.write_text(canonical[:start] + f'    "1": {hand},\n' + canonical[end:], encoding="utf-8")
    store = Store(board_path)
    store.update(2, lambda c: ops.edit(c, notes="changed"))
    text = board_path.read_text(encoding="utf-8")
    assert f'    "1": {hand},\n' in text
    assert '      "notes": "changed",\n' in text
    assert [c.notes for c in Store(board_path).load()] == [realistic(1).notes, "changed"]
    store.update(1, lambda c: ops.edit(c, notes="now me"))
    assert hand not in board_path.read_text(encoding="utf-8")
    assert board_path.read_bytes() == render.render(json.loads(board_path.read_bytes()))


def test_a_card_changed_in_place_by_tinydb_is_written_anew(board_path: Path) -> None:
    from tinydb import TinyDB

    store = seeded(board_path, 2)
    store = Store(board_path)
    store.load()
    TinyDB(storage=lambda: store._storage).table("interviews").update({"company": "Changed"}, doc_ids=[1])
    assert [c.company for c in Store(board_path).load()] == ["Changed", realistic(2).company]
    assert board_path.read_bytes() == render.render(json.loads(board_path.read_bytes()))


def test_between_calls_the_store_holds_its_cards_not_the_file(board_path: Path) -> None:
    """Once a call returns, no record of the file read is kept: memory holds the cards alone."""
    seeded(board_path, 4)
    store = Store(board_path)

    def records_held() -> int:
        gc.collect()
        return sum(1 for thing in gc.get_objects() if type(thing) is CardText)

    cards = store.load()
    assert len(cards) == 4
    assert records_held() == 0
    store.update(2, lambda c: ops.edit(c, notes="changed"))
    assert records_held() == 0
    assert store.get(2).notes == "changed"
    assert records_held() == 0
    assert not store.changed_on_disk()  # the version it wrote is still known
