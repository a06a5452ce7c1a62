"""Changes saved one at a time, in the order they were made, on one background thread.

The app shows a change at once and hands its save to a ``SaveQueue``. Saves
wait in the queue until the app calls ``hand_over`` (once the change is
drawn: writing a big board is Python work that would otherwise compete with
drawing it), then run on the save thread in order. Each outcome is reported
back through ``report`` (from the save thread: the app posts it to itself as
a message) and the app calls ``finished`` with it on its own thread. A save
that failed is kept (``unsaved``) and tried again by ``retry_unsaved``.

A small class rather than Textual's ``@work(thread=True)``: workers run side
by side (two saves could overtake each other) and belong to the running
app, while the last saves must still be written, in order, after it has
stopped (``flush`` at exit, on SIGHUP and SIGTERM). It needs no Textual, and
is tested without an app.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from typing import TYPE_CHECKING

from msgspec import Struct

from tui.domain.model import Interview

if TYPE_CHECKING:
    from tui.store import Store


class Save(Struct, frozen=True):
    """One write to the store, and what it is called in messages."""

    description: str
    write: Callable[[Store], Interview | None]
    #: The write adds a card: record it for undo once the store has given the card its id.
    undo_add: bool = False

    @classmethod
    def update(cls, description: str, card_id: int, change: Callable[[Interview], Interview]) -> Save:
        """Apply ``change`` to the stored card ``card_id`` (its freshest copy, if changed elsewhere)."""
        return cls(description, lambda store: store.update(card_id, change)[1])

    @classmethod
    def add(cls, description: str, make: Callable[[int], Interview]) -> Save:
        """Add the card ``make`` builds from the id the store gives it."""
        return cls(description, lambda store: store.add(make), undo_add=True)

    @classmethod
    def delete(cls, description: str, card_id: int) -> Save:
        """Delete card ``card_id``; one already gone is fine."""
        return cls(description, lambda store: _delete(store, card_id))

    @classmethod
    def put(cls, description: str, card: Interview) -> Save:
        """Store ``card`` as it is (an undo puts the card back as it was)."""
        return cls(description, lambda store: _put(store, card))


def _delete(store: Store, card_id: int) -> None:
    from tui.store import StoreError

    try:
        store.delete(card_id)
    except StoreError:
        if card_id in {card.id for card in store.load()}:
            raise  # only "already gone" is fine


def _put(store: Store, card: Interview) -> Interview:
    store.put(card)
    return card


#: How a save ended, reported from the save thread: the save, the card it wrote, the error if it failed.
Report = Callable[[Save, Interview | None, str | None], None]


class SaveQueue:
    """Saves for ``store``, run in order on one thread; ``report`` hears how each ended.

    ``when_queued`` is called when a save joins an empty queue: the app then
    arranges for ``hand_over`` to be called soon.
    """

    def __init__(self, store: Store, report: Report, when_queued: Callable[[], None]) -> None:
        self.store = store
        self._report = report
        self._when_queued = when_queued
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="followup-save")
        #: Saves waiting for ``hand_over``.
        self.queued: list[Save] = []
        #: Saves that failed, kept until ``retry_unsaved``.
        self.unsaved: list[Save] = []
        #: Saves queued or running whose outcome has not come back through ``finished``.
        self.in_flight = 0

    @property
    def busy(self) -> bool:
        """Some save has not finished yet."""
        return self.in_flight > 0

    def submit(self, save: Save) -> None:
        """Queue ``save``; it runs after every save queued before it."""
        self.in_flight += 1
        self.queued.append(save)
        if len(self.queued) == 1:
            self._when_queued()

    def hand_over(self) -> None:
        """Send what is queued to the save thread (at once, and here, if it has stopped)."""
        queued, self.queued = self.queued, []
        for save in queued:
            try:
                future = self._thread.submit(save.write, self.store)
            except RuntimeError:  # the save thread has already stopped (exit): save here and now
                self.in_flight -= 1
                save.write(self.store)
                continue
            future.add_done_callback(partial(self._done, save))

    def _done(self, save: Save, done: Future[Interview | None]) -> None:
        error = done.exception()
        if error is None:
            self._report(save, done.result(), None)
        else:
            self._report(save, None, str(error) or type(error).__name__)

    def finished(self, save: Save, error: str | None) -> None:
        """The app heard how ``save`` ended: a failed one is kept to be tried again."""
        self.in_flight -= 1
        if error is not None:
            self.unsaved.append(save)

    def retry_unsaved(self) -> bool:
        """Once nothing else is in flight, queue the failed saves again; True if there were any."""
        if not self.unsaved or self.in_flight:
            return False
        retry, self.unsaved = self.unsaved, []
        for save in retry:
            self.submit(save)
        return True

    def run(self, job: Callable[[], object]) -> None:
        """Run ``job`` on the save thread after the saves handed over (nothing, once stopped)."""
        with contextlib.suppress(RuntimeError):  # already stopping
            self._thread.submit(job)

    def flush(self) -> None:
        """Wait until every queued save is on disk."""
        self.hand_over()
        with contextlib.suppress(RuntimeError):  # already shut down: every save has finished
            self._thread.submit(lambda: None).result()

    def stop(self) -> None:
        """Hand over what is queued, wait for it, and stop the thread (later saves run in the caller)."""
        self.hand_over()
        self._thread.shutdown(wait=True)
