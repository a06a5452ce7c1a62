"""The rule book's worked examples, and more cases worked from its rules, driven through the CLI.

Each scenario is a list of commands (run at the given moment); each check then
reads ``list --json`` at another moment and compares the status and window.
Dates worked by hand: bd(D, n) is n business days after D (Mon-Fri, minus holidays).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tui.cli import main

ZONE = ["--tz", "Europe/London"]


@dataclass(frozen=True)
class Step:
    now: str
    args: tuple[str, ...]


@dataclass(frozen=True)
class Check:
    now: str
    status: str
    opens_on: str | None
    due_by: str | None
    nag: bool | None = None  # None: not checked
    options: tuple[str, ...] = field(default_factory=tuple)  # extra global options for the check


def step(now: str, *args: str) -> Step:
    return Step(now, args)


def interview(when: str, *extra: str) -> Step:
    return step("2026-11-19T08:00", "add", "--company", "Acme", "--interviewed", when, *extra)


FRI_20 = interview("2026-11-20 10:00")
THANKED_MON_23 = step("2026-11-23T18:00", "move", "1", "thanked", "--on", "2026-11-23")
CHECKED_IN_TUE_24 = step("2026-11-24T18:00", "move", "1", "checked_in", "--on", "2026-11-24")
WAITING_WED_25 = step("2026-11-25T18:00", "move", "1", "waiting", "--on", "2026-11-25")
CONTACT_ON_WED_25 = step(
    "2026-11-23T18:00", "instruct", "1", "--contact-on", "2026-11-25", "--on", "2026-11-23"
)

SCENARIOS: dict[str, tuple[list[Step], list[Check]]] = {
    # -- the public worked examples of POLICY.md
    "policy: interview Fri 20 Nov 10:00": (
        [FRI_20],
        [
            Check("2026-11-22T12:00", "due", "2026-11-20", "2026-11-23"),
            Check("2026-11-24T12:00", "overdue", "2026-11-20", "2026-11-23"),
            Check("2026-11-20T09:00", "premature", "2026-11-20", "2026-11-23"),
        ],
    ),
    "policy: thanked Mon 23 Nov": (
        [FRI_20, THANKED_MON_23],
        [
            Check("2026-11-27T12:00", "premature", "2026-11-30", "2026-12-07"),
            Check("2026-12-02T12:00", "due", "2026-11-30", "2026-12-07"),
            Check("2026-12-08T12:00", "overdue", "2026-11-30", "2026-12-07"),
        ],
    ),
    "policy: thanked Mon 23 Nov, contact on Wed 25": (
        [FRI_20, THANKED_MON_23, CONTACT_ON_WED_25],
        [
            Check("2026-11-24T12:00", "premature", "2026-11-25", "2026-11-25"),
            Check("2026-11-25T12:00", "due", "2026-11-25", "2026-11-25"),
            Check("2026-11-26T12:00", "overdue", "2026-11-25", "2026-11-25"),
        ],
    ),
    # -- worked from the rules
    "the window's edges: open day and due day are due, the day after is overdue": (
        [FRI_20, THANKED_MON_23],
        [
            Check("2026-11-29T23:59", "premature", "2026-11-30", "2026-12-07"),
            Check("2026-11-30T00:00", "due", "2026-11-30", "2026-12-07"),
            Check("2026-12-07T23:59", "due", "2026-11-30", "2026-12-07"),
            Check("2026-12-08T00:00", "overdue", "2026-11-30", "2026-12-07"),
        ],
    ),
    "a date alone for --now is the start of that day": (
        [FRI_20],
        [Check("2026-11-20", "premature", "2026-11-20", "2026-11-23")],
    ),
    "interview on a Saturday: due by Monday": (
        [interview("2026-11-21 10:00")],
        [
            Check("2026-11-21T12:00", "due", "2026-11-21", "2026-11-23"),
            Check("2026-11-24T12:00", "overdue", "2026-11-21", "2026-11-23"),
        ],
    ),
    "today is the date in the user's zone": (
        [FRI_20],
        [
            # 23:30 Mon in Los Angeles is 07:30 Tue in London.
            Check("2026-11-23T23:30-08:00", "overdue", "2026-11-20", "2026-11-23"),
            Check(
                "2026-11-23T23:30", "due", "2026-11-20", "2026-11-23", options=("--tz", "America/Los_Angeles")
            ),
        ],
    ),
    "an interview in the employer's zone has passed only at its instant": (
        [interview("2026-11-20 10:00", "--employer-tz", "America/New_York")],  # 15:00 in London
        [
            Check("2026-11-20T14:59", "premature", "2026-11-20", "2026-11-23"),
            Check("2026-11-20T15:01", "due", "2026-11-20", "2026-11-23"),
        ],
    ),
    "checked in Tue 24: follow-up email opens bd(2), due bd(5)": (
        [FRI_20, THANKED_MON_23, CHECKED_IN_TUE_24],
        [
            Check("2026-11-25T12:00", "premature", "2026-11-26", "2026-12-01"),
            Check("2026-11-26T12:00", "due", "2026-11-26", "2026-12-01"),
            Check("2026-12-02T12:00", "overdue", "2026-11-26", "2026-12-01"),
        ],
    ),
    "waiting from Wed 25: status check opens bd(10), due bd(15)": (
        [FRI_20, THANKED_MON_23, CHECKED_IN_TUE_24, WAITING_WED_25],
        [
            Check("2026-12-08T12:00", "premature", "2026-12-09", "2026-12-16", nag=False),
            Check("2026-12-16T12:00", "due", "2026-12-09", "2026-12-16"),
            Check("2026-12-17T12:00", "overdue", "2026-12-09", "2026-12-16"),
        ],
    ),
    "waiting: a status check logged moves the anchor": (
        [
            FRI_20,
            THANKED_MON_23,
            CHECKED_IN_TUE_24,
            WAITING_WED_25,
            step("2026-12-01T18:00", "log", "1", "followup"),
        ],
        [Check("2026-12-10T12:00", "premature", "2026-12-15", "2026-12-22", nag=False)],
    ),
    "waiting: a reply moves the anchor": (
        [
            FRI_20,
            THANKED_MON_23,
            CHECKED_IN_TUE_24,
            WAITING_WED_25,
            step("2026-12-02T18:00", "log", "1", "reply"),
        ],
        [Check("2026-12-10T12:00", "premature", "2026-12-16", "2026-12-23")],
    ),
    "nag guard: three status checks without a reply": (
        [
            FRI_20,
            THANKED_MON_23,
            CHECKED_IN_TUE_24,
            WAITING_WED_25,
            step("2026-12-09T18:00", "log", "1", "followup"),
            step("2026-12-23T18:00", "log", "1", "followup"),
            step("2027-01-08T18:00", "log", "1", "followup"),
        ],
        [Check("2027-01-11T12:00", "premature", "2027-01-22", "2027-01-29", nag=True)],
    ),
    "nag guard: two checks are not yet a nag": (
        [
            FRI_20,
            THANKED_MON_23,
            CHECKED_IN_TUE_24,
            WAITING_WED_25,
            step("2026-12-09T18:00", "log", "1", "followup"),
            step("2026-12-23T18:00", "log", "1", "followup"),
        ],
        [Check("2026-12-24T12:00", "premature", "2027-01-06", "2027-01-13", nag=False)],
    ),
    "nag guard: a reply resets the count": (
        [
            FRI_20,
            THANKED_MON_23,
            CHECKED_IN_TUE_24,
            WAITING_WED_25,
            step("2026-12-09T18:00", "log", "1", "followup"),
            step("2026-12-23T18:00", "log", "1", "followup"),
            step("2027-01-08T18:00", "log", "1", "reply"),
            step("2027-01-11T18:00", "log", "1", "followup"),
        ],
        [Check("2027-01-12T12:00", "premature", "2027-01-25", "2027-02-01", nag=False)],
    ),
    "contact on D is cleared by a follow-up logged on D": (
        [FRI_20, THANKED_MON_23, CONTACT_ON_WED_25, step("2026-11-25T18:00", "log", "1", "followup")],
        [Check("2026-11-26T12:00", "premature", "2026-11-30", "2026-12-07")],
    ),
    "contact on D is not cleared by a follow-up before D": (
        [FRI_20, THANKED_MON_23, CONTACT_ON_WED_25, step("2026-11-24T18:00", "log", "1", "followup")],
        [Check("2026-11-26T12:00", "overdue", "2026-11-25", "2026-11-25")],
    ),
    "contact on D holds whatever the stage": (
        [FRI_20, THANKED_MON_23, CONTACT_ON_WED_25, step("2026-11-24T18:00", "move", "1", "checked_in")],
        [Check("2026-11-24T20:00", "premature", "2026-11-25", "2026-11-25")],
    ),
    "moving to a later stage on D counts as the follow-up": (
        [FRI_20, THANKED_MON_23, CONTACT_ON_WED_25, step("2026-11-25T18:00", "move", "1", "checked_in")],
        [Check("2026-11-26T12:00", "premature", "2026-11-27", "2026-12-02")],
    ),
    "wait until D: hold through D, then opens bd(D, 1), due bd(D, 3)": (
        [
            FRI_20,
            THANKED_MON_23,
            step("2026-11-24T18:00", "instruct", "1", "--wait", "--until", "2026-12-04"),
        ],
        [
            Check("2026-12-04T12:00", "hold", "2026-12-07", "2026-12-09"),
            Check("2026-12-05T12:00", "premature", "2026-12-07", "2026-12-09"),
            Check("2026-12-07T12:00", "due", "2026-12-07", "2026-12-09"),
            Check("2026-12-10T12:00", "overdue", "2026-12-07", "2026-12-09"),
        ],
    ),
    "wait with no date: D = bd(given, 15)": (
        [FRI_20, THANKED_MON_23, step("2026-11-24T18:00", "instruct", "1", "--wait")],
        [
            Check("2026-12-15T12:00", "hold", "2026-12-16", "2026-12-18"),
            Check("2026-12-16T12:00", "due", "2026-12-16", "2026-12-18"),
        ],
    ),
    "a reply restarts the clock and ends the instruction": (
        [
            FRI_20,
            THANKED_MON_23,
            step("2026-11-24T18:00", "instruct", "1", "--wait", "--until", "2026-12-04"),
            step("2026-11-26T18:00", "log", "1", "reply"),
        ],
        [Check("2026-11-27T12:00", "premature", "2026-12-03", "2026-12-10")],
    ),
    "a cleared instruction gives the stage's window back": (
        [FRI_20, THANKED_MON_23, CONTACT_ON_WED_25, step("2026-11-24T18:00", "instruct", "1", "--clear")],
        [Check("2026-11-26T12:00", "premature", "2026-11-30", "2026-12-07")],
    ),
    "moving back restores the earlier stage's clock": (
        [
            FRI_20,
            THANKED_MON_23,
            CHECKED_IN_TUE_24,
            step("2026-11-25T18:00", "move", "1", "thanked", "--on", "2026-11-25"),
        ],
        [Check("2026-11-26T12:00", "premature", "2026-11-30", "2026-12-07")],
    ),
    "closed: nothing to do": (
        [FRI_20, step("2026-11-23T18:00", "move", "1", "closed", "--outcome", "rejected")],
        [Check("2026-11-24T12:00", "closed", None, None, nag=False)],
    ),
}

HOLIDAY_CONFIG = 'holidays = ["2026-11-23"]\n'
HOLIDAY_CHECKS = [
    # Monday 23 Nov is a holiday: bd(Fri 20, 1) = Tue 24.
    Check("2026-11-24T12:00", "due", "2026-11-20", "2026-11-24"),
    Check("2026-11-25T12:00", "overdue", "2026-11-20", "2026-11-24"),
]


def run_cli(capsys: pytest.CaptureFixture[str], db: Path, now: str, *args: str) -> str:
    capsys.readouterr()
    code = main(["--db", str(db), "--now", now, *ZONE, *args])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out


def row_at(capsys: pytest.CaptureFixture[str], db: Path, check: Check, *options: str) -> dict[str, Any]:
    rows = json.loads(run_cli(capsys, db, check.now, *options, *check.options, "list", "--json"))
    assert len(rows) == 1
    return rows[0]  # type: ignore[no-any-return]


def assert_check(row: dict[str, Any], check: Check) -> None:
    got = (row["status"], row["opens_on"], row["due_by"])
    assert got == (check.status, check.opens_on, check.due_by)
    if check.nag is not None:
        assert row["nag"] is check.nag


CASES = [(name, check) for name, (_, checks) in SCENARIOS.items() for check in checks]


@pytest.mark.parametrize(("scenario", "check"), CASES, ids=[f"{name} @ {c.now}" for name, c in CASES])
def test_worked_example(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], scenario: str, check: Check
) -> None:
    db = tmp_path / "board.json"
    steps, _ = SCENARIOS[scenario]
    for s in steps:
        run_cli(capsys, db, s.now, *s.args)
    assert_check(row_at(capsys, db, check), check)


@pytest.mark.parametrize("check", HOLIDAY_CHECKS, ids=[c.now for c in HOLIDAY_CHECKS])
def test_holidays_from_the_config_are_not_business_days(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], check: Check
) -> None:
    db = tmp_path / "board.json"
    config = tmp_path / "config.toml"
    config.write_text(HOLIDAY_CONFIG, encoding="utf-8")
    run_cli(capsys, db, FRI_20.now, *FRI_20.args)
    assert_check(row_at(capsys, db, check, "--config", str(config)), check)


def test_due_list_agrees_with_the_statuses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "board.json"
    for when in ("2026-11-18 10:00", "2026-11-23 10:00", "2026-11-20 10:00", "2026-11-26 10:00"):
        run_cli(capsys, db, "2026-11-19T08:00", "add", "--company", f"At {when}", "--interviewed", when)
    now = "2026-11-24T09:30"
    rows = json.loads(run_cli(capsys, db, now, "list", "--json"))
    actionable = {r["id"] for r in rows if r["status"] in ("due", "overdue")}
    due = json.loads(run_cli(capsys, db, now, "due", "--json"))
    assert {r["id"] for r in due} == actionable
    assert int(run_cli(capsys, db, now, "due", "--count")) == len(due) == 3
