"""``followup round``: the contract scripts rely on, and rounds in list, due, show, export and import.

The dates are those of POLICY.md's worked example: interview Mon 2026-11-02
10:00, thanked that day, a second round Tue 11-10 14:00.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.unit.cli_runner import HOSTILE, Cli, add
from tui.store import Store


def worked_example(cli: Cli) -> int:
    out = cli.ok(
        "add",
        "--company",
        "Acme",
        "--interviewed",
        "2026-11-02 10:00",
        "--contact-name",
        "Ann Lee",
        now="2026-11-02T09:00",
    )
    card = int(out)
    cli.ok("move", str(card), "thanked", "--on", "2026-11-02", now="2026-11-02T18:00")
    out = cli.ok("round", str(card), "--at", "2026-11-10 14:00", "--label", "final", now="2026-11-03T09:00")
    assert out == ""  # prints nothing
    return card


def row(cli: Cli, now: str) -> dict[str, object]:
    (got,) = cli.json("list", now=now)
    assert isinstance(got, dict)
    return got


def test_the_worked_example_from_the_command_line(cli: Cli) -> None:
    worked_example(cli)
    before = row(cli, "2026-11-09T12:00")
    assert (before["stage"], before["status"], before["action"]) == ("thanked", "premature", "interview")
    assert (before["opens_on"], before["due_by"]) == ("2026-11-10", "2026-11-11")
    assert (before["rounds"], before["next_round_at"]) == (2, "2026-11-10T14:00+00:00")
    held = row(cli, "2026-11-10T16:00")
    assert (held["stage"], held["status"], held["action"]) == ("interviewed", "due", "thank_you")
    assert (held["due_by"], held["next_round_at"], held["nag"]) == ("2026-11-11", None, False)
    assert row(cli, "2026-11-12T12:00")["status"] == "overdue"
    (due,) = cli.json("due", now="2026-11-10T16:00")
    assert due == held


def test_a_thank_you_owed_with_a_round_booked_lists_both(cli: Cli) -> None:
    """The thank-you for the round held comes first; the row names the interview ahead too."""
    card = worked_example(cli)
    cli.ok("round", str(card), "--at", "2026-11-17 11:00", now="2026-11-10T16:00")
    (line,) = cli.ok("due", now="2026-11-10T16:00").splitlines()
    assert line == "* DUE   Acme: thank-you due tomorrow · next interview Tue 17 Nov 11:00  (#1)"


def test_show_json_lists_every_round_in_date_order(cli: Cli) -> None:
    card = worked_example(cli)
    cli.ok("round", str(card), "--at", "2026-10-28 09:30", "--label", "phone screen", "--with", "Bo, Ann Lee")
    got = cli.json("show", str(card), now="2026-11-09T12:00")
    assert got["rounds"] == [
        {
            "at": "2026-10-28T09:30+00:00",
            "zone": "Europe/London",
            "label": "phone screen",
            "with": ["Bo", "Ann Lee"],
        },
        {"at": "2026-11-02T10:00+00:00", "zone": "Europe/London", "label": "", "with": ["Ann Lee"]},
        {"at": "2026-11-10T14:00+00:00", "zone": "Europe/London", "label": "final", "with": []},
    ]
    assert [c["name"] for c in got["contacts"]] == ["Ann Lee", "Bo"]  # a new name is a new contact
    assert got["interviewed_at"] == "2026-10-28T09:30"
    assert len(got["uid"]) == 36


def test_a_new_card_has_its_interview_as_its_one_round(cli: Cli) -> None:
    add(cli, "Acme", "2026-11-20 10:00", "--contact-name", "Ann Lee")
    got = cli.json("show", "1")
    assert got["rounds"] == [
        {"at": "2026-11-20T10:00+00:00", "zone": "Europe/London", "label": "", "with": ["Ann Lee"]}
    ]
    assert (row(cli, "2026-11-24T09:30")["rounds"], row(cli, "2026-11-24T09:30")["next_round_at"]) == (
        1,
        None,
    )


def test_a_time_is_read_in_the_employers_zone(cli: Cli) -> None:
    add(cli, "Acme", "2026-11-20 10:00", "--employer-tz", "America/New_York")
    cli.ok("round", "1", "--at", "2026-12-01 14:00")  # the card's employer zone
    cli.ok("round", "1", "--at", "2026-12-02 14:00", "--employer-tz", "Asia/Kolkata")
    cli.ok("round", "1", "--at", "2026-12-03T14:00+01:00")  # an offset names the moment
    got = cli.json("show", "1")["rounds"]
    assert [(r["at"], r["zone"]) for r in got[1:]] == [
        ("2026-12-01T14:00-05:00", "America/New_York"),
        ("2026-12-02T14:00+05:30", "Asia/Kolkata"),
        ("2026-12-03T08:00-05:00", "America/New_York"),
    ]


def test_a_round_is_removed_by_its_number_in_date_order(cli: Cli) -> None:
    card = worked_example(cli)
    before = Store(cli.db).get(card)
    cli.ok("round", str(card), "--at", "2026-11-20 09:00")
    assert cli.ok("round", str(card), "--remove", "3") == ""
    assert Store(cli.db).get(card) == before
    cli.ok("round", str(card), "--remove", "2")
    assert row(cli, "2026-11-10T16:00")["stage"] == "thanked"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["round", "9", "--at", "2026-11-10 14:00"], "no card with id 9"),
        (["round", "1", "--at", "someday"], "--at:"),
        (["round", "1", "--at", "2026-03-29 01:30"], "does not exist"),
        (["round", "1", "--at", "2026-11-10 14:00", "--employer-tz", "Mars/Base"], "unknown time zone"),
        (["round", "1", "--at", "2026-11-10 14:00"], "already a round"),
        (["round", "1", "--remove", "3"], "no round 3"),
        (["round", "1", "--remove", "0"], "no round 0"),
    ],
)
def test_mistakes_exit_1_with_one_line_and_the_file_untouched(
    cli: Cli, args: list[str], message: str
) -> None:
    worked_example(cli)
    before = cli.db.read_bytes()
    assert message in cli.fails(1, *args)
    assert cli.db.read_bytes() == before


def test_the_only_round_cannot_be_removed(cli: Cli) -> None:
    add(cli)
    before = cli.db.read_bytes()
    assert "the only round cannot be removed" in cli.fails(1, "round", "1", "--remove", "1")
    assert cli.db.read_bytes() == before


def test_at_or_remove_is_needed_and_remove_takes_nothing_else(cli: Cli) -> None:
    worked_example(cli)
    cli.fails(2, "round", "1")
    cli.fails(2, "round", "1", "--remove", "2", "--label", "x")


def test_json_export_and_import_round_trip_every_round(cli: Cli, tmp_path: Path) -> None:
    card = worked_example(cli)
    cli.ok("round", str(card), "--at", "2026-11-20 09:00", "--with", f"{HOSTILE},Ann Lee", "--label", HOSTILE)
    exported = tmp_path / "export.json"
    cli.ok("export", "--format", "json", "-o", str(exported))
    other = Cli(tmp_path / "other.json", cli.capsys)
    other.ok("import", str(exported))
    (mine,), (theirs,) = Store(cli.db).load(), Store(other.db).load()
    assert theirs.rounds == mine.rounds
    assert len(theirs.rounds) == 3
    assert theirs.uid == mine.uid  # the same application, on another board


def test_csv_export_has_a_rounds_column(cli: Cli) -> None:
    worked_example(cli)
    rows = list(csv.DictReader(io.StringIO(cli.ok("export", "--format", "csv"))))
    assert (
        rows[0]["rounds"]
        == "2026-11-02 10:00 Europe/London, with Ann Lee; 2026-11-10 14:00 Europe/London final"
    )


def test_ics_export_has_the_scheduled_round_as_a_timed_event_in_its_zone(cli: Cli) -> None:
    card = worked_example(cli)
    cli.ok("round", str(card), "--at", "2026-11-17 15:00", "--employer-tz", "America/New_York")
    data = cli.ok("export", "--format", "ics", now="2026-11-09T12:00").encode()
    events = {str(e["UID"]): e for e in Calendar.from_ical(data).walk("VEVENT")}
    final = events["followup-1-round-20261110T1400@followup"]
    assert str(final["SUMMARY"]) == "Final interview: Acme"
    start = final.decoded("DTSTART")
    assert (start.isoformat(), str(start.tzinfo)) == ("2026-11-10T14:00:00+00:00", "Europe/London")
    later = events["followup-1-round-20261117T1500@followup"].decoded("DTSTART")
    assert (later.isoformat(), str(later.tzinfo)) == ("2026-11-17T15:00:00-05:00", "America/New_York")
    assert b"BEGIN:VTIMEZONE" in data
    assert "followup-1-round-20261102T1000@followup" not in events  # held already


def test_round_is_listed_in_the_help(cli: Cli) -> None:
    code, out, _ = cli("--help")
    assert code == 0
    assert "    round " in out


def test_an_export_read_back_into_its_own_board_makes_copies_with_new_uids(cli: Cli, tmp_path: Path) -> None:
    worked_example(cli)
    exported = tmp_path / "export.json"
    cli.ok("export", "--format", "json", "-o", str(exported))
    cli.ok("import", str(exported))
    original, copy = Store(cli.db).load()
    assert copy.rounds == original.rounds
    assert copy.uid != original.uid
    assert len(copy.uid) == 36
