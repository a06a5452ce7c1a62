"""The board file: the only module that touches TinyDB.

The board is one JSON file holding two TinyDB tables: ``_meta`` (one record:
the app marker, the schema version and the next card id) and ``interviews``
(one record per card, keyed by the card's id, in ``tui.codec`` form).

The file must survive crashes, two copies of the app and a user's own edits:

- Saving writes a temp file in the same folder (mode 0600, or the mode the
  board already has), fsyncs it, keeps the previous file as ``<name>.bak`` and
  moves the new one into place with ``os.replace``: a kill at any moment leaves
  either the old or the new board, never a torn one.
- Every change is one read-modify-write under an inter-process lock
  (``<name>.lock``); the writer re-reads the file first when another process
  changed it, so nothing written by the other one is lost.
- The JSON is indented, one field per line, keys sorted and cards in id order,
  so the board can be kept in git and diffed.
- A file that is damaged, foreign or from a newer version is refused with a
  one-line message that names it and says what to do; it is never rewritten.
- Reading keeps each card as its JSON text in the file (msgspec finds the
  records and decodes each straight into a card); a save writes an untouched
  card's text back as it was and encodes only the cards that changed.
"""

from __future__ import annotations

import codecs
import errno
import gc
import json
import os
import shlex
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping, MutableMapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document

from tui.codec import CodecError, card_from_dict, card_from_json, card_to_dict
from tui.domain.model import Interview

SCHEMA_VERSION = 1
APP = "followup"
META_TABLE = "_meta"
CARDS_TABLE = "interviews"
META_ID = 1

#: One record as TinyDB sees it: a dict, or a card still in the file's text (``_Text``).
Record = MutableMapping[str, Any]
#: The whole file as TinyDB sees it: table name -> document id -> document.
Tables = dict[str, dict[str, Record]]
#: What identifies one version of the file on disk: (st_dev, st_ino, st_size, st_mtime_ns).
Token = tuple[int, int, int, int]


def _v0_to_v1(tables: Tables) -> Tables:
    """Schema 0 kept no id counter (ids were max + 1): start one past the highest id."""
    ids = [int(doc_id) for doc_id in tables.get(CARDS_TABLE, {})]
    meta = tables[META_TABLE][str(META_ID)]
    meta["next_id"] = max(ids, default=0) + 1
    meta["schema"] = 1
    return tables


#: Migrations of the parsed file: ``MIGRATIONS[k]`` turns schema k into schema k + 1.
MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {0: _v0_to_v1}


class StoreError(Exception):
    """A board file that cannot be read or written.

    ``str(error)`` is one line naming the file and what to do about it.
    """

    def __init__(self, message: str) -> None:
        super().__init__(_one_line(message))


