"""Reading mail files, read-only: a saved ``.eml``, an mbox file, a maildir folder, or stdin.

Nothing here changes a mail file or folder: every file is opened for reading
only, by this module itself (the standard ``mailbox`` classes may open for
writing, and a maildir's flags and its move from ``new/`` to ``cur/`` belong
to the user's mail program). Each message is handed on as its header block and
a way to read the rest later, so a folder of 20,000 messages is scanned by
their headers, and a body (with a 50 MB attachment, say) is read only for the
messages that match a card, and then only its first ``BODY_LIMIT`` bytes.
"""

from __future__ import annotations

import mmap
import os
import re
import stat
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import partial
from pathlib import Path
from typing import BinaryIO

from tui.mail.body import BODY_LIMIT

#: Header blocks longer than this are cut (a real one is a few KiB).
HEAD_LIMIT = 256 * 1024
_CHUNK = 16 * 1024
_DIGITS = re.compile(r"(\d+)")
_FLAGS = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)


class SourceError(Exception):
    """A PATH that cannot be read at all (the message says why, in one line)."""


@dataclass(frozen=True, slots=True)
class Envelope:
    """One message: where it was read, its header block, and how to read all of it."""

    source: str
    head: bytes
    #: When it arrived (a maildir file's name, an mbox separator): stands in for a bad Date.
    delivered: datetime | None
    #: Reads the message (at most ``BODY_LIMIT`` bytes); may raise ``OSError``.
    read: Callable[[], bytes]


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A message that could not be read (the reason is one line)."""

    source: str
    reason: str


Item = Envelope | Unreadable


def read_path(text: str, stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Every message at ``text`` (``-``: one message on ``stdin``); ``SourceError`` if none can be."""
    if text == "-":
        if stdin is None:
            raise SourceError("-: no standard input to read")
        return iter([_stdin_message(stdin)])
    path = Path(text).expanduser()
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        raise SourceError(f"{path}: no such file or folder") from exc
    except OSError as exc:
        raise SourceError(f"{path}: {exc.strerror or exc}") from exc
    if stat.S_ISDIR(info.st_mode):
        return _maildir(path)
    if not stat.S_ISREG(info.st_mode):
        raise SourceError(f"{path}: not a regular file")
    try:
        first = _read(path, 5)
    except OSError as exc:
        raise SourceError(f"{path}: {exc.strerror or exc}") from exc
    if first.startswith(b"From "):
        return _mbox(path)
    return iter([_file_message(path, str(path), None)])


def _read(path: Path, limit: int, offset: int = 0) -> bytes:
    fd = os.open(path, _FLAGS)
    try:
        return os.pread(fd, limit, offset)
    finally:
        os.close(fd)


def _head_of(data: bytes) -> bytes | None:
    """The header block at the start of ``data`` (None: no blank line yet)."""
    for blank in (b"\n\n", b"\r\n\r\n"):
        end = data.find(blank)
        if end >= 0:
            return data[: end + len(blank)]
    return None


def _file_message(path: Path, source: str, delivered: datetime | None) -> Item:
    try:
        fd = os.open(path, _FLAGS)
    except FileNotFoundError:
        return Unreadable(source, "gone while reading (moved by your mail program?)")
    except OSError as exc:
        return Unreadable(source, f"cannot read it: {exc.strerror or exc}")
    try:
        data = b""
        while True:
            chunk = os.read(fd, _CHUNK)
            data += chunk
            head = _head_of(data)
            if head is not None or not chunk or len(data) >= HEAD_LIMIT:
                break
    except OSError as exc:
        return Unreadable(source, f"cannot read it: {exc.strerror or exc}")
    finally:
        os.close(fd)
    if not data:
        return Unreadable(source, "an empty file")
    return Envelope(
        source, head if head is not None else data[:HEAD_LIMIT], delivered, partial(_read, path, BODY_LIMIT)
    )


