"""Machines sharing a board through a bare git repository, driven through the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.domain.model import Interview
from tui.store import Store

NOW = "2026-11-24T09:30"


def git_env(home: Path) -> dict[str, str]:
    """An environment with no user or system git config of the machine running the tests."""
    home.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "FOLLOWUP_"))}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        GIT_CONFIG_NOSYSTEM="1",
        FOLLOWUP_TZ="Europe/London",
        FOLLOWUP_CONFIG=str(home / "none.toml"),
    )
    return env


def bare(path: Path, env: dict[str, str], branch: str = "trunk") -> Path:
    """A fresh bare repository whose default branch is ``branch`` (not what a machine makes)."""
    subprocess.run(
        ["git", "init", "-q", "--bare", f"--initial-branch={branch}", str(path)], env=env, check=True
    )
    return path


class Machine:
    """One machine: its own board file in its own folder, and the followup command line."""

    def __init__(self, folder: Path, env: dict[str, str]) -> None:
        self.folder = folder
        self.db = folder / "board.json"
        self.env = env

    def run(self, *args: str, now: str = NOW) -> subprocess.CompletedProcess[str]:
        env = {**self.env, "FOLLOWUP_NOW": now}
        return subprocess.run(
            [sys.executable, "-m", "tui", "--db", str(self.db), *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    def ok(self, *args: str, now: str = NOW) -> str:
        done = self.run(*args, now=now)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def add(self, company: str, now: str = NOW) -> int:
        return int(self.ok("add", "--company", company, "--interviewed", "2026-11-20 10:00", now=now))

    def cards(self) -> list[dict[str, Any]]:
        exported: list[dict[str, Any]] = json.loads(self.ok("export", "--format", "json"))["cards"]
        return exported

    def store(self) -> Store:
        return Store(self.db)

    def card(self, company: str) -> Interview:
        (found,) = [c for c in self.store().load() if c.company == company]
        return found

    def git(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", *args], cwd=self.folder, env=self.env, capture_output=True, text=True, check=False
        )

    def status(self) -> str:
        done = self.git("status", "--porcelain")
        assert done.returncode == 0, done.stderr
        return done.stdout


@dataclass
class World:
    """A bare repository on a server and two machines that share a board through it."""

    env: dict[str, str]
    remote: Path
    laptop: Machine
    server: Machine

    @classmethod
    def make(cls, tmp_path: Path) -> World:
        env = git_env(tmp_path / "home")
        return cls(
            env,
            bare(tmp_path / "remote.git", env),
            Machine(tmp_path / "laptop", env),
            Machine(tmp_path / "server", env),
        )
