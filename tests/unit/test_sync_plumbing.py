"""How sync runs git (never asking, bounded in time) and what the merge may import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.sync_kit import git_env
from tui.sync.git import Git, GitError, quiet_env
from tui.sync.run import _pattern, driver_command


def test_git_never_prompts() -> None:
    env = quiet_env({"PATH": "/usr/bin", "GIT_ASKPASS": "/usr/bin/ksshaskpass", "SSH_ASKPASS": "x"})
    assert env["GIT_TERMINAL_PROMPT"] == "0"
    assert env["GIT_ASKPASS"] == env["SSH_ASKPASS"] == ""
    assert "BatchMode=yes" in env["GIT_SSH_COMMAND"]


def test_the_users_own_ssh_command_is_kept() -> None:
    assert quiet_env({"GIT_SSH_COMMAND": "ssh -i ~/.ssh/board"})["GIT_SSH_COMMAND"] == "ssh -i ~/.ssh/board"
    assert "GIT_SSH_COMMAND" not in quiet_env({"GIT_SSH": "/usr/local/bin/myssh"})


def test_a_git_that_hangs_is_stopped(tmp_path: Path) -> None:
    git = Git(tmp_path, timeout=0.5)
    git.env = quiet_env(git_env(tmp_path / "home"))
    with pytest.raises(GitError, match=r"^git slow took longer than 0\.5 s and was stopped$"):
        git.run("-c", "alias.slow=!sleep 30", "slow")


def test_a_failed_git_says_why_in_one_line(tmp_path: Path) -> None:
    git = Git(tmp_path)
    git.env = quiet_env(git_env(tmp_path / "home"))
    with pytest.raises(GitError, match=r"^git log failed: not a git repository"):
        git.run("log")


def test_the_driver_is_this_python_by_its_full_path() -> None:
    assert driver_command() == f"{sys.executable} -m tui merge %O %A %B %P"
    assert Path(sys.executable).is_absolute()


@pytest.mark.parametrize(
    ("name", "pattern"), [("board.json", "board.json"), ("my board[1].json", "my\\ board\\[1\\].json")]
)
def test_board_names_are_literal_in_git_patterns(name: str, pattern: str) -> None:
    assert _pattern(name) == pattern


def test_the_merge_imports_neither_textual_nor_tinydb() -> None:
    probe = "import sys, tui.sync.merge; print(sorted({m.split('.')[0] for m in sys.modules}))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert "'tui'" in done.stdout
    assert "textual" not in done.stdout
    assert "tinydb" not in done.stdout
