"""The work-search log: a hand-worked week, an empty one, each format, and the command."""

from __future__ import annotations

import csv
import io
import json
import stat
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.unit.cli_runner import Cli, add
from tui.domain import ops
from tui.domain.model import Contact, Event, EventKind, Interview
from tui.domain.report import (
    COLUMNS,
    Kind,
    contacts,
    kind_of,
    period,
    to_csv,
    to_json,
    to_markdown,
    week_of,
)
from tui.domain.stages import Outcome, Stage
from tui.domain.wall import WallTime
from tui.text import literal

ZONE = "Europe/London"
#: Friday 4 December 2026, 18:00: the week runs from Mon 30 Nov to Sun 6 Dec.
NOW = datetime(2026, 12, 4, 18, 0, tzinfo=ZoneInfo(ZONE))
MON, SUN = date(2026, 11, 30), date(2026, 12, 6)
NOTE = 'mentioned the "pipeline" project,\nand the team'


def card(
    card_id: int, company: str, at: datetime, role: str = "", contacts: tuple[Contact, ...] = ()
) -> Interview:
    return ops.new_interview(
        card_id=card_id,
        company=company,
        role=role,
        interviewed_at=WallTime(at, ZONE),
        created_on=at.date(),
        contacts=contacts,
    )


def week() -> list[Interview]:
    """A week with rounds (the interviews), calls, emails, a letter, a reply and a rejection."""
    ann = Contact("Ann Lee", "Head of Data", email="ann@acme.example")
    acme = card(1, "Acme Ltd", datetime(2026, 11, 30, 10, 0), "Data Analyst", (ann,))
    acme = ops.move(acme, Stage.THANKED, MON, note=NOTE)
    acme = ops.move(acme, Stage.CHECKED_IN, date(2026, 12, 4))
    # Birch: interviewed and chased before the week; the follow-up email and the reply fall in it.
    bo, cy = Contact("Bo Chen", "CTO", email="bo@birch.example"), Contact("Cy Dee")
    birch = card(2, "Birch & Co", datetime(2026, 11, 17, 9, 0), "Engineer", (bo, cy))
    birch = ops.move(birch, Stage.THANKED, date(2026, 11, 18))
    birch = ops.move(birch, Stage.CHECKED_IN, date(2026, 11, 25))
    birch = ops.move(birch, Stage.WAITING, date(2026, 12, 1), note="asked, again")
    birch = ops.log_reply(birch, date(2026, 12, 3), note="second round soon")
    birch = ops.instruct_wait(birch, date(2026, 12, 10), date(2026, 12, 3))  # not a contact
    # Cobalt: interviewed on Thursday, thanked the same day by post (no email known).
    eve = Contact("Eve Gray", "Recruiter", address="1 High St")
    cobalt = card(3, "Cobalt", datetime(2026, 12, 3, 14, 0), contacts=(eve,))
    cobalt = ops.move(cobalt, Stage.THANKED, date(2026, 12, 3))
    # Delta: waiting since November; a status check on Wednesday, rejected on Friday.
    delta = card(4, "Delta", datetime(2026, 11, 2, 11, 0), "Analyst", (Contact("Dee Fox"),))
    delta = ops.move(delta, Stage.WAITING, date(2026, 11, 10))
    delta = ops.log_followup(delta, date(2026, 12, 2))
    delta = ops.move(delta, Stage.CLOSED, date(2026, 12, 4), outcome=Outcome.REJECTED)
    # Echo: added on Monday for an interview next week; adding a card is not a contact.
    echo = ops.new_interview(
        card_id=5,
        company="Echo",
        interviewed_at=WallTime(datetime(2026, 12, 7, 10, 0), ZONE),
        created_on=MON,
    )
    # Fenn: interviewed tonight at 19:00, an hour after "now": not yet a contact.
    fenn = card(6, "Fenn", datetime(2026, 12, 4, 19, 0))
    return [acme, birch, cobalt, delta, echo, fenn]


