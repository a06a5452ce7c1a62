"""``Store``: the board's cards in and out of the file, for the app and the command line.

The rest of followup sees cards (``Interview``) and ``StoreError`` only: the
tables, the records and TinyDB stay behind this class.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import msgspec
from tinydb import TinyDB
from tinydb.table import Document

from tui.codec import CodecError, card_to_dict
from tui.domain.model import Interview
from tui.gc_policy import paused_then_set_aside
from tui.store import schema
from tui.store.errors import StoreError, quote
from tui.store.parse import card_from_record
from tui.store.schema import CARDS_TABLE, META_ID, META_TABLE, Record
from tui.store.tinydb_storage import BoardStorage


class Store:
    """A board file, read and written whole, atomically, under a lock.

    Every mutating call is one read-modify-write under an inter-process lock:
    it re-reads the file if another process changed it, applies the change to
    the fresh copy, and writes atomically (temp file, fsync, os.replace),
    keeping the previous good file as ``<name>.bak``. Thread-safe.

    A board path that is a symlink is followed: the target is rewritten, the
    link stays. Messages name the target file.
    """

    def __init__(self, path: Path, *, lock_timeout: float = 10.0) -> None:
        self.path = path
        #: One-line warnings: found when opening (e.g. a world-readable file) or when a save
        #: succeeded only in part (e.g. the backup could not be updated).
        self.warnings: list[str] = []
        try:
            target = Path(path).resolve()
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"cannot open {path}: {exc}") from exc
        self._storage = BoardStorage(target, lock_timeout=lock_timeout, warnings=self.warnings)
        self._db = TinyDB(storage=lambda: self._storage)
        self._meta = self._db.table(META_TABLE, cache_size=0)
        self._cards = self._db.table(CARDS_TABLE, cache_size=0)
        self._warn_if_exposed()

    @property
    def file(self) -> Path:
        """The file actually read and written (the symlink's target, absolute)."""
        return self._storage.path

    @property
    def backup_path(self) -> Path:
        """The previous good version of the board, kept on every save."""
        return self._storage.backup_path

    def _warn_if_exposed(self) -> None:
        try:
            mode = stat.S_IMODE(os.stat(self.file).st_mode)
        except OSError:
            return
        if mode & 0o044:
            self.warnings.append(
                f"{self.file} is readable by other users (mode {mode:04o}) and holds contacts' "
                f"details; restrict it with: chmod 600 {quote(self.file)}"
            )

    # -- reading

    def load(self) -> list[Interview]:
        """All cards, by id. A missing file is an empty board (created on first write)."""
        with self._storage.held(), paused_then_set_aside(self._storage.read_size()):
            records = self._storage.cards_to_decode()
            try:
                cards = [self._decode(int(doc_id), record) for doc_id, record in records.items()]
            except StoreError:
                self._storage.read()  # a file that is not UTF-8 is refused as that, not as one bad card
                raise
            self._storage.unseen = False
        ids = [card.id for card in cards]
        if ids != sorted(ids):  # the file keeps its cards in id order
            cards.sort(key=_card_id)
        return cards

    def changed_on_disk(self) -> bool:
        """True when the board on disk holds something the last ``load`` did not return.

        Either the file changed since this store last read or wrote it (a cheap
        stat), or one of this store's writes merged another process's changes
        (a card added from the command line just before a move was saved).
        """
        return self._storage.unseen or self._storage.changed_on_disk()

    def mark_unseen(self) -> None:
        """The caller set aside what it last loaded: report the board as changed until the next load."""
        self._storage.unseen = True

    def get(self, card_id: int) -> Interview:
        """One card; StoreError "no card with id N" if missing."""
        with self._storage.held():
            return self._decode(card_id, self._record(card_id))

    def _record(self, card_id: int) -> Record:
        """The card's record itself (not a copy: it is only read, and never changed in place)."""
        doc = self._storage.read().get(CARDS_TABLE, {}).get(str(card_id))
        if doc is None:
            raise StoreError(f"no card with id {card_id}")
        return doc

    def _decode(self, card_id: int, record: Record | msgspec.Raw) -> Interview:
        try:
            return card_from_record(card_id, record)
        except CodecError as exc:
            raise StoreError(f"{self.file}: {exc}; {self._storage.way_out()}") from exc

    # -- writing

    def add(self, make: Callable[[int], Interview]) -> Interview:
        """Allocate the next id, build the card with ``make(id)``, save it."""
        return self.add_many([make])[0]

    def add_many(self, makes: Sequence[Callable[[int], Interview]]) -> list[Interview]:
        """``add`` for many cards in one write (all or nothing)."""
        with self._storage.transaction(whole_cards=True):
            first = self._next_id()
            cards = [make(first + offset) for offset, make in enumerate(makes)]
            for offset, card in enumerate(cards):
                _check_id(card, first + offset)
            if cards:
                self._cards.insert_multiple(Document(card_to_dict(card), doc_id=card.id) for card in cards)
                self._set_meta(first + len(cards))
            return cards

    def update(self, card_id: int, change: Callable[[Interview], Interview]) -> tuple[Interview, Interview]:
        """Apply ``change`` to the freshest copy of a card; return (before, after).

        ``change`` may raise (e.g. ``DomainError``): the error propagates and nothing is written.
        """
        with self._storage.transaction(whole_cards=True):
            before = self._decode(card_id, self._record(card_id))
            after = change(before)
            _check_id(after, card_id)
            if after != before:
                self._replace_record(card_id, card_to_dict(after))
                self._set_meta(self._next_id())
            return before, after

    def update_many(
        self, changes: Mapping[int, Callable[[Interview], Interview]]
    ) -> dict[int, tuple[Interview, Interview]]:
        """``update`` for several cards in one write (all or nothing); return (before, after) by id.

        A card no longer on the board is left out of the result; a ``change``
        that raises leaves the whole board as it was.
        """
        done: dict[int, tuple[Interview, Interview]] = {}
        with self._storage.transaction(whole_cards=True):
            for card_id, change in changes.items():
                record = self._storage.read().get(CARDS_TABLE, {}).get(str(card_id))
                if record is None:
                    continue
                before = self._decode(card_id, record)
                after = change(before)
                _check_id(after, card_id)
                if after != before:
                    self._replace_record(card_id, card_to_dict(after))
                done[card_id] = (before, after)
            if any(before != after for before, after in done.values()):
                self._set_meta(self._next_id())
        return done

    def put(self, card: Interview) -> None:
        """Insert or replace a card under its own id (used by undo)."""
        if card.id < 1:
            raise ValueError(f"card ids start at 1, not {card.id}")
        with self._storage.transaction(whole_cards=True):
            record = card_to_dict(card)
            if self._cards.contains(doc_id=card.id):
                self._replace_record(card.id, record)
            else:
                self._cards.insert(Document(record, doc_id=card.id))
            self._set_meta(max(self._next_id(), card.id + 1))

    def delete(self, card_id: int) -> Interview:
        """Remove a card and return it (so it can be put back)."""
        with self._storage.transaction(whole_cards=True):
            card = self._decode(card_id, self._record(card_id))
            self._cards.remove(doc_ids=[card_id])
            self._set_meta(self._next_id())
            return card

    def _replace_record(self, card_id: int, record: dict[str, Any]) -> None:
        """Swap in a new record object (never change one in place: see ``_working_copy``)."""
        self._cards.remove(doc_ids=[card_id])
        self._cards.insert(Document(record, doc_id=card_id))

    def _next_id(self) -> int:
        """The counter in _meta, never below one past the highest id in the file."""
        meta: Mapping[str, Any] = self._meta.get(doc_id=META_ID) or {}
        stored = meta.get("next_id")
        counter = stored if type(stored) is int else 1
        highest = max((int(doc_id) for doc_id in self._storage.read().get(CARDS_TABLE, {})), default=0)
        return max(counter, highest + 1)

    def _set_meta(self, next_id: int) -> None:
        self._meta.upsert(Document(schema.meta_record(next_id), doc_id=META_ID))


def _card_id(card: Interview) -> int:
    return card.id


def _check_id(card: Interview, card_id: int) -> None:
    if card.id != card_id:
        raise ValueError(f"the card built for id {card_id} has id {card.id}")
