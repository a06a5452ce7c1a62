"""The board file: round trips, ids, the file format, permissions, backups, schema, refusals."""

from __future__ import annotations

import functools
import json
import os
import random
import re
import stat
import threading
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import msgspec
import pytest
from filelock import FileLock

import tui.store
from tui.codec import card_to_dict
from tui.domain import ops
from tui.domain.model import Contact, Interview
from tui.domain.stages import Outcome, Stage
from tui.domain.wall import WallTime
from tui.store import SCHEMA_VERSION, Store, StoreError

LONDON = "Europe/London"
DAY = date(2026, 11, 20)


def interview(card_id: int, company: str = "Acme", **fields: Any) -> Interview:
    return ops.new_interview(
        card_id=card_id,
        company=company,
        interviewed_at=WallTime(datetime(2026, 11, 20, 10, 0), LONDON),
        created_on=DAY,
        **fields,
    )


def maker(company: str = "Acme", **fields: Any) -> Callable[[int], Interview]:
    return lambda card_id: interview(card_id, company, **fields)


def realistic(card_id: int) -> Interview:
    """A card with contacts, notes and a timeline of moves, replies and instructions."""
    card = interview(
        card_id,
        f"Globex {card_id}",
        role="Platform engineer",
        employer_zone="America/New_York",
        contacts=[
            Contact(
                "Ada Lovelace", "Engineering manager", "ada@example.com", "+44 20 7946 0000", "1 High St"
            ),
            Contact(name="Grace Hopper", email="grace@example.com"),
        ],
        notes="Asked about on-call.\nSecond round likely.",
    )
    card = ops.move(card, Stage.THANKED, date(2026, 11, 21))
    card = ops.instruct_contact_on(card, date(2026, 11, 25), given_on=date(2026, 11, 21), note="call Wed")
    card = ops.move(card, Stage.CHECKED_IN, date(2026, 11, 25))
    card = ops.move(card, Stage.WAITING, date(2026, 11, 30))
    card = ops.log_followup(card, date(2026, 12, 7), note="voicemail")
    card = ops.log_reply(card, date(2026, 12, 8), note="decision next week")
    card = ops.instruct_wait(card, date(2026, 12, 15), given_on=date(2026, 12, 8))
    if card_id % 2:
        card = ops.move(card, Stage.CLOSED, date(2026, 12, 16), outcome=Outcome.OFFER)
    return card


def as_made(card: Interview) -> Callable[[int], Interview]:
    return lambda card_id: msgspec.structs.replace(card, id=card_id)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def seeded(path: Path, count: int = 2) -> Store:
    store = Store(path)
    store.add_many([as_made(realistic(k)) for k in range(1, count + 1)])
    return store


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
        return ops.move(card, card.stage, DAY)

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


# -- two stores, one file


def test_changed_on_disk_notices_another_store_writing(board_path: Path) -> None:
    mine, theirs = seeded(board_path), Store(board_path)
    mine.load()
    assert not mine.changed_on_disk()
    theirs.add(maker("Theirs"))
    assert mine.changed_on_disk()
    assert [c.company for c in mine.load()][-1] == "Theirs"
    assert not mine.changed_on_disk()
    mine.add(maker("Mine"))
    assert not mine.changed_on_disk()
    assert theirs.changed_on_disk()


def test_a_write_that_merged_someone_elses_change_still_reports_it(board_path: Path) -> None:
    """The open board saves a move just after the command line added a card: the board must reload."""
    mine, theirs = seeded(board_path), Store(board_path)
    mine.load()
    theirs.add(maker("Theirs"))
    mine.update(1, lambda card: card)  # re-reads the file under the lock, writes it back with "Theirs"
    assert "Theirs" in [c.company for c in Store(board_path).load()]
    assert mine.changed_on_disk()  # the file is our own write, but it holds a card we have not shown
    assert [c.company for c in mine.load()][-1] == "Theirs"
    assert not mine.changed_on_disk()
    mine.update(1, lambda card: card)  # nothing new from anyone: nothing to reload
    assert not mine.changed_on_disk()
    mine.mark_unseen()  # what was loaded was set aside: read again
    assert mine.changed_on_disk()


def test_a_store_that_never_read_the_file_sees_it_as_changed(board_path: Path) -> None:
    seeded(board_path)
    assert Store(board_path).changed_on_disk()


def test_the_later_writer_rereads_so_nothing_is_lost(board_path: Path) -> None:
    first, second = seeded(board_path, 1), Store(board_path)
    second.load()
    first.update(1, lambda c: ops.edit(c, notes="from the first"))
    added = second.add(maker("from the second"))
    assert added.id == 2
    cards = Store(board_path).load()
    assert next(c.notes for c in cards) == "from the first"
    assert [c.company for c in cards] == ["Globex 1", "from the second"]