#: The week's rows, worked out by hand: (date, employer, position, person, how, what, notes).
EXPECTED = [
    ("2026-11-30", "Acme Ltd", "Data Analyst", "Ann Lee (Head of Data)", "interview", "round 1", ""),
    ("2026-11-30", "Acme Ltd", "Data Analyst", "Ann Lee (Head of Data)", "email", "thank-you sent", NOTE),
    ("2026-12-01", "Birch & Co", "Engineer", "Bo Chen (CTO)", "email", "follow-up email", "asked, again"),
    ("2026-12-02", "Delta", "Analyst", "Dee Fox", "phone call", "status check", ""),
    ("2026-12-03", "Birch & Co", "Engineer", "Bo Chen (CTO)", "", "reply received", "second round soon"),
    ("2026-12-03", "Cobalt", "", "Eve Gray (Recruiter)", "interview", "round 1", ""),
    ("2026-12-03", "Cobalt", "", "Eve Gray (Recruiter)", "letter", "thank-you sent", ""),
    ("2026-12-04", "Acme Ltd", "Data Analyst", "Ann Lee (Head of Data)", "phone call", "check-in call", ""),
    ("2026-12-04", "Delta", "Analyst", "Dee Fox", "", "rejection", ""),
]


def test_a_week_of_contacts_row_by_row() -> None:
    rows = contacts(week(), MON, SUN, NOW)
    assert [(r.on.isoformat(), r.employer, r.position, r.person, r.how, r.what, r.notes) for r in rows] == (
        EXPECTED
    )


def test_a_round_lists_every_interviewer_and_the_rest_the_first() -> None:
    rows = contacts(week(), date(2026, 11, 17), date(2026, 11, 18), NOW)
    assert [(r.what, r.person) for r in rows] == [
        ("round 1", "Bo Chen (CTO); Cy Dee"),
        ("thank-you sent", "Bo Chen (CTO)"),
    ]


def test_a_round_counts_once_its_time_has_passed() -> None:
    fenn = week()[5]
    assert contacts([fenn], MON, SUN, NOW) == []
    later = datetime(2026, 12, 4, 19, 0, tzinfo=ZoneInfo(ZONE))
    assert [r.what for r in contacts([fenn], MON, SUN, later)] == ["round 1"]


@pytest.mark.parametrize(
    ("event", "kind"),
    [
        (Event(EventKind.CREATED, MON), None),
        (Event(EventKind.MOVED, MON, stage=Stage.THANKED, from_stage=Stage.INTERVIEWED), Kind.THANK_YOU),
        (Event(EventKind.MOVED, MON, stage=Stage.CHECKED_IN, from_stage=Stage.THANKED), Kind.CHECK_IN_CALL),
        (Event(EventKind.MOVED, MON, stage=Stage.WAITING, from_stage=Stage.THANKED), Kind.FOLLOW_UP_EMAIL),
        (Event(EventKind.MOVED, MON, stage=Stage.THANKED, from_stage=Stage.CHECKED_IN), None),
        (Event(EventKind.MOVED, MON, stage=Stage.WAITING, from_stage=Stage.CLOSED), None),
        (
            Event(EventKind.MOVED, MON, stage=Stage.CLOSED, from_stage=Stage.WAITING, outcome=Outcome.OFFER),
            Kind.OFFER,
        ),
        (
            Event(
                EventKind.MOVED,
                MON,
                stage=Stage.CLOSED,
                from_stage=Stage.WAITING,
                outcome=Outcome.NO_RESPONSE,
            ),
            None,
        ),
        (Event(EventKind.FOLLOWUP, MON, stage=Stage.THANKED), Kind.FOLLOW_UP_CALL),
        (Event(EventKind.FOLLOWUP, MON, stage=Stage.CHECKED_IN), Kind.FOLLOW_UP_EMAIL),
        (Event(EventKind.FOLLOWUP, MON, stage=Stage.WAITING), Kind.STATUS_CHECK),
        (Event(EventKind.REPLY, MON, stage=Stage.WAITING), Kind.REPLY),
        (Event(EventKind.CLEARED, MON), None),
    ],
)
def test_which_events_are_contacts(event: Event, kind: Kind | None) -> None:
    assert kind_of(event) is kind


