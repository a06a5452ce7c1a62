"""The file on disk: permissions, links, the backup, flushing, short writes and files that cannot be read."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.unit.store_cards import maker, mode, seeded
from tui.domain import ops
from tui.store import Store, StoreError, atomic, render

# -- permissions, links and the backup


def test_new_files_are_private(tmp_path: Path) -> None:
    path = tmp_path / "board.json"
    store = Store(path)
    store.add(maker())
    store.add(maker())
    assert mode(path) == 0o600
    assert mode(store.backup_path) == 0o600
    assert mode(tmp_path / "board.json.lock") == 0o600
    assert store.warnings == []


def test_an_existing_files_mode_is_kept_and_a_readable_one_is_reported(board_path: Path) -> None:
    seeded(board_path)
    board_path.chmod(0o640)
    store = Store(board_path)
    assert len(store.warnings) == 1
    assert str(board_path) in store.warnings[0]
    assert "chmod 600" in store.warnings[0]
    store.add(maker())
    assert mode(board_path) == 0o640


def test_a_world_readable_file_is_reported_not_changed(board_path: Path) -> None:
    seeded(board_path)
    board_path.chmod(0o644)
    store = Store(board_path)
    assert store.warnings == [
        f"{board_path} is readable by other users (mode 0644) and holds contacts' details; "
        f"restrict it with: chmod 600 {board_path}"
    ]
    assert mode(board_path) == 0o644
    board_path.chmod(0o600)
    assert Store(board_path).warnings == []


def test_a_symlinked_board_is_written_through_to_its_target(tmp_path: Path) -> None:
    target = tmp_path / "repo" / "jobs.json"
    link = tmp_path / "board.json"
    link.symlink_to(target)
    store = Store(link)
    store.add(maker("One"))
    store.add(maker("Two"))
    assert link.is_symlink()
    assert link.resolve() == target
    assert [c.company for c in Store(target).load()] == ["One", "Two"]
    assert store.file == target
    assert store.backup_path == tmp_path / "repo" / "jobs.json.bak"
    assert [c.company for c in Store(store.backup_path).load()] == ["One"]
    assert mode(target) == 0o600


def test_the_backup_holds_the_previous_file(board_path: Path) -> None:
    store = seeded(board_path, 1)
    assert not store.backup_path.exists()
    first = board_path.read_bytes()
    store.add(maker("Second"))
    assert store.backup_path.read_bytes() == first
    second = board_path.read_bytes()
    store.delete(1)
    assert store.backup_path.read_bytes() == second
    assert [c.company for c in Store(store.backup_path).load()] == ["Globex 1", "Second"]


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to name open files")
def test_a_save_is_flushed_to_disk_before_and_after_the_file_is_replaced(
    board_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = seeded(board_path)
    calls: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        calls.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
        real_fsync(fd)

    def replace(src: Any, dst: Any) -> None:
        calls.append(("replace", f"{Path(src).name} -> {Path(dst).name}"))
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    store.add(maker())
    temp = Path(calls[0][1]).name
    assert temp.startswith(".board.json.")
    assert calls[0] == ("fsync", str(board_path.parent / temp))
    assert calls[1][0] == "replace"
    assert calls[1][1] == f"{temp} -> board.json"
    assert calls[2][1].endswith(" -> board.json.bak")
    assert calls[3] == ("fsync", str(board_path.parent))
    assert len(calls) == 4


def test_stale_temp_files_are_removed_by_the_next_save(board_path: Path) -> None:
    store = seeded(board_path)
    stale = [board_path.parent / ".board.json.k1ll3d.tmp", board_path.parent / ".board.json.bak.77.1.tmp"]
    other = board_path.parent / ".other.json.x.tmp"
    for path in [*stale, other]:
        path.write_text("half a board")
    store.add(maker())
    assert not any(p.exists() for p in stale)
    assert other.exists()


def test_a_folder_in_place_of_the_file_is_refused(board_path: Path) -> None:
    board_path.mkdir()
    (board_path / "keep.txt").write_text("mine")
    store = Store(board_path)
    for attempt in (store.load, lambda: store.add(maker())):
        with pytest.raises(StoreError, match=r"is a folder, not a board file; move it aside"):
            attempt()
    assert [p.name for p in board_path.iterdir()] == ["keep.txt"]


def test_a_path_under_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("x")
    with pytest.raises(StoreError, match=r"cannot read .*plain/board.json"):
        Store(tmp_path / "plain" / "board.json").load()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_is_refused(board_path: Path) -> None:
    seeded(board_path)
    board_path.chmod(0o000)
    try:
        with pytest.raises(StoreError, match=r"cannot read .*permission denied; make it readable"):
            Store(board_path).load()
    finally:
        board_path.chmod(0o600)


def test_an_unreadable_file_is_refused_even_for_root(
    board_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded(board_path)
    before = board_path.read_bytes()
    real_open = os.open

    def denied(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if os.fspath(path) == str(board_path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    store = Store(board_path)
    for attempt in (store.load, lambda: store.add(maker())):
        with pytest.raises(StoreError) as caught:
            attempt()
        assert str(caught.value) == (
            f"cannot read {board_path}: permission denied; make it readable: chmod 600 {board_path}"
        )
    monkeypatch.undo()
    assert board_path.read_bytes() == before


def test_a_save_writes_every_piece_in_order_through_short_writes_and_small_chunks(
    board_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is joined a chunk at a time, never whole: a short write goes on where it stopped."""
    store = seeded(board_path, 6)
    expected = store.load()
    real = os.write
    calls: list[int] = []

    def short(fd: int, data: Any) -> int:
        calls.append(len(data))
        assert len(data) <= 300 + 2_000  # a chunk: at most one record past the limit
        return real(fd, bytes(data)[:5])  # at most 5 bytes at a time

    monkeypatch.setattr(atomic, "_WRITE_CHUNK", 300)
    monkeypatch.setattr(os, "write", short)
    store.update(2, lambda c: ops.edit(c, notes="written five bytes at a time"))
    monkeypatch.undo()
    raw = board_path.read_bytes()
    assert len(calls) >= len(raw) // 5
    assert raw == render.render(json.loads(raw))
    fresh = Store(board_path).load()
    assert fresh[1].notes == "written five bytes at a time"
    assert [c for c in fresh if c.id != 2] == [c for c in expected if c.id != 2]
