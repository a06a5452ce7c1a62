"""``followup sync`` with real git: a bare repository and two machines, used as a person would."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

from tests.unit.sync_kit import Machine, World
from tui.domain import ops
from tui.domain.model import Contact
from tui.sync.merge import OTHER_MACHINE


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World.make(tmp_path)


def started(world: World) -> tuple[Machine, Machine]:
    """The laptop's board, with three cards, shared; the server joins with an empty folder."""
    laptop, server = world.laptop, world.server
    for company in ("Acme", "Beta", "Cobalt", "Echo"):
        laptop.add(company, now="2026-11-20T18:00")
    out = laptop.ok("sync", "--init", str(world.remote))
    assert "went out: 4 cards added (#1 Acme, #2 Beta, #3 Cobalt, #4 Echo)" in out
    out = server.ok("sync", "--init", str(world.remote))
    assert "came in: 4 cards added" in out
    return laptop, server


def test_init_shares_the_board_with_a_fresh_bare_repository(world: World) -> None:
    laptop, server = started(world)
    # The bare repository's default branch was neither machine's: the first push made one and tracks it.
    branch = laptop.git("rev-parse", "--abbrev-ref", "@{u}").stdout.strip()
    assert branch.startswith("origin/")
    assert server.db.read_bytes() == laptop.db.read_bytes()
    for machine in (laptop, server):
        assert machine.status() == "", "git status is clean after a sync"
        assert stat.S_IMODE(os.stat(machine.db).st_mode) == 0o600
        assert (
            machine.git("check-attr", "merge", "board.json").stdout.strip() == "board.json: merge: followup"
        )
        driver = machine.git("config", "merge.followup.driver").stdout.strip()
        assert driver == f"{sys.executable} -m tui merge %O %A %B %P"
    # The backup, lock and temp files a save leaves are not for git.
    laptop.add("Foxtrot")
    (laptop.folder / ".board.json.123.tmp").write_text("x")
    assert laptop.status() == " M board.json\n"
    assert laptop.ok("sync") == "went out: 1 card added (#5 Foxtrot)\n"
    assert laptop.status() == ""


def test_two_machines_converge_and_keep_everything_either_did(world: World) -> None:
    laptop, server = started(world)
    # Between syncs, each machine works on its own copy.
    laptop.ok("move", "1", "thanked", now="2026-11-21T09:00")
    laptop.ok("log", "2", "reply", "--note", "call next week", now="2026-11-22T09:00")
    laptop.ok("round", "2", "--at", "2026-12-02 14:00", "--label", "final", "--with", "Kim")
    gamma = laptop.add("Gamma", now="2026-11-24T10:00")
    store = laptop.store()
    store.update(3, lambda c: ops.edit(c, role="Platform engineer"))
    store.update(1, lambda c: ops.edit(c, notes="laptop notes"))

    server.ok("log", "1", "followup", "--note", "sent thanks", now="2026-11-23T09:00")
    server.ok("move", "2", "waiting", now="2026-11-23T10:00")
    server.ok("round", "2", "--at", "2026-11-27 11:00", "--label", "onsite", now="2026-11-23T10:30")
    delta = server.add("Delta", now="2026-11-23T11:00")
    store = server.store()
    store.update(
        1, lambda c: ops.edit(c, notes="server notes", contacts=[Contact("Ann", email="ann@acme.test")])
    )
    store.delete(3)  # changed on the laptop: kept
    store.delete(4)  # unchanged on the laptop: deleted
    assert gamma == delta == 5

    laptop.ok("sync", now="2026-11-24T12:00")
    out = server.ok("sync", now="2026-11-24T12:05")
    assert "came in:" in out
    assert "went out:" in out
    out = laptop.ok("sync", now="2026-11-24T12:10")
    assert "renumbered: #5 Gamma is now #6" in out

    assert laptop.db.read_bytes() == server.db.read_bytes()
    assert laptop.status() == server.status() == ""
    cards = {c.company: c for c in laptop.store().load()}
    assert sorted(cards) == ["Acme", "Beta", "Cobalt", "Delta", "Gamma"]
    # Delta was made first: it keeps 5; Gamma moved up.
    assert (cards["Delta"].id, cards["Gamma"].id) == (5, 6)
    acme = cards["Acme"]
    assert [e.kind.value for e in acme.events] == ["created", "moved", "followup"]
    assert acme.stage.value == "thanked"
    assert acme.contacts == (Contact("Ann", email="ann@acme.test"),)
    # Both changed the notes: the server merged, so its notes stay and the laptop's are kept below.
    assert acme.notes.startswith("server notes\n")
    assert f"{OTHER_MACHINE} (merged 2026-11-24), notes:\nlaptop notes" in acme.notes
    beta = cards["Beta"]
    assert [e.kind.value for e in beta.events] == ["created", "reply", "moved"]
    assert beta.stage.value == "waiting"
    assert [r.label for r in beta.all_rounds] == ["", "onsite", "final"]
    assert [c.name for c in beta.contacts] == ["Kim"]
    assert cards["Cobalt"].role == "Platform engineer"


