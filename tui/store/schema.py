"""The board file's layout and its versions: where a new schema plugs in.

The file holds two TinyDB tables: ``_meta`` (one record: the app marker, the
schema version and the next card id) and ``interviews`` (one record per card,
keyed by the card's id, in ``tui.codec`` form). ``upgrade`` brings a file of an
older schema to ``SCHEMA_VERSION`` in memory; the file itself is rewritten only
by the next save (the previous version stays in the backup).

To add schema N + 1: write ``_vN_to_vN1(tables)`` below, which changes the
parsed tables (plain dicts) in place or returns new ones and sets the meta
record's ``schema`` to N + 1; register it in ``MIGRATIONS`` under N; raise
``SCHEMA_VERSION`` to N + 1; and make ``tui.codec`` read and write the new
record form. A file of the current schema skips the steps and is read the
quick way (see ``tui.store.parse``).
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from typing import Any

from tui.domain.ops import new_uid
from tui.store.errors import Damage, brief

#: The version this followup reads and writes.
SCHEMA_VERSION = 2
APP = "followup"
META_TABLE = "_meta"
CARDS_TABLE = "interviews"
META_ID = 1

#: One record as TinyDB sees it: a dict, or a card still in the file's text (``parse.CardText``).
Record = MutableMapping[str, Any]
#: The whole file as TinyDB sees it: table name -> document id -> document.
Tables = dict[str, dict[str, Record]]


def meta_record(next_id: int) -> dict[str, Any]:
    """The ``_meta`` record a save writes: this app, this schema, the next card id."""
    return {"app": APP, "schema": SCHEMA_VERSION, "next_id": next_id}


def version_of(tables: Tables) -> Any:
    """The schema version a board's ``_meta`` record claims (not checked)."""
    return tables[META_TABLE][str(META_ID)].get("schema")


# -- the steps from each schema to the next


def _v0_to_v1(tables: Tables) -> Tables:
    """Schema 0 kept no id counter (ids were max + 1): start one past the highest id."""
    ids = [int(doc_id) for doc_id in tables.get(CARDS_TABLE, {})]
    meta = tables[META_TABLE][str(META_ID)]
    meta["next_id"] = max(ids, default=0) + 1
    meta["schema"] = 1
    return tables


def _v1_to_v2(tables: Tables) -> Tables:
    """Schema 2 gives each card its rounds (none past the first yet) and a lasting uid.

    The uids are made here, when the board is read, and kept from its first
    write on (until then each read of the schema-1 file makes new ones).
    A card's ``applied_mail`` and a round's ``invite`` (what mail applied to
    it) are optional in schema 2: absent until there is something to hold.
    """
    for record in tables.get(CARDS_TABLE, {}).values():
        if isinstance(record, MutableMapping):
            record.setdefault("uid", new_uid())
            record.setdefault("rounds", [])
    tables[META_TABLE][str(META_ID)]["schema"] = 2
    return tables


#: ``MIGRATIONS[k]`` turns the parsed tables of schema k into schema k + 1.
MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {0: _v0_to_v1, 1: _v1_to_v2}


def upgrade(tables: Tables) -> Tables:
    """``tables`` (a checked followup board) brought to ``SCHEMA_VERSION``; ``Damage`` if it cannot be.

    A board from a newer followup is refused (``Damage.newer``): it is left for that version to read.
    """
    version = version_of(tables)
    if type(version) is not int or version < 0:
        raise Damage(f"is damaged: its schema version {brief(version)} is not a number")
    if version > SCHEMA_VERSION:
        raise Damage(
            f"was written by a newer followup (board schema {version}; this one reads up to "
            f"{SCHEMA_VERSION}); upgrade followup to open it (the file was left as it is)",
            newer=True,
        )
    while version < SCHEMA_VERSION:
        tables = MIGRATIONS[version](tables)
        version += 1
    return tables
