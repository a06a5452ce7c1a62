"""Board files to and from the merge: read any schema this followup knows, write like every save.

A file is read with the store's own reader (``tui.store.parse``): a board of
an older schema is upgraded in memory first, so three versions of different
schemas merge as boards of this one; a file that is not a board, is damaged
or comes from a newer followup is refused with one line saying which.
Writing renders the file as ``Store`` does (byte for byte the same layout)
and replaces it atomically, mode 0600, under the file's lock.
"""

from __future__ import annotations

import codecs
import json
import os
import uuid
from contextlib import suppress
from pathlib import Path
from typing import Any

import msgspec

from tui.codec import CodecError, card_to_dict
from tui.domain.model import Interview
from tui.store import atomic
from tui.store.errors import Damage, StoreError
from tui.store.parse import card_from_record, parse
from tui.store.render import render
from tui.store.schema import CARDS_TABLE, META_ID, META_TABLE, Record, Tables, meta_record
from tui.sync.merge import Board

#: The first schema whose cards carry a uid.
_FIRST_WITH_UIDS = 2
#: The namespace of the uids a merge gives cards of a board from before uids.
_UIDS = uuid.UUID("5b0e8a4c-3f57-4d0e-9a51-6f6c6c6f7775")


class NotABoard(Exception):
    """A file the merge cannot take as a board (the message is one line naming it)."""


def read_board(path: Path, *, empty_is_board: bool = False) -> Board:
    """The board in ``path``; NotABoard says why it is not one.

    ``empty_is_board``: an empty or missing file is an empty board (git gives
    an empty common ancestor when two boards began apart).
    """
    try:
        raw = atomic.read_file(path)[1]
    except StoreError as exc:
        if empty_is_board and not path.exists():
            return Board(())
        raise NotABoard(str(exc)) from exc
    if empty_is_board and not raw.strip():
        return Board(())
    return board_from_bytes(raw, str(path))


def board_from_bytes(raw: bytes, name: str) -> Board:
    """The board a file's bytes hold (``name`` says which file in a message).

    Cards of a file written before uids come without one: the uids its
    upgrade makes are new at each reading, so they would match nothing on
    the other side (the merge matches such cards by number instead).
    """
    try:
        tables = parse(raw)
    except Damage as exc:
        raise NotABoard(f"{name} {exc}") from exc
    cards = tuple(_card(int(doc_id), record, name) for doc_id, record in tables.get(CARDS_TABLE, {}).items())
    written = _written_uids(raw)
    if written is not None:
        cards = tuple(msgspec.structs.replace(card, uid=written.get(str(card.id), "")) for card in cards)
    cards = tuple(sorted(cards, key=lambda c: c.id))
    return Board(cards, _next_id(tables, cards))


def written_schema(raw: bytes) -> Any:
    """The schema version a board file says it was written in (None if it cannot be read)."""
    try:
        tables = msgspec.json.decode(raw.removeprefix(codecs.BOM_UTF8), type=dict[str, dict[str, Any]])
        return tables[META_TABLE][str(META_ID)].get("schema")
    except (msgspec.DecodeError, KeyError, AttributeError):
        return None


def _written_uids(raw: bytes) -> dict[str, str] | None:
    """For a file of a schema before uids, the uid each card's record holds ("" for none); else None."""
    version = written_schema(raw)
    if type(version) is not int or version >= _FIRST_WITH_UIDS:
        return None
    cards = json.loads(raw.decode("utf-8-sig")).get(CARDS_TABLE, {})  # it parsed: it is a board
    return {doc_id: record.get("uid") or "" for doc_id, record in cards.items()}


def _card(card_id: int, record: Record, name: str) -> Interview:
    try:
        return card_from_record(card_id, record)
    except CodecError as exc:
        raise NotABoard(f"{name} is damaged: {exc}") from exc


def _next_id(tables: Tables, cards: tuple[Interview, ...]) -> int:
    meta: dict[str, Any] | Record = tables.get(META_TABLE, {}).get(str(META_ID), {})
    stored = meta.get("next_id")
    counter = stored if type(stored) is int else 1
    return max([counter, *(c.id + 1 for c in cards)])


def board_bytes(board: Board) -> bytes:
    """The file's bytes for ``board``, exactly as ``Store`` would write them."""
    return render(_tables(board))


def _tables(board: Board) -> Tables:
    return {
        META_TABLE: {str(META_ID): meta_record(board.next_id)},
        CARDS_TABLE: {str(card.id): card_to_dict(_named(card)) for card in board.cards},
    }


def _named(card: Interview) -> Interview:
    """The card with a uid: one made from its content if it has none, the same whichever side merges."""
    if card.uid:
        return card
    return msgspec.structs.replace(card, uid=str(uuid.uuid5(_UIDS, msgspec.json.encode(card).decode())))


def write_board(path: Path, board: Board, *, keep_backup: bool = True) -> list[str]:
    """Replace ``path`` with ``board``: atomic, mode 0600, under the file's lock; the warnings of the save.

    ``keep_backup=False`` leaves no backup nor lock file beside it (for the
    temporary files git hands a merge driver). StoreError if nothing could be written.
    """
    warnings: list[str] = []
    backup = path.with_name(path.name + ".bak")
    lock_path = path.with_name(path.name + ".lock")
    lock = atomic.WriteLock(path, lock_path, timeout=10.0)
    lock.acquire()
    try:
        with suppress(FileNotFoundError):
            os.chmod(path, 0o600)
        try:
            atomic.replace_with_backup(path, backup, [board_bytes(board)], warnings)
        except OSError as exc:
            raise StoreError(
                f"could not save {path}: {exc.strerror or exc}; nothing on disk was changed"
            ) from exc
    finally:
        lock.release()
        if not keep_backup:
            for leftover in (backup, lock_path):
                with suppress(OSError):
                    leftover.unlink()
    return warnings