def test_the_default_period_is_this_week_monday_to_sunday() -> None:
    assert week_of(date(2026, 12, 4)) == (MON, SUN)
    assert week_of(MON) == (MON, SUN)
    assert week_of(SUN) == (MON, SUN)
    assert period(date(2026, 12, 4), None, None) == (MON, SUN)
    assert period(date(2026, 12, 4), date(2026, 12, 2), None) == (date(2026, 12, 2), date(2026, 12, 8))
    assert period(date(2026, 12, 4), None, date(2026, 12, 2)) == (date(2026, 11, 26), date(2026, 12, 2))
    with pytest.raises(ValueError, match="before it starts"):
        period(date(2026, 12, 4), SUN, MON)


def test_markdown_of_the_week() -> None:
    text = to_markdown(contacts(week(), MON, SUN, NOW), MON, SUN, literal)
    lines = text.splitlines()
    assert lines[0] == "# Work-search log: Mon 2026-11-30 to Sun 2026-12-06"
    assert lines[2] == "| Date | Employer | Position | Person contacted | How | What happened | Notes |"
    assert lines[3] == "|---|---|---|---|---|---|---|"
    assert lines[4] == (
        "| Mon 2026-11-30 | Acme Ltd | Data Analyst | Ann Lee (Head of Data) | interview | round 1 | — |"
    )
    # a note's line break shows as a mark: the row stays one line of the table
    assert lines[5].endswith('| email | thank-you sent | mentioned the "pipeline" project, ⏎ and the team |')
    assert lines[8] == (
        "| Thu 2026-12-03 | Birch & Co | Engineer | Bo Chen (CTO) | — | reply received | second round soon |"
    )
    assert len(lines) == 4 + len(EXPECTED) + 2
    assert lines[-1] == "9 contacts with 4 employers."


def test_markdown_keeps_user_text_as_data() -> None:
    hostile = card(1, "A|B \x1b[2J", datetime(2026, 11, 30, 9, 0), "[b]x[/b]")
    text = to_markdown(contacts([hostile], MON, SUN, NOW), MON, SUN, literal)
    assert "\x1b" not in text
    assert "| A\\|B ␛[2J | [b]x[/b] |" in text


def test_an_empty_week() -> None:
    first, last = date(2026, 10, 26), date(2026, 11, 1)  # the week before Delta's interview
    rows = contacts(week(), first, last, NOW)
    assert rows == []
    assert to_markdown(rows, first, last, literal) == (
        "# Work-search log: Mon 2026-10-26 to Sun 2026-11-01\n\nNo contacts with employers in this period.\n"
    )
    assert to_csv(rows) == "\ufeff" + ",".join(COLUMNS) + "\r\n"
    assert to_json(rows, first, last) == {"from": "2026-10-26", "to": "2026-11-01", "contacts": []}


def test_csv_reads_back_row_for_row() -> None:
    text = to_csv(contacts(week(), MON, SUN, NOW))
    assert text.startswith("\ufeffdate,employer,position,person contacted,how,what happened,notes\r\n")
    # the note's comma, quotes and line break are quoted, not split across cells or rows
    assert '"mentioned the ""pipeline"" project,\nand the team"' in text
    assert '"Birch & Co",' not in text  # quoting only where needed
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert rows[0] == list(COLUMNS)
    assert [tuple(row) for row in rows[1:]] == EXPECTED


def test_csv_cells_that_look_like_formulas_stay_text() -> None:
    sneaky = card(1, '=HYPERLINK("http://x")', datetime(2026, 11, 30, 9, 0), "+44 20 7946 0000")
    sneaky = ops.log_followup(sneaky, MON, note="-left a voicemail")
    rows = list(csv.reader(io.StringIO(to_csv(contacts([sneaky], MON, SUN, NOW)).lstrip("\ufeff"))))
    assert rows[1][1:3] == ['\'=HYPERLINK("http://x")', "'+44 20 7946 0000"]
    assert rows[2][6] == "'-left a voicemail"


