"""The board file: the only package that touches TinyDB.

One JSON file that survives crashes, two copies of the app and a user's own
edits; a damaged, foreign or newer file is refused with a one-line message
saying what to do, and never rewritten. One module per job:

- ``schema``: the layout, its version and the migrations (a new schema plugs in here);
- ``parse``: bytes to checked tables; ``render``: tables to byte-exact, diffable JSON;
- ``atomic``: reading the file, the write lock, the atomic replace with a backup;
- ``tinydb_storage``: TinyDB's view of the file, one read-modify-write per change;
- ``facade``: ``Store``, what the rest of followup uses, and ``errors``: ``StoreError``.
"""

from tui.store.errors import StoreError
from tui.store.facade import SETTLE_AT, Store
from tui.store.schema import SCHEMA_VERSION
from tui.store.tinydb_storage import BoardStorage

__all__ = ["SCHEMA_VERSION", "SETTLE_AT", "BoardStorage", "Store", "StoreError"]
