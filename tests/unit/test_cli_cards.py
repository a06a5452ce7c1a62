"""The card commands as scripts and users call them: add, list, due, show, changes, stats, drafts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.cli_runner import HOSTILE, Cli, add
from tui.store import Store

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
