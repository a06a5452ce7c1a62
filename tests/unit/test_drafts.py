"""Drafts: which one fits a card, what the built-in templates say, and user overrides."""

from __future__ import annotations

import string
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tui.domain import ops
from tui.domain.model import Contact, Interview
from tui.domain.policy import Assessment, assess
from tui.domain.rules import Rules
from tui.domain.stages import Action, Outcome, Stage
from tui.domain.wall import WallTime
from tui.drafts import KINDS, Draft, draft_for, fields, kind_for, load_template, long_day, open_questions

ZONE = "Europe/London"
RULES = Rules()
ZOE = Contact(name="Zoë Ångström", title="Head of Data", email="zoe@fjord.example", phone="+44 20 7946 0000")
BOB = Contact(name="Bob Li", title="Engineer")
ANA = Contact(name="Dr. Ana Ruiz", title="CTO", email="ana@fjord.example")
NOTES = "Good chat about pipelines.\n- How big is the team?\n* Is there an on-call rota?\nParking is free.\n?"


def at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=ZoneInfo(ZONE))


def card(
    contacts: tuple[Contact, ...] = (ZOE,),
    role: str = "Data Engineer",
    company: str = "Fjordlys Ærø AS",
    notes: str = NOTES,
) -> Interview:
    """Interviewed on Tuesday 24 November 2026 at 10:00."""
    return ops.new_interview(
        card_id=7,
        company=company,
        interviewed_at=WallTime(datetime(2026, 11, 24, 10, 0), ZONE),
        created_on=date(2026, 11, 24),
        role=role,
        contacts=contacts,
        notes=notes,
    )


def verdict(c: Interview, today: date) -> Assessment:
    return assess(c, at(today), today, RULES)


def draft(c: Interview, today: date, **kwargs: object) -> Draft:
    result = draft_for(c, verdict(c, today), today, **kwargs)  # type: ignore[arg-type]
    assert result is not None
    return result


def thanked() -> Interview:
    return ops.move(card(), Stage.THANKED, date(2026, 11, 25))


def checked_in() -> Interview:
    return ops.move(thanked(), Stage.CHECKED_IN, date(2026, 12, 2))


def waiting() -> Interview:
    return ops.move(checked_in(), Stage.WAITING, date(2026, 12, 7))


# Which draft -----------------------------------------------------------------


def test_each_stage_gets_the_draft_of_its_next_action() -> None:
    cases = [
        (card(), date(2026, 11, 24), Action.THANK_YOU, "thank_you"),
        (thanked(), date(2026, 12, 2), Action.CHECK_IN_CALL, "check_in_call"),
        (checked_in(), date(2026, 12, 4), Action.FOLLOW_UP_EMAIL, "follow_up_email"),
        (waiting(), date(2026, 12, 21), Action.STATUS_CHECK, "status_check"),
    ]
    for c, today, action, kind in cases:
        v = verdict(c, today)
        assert v.action is action
        assert kind_for(c, v) == kind
        assert draft(c, today).kind == kind


def test_rejected_card_gets_a_referral_request() -> None:
    c = ops.move(thanked(), Stage.CLOSED, date(2026, 11, 30), outcome=Outcome.REJECTED)
    d = draft(c, date(2026, 11, 30), sender="Sam Okafor")
    assert d.kind == "referral_request"
    assert d.title == "Reply to a rejection: ask for referrals"
    assert d.body.startswith("Dear Zoë Ångström,\n")
    assert "Data Engineer position" in d.body
    assert "Fjordlys Ærø AS" in d.body
    assert d.body.rstrip().endswith("Sam Okafor")


@pytest.mark.parametrize("outcome", [o for o in Outcome if o is not Outcome.REJECTED])
def test_nothing_to_draft_for_other_closed_cards(outcome: Outcome) -> None:
    c = ops.move(thanked(), Stage.CLOSED, date(2026, 11, 30), outcome=outcome)
    assert draft_for(c, verdict(c, date(2026, 11, 30)), date(2026, 11, 30)) is None


# What the drafts say -----------------------------------------------------------


def test_thank_you_note_is_filled_from_the_card() -> None:
    d = draft(card(), date(2026, 11, 24), sender="Sam Okafor")
    assert d.title == "Thank-you note"
    assert d.subject == "Thank you: Data Engineer interview on Tuesday 24 November"
    assert d.body.startswith("Dear Zoë Ångström,\n\n")
    assert "on Tuesday 24 November about the Data Engineer position at Fjordlys Ærø AS" in d.body
    assert d.body.endswith("Sam Okafor\n")
    assert "$" not in d.body
    assert d.text == f"Subject: {d.subject}\n\n{d.body}"


