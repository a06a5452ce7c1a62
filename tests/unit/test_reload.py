"""The board read again when another program changed it, and not shown over a change of ours."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest

from tui.demo import build
from tui.domain.model import Interview
from tui.services.reload import BoardReload
from tui.services.save_queue import Save, SaveQueue
from tui.store import Store


class Harness:
    def __init__(self, path: Path) -> None:
        self.store = Store(path)
        self.other = Store(path)  # another program on the same file
        self.saved: list[tuple[Save, str | None]] = []
        self.reads: list[tuple[list[Interview] | None, str | None]] = []
        self.read = threading.Event()
        self.saves = SaveQueue(
            self.store, lambda save, _card, error: self.saved.append((save, error)), lambda: None
        )

        def report(cards: list[Interview] | None, error: str | None) -> None:
            self.reads.append((cards, error))
            self.read.set()

        self.reload = BoardReload(self.store, self.saves, report)
        self.store.load()

    def _saved(self, save: Save, _card: Interview | None, error: str | None) -> None:
        self.saved.append((save, error))

    def add_elsewhere(self) -> Interview:
        first = build()[0]
        return self.other.add(lambda card_id: msgspec.structs.replace(first, id=card_id))


@pytest.fixture
def harness(tmp_path: Path) -> Iterator[Harness]:
    made = Harness(tmp_path / "board.json")
    yield made
    made.saves.stop()


def test_nothing_is_read_while_the_file_is_unchanged(harness: Harness) -> None:
    harness.reload.check()
    harness.saves.flush()
    assert harness.reads == []
    assert not harness.reload.reading


def test_a_file_changed_elsewhere_is_read_and_its_cards_shown(harness: Harness) -> None:
    card = harness.add_elsewhere()
    harness.reload.check()
    assert harness.reload.reading
    harness.reload.check()  # one read at a time
    assert harness.read.wait(5)
    harness.saves.flush()
    assert harness.reads == [([card], None)]
    assert harness.reload.arrived()
    assert not harness.reload.reading


def test_a_read_that_arrives_after_a_change_of_ours_is_not_shown_and_is_read_again(harness: Harness) -> None:
    harness.add_elsewhere()
    harness.reload.check()
    assert harness.read.wait(5)
    harness.saves.submit(Save.delete("deleted", 99))  # a change of ours, on its way
    assert not harness.reload.arrived()
    assert harness.store.changed_on_disk()  # the next check reads the file the save merged into


def test_failed_saves_are_retried_before_anything_is_read(harness: Harness) -> None:
    harness.add_elsewhere()
    failing = Save("failed", lambda store: None)
    harness.saves.unsaved.append(failing)
    harness.reload.check()
    assert harness.saves.queued == [failing]
    assert not harness.reload.reading
