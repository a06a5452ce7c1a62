"""One board file, many writers: other stores, threads, the lock and plain TinyDB calls."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock

from tests.unit.store_cards import maker, seeded
from tui.domain import ops
from tui.store import BoardStorage, Store, StoreError, parse, tinydb_storage

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


def test_each_call_parses_the_file_once(board_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A call parses the file once, however many records it reads or changes; none keeps the parse."""
    seeded(board_path, 3)
    parses: list[str] = []

    def counting(name: str) -> Any:
        real = getattr(parse, name)

        def counted(raw: bytes) -> Any:
            parses.append(name)
            return real(raw)

        return counted

    for name in ("parse_board", "card_texts"):  # the start's load reads the cards' texts alone
        monkeypatch.setattr(tinydb_storage, name, counting(name))
    store = Store(board_path)
    store.load()
    assert parses == ["card_texts"]
    store.update_many({card_id: lambda c: ops.edit(c, notes="x") for card_id in (1, 2, 3)})
    assert parses == ["card_texts", "parse_board"]
    store.get(2)
    store.load()
    assert parses == ["card_texts", "parse_board", "parse_board", "card_texts"]
    assert not store.changed_on_disk()
    Store(board_path).add(maker())
    assert store.changed_on_disk()
    assert len(store.load()) == 4


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
    db = TinyDB(board_path, storage=BoardStorage)
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
