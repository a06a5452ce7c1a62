"""The command line as scripts and users call it: output, files, exit codes."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from tui import cli as cli_module
from tui import start
from tui.cli import main
from tui.store import Store

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


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "board.json", capsys)


def add(cli: Cli, company: str = "Acme", when: str = "2026-11-20 10:00", *extra: str) -> int:
    out = cli.ok("add", "--company", company, "--interviewed", when, *extra)
    return int(out)


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


# -- add


def test_add_prints_only_the_new_id(cli: Cli) -> None:
    assert cli.ok("add", "--company", "Acme", "--interviewed", "2026-11-20 10:00") == "1\n"
    assert cli.ok("add", "--company", "Beta", "--interviewed", "yesterday") == "2\n"
    assert cli.ok("add", "--company", "Gamma", "--interviewed", "fri 2pm") == "3\n"
    cards = Store(cli.db).load()
    assert [c.company for c in cards] == ["Acme", "Beta", "Gamma"]
    assert cards[1].interview_day.isoformat() == "2026-11-23"
    assert cards[2].interviewed_at.isoformat().startswith("2026-11-20T14:00")


def test_add_keeps_every_contact_field(cli: Cli) -> None:
    who = ["--contact-name", "Zoë", "--contact-title", "Lead", "--contact-email", "z@acme.example"]
    who += ["--contact-phone", "+44 20 1234 5678", "--contact-address", "1 Road"]
    extra = ["--notes", "line one\nline two", "--employer-tz", "America/New_York"]
    add(cli, "Acme", "2026-11-20 10:00", "--role", "Analyst", *who, *extra)
    card = Store(cli.db).get(1)
    assert card.role == "Analyst"
    assert card.employer_zone == "America/New_York"
    assert card.interviewed_at.zone == "America/New_York"
    contact = card.contacts[0]
    assert (contact.name, contact.title, contact.email, contact.phone, contact.address) == (
        "Zoë", "Lead", "z@acme.example", "+44 20 1234 5678", "1 Road",
    )  # fmt: skip
    assert card.notes == "line one\nline two"


# -- list, due, show


def test_list_json_rows_carry_the_contract_keys(cli: Cli) -> None:
    add(cli)
    rows = cli.json("list")
    assert isinstance(rows, list)
    assert set(rows[0]) >= {"id", "company", "role", "stage", "status", "action", "opens_on", "due_by", "nag"}
    assert rows[0]["status"] == "overdue"
    assert rows[0]["opens_on"] == "2026-11-20"
    assert rows[0]["due_by"] == "2026-11-23"
    assert rows[0]["nag"] is False


def test_list_filters_by_stage_and_status(cli: Cli) -> None:
    add(cli, "Acme")
    add(cli, "Beta")
    cli.ok("move", "2", "thanked", "--on", "2026-11-23")
    assert [r["company"] for r in cli.json("list", "--stage", "thanked")] == ["Beta"]
    assert [r["company"] for r in cli.json("list", "--status", "overdue")] == ["Acme"]
    assert cli.json("list", "--status", "hold") == []
    assert cli.json("list", "--stage", "thanked", "--status", "overdue") == []


def test_list_human_groups_by_stage(cli: Cli) -> None:
    assert cli.ok("list") == "No cards.\n"
    add(cli, "Acme", "2026-11-20 10:00", "--role", "Data analyst")
    add(cli, "Beta")
    cli.ok("move", "2", "thanked", "--on", "2026-11-23")
    lines = cli.ok("list").splitlines()
    assert lines[0] == "Interviewed (1)"
    assert "Acme — Data analyst" in lines[1]
    assert "LATE" in lines[1]
    assert lines[2] == "Thanked (1)"
    assert "Beta" in lines[3]


def test_list_rejects_an_unknown_stage_or_status(cli: Cli) -> None:
    assert "invalid choice" in cli.fails(2, "list", "--stage", "nowhere")
    assert "invalid choice" in cli.fails(2, "list", "--status", "purple")


def test_due_orders_overdue_oldest_first_then_due_earliest_first(cli: Cli) -> None:
    add(cli, "Due later", "2026-11-23 10:00")  # due by Tue 24
    add(cli, "Late", "2026-11-18 10:00")  # due by Thu 19
    add(cli, "Later late", "2026-11-20 10:00")  # due by Mon 23
    add(cli, "Too early", "2026-11-26 10:00")
    add(cli, "Thanked", "2026-11-13 10:00")
    cli.ok("move", "5", "thanked", "--on", "2026-11-16")  # check-in from Mon 23 Nov, due by Mon 30
    rows = cli.json("due")
    assert [r["company"] for r in rows] == ["Late", "Later late", "Due later", "Thanked"]
    assert [r["status"] for r in rows] == ["overdue", "overdue", "due", "due"]
    assert set(rows[0]) >= {"id", "company", "status", "action", "opens_on", "due_by", "nag"}
    assert cli.ok("due", "--count") == f"{len(rows)}\n"


def test_due_human_is_one_line_per_card(cli: Cli) -> None:
    add(cli, "Acme Ltd", "2026-11-20 10:00", "--role", "Data analyst")  # due by Mon 23
    add(cli, "Beta", "2026-11-24 10:00")  # due by Wed 25
    human = cli.ok("due", now="2026-11-25T09:00").splitlines()
    assert len(human) == 2
    assert human[0] == "! LATE  Acme Ltd — Data analyst: thank-you overdue by 2 days  (#1)"
    assert human[1].startswith("● DUE   Beta: ") or human[1].split()[1] == "DUE"


def test_due_with_nothing_to_do(cli: Cli) -> None:
    assert cli.ok("due") == "Nothing due today.\n"
    assert cli.ok("due", "--count") == "0\n"
    assert cli.json("due") == []
    assert "not allowed with" in cli.fails(2, "due", "--json", "--count")


def test_show_human_tells_everything(cli: Cli) -> None:
    who = [
        "--contact-name",
        "Ann Lee",
        "--contact-title",
        "Head of data",
        "--contact-email",
        "ann@acme.example",
    ]
    add(cli, "Acme", "2026-11-20 10:00", "--role", "Analyst", "--notes", "bring\nportfolio", *who)
    cli.ok("move", "1", "thanked", "--on", "2026-11-23", "--note", "sent by email")
    shown = cli.ok("show", "1")
    assert shown.startswith("#1 Acme — Analyst\n")
    assert "Stage: Thanked" in shown
    assert "Status: " in shown
    assert "Next: " in shown
    assert "30 Nov" in shown
    assert "Contact: Ann Lee — Head of data, ann@acme.example" in shown
    assert "  bring\n  portfolio\n" in shown
    assert "2026-11-23  moved to Thanked — sent by email" in shown


def test_show_says_when_to_call_in_the_employers_zone(cli: Cli) -> None:
    add(cli, "Acme", "2026-11-20 10:00", "--employer-tz", "America/New_York")
    cli.ok("move", "1", "thanked", "--on", "2026-11-23")
    shown = cli.ok("show", "1")
    assert "When to call: best 10:00-11:30 or 14:00-16:00 their time" in shown
    assert "(America/New_York)" in shown
    # Not Monday morning: the first good time is Monday afternoon, their time.
    assert "Next good times: Mon 30 Nov 14:00-16:00, Tue 1 Dec 10:00-11:30, Tue 1 Dec 14:00-16:00" in shown
    cli.ok("move", "1", "interviewed")
    assert "When to call" not in cli.ok("show", "1")


def test_show_json_has_the_row_contacts_and_events(cli: Cli) -> None:
    add(cli, "Acme", "2026-11-20 10:00", "--contact-name", "Ann")
    cli.ok("log", "1", "followup", "--note", "called")
    record = cli.json("show", "1")
    assert set(record) >= {
        "id",
        "company",
        "stage",
        "status",
        "opens_on",
        "due_by",
        "nag",
        "contacts",
        "events",
    }
    assert record["contacts"][0]["name"] == "Ann"
    assert [e["kind"] for e in record["events"]] == ["created", "followup"]
    assert record["events"][1]["note"] == "called"


# -- changes


def test_move_log_instruct_change_the_card(cli: Cli) -> None:
    add(cli)
    out = cli.ok("move", "1", "thanked", "--on", "2026-11-20")
    assert out.startswith("Acme: Thanked; ")
    cli.ok("instruct", "1", "--contact-on", "2026-11-25", "--on", "2026-11-23")
    row = cli.json("show", "1")
    assert row["status"] == "premature"
    assert row["opens_on"] == row["due_by"] == "2026-11-25"
    cli.ok("instruct", "1", "--clear")
    cli.ok("instruct", "1", "--wait", "--until", "2026-12-04")
    shown = cli.json("show", "1")
    assert (shown["status"], shown["hold_until"]) == ("hold", "2026-12-04")
    cli.ok("log", "1", "reply", "--note", "still deciding")
    assert cli.json("show", "1")["status"] == "premature"
    cli.ok("move", "1", "closed", "--outcome", "offer")
    shown_text = cli.ok("show", "1")
    assert "Stage: Closed (offer)" in shown_text
    assert "still deciding" in shown_text
    assert cli.json("show", "1")["status"] == "closed"


def test_instruct_wait_without_a_date_holds_three_weeks(cli: Cli) -> None:
    add(cli)
    cli.ok("instruct", "1", "--wait", "--on", "2026-11-24")
    assert cli.json("show", "1")["hold_until"] == "2026-12-15"


def test_stage_names_and_words_are_accepted(cli: Cli) -> None:
    add(cli)
    cli.ok("move", "1", "checked_in", "--on", "mon")
    assert cli.json("show", "1")["stage"] == "checked_in"
    cli.ok("move", "1", "Waiting", "--on", "today")
    assert cli.json("show", "1")["stage"] == "waiting"


def test_log_followup_in_waiting_counts_towards_the_nag(cli: Cli) -> None:
    add(cli, "Acme", "2026-11-02 10:00")
    cli.ok("move", "1", "waiting", "--on", "2026-11-03")
    for day in ("2026-11-10", "2026-11-17", "2026-11-24"):
        cli.ok("log", "1", "followup", "--on", day)
    assert cli.json("show", "1")["nag"] is True
    assert "consider closing" in cli.ok("show", "1")


def test_moving_back_restores_the_earlier_clock(cli: Cli) -> None:
    add(cli)
    cli.ok("move", "1", "thanked", "--on", "2026-11-23")
    before = cli.json("show", "1")
    cli.ok("move", "1", "checked_in", "--on", "2026-11-24")
    cli.ok("move", "1", "thanked")
    after = cli.json("show", "1")
    assert (after["opens_on"], after["due_by"]) == (before["opens_on"], before["due_by"])


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


# -- export and import


def test_export_json_is_versioned_and_has_ids(cli: Cli) -> None:
    add(cli, "Acme")
    add(cli, "Beta")
    exported = json.loads(cli.ok("export"))
    assert exported["version"] == 1
    assert [(c["id"], c["company"]) for c in exported["cards"]] == [(1, "Acme"), (2, "Beta")]
    assert json.loads(cli.ok("export", "--format", "json")) == exported


def test_export_to_a_file_replaces_it_whole(cli: Cli, tmp_path: Path) -> None:
    add(cli)
    target = tmp_path / "out" / "board-export.json"
    target.parent.mkdir()
    target.write_text("old contents", encoding="utf-8")
    assert cli.ok("export", "-o", str(target)) == ""
    assert json.loads(target.read_text(encoding="utf-8"))["cards"][0]["company"] == "Acme"
    assert [p.name for p in target.parent.iterdir()] == ["board-export.json"]
    assert "cannot write" in cli.fails(1, "export", "-o", str(tmp_path / "missing" / "x.json"))


def same_cards(a: Path, b: Path) -> None:
    for x, y in zip(Store(a).load(), Store(b).load(), strict=True):
        assert (x.company, x.role, x.interviewed_at, x.stage, x.outcome, x.notes, x.contacts) == (
            y.company, y.role, y.interviewed_at, y.stage, y.outcome, y.notes, y.contacts,
        )  # fmt: skip
        assert x.employer_zone == y.employer_zone


def fill(cli: Cli) -> None:
    add(cli, "Acme, Inc.", "2026-11-20 10:00", "--contact-name", "Ann", "--notes", 'quote " and\nnewline')
    add(cli, "Beta", "2026-11-19 15:30", "--employer-tz", "America/New_York", "--role", "Dev")
    cli.ok("move", "2", "waiting", "--on", "2026-11-23")
    add(cli, "Gamma", "2026-11-10 09:00")
    cli.ok("move", "3", "closed", "--outcome", "rejected", "--on", "2026-11-12")
    add(cli, HOSTILE, "2026-11-21 09:00", "--contact-email", "x@y.example")


def test_export_csv_round_trips_through_import(cli: Cli, tmp_path: Path) -> None:
    fill(cli)
    csv_file = tmp_path / "out.csv"
    cli.ok("export", "--format", "csv", "-o", str(csv_file))
    other = Cli(tmp_path / "other.json", cli.capsys)
    assert other.ok("import", str(csv_file)) == "Imported 4 cards (ids 1-4).\n"
    same_cards(cli.db, other.db)
    mine, theirs = cli.json("list"), other.json("list")
    keys = ("company", "stage", "status", "opens_on", "due_by")
    assert [[r[k] for k in keys] for r in mine] == [[r[k] for k in keys] for r in theirs]


def test_export_json_round_trips_through_import(cli: Cli, tmp_path: Path) -> None:
    fill(cli)
    cli.ok("log", "2", "followup", "--on", "2026-11-24", "--note", "called")
    json_file = tmp_path / "out.json"
    cli.ok("export", "-o", str(json_file))
    other = Cli(tmp_path / "other.json", cli.capsys)
    add(other, "Already there")
    assert other.ok("import", str(json_file)) == "Imported 4 cards (ids 2-5).\n"
    theirs = Store(other.db).load()[1:]
    for x, y in zip(Store(cli.db).load(), theirs, strict=True):
        assert (x.company, x.stage, x.events, x.contacts, x.notes) == (
            y.company,
            y.stage,
            y.events,
            y.contacts,
            y.notes,
        )


def test_import_of_a_bad_json_export_imports_nothing(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"version": 1, "cards": [{"company": "A"}]}', encoding="utf-8")
    assert "card 1:" in cli.fails(1, "import", str(bad))
    bad.write_text("{not json", encoding="utf-8")
    assert "not valid JSON" in cli.fails(1, "import", str(bad))
    assert not cli.db.exists()


def test_import_reports_every_bad_row_and_imports_nothing(cli: Cli, tmp_path: Path) -> None:
    add(cli)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "company,interviewed_at,stage\nGood,2026-11-20,thanked\n,2026-11-20,\n"
        "X,not a date,\nY,2026-11-20,nowhere\n",
        encoding="utf-8",
    )
    before = cli.db.read_bytes()
    err = cli.fails(1, "import", str(bad))
    assert "3 problems; nothing imported" in err
    assert "line 3: company is empty" in err
    assert "line 4:" in err
    assert "line 5: unknown stage 'nowhere'" in err
    assert "line 2" not in err
    assert cli.db.read_bytes() == before


def test_import_rejects_unknown_columns_and_dry_run_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    odd = tmp_path / "odd.csv"
    odd.write_text("company,interviewed,colour\nA,2026-11-20,red\n", encoding="utf-8")
    err = cli.fails(1, "import", str(odd))
    assert "missing column(s): interviewed_at" in err
    assert "unknown column(s): interviewed, colour (allowed: company, interviewed_at, role" in err
    good = tmp_path / "good.csv"
    good.write_text("\ufeffcompany,interviewed_at\nA,2026-11-20\nB,2026-11-21 09:00\n", encoding="utf-8")
    assert cli.ok("import", str(good), "--dry-run") == "Would import 2 cards (dry run: nothing written).\n"
    assert not cli.db.exists()
    assert cli.ok("import", str(good)) == "Imported 2 cards (ids 1-2).\n"


def test_import_of_a_missing_file(cli: Cli, tmp_path: Path) -> None:
    assert "cannot read" in cli.fails(1, "import", str(tmp_path / "nope.csv"))


def test_import_of_ten_thousand_rows_is_one_save(cli: Cli, tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    rows = [
        f"Company {n},2026-11-{1 + n % 20:02} 10:00,{['interviewed', 'thanked', 'waiting'][n % 3]}"
        for n in range(10_000)
    ]
    big.write_text("company,interviewed_at,stage\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert cli.ok("import", str(big)) == "Imported 10000 cards (ids 1-10000).\n"
    count = int(cli.ok("due", "--count"))
    assert count > 0
    assert count == len(cli.json("due"))
    assert len(Store(cli.db).load()) == 10_000


def test_ics_export_parses_back(cli: Cli, tmp_path: Path) -> None:
    pytest.importorskip("tui.ics")
    from icalendar import Calendar

    add(cli, "Acme; [b]x[/b]\x1b[2J", "2026-11-20 10:00", "--contact-name", "Ann, Lee")
    add(cli, "Closed Co", "2026-11-10 10:00")
    cli.ok("move", "2", "closed", "--outcome", "rejected")
    target = tmp_path / "next.ics"
    cli.ok("export", "--format", "ics", "-o", str(target))
    events = list(Calendar.from_ical(target.read_bytes()).walk("VEVENT"))
    assert len(events) == 1
    assert "Acme; [b]x[/b]\x1b[2J" in str(events[0]["SUMMARY"])
    assert cli.ok("export", "--format", "ics").startswith("BEGIN:VCALENDAR")


# -- stats


def test_stats_counts_stages_and_replies(cli: Cli) -> None:
    pytest.importorskip("tui.domain.stats")
    add(cli, "A", "2026-11-02 10:00")
    add(cli, "B", "2026-11-02 10:00")
    cli.ok("move", "1", "thanked", "--on", "2026-11-03")
    cli.ok("move", "2", "thanked", "--on", "2026-11-06")
    cli.ok("move", "2", "checked_in", "--on", "2026-11-13")
    cli.ok("log", "2", "reply", "--on", "2026-11-16")
    stats = cli.json("stats")
    assert stats["by_stage"] == {"interviewed": 0, "thanked": 1, "checked_in": 1, "waiting": 0, "closed": 0}
    assert "Reply rate" in cli.ok("stats")


# -- drafts


def test_draft_prints_the_words_for_the_next_step(cli: Cli, tmp_path: Path) -> None:
    add(cli, "Zoë & Co", "2026-11-20 10:00", "--role", "Analyst", "--contact-name", "Dr Ann Lee")
    out = cli.ok("draft", "1")
    assert out.startswith("Subject: Thank you: Analyst interview on Friday 20 November\n\nDear Dr Ann Lee,")
    assert "the Analyst position at Zoë & Co" in out
    assert out.rstrip().endswith("[your name]")
    target = tmp_path / "note.txt"
    assert cli.ok("draft", "1", "-o", str(target)) == ""
    assert target.read_text(encoding="utf-8") == out
    cli.ok("move", "1", "thanked", "--on", "2026-11-20")
    assert cli.ok("draft", "1").startswith("Call notes: Zoë & Co (Analyst)")
    assert cli.ok("list").count("Zoë & Co") == 1  # printing a draft logged nothing


def test_draft_is_signed_with_the_name_from_the_config(cli: Cli, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('name = "Ann  Example"\n', encoding="utf-8")
    add(cli)
    assert cli.ok("--config", str(config), "draft", "1").rstrip().endswith("Best regards,\nAnn Example")


def test_draft_of_a_card_with_nothing_to_do_is_a_data_error(cli: Cli) -> None:
    add(cli)
    cli.ok("move", "1", "closed", "--outcome", "offer")
    assert "nothing to draft for card 1" in cli.fails(1, "draft", "1")
    assert "no card with id 7" in cli.fails(1, "draft", "7")


# -- terminal safety


def test_hostile_text_is_printed_literally(cli: Cli) -> None:
    add(cli, HOSTILE, "2026-11-20 10:00", "--role", "\x1b[31mred", "--notes", "\x1b]0;pwned\x07")
    out = cli.ok("list") + cli.ok("show", "1") + cli.ok("due") + cli.ok("draft", "1")
    out += cli.ok("move", "1", "thanked")
    assert "\x1b" not in out
    assert "\x07" not in out
    assert "[bold red]Evil[/] ␛[2J" in out
    assert "␛]0;pwned␇" in out
    assert json.loads(cli.ok("show", "1", "--json"))["company"] == HOSTILE
    assert json.loads(cli.ok("list", "--json"))[0]["role"] == "\x1b[31mred"


def test_hostile_csv_cells_are_escaped_in_the_problem_report(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("company,interviewed_at\nA,\x1b[2Jsoon\n", encoding="utf-8")
    err = cli.fails(1, "import", str(bad))
    assert "\x1b" not in err
    assert "line 2:" in err


# -- the board


class FakeApp(types.ModuleType):
    def __init__(self) -> None:
        super().__init__("tui.app")
        self.calls: list[tuple[Path, str, bool]] = []

    def run_board(
        self, store: Store, clock: Any, settings: Any, demo: bool = False, cards: list[Any] | None = None
    ) -> int:
        assert cards == store.load(), "the board opens on the cards the command line already read"
        self.calls.append((store.file, os.environ.get("ESCDELAY", ""), demo))
        return 0


@pytest.fixture
def fake_board(monkeypatch: pytest.MonkeyPatch) -> FakeApp:
    fake = FakeApp()
    monkeypatch.setitem(sys.modules, "tui.app", fake)
    monkeypatch.setattr(cli_module, "_has_terminal", lambda: True)
    return fake


def test_no_command_opens_the_board(cli: Cli, fake_board: FakeApp) -> None:
    add(cli)
    assert cli() == (0, "", "")
    assert fake_board.calls == [(cli.db, "250", False)]


def test_the_board_keeps_a_set_escdelay(
    cli: Cli, fake_board: FakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ESCDELAY", "100")
    assert cli()[0] == 0
    assert fake_board.calls[0][1] == "100"


def test_demo_opens_a_scratch_copy(cli: Cli, fake_board: FakeApp) -> None:
    assert cli("--demo")[0] == 0
    [(path, _, demo)] = fake_board.calls
    assert demo is True
    assert path != cli.db
    assert not cli.db.exists()
    assert len(Store(path).load()) > 0


def test_the_board_refuses_a_corrupt_file_before_taking_the_screen(cli: Cli, fake_board: FakeApp) -> None:
    cli.db.write_bytes(b"{")
    assert str(cli.db) in cli.fails(1)
    assert fake_board.calls == []


def test_board_needs_a_terminal(cli: Cli) -> None:
    assert "needs a terminal" in cli.fails(2)


# -- as a process


def test_script_commands_do_not_import_textual(tmp_path: Path) -> None:
    db = tmp_path / "b.json"
    code = (
        "import sys, tui.cli\n"
        f"rc = tui.cli.main(['--db', {str(db)!r}, '--now', '2026-11-24', 'add', '--company', 'A',"
        " '--interviewed', 'yesterday'])\n"
        f"rc += tui.cli.main(['--db', {str(db)!r}, '--now', '2026-11-24', 'due', '--count'])\n"
        f"rc += tui.cli.main(['--db', {str(db)!r}, '--now', '2026-11-24', 'list'])\n"
        f"rc += tui.cli.main(['--db', {str(db)!r}, '--now', '2026-11-24', 'show', '1'])\n"
        "assert rc == 0, rc\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'icalendar')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    lines = result.stdout.splitlines()
    assert lines[0] == "1"
    assert lines[1] == "1"
    assert lines[-1] == "[]"


def test_python_dash_m_tui_exits_with_the_code(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--db", str(tmp_path / "b.json"), "show", "3"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == "followup: no card with id 3"
    usage = subprocess.run([sys.executable, "-m", "tui", "nope"], capture_output=True, text=True, check=False)
    assert usage.returncode == 2


# -- the collector while starting


@pytest.fixture
def collector_restored() -> Any:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_the_command_starts_with_the_collector_off(
    monkeypatch: pytest.MonkeyPatch, collector_restored: None
) -> None:
    """``followup`` turns the collector off before the first of its imports."""
    seen: list[bool] = []

    def fake_main() -> int:
        seen.append(gc.isenabled())
        return 7

    gc.enable()
    monkeypatch.setattr(cli_module, "main", fake_main)
    assert start.main() == 7
    assert seen == [False]


def test_a_command_runs_with_the_collector_on(cli: Cli, collector_restored: None) -> None:
    add(cli)
    gc.disable()
    assert cli.ok("due", "--count").strip() == "1"
    assert gc.isenabled()


def test_the_console_script_and_python_m_tui_start_the_same_way() -> None:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

    project = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"]["followup"] == "tui.start:main"
    done = subprocess.run(
        [sys.executable, "-m", "tui", "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0
    assert done.stdout.startswith("followup ")
