"""The command line run in-process, as the command-line tests call it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tui.cli import main

NOW = "2026-11-24T09:30"
HOSTILE = "[bold red]Evil[/] \x1b[2J"


class Cli:
    """``followup --db DB --now NOW --tz Europe/London ARGS`` run in-process."""

    def __init__(self, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.db = db
        self.capsys = capsys

    def __call__(self, *args: str, now: str = NOW) -> tuple[int, str, str]:
        self.capsys.readouterr()
        code = main(["--db", str(self.db), "--now", now, "--tz", "Europe/London", *args])
        captured = self.capsys.readouterr()
        return code, captured.out, captured.err

    def ok(self, *args: str, now: str = NOW) -> str:
        code, out, err = self(*args, now=now)
        assert code == 0, err
        return out

    def json(self, *args: str, now: str = NOW) -> Any:
        return json.loads(self.ok(*args, "--json", now=now))

    def fails(self, code: int, *args: str, now: str = NOW) -> str:
        """Run a mistake: the exit code, no output, and a one-line message without a traceback."""
        got, out, err = self(*args, now=now)
        assert got == code, err
        assert out == ""
        assert "Traceback" not in err
        # One line "followup: ..." (a usage mistake shows the usage first; an import lists its rows after).
        lines = err.splitlines()
        assert lines[0].startswith(("followup: ", "usage: followup"))
        assert len([line for line in lines if line.startswith("followup: ")]) == 1
        return err


def add(cli: Cli, company: str = "Acme", when: str = "2026-11-20 10:00", *extra: str) -> int:
    out = cli.ok("add", "--company", company, "--interviewed", when, *extra)
    return int(out)
