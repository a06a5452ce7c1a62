"""The TinyDB storage of a board file: parsed once per version, changed in transactions, written atomically.

TinyDB sees the board as tables of records; this storage keeps the parsed
file while it is unchanged on disk, and turns each change into one
read-modify-write under the lock: re-read the file if another process changed
it, let TinyDB work on a copy, write the result once (``atomic``), so nothing
another writer saved in between is lost.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from tinydb.storages import Storage

from tui.store import atomic
from tui.store.errors import Damage, StoreError, quote
from tui.store.parse import parse, shape_problem
from tui.store.render import Renderer
from tui.store.schema import CARDS_TABLE, Record, Tables


@dataclass(frozen=True)
class Snapshot:
    """The parsed file and the token of the version it came from (None: no file)."""

    token: atomic.Token | None
    tables: Tables


class BoardStorage(Storage):
    """TinyDB storage for one board file: parsed once per version, written atomically.

    ``read`` returns the cached parse while the file's stat token is unchanged.
    Changes go through ``transaction()``: under the thread and file locks it
    re-reads the file if it changed, lets TinyDB work on an in-memory copy, and
    writes the result once at the end (nothing if the block raises).
    """

    def __init__(self, path: Path, *, lock_timeout: float = 10.0, warnings: list[str] | None = None) -> None:
        self.path = path
        self.backup_path = path.with_name(path.name + ".bak")
        self.lock_path = path.with_name(path.name + ".lock")
        self.warnings = warnings if warnings is not None else []
        self.lock = threading.RLock()
        self._write_lock = atomic.WriteLock(path, self.lock_path, lock_timeout)
        self._cache: Snapshot | None = None
        self._pending: Tables | None = None
        self._dirty = False
        self._renderer = Renderer()
        #: A write merged changes made by someone else that the last ``Store.load`` did not see.
        self.unseen = False

    # -- TinyDB's Storage API

    def read(self) -> Tables:
        with self.lock:
            if self._pending is not None:
                return self._pending
            return self.snapshot().tables

    def write(self, data: Tables) -> None:
        with self.lock:
            if self._pending is not None:
                self._pending = data
                self._dirty = True
                return
            # A TinyDB call outside a transaction has changed records of the cached parse
            # in place: no record's earlier text can be trusted.
            self._renderer = Renderer()
            try:
                with self.transaction():
                    self._pending = data
                    self._dirty = True
            except BaseException:
                self._cache = None  # TinyDB may have changed the cached copy in place
                raise

    # -- reading

    def changed_on_disk(self) -> bool:
        with self.lock:
            try:
                token = atomic.stat_token(self.path)
            except StoreError:
                return True
            return token != (self._cache.token if self._cache else None)

    def unread_size(self) -> int:
        """The size in bytes of the file when it differs from the last one read or written, else 0."""
        with self.lock:
            try:
                token = atomic.stat_token(self.path)
            except StoreError:
                return 0  # reading it will say what is wrong
            if token is None or (self._cache is not None and self._cache.token == token):
                return 0
            return token[2]

    def snapshot(self) -> Snapshot:
        """The board as on disk now, parsed again only if the file changed."""
        with self.lock:
            token = atomic.stat_token(self.path)
            if self._cache is not None and self._cache.token == token:
                return self._cache
            if token is None:
                self._cache = Snapshot(None, {})
                return self._cache
            token, raw = atomic.read_file(self.path)
            try:
                tables = parse(raw)
            except Damage as exc:
                way_out = "" if exc.newer else f"; {self.way_out()}"
                raise StoreError(f"{self.path} {exc}{way_out}") from exc
            self._cache = Snapshot(token, tables)
            return self._cache

    def prepare_to_save(self) -> None:
        """Encode the board as last read, so that the first save only encodes what it changes."""
        with self.lock:
            if self._cache is not None and self._pending is None:
                self._renderer.pieces(self._cache.tables, build=False)

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
        with self.lock:
            if self._pending is not None:  # nested: part of the outer one
                yield
                return
            atomic.make_folder(self.path)
            self._write_lock.acquire()
            try:
                known = self._cache
                snap = self.snapshot()
                if known is None or snap.token != known.token:
                    self.unseen = True  # another process wrote since we last read: ours merges it
                self._pending = {
                    name: working_copy(t, shared=whole_cards and name == CARDS_TABLE)
                    for name, t in snap.tables.items()
                }
                self._dirty = False
                try:
                    yield
                    if self._dirty:
                        self._save(self._pending)
                finally:
                    self._pending = None
            finally:
                self._write_lock.release()

    def _save(self, tables: Tables) -> None:
        problem = shape_problem(tables, self._cache.tables if self._cache else None)
        if problem:
            raise StoreError(
                f"could not save {self.path}: the new board {problem}; nothing on disk was changed"
            )
        data = self._renderer.file_pieces(tables)
        try:
            token = atomic.replace_with_backup(self.path, self.backup_path, data, self.warnings)
        except OSError as exc:
            raise StoreError(
                f"could not save {self.path}: {exc.strerror or exc}; nothing on disk was changed"
            ) from exc
        self._cache = Snapshot(token, tables)


def working_copy(table: dict[str, Record], *, shared: bool) -> dict[str, Record]:
    """The copy of a table that one change works on, leaving the cached parse as it was.

    TinyDB changes records in place, so each record is copied; unless
    ``shared``: when the change only adds, removes or replaces records whole
    (every change ``Store`` makes to cards), the records are shared with the
    cached parse and a change to one card of many copies only the index.
    """
    if shared:
        return dict(table)
    return {doc_id: dict(doc) for doc_id, doc in table.items()}
