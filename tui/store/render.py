"""Writing the board file: tables to indented, sorted, diffable JSON, byte for byte the same each time.

Tables, then records in id order, one record field per line, each value
compact, keys sorted, in UTF-8: the board can be kept in git and a change to
one card changes only its lines. The same tables always give the same bytes
(``render``), whichever records were reused from an earlier save.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

import msgspec

from tui.store.parse import CardText
from tui.store.schema import Record, Tables

_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(", ", ": "))
_ASCII_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=True, separators=(", ", ": "))


class Renderer:
    """Turns tables into the file's bytes, re-encoding only the records that changed.

    Each value is encoded compactly by the C encoder; a record holding text
    that cannot be UTF-8 (a lone surrogate) is written in escaped ASCII
    instead. A record that is the very object rendered last time (or equal to
    it) reuses its bytes, a table whose ids are unchanged reuses its order, and
    the file is joined in one go: saving one changed card of a big board
    encodes one card. This relies on records never being changed in place once
    rendered (see ``tinydb_storage.working_copy``). A card untouched since the
    file was read (``CardText``) is written back as the text it was read from.
    """

    def __init__(self) -> None:
        #: (table, id) -> (the record rendered, its bytes).
        self.rows: dict[tuple[str, str], tuple[Record, bytes]] = {}
        #: table -> its ids, in file order.
        self.orders: dict[str, list[str]] = {}

    def render(self, tables: Tables) -> bytes:
        """The whole file's bytes."""
        return b"".join(self.file_pieces(tables))

    def file_pieces(self, tables: Tables) -> list[bytes | msgspec.Raw]:
        """The whole file's bytes, in pieces to write one after the other."""
        pieces = self.pieces(tables)
        return [b"{\n", *pieces, b"\n}\n"] if pieces else [b"{}\n"]

    def pieces(self, tables: Tables, *, build: bool = True) -> list[bytes | msgspec.Raw]:
        """The file's bytes in pieces (records' bytes shared with the cache and the file read, not copied).

        ``build=False`` only does the work the next call can reuse (the order, the changed records'
        bytes) and returns no pieces: a big board's pieces are two small objects a card.
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
                if type(doc) is CardText and doc.text is not None:  # untouched since read: as it was
                    if build:
                        add(b'    "%s": ' % doc_id.encode("ascii"))
                        add(doc.text)
                    continue
                known = self.rows.get((name, doc_id))
                if known is None or (known[0] is not doc and known[0] != doc):
                    known = (doc, row_bytes(doc_id, doc))
                rows[name, doc_id] = known
                add(known[1])
            add(b"}" if first else b"\n  }")
        self.rows, self.orders = rows, orders
        return pieces


def _ignore(_piece: bytes | msgspec.Raw) -> None:
    """Stands in for ``pieces.append`` when no pieces are wanted."""


def _id_order(doc_id: str) -> tuple[int, str]:
    return (int(doc_id), doc_id) if doc_id.isascii() and doc_id.isdigit() else (-1, doc_id)


def row_bytes(doc_id: str, doc: Mapping[str, Any]) -> bytes:
    """One record's lines in the file: its id, then one field per line."""
    return _json_bytes(lambda encode: _row_text(doc_id, doc, encode))


def _row_text(doc_id: str, doc: Mapping[str, Any], encode: Callable[[Any], str]) -> str:
    if not doc:
        return f"    {encode(doc_id)}: {{}}"
    fields = ",\n".join([f"      {encode(key)}: {encode(doc[key])}" for key in sorted(doc)])
    return f"    {encode(doc_id)}: {{\n{fields}\n    }}"


def _name_bytes(name: str) -> bytes:
    return _json_bytes(lambda encode: encode(name))


def _json_bytes(text: Callable[[Callable[[Any], str]], str]) -> bytes:
    """``text`` made with the UTF-8 encoder, or in escaped ASCII if it cannot be UTF-8 (a lone surrogate)."""
    try:
        return text(_ENCODER.encode).encode("utf-8")
    except UnicodeEncodeError:
        return text(_ASCII_ENCODER.encode).encode("ascii")
