"""Writing the board file: tables to indented, sorted, diffable JSON, byte for byte the same each time.

Tables, then records in id order, one record field per line, each value
compact, keys sorted, in UTF-8: the board can be kept in git and a change to
one card changes only its lines. The same tables always give the same bytes
(``render``), whether a card is still the text it was read as or a record
encoded anew.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

import msgspec

from tui.store.parse import CardText
from tui.store.schema import Tables

_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(", ", ": "))
_ASCII_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=True, separators=(", ", ": "))


def render(tables: Tables) -> bytes:
    """The whole file's bytes."""
    return b"".join(file_pieces(tables))


def file_pieces(tables: Tables) -> list[bytes | msgspec.Raw]:
    """The whole file's bytes, in pieces to write one after the other.

    Each value is encoded compactly by the C encoder; a record holding text
    that cannot be UTF-8 (a lone surrogate) is written in escaped ASCII
    instead. A card untouched since the file was read (``CardText``) is
    written back as the text it was read from (its bytes shared with the
    file read, not copied): saving one changed card of a big board encodes
    one card.
    """
    pieces: list[bytes | msgspec.Raw] = []
    add = pieces.append
    for number, name in enumerate(sorted(tables)):
        docs = tables[name]
        add(b"%s  %s: {" % (b",\n" if number else b"", _name_bytes(name)))
        first = True
        for doc_id in sorted(docs, key=_id_order):
            doc = docs[doc_id]
            add(b"\n" if first else b",\n")
            first = False
            if type(doc) is CardText and doc.text is not None:  # untouched since read: as it was
                add(b'    "%s": ' % doc_id.encode("ascii"))
                add(doc.text)
            else:
                add(row_bytes(doc_id, doc))
        add(b"}" if first else b"\n  }")
    return [b"{\n", *pieces, b"\n}\n"] if pieces else [b"{}\n"]


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
