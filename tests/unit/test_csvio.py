"""CSV in and out: header-driven, all-or-nothing import; export that imports back."""

from __future__ import annotations

import io
import json
from datetime import date, datetime
from pathlib import Path

import pytest

from tui.codec import card_to_dict
from tui.csvio import COLUMNS, CsvError, parse_csv, read_csv, read_export_json, write_csv
from tui.domain import ops
from tui.domain.model import Contact, EventKind, Interview
from tui.domain.stages import Outcome, Stage
from tui.domain.wall import WallTime

TODAY = date(2026, 11, 24)
ZONE = "Europe/London"


def cards(text: str) -> list[Interview]:
    return [make(n) for n, make in enumerate(parse_csv(text, TODAY, ZONE), start=1)]


def problems(text: str) -> list[str]:
    with pytest.raises(CsvError) as caught:
        parse_csv(text, TODAY, ZONE)
    return caught.value.problems


def test_the_two_required_columns_make_a_card() -> None:
    [card] = cards("company,interviewed_at\nAcme,2026-11-20 10:00\n")
    assert card.id == 1
    assert card.company == "Acme"
    assert f"{card.interviewed_at.local:%Y-%m-%d %H:%M}" == "2026-11-20 10:00"
    assert card.interviewed_at.zone == ZONE
    assert card.stage is Stage.INTERVIEWED
    assert card.contacts == ()


def test_every_optional_column() -> None:
    text = (
        "company,interviewed_at,role,stage,stage_on,employer_zone,contact_name,contact_title,"
        "contact_email,contact_phone,contact_address,notes\n"
        "Acme,2026-11-20 15:00,Analyst,checked_in,2026-11-23,America/New_York,Ann,Lead,a@x.io,+1 555,"
        '"1 Road\nTown","two\nlines"\n'
    )
    [card] = cards(text)
    assert card.role == "Analyst"
    assert card.stage is Stage.CHECKED_IN
    assert card.employer_zone == "America/New_York"
    assert card.interviewed_at.zone == "America/New_York"
    assert card.contacts == (Contact("Ann", "Lead", "a@x.io", "+1 555", "1 Road\nTown"),)
    assert card.notes == "two\nlines"
    moves = [(e.stage, e.on) for e in card.events if e.kind is EventKind.MOVED]
    assert moves == [(Stage.THANKED, date(2026, 11, 23)), (Stage.CHECKED_IN, date(2026, 11, 23))]


def test_a_later_stage_is_reached_through_each_stage_dated_the_interview_day_by_default() -> None:
    [card] = cards("company,interviewed_at,stage\nAcme,2026-11-20,waiting\n")
    moves = [(e.stage, e.on) for e in card.events if e.kind is EventKind.MOVED]
    assert moves == [(s, date(2026, 11, 20)) for s in (Stage.THANKED, Stage.CHECKED_IN, Stage.WAITING)]


def test_closed_needs_an_outcome_and_only_closed_takes_one() -> None:
    [card] = cards("company,interviewed_at,stage,outcome\nAcme,2026-11-20,closed,offer\n")
    assert (card.stage, card.outcome) == (Stage.CLOSED, Outcome.OFFER)
    got = problems("company,interviewed_at,stage,outcome\nA,2026-11-20,closed,\nB,2026-11-20,thanked,offer\n")
    assert got[0].startswith("line 2: a closed card needs an outcome")
    assert got[1] == "line 3: an outcome is only for stage closed"


def test_words_for_dates_are_read_against_today() -> None:
    [card] = cards("company,interviewed_at\nAcme,yesterday 14:00\n")
    assert card.interview_day == date(2026, 11, 23)


def test_an_interview_zone_column_sets_the_wall_clock_zone() -> None:
    [card] = cards("company,interviewed_at,interview_zone\nAcme,2026-11-20 09:00,Asia/Tokyo\n")
    assert card.interviewed_at.zone == "Asia/Tokyo"


def test_bom_header_case_spaces_and_blank_lines_are_tolerated() -> None:
    text = "\ufeff Company , Interviewed_At \n\nAcme,2026-11-20\n  \nBeta,2026-11-21\n"
    assert [c.company for c in cards(text)] == ["Acme", "Beta"]


def test_crlf_line_ends() -> None:
    assert len(cards("company,interviewed_at\r\nA,2026-11-20\r\nB,2026-11-21\r\n")) == 2


def test_every_bad_row_is_reported_by_its_line() -> None:
    text = (
        "company,interviewed_at,stage,employer_zone,stage_on\n"  # line 1
        "Good,2026-11-20,,,\n"  # 2
        ",2026-11-20,,,\n"  # 3
        "X,,,,\n"  # 4
        "Y,not a date,,,\n"  # 5
        "Z,2026-11-20,nowhere,,\n"  # 6
        "W,2026-11-20,,Mars/Base,\n"  # 7
        "V,2026-11-20,thanked,,2026-11-01\n"  # 8
        "U,2026-11-20,,,,extra\n"  # 9
    )
    got = problems(text)
    assert [p.split(":")[0] for p in got] == [f"line {n}" for n in range(3, 10)]
    assert got[0] == "line 3: company is empty"
    assert got[1] == "line 4: interviewed_at is empty"
    assert "not a date" in got[2]
    assert got[3].startswith("line 6: unknown stage 'nowhere'")
    assert "Mars/Base" in got[4]
    assert "before the interview" in got[5]
    assert got[6] == "line 9: 6 values but only 5 columns"


def test_line_numbers_count_lines_inside_quoted_values() -> None:
    text = 'company,interviewed_at,notes\nA,2026-11-20,"one\ntwo\nthree"\nB,soon,\n'
    [problem] = problems(text)
    assert problem.startswith("line 5: ")