def _one_line(text: str) -> str:
    """``text`` with control characters escaped, so a message stays on one line."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def _brief(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _quote(path: Path) -> str:
    return shlex.quote(str(path))


#: From this size of file (some 700 cards), a read sets what it made aside from the garbage collector.
SETTLE_AT = 512 * 1024


@contextmanager
def _settled(size: int) -> Iterator[None]:
    """Build a big board's objects without the cyclic garbage collector, then set them aside.

    Reading 10,000 cards makes hundreds of thousands of objects that all live
    on. The collector would walk them during the read (a third of its time)
    and again at every full collection afterwards, each a pause of some 50 ms
    in the middle of a key press, and find nothing to free. So for a big board
    the collector pauses while the cards are made, and then everything alive
    is frozen (``gc.freeze``): the cards are still freed as usual once nothing
    refers to them, but never walked again. (No collection first: at start-up
    there is nothing to free, and it would cost a few milliseconds of the
    first paint.) A small board is read as is.
    """
    if size < SETTLE_AT:
        yield
        return
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


# ---------------------------------------------------------------------------
# Reading: bytes -> checked, migrated tables


class _Text(MutableMapping[str, Any]):
    """A card record as its JSON text in the board file, parsed into a dict only if a field is asked for.

    Reading a board keeps each card as its slice of the file's bytes (no
    copy) rather than a tree of dicts: the card is decoded from the text
    (``card_from_json``), a save writes an untouched card's text back as it
    was (see ``_Renderer``), and a 10,000-card board holds no 26 MiB of
    parsed dicts. A record changed in place (a plain TinyDB update) becomes a
    dict inside and is written anew.
    """

    __slots__ = ("_doc", "text")

    def __init__(self, text: msgspec.Raw) -> None:
        #: The record's bytes in the file, or None once it was changed in place.
        self.text: msgspec.Raw | None = text
        self._doc: dict[str, Any] | None = None

    @property
    def doc(self) -> dict[str, Any]:
        if self._doc is None:
            assert self.text is not None
            parsed: dict[str, Any] = json.loads(bytes(self.text))  # an object: checked when the file was read
            self._doc = parsed
            return parsed
        return self._doc

    def __getitem__(self, key: str) -> Any:
        return self.doc[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.doc[key] = value
        self.text = None

    def __delitem__(self, key: str) -> None:
        del self.doc[key]
        self.text = None

    def __iter__(self) -> Iterator[str]:
        return iter(self.doc)

    def __len__(self) -> int:
        return len(self.doc)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Mapping):
            return NotImplemented
        if not isinstance(other, _Text):
            return self.doc == other
        if self.text is not None and other.text is not None and bytes(self.text) == bytes(other.text):
            return True  # the same text, without parsing it
        return self.doc == other.doc

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"_Text({bytes(self.text)!r})" if self.text is not None else f"_Text({self.doc!r})"


_TABLES = msgspec.json.Decoder(dict[str, dict[str, msgspec.Raw]])


#: How much of the file is checked as UTF-8 at a time.
_UTF8_CHUNK = 1 << 16


def _is_utf8(raw: bytes) -> bool:
    """``raw`` is valid UTF-8, checked a slice at a time.

    Decoding the whole file at once would hold its text as well as its bytes
    for a moment: at 10,000 cards some 14 MiB more at the peak (a text with
    one character past Latin-1 takes two bytes a character).
    """
    decode = codecs.getincrementaldecoder("utf-8")("strict").decode
    view = memoryview(raw)
    try:
        for start in range(0, len(raw), _UTF8_CHUNK):
            decode(view[start : start + _UTF8_CHUNK])
        decode(b"", True)
    except UnicodeDecodeError:
        return False
    return True


def _parse_quick(raw: bytes) -> Tables | None:
    """The board in ``raw`` with its cards kept as text (``_Text``); None leaves the file to ``_parse``.

    Only a current-schema board that is valid, strict JSON in TinyDB's layout
    is read here; anything else (damage, an older schema, JSON that Python
    reads but msgspec does not) goes the slow way, which says what is wrong.
    """
    body: bytes | memoryview = raw
    if not raw.isascii():
        if not _is_utf8(raw):  # msgspec does not check text it skips
            return None
        if raw.startswith(codecs.BOM_UTF8):
            body = memoryview(raw)[len(codecs.BOM_UTF8) :]
    try:
        parsed = _TABLES.decode(body)
    except msgspec.DecodeError:
        return None
    tables: Tables = {}
    for name, table in parsed.items():
        if name == CARDS_TABLE:
            cards: dict[str, Record] = {}
            for doc_id, text in table.items():
                if memoryview(text)[0] != ord("{"):
                    return None
                cards[doc_id] = _Text(text)
            tables[name] = cards
        else:
            tables[name] = {doc_id: json.loads(bytes(text)) for doc_id, text in table.items()}
    if _shape_problem(tables) is not None:
        return None
    if tables[META_TABLE][str(META_ID)].get("schema") != SCHEMA_VERSION:
        return None
    return tables


class _Damage(Exception):
    """What is wrong with a file's content (the caller adds the way out)."""

    def __init__(self, what: str, *, newer: bool = False) -> None:
        super().__init__(what)
        self.newer = newer


