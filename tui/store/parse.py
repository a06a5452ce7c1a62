"""Reading the board file: its bytes to checked tables of the current schema.

``parse`` reads the common file, a valid current-schema board in strict JSON,
the quick way: msgspec finds the records and each card stays as its slice of
the file's text (``CardText``), decoded into a card only when asked for (a
save writes an untouched card back as that text). Anything else (an older
schema, damage, JSON that only Python reads) goes the slow way, which parses
everything with Python's ``json``, says what is wrong with a file that is not
a board, and upgrades an older one (``schema.upgrade``).

``card_texts`` is the quick way for a caller that decodes every card (the
board's start): the cards' records as their text, not checked first, since
decoding a card reads every byte of it (see ``codec``).
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator, Mapping, MutableMapping
from typing import Any

import msgspec

from tui.codec import card_from_dict, card_from_json
from tui.domain.model import Interview
from tui.store import schema
from tui.store.errors import Damage, brief
from tui.store.schema import CARDS_TABLE, META_ID, META_TABLE, Record, Tables


class CardText(MutableMapping[str, Any]):
    """A card record as its JSON text in the board file, parsed into a dict only if a field is asked for.

    Reading a board keeps each card as its slice of the file's bytes (no
    copy) rather than a tree of dicts: the card is decoded from the text
    (``card_from_json``), a save writes an untouched card's text back as it
    was (see ``render.file_pieces``), and a big board holds no parsed dicts at all.
    A record changed in place (a plain TinyDB update) becomes a dict inside
    and is written anew.
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
        if not isinstance(other, CardText):
            return self.doc == other
        if self.text is not None and other.text is not None and bytes(self.text) == bytes(other.text):
            return True  # the same text, without parsing it
        return self.doc == other.doc

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"CardText({bytes(self.text)!r})" if self.text is not None else f"CardText({self.doc!r})"


def parse(raw: bytes) -> Tables:
    """The board in ``raw``, upgraded to the current schema; ``Damage`` if it is not one."""
    return parse_board(raw)[0]


