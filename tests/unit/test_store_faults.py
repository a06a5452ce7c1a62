"""The board file under faults: kill -9 mid-save, two processes at once, a full or read-only disk."""

from __future__ import annotations

import errno
import itertools
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import msgspec
import pytest

from tui.domain import ops
from tui.domain.model import Contact, Interview
from tui.domain.stages import Stage
from tui.domain.wall import WallTime
from tui.store import Store, StoreError

WORKER = Path(__file__).with_name("store_worker.py")
SEED = 20261120


def card(card_id: int, company: str = "Acme") -> Interview:
    made = ops.new_interview(
        card_id=card_id,
        company=company,
        role="Engineer",
        interviewed_at=WallTime(datetime(2026, 11, 20, 10, 0), "Europe/London"),
        created_on=date(2026, 11, 20),
        contacts=[Contact(name="Ada", email="ada@example.com", phone="+44 20 7946 0000")],
        notes="Met the team; asked about the release process and on-call. " * 2,
        uid=f"uid-{card_id}",
    )
    return ops.log_reply(ops.move(made, Stage.THANKED, date(2026, 11, 21)), date(2026, 11, 24), note="soon")


def renumbered(made: Interview) -> Callable[[int], Interview]:
    return lambda card_id: msgspec.structs.replace(made, id=card_id)


def maker(company: str = "Acme") -> Callable[[int], Interview]:
    return lambda card_id: card(card_id, company)


def leftovers(folder: Path) -> list[str]:
    """Files in the board's folder other than the board, its backup and its lock."""
    return sorted(
        p.name for p in folder.iterdir() if p.name not in {"board.json", "board.json.bak", "board.json.lock"}
    )


def worker(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WORKER), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


# -- kill -9 at random moments


@pytest.mark.slow
def test_a_process_killed_while_saving_leaves_the_old_or_the_new_board(board_path: Path) -> None:
    rng = random.Random(SEED)
    originals = [
        msgspec.structs.replace(card(k), notes="0" if k == 1 else card(k).notes) for k in range(1, 301)
    ]
    Store(board_path).add_many([renumbered(c) for c in originals])
    mid_save = 0
    for kill in range(60):
        where = f"(seed {SEED}, kill {kill})"
        child = worker("churn", str(board_path))
        try:
            assert child.stdout is not None
            first = child.stdout.readline()
            assert first.strip().isdigit(), f"the worker did not start {where}"
            time.sleep(rng.uniform(0.0, 0.03))
        finally:
            child.send_signal(signal.SIGKILL)
        rest, _ = child.communicate(timeout=30)
        acked = int([first, *rest.split()][-1])
        if leftovers(board_path.parent):
            mid_save += 1
        try:
            cards = Store(board_path).load()
            backup = Store(board_path.with_name("board.json.bak")).load()
        except StoreError as exc:
            pytest.fail(f"{exc} {where}")
        assert cards[0].notes in {str(acked), str(acked + 1)}, (
            f"card 1 holds {cards[0].notes!r}, acked {acked} {where}"
        )
        assert cards[1:] == originals[1:], f"other cards changed {where}"
        assert len(backup) == 300, f"the backup lost cards {where}"
    assert mid_save >= 3, f"only {mid_save} of 60 kills landed inside a save (seed {SEED})"


# -- two processes adding at once


@pytest.mark.slow
def test_two_processes_adding_200_cards_each_keep_all_400(board_path: Path) -> None:
    children = [worker("add", str(board_path), "200", tag) for tag in ("left", "right")]
    try:
        for child in children:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "ready"
        for child in children:
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
        for child in children:
            out, _ = child.communicate(timeout=120)
            assert child.returncode == 0
            assert out.strip() == "done"
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()
    cards = Store(board_path).load()
    assert [c.id for c in cards] == list(range(1, 401))
    companies = {c.company for c in cards}
    assert companies == {f"{tag} {k}" for tag in ("left", "right") for k in range(200)}
    tags = [c.company.split()[0] for c in cards]
    switches = sum(a != b for a, b in itertools.pairwise(tags))
    assert switches >= 2, "the two processes did not write at the same time"


# -- a full disk, a read-only file or file system


