"""The public worked examples of the rule book, driven through the command line."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tui.cli import run


def cli(db: Path, now: str, *args: str) -> str:
    out = io.StringIO()
    assert run(["--db", str(db), "--now", now, "--tz", "Europe/London", *args], out=out) == 0
    return out.getvalue()


def status(db: Path, now: str) -> dict[str, object]:
    rows = json.loads(cli(db, now, "list", "--json"))
    assert len(rows) == 1
    return rows[0]  # type: ignore[no-any-return]


SETUP_NOW = "2026-11-24T09:30"


def interview_fri_20(db: Path) -> None:
    cli(db, "2026-11-20T08:00", "add", "--company", "Acme", "--interviewed", "2026-11-20 10:00")


def thanked_mon_23(db: Path) -> None:
    interview_fri_20(db)
    cli(db, SETUP_NOW, "move", "1", "thanked", "--on", "2026-11-23")


def thanked_with_contact_on_wed(db: Path) -> None:
    thanked_mon_23(db)
    cli(db, SETUP_NOW, "instruct", "1", "--contact-on", "2026-11-25", "--on", "2026-11-23")


EXAMPLES = [
    # Interview Fri 20 Nov 10:00: thank-you opens Fri 20, due by Mon 23.
    (interview_fri_20, "2026-11-22T12:00", "due", "2026-11-20", "2026-11-23"),
    (interview_fri_20, "2026-11-24T12:00", "overdue", "2026-11-20", "2026-11-23"),
    (interview_fri_20, "2026-11-20T09:00", "premature", "2026-11-20", "2026-11-23"),
    # Thanked Mon 23 Nov: check-in opens Mon 30 Nov, due by Mon 7 Dec.
    (thanked_mon_23, "2026-11-27T12:00", "premature", "2026-11-30", "2026-12-07"),
    (thanked_mon_23, "2026-12-02T12:00", "due", "2026-11-30", "2026-12-07"),
    (thanked_mon_23, "2026-12-08T12:00", "overdue", "2026-11-30", "2026-12-07"),
    # Thanked Mon 23 Nov, told "contact on Wed 25 Nov".
    (thanked_with_contact_on_wed, "2026-11-24T12:00", "premature", "2026-11-25", "2026-11-25"),
    (thanked_with_contact_on_wed, "2026-11-25T12:00", "due", "2026-11-25", "2026-11-25"),
    (thanked_with_contact_on_wed, "2026-11-26T12:00", "overdue", "2026-11-25", "2026-11-25"),
]


@pytest.mark.parametrize(
    ("setup", "now", "expected", "opens", "due_by"),
    EXAMPLES,
    ids=[f"{e[0].__name__}@{e[1]}" for e in EXAMPLES],
)
def test_worked_example(
    tmp_path: Path, setup: object, now: str, expected: str, opens: str, due_by: str
) -> None:
    db = tmp_path / "board.json"
    setup(db)  # type: ignore[operator]
    row = status(db, now)
    assert (row["status"], row["opens_on"], row["due_by"]) == (expected, opens, due_by)
