"""The command line's help: every command listed, each with its own help, the version."""

from __future__ import annotations

import pytest

from tui.cli import main

# -- help and usage


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    commands = ("add", "move", "log", "instruct", "list", "due", "show", "draft", "export", "import", "stats")
    for command in commands:
        assert f"    {command} " in out
    for option in ("--db", "--config", "--now", "--tz", "--demo", "FOLLOWUP_DB"):
        assert option in out


@pytest.mark.parametrize(
    "command", ["add", "move", "log", "instruct", "list", "due", "show", "draft", "export"]
)
def test_every_command_has_help(capsys: pytest.CaptureFixture[str], command: str) -> None:
    assert main([command, "--help"]) == 0
    assert f"usage: followup {command}" in capsys.readouterr().out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("followup ")


def test_import_help_names_the_csv_columns(capsys: pytest.CaptureFixture[str]) -> None:
    from tui.csvio import OPTIONAL

    assert main(["import", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "interviewed_at" in text
    for column in OPTIONAL:
        assert column in text