def test_json_has_the_period_and_each_person() -> None:
    data = to_json(contacts(week(), MON, SUN, NOW), MON, SUN)
    assert json.loads(json.dumps(data)) == data
    assert (data["from"], data["to"]) == ("2026-11-30", "2026-12-06")
    first = data["contacts"][0]
    assert first == {
        "date": "2026-11-30",
        "card": 1,
        "employer": "Acme Ltd",
        "position": "Data Analyst",
        "people": [{"name": "Ann Lee", "title": "Head of Data"}],
        "person": "Ann Lee (Head of Data)",
        "kind": "round",
        "how": "interview",
        "what": "round 1",
        "notes": "",
    }
    assert [c["kind"] for c in data["contacts"]][-2:] == ["check_in_call", "rejected"]


# -- the command


NOW_TEXT = "2026-12-04T18:00"


def _week_on_the_command_line(cli: Cli) -> None:
    add(cli, "Acme Ltd", "2026-11-30 10:00", "--role", "Data Analyst", "--contact-name", "Ann Lee")
    cli.ok("move", "1", "thanked", "--on", "2026-11-30", "--note", NOTE, now=NOW_TEXT)
    cli.ok("log", "1", "reply", "--on", "2026-12-03", now=NOW_TEXT)
    add(cli, "Zed", "2026-11-20 10:00")  # interviewed the week before
    cli.ok("move", "2", "thanked", "--on", "2026-11-23", now=NOW_TEXT)


def test_report_prints_this_week_as_markdown(cli: Cli) -> None:
    _week_on_the_command_line(cli)
    out = cli.ok("report", now=NOW_TEXT)
    assert out.startswith("# Work-search log: Mon 2026-11-30 to Sun 2026-12-06\n")
    assert "| round 1 |" in out
    assert "| reply received |" in out
    assert "Zed" not in out
    assert out.endswith("3 contacts with 1 employer.\n")
    last_week = cli.ok("report", "--from", "2026-11-23", now=NOW_TEXT)
    assert "| Mon 2026-11-23 | Zed | — | — | email | thank-you sent | — |" in last_week


def test_report_csv_to_a_private_file(cli: Cli, tmp_path: Path) -> None:
    _week_on_the_command_line(cli)
    target = tmp_path / "log.csv"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    assert cli.ok("report", "--format", "csv", "-o", str(target), now=NOW_TEXT) == ""
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(COLUMNS)
    assert [row[5] for row in rows[1:]] == ["round 1", "thank-you sent", "reply received"]
    assert rows[2][6] == NOTE
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".log.csv")] == []


def test_report_json_and_an_empty_period(cli: Cli) -> None:
    _week_on_the_command_line(cli)
    data = json.loads(cli.ok("report", "--format", "json", now=NOW_TEXT))
    assert [c["what"] for c in data["contacts"]] == ["round 1", "thank-you sent", "reply received"]
    empty = cli.ok("report", "--from", "2026-12-07", "--to", "2026-12-13", now=NOW_TEXT)
    assert empty.endswith("\n\nNo contacts with employers in this period.\n")


def test_report_mistakes(cli: Cli) -> None:
    assert "before it starts" in cli.fails(2, "report", "--from", "2026-12-06", "--to", "2026-12-01")
    assert "not a date" in cli.fails(1, "report", "--from", "someday")
    assert "invalid choice" in cli.fails(2, "report", "--format", "xlsx")


def test_the_week_is_the_users_own(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Sunday 23:30 in London is already Monday in Tokyo: each sees its own week."""
    from tui.cli import main

    base = ["--db", str(tmp_path / "b.json"), "--now", "2026-12-06T23:30+00:00"]
    assert main([*base, "--tz", "Europe/London", "report", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["from"] == "2026-11-30"
    assert main([*base, "--tz", "Asia/Tokyo", "report", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["from"] == "2026-12-07"
