"""The save queue: saves in order on one thread, handed over when asked, failures kept and retried."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.domain.model import Interview
from tui.services.save_queue import Save, SaveQueue


class FakeStore:
    """Records what was written, and on which thread; fails while ``failing`` is set."""

    def __init__(self) -> None:
        self.written: list[str] = []
        self.threads: set[str] = set()
        self.failing = False


Outcome = tuple[Save, "Interview | None", "str | None"]


class Harness:
    def __init__(self) -> None:
        self.store = FakeStore()
        self.reports: list[Outcome] = []
        self.reported = threading.Semaphore(0)
        self.queued_calls = 0

        def report(save: Save, card: Interview | None, error: str | None) -> None:
            self.reports.append((save, card, error))
            self.reported.release()

        def when_queued() -> None:
            self.queued_calls += 1

        self.queue = SaveQueue(self.store, report, when_queued)  # type: ignore[arg-type]

    def save(self, name: str) -> Save:
        def write(store: FakeStore) -> None:
            if store.failing:
                raise OSError(f"cannot write {name}")
            store.written.append(name)
            store.threads.add(threading.current_thread().name)

        return Save(name, write)  # type: ignore[arg-type]

    def finish_reported(self) -> None:
        """What the app does with each report, on its own thread."""
        for save, _card, error in self.reports:
            self.queue.finished(save, error)
        self.reports.clear()


@pytest.fixture
def harness() -> Iterator[Harness]:
    made = Harness()
    yield made
    made.queue.stop()


def test_saves_wait_for_the_hand_over_then_run_in_order_off_the_callers_thread(harness: Harness) -> None:
    queue = harness.queue
    for name in ("a", "b", "c"):
        queue.submit(harness.save(name))
    assert harness.queued_calls == 1  # asked once to hand over soon, for the whole batch
    assert harness.store.written == []
    assert queue.busy
    queue.flush()
    assert harness.store.written == ["a", "b", "c"]
    assert harness.store.threads == {"followup-save_0"}
    for _ in range(3):
        assert harness.reported.acquire(timeout=5)
    harness.finish_reported()
    assert not queue.busy


def test_a_failed_save_is_kept_and_tried_again_once_nothing_is_in_flight(harness: Harness) -> None:
    queue = harness.queue
    harness.store.failing = True
    queue.submit(harness.save("a"))
    queue.flush()
    assert harness.reported.acquire(timeout=5)
    assert harness.reports[0][2] == "cannot write a"
    harness.finish_reported()
    assert [save.description for save in queue.unsaved] == ["a"]
    queue.submit(harness.save("b"))
    assert not queue.retry_unsaved()  # "b" is in flight: the retry waits for it
    harness.store.failing = False
    queue.flush()
    assert harness.reported.acquire(timeout=5)
    harness.finish_reported()
    assert queue.retry_unsaved()
    assert queue.unsaved == []
    queue.flush()
    assert harness.store.written == ["b", "a"]


def test_after_the_thread_stopped_a_save_runs_at_once_in_the_caller(harness: Harness) -> None:
    queue = harness.queue
    queue.submit(harness.save("before"))
    queue.stop()
    assert harness.store.written == ["before"]
    queue.submit(harness.save("after"))
    queue.hand_over()
    assert harness.store.written == ["before", "after"]
    assert threading.current_thread().name in harness.store.threads
    queue.flush()  # nothing left, and no thread to wait for: returns


def test_a_job_runs_on_the_save_thread_after_the_saves_handed_over(harness: Harness) -> None:
    queue = harness.queue
    queue.submit(harness.save("a"))
    queue.hand_over()
    seen: list[list[str]] = []
    queue.run(lambda: seen.append(list(harness.store.written)))
    queue.flush()
    assert seen == [["a"]]


def test_the_writes_a_change_makes_update_add_delete_and_put_back_cards(tmp_path: Path) -> None:

    import msgspec

    from tui.demo import build
    from tui.store import Store

    store = Store(tmp_path / "board.json")
    first = build()[0]
    added = Save.add("added", lambda card_id: msgspec.structs.replace(first, id=card_id))
    assert added.undo_add
    card = added.write(store)
    assert card is not None
    edited = Save.update("edited", card.id, lambda c: msgspec.structs.replace(c, notes="edited")).write(store)
    assert edited is not None
    assert store.get(card.id).notes == "edited"
    Save.put("undo: edited", card).write(store)
    assert store.get(card.id) == card
    Save.delete("deleted", card.id).write(store)
    Save.delete("deleted again", card.id).write(store)  # already gone: fine
    assert store.load() == []
