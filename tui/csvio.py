"""CSV in and out: a spreadsheet of interviews becomes cards, and back.

Import is header-driven and all-or-nothing: every bad row is reported with its
line number and nothing is written unless every row is good. Export writes the
same columns, so an export imports back.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TextIO

import msgspec

from tui.domain import ops
from tui.domain.dates import DateError, parse_day, parse_when
from tui.domain.model import Contact, Interview
from tui.domain.stages import STAGES, Outcome, Stage
from tui.domain.wall import WallTime, WallTimeError, check_zone

REQUIRED = ("company", "interviewed_at")
OPTIONAL = (
    "role",
    "stage",
    "stage_on",
    "outcome",
    "interview_zone",
    "employer_zone",
    "contact_name",
    "contact_title",
    "contact_email",
    "contact_phone",
    "contact_address",
    "notes",
)
#: Columns that an export adds and an import accepts and ignores (the rounds are for reading:
#: a JSON export carries them back).
IGNORED = ("id", "rounds")
COLUMNS = REQUIRED + OPTIONAL


class CsvError(ValueError):
    """The file cannot be imported; ``problems`` lists every reason, "line N: ..."."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems[:3]))
        self.problems = problems


def read_csv(path: Path, today: date, zone_name: str) -> list[Callable[[int], Interview]]:
    """One card maker per row of ``path``; CsvError if any row is bad."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CsvError([f"not UTF-8 text ({exc.reason} at byte {exc.start})"]) from exc
    except OSError as exc:
        raise CsvError([f"cannot read: {exc.strerror or exc}"]) from exc
    return parse_csv(text, today, zone_name)


def parse_csv(text: str, today: date, zone_name: str) -> list[Callable[[int], Interview]]:
    """Like :func:`read_csv`, from the text of the file."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    header: list[str] = []
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                header = [cell.strip().lower() for cell in row]
                break
    except csv.Error as exc:
        raise CsvError([f"line {reader.line_num}: {exc}"]) from exc
    problems = _check_header(header, reader.line_num or 1)
    if problems:
        raise CsvError(problems)
    makes: list[Callable[[int], Interview]] = []
    while True:
        line = reader.line_num + 1  # where the next record starts (a quoted value may span lines)
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(f"line {line}: {exc}")
            break
        if not any(cell.strip() for cell in row):
            continue  # a blank line
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header) :]):
            problems.append(f"line {line}: {len(row)} values but only {len(header)} columns")
            continue
        record = dict(zip(header, row + [""] * (len(header) - len(row)), strict=False))
        try:
            makes.append(_maker(record, today, zone_name))
        except (ValueError, DateError, WallTimeError) as exc:
            problems.append(f"line {line}: {' '.join(str(exc).split())}")
    if problems:
        raise CsvError(problems)
    return makes


def _check_header(header: list[str], line: int) -> list[str]:
    if not header:
        return [f"line {line}: no header row (need at least: {', '.join(REQUIRED)})"]
    problems = []
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        problems.append(f"line {line}: missing column(s): {', '.join(missing)}")
    unknown = [name or "(blank)" for name in header if name not in COLUMNS and name not in IGNORED]
    if unknown:
        allowed = ", ".join((*COLUMNS, *IGNORED))
        problems.append(f"line {line}: unknown column(s): {', '.join(unknown)} (allowed: {allowed})")
    dupes = sorted({name for name in header if header.count(name) > 1})
    if dupes:
        problems.append(f"line {line}: repeated column(s): {', '.join(dupes)}")
    return problems


def _maker(record: dict[str, str], today: date, zone_name: str) -> Callable[[int], Interview]:
    company = record["company"].strip()
    if not company:
        raise ValueError("company is empty")
    employer_zone = record.get("employer_zone", "").strip()
    if employer_zone:
        check_zone(employer_zone)
    when_text = record["interviewed_at"].strip()
    if not when_text:
        raise ValueError("interviewed_at is empty")
    interview_zone = record.get("interview_zone", "").strip()
    if interview_zone:
        check_zone(interview_zone)
    when = parse_when(when_text, today, interview_zone or employer_zone or zone_name, "past")
    stage_text = record.get("stage", "").strip()
    stage = Stage.parse(stage_text) if stage_text else Stage.INTERVIEWED
    outcome_text = record.get("outcome", "").strip()
    outcome = Outcome.parse(outcome_text) if outcome_text else None
    if stage is Stage.CLOSED and outcome is None:
        raise ValueError(
            "a closed card needs an outcome (offer, accepted, declined, rejected, withdrawn, no_response)"
        )
    if outcome is not None and stage is not Stage.CLOSED:
        raise ValueError("an outcome is only for stage closed")
    stage_on_text = record.get("stage_on", "").strip()
    stage_on = parse_day(stage_on_text, today, "past") if stage_on_text else when.local.date()
    contact = Contact(
        name=record.get("contact_name", ""),
        title=record.get("contact_title", ""),
        email=record.get("contact_email", ""),
        phone=record.get("contact_phone", ""),
        address=record.get("contact_address", ""),
    )
    notes = record.get("notes", "")

    def make(card_id: int) -> Interview:
        card = ops.new_interview(
            card_id=card_id,
            company=company,
            role=record.get("role", ""),
            interviewed_at=when,
            created_on=today,
            employer_zone=employer_zone,
            contacts=[contact],
            notes=notes,
        )
        return _walk_to(card, stage, stage_on, outcome)

    make(1)  # every check the domain makes, now, so the row's line number is reported
    return make


