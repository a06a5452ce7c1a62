"""``followup merge BASE OURS THEIRS``: the git merge driver, on files."""

from __future__ import annotations

import json
import os
import stat
from datetime import date
from pathlib import Path

import pytest

from tests.unit.cli_runner import Cli
from tests.unit.store_cards import interview
from tui.codec import card_to_dict
from tui.domain import ops
from tui.domain.model import Interview
from tui.domain.stages import Stage
from tui.store import Store


def board_file(path: Path, *cards: object) -> Path:
    store = Store(path)
    for card in cards:
        store.put(card)  # type: ignore[arg-type]
    return path


@pytest.fixture
def three(tmp_path: Path) -> tuple[Path, Path, Path]:
    a = interview(1)
    base = board_file(tmp_path / "base.json", a)
    ours = board_file(tmp_path / "ours.json", ops.log_reply(a, date(2026, 11, 21)))
    theirs = board_file(tmp_path / "theirs.json", a, interview(2, "Beta"))
    return base, ours, theirs


def test_it_merges_into_ours_as_the_store_writes_it(cli: Cli, three: tuple[Path, Path, Path]) -> None:
    base, ours, theirs = three
    os.chmod(ours, 0o644)  # as git leaves its scratch copies
    for leftover in ours.parent.glob("*.json.*"):
        leftover.unlink()  # the backups and locks of making the three files
    assert cli.ok("merge", str(base), str(ours), str(theirs)) == ""
    merged = Store(ours).load()
    assert [(c.id, c.company, len(c.events)) for c in merged] == [(1, "Acme", 2), (2, "Beta", 1)]
    assert stat.S_IMODE(os.stat(ours).st_mode) == 0o600
    assert sorted(p.name for p in ours.parent.iterdir()) == ["base.json", "ours.json", "theirs.json"]
    written = ours.read_bytes()
    Store(ours).put(merged[0])  # a save of the same board: the same bytes
    assert ours.read_bytes() == written


def test_an_empty_base_is_an_empty_board(cli: Cli, three: tuple[Path, Path, Path]) -> None:
    """No common ancestor (two boards begun apart): a card both hold is still one card."""
    base, ours, theirs = three
    base.write_bytes(b"")
    cli.ok("merge", str(base), str(ours), str(theirs))
    assert [(c.company, len(c.events)) for c in Store(ours).load()] == [("Acme", 2), ("Beta", 1)]


@pytest.mark.parametrize("side", ["base", "ours", "theirs"])
@pytest.mark.parametrize(
    "content", [b'{"some": "json"}', b"not json at all", b'{"_meta": {"1": {"app": "x"}}}']
)
def test_a_side_that_is_not_a_board_is_refused_and_ours_is_untouched(
    cli: Cli, three: tuple[Path, Path, Path], side: str, content: bytes
) -> None:
    paths = dict(zip(("base", "ours", "theirs"), three, strict=True))
    paths[side].write_bytes(content)
    before = paths["ours"].read_bytes()
    err = cli.fails(1, "merge", *map(str, paths.values()), "board.json")
    assert f"({side.upper()}) is not usable" in err
    assert err.startswith("followup: cannot merge board.json: ")
    assert paths["ours"].read_bytes() == before


def test_a_board_from_a_newer_followup_is_refused(cli: Cli, three: tuple[Path, Path, Path]) -> None:
    base, ours, theirs = three
    data = json.loads(theirs.read_text())
    data["_meta"]["1"]["schema"] = 99
    theirs.write_text(json.dumps(data))
    before = ours.read_bytes()
    err = cli.fails(1, "merge", str(base), str(ours), str(theirs))
    assert "newer followup" in err
    assert ours.read_bytes() == before


def schema1(path: Path, *cards: Interview, next_id: int = 3) -> Path:
    """A board as the followup before uids wrote it (schema 1: no uid, no rounds)."""
    records = {}
    for card in cards:
        record = card_to_dict(card)
        del record["uid"], record["rounds"]
        records[str(card.id)] = record
    path.write_text(
        json.dumps(
            {"_meta": {"1": {"app": "followup", "schema": 1, "next_id": next_id}}, "interviews": records}
        )
    )
    return path


def test_boards_from_before_uids_merge_card_by_number(cli: Cli, tmp_path: Path) -> None:
    """Base and theirs written before uids, ours since (with uids of its own): no card doubles."""
    a, b = interview(1, uid=""), interview(2, "Beta", uid="")
    base = schema1(tmp_path / "base.json", a, b)
    ours = tmp_path / "ours.json"
    ours.write_bytes(base.read_bytes())
    Store(ours).update(1, lambda c: ops.log_reply(c, date(2026, 11, 21)))  # now schema 2, with random uids
    theirs = schema1(
        tmp_path / "theirs.json", a, ops.edit(b, role="Lead"), interview(3, "Gamma", uid=""), next_id=4
    )
    our_uid = Store(ours).get(1).uid
    cli.ok("merge", str(base), str(ours), str(theirs))
    merged = Store(ours).load()
    assert [(c.id, c.company, c.role, len(c.events)) for c in merged] == [
        (1, "Acme", "", 2),
        (2, "Beta", "Lead", 1),
        (3, "Gamma", "", 1),
    ]
    assert all(c.uid for c in merged)
    assert merged[0].uid == our_uid


def test_an_older_schema_is_upgraded_before_merging(cli: Cli, three: tuple[Path, Path, Path]) -> None:
    """A board of schema 0 (no id counter) merges with boards of the current schema."""
    base, ours, theirs = three
    old = {
        "_meta": {"1": {"app": "followup", "schema": 0}},
        "interviews": {"1": card_to_dict(interview(1)), "2": card_to_dict(interview(2, "Beta"))},
    }
    theirs.write_text(json.dumps(old))
    cli.ok("merge", str(base), str(ours), str(theirs))
    merged = Store(ours).load()
    assert [(c.company, len(c.events)) for c in merged] == [("Acme", 2), ("Beta", 1)]


def test_either_side_merging_writes_the_same_bytes(cli: Cli, tmp_path: Path) -> None:
    a, b = interview(1), interview(2, "Beta")
    base = board_file(tmp_path / "base.json", a, b)
    left = board_file(
        tmp_path / "left.json", ops.move(a, Stage.THANKED, date(2026, 11, 21)), b, interview(3, "L", uid="l")
    )
    right = board_file(
        tmp_path / "right.json", a, ops.log_reply(b, date(2026, 11, 22)), interview(3, "R", uid="r")
    )
    left_copy, right_copy = tmp_path / "left2.json", tmp_path / "right2.json"
    left_copy.write_bytes(left.read_bytes())
    right_copy.write_bytes(right.read_bytes())
    cli.ok("merge", str(base), str(left_copy), str(right))
    cli.ok("merge", str(base), str(right_copy), str(left))
    assert left_copy.read_bytes() == right_copy.read_bytes()
    assert [c.company for c in Store(left_copy).load()] == ["Acme", "Beta", "L", "R"]