def _shape_problem(data: Any, checked: Tables | None = None) -> str | None:
    """What makes ``data`` not a followup board in TinyDB's layout, or None if it is one.

    Records that are the very objects of ``checked`` (a board already checked) are not looked at again.
    """
    if not isinstance(data, dict):
        return "is JSON but not a followup board"
    meta_table = data.get(META_TABLE)
    meta = meta_table.get(str(META_ID)) if isinstance(meta_table, dict) else None
    if not isinstance(meta, dict) or meta.get("app") != APP:
        return "is not a followup board (it has no followup _meta record)"
    for name, table in data.items():
        if not isinstance(table, dict):
            return f"is damaged: its table {_brief(name)} is not an object"
        if checked is None and _plain_records(table):
            continue
        known = checked.get(name, {}) if checked is not None else {}
        for doc_id, doc in table.items():
            if known.get(doc_id) is doc:
                continue
            if not (doc_id.isascii() and doc_id.isdigit()) or not isinstance(doc, dict | _Text):
                return f"is damaged: its table {_brief(name)} has a malformed record {_brief(doc_id)}"
        # Only an id written with a leading zero (by hand) can name the same card as another;
        # a save (``checked``) writes ids as numbers.
        if name == CARDS_TABLE and checked is None and any(d[0] == "0" and d != "0" for d in table):
            twice = _one_card_twice(table)
            if twice:
                return f"is damaged: {twice}"
    return None


_RECORD_TYPES = frozenset({dict, _Text})


def _plain_records(table: dict[str, Any]) -> bool:
    """Every record of ``table`` is a dict or a card's text under a plain decimal id, none twice.

    The same verdict as looking at each record in turn, in C loops (a board's
    start checks 10,000 of them); False leaves the table to that look, which
    says what is wrong.
    """
    ids = table.keys()
    if not (all(map(str.isdigit, ids)) and all(map(str.isascii, ids))):
        return False
    if not _RECORD_TYPES.issuperset(map(type, table.values())):
        return False
    # Only an id written with a leading zero (by hand) can name the same card as another; of
    # ids made of digits, the first in text order starts with "0" if any does.
    return not min(ids, default="1").startswith("0")


def _one_card_twice(records: Mapping[str, Any]) -> str | None:
    """Which two records of a cards table are one card (ids ``7`` and ``07``), if any."""
    seen: dict[int, str] = {}
    for doc_id in records:
        card_id = int(doc_id)
        if card_id in seen:
            return f"two records are card {card_id} ({_brief(seen[card_id])} and {_brief(doc_id)})"
        seen[card_id] = doc_id
    return None


def _parse(raw: bytes) -> Tables:
    """The board in ``raw``, migrated to the current schema; ``_Damage`` if it is not one."""
    quick = _parse_quick(raw)
    if quick is not None:
        return quick
    if not raw:
        raise _Damage("is empty (0 bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _Damage(f"is damaged: not UTF-8 text (bad byte at offset {exc.start})") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _Damage(
            f"is damaged: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from exc
    except (ValueError, RecursionError) as exc:
        raise _Damage("is damaged: not valid JSON") from exc
    problem = _shape_problem(data)
    if problem:
        raise _Damage(problem)
    tables: Tables = data
    version = tables[META_TABLE][str(META_ID)].get("schema")
    if type(version) is not int or version < 0:
        raise _Damage(f"is damaged: its schema version {_brief(version)} is not a number")
    if version > SCHEMA_VERSION:
        raise _Damage(
            f"was written by a newer followup (board schema {version}; this one reads up to "
            f"{SCHEMA_VERSION}); upgrade followup to open it (the file was left as it is)",
            newer=True,
        )
    while version < SCHEMA_VERSION:
        tables = MIGRATIONS[version](tables)
        version += 1
    return tables


# ---------------------------------------------------------------------------
# Writing: tables -> indented, sorted, diffable JSON

_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(", ", ": "))
_ASCII_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=True, separators=(", ", ": "))


def _id_order(doc_id: str) -> tuple[int, str]:
    return (int(doc_id), doc_id) if doc_id.isascii() and doc_id.isdigit() else (-1, doc_id)


