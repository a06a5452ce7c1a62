"""``followup sync`` itself: commit, fetch, merge, push, and what came in and what went out.

The board's write lock is held while git commits or merges it, so a board
open on this machine never saves in the middle; the open board then reads
the merged file as it reads any change made outside it.
"""

from __future__ import annotations

import os
import shlex
import socket
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TextIO

from tui.store import SCHEMA_VERSION, Store, atomic
from tui.sync.boardfile import board_from_bytes, written_schema
from tui.sync.changes import Changes, between
from tui.sync.git import Git, GitError
from tui.sync.merge import Board

#: The name of the merge driver in git's config and in ``.gitattributes``.
DRIVER = "followup"


def driver_command() -> str:
    """The command git runs to merge the board: this very followup, by absolute path.

    Not a bare ``followup``: git runs drivers through ``sh`` with the PATH of
    whatever started it (cron, an IDE, a shell without the virtualenv), where
    ``followup`` may be missing or another version. The interpreter running
    now, by absolute path, with ``-m tui``, is the one that has this followup
    installed; ``sync --init`` again after moving the install updates it.
    """
    return f"{shlex.quote(sys.executable)} -m tui merge %O %A %B %P"


class Sync:
    """One ``followup sync`` of the board file ``board`` with the git remote ``remote``."""

    def __init__(self, board: Path, remote: str, out: TextIO, step: Callable[[str], None]) -> None:
        self.board = board
        self.folder = board.parent
        self.remote = remote
        self.out = out
        self.step = step
        self.git = Git(self.folder)
        self.name = board.name

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def fail(self, text: str) -> int:
        print(f"followup: {text}", file=sys.stderr)
        return 1

    def run(self, init: str | None) -> int:
        if init is not None:
            self.set_up(init)
            if not init and self.git.value("remote", "get-url", self.remote) is None:
                with self.locked():
                    self.commit()
                self.say(f"{self.folder} is ready; add a remote with: followup sync --init URL")
                return 0
        if self.git.value("rev-parse", "--show-toplevel") is None:
            return self.fail(
                f"{self.folder} is not a git repository; set it up with: followup sync --init [URL]"
            )
        if self.git.value("remote", "get-url", self.remote) is None:
            return self.fail(f"no git remote named {self.remote}; add one with: followup sync --init URL")
        if self.git.value("config", f"merge.{DRIVER}.driver") is None:
            self.git.run("config", f"merge.{DRIVER}.driver", driver_command())
        lock = self.folder / self.git.out("rev-parse", "--git-path", "index.lock")
        if lock.exists():
            return self.fail(
                f"git left its lock {lock} behind (a git or sync was stopped); "
                f"if no git is running, remove it: rm {shlex.quote(str(lock))}"
            )
        self.finish_interrupted_merge()
        local = self.git.value("symbolic-ref", "--short", "-q", "HEAD")
        if local is None:
            return self.fail("the board's repository is not on a branch; check it out with git switch")
        self.upgrade_board()
        with self.locked():
            self.commit()
        self.step("committed")
        try:
            self.git.run("fetch", "-q", self.remote)
        except GitError as exc:
            return self.fail(f"could not reach {self.remote}: {exc}; the board is as it was")
        self.step("fetched")
        branch = self.remote_branch(local)
        came_in = self.pull(branch)
        if came_in is None:
            return 1
        self.step("merged")
        went_out = self.push(branch)
        if went_out is None:
            again = self.fetch_after_refusal(branch)
            if again is None:
                return 1
            came_in = _joined(came_in, again)
            went_out = self.push(branch)
            if went_out is None:
                return self.fail(f"{self.remote} refused the push twice; try followup sync again")
        self.step("pushed")
        self.report(came_in, went_out)
        return 0

    # -- setting up

    def set_up(self, url: str) -> None:
        atomic.make_folder(self.board)
        if self.git.value("rev-parse", "--show-toplevel") is None:
            self.git.run("init", "-q")
        _add_lines(self.folder / ".gitattributes", [f"/{_pattern(self.name)} merge={DRIVER}"])
        _add_lines(
            self.folder / ".gitignore",
            [
                f"/{_pattern(self.name)}.bak",
                f"/{_pattern(self.name)}.lock",
                f"/.{_pattern(self.name)}.*.tmp",
            ],
        )
        self.git.run("config", f"merge.{DRIVER}.name", "followup board merge (cards by id, nothing lost)")
        self.git.run("config", f"merge.{DRIVER}.driver", driver_command())
        if url:
            verb = "set-url" if self.git.value("remote", "get-url", self.remote) is not None else "add"
            self.git.run("remote", verb, self.remote, url)

    # -- the steps

    @contextmanager
    def locked(self) -> Iterator[None]:
        """The board's write lock (the one every save takes) while git writes the board or reads it."""
        lock = atomic.WriteLock(self.board, self.board.with_name(self.name + ".lock"), timeout=10.0)
        lock.acquire()
        try:
            yield
        finally:
            lock.release()

    def identity(self) -> list[str]:
        """``-c`` options naming this machine when the user has not told git who they are."""
        if self.git.value("config", "user.email") is not None:
            return []
        host = socket.gethostname() or "localhost"
        return ["-c", f"user.name=followup on {host}", "-c", f"user.email=followup@{host}"]

    def upgrade_board(self) -> None:
        """A board of an older schema is saved in this one before it is shared.

        Its cards get their uids now, once, in the file both machines will
        hold, rather than each machine making its own for the same cards.
        """
        try:
            raw = self.board.read_bytes()
        except FileNotFoundError:
            return
        version = written_schema(raw)
        if type(version) is int and version < SCHEMA_VERSION:
            store = Store(self.board)
            cards = store.load()
            if cards:
                store.put(cards[0])  # a save writes the whole board in the current schema

    def commit(self) -> None:
        """Commit the board (and the two git files beside it) if they changed."""
        paths = [p for p in (self.name, ".gitattributes", ".gitignore") if (self.folder / p).exists()]
        if not paths:
            return
        self.git.run("add", "--", *paths)
        if self.git.ok("diff", "--cached", "--quiet", "--", *paths):
            return
        host = socket.gethostname() or "this machine"
        self.git.run(*self.identity(), "commit", "-q", "-m", f"followup: the board on {host}", "--", *paths)

    def finish_interrupted_merge(self) -> None:
        """A merge a killed sync left half done: commit it if it merged, else give it up."""
        merge_head = Path(self.git.out("rev-parse", "--git-path", "MERGE_HEAD"))
        if not (self.folder / merge_head).exists():
            return
        if self.git.out("diff", "--name-only", "--diff-filter=U"):
            self.git.run("merge", "--abort")
        else:
            self.git.run(*self.identity(), "commit", "-q", "--no-edit")

    def remote_branch(self, local: str) -> str:
        """The remote's branch to sync with: the upstream, else the same name, else the remote's only one."""
        upstream = self.git.value("rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}")
        if upstream and upstream.startswith(f"{self.remote}/"):
            return upstream[len(self.remote) + 1 :]
        listed = self.git.out("for-each-ref", "--format=%(refname:strip=3)", f"refs/remotes/{self.remote}/")
        branches = [b for b in listed.splitlines() if b and b != "HEAD"]
        if local in branches or len(branches) != 1:
            return local
        return branches[0]

    def tracking(self, branch: str) -> str | None:
        """The commit of the remote's branch as last fetched, or None if the remote has none."""
        return self.git.value(
            "rev-parse", "--verify", "-q", f"refs/remotes/{self.remote}/{branch}^{{commit}}"
        )

    def board_at(self, rev: str | None) -> Board:
        """The board as committed in ``rev`` (an empty board if there is none)."""
        if rev is None:
            return Board(())
        done = self.git.run("show", f"{rev}:./{self.name}", check=False, capture=True, probe=True)
        if done.returncode != 0:
            return Board(())
        return board_from_bytes(done.stdout.encode("utf-8", "surrogateescape"), f"{self.name} in {rev[:12]}")

    def head(self) -> str | None:
        return self.git.value("rev-parse", "--verify", "-q", "HEAD^{commit}")

    def pull(self, branch: str) -> Changes | None:
        """Merge the remote's branch into ours; what came in, or None (said why) if it could not."""
        theirs = self.tracking(branch)
        if theirs is None or theirs == self.head():
            return Changes()
        with self.locked():
            before = self.board_at(self.head())
            done = self.git.run(
                *self.identity(),
                "merge",
                "-q",
                "--no-edit",
                "--allow-unrelated-histories",
                "-m",
                f"followup: merge the board from {self.remote}",
                theirs,
                check=False,
            )
            if done.returncode != 0:
                stuck = self.git.value("diff", "--name-only", "--diff-filter=U")
                if self.git.value("rev-parse", "--verify", "-q", "MERGE_HEAD") is not None:
                    self.git.run("merge", "--abort", check=False)
                why = (
                    f"git could not merge {', '.join(stuck.splitlines())}" if stuck else _reason(done.stderr)
                )
                self.fail(f"could not merge {self.remote}/{branch}: {why}; the board is as it was")
                return None
            _private(self.board)
            return between(before, self.board_at(self.head()))

    def push(self, branch: str) -> Changes | None:
        """Push to the remote's branch (its upstream set); what went out, or None if it was refused."""
        theirs = self.tracking(branch)
        head = self.head()
        if head is None or head == theirs:
            return Changes()
        before = self.board_at(theirs)
        done = self.git.run("push", "-q", "-u", self.remote, f"HEAD:refs/heads/{branch}", check=False)
        if done.returncode != 0:
            return None
        return between(before, self.board_at(head))

    def fetch_after_refusal(self, branch: str) -> Changes | None:
        """After a refused push: fetch again and merge what moved on; None (said why) if that fails."""
        try:
            self.git.run("fetch", "-q", self.remote)
        except GitError as exc:
            self.fail(f"could not push to {self.remote}: {exc}")
            return None
        theirs = self.tracking(branch)
        head = self.head()
        if theirs is None or theirs == head or self.git.ok("merge-base", "--is-ancestor", theirs, "HEAD"):
            self.fail(f"{self.remote} refused the push (see git's message above)")
            return None
        return self.pull(branch)

    def report(self, came_in: Changes, went_out: Changes) -> None:
        if not (came_in or went_out):
            self.say(f"the board is the same here and on {self.remote}")
            return
        if came_in:
            self.say(f"came in: {came_in.sentence()}")
        if went_out:
            self.say(f"went out: {went_out.sentence()}")


def _joined(first: Changes, then: Changes) -> Changes:
    return Changes(
        first.added + then.added,
        first.changed + then.changed,
        first.removed + then.removed,
        first.renumbered + then.renumbered,
    )


def _reason(stderr: str | None) -> str:
    lines = [line.strip() for line in (stderr or "").splitlines() if line.strip()]
    return lines[-1].removeprefix("fatal: ").removeprefix("error: ") if lines else "git merge failed"


def _private(path: Path) -> None:
    """Git writes files readable by all (its umask): the board holds contacts, so back to 0600."""
    with suppress(OSError):
        os.chmod(path, 0o600)


def _pattern(name: str) -> str:
    """A file name as a literal in a gitignore or gitattributes pattern."""
    return "".join(f"\\{ch}" if ch in "*?[]\\! #" else ch for ch in name)


def _add_lines(path: Path, lines: list[str]) -> None:
    """Add to the text file ``path`` the lines it does not hold yet."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    have = set(text.splitlines())
    missing = [line for line in lines if line not in have]
    if not missing:
        return
    if text and not text.endswith("\n"):
        text += "\n"
    path.write_text(text + "".join(f"{line}\n" for line in missing), encoding="utf-8")