def test_no_sender_leaves_a_visible_blank_to_fill() -> None:
    assert draft(card(), date(2026, 11, 24)).body.endswith("[your name]\n")


def test_check_in_call_notes_say_who_when_and_what_to_ask() -> None:
    d = draft(thanked(), date(2026, 12, 2))
    assert d.subject is None
    assert d.body.startswith("Call notes: Fjordlys Ærø AS (Data Engineer)\n")
    assert "Who: Zoë Ångström, Head of Data" in d.body
    assert "+44 20 7946 0000 / zoe@fjord.example" in d.body
    assert "10:00-11:30 or 14:00-16:00" in d.body
    assert "(Europe/London)" in d.body
    # the open questions from the notes, without their own bullets, and nothing else from the notes
    assert "- How big is the team?\n" in d.body
    assert "- Is there an on-call rota?\n" in d.body
    assert "Parking" not in d.body
    assert "pipelines" not in d.body
    assert "- ?\n" not in d.body


def test_open_questions_strip_bullets_and_numbers() -> None:
    assert open_questions("1. Start date?\n  2) Budget ?\n• Team?\nno\n") == [
        "Start date?",
        "Budget ?",
        "Team?",
    ]
    assert open_questions("") == []


def test_follow_up_email_has_a_subject_and_the_status_check_email_one_too() -> None:
    follow = draft(checked_in(), date(2026, 12, 4))
    assert follow.subject == "Following up on my Data Engineer interview of Tuesday 24 November"
    assert follow.body.startswith("Dear Zoë Ångström,")
    assert "Data Engineer position at Fjordlys Ærø AS" in follow.body
    status = draft(waiting(), date(2026, 12, 21))
    assert "Subject: Fjordlys Ærø AS: status of my application (Tuesday 24 November interview)" in status.body
    assert "for the Data Engineer position on Tuesday 24 November" in status.body


def test_status_check_is_a_call_with_an_email_to_send_instead() -> None:
    """The policy makes a status check a call (calling hours, "more calls only hurt"): the draft agrees."""
    c = waiting()
    today = date(2026, 12, 21)
    assert verdict(c, today).action is Action.STATUS_CHECK
    assert Action.STATUS_CHECK.is_call
    status = draft(c, today)
    assert status.subject is None  # call notes first: the email is the fallback further down
    lines = status.body.splitlines()
    assert lines[0] == "Status check: Fjordlys Ærø AS (Data Engineer)"
    assert lines[3].startswith("When: best 10:00-11:30 or 14:00-16:00 their time")
    subject = "Subject: Fjordlys Ærø AS: status of my application (Tuesday 24 November interview)"
    fallback = lines.index(subject)
    assert lines[fallback + 2] == "Dear Zoë Ångström,"
    assert "$" not in status.body


def test_missing_contact_and_role_fall_back_to_sensible_words() -> None:
    c = card(contacts=(), role="")
    d = draft(c, date(2026, 11, 24))
    assert d.body.startswith("Dear Hiring Team,\n")
    assert "about the the role" not in d.body
    assert "about the position at Fjordlys Ærø AS" in d.body
    assert d.subject == "Thank you: interview on Tuesday 24 November"
    values = fields(c, RULES)
    assert values["contact_first_name"] == "Hiring Team"
    assert values["interviewers"] == "Hiring Team"
    assert values["contact_title"] == "interviewer"
    assert values["role"] == "the role"
    assert values["contact_how"] == "no phone or email on the card"


def test_several_interviewers_are_joined_and_the_first_named_one_is_greeted() -> None:
    values = fields(card(contacts=(Contact(email="hr@fjord.example"), ANA, BOB, ZOE)), RULES)
    assert values["contact_name"] == "Dr. Ana Ruiz"
    assert values["contact_first_name"] == "Ana"
    assert values["interviewers"] == "Dr. Ana Ruiz, Bob Li and Zoë Ångström"
    assert fields(card(contacts=(ZOE, BOB)), RULES)["interviewers"] == "Zoë Ångström and Bob Li"
    assert fields(card(contacts=(ZOE,)), RULES)["contact_first_name"] == "Zoë"