def test_unchanged_file_is_parsed_once(board_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seeded(board_path, 3)
    parses: list[int] = []
    real_parse = tui.store._parse

    def counting_parse(raw: bytes) -> Any:
        parses.append(1)
        return real_parse(raw)

    monkeypatch.setattr(tui.store, "_parse", counting_parse)
    store = Store(board_path)
    for _ in range(3):
        store.load()
    store.get(2)
    store.update(2, lambda c: ops.edit(c, notes="x"))
    store.load()
    assert len(parses) == 1
    Store(board_path).add(maker())
    store.load()
    assert len(parses) == 3


def test_threads_adding_at_once_get_distinct_ids(board_path: Path) -> None:
    store = Store(board_path)
    errors: list[BaseException] = []

    def work(tag: str) -> None:
        try:
            for k in range(15):
                store.add(maker(f"{tag} {k}"))
        except (StoreError, OSError) as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(f"T{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    cards = Store(board_path).load()
    assert [c.id for c in cards] == list(range(1, 61))
    assert len({c.company for c in cards}) == 60


def test_a_held_lock_times_out_with_a_clear_message(board_path: Path) -> None:
    seeded(board_path)
    before = board_path.read_bytes()
    store = Store(board_path, lock_timeout=0.2)
    with FileLock(str(store.file) + ".lock"), pytest.raises(StoreError) as caught:
        store.add(maker())
    assert str(caught.value) == f"another followup is saving {store.file}; try again"
    assert board_path.read_bytes() == before
    assert store.add(maker()).id == 3


def test_plain_tinydb_calls_go_through_the_same_safe_storage(board_path: Path) -> None:
    from tinydb import TinyDB

    seeded(board_path, 1).add(maker())
    db = TinyDB(board_path, storage=tui.store.BoardStorage)
    db.table("settings").insert({"theme": "dark"})
    assert db.table("settings").all() == [{"theme": "dark"}]
    store = Store(board_path)
    store.add(maker("After"))
    assert json.loads(board_path.read_text())["settings"] == {"1": {"theme": "dark"}}
    assert [c.company for c in store.load()] == ["Globex 1", "Acme", "After"]
    with pytest.raises(
        StoreError, match=r"the new board is not a followup board .*; nothing on disk was changed"
    ):
        db.drop_table("_meta")
    assert len(Store(board_path).load()) == 3
    assert db.table("_meta").get(doc_id=1) is not None


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
    assert '      "stage": "interviewed"' in lines
    assert text.endswith("  }\n}\n")


def test_the_file_format_is_stable(board_path: Path) -> None:
    Store(board_path).add(maker("Acme", contacts=[Contact(name="Ada", email="ada@example.com")]))
    assert board_path.read_text(encoding="utf-8") == (
        "{\n"
        '  "_meta": {\n'
        '    "1": {\n'
        '      "app": "followup",\n'
        '      "next_id": 2,\n'
        '      "schema": 1\n'
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
        '      "stage": "interviewed"\n'
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
    plain = TinyDB(board_path, storage=tui.store.BoardStorage)
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
        assert raw == tui.store._Renderer().render(json.loads(raw)), (step, kind)
        assert Store(board_path).load() == sorted(expected.values(), key=lambda c: c.id), (step, kind)


def test_a_save_encodes_only_the_records_it_changed(
    board_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded(board_path, 5)
    store = Store(board_path)
    store.load()
    store.prepare_to_save()
    encoded: list[str] = []
    real = tui.store._row_bytes

    def counting(doc_id: str, doc: dict[str, Any]) -> bytes:
        encoded.append(doc_id)
        return real(doc_id, doc)

    monkeypatch.setattr(tui.store, "_row_bytes", counting)
    store.update(3, lambda c: ops.edit(c, notes="only this one"))
    assert encoded == ["3"]  # not the other cards, nor the unchanged _meta record
    raw = board_path.read_bytes()
    assert raw == tui.store._Renderer().render(json.loads(raw))


def test_a_store_change_leaves_the_parsed_board_it_started_from_untouched(board_path: Path) -> None:
    store = seeded(board_path, 3)
    storage = store._storage
    before = storage.snapshot().tables
    frozen = json.loads(json.dumps(before))
    store.update(2, lambda c: ops.edit(c, notes="changed"))
    store.put(msgspec.structs.replace(store.get(3), role="changed"))
    store.delete(1)
    assert before == frozen


# -- permissions, links and the backup


def test_new_files_are_private(tmp_path: Path) -> None:
    path = tmp_path / "board.json"
    store = Store(path)
    store.add(maker())
    store.add(maker())
    assert mode(path) == 0o600
    assert mode(store.backup_path) == 0o600
    assert mode(tmp_path / "board.json.lock") == 0o600
    assert store.warnings == []


def test_an_existing_files_mode_is_kept_and_a_readable_one_is_reported(board_path: Path) -> None:
    seeded(board_path)
    board_path.chmod(0o640)
    store = Store(board_path)
    assert len(store.warnings) == 1
    assert str(board_path) in store.warnings[0]
    assert "chmod 600" in store.warnings[0]
    store.add(maker())
    assert mode(board_path) == 0o640


def test_a_world_readable_file_is_reported_not_changed(board_path: Path) -> None:
    seeded(board_path)
    board_path.chmod(0o644)
    store = Store(board_path)
    assert store.warnings == [
        f"{board_path} is readable by other users (mode 0644) and holds contacts' details; "
        f"restrict it with: chmod 600 {board_path}"
    ]
    assert mode(board_path) == 0o644
    board_path.chmod(0o600)
    assert Store(board_path).warnings == []


def test_a_symlinked_board_is_written_through_to_its_target(tmp_path: Path) -> None:
    target = tmp_path / "repo" / "jobs.json"
    link = tmp_path / "board.json"
    link.symlink_to(target)
    store = Store(link)
    store.add(maker("One"))
    store.add(maker("Two"))
    assert link.is_symlink()
    assert link.resolve() == target
    assert [c.company for c in Store(target).load()] == ["One", "Two"]
    assert store.file == target
    assert store.backup_path == tmp_path / "repo" / "jobs.json.bak"
    assert [c.company for c in Store(store.backup_path).load()] == ["One"]
    assert mode(target) == 0o600


def test_the_backup_holds_the_previous_file(board_path: Path) -> None:
    store = seeded(board_path, 1)
    assert not store.backup_path.exists()
    first = board_path.read_bytes()
    store.add(maker("Second"))
    assert store.backup_path.read_bytes() == first
    second = board_path.read_bytes()
    store.delete(1)
    assert store.backup_path.read_bytes() == second
    assert [c.company for c in Store(store.backup_path).load()] == ["Globex 1", "Second"]


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to name open files")
def test_a_save_is_flushed_to_disk_before_and_after_the_file_is_replaced(
    board_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = seeded(board_path)
    calls: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        calls.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
        real_fsync(fd)

    def replace(src: Any, dst: Any) -> None:
        calls.append(("replace", f"{Path(src).name} -> {Path(dst).name}"))
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    store.add(maker())
    temp = Path(calls[0][1]).name
    assert temp.startswith(".board.json.")
    assert calls[0] == ("fsync", str(board_path.parent / temp))
    assert calls[1][0] == "replace"
    assert calls[1][1] == f"{temp} -> board.json"
    assert calls[2][1].endswith(" -> board.json.bak")
    assert calls[3] == ("fsync", str(board_path.parent))
    assert len(calls) == 4


def test_stale_temp_files_are_removed_by_the_next_save(board_path: Path) -> None:
    store = seeded(board_path)
    stale = [board_path.parent / ".board.json.k1ll3d.tmp", board_path.parent / ".board.json.bak.77.1.tmp"]
    other = board_path.parent / ".other.json.x.tmp"
    for path in [*stale, other]:
        path.write_text("half a board")
    store.add(maker())
    assert not any(p.exists() for p in stale)
    assert other.exists()


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


def test_migrations_run_in_order_up_to_the_current_schema(
    board_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def v1_to_v2(tables: tui.store.Tables) -> tui.store.Tables:
        for record in tables["interviews"].values():
            record["notes"] = record["notes"].upper()
        tables["_meta"]["1"]["schema"] = 2
        return tables

    monkeypatch.setattr(tui.store, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(tui.store, "MIGRATIONS", {**tui.store.MIGRATIONS, 1: v1_to_v2})
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


def test_a_broken_backup_is_not_suggested(board_path: Path) -> None:
    board_path.write_bytes(b"")
    board_path.with_name("board.json.bak").write_bytes(b"{")
    with pytest.raises(StoreError, match=r"move it aside .*mv "):
        Store(board_path).load()


def test_a_folder_in_place_of_the_file_is_refused(board_path: Path) -> None:
    board_path.mkdir()
    (board_path / "keep.txt").write_text("mine")
    store = Store(board_path)
    for attempt in (store.load, lambda: store.add(maker())):
        with pytest.raises(StoreError, match=r"is a folder, not a board file; move it aside"):
            attempt()
    assert [p.name for p in board_path.iterdir()] == ["keep.txt"]


def test_a_path_under_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("x")
    with pytest.raises(StoreError, match=r"cannot read .*plain/board.json"):
        Store(tmp_path / "plain" / "board.json").load()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_is_refused(board_path: Path) -> None:
    seeded(board_path)
    board_path.chmod(0o000)
    try:
        with pytest.raises(StoreError, match=r"cannot read .*permission denied; make it readable"):
            Store(board_path).load()
    finally:
        board_path.chmod(0o600)


def test_an_unreadable_file_is_refused_even_for_root(
    board_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded(board_path)
    before = board_path.read_bytes()
    real_open = os.open

    def denied(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if os.fspath(path) == str(board_path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    store = Store(board_path)
    for attempt in (store.load, lambda: store.add(maker())):
        with pytest.raises(StoreError) as caught:
            attempt()
        assert str(caught.value) == (
            f"cannot read {board_path}: permission denied; make it readable: chmod 600 {board_path}"
        )
    monkeypatch.undo()
    assert board_path.read_bytes() == before


def test_messages_stay_on_one_line_whatever_the_path(tmp_path: Path) -> None:
    path = tmp_path / "evil\nname.json"
    path.write_bytes(b"")
    with pytest.raises(StoreError) as caught:
        Store(path).load()
    assert "\n" not in str(caught.value)
    assert "evil\\nname.json" in str(caught.value)


# -- cards kept as the file's text


def _cards_of(store: Store) -> dict[str, Any]:
    return store._storage.read()[tui.store.CARDS_TABLE]


def test_a_read_board_keeps_its_cards_as_text_equal_to_the_parsed_file(board_path: Path) -> None:
    seeded(board_path, 4)
    store = Store(board_path)
    store.load()
    cards = _cards_of(store)
    assert {type(record).__name__ for record in cards.values()} == {"_Text"}
    parsed = json.loads(board_path.read_bytes())
    assert {doc_id: dict(record) for doc_id, record in cards.items()} == parsed[tui.store.CARDS_TABLE]


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
    assert board_path.read_bytes() == tui.store._Renderer().render(json.loads(board_path.read_bytes()))


def test_a_card_changed_in_place_by_tinydb_is_written_anew(board_path: Path) -> None:
    from tinydb import TinyDB

    store = seeded(board_path, 2)
    store = Store(board_path)
    store.load()
    TinyDB(storage=lambda: store._storage).table("interviews").update({"company": "Changed"}, doc_ids=[1])
    assert [c.company for c in Store(board_path).load()] == ["Changed", realistic(2).company]
    assert board_path.read_bytes() == tui.store._Renderer().render(json.loads(board_path.read_bytes()))


def test_a_board_with_a_byte_order_mark_is_read_and_saved(board_path: Path) -> None:
    seeded(board_path, 2)
    board_path.write_bytes(b"\xef\xbb\xbf" + board_path.read_bytes())
    store = Store(board_path)
    assert [c.id for c in store.load()] == [1, 2]
    assert type(_cards_of(store)["1"]).__name__ == "_Text"
    store.update(1, lambda c: ops.edit(c, notes="after the mark"))
    assert next(c.notes for c in Store(board_path).load()) == "after the mark"


def test_json_that_only_python_reads_is_still_a_board(board_path: Path) -> None:
    """NaN is not strict JSON: such a file is read the slow way, with the same result."""
    seeded(board_path, 2)
    text = board_path.read_text(encoding="utf-8").replace('"company": ', '"score": NaN, "company": ', 1)
    board_path.write_text(text, encoding="utf-8")
    store = Store(board_path)
    assert [c.company for c in store.load()] == [realistic(1).company, realistic(2).company]
    assert {type(record).__name__ for record in _cards_of(store).values()} == {"dict"}


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 1 << 16])
def test_the_utf8_check_a_slice_at_a_time_agrees_with_decoding_the_whole(
    chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Slices may cut a character in two: that is not an error, a bad or unfinished character is."""
    monkeypatch.setattr(tui.store, "_UTF8_CHUNK", chunk)
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
        assert tui.store._is_utf8(raw) is whole, raw


def test_a_save_writes_every_piece_in_order_through_short_writes_and_small_chunks(
    board_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is joined a chunk at a time, never whole: a short write goes on where it stopped."""
    store = seeded(board_path, 6)
    expected = store.load()
    real = os.write
    calls: list[int] = []

    def short(fd: int, data: Any) -> int:
        calls.append(len(data))
        assert len(data) <= 300 + 2_000  # a chunk: at most one record past the limit
        return real(fd, bytes(data)[:5])  # at most 5 bytes at a time

    monkeypatch.setattr(tui.store, "_WRITE_CHUNK", 300)
    monkeypatch.setattr(os, "write", short)
    store.update(2, lambda c: ops.edit(c, notes="written five bytes at a time"))
    monkeypatch.undo()
    raw = board_path.read_bytes()
    assert len(calls) >= len(raw) // 5
    assert raw == tui.store._Renderer().render(json.loads(raw))
    fresh = Store(board_path).load()
    assert fresh[1].notes == "written five bytes at a time"
    assert [c for c in fresh if c.id != 2] == [c for c in expected if c.id != 2]


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
