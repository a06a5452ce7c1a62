"""``followup sync`` and ``followup merge``: one board on several machines, through git.

``sync --init [URL]`` makes the board's folder a git repository (or uses the
one it is in), sets up the board-aware merge (``.gitattributes`` and the
``merge.followup.driver`` config), ignores the board's backup, lock and
temporary files, and adds URL as the remote. ``sync`` then commits the board
if it changed, fetches, merges (git calls ``followup merge`` for the board
file), pushes, and says what came in and what went out. A push refused
because the remote moved on is followed by a second fetch, merge and push.

This module only registers the commands: the work is imported when a
command runs (``run``, ``boardfile``), so the rest of the command line
starts no slower.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.cli import Context
    from tui.sync.merge import Board


def add_parser(sub: Any) -> None:
    """Register the ``sync`` and ``merge`` sub-commands on the command line's sub-parsers."""
    sync = sub.add_parser(
        "sync",
        help="share the board with your other machines through a git repository",
        description=(
            "Commit the board if it changed, pull (merging the board card by card, so nothing "
            "either machine did is lost), push, and say what came in and what went out. Git never "
            "asks a question here: set up ssh keys or a credential helper first."
        ),
        epilog=(
            "First time on each machine: followup sync --init URL (a private repository on any git "
            "host, or a bare repository on a machine you ssh into: git init --bare ~/followup.git)."
        ),
    )
    sync.add_argument(
        "--init",
        nargs="?",
        const="",
        default=None,
        metavar="URL",
        help="make the board's folder a git repository (or use the one it is in), set up the board's "
        "merge, and add URL as the remote",
    )
    sync.add_argument("--remote", default="origin", metavar="NAME", help="the remote to sync with (origin)")
    driver = sub.add_parser(
        "merge",
        help="git's merge driver for the board (set up by sync --init)",
        description=(
            "Merge three versions of a board into OURS: cards matched by their lasting id, every "
            "event of either side kept, a field changed on both sides keeps ours and writes theirs "
            "into the card's notes. Exit 0 merged, 1 could not (OURS untouched)."
        ),
    )
    driver.add_argument("base", metavar="BASE", help="the common ancestor (may be empty)")
    driver.add_argument("ours", metavar="OURS", help="this machine's board; the result is written here")
    driver.add_argument("theirs", metavar="THEIRS", help="the other machine's board")
    driver.add_argument("path", metavar="PATH", nargs="?", default="", help="the board's name in messages")


# -- followup merge


def cmd_merge(ctx: Context) -> int:
    """Run ``followup merge``: 0 merged into OURS, 1 could not (OURS untouched)."""
    from tui.cli import DataError
    from tui.sync.boardfile import NotABoard, read_board, write_board
    from tui.sync.merge import merge

    a = ctx.args
    boards: list[Board] = []
    for side, path, what in (
        ("base", a.base, "the common ancestor"),
        ("ours", a.ours, "this machine's board"),
        ("theirs", a.theirs, "the other machine's board"),
    ):
        try:
            boards.append(read_board(Path(path), empty_is_board=side == "base"))
        except NotABoard as exc:
            name = f" {a.path}" if a.path else ""
            raise DataError(f"cannot merge{name}: {what} ({side.upper()}) is not usable: {exc}") from exc
    merged = merge(*boards, on=ctx.today)
    write_board(Path(a.ours), merged.board, keep_backup=False)
    return 0


# -- followup sync


def cmd_sync(ctx: Context, step: Callable[[str], None] | None = None) -> int:
    """Run ``followup sync``; ``step`` is told each stage reached (for tests that interrupt it)."""
    from tui.cli import DataError
    from tui.sync.boardfile import NotABoard
    from tui.sync.git import GitError
    from tui.sync.run import Sync

    board = Path(ctx.db).resolve()
    try:
        return Sync(board, ctx.args.remote, ctx.out, step or _nothing).run(ctx.args.init)
    except GitError as exc:
        raise DataError(str(exc)) from exc
    except NotABoard as exc:
        raise DataError(str(exc)) from exc


def _nothing(_stage: str) -> None:
    """No one to tell."""