def test_day_names_do_not_depend_on_the_locale() -> None:
    assert long_day(date(2026, 11, 24)) == "Tuesday 24 November"
    assert long_day(date(2027, 1, 3)) == "Sunday 3 January"


def test_hostile_text_stays_data_and_cannot_split_the_subject() -> None:
    c = card(company="Evil\nSubject: pwned $role ${sender}", role="[bold]x[/] \x1b[2J")
    d = draft(c, date(2026, 11, 24), sender="$company")
    assert d.subject is not None
    assert "\n" not in d.subject
    assert d.subject == "Thank you: [bold]x[/] \x1b[2J interview on Tuesday 24 November"
    # values are inserted once, never substituted again
    assert "Evil\nSubject: pwned $role ${sender}" in d.body
    assert d.body.endswith("$company\n")


# Built-in templates ------------------------------------------------------------


def builtin(kind: str) -> str:
    return resources.files("tui.templates").joinpath(f"{kind}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", KINDS)
def test_builtin_templates_avoid_the_cliche_and_use_only_known_placeholders(kind: str) -> None:
    text = builtin(kind)
    assert "just checking in" not in text.casefold()
    assert "just touching base" not in text.casefold()
    found = list(string.Template.pattern.finditer(text))
    assert not [m for m in found if m.group("invalid") is not None]
    names = {m.group("named") or m.group("braced") for m in found} - {None}
    assert names
    assert names <= set(fields(card(), RULES))


@pytest.mark.parametrize("kind", KINDS)
def test_builtin_drafts_fill_every_placeholder(kind: str) -> None:
    from tui.drafts import render

    d = render(kind, card(), sender="Sam")
    assert "$" not in d.text
    assert d.body.strip()


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown draft kind"):
        load_template("../../etc/passwd")


# Overrides ---------------------------------------------------------------------


def test_a_file_in_the_templates_dir_replaces_the_builtin(tmp_path: Path) -> None:
    (tmp_path / "thank_you.txt").write_text(
        "Subject: Thanks, $contact_first_name\nHi $contact_first_name ($contact_title),\n"
        "Great to meet $interviewers at $company.\n-- $sender\n",
        encoding="utf-8",
    )
    c = card(contacts=(ZOE, BOB))
    d = draft(c, date(2026, 11, 24), templates_dir=tmp_path, sender="Sam")
    assert d.subject == "Thanks, Zoë"
    assert (
        d.body
        == "Hi Zoë (Head of Data),\nGreat to meet Zoë Ångström and Bob Li at Fjordlys Ærø AS.\n-- Sam\n"
    )
    # other kinds still come from the built-ins
    other = draft(thanked(), date(2026, 12, 2), templates_dir=tmp_path)
    assert other.body.startswith("Call notes:")


def test_an_override_without_a_subject_line_has_no_subject(tmp_path: Path) -> None:
    (tmp_path / "thank_you.txt").write_text("Dear $contact_name\n", encoding="utf-8")
    d = draft(card(), date(2026, 11, 24), templates_dir=tmp_path)
    assert d.subject is None
    assert d.body == "Dear Zoë Ångström\n"


def test_a_broken_override_does_not_crash(tmp_path: Path) -> None:
    (tmp_path / "thank_you.txt").write_text(
        "Subject: ${unclosed for $company\nCost: $5, $$ sign, $unknown_field and ${role}.\n$",
        encoding="utf-8",
    )
    d = draft(card(), date(2026, 11, 24), templates_dir=tmp_path)
    assert d.subject == "${unclosed for Fjordlys Ærø AS"
    assert d.body == "Cost: $5, $ sign, $unknown_field and Data Engineer.\n$\n"


def test_an_override_that_is_not_utf8_or_not_a_file_does_not_crash(tmp_path: Path) -> None:
    (tmp_path / "thank_you.txt").write_bytes(b"\xef\xbb\xbfDear $contact_name \xff\xfe\n")
    d = draft(card(), date(2026, 11, 24), templates_dir=tmp_path)
    assert d.body == "Dear Zoë Ångström \ufffd\ufffd\n"
    (tmp_path / "check_in_call.txt").mkdir()
    assert draft(thanked(), date(2026, 12, 2), templates_dir=tmp_path).body.startswith("Call notes:")


def test_a_missing_templates_dir_falls_back_to_builtins(tmp_path: Path) -> None:
    d = draft(card(), date(2026, 11, 24), templates_dir=tmp_path / "nope")
    assert d.subject == "Thank you: Data Engineer interview on Tuesday 24 November"