class _Renderer:
    """Turns tables into the file's bytes, re-encoding only the records that changed.

    Tables, then records in id order, one record field per line, each value
    compact (the C encoder), in UTF-8; a record holding text that cannot be
    UTF-8 (a lone surrogate) is written in escaped ASCII instead. A record that
    is the very object rendered last time (or equal to it) reuses its bytes, a
    table whose ids are unchanged reuses its order, and the file is joined in
    one go: saving one changed card of 10,000 encodes one card. This relies on
    records never being changed in place once rendered (see ``_working_copy``).
    A card untouched since the file was read (``_Text``) is written back as
    the text it was read from.
    """

    def __init__(self) -> None:
        #: (table, id) -> (the record rendered, its bytes).
        self.rows: dict[tuple[str, str], tuple[Record, bytes]] = {}
        #: table -> its ids, in file order.
        self.orders: dict[str, list[str]] = {}

    def render(self, tables: Tables) -> bytes:
        return b"".join(self.file_pieces(tables))

    def file_pieces(self, tables: Tables) -> list[bytes | msgspec.Raw]:
        """The whole file's bytes, in pieces to write one after the other."""
        pieces = self.pieces(tables)
        return [b"{\n", *pieces, b"\n}\n"] if pieces else [b"{}\n"]

    def pieces(self, tables: Tables, *, build: bool = True) -> list[bytes | msgspec.Raw]:
        """The file's bytes in pieces (records' bytes shared with the cache and the file read, not copied).

        ``build=False`` only does the work the next call can reuse (the order, the changed records'
        bytes) and returns no pieces: a 10,000-card board's pieces are 20,000 small objects.
        """
        rows: dict[tuple[str, str], tuple[Record, bytes]] = {}
        orders: dict[str, list[str]] = {}
        pieces: list[bytes | msgspec.Raw] = []
        add = pieces.append if build else _ignore
        for number, name in enumerate(sorted(tables)):
            docs = tables[name]
            order = self.orders.get(name)
            if order is None or len(order) != len(docs) or not all(doc_id in docs for doc_id in order):
                order = sorted(docs, key=_id_order)
            orders[name] = order
            add(b"%s  %s: {" % (b",\n" if number else b"", _name_bytes(name)))
            first = True
            for doc_id in order:
                doc = docs[doc_id]
                add(b"\n" if first else b",\n")
                first = False
                if type(doc) is _Text and doc.text is not None:  # untouched since read: as it was
                    if build:
                        add(b'    "%s": ' % doc_id.encode("ascii"))
                        add(doc.text)
                    continue
                known = self.rows.get((name, doc_id))
                if known is None or (known[0] is not doc and known[0] != doc):
                    known = (doc, _row_bytes(doc_id, doc))
                rows[name, doc_id] = known
                add(known[1])
            add(b"}" if first else b"\n  }")
        self.rows, self.orders = rows, orders
        return pieces


def _ignore(_piece: bytes | msgspec.Raw) -> None:
    """Stands in for ``pieces.append`` when no pieces are wanted."""


def _row_text(doc_id: str, doc: Mapping[str, Any], encode: Callable[[Any], str]) -> str:
    if not doc:
        return f"    {encode(doc_id)}: {{}}"
    fields = ",\n".join([f"      {encode(key)}: {encode(doc[key])}" for key in sorted(doc)])
    return f"    {encode(doc_id)}: {{\n{fields}\n    }}"


def _row_bytes(doc_id: str, doc: Mapping[str, Any]) -> bytes:
    return _json_bytes(lambda encode: _row_text(doc_id, doc, encode))


def _name_bytes(name: str) -> bytes:
    return _json_bytes(lambda encode: encode(name))


def _json_bytes(text: Callable[[Callable[[Any], str]], str]) -> bytes:
    """``text`` made with the UTF-8 encoder, or in escaped ASCII if it cannot be UTF-8 (a lone surrogate)."""
    try:
        return text(_ENCODER.encode).encode("utf-8")
    except UnicodeEncodeError:
        return text(_ASCII_ENCODER.encode).encode("ascii")


def _working_copy(table: dict[str, Record], *, shared: bool) -> dict[str, Record]:
    """The copy of a table that one change works on, leaving the cached parse as it was.

    TinyDB changes records in place, so each record is copied; unless
    ``shared``: when the change only adds, removes or replaces records whole
    (every change ``Store`` makes to cards), the records are shared with the
    cached parse and a change to one card of 10,000 copies only the index.
    """
    if shared:
        return dict(table)
    return {doc_id: dict(doc) for doc_id, doc in table.items()}


# ---------------------------------------------------------------------------
# The file on disk


def _token(st: os.stat_result) -> Token:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


#: How much of the file is joined into one write.
_WRITE_CHUNK = 1 << 20