def test_short_rows_leave_the_other_columns_blank() -> None:
    [card] = cards("company,interviewed_at,role\nAcme,2026-11-20\n")
    assert card.role == ""


def test_header_problems_list_the_allowed_columns() -> None:
    got = problems("company,when,colour,company\nA,2026-11-20,red,A\n")
    assert got[0] == "line 1: missing column(s): interviewed_at"
    assert got[1].startswith("line 1: unknown column(s): when, colour (allowed: company, interviewed_at, ")
    assert got[1].endswith(", notes, id, rounds)")
    assert got[2] == "line 1: repeated column(s): company"


def test_an_empty_file_has_no_header() -> None:
    assert problems("") == ["line 1: no header row (need at least: company, interviewed_at)"]
    assert parse_csv("company,interviewed_at\n", TODAY, ZONE) == []


def test_a_broken_quote_is_a_problem_not_a_crash() -> None:
    got = problems('company,interviewed_at\n"A,2026-11-20\n')
    assert got
    assert got[0].startswith("line ")


def test_read_csv_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes("company,interviewed_at\nZoë,2026-11-20\n".encode())
    [make] = read_csv(path, TODAY, ZONE)
    assert make(7).company == "Zoë"
    assert make(7).id == 7


def test_read_csv_refuses_what_it_cannot_read(tmp_path: Path) -> None:
    latin = tmp_path / "latin.csv"
    latin.write_bytes("company,interviewed_at\nZo\xeb,2026-11-20\n".encode("latin-1"))
    with pytest.raises(CsvError, match="not UTF-8"):
        read_csv(latin, TODAY, ZONE)
    with pytest.raises(CsvError, match="cannot read"):
        read_csv(tmp_path / "missing.csv", TODAY, ZONE)


def sample_cards() -> list[Interview]:
    at = WallTime(datetime(2026, 11, 19, 15, 30), ZONE)
    plain = ops.new_interview(card_id=1, company="Acme, Inc.", interviewed_at=at, created_on=TODAY)
    full = ops.new_interview(
        card_id=2,
        company='Quote " Co',
        role="Dev\nOps",
        interviewed_at=WallTime(at.local, "America/New_York"),
        created_on=TODAY,
        employer_zone="America/New_York",
        contacts=[Contact("Ann", "Lead", "a@x.io", "+1", "1 Road\nTown")],
        notes="=1+1\n[bold]x[/]\x1b[2J",
    )
    full = ops.move(full, Stage.THANKED, date(2026, 11, 20))
    full = ops.move(full, Stage.WAITING, date(2026, 11, 23))
    closed = ops.move(
        ops.new_interview(card_id=5, company="Gone", interviewed_at=at, created_on=TODAY),
        Stage.CLOSED,
        date(2026, 11, 21),
        outcome=Outcome.WITHDRAWN,
    )
    return [plain, full, closed]


def test_write_csv_then_read_csv_keeps_the_cards() -> None:
    originals = sample_cards()
    text = write_csv(originals)
    assert text.splitlines()[0] == ",".join((*COLUMNS, "id", "rounds"))
    back = cards(text)
    for x, y in zip(originals, back, strict=True):
        assert (x.company, x.role, x.interviewed_at, x.employer_zone, x.contacts, x.notes) == (
            y.company, y.role, y.interviewed_at, y.employer_zone, y.contacts, y.notes,
        )  # fmt: skip
        assert (x.stage, x.outcome) == (y.stage, y.outcome)
    assert [e.on for e in back[1].events if e.kind is EventKind.MOVED][-1] == date(2026, 11, 23)
    # Imported today, closed on an earlier day: the timeline is in date order, its moves first.
    *moves, created = back[2].events
    assert {(e.kind, e.on) for e in moves} == {(EventKind.MOVED, date(2026, 11, 21))}
    assert moves[-1].stage is Stage.CLOSED
    assert (created.kind, created.on) == (EventKind.CREATED, TODAY)


def test_write_csv_writes_to_a_stream_too() -> None:
    out = io.StringIO(newline="")
    text = write_csv(sample_cards(), out)
    assert out.getvalue() == text
    assert text.endswith("\r\n")


def test_write_csv_of_no_cards_is_a_header() -> None:
    assert write_csv([]) == ",".join((*COLUMNS, "id", "rounds")) + "\r\n"


def test_read_export_json_keeps_whole_timelines(tmp_path: Path) -> None:
    originals = sample_cards()
    path = tmp_path / "export.json"
    records = [{"id": c.id, **card_to_dict(c)} for c in originals]
    path.write_text(json.dumps({"version": 1, "cards": records}), encoding="utf-8")
    makes = read_export_json(path)
    back = [make(10 + n) for n, make in enumerate(makes)]
    assert [c.id for c in back] == [10, 11, 12]
    assert [c.events for c in back] == [c.events for c in originals]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[]", "not a followup export"),
        ('{"version": 2, "cards": []}', "version 2"),
        ('{"version": 1, "cards": [{"company": "A"}]}', "card 1:"),
        ('{"version": 1, "cards": ["x"]}', "card 1:"),
        ("{", "not valid JSON"),
    ],
)
def test_read_export_json_refuses_what_is_not_an_export(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CsvError, match=message):
        read_export_json(path)


def test_ten_thousand_rows() -> None:
    rows = "".join(f"Company {n},2026-11-{1 + n % 20:02} 10:00,thanked\n" for n in range(10_000))
    makes = parse_csv("company,interviewed_at,stage\n" + rows, TODAY, ZONE)
    assert len(makes) == 10_000
    assert makes[-1](10_000).company == "Company 9999"