def test_the_server_merging_twice_in_a_row_changes_nothing(world: World) -> None:
    laptop, server = started(world)
    laptop.ok("move", "1", "thanked")
    laptop.ok("sync")
    before = server.db.read_bytes()
    server.ok("sync")
    after = server.db.read_bytes()
    assert before != after
    assert server.ok("sync") == "the board is the same here and on origin\n"
    assert server.db.read_bytes() == after == laptop.db.read_bytes()


def test_no_remote_is_one_line_and_the_board_is_unchanged(world: World) -> None:
    laptop = world.laptop
    laptop.add("Acme")
    before = laptop.db.read_bytes()
    done = laptop.run("sync")
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert "sync --init" in done.stderr
    laptop.ok("sync", "--init")
    done = laptop.run("sync")
    assert (done.returncode, done.stdout) == (1, "")
    assert (
        done.stderr.splitlines()[-1]
        == "followup: no git remote named origin; add one with: followup sync --init URL"
    )
    assert laptop.db.read_bytes() == before


def test_an_unreachable_remote_is_one_line_and_the_board_is_unchanged(world: World, tmp_path: Path) -> None:
    laptop = world.laptop
    laptop.add("Acme")
    laptop.ok("sync", "--init")
    laptop.git("remote", "add", "origin", "ssh://nobody@127.0.0.1:9/nowhere.git")
    before = laptop.db.read_bytes()
    done = laptop.run("sync")
    assert done.returncode == 1
    last = done.stderr.splitlines()[-1]
    assert last.startswith("followup: could not reach origin: git fetch failed:")
    assert last.endswith("the board is as it was")
    assert laptop.db.read_bytes() == before


def test_a_push_refused_because_the_remote_moved_is_pulled_and_tried_again(world: World) -> None:
    laptop, server = started(world)
    laptop.add("Laptop card")
    server.add("Server card", now="2026-11-23T09:00")
    from tui.cli import build_parser, make_context
    from tui.sync.command import cmd_sync

    def server_pushes_meanwhile(stage: str) -> None:
        if stage == "merged":  # the laptop has fetched and merged: now the remote moves on
            server.ok("sync")

    args = build_parser().parse_args(["--db", str(laptop.db), "sync"])
    saved = dict(os.environ)
    try:
        os.environ.clear()
        os.environ.update({**laptop.env, "FOLLOWUP_NOW": "2026-11-24T09:30"})
        ctx = make_context(args, open(os.devnull, "w"))  # noqa: SIM115
        assert cmd_sync(ctx, server_pushes_meanwhile) == 0
    finally:
        os.environ.clear()
        os.environ.update(saved)
    server.ok("sync")
    assert laptop.db.read_bytes() == server.db.read_bytes()
    assert {c["company"] for c in laptop.cards()} >= {"Laptop card", "Server card"}


