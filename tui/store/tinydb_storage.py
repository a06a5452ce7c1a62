"""The TinyDB storage of a board file: read for each call, changed in transactions, written atomically.

TinyDB sees the board as tables of records; this storage hands it the parsed
file for the length of one call (``held``) and then lets the parse go,
keeping only the token of the version it read or wrote: between calls the
program holds its cards, not a second copy of the file. Each change is one
read-modify-write under the lock: read the file, let TinyDB work on a copy,
write the result once (``atomic``), so nothing another writer saved in
between is lost.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path

from msgspec import Raw, Struct
from tinydb.storages import Storage

from tui.store import atomic
from tui.store.errors import Damage, StoreError, quote
from tui.store.parse import card_texts, parse, parse_board, shape_problem
from tui.store.render import file_pieces
from tui.store.schema import CARDS_TABLE, Record, Tables


class Snapshot(Struct, frozen=True):
    """The parsed file and the token of the version it came from (None: no file).

    ``lasting``: the file is of an older schema, upgraded as it was read; the
    upgrade made up what the file lacks (each card's uid), so this parse is
    kept until the file is written, and every call sees the same cards.
    """

    token: atomic.Token | None
    tables: Tables
    lasting: bool = False


class BoardStorage(Storage):
    """TinyDB storage for one board file: read for each call, written atomically.

    Every use goes through ``held()`` (``transaction()`` is one): inside it,
    ``read`` returns the file parsed once (again only if the file changes on
    disk meanwhile); when the outermost ``held()`` ends the parse is let go
    and only its token kept, so ``changed_on_disk`` still tells a change by
    someone else from the version last read or written. Changes go through
    ``transaction()``: under the thread and file locks it reads the file,
    lets TinyDB work on an in-memory copy, and writes the result once at the
    end (nothing if the block raises); a card the change did not touch is
    written back as the text just read (see ``render.file_pieces``).
    """

    def __init__(self, path: Path, *, lock_timeout: float = 10.0, warnings: list[str] | None = None) -> None:
        self.path = path
        self.backup_path = path.with_name(path.name + ".bak")
        self.lock_path = path.with_name(path.name + ".lock")
        self.warnings = warnings if warnings is not None else []
        self.lock = threading.RLock()
        self._write_lock = atomic.WriteLock(path, self.lock_path, lock_timeout)
        #: Whether the file was read or written yet, and the token of the version last read or written.
        self._known = False
        self._version: atomic.Token | None = None
        #: That version's parse, while a call holds it (``held``).
        self._held: Snapshot | None = None
        #: How many ``held()`` blocks are open (on the thread holding ``lock``).
        self._holds = 0
        self._pending: Tables | None = None
        self._dirty = False
        #: A write merged changes made by someone else that the last ``Store.load`` did not see.
        self.unseen = False

    @contextmanager
    def held(self) -> Iterator[None]:
        """One call's use of the board: the file is parsed at most once in it, and let go at its end."""
        with self.lock:
            self._holds += 1
            try:
                yield
            finally:
                self._holds -= 1
                if not self._holds and self._held is not None and not self._held.lasting:
                    self._held = None

    # -- TinyDB's Storage API

    def read(self) -> Tables:
        with self.lock:
            if self._pending is not None:
                return self._pending
            return self.snapshot().tables

    def cards_to_decode(self) -> Mapping[str, Record | Raw]:
        """The cards' records, for a caller that decodes every one (``Store.load``).

        The common file is read the quick way without checking its text first
        (``parse.card_texts``): a card whose text is not UTF-8 then fails to
        decode, and ``read`` says what is wrong with the file. Such a read is
        not kept: nothing is ever written from it.
        """
        with self.lock:
            if self._pending is not None:
                return self._pending.get(CARDS_TABLE, {})
            token = atomic.stat_token(self.path)
            if token is None or (self._held is not None and self._held.token == token):
                return self.snapshot().tables.get(CARDS_TABLE, {})
            token, raw = atomic.read_file(self.path)
            texts = card_texts(raw)
            if texts is None:  # not the common file: parsed and checked whole, as any read
                return self._keep(self._parsed(token, raw)).tables.get(CARDS_TABLE, {})
            self._seen(token)
            return texts

    def write(self, data: Tables) -> None:
        with self.lock:
            if self._pending is not None:
                self._pending = data
                self._dirty = True
                return
            # A TinyDB call outside a transaction (a record it changed in place is written
            # anew: see ``CardText``).
            try:
                with self.transaction():
                    self._pending = data
                    self._dirty = True
            finally:
                self._held = None  # TinyDB may have changed the parse in place

    # -- reading

    def changed_on_disk(self) -> bool:
        with self.lock:
            try:
                token = atomic.stat_token(self.path)
            except StoreError:
                return True
            return token != self._version

    def read_size(self) -> int:
        """The size in bytes of the file a read would parse now (0: no file, or its parse is held)."""
        with self.lock:
            try:
                token = atomic.stat_token(self.path)
            except StoreError:
                return 0  # reading it will say what is wrong
            if token is None or (self._held is not None and self._held.token == token):
                return 0
            return token[2]

    def snapshot(self) -> Snapshot:
        """The board as on disk now: the parse this call holds, or the file read and parsed.

        Outside ``held()`` the parse is returned and not kept (unless it is ``lasting``).
        """
        with self.lock:
            token = atomic.stat_token(self.path)
            if self._held is not None and self._held.token == token:
                return self._held
            if token is None:
                return self._keep(Snapshot(None, {}))
            return self._keep(self._parsed(*atomic.read_file(self.path)))

    def _parsed(self, token: atomic.Token, raw: bytes) -> Snapshot:
        try:
            tables, older = parse_board(raw)
        except Damage as exc:
            way_out = "" if exc.newer else f"; {self.way_out()}"
            raise StoreError(f"{self.path} {exc}{way_out}") from exc
        return Snapshot(token, tables, lasting=older)

    def _keep(self, read: Snapshot) -> Snapshot:
        """``read`` is the version last seen; held while a call holds the board (or for good if lasting)."""
        self._seen(read.token)
        if self._holds or read.lasting:
            self._held = read
        return read

    def _seen(self, token: atomic.Token | None) -> None:
        """The version last read or written (``changed_on_disk`` compares the file with it)."""
        self._known, self._version = True, token

    def way_out(self) -> str:
        """What to do about a damaged board: restore a good backup, or set the file aside."""
        with suppress(StoreError, Damage):
            parse(atomic.read_file(self.backup_path)[1])
            return (
                f"fix it by hand, or restore the last good copy: "
                f"cp {quote(self.backup_path)} {quote(self.path)} (the file was left as it is)"
            )
        return (
            f"fix it by hand, or move it aside to start an empty board: "
            f"mv {quote(self.path)} {quote(self.path)}.broken (the file was left as it is)"
        )

    # -- writing

    @contextmanager
    def transaction(self, *, whole_cards: bool = False) -> Iterator[None]:
        """One read-modify-write: fresh read under the locks, one atomic write at the end.

        ``whole_cards``: the block only adds, removes or replaces card records
        whole, never changes one in place (see ``working_copy``).
        """
        with self.held():
            if self._pending is not None:  # nested: part of the outer one
                yield
                return
            atomic.make_folder(self.path)
            self._write_lock.acquire()
            try:
                known, version = self._known, self._version
                snap = self.snapshot()
                if not known or snap.token != version:
                    self.unseen = True  # another process wrote since we last read: ours merges it
                self._pending = {
                    name: working_copy(t, shared=whole_cards and name == CARDS_TABLE)
                    for name, t in snap.tables.items()
                }
                self._dirty = False
                try:
                    yield
                    if self._dirty:
                        self._save(snap, self._pending)
                finally:
                    self._pending = None
            finally:
                self._write_lock.release()

    def _save(self, read: Snapshot, tables: Tables) -> None:
        """Write ``tables``, made from the parse ``read``."""
        problem = shape_problem(tables, read.tables)
        if problem:
            raise StoreError(
                f"could not save {self.path}: the new board {problem}; nothing on disk was changed"
            )
        data = file_pieces(tables)
        try:
            token = atomic.replace_with_backup(self.path, self.backup_path, data, self.warnings)
        except OSError as exc:
            raise StoreError(
                f"could not save {self.path}: {exc.strerror or exc}; nothing on disk was changed"
            ) from exc
        self._version = token
        self._held = Snapshot(token, tables)


def working_copy(table: dict[str, Record], *, shared: bool) -> dict[str, Record]:
    """The copy of a table that one change works on, leaving the parse it came from as it was.

    TinyDB changes records in place, so each record is copied; unless
    ``shared``: when the change only adds, removes or replaces records whole
    (every change ``Store`` makes to cards), the records are shared with the
    parse and a change to one card of many copies only the index.
    """
    if shared:
        return dict(table)
    return {doc_id: dict(doc) for doc_id, doc in table.items()}
