"""Mistakes on the command line: one line saying what is wrong, the right exit code, files untouched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.cli_runner import Cli, add
from tui import cli as cli_module
from tui.cli import main
from tui.store import Store

# -- mistakes


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["show", "9"], 1, "no card with id 9"),
        (["move", "9", "thanked"], 1, "no card with id 9"),
        (["log", "9", "reply"], 1, "no card with id 9"),
        (["move", "1", "bogus"], 1, "unknown stage 'bogus'"),
        (["move", "1", "thanked", "--on", "someday"], 1, "'someday' is not a date"),
        (["move", "1", "thanked", "--on", "2026-02-30"], 1, "not a real date"),
        (["move", "1", "closed"], 1, "closing a card needs an outcome"),
        (["move", "1", "thanked", "--outcome", "offer"], 1, "only a closed card has an outcome"),
        (["move", "1", "interviewed"], 1, "already in Interviewed"),
        (["log", "1", "followup", "--on", "2026-11-01"], 1, "before the interview"),
        (["instruct", "1", "--contact-on", "soonish"], 1, "not a date"),
        (["instruct", "1", "--clear"], 1, "no instruction in force"),
        (["add", "--company", "X", "--interviewed", "tomorrowish"], 1, "--interviewed"),
        (["add", "--company", "  ", "--interviewed", "today"], 1, "company name is required"),
        (["add", "--company", "X", "--interviewed", "today", "--employer-tz", "Nowhere/City"], 1, "Nowhere"),
        (["add", "--company", "X"], 2, "--interviewed"),
        (["frobnicate"], 2, "invalid choice"),
        (["show", "one"], 2, "invalid int value"),
        (["move", "1", "closed", "--outcome", "maybe"], 2, "invalid choice"),
        (["log", "1", "called"], 2, "invalid choice"),
        (["instruct", "1"], 2, "one of the arguments"),
        (["instruct", "1", "--wait", "--clear"], 2, "not allowed with"),
        (["instruct", "1", "--clear", "--until", "fri"], 2, "--until goes with --wait"),
        (["export", "--format", "xml"], 2, "invalid choice"),
        (["--demo", "list"], 2, "--demo"),
    ],
)
def test_mistakes_give_one_line_and_the_right_exit_code(
    cli: Cli, args: list[str], code: int, message: str
) -> None:
    add(cli)
    before = cli.db.read_bytes()
    assert message in cli.fails(code, *args)
    assert cli.db.read_bytes() == before


def test_bad_zone_and_bad_now_are_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(tmp_path / "b.json"), "--tz", "Mars/Base", "list"]) == 2
    err = capsys.readouterr().err
    assert "unknown time zone 'Mars/Base'" in err
    assert err.startswith("followup: ")
    assert len(err.splitlines()) == 1
    assert main(["--db", str(tmp_path / "b.json"), "--now", "noon-ish", "list"]) == 2
    assert "--now" in capsys.readouterr().err
    assert not (tmp_path / "b.json").exists()


def test_a_bad_config_is_a_data_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.toml"
    config.write_text("colour = 'red'\n", encoding="utf-8")
    assert main(["--db", str(tmp_path / "b.json"), "--config", str(config), "list"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("followup: ")
    assert "colour" in err
    assert "Traceback" not in err


def test_the_config_zone_is_used_unless_tz_is_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('timezone = "Asia/Tokyo"\n', encoding="utf-8")
    base = ["--db", str(tmp_path / "b.json"), "--config", str(config), "--now", "2026-11-24T23:30+00:00"]
    assert main([*base, "add", "--company", "A", "--interviewed", "today"]) == 0
    assert main([*base, "--tz", "UTC", "add", "--company", "B", "--interviewed", "today"]) == 0
    a, b = Store(tmp_path / "b.json").load()
    assert (a.interview_day.isoformat(), a.interviewed_at.zone) == ("2026-11-25", "Asia/Tokyo")
    assert (b.interview_day.isoformat(), b.interviewed_at.zone) == ("2026-11-24", "UTC")


def test_env_variables_stand_in_for_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "env.json"
    config = tmp_path / "env.toml"
    config.write_text('holidays = ["2026-11-23"]\n', encoding="utf-8")
    monkeypatch.setenv("FOLLOWUP_DB", str(db))
    monkeypatch.setenv("FOLLOWUP_NOW", "2026-11-24T09:30")
    monkeypatch.setenv("FOLLOWUP_TZ", "Europe/London")
    monkeypatch.setenv("FOLLOWUP_CONFIG", str(config))
    assert main(["add", "--company", "Env", "--interviewed", "2026-11-20 10:00"]) == 0
    assert capsys.readouterr().out == "1\n"
    assert Store(db).get(1).interview_day.isoformat() == "2026-11-20"
    assert main(["list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["due_by"] == "2026-11-24"  # Mon 23 is a holiday
    monkeypatch.setenv("FOLLOWUP_TZ", "Mars/Base")
    assert main(["list"]) == 2
    assert main(["--tz", "Europe/London", "list"]) == 0  # the option wins over the environment


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["due", "--count"],
        ["show", "1"],
        ["add", "--company", "X", "--interviewed", "today"],
        ["move", "1", "thanked"],
        ["import", "-"],
        ["export"],
    ],
)
def test_a_corrupt_board_is_refused_and_left_untouched(cli: Cli, tmp_path: Path, args: list[str]) -> None:
    cli.db.write_bytes(b'{"interviews": {"1": {"company": ')
    cli.db.chmod(0o600)
    before = cli.db.read_bytes()
    if args[0] == "import":
        good = tmp_path.parent / f"{tmp_path.name}-good.csv"
        good.write_text("company,interviewed_at\nA,2026-11-20\n", encoding="utf-8")
        args = ["import", str(good)]
    err = cli.fails(1, *args)
    assert str(cli.db) in err
    assert len(err.strip().splitlines()) == 1
    assert cli.db.read_bytes() == before
    left = sorted(p.name for p in cli.db.parent.iterdir() if not p.name.endswith(".lock"))
    assert left == ["board.json"]


def test_store_warnings_go_to_stderr(cli: Cli) -> None:
    add(cli)
    cli.db.chmod(0o644)
    code, out, err = cli("due", "--count")
    assert (code, out) == (0, "1\n")
    assert err.startswith("followup: warning: ")
    assert "chmod 600" in err


def test_ctrl_c_exits_130_without_a_traceback(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(ctx: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setitem(cli_module.COMMANDS, "list", interrupted)
    code, _, err = cli("list")
    assert code == 130
    assert "Traceback" not in err