def _stdin_message(stdin: BinaryIO) -> Item:
    data = stdin.read(BODY_LIMIT)
    while stdin.read(1024 * 1024):  # the rest (an attachment) is not needed: let the writer finish
        pass
    if not data:
        return Unreadable("-", "nothing on standard input")
    head = _head_of(data[:HEAD_LIMIT])
    return Envelope("-", head if head is not None else data[:HEAD_LIMIT], None, lambda: data)


def _maildir(folder: Path) -> Iterator[Item]:
    """The messages of ``cur/`` and ``new/``, by delivery (their names start with its time)."""
    parts = [folder / sub for sub in ("cur", "new") if (folder / sub).is_dir()]
    if not parts:
        if folder.name in ("cur", "new", "tmp") and (folder.parent / "cur").is_dir():
            raise SourceError(f"{folder}: give the maildir itself, {folder.parent}")
        raise SourceError(
            f"{folder}: a folder that is not a maildir (no cur/ or new/ in it); give a maildir, "
            "an mbox file or .eml files"
        )
    names: list[tuple[str, Path]] = []
    for part in parts:
        try:
            with os.scandir(part) as entries:
                names.extend((e.name, part / e.name) for e in entries if not e.name.startswith("."))
        except OSError as exc:
            raise SourceError(f"{part}: {exc.strerror or exc}") from exc
    names.sort(key=lambda entry: _natural(entry[0]))
    return (_file_message(path, str(path), _maildir_time(name)) for name, path in names)


def _natural(name: str) -> list[tuple[int, str]]:
    """Names in delivery order: their numbers compared as numbers (``M99999`` before ``M100000``)."""
    return [(int(part), "") if part.isdigit() else (-1, part) for part in _DIGITS.split(name) if part]


def _maildir_time(name: str) -> datetime | None:
    stamp = name.split(".", 1)[0]
    if not stamp.isdigit():
        return None
    try:
        return datetime.fromtimestamp(int(stamp), timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None


def _mbox(path: Path) -> Iterator[Item]:
    """The messages of an mbox file: each starts at a line beginning ``From `` (as ``mailbox`` reads them)."""
    try:
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        raise SourceError(f"{path}: {exc.strerror or exc}") from exc
    try:
        size = os.fstat(fd).st_size
        view = mmap.mmap(fd, size, access=mmap.ACCESS_READ) if size else None
    except (OSError, ValueError) as exc:
        raise SourceError(f"{path}: {exc}") from exc
    finally:
        os.close(fd)
    return _mbox_messages(path, view)


def _mbox_messages(path: Path, view: mmap.mmap | None) -> Iterator[Item]:
    if view is None:
        return
    try:
        starts = [0]
        at = view.find(b"\nFrom ")
        while at >= 0:
            starts.append(at + 1)
            at = view.find(b"\nFrom ", at + 1)
        ends = [*starts[1:], len(view)]
        for number, (start, end) in enumerate(zip(starts, ends, strict=True), 1):
            line_end = view.find(b"\n", start, end)
            if line_end < 0:
                continue
            body_start = line_end + 1
            separator = bytes(view[start:line_end])
            head = _head_of(bytes(view[body_start : min(end, body_start + HEAD_LIMIT)]))
            if head is None:
                head = bytes(view[body_start : min(end, body_start + HEAD_LIMIT)])
            read = partial(_read_mbox_message, path, body_start, min(end, body_start + BODY_LIMIT))
            yield Envelope(f"{path}#{number}", head, _separator_time(separator), read)
    finally:
        view.close()


def _read_mbox_message(path: Path, start: int, end: int) -> bytes:
    data = _read(path, end - start, start)
    return data.replace(b"\n>From ", b"\nFrom ")  # undo the mbox quoting of body lines


def _separator_time(line: bytes) -> datetime | None:
    """The date of a ``From sender Mon Nov 23 10:00:00 2026`` line, read as UTC."""
    words = line.decode("ascii", "replace").split()
    if len(words) < 7:
        return None
    try:
        parsed = time.strptime(" ".join(words[-5:]), "%a %b %d %H:%M:%S %Y")
    except ValueError:
        return None
    return datetime(*parsed[:6], tzinfo=timezone.utc)
