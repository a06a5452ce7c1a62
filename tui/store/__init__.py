"""The board file: the only package that touches TinyDB.

The file must survive crashes, two copies of the app and a user's own edits:

- Saving is atomic and keeps the previous file as ``<name>.bak`` (``atomic``).
- Every change is one read-modify-write under an inter-process lock; the
  writer re-reads the file first when another process changed it, so nothing
  written by the other one is lost (``tinydb_storage``).
- The JSON is indented, one field per line, keys sorted and cards in id order,
  so the board can be kept in git and diffed (``render``).
- A file that is damaged, foreign or from a newer version is refused with a
  one-line message that names it and says what to do; it is never rewritten
  (``parse``, ``schema``).
- Reading keeps each card as its JSON text in the file, decoded straight into
  a card; a save writes an untouched card's text back as it was and encodes
  only the cards that changed.

The layout and its versions, where a new schema plugs in, are in ``schema``;
``Store`` (``facade``) is what the rest of followup uses.
"""

from tui.store.errors import StoreError
from tui.store.facade import SETTLE_AT, Store
from tui.store.schema import SCHEMA_VERSION
from tui.store.tinydb_storage import BoardStorage

__all__ = ["SCHEMA_VERSION", "SETTLE_AT", "BoardStorage", "Store", "StoreError"]
