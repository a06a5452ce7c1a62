"""Shell completion: the script made from the parser completes commands, stages and outcomes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main
from tui.domain.stages import STAGES, Outcome

SHELLS = ["bash", "zsh", "fish"]
COMMANDS = ["add", "move", "log", "instruct", "list", "due", "show", "draft", "export", "import", "stats"]


def script(shell: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["completion", shell]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out


@pytest.mark.parametrize("shell", SHELLS)
def test_the_script_names_every_command_stage_and_outcome(
    shell: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text = script(shell, capsys)
    for word in [*COMMANDS, "report", "completion"]:
        assert word in text
    for stage in STAGES:
        assert stage.value in text
    for outcome in Outcome:
        assert outcome.value in text


def test_it_needs_neither_a_board_nor_a_readable_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "config.toml"
    bad.write_text("timezone = [", encoding="utf-8")
    monkeypatch.setenv("FOLLOWUP_CONFIG", str(bad))
    monkeypatch.setenv("FOLLOWUP_DB", str(tmp_path / "missing" / "board.json"))
    assert "complete -o bashdefault -F _shtab_followup followup" in script("bash", capsys)
    assert not (tmp_path / "missing").exists()


def test_an_unknown_shell_is_a_usage_mistake(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", "csh"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_a_stage_is_still_read_by_name_when_running(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Completion offers the stage ids; the command itself still takes a label and explains a typo."""
    db = ["--db", str(tmp_path / "b.json"), "--now", "2026-11-24T09:30", "--tz", "Europe/London"]
    assert main([*db, "add", "--company", "A", "--interviewed", "2026-11-20 10:00"]) == 0
    assert main([*db, "move", "1", "Checked in"]) == 0
    assert main([*db, "move", "1", "bogus"]) == 1
    assert "use one of: interviewed, thanked" in capsys.readouterr().err


def _bash_complete(tmp_path: Path, capsys: pytest.CaptureFixture[str], *words: str) -> list[str]:
    path = tmp_path / "followup.bash"
    path.write_text(script("bash", capsys), encoding="utf-8")
    probe = (
        f"source {path}\n"
        'COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}\n'
        '_shtab_followup followup "${COMP_WORDS[-1]}" "${COMP_WORDS[-2]}"\n'
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(
        ["bash", "-c", probe, "bash", *words], capture_output=True, text=True, check=True, timeout=30
    )
    return done.stdout.split()


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_completes_commands_stages_outcomes_and_formats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _bash_complete(tmp_path, capsys, "followup", "re") == ["report"]
    assert _bash_complete(tmp_path, capsys, "followup", "move", "1", "") == [s.value for s in STAGES]
    assert _bash_complete(tmp_path, capsys, "followup", "move", "1", "ch") == ["checked_in"]
    outcomes = _bash_complete(tmp_path, capsys, "followup", "move", "1", "closed", "--outcome", "")
    assert outcomes == [o.value for o in Outcome]
    assert _bash_complete(tmp_path, capsys, "followup", "report", "--format", "") == ["md", "csv", "json"]
    assert _bash_complete(tmp_path, capsys, "followup", "completion", "") == SHELLS


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish_completes_stages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "followup.fish"
    path.write_text(script("fish", capsys), encoding="utf-8")
    done = subprocess.run(
        ["fish", "--no-config", "-c", f"source {path}; complete -C 'followup move 1 '"],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    assert [line.split("\t")[0] for line in done.stdout.splitlines()] == [s.value for s in STAGES]


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_the_zsh_script_is_valid_zsh(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "_followup"
    path.write_text(script("zsh", capsys), encoding="utf-8")
    subprocess.run(["zsh", "-n", str(path)], check=True, timeout=30)
    assert "#compdef followup" in path.read_text(encoding="utf-8")


def test_the_scripting_commands_do_not_import_shtab(tmp_path: Path) -> None:
    code = (
        "import sys, tui.cli\n"
        f"tui.cli.main(['--db', {str(tmp_path / 'b.json')!r}, '--now', '2026-11-24', 'due', '--count'])\n"
        "print('shtab' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "False"
