"""The board file read again when another program changed it, never over a save of ours on its way.

``BoardReload.check`` runs every few seconds: it first tries failed saves
again, and otherwise, if the file changed, reads it on the save thread
(after the saves already handed over). The outcome goes to ``report`` (the
cards, or the error's message), from that thread; the app passes it back to
``arrived`` on its own thread, which says whether to show the cards: not if a
change of ours was made meanwhile (the next check reads the file it merged).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.domain.model import Interview
from tui.services.save_queue import SaveQueue

if TYPE_CHECKING:
    from tui.store import Store

#: How a read ended, reported from the save thread: the cards, or the error's message.
ReadReport = Callable[[list[Interview] | None, str | None], None]


class BoardReload:
    """Reads ``store`` again when it changed on disk, through ``saves``' thread."""

    def __init__(self, store: Store, saves: SaveQueue, report: ReadReport) -> None:
        self.store = store
        self.saves = saves
        self._report = report
        #: A read is on its way.
        self.reading = False

    def check(self) -> None:
        """Retry failed saves; else, if the file changed and nothing of ours is on its way, read it."""
        if self.saves.retry_unsaved():
            return
        if self.saves.busy or self.reading or not self.store.changed_on_disk():
            return
        self.reading = True
        self.saves.run(self._read)

    def _read(self) -> None:
        from tui.store import StoreError

        try:
            cards = self.store.load()
        except StoreError as exc:
            self._report(None, str(exc))
        else:
            self._report(cards, None)

    def failed(self) -> None:
        """The read failed (the app says so): the next check may read again."""
        self.reading = False

    def arrived(self) -> bool:
        """The read's outcome reached the app: True if its cards may be shown."""
        self.reading = False
        if self.saves.busy:
            self.store.mark_unseen()  # a change of ours is on its way; the next check reads the merged file
            return False
        return True