def _walk_to(card: Interview, stage: Stage, on: date, outcome: Outcome | None) -> Interview:
    """Move a new card forward stage by stage to ``stage``, all dated ``on``."""
    for step in STAGES[1 : STAGES.index(stage) + 1]:
        card = ops.move(card, step, on, outcome=outcome if step is Stage.CLOSED else None)
    return card


def _stage_on(card: Interview) -> str:
    moves = [e for e in card.events if e.stage is card.stage and e.kind.value == "moved"]
    return moves[-1].on.isoformat() if moves else ""


def write_csv(cards: Iterable[Interview], out: TextIO | None = None) -> str:
    """The cards as CSV with the import's columns (first contact only) plus their id and rounds.

    Written to ``out`` when given (open it with ``newline=""``); the text is returned too.
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow((*COLUMNS, *IGNORED))
    for card in cards:
        first = card.contacts[0] if card.contacts else Contact()
        writer.writerow(
            (
                card.company,
                _wall_text(card.interviewed_at),
                card.role,
                card.stage.value,
                _stage_on(card),
                card.outcome.value if card.outcome else "",
                card.interviewed_at.zone,
                card.employer_zone,
                first.name,
                first.title,
                first.email,
                first.phone,
                first.address,
                card.notes,
                card.id,
                rounds_text(card),
            )
        )
    text = buffer.getvalue()
    if out is not None:
        out.write(text)
    return text


def rounds_text(card: Interview) -> str:
    """Every round, "; " between them: ``2026-11-10 14:00 America/New_York final, with Ann Lee, Bo``."""
    parts = []
    for held in card.all_rounds:
        text = f"{_wall_text(held.at)} {held.at.zone}"
        if held.label:
            text += f" {held.label}"
        if held.met:
            text += f", with {', '.join(held.met)}"
        parts.append(text)
    return "; ".join(parts)


def _wall_text(at: WallTime) -> str:
    return f"{at.local:%Y-%m-%d %H:%M}"


def read_export_json(path: Path, taken: Iterable[str] = ()) -> list[Callable[[int], Interview]]:
    """One card maker per card of a ``followup export`` JSON file, with its whole timeline and rounds.

    The cards get new ids on import. Each keeps its uid (the same application,
    on another board) unless it has none or a card already has it (``taken``:
    the board's uids; an export read back into its own board makes copies),
    and then gets a new one. CsvError lists every bad card by its place in the file.
    """
    import json

    from tui.codec import CodecError, card_from_dict

    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise CsvError([f"not UTF-8 text ({exc.reason} at byte {exc.start})"]) from exc
    except json.JSONDecodeError as exc:
        raise CsvError([f"line {exc.lineno}: not valid JSON ({exc.msg})"]) from exc
    except OSError as exc:
        raise CsvError([f"cannot read: {exc.strerror or exc}"]) from exc
    if not isinstance(data, dict) or not isinstance(data.get("cards"), list):
        raise CsvError(['not a followup export (expected {"version": 1, "cards": [...]})'])
    if data.get("version") != 1:
        raise CsvError([f"export version {data.get('version')!r} is not supported (only 1)"])
    makes: list[Callable[[int], Interview]] = []
    problems: list[str] = []
    seen = set(taken)
    for index, record in enumerate(data["cards"], start=1):
        try:
            card = card_from_dict(1, record)
            if not card.company.strip():
                raise CodecError("company is empty")
        except CodecError as exc:
            problems.append(f"card {index}: {str(exc).removeprefix('card 1: ')}")
            continue
        if not card.uid or card.uid in seen:
            card = msgspec.structs.replace(card, uid=ops.new_uid())
        seen.add(card.uid)
        makes.append(_renumbered(card))
    if problems:
        raise CsvError(problems)
    return makes


def _renumbered(card: Interview) -> Callable[[int], Interview]:
    def make(card_id: int) -> Interview:
        return msgspec.structs.replace(card, id=card_id)

    return make
