"""Export and import on the command line: JSON, CSV and iCalendar out; CSV and JSON in, all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.cli_runner import HOSTILE, Cli, add
from tui.store import Store

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


def test_hostile_csv_cells_are_escaped_in_the_problem_report(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("company,interviewed_at\nA,\x1b[2Jsoon\n", encoding="utf-8")
    err = cli.fails(1, "import", str(bad))
    assert "\x1b" not in err
    assert "line 2:" in err