def test_a_merge_of_boards_begun_apart_keeps_both(world: World) -> None:
    laptop, server = world.laptop, world.server
    laptop.add("Acme")
    server.add("Zeta", now="2026-11-23T09:00")
    laptop.ok("sync", "--init", str(world.remote))
    out = server.ok("sync", "--init", str(world.remote))
    assert "renumbered: #1 Zeta is now #2" not in out  # Zeta was made first: it keeps #1
    laptop.ok("sync")
    names = {c["id"]: c["company"] for c in laptop.cards()}
    assert names == {1: "Zeta", 2: "Acme"}
    assert laptop.db.read_bytes() == server.db.read_bytes()


def test_the_written_board_is_what_the_store_writes(world: World) -> None:
    """A merged board reads back and saves to the very same bytes."""
    laptop, server = started(world)
    laptop.ok("log", "1", "reply")
    server.ok("log", "2", "reply")
    laptop.ok("sync")
    server.ok("sync")
    store = server.store()
    card = store.get(1)
    store.put(msgspec.structs.replace(card, notes="x"))
    store.put(card)
    assert server.status() == ""


def test_a_board_from_before_uids_is_shared_with_its_uids_made_once(world: World) -> None:
    laptop, server = world.laptop, world.server
    laptop.folder.mkdir()
    fixture = Path(__file__).parents[2] / "data" / "fixtures" / "board-schema1.json"
    laptop.db.write_bytes(fixture.read_bytes())
    os.chmod(laptop.db, 0o600)
    laptop.ok("sync", "--init", str(world.remote))
    committed = laptop.git("show", "HEAD:board.json").stdout
    assert '"schema": 2' in committed
    server.ok("sync", "--init", str(world.remote))
    laptop.ok("log", "1", "reply")
    server.ok("log", "2", "reply")
    laptop.ok("sync")
    server.ok("sync")
    laptop.ok("sync")
    assert laptop.db.read_bytes() == server.db.read_bytes()
    before = json.loads(fixture.read_text())["interviews"]
    assert len(laptop.cards()) == len(before)


def test_what_came_in_shows_user_text_literally(world: World) -> None:
    laptop, server = started(world)
    server.add("[bold]Evil[/] \x1b[2J")
    server.ok("sync")
    out = laptop.ok("sync")
    assert out == "came in: 1 card added (#5 [bold]Evil[/] \u241b[2J)\n"


def test_a_board_in_a_folder_of_an_existing_repository_uses_it(world: World) -> None:
    """``--init`` in a repository the user already has: only the board's files are committed."""
    top = world.laptop.folder
    top.mkdir()
    subprocess.run(["git", "init", "-q", str(top)], env=world.env, check=True)
    (top / "notes.txt").write_text("mine, not followup's")
    laptop = Machine(top / "followup", world.env)
    laptop.add("Acme")
    laptop.ok("sync", "--init", str(world.remote))
    tracked = laptop.git("ls-files").stdout.split()
    assert sorted(tracked) == [".gitattributes", ".gitignore", "board.json"]
    assert laptop.git("status", "--porcelain", "--", ".").stdout == ""
    server = world.server
    server.folder.mkdir()
    subprocess.run(["git", "clone", "-q", str(world.remote), str(server.folder)], env=world.env, check=True)
    server = Machine(server.folder / "followup", world.env)
    server.ok("sync", "--init")
    assert [c["company"] for c in server.cards()] == ["Acme"]


def test_a_merge_git_cannot_finish_is_given_up_and_the_board_left_as_it_was(world: World) -> None:
    """Another file of the repository in conflict: git's merge is aborted, nothing half-merged stays."""
    laptop, server = started(world)
    for machine, line in ((laptop, "/laptop-only"), (server, "/server-only")):
        with (machine.folder / ".gitignore").open("a") as ignore:
            ignore.write(f"{line}\n")
    server.ok("log", "1", "reply")
    server.ok("sync")
    laptop.ok("log", "2", "reply")
    before = laptop.db.read_bytes()
    done = laptop.run("sync")
    assert done.returncode == 1
    last = done.stderr.splitlines()[-1]
    assert last.startswith("followup: could not merge origin/")
    assert last.endswith(": git could not merge .gitignore; the board is as it was")
    assert laptop.db.read_bytes() == before
    assert laptop.status() == ""
    assert laptop.git("rev-parse", "-q", "--verify", "MERGE_HEAD").returncode != 0
