"""The store's cards: round trips, ids, adding, updating, putting back and deleting."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.unit.store_cards import LONDON, as_made, interview, maker, mode, realistic, seeded
from tui.domain import ops
from tui.domain.model import Contact, Interview
from tui.domain.stages import Outcome, Stage
from tui.store import Store, StoreError

# -- reading and writing cards


def test_a_missing_file_is_an_empty_board_and_reading_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "new" / "board.json"
    store = Store(path)
    assert store.load() == []
    assert not store.changed_on_disk()
    assert not path.parent.exists()


def test_cards_round_trip_through_the_file(board_path: Path) -> None:
    cards = [realistic(k) for k in range(1, 5)]
    Store(board_path).add_many([as_made(c) for c in cards])
    assert Store(board_path).load() == cards


def test_the_first_write_creates_the_folder_and_the_file(tmp_path: Path) -> None:
    path = tmp_path / "data" / "followup" / "board.json"
    Store(path).add(maker())
    assert [c.company for c in Store(path).load()] == ["Acme"]
    assert mode(path.parent) == 0o700


def test_ids_are_allocated_in_order_and_never_reused(board_path: Path) -> None:
    store = Store(board_path)
    assert [store.add(maker(name)).id for name in ("A", "B", "C")] == [1, 2, 3]
    store.delete(3)
    assert store.add(maker("D")).id == 4
    assert Store(board_path).add(maker("E")).id == 5


def test_add_builds_the_card_with_the_allocated_id(board_path: Path) -> None:
    seen: list[int] = []

    def make(card_id: int) -> Interview:
        seen.append(card_id)
        return interview(card_id)

    store = seeded(board_path, 2)
    assert store.add(make) == interview(3)
    assert seen == [3]
    assert store.get(3) == interview(3)


def test_a_card_built_with_another_id_is_refused(board_path: Path) -> None:
    store = seeded(board_path)
    before = board_path.read_bytes()
    with pytest.raises(ValueError, match="id 9"):
        store.add(lambda card_id: interview(9))
    assert board_path.read_bytes() == before


def test_add_many_saves_all_cards_in_one_write(board_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = seeded(board_path, 1)
    replaced: list[str] = []
    real_replace = os.replace

    def counting_replace(src: Any, dst: Any) -> None:
        replaced.append(os.fspath(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", counting_replace)
    cards = store.add_many([maker(f"Co {k}") for k in range(50)])
    assert [c.id for c in cards] == list(range(2, 52))
    assert replaced.count(str(board_path)) == 1
    assert len(Store(board_path).load()) == 51


def test_add_many_is_all_or_nothing(board_path: Path) -> None:
    store = seeded(board_path, 1)
    before = board_path.read_bytes()

    def refuse(card_id: int) -> Interview:
        raise ops.DomainError("a company name is required")

    with pytest.raises(ops.DomainError, match="company name"):
        store.add_many([maker("A"), maker("B"), refuse, maker("C")])
    assert board_path.read_bytes() == before
    assert store.add(maker("D")).id == 2


def test_add_many_of_nothing_writes_nothing(board_path: Path) -> None:
    assert Store(board_path).add_many([]) == []
    assert not board_path.exists()


def test_update_returns_before_and_after_and_saves(board_path: Path) -> None:
    store = seeded(board_path, 2)
    before, after = store.update(
        2, lambda c: ops.move(c, Stage.CLOSED, date(2026, 12, 20), outcome=Outcome.REJECTED)
    )
    assert before == realistic(2)
    assert after.stage is Stage.CLOSED
    assert after.outcome is Outcome.REJECTED
    assert Store(board_path).get(2) == after
    assert Store(board_path).get(1) == realistic(1)


def test_update_of_an_unknown_card_is_refused(board_path: Path) -> None:
    store = seeded(board_path)
    with pytest.raises(StoreError, match=r"^no card with id 9$"):
        store.update(9, lambda c: c)


def test_a_domain_error_in_update_propagates_and_nothing_is_written(board_path: Path) -> None:
    store = seeded(board_path)
    store.add(maker())
    before = board_path.read_bytes()
    backup = store.backup_path.read_bytes()

    def bad_move(card: Interview) -> Interview:
        return ops.move(card, card.stage, date(2026, 12, 16))  # after its last move: already there

    with pytest.raises(ops.DomainError, match="already in"):
        store.update(2, bad_move)
    assert board_path.read_bytes() == before
    assert store.backup_path.read_bytes() == backup
    assert store.get(2) == realistic(2)


def test_an_update_that_changes_nothing_writes_nothing(board_path: Path) -> None:
    store = seeded(board_path)
    token = board_path.stat().st_ino, board_path.stat().st_mtime_ns
    assert store.update(1, lambda c: c) == (realistic(1), realistic(1))
    assert (board_path.stat().st_ino, board_path.stat().st_mtime_ns) == token


def test_put_replaces_and_inserts_under_the_cards_own_id(board_path: Path) -> None:
    store = seeded(board_path, 2)
    edited = ops.edit(realistic(1), notes="rewritten")
    store.put(edited)
    store.put(interview(10, "Later"))
    assert Store(board_path).load() == [edited, realistic(2), interview(10, "Later")]
    assert store.add(maker()).id == 11


def test_delete_returns_the_card_and_put_brings_it_back(board_path: Path) -> None:
    store = seeded(board_path, 3)
    removed = store.delete(2)
    assert removed == realistic(2)
    assert [c.id for c in Store(board_path).load()] == [1, 3]
    with pytest.raises(StoreError, match="no card with id 2"):
        store.get(2)
    with pytest.raises(StoreError, match="no card with id 2"):
        store.delete(2)
    store.put(removed)
    assert Store(board_path).load() == [realistic(1), realistic(2), realistic(3)]


def test_hostile_text_round_trips_unchanged(board_path: Path) -> None:
    nasty = (
        "[red]X[/red] \x1b[31mred\x1b[0m \x1b]8;;http://x\x07link\x1b]8;;\x07 \x00\x07\r\n\t"
        ' שלום עולם \u202eevil\u202c e\u0301 🧑‍💻 \u2028 "quoted" \\ '
    )
    card = interview(
        1, nasty, role=nasty, notes=nasty * 200, contacts=[Contact(nasty, nasty, nasty, nasty, nasty)]
    )
    store = Store(board_path)
    store.add(as_made(card))
    assert Store(board_path).load() == [card]
    assert "שלום" in board_path.read_text(encoding="utf-8")


def test_text_that_is_not_valid_unicode_is_saved_as_ascii_escapes(board_path: Path) -> None:
    card = interview(1, "Lone \udc80 surrogate")
    Store(board_path).add(as_made(card))
    raw = board_path.read_bytes()
    assert raw.isascii()
    assert Store(board_path).load() == [card]


def test_a_card_record_that_cannot_be_read_is_named(board_path: Path) -> None:
    seeded(board_path, 2)
    data = json.loads(board_path.read_text())
    data["interviews"]["2"]["interviewed_at"] = {"local": "not a time", "zone": LONDON}
    board_path.write_text(json.dumps(data))
    before = board_path.read_bytes()
    store = Store(board_path)
    with pytest.raises(StoreError) as caught:
        store.load()
    message = str(caught.value)
    assert "card 2" in message
    assert str(board_path) in message
    assert "\n" not in message
    assert store.get(1) == realistic(1)
    assert board_path.read_bytes() == before
