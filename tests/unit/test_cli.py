"""The command line as scripts and users call it: output, files, exit codes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from tui.cli import run
from tui.store import Store

NOW = ["--now", "2026-11-24T09:30", "--tz", "Europe/London"]


class Cli:
    def __init__(self, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.db = db
        self.capsys = capsys

    def __call__(self, *args: str, now: str = "2026-11-24T09:30") -> tuple[int, str, str]:
        self.capsys.readouterr()
        out = io.StringIO()
        code = run(["--db", str(self.db), "--now", now, "--tz", "Europe/London", *args], out=out)
        err = self.capsys.readouterr().err
        return code, out.getvalue(), err

    def ok(self, *args: str, now: str = "2026-11-24T09:30") -> str:
        code, out, err = self(*args, now=now)
        assert code == 0, err
        return out

    def json(self, *args: str, now: str = "2026-11-24T09:30") -> Any:
        return json.loads(self.ok(*args, "--json", now=now))


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "board.json", capsys)


def add(cli: Cli, company: str = "Acme", when: str = "2026-11-20 10:00", *extra: str) -> int:
    out = cli.ok("add", "--company", company, "--interviewed", when, *extra)
    return int(out)


def test_add_prints_only_the_new_id(cli: Cli) -> None:
    assert cli.ok("add", "--company", "Acme", "--interviewed", "2026-11-20 10:00") == "1\n"
    assert cli.ok("add", "--company", "Beta", "--interviewed", "yesterday") == "2\n"
    cards = Store(cli.db).load()
    assert [c.company for c in cards] == ["Acme", "Beta"]
    assert cards[1].interview_day.isoformat() == "2026-11-23"


def test_add_keeps_every_contact_field(cli: Cli) -> None:
    who = ["--contact-name", "Zoë", "--contact-title", "Lead", "--contact-email", "z@acme.example"]
    who += ["--contact-phone", "+44 20 1234 5678", "--contact-address", "1 Road"]
    extra = ["--notes", "line one\nline two", "--employer-tz", "America/New_York"]
    add(cli, "Acme", "2026-11-20 10:00", "--role", "Analyst", *who, *extra)
    card = Store(cli.db).get(1)
    assert card.role == "Analyst"
    assert card.employer_zone == "America/New_York"
    contact = card.contacts[0]
    assert (contact.name, contact.title, contact.email, contact.phone, contact.address) == (
        "Zoë", "Lead", "z@acme.example", "+44 20 1234 5678", "1 Road",
    )  # fmt: skip
    assert card.notes == "line one\nline two"


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


def test_due_orders_overdue_oldest_first_then_due_earliest_first(cli: Cli) -> None:
    add(cli, "Due later", "2026-11-23 10:00")  # due by Tue 24
    add(cli, "Late", "2026-11-18 10:00")  # due by Thu 19
    add(cli, "Later late", "2026-11-20 10:00")  # due by Mon 23
    add(cli, "Too early", "2026-11-26 10:00")
    rows = cli.json("due")
    assert [r["company"] for r in rows] == ["Late", "Later late", "Due later"]
    assert cli.ok("due", "--count") == "3\n"
    human = cli.ok("due")
    assert human.splitlines()[0] == "Tue 24 Nov: 2 overdue, 1 due."
    assert "Late: thank-you overdue by 5 days" in human


def test_due_with_nothing_to_do(cli: Cli) -> None:
    assert cli.ok("due").startswith("Nothing to chase today")
    assert cli.ok("due", "--count") == "0\n"


def test_move_log_instruct_change_the_card(cli: Cli) -> None:
    add(cli)
    cli.ok("move", "1", "thanked", "--on", "2026-11-20")
    cli.ok("instruct", "1", "--contact-on", "2026-11-25", "--on", "2026-11-23")
    row = cli.json("show", "1")
    assert row["status"] == "premature"
    assert row["opens_on"] == row["due_by"] == "2026-11-25"
    cli.ok("instruct", "1", "--clear")
    cli.ok("instruct", "1", "--wait", "--until", "2026-12-04")
    assert cli.json("show", "1")["status"] == "hold"
    cli.ok("log", "1", "reply", "--note", "still deciding")
    assert cli.json("show", "1")["status"] == "premature"
    cli.ok("move", "1", "closed", "--outcome", "offer")
    shown = cli.ok("show", "1")
    assert "Stage: Closed (offer)" in shown
    assert "still deciding" in shown


def test_moving_back_restores_the_earlier_clock(cli: Cli) -> None:
    add(cli)
    cli.ok("move", "1", "thanked", "--on", "2026-11-23")
    before = cli.json("show", "1")
    cli.ok("move", "1", "checked_in", "--on", "2026-11-24")
    cli.ok("move", "1", "thanked")
    after = cli.json("show", "1")
    assert (after["opens_on"], after["due_by"]) == (before["opens_on"], before["due_by"])


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["show", "9"], 1, "no card with id 9"),
        (["move", "1", "bogus"], 1, "unknown stage 'bogus'"),
        (["move", "1", "thanked", "--on", "someday"], 1, "'someday' is not a date"),
        (["move", "1", "closed"], 1, "closing a card needs an outcome"),
        (["move", "1", "thanked", "--outcome", "offer"], 1, "only a closed card has an outcome"),
        (["log", "1", "followup", "--on", "2026-11-01"], 1, "before the interview"),
        (["add", "--company", "X", "--interviewed", "tomorrowish"], 1, "--interviewed"),
        (["add", "--company", "  ", "--interviewed", "today"], 1, "company name is required"),
        (["add", "--company", "X"], 2, "--interviewed"),
        (["frobnicate"], 2, "invalid choice"),
        (["instruct", "1"], 2, "one of the arguments"),
        (["instruct", "1", "--clear", "--until", "fri"], 2, "--until goes with --wait"),
    ],
)
def test_mistakes_give_one_line_and_the_right_exit_code(
    cli: Cli, args: list[str], code: int, message: str
) -> None:
    add(cli)
    got, _, err = cli(*args)
    assert got == code
    assert message in err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("followup: ")


def test_bad_zone_and_bad_now_are_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--db", str(tmp_path / "b.json"), "--tz", "Mars/Base", "list"]) == 2
    assert "unknown time zone 'Mars/Base'" in capsys.readouterr().err
    assert run(["--db", str(tmp_path / "b.json"), "--now", "noon-ish", "list"]) == 2
    assert "--now" in capsys.readouterr().err


def test_env_variables_stand_in_for_options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "env.json"
    monkeypatch.setenv("FOLLOWUP_DB", str(db))
    monkeypatch.setenv("FOLLOWUP_NOW", "2026-11-24T09:30")
    monkeypatch.setenv("FOLLOWUP_TZ", "Europe/London")
    out = io.StringIO()
    assert run(["add", "--company", "Env", "--interviewed", "yesterday"], out=out) == 0
    assert Store(db).get(1).interview_day.isoformat() == "2026-11-23"


def test_a_corrupt_board_is_refused_and_left_untouched(cli: Cli) -> None:
    cli.db.write_bytes(b'{"interviews": {"1": {"company": ')
    cli.db.chmod(0o600)
    before = cli.db.read_bytes()
    code, _, err = cli("add", "--company", "X", "--interviewed", "today")
    assert code == 1
    assert str(cli.db) in err
    assert len(err.strip().splitlines()) == 1
    assert cli.db.read_bytes() == before


def test_export_json_and_csv_round_trip_through_import(cli: Cli, tmp_path: Path) -> None:
    add(cli, "Acme, Inc.", "2026-11-20 10:00", "--contact-name", "Ann", "--notes", 'quote " and\nnewline')
    add(cli, "Beta", "2026-11-19 15:30", "--employer-tz", "America/New_York")
    cli.ok("move", "2", "waiting", "--on", "2026-11-23")
    exported = json.loads(cli.ok("export"))
    assert [c["company"] for c in exported["cards"]] == ["Acme, Inc.", "Beta"]
    csv_file = tmp_path / "out.csv"
    cli.ok("export", "--format", "csv", "-o", str(csv_file))
    other = Cli(tmp_path / "other.json", cli.capsys)
    assert other.ok("import", str(csv_file)) == "Imported 2 card(s).\n"
    a, b = Store(cli.db).load(), Store(other.db).load()
    for x, y in zip(a, b, strict=True):
        assert (x.company, x.interviewed_at, x.stage, x.notes, x.contacts, x.employer_zone) == (
            y.company, y.interviewed_at, y.stage, y.notes, y.contacts, y.employer_zone,
        )  # fmt: skip


def test_import_reports_every_bad_row_and_imports_nothing(cli: Cli, tmp_path: Path) -> None:
    add(cli)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "company,interviewed_at,stage\nGood,2026-11-20,thanked\n,2026-11-20,\n"
        "X,not a date,\nY,2026-11-20,nowhere\n",
        encoding="utf-8",
    )
    before = cli.db.read_bytes()
    code, _, err = cli("import", str(bad))
    assert code == 1
    assert "line 3: company is empty" in err
    assert "line 4:" in err
    assert "line 5: unknown stage 'nowhere'" in err
    assert cli.db.read_bytes() == before


def test_import_rejects_unknown_columns_and_dry_run_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    odd = tmp_path / "odd.csv"
    odd.write_text("company,interviewed,colour\nA,2026-11-20,red\n", encoding="utf-8")
    code, _, err = cli("import", str(odd))
    assert code == 1
    assert "missing column(s): interviewed_at" in err
    assert "unknown column(s): interviewed, colour" in err
    good = tmp_path / "good.csv"
    good.write_text("\ufeffcompany,interviewed_at\nA,2026-11-20\nB,2026-11-21 09:00\n", encoding="utf-8")
    assert "2 card(s) would be imported" in cli.ok("import", str(good), "--dry-run")
    assert not cli.db.exists()


def test_import_of_ten_thousand_rows_is_one_save(cli: Cli, tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    rows = [
        f"Company {n},2026-11-{1 + n % 20:02} 10:00,{['interviewed', 'thanked', 'waiting'][n % 3]}"
        for n in range(10_000)
    ]
    big.write_text("company,interviewed_at,stage\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert cli.ok("import", str(big)) == "Imported 10000 card(s).\n"
    assert int(cli.ok("due", "--count")) > 0
    assert len(Store(cli.db).load()) == 10_000


def test_ics_export_parses_back(cli: Cli, tmp_path: Path) -> None:
    add(
        cli,
        "Acme; [b]x[/b]\x1b[2J",
        "2026-11-20 10:00",
        "--contact-name",
        "Ann, Lee",
        "--contact-email",
        "a@x.io",
    )
    add(cli, "Closed Co", "2026-11-10 10:00")
    cli.ok("move", "2", "closed", "--outcome", "rejected")
    add(cli, "Held", "2026-11-02 10:00")
    cli.ok("instruct", "3", "--wait", "--until", "2026-12-04", "--on", "2026-11-03")
    target = tmp_path / "next.ics"
    cli.ok("export", "--format", "ics", "-o", str(target))
    calendar = Calendar.from_ical(target.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 2
    first = next(e for e in events if "Acme" in str(e["SUMMARY"]))
    assert str(first["SUMMARY"]) == "Thank-you: Acme; [b]x[/b]\x1b[2J"
    assert first.decoded("DTSTART").isoformat() == "2026-11-20"
    assert first.decoded("DTEND").isoformat() == "2026-11-24"
    assert "Ann, Lee" in str(first["DESCRIPTION"])
    held = next(e for e in events if "Held" in str(e["SUMMARY"]))
    assert held.decoded("DTSTART").isoformat() == "2026-12-05"


def test_stats_counts_stages_and_replies(cli: Cli) -> None:
    add(cli, "A", "2026-11-02 10:00")
    add(cli, "B", "2026-11-02 10:00")
    cli.ok("move", "1", "thanked", "--on", "2026-11-03")
    cli.ok("move", "2", "thanked", "--on", "2026-11-06")
    cli.ok("move", "2", "checked_in", "--on", "2026-11-13")
    cli.ok("log", "2", "reply", "--on", "2026-11-16")
    stats = cli.json("stats")
    assert stats["by_stage"] == {"interviewed": 0, "thanked": 1, "checked_in": 1, "waiting": 0, "closed": 0}
    assert (stats["thank_you_on_time"], stats["thank_you_sent"]) == (1, 2)
    assert (stats["replied"], stats["reached_out"]) == (1, 1)
    assert stats["median_days_to_stage"]["thanked"] == 2.5
    assert "Reply rate: 100%" in cli.ok("stats")


def test_hostile_text_is_printed_literally(cli: Cli) -> None:
    add(cli, "[bold red]Evil[/] \x1b[2J", "2026-11-20 10:00", "--notes", "\x1b]0;pwned\x07")
    out = cli.ok("list") + cli.ok("show", "1") + cli.ok("due")
    assert "\x1b" not in out
    assert "[bold red]Evil[/] ␛[2J" in out
    assert "␛]0;pwned␇" in out
    assert json.loads(cli.ok("show", "1", "--json"))["company"] == "[bold red]Evil[/] \x1b[2J"


def test_board_needs_a_terminal(cli: Cli) -> None:
    code, _, err = cli()
    assert code == 2
    assert "needs a terminal" in err


def test_script_commands_do_not_import_textual(tmp_path: Path) -> None:
    db = tmp_path / "b.json"
    code = (
        "import sys, tui.cli\n"
        f"rc = tui.cli.run(['--db', {str(db)!r}, '--now', '2026-11-24', 'due', '--count'])\n"
        "assert rc == 0, rc\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.splitlines()[-1] == "[]"
    assert result.stdout.splitlines()[0] == "0"


def test_python_dash_m_tui_exits_with_the_code(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--db", str(tmp_path / "b.json"), "show", "3"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == "followup: no card with id 3"
