"""Writing a file the user asked for (an export, a draft): whole or not at all, and private.

The file is written to a temporary file beside the target (created readable by
the user alone), flushed to disk, then renamed over the target in one step: a
crash leaves the old file or the new one, never half of it. Exports and drafts
hold interviewers' names and contact details, so they are not left readable by
other users.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically with mode 0600 (its folder must exist)."""
    folder = path.parent if str(path.parent) else Path(".")
    fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
