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


def test_an_older_schema_is_upgraded_before_merging(cli: Cli, three: tuple[Path, Path, Path]) -> None:
    """A board of schema 0 (no id counter) merges with one of the current schema."""
    base, ours, theirs = three
    old = {
        "_meta": {"1": {"app": "followup", "schema": 0}},
        "interviews": {"1": card_to_dict(interview(1)), "2": card_to_dict(interview(2, "Beta"))},
    }
    theirs.write_text(json.dumps(old))
    cli.ok("merge", str(base), str(ours), str(theirs))
    merged = Store(ours).load()
    assert [(c.company, len(c.events)) for c in merged] == [("Acme", 2), ("Beta", 1)]