@pytest.fixture
def saved(board_path: Path) -> tuple[Store, bytes, bytes]:
    """A board with a backup; yields the store, the file's bytes and the backup's bytes."""
    store = Store(board_path)
    store.add(maker("First"))
    store.add(maker("Second"))
    return store, board_path.read_bytes(), store.backup_path.read_bytes()


def failing(
    monkeypatch: pytest.MonkeyPatch, name: str, folder: Path, error: int, *, count: int = 1
) -> list[int]:
    """Make ``os.<name>`` fail with ``error`` for files in ``folder``; returns the list of failures."""
    real = getattr(os, name)
    failures: list[int] = []

    def inside(arg: Any) -> bool:
        if isinstance(arg, int):
            try:
                return os.readlink(f"/proc/self/fd/{arg}").startswith(str(folder))
            except OSError:
                return True
        return str(os.fspath(arg)).startswith(str(folder))

    def fake(*args: Any, **kwargs: Any) -> Any:
        if inside(args[0]) and len(failures) < count:
            failures.append(error)
            raise OSError(error, os.strerror(error))
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, fake)
    return failures


@pytest.mark.parametrize(
    ("call", "error"),
    [
        ("write", errno.ENOSPC),
        ("fsync", errno.ENOSPC),
        ("fsync", errno.EIO),
        ("replace", errno.EROFS),
    ],
)
def test_a_failed_save_changes_nothing_on_disk(
    saved: tuple[Store, bytes, bytes], monkeypatch: pytest.MonkeyPatch, call: str, error: int
) -> None:
    store, before, backup = saved
    failures = failing(monkeypatch, call, store.file.parent, error)
    with pytest.raises(StoreError) as caught:
        store.add(maker("Third"))
    assert failures == [error]
    assert str(caught.value) == (
        f"could not save {store.file}: {os.strerror(error)}; nothing on disk was changed"
    )
    monkeypatch.undo()
    assert store.file.read_bytes() == before
    assert store.backup_path.read_bytes() == backup
    assert leftovers(store.file.parent) == []
    assert [c.company for c in store.load()] == ["First", "Second"]
    assert store.add(maker("Third")).id == 3


def test_a_failed_update_keeps_the_card_on_disk(
    saved: tuple[Store, bytes, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, before, _ = saved
    failing(monkeypatch, "write", store.file.parent, errno.ENOSPC)
    with pytest.raises(StoreError, match="No space left on device"):
        store.update(1, lambda c: ops.edit(c, notes="lost"))
    monkeypatch.undo()
    assert store.get(1) == card(1, "First")
    assert store.file.read_bytes() == before


def test_a_read_only_file_is_not_replaced(saved: tuple[Store, bytes, bytes]) -> None:
    store, before, backup = saved
    store.file.chmod(0o400)
    with pytest.raises(StoreError) as caught:
        store.add(maker("Third"))
    assert str(caught.value) == (
        f"could not save {store.file}: the file is read-only (make it writable: chmod u+w {store.file}); "
        "nothing on disk was changed"
    )
    assert store.file.read_bytes() == before
    assert store.backup_path.read_bytes() == backup
    assert oct(store.file.stat().st_mode & 0o777) == oct(0o400)
    assert leftovers(store.file.parent) == []


def test_without_hard_links_the_backup_is_a_private_copy(
    saved: tuple[Store, bytes, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, before, _ = saved
    failing(monkeypatch, "link", store.file.parent, errno.EPERM, count=99)
    store.add(maker("Third"))
    monkeypatch.undo()
    assert store.backup_path.read_bytes() == before
    assert store.backup_path.stat().st_ino != store.file.stat().st_ino
    assert store.backup_path.stat().st_mode & 0o777 == 0o600
    assert leftovers(store.file.parent) == []


def test_a_backup_that_cannot_be_rotated_is_a_warning_not_a_failed_save(
    saved: tuple[Store, bytes, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, _, backup = saved
    real_replace = os.replace

    def no_backup(src: Any, dst: Any) -> None:
        if os.fspath(dst) == str(store.backup_path):
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", no_backup)
    store.add(maker("Third"))
    monkeypatch.undo()
    assert [c.company for c in Store(store.file).load()] == ["First", "Second", "Third"]
    assert store.backup_path.read_bytes() == backup
    assert store.warnings == [
        f"saved {store.file}, but could not update {store.backup_path}: Input/output error"
    ]
    assert leftovers(store.file.parent) == []