def parse_board(raw: bytes) -> tuple[Tables, bool]:
    """``parse``, and whether the file is of an older schema (upgraded as it was read)."""
    quick = _parse_quick(raw)
    if quick is not None:
        return quick, False
    if not raw:
        raise Damage("is empty (0 bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Damage(f"is damaged: not UTF-8 text (bad byte at offset {exc.start})") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Damage(
            f"is damaged: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from exc
    except (ValueError, RecursionError) as exc:
        raise Damage("is damaged: not valid JSON") from exc
    problem = shape_problem(data)
    if problem:
        raise Damage(problem)
    older = schema.version_of(data) != schema.SCHEMA_VERSION  # asked first: the upgrade changes it
    return schema.upgrade(data), older


# -- the quick way

_TABLES = msgspec.json.Decoder(dict[str, dict[str, msgspec.Raw]])

#: How much of the file is checked as UTF-8 at a time.
_UTF8_CHUNK = 1 << 16


def _parse_quick(raw: bytes) -> Tables | None:
    """The board in ``raw`` with its cards kept as text (``CardText``); None leaves the file to the slow way.

    Only a current-schema board that is valid, strict JSON in TinyDB's layout
    is read here; anything else (damage, an older schema, JSON that Python
    reads but msgspec does not) goes the slow way, which says what is wrong.
    """
    body = _checked_text(raw)
    quick = None if body is None else _quick(body)
    if quick is None:
        return None
    tables: Tables = {}
    for name, table in quick.items():
        if name == CARDS_TABLE:
            cards: dict[str, Record] = {}
            for doc_id, text in table.items():
                if memoryview(text)[0] != _OBJECT:
                    return None
                cards[doc_id] = CardText(text)
            tables[name] = cards
        else:
            tables[name] = table
    return tables


def card_texts(raw: bytes) -> dict[str, msgspec.Raw] | None:
    """The cards of the board in ``raw``, each as its record's text, for a caller that decodes every one.

    The quick way without checking the text first: decoding a card reads every
    byte of its record and refuses one that is not an object or not UTF-8, and
    the rest of the file is decoded here. None: the file is not one the quick
    way reads, or is damaged (``parse_board`` reads it and says what is wrong).
    """
    quick = _quick(_without_bom(raw))
    if quick is None:
        return None
    return quick.get(CARDS_TABLE, {})


#: A JSON object's first byte.
_OBJECT = ord("{")


def _quick(body: bytes | memoryview) -> dict[str, dict[str, Any]] | None:
    """The tables of a current-schema board in strict JSON: cards as their text, other records parsed.

    None if the file is anything else (the slow way reads it). Text is checked
    only where it is decoded here (ids, table names, records other than cards).
    """
    try:
        parsed: dict[str, dict[str, Any]] = _TABLES.decode(body)
        for name, table in parsed.items():
            if name != CARDS_TABLE:
                parsed[name] = {doc_id: json.loads(bytes(text)) for doc_id, text in table.items()}
    except ValueError:  # a msgspec DecodeError, or text json refuses (not UTF-8, when not checked first)
        return None
    if shape_problem(parsed) is not None:
        return None
    if schema.version_of(parsed) != schema.SCHEMA_VERSION:
        return None
    return parsed


def _checked_text(raw: bytes) -> bytes | memoryview | None:
    """The file's JSON text, after a byte order mark; None if it is not UTF-8."""
    if raw.isascii():
        return raw
    if not is_utf8(raw):  # msgspec does not check text it skips
        return None
    return _without_bom(raw)


def _without_bom(raw: bytes) -> bytes | memoryview:
    """The file's JSON text, after a byte order mark if it has one."""
    return memoryview(raw)[len(codecs.BOM_UTF8) :] if raw.startswith(codecs.BOM_UTF8) else raw


def is_utf8(raw: bytes) -> bool:
    """``raw`` is valid UTF-8, checked a slice at a time.

    Decoding the whole file at once would hold its text as well as its bytes
    for a moment, raising the peak memory of reading a big board.
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


# -- is it a board?


def shape_problem(data: Any, checked: Tables | None = None) -> str | None:
    """What makes ``data`` not a followup board in TinyDB's layout, or None if it is one.

    Records that are the very objects of ``checked`` (a board already checked) are not looked at again.
    """
    if not isinstance(data, dict):
        return "is JSON but not a followup board"
    meta_table = data.get(META_TABLE)
    meta = meta_table.get(str(META_ID)) if isinstance(meta_table, dict) else None
    if not isinstance(meta, dict) or meta.get("app") != schema.APP:
        return "is not a followup board (it has no followup _meta record)"
    for name, table in data.items():
        if not isinstance(table, dict):
            return f"is damaged: its table {brief(name)} is not an object"
        if checked is None and _plain_records(table):
            continue
        known = checked.get(name, {}) if checked is not None else {}
        for doc_id, doc in table.items():
            if doc_id in known and known[doc_id] is doc:
                continue
            if not (doc_id.isascii() and doc_id.isdigit()) or not isinstance(
                doc, dict | CardText | msgspec.Raw
            ):
                return f"is damaged: its table {brief(name)} has a malformed record {brief(doc_id)}"
        # Only an id written with a leading zero (by hand) can name the same card as another;
        # a save (``checked``) writes ids as numbers.
        if name == CARDS_TABLE and checked is None and any(d[0] == "0" and d != "0" for d in table):
            twice = _one_card_twice(table)
            if twice:
                return f"is damaged: {twice}"
    return None


#: A record as parsed: a dict, a card kept as its text, or (``card_texts``) that text itself.
_RECORD_TYPES = frozenset({dict, CardText, msgspec.Raw})


def _plain_records(table: dict[str, Any]) -> bool:
    """Every record of ``table`` is a dict or a card's text under a plain decimal id, none twice.

    The same verdict as looking at each record in turn, in C loops (a board's
    start checks every card); False leaves the table to that look, which says
    what is wrong.
    """
    return _plain_ids(table) and _RECORD_TYPES.issuperset(map(type, table.values()))


def _plain_ids(table: dict[str, Any]) -> bool:
    """Every id of ``table`` is a decimal number written plainly: digits, no leading zero."""
    ids = table.keys()
    if not (all(map(str.isdigit, ids)) and all(map(str.isascii, ids))):
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
            return f"two records are card {card_id} ({brief(seen[card_id])} and {brief(doc_id)})"
        seen[card_id] = doc_id
    return None


def card_from_record(card_id: int, record: Record | msgspec.Raw) -> Interview:
    """The card a record read from the file holds (its text, as text or parsed); ``CodecError`` if bad."""
    if type(record) is msgspec.Raw:
        return card_from_json(card_id, record)
    if type(record) is CardText:
        if record.text is not None:
            return card_from_json(card_id, record.text)
        return card_from_dict(card_id, record.doc)
    return card_from_dict(card_id, record)