def _write_all(fd: int, data: Sequence[bytes | msgspec.Raw]) -> None:
    """Write the pieces in order, all of them, joined a mebibyte at a time.

    A 10,000-card board is some 7 MB: joining all its pieces would hold a
    second copy of the file in memory at every save (and a write call per
    piece would take ten times as long). A short write carries on where it
    stopped.
    """
    batch: list[bytes | msgspec.Raw] = []
    size = 0
    for piece in data:
        batch.append(piece)
        size += len(piece)
        if size >= _WRITE_CHUNK:
            _write_bytes(fd, b"".join(batch))
            batch, size = [], 0
    if batch:
        _write_bytes(fd, b"".join(batch))


def _write_bytes(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _fsync_folder(folder: Path) -> None:
    if not hasattr(os, "O_DIRECTORY"):
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass(frozen=True)
class _Snapshot:
    """The parsed file and the token of the version it came from (None: no file)."""

    token: Token | None
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
        self._lock_timeout = lock_timeout
        self._file_lock: Any = None  # a filelock.FileLock, made on the first write (its import is slow)
        self._cache: _Snapshot | None = None
        self._pending: Tables | None = None
        self._dirty = False
        self._renderer = _Renderer()
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
            self._renderer = _Renderer()
            try:
                with self.transaction():
                    self._pending = data
                    self._dirty = True
            except BaseException:
                self._cache = None  # TinyDB may have changed the cached copy in place
                raise

    # -- reading

    def _stat(self) -> Token | None:
        try:
            return _token(os.stat(self.path))
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StoreError(f"cannot read {self.path}: {exc.strerror}") from exc

    def changed_on_disk(self) -> bool:
        with self.lock:
            try:
                token = self._stat()
            except StoreError:
                return True
            return token != (self._cache.token if self._cache else None)

    def unread_size(self) -> int:
        """The size in bytes of the file when it differs from the last one read or written, else 0."""
        with self.lock:
            try:
                token = self._stat()
            except StoreError:
                return 0  # reading it will say what is wrong
            if token is None or (self._cache is not None and self._cache.token == token):
                return 0
            return token[2]

    def snapshot(self) -> _Snapshot:
        """The board as on disk now, parsed again only if the file changed."""
        with self.lock:
            token = self._stat()
            if self._cache is not None and self._cache.token == token:
                return self._cache
            if token is None:
                self._cache = _Snapshot(None, {})
                return self._cache
            token, raw = self._read_bytes(self.path)
            try:
                tables = _parse(raw)
            except _Damage as exc:
                way_out = "" if exc.newer else f"; {self.way_out()}"
                raise StoreError(f"{self.path} {exc}{way_out}") from exc
            self._cache = _Snapshot(token, tables)
            return self._cache

    def _read_bytes(self, path: Path) -> tuple[Token, bytes]:
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(path, flags)
        except PermissionError as exc:
            raise StoreError(
                f"cannot read {path}: permission denied; make it readable: chmod 600 {_quote(path)}"
            ) from exc
        except OSError as exc:
            raise StoreError(f"cannot read {path}: {exc.strerror}") from exc
        try:
            st = os.fstat(fd)
            if stat.S_ISDIR(st.st_mode):
                raise StoreError(
                    f"{path} is a folder, not a board file; move it aside "
                    f"(mv {_quote(path)} {_quote(path)}.aside) or open another board file"
                )
            if not stat.S_ISREG(st.st_mode):
                raise StoreError(f"{path} is not a regular file; move it aside or open another board file")
            with os.fdopen(fd, "rb", closefd=False) as stream:
                return _token(st), stream.read()
        except OSError as exc:
            raise StoreError(f"cannot read {path}: {exc.strerror}") from exc
        finally:
            os.close(fd)

    def prepare_to_save(self) -> None:
        """Encode the board as last read, so that the first save only encodes what it changes."""
        with self.lock:
            if self._cache is not None and self._pending is None:
                self._renderer.pieces(self._cache.tables, build=False)

    def way_out(self) -> str:
        """What to do about a damaged board: restore a good backup, or set the file aside."""
        with suppress(StoreError, _Damage):
            _parse(self._read_bytes(self.backup_path)[1])
            return (
                f"fix it by hand, or restore the last good copy: "
                f"cp {_quote(self.backup_path)} {_quote(self.path)} (the file was left as it is)"
            )
        return (
            f"fix it by hand, or move it aside to start an empty board: "
            f"mv {_quote(self.path)} {_quote(self.path)}.broken (the file was left as it is)"
        )

    # -- writing

    @contextmanager
    def transaction(self, *, whole_cards: bool = False) -> Iterator[None]:
        """One read-modify-write: fresh read under the locks, one atomic write at the end.

        ``whole_cards``: the block only adds, removes or replaces card records
        whole, never changes one in place (see ``_working_copy``).
        """
        with self.lock:
            if self._pending is not None:  # nested: part of the outer one
                yield
                return
            self._make_folder()
            self._acquire()
            try:
                known = self._cache
                snap = self.snapshot()
                if known is None or snap.token != known.token:
                    self.unseen = True  # another process wrote since we last read: ours merges it
                self._pending = {
                    name: _working_copy(t, shared=whole_cards and name == CARDS_TABLE)
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
                self._file_lock.release()

    def _make_folder(self) -> None:
        folder = self.path.parent
        if folder.is_dir():
            return
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"could not create the folder {folder} for {self.path}: {exc.strerror}") from exc

    def _acquire(self) -> None:
        from filelock import FileLock, Timeout

        if self._file_lock is None:
            self._file_lock = FileLock(
                str(self.lock_path), timeout=self._lock_timeout, mode=0o600, thread_local=False
            )
        try:
            self._file_lock.acquire(timeout=self._lock_timeout, poll_interval=0.01)
        except Timeout as exc:
            raise StoreError(f"another followup is saving {self.path}; try again") from exc
        except OSError as exc:
            raise StoreError(
                f"could not lock {self.path} (lock file {self.lock_path}): {exc.strerror}"
            ) from exc

    def _save(self, tables: Tables) -> None:
        problem = _shape_problem(tables, self._cache.tables if self._cache else None)
        if problem:
            raise StoreError(
                f"could not save {self.path}: the new board {problem}; nothing on disk was changed"
            )
        data = self._renderer.file_pieces(tables)
        try:
            token = self._replace(data)
        except OSError as exc:
            raise StoreError(
                f"could not save {self.path}: {exc.strerror or exc}; nothing on disk was changed"
            ) from exc
        self._cache = _Snapshot(token, tables)

    def _replace(self, data: Sequence[bytes | msgspec.Raw]) -> Token:
        """Write ``data`` to a temp file, fsync it, keep the old file as .bak, move the new one in."""
        self._remove_stale_temps()
        try:
            old = os.stat(self.path)
        except FileNotFoundError:
            old = None
        if old is not None and not (old.st_mode & 0o222 and os.access(self.path, os.W_OK)):
            raise OSError(
                errno.EACCES, f"the file is read-only (make it writable: chmod u+w {_quote(self.path)})"
            )
        folder = self.path.parent
        temps: list[str] = []
        try:
            fd, temp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=folder)
            temps.append(temp)
            try:
                if old is not None and hasattr(os, "fchmod"):
                    os.fchmod(fd, stat.S_IMODE(old.st_mode))
                _write_all(fd, data)
                os.fsync(fd)
                token = _token(os.fstat(fd))
            finally:
                os.close(fd)
            backup = self._link_backup(folder) if old is not None else None
            if backup is not None:
                temps.append(backup)
            os.replace(temp, self.path)  # the new board is in place from here on
        except BaseException:
            for leftover in temps:
                with suppress(OSError):
                    os.unlink(leftover)
            raise
        self._finish(folder, backup)
        return token

    def _finish(self, folder: Path, backup: str | None) -> None:
        """After the board is replaced: rotate the backup and make both renames durable (best effort)."""
        if backup is not None:
            try:
                os.replace(backup, self.backup_path)
            except OSError as exc:
                with suppress(OSError):
                    os.unlink(backup)
                self.warnings.append(
                    f"saved {self.path}, but could not update {self.backup_path}: {exc.strerror}"
                )
        try:
            _fsync_folder(folder)
        except OSError as exc:
            self.warnings.append(f"saved {self.path}, but could not flush its folder to disk: {exc.strerror}")

    def _link_backup(self, folder: Path) -> str:
        """A second name for the current file (a copy where hard links are not supported)."""
        name = str(folder / f".{self.path.name}.bak.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            os.link(self.path, name)
            return name
        except OSError:
            pass  # no hard links here (or a stale name): copy instead; a full disk fails the copy too
        fd, name = tempfile.mkstemp(prefix=f".{self.path.name}.bak.", suffix=".tmp", dir=folder)
        try:
            with open(self.path, "rb") as source:
                _write_all(fd, [source.read()])
            if hasattr(os, "fchmod"):
                os.fchmod(fd, stat.S_IMODE(os.stat(self.path).st_mode))
            os.fsync(fd)
        except BaseException:
            os.close(fd)
            with suppress(OSError):
                os.unlink(name)
            raise
        os.close(fd)
        return name

    def _remove_stale_temps(self) -> None:
        """Temp files a killed save left behind (only writers make them, and we hold the lock)."""
        prefix = f".{self.path.name}."
        with suppress(OSError), os.scandir(self.path.parent) as entries:
            for entry in entries:
                if entry.name.startswith(prefix) and entry.name.endswith(".tmp"):
                    with suppress(OSError):
                        os.unlink(entry.path)


# ---------------------------------------------------------------------------
# The board: cards in, cards out


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
        #: Decoded cards by id, and the records they came from (reused while the record is unchanged).
        #: Two dicts rather than one of pairs: 10,000 pairs would be half a mebibyte more.
        self._decoded: dict[int, Interview] = {}
        self._decoded_from: dict[int, Record] = {}
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
                f"details; restrict it with: chmod 600 {_quote(self.file)}"
            )

    # -- reading

    def load(self) -> list[Interview]:
        """All cards, by id. A missing file is an empty board (created on first write)."""
        with self._storage.lock:
            # The parsed file itself, not TinyDB's per-record copies: unchanged records are
            # then the very objects decoded last time, and a repeated load costs little.
            with _settled(self._storage.unread_size()):
                records = self._storage.read().get(CARDS_TABLE, {})
                # Read before: reuse the cards whose records are unchanged. The first read (the
                # board's start) has nothing to compare with.
                decode = self._decode if self._decoded_from else self._decode_record
                sources = {int(doc_id): record for doc_id, record in records.items()}
                decoded = {card_id: decode(card_id, record) for card_id, record in sources.items()}
            if list(decoded) != sorted(decoded):  # the file keeps its cards in id order
                decoded = dict(sorted(decoded.items()))
            self._decoded, self._decoded_from = decoded, sources
            self._storage.unseen = False
            return list(decoded.values())

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

    def prepare_to_save(self) -> None:
        """Do ahead of time the work of a first save that does not depend on the change."""
        self._storage.prepare_to_save()

    def get(self, card_id: int) -> Interview:
        """One card; StoreError "no card with id N" if missing."""
        with self._storage.lock:
            return self._decode(card_id, self._record(card_id))

    def _record(self, card_id: int) -> Record:
        """The card's record itself (not a copy: it is only read, and never changed in place)."""
        doc = self._storage.read().get(CARDS_TABLE, {}).get(str(card_id))
        if doc is None:
            raise StoreError(f"no card with id {card_id}")
        return doc

    def _decode(self, card_id: int, record: Record) -> Interview:
        source = self._decoded_from.get(card_id)
        if source is record:
            return self._decoded[card_id]
        # An equal record (the same text read again) gives the same card; a record of the other
        # kind (text against dict) is decoded rather than compared, which would parse the text.
        same = source is not None and type(source) is type(record) and source == record
        card = self._decoded[card_id] if same else self._decode_record(card_id, record)
        # Next time, the same object is recognised at once.
        self._decoded[card_id], self._decoded_from[card_id] = card, record
        return card

    def _decode_record(self, card_id: int, record: Record) -> Interview:
        try:
            if type(record) is _Text:
                if record.text is not None:
                    return card_from_json(card_id, record.text)
                return card_from_dict(card_id, record.doc)
            return card_from_dict(card_id, record)
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
        self._meta.upsert(
            Document({"app": APP, "schema": SCHEMA_VERSION, "next_id": next_id}, doc_id=META_ID)
        )


def _check_id(card: Interview, card_id: int) -> None:
    if card.id != card_id:
        raise ValueError(f"the card built for id {card_id} has id {card.id}")
