"""The board file on disk: read whole, locked between processes, replaced atomically with a backup.

A save writes a temp file in the same folder (mode 0600, or the mode the
board already has), fsyncs it, keeps the previous file as ``<name>.bak`` and
moves the new one into place with ``os.replace``: a kill at any moment leaves
either the old or the new board, never a torn one. Writers take the lock file
``<name>.lock`` first, so two copies of the app never write at once.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
import threading
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any

import msgspec

from tui.store.errors import StoreError, quote

#: What identifies one version of the file on disk: (st_dev, st_ino, st_size, st_mtime_ns).
Token = tuple[int, int, int, int]

#: How much of the file is joined into one write.
_WRITE_CHUNK = 1 << 20


def token(st: os.stat_result) -> Token:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def stat_token(path: Path) -> Token | None:
    """The token of the file at ``path`` now, or None if there is none."""
    try:
        return token(os.stat(path))
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}") from exc


# -- reading


def read_file(path: Path) -> tuple[Token, bytes]:
    """The file's bytes and the token of the version read; StoreError says why it cannot be read."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except PermissionError as exc:
        raise StoreError(
            f"cannot read {path}: permission denied; make it readable: chmod 600 {quote(path)}"
        ) from exc
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}") from exc
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise StoreError(
                f"{path} is a folder, not a board file; move it aside "
                f"(mv {quote(path)} {quote(path)}.aside) or open another board file"
            )
        if not stat.S_ISREG(st.st_mode):
            raise StoreError(f"{path} is not a regular file; move it aside or open another board file")
        with os.fdopen(fd, "rb", closefd=False) as stream:
            return token(st), stream.read()
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}") from exc
    finally:
        os.close(fd)


# -- locking


def make_folder(path: Path) -> None:
    """Create the folder of ``path`` (private to the user) if it is missing."""
    folder = path.parent
    if folder.is_dir():
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"could not create the folder {folder} for {path}: {exc.strerror}") from exc


class WriteLock:
    """The lock file beside a board (``<name>.lock``): one writer at a time, across processes."""

    def __init__(self, path: Path, lock_path: Path, timeout: float) -> None:
        self.path = path
        self.lock_path = lock_path
        self._timeout = timeout
        self._lock: Any = None  # a filelock.FileLock, made on the first write (its import is slow)

    def acquire(self) -> None:
        """Take the lock, waiting up to the timeout; StoreError if another writer keeps it."""
        from filelock import FileLock, Timeout

        if self._lock is None:
            self._lock = FileLock(str(self.lock_path), timeout=self._timeout, mode=0o600, thread_local=False)
        try:
            self._lock.acquire(timeout=self._timeout, poll_interval=0.01)
        except Timeout as exc:
            raise StoreError(f"another followup is saving {self.path}; try again") from exc
        except OSError as exc:
            raise StoreError(
                f"could not lock {self.path} (lock file {self.lock_path}): {exc.strerror}"
            ) from exc

    def release(self) -> None:
        self._lock.release()


# -- replacing


def replace_with_backup(
    path: Path, backup_path: Path, data: Sequence[bytes | msgspec.Raw], warnings: list[str]
) -> Token:
    """Write ``data`` to a temp file, fsync it, keep the old file as the backup, move the new one in.

    OSError if the board could not be replaced (then nothing on disk changed); a
    backup or folder flush that fails afterwards only adds to ``warnings``.
    The caller holds the write lock.
    """
    _remove_stale_temps(path)
    try:
        old = os.stat(path)
    except FileNotFoundError:
        old = None
    if old is not None and not (old.st_mode & 0o222 and os.access(path, os.W_OK)):
        raise OSError(errno.EACCES, f"the file is read-only (make it writable: chmod u+w {quote(path)})")
    folder = path.parent
    temps: list[str] = []
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        temps.append(temp)
        try:
            if old is not None and hasattr(os, "fchmod"):
                os.fchmod(fd, stat.S_IMODE(old.st_mode))
            _write_all(fd, data)
            os.fsync(fd)
            written = token(os.fstat(fd))
        finally:
            os.close(fd)
        backup = _link_backup(path, folder) if old is not None else None
        if backup is not None:
            temps.append(backup)
        os.replace(temp, path)  # the new board is in place from here on
    except BaseException:
        for leftover in temps:
            with suppress(OSError):
                os.unlink(leftover)
        raise
    _finish(path, backup_path, folder, backup, warnings)
    return written


def _finish(path: Path, backup_path: Path, folder: Path, backup: str | None, warnings: list[str]) -> None:
    """After the board is replaced: rotate the backup and make both renames durable (best effort)."""
    if backup is not None:
        try:
            os.replace(backup, backup_path)
        except OSError as exc:
            with suppress(OSError):
                os.unlink(backup)
            warnings.append(f"saved {path}, but could not update {backup_path}: {exc.strerror}")
    try:
        _fsync_folder(folder)
    except OSError as exc:
        warnings.append(f"saved {path}, but could not flush its folder to disk: {exc.strerror}")


def _link_backup(path: Path, folder: Path) -> str:
    """A second name for the current file (a copy where hard links are not supported)."""
    name = str(folder / f".{path.name}.bak.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        os.link(path, name)
        return name
    except OSError:
        pass  # no hard links here (or a stale name): copy instead; a full disk fails the copy too
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.bak.", suffix=".tmp", dir=folder)
    try:
        with open(path, "rb") as source:
            _write_all(fd, [source.read()])
        if hasattr(os, "fchmod"):
            os.fchmod(fd, stat.S_IMODE(os.stat(path).st_mode))
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with suppress(OSError):
            os.unlink(name)
        raise
    os.close(fd)
    return name


def _remove_stale_temps(path: Path) -> None:
    """Temp files a killed save left behind (only writers make them, and the caller holds the lock)."""
    prefix = f".{path.name}."
    with suppress(OSError), os.scandir(path.parent) as entries:
        for entry in entries:
            if entry.name.startswith(prefix) and entry.name.endswith(".tmp"):
                with suppress(OSError):
                    os.unlink(entry.path)


def _write_all(fd: int, data: Sequence[bytes | msgspec.Raw]) -> None:
    """Write the pieces in order, all of them, joined a chunk at a time.

    Joining all the pieces would hold a second copy of the file in memory at
    every save, and a write call per piece would be slow. A short write
    carries on where it stopped.
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
