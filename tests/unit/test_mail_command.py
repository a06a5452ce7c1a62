"""``followup mail`` as a user runs it: lines, JSON, exit codes, the config, and nothing changed."""

from __future__ import annotations

import io
import json
import os
import random
import sys
import types
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.unit.mail_kit import (
    HOSTILE,
    ME,
    Mail,
    eml,
    fingerprint,
    google_invite,
    maildir,
    mbox,
    message,
    two_cards,
)
from tui.config import ConfigError, load_settings


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Mail:
    return two_cards(tmp_path, capsys)


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    start = datetime(2026, 12, 2, 14, 0, tzinfo=ZoneInfo("America/New_York"))
    return maildir(
        tmp_path / "Mail" / "INBOX",
        [
            message("Anna Li <anna@acme.com>", subject="Re: Thank you", message_id="<r1@acme.com>"),
            message("hr@beta.example", subject="Next steps", message_id="<r2@beta.example>"),
            message("pal@gmail.com", subject="Lunch?"),
            message(
                "anna@acme.com", subject="Invitation", calendar=google_invite(start), message_id="<i1@acme>"
            ),
        ],
    )


def test_one_line_per_message_with_card_rule_certainty_and_action(cli: Mail, inbox: Path) -> None:
    out = cli.ok("mail", str(inbox)).splitlines()
    assert out == [
        '2026-11-24 from anna@acme.com "Re: Thank you" -> #1 Acme Ltd (rule 1 contact email, sure): '
        "log a reply on 2026-11-24",
        '2026-11-24 from hr@beta.example "Next steps" -> #2 Beta (rule 2 company domain, likely): '
        "log a reply on 2026-11-24",
        '2026-11-24 from pal@gmail.com "Lunch?" -> unmatched: not from a contact of an open card, nor from '
        "their domain: pal@gmail.com (gmail.com: a public mail provider)",
        '2026-11-24 from anna@acme.com "Invitation" -> #1 Acme Ltd (rule 1 contact email, sure): '
        'add a round "Technical interview: Ann Example" 2026-12-02 14:00 (America/New_York)',
        "4 messages: 3 would change the board, 1 unmatched, 0 skipped. Nothing was changed.",
    ]


def test_the_dry_run_changes_neither_the_board_nor_the_mail(cli: Mail, inbox: Path, tmp_path: Path) -> None:
    sent = mbox(tmp_path / "Mail" / "Sent", [message(ME, to="anna@acme.com", subject="Thank you")])
    saved = eml(tmp_path / "saved.eml", message("bo@beta.example"))
    board_before = cli.db.read_bytes()
    board_files = sorted(p.name for p in cli.db.parent.iterdir() if p.name.startswith("board"))
    mail_before = fingerprint(inbox, sent, saved)
    out = cli.ok("mail", str(inbox), str(sent), str(saved))
    assert "log the thank-you on 2026-11-24 (moves to Thanked)" in out
    assert cli.db.read_bytes() == board_before
    assert sorted(p.name for p in cli.db.parent.iterdir() if p.name.startswith("board")) == board_files
    assert fingerprint(inbox, sent, saved) == mail_before
    assert cli.ok("show", "1").count("reply") == 0  # no reply was logged


def test_json_rows(cli: Mail, inbox: Path) -> None:
    rows = json.loads(cli.ok("mail", str(inbox), "--json"))
    assert [r["action"]["kind"] for r in rows] == ["log_reply", "log_reply", "unmatched", "schedule_round"]
    first = rows[0]
    assert first["message_id"] == "<r1@acme.com>"
    assert (first["card"], first["rule"], first["rule_name"], first["certainty"]) == (
        1,
        1,
        "contact_email",
        "sure",
    )
    assert first["action"] == {"kind": "log_reply", "on": "2026-11-24", "note": "Re: Thank you"}
    assert rows[3]["action"]["at"] == "2026-12-02T14:00:00-05:00"
    assert rows[2]["card"] is None


def test_hostile_text_is_shown_literally(cli: Mail, tmp_path: Path) -> None:
    path = eml(tmp_path / "evil.eml", message(f"{HOSTILE} <anna@acme.com>", subject=HOSTILE))
    out = cli.ok("mail", str(path))
    assert "[bold red]Evil[/]" in out
    assert "\x1b" not in out
    assert "\x9b" not in out
    assert "\u202e" not in out
    assert "␛[2J" in out
    raw = cli.ok("mail", str(path), "--json")
    assert "\x1b" not in raw
    assert "\x9b" not in raw
    assert "\u202e" not in raw
    assert json.loads(raw)[0]["subject"] == HOSTILE  # the data itself is kept exactly


def test_encoded_words_in_any_charset(cli: Mail, tmp_path: Path) -> None:
    raw = (
        b"From: =?iso-8859-1?q?Ren=E9e?= <anna@acme.com>\n"
        b"Subject: =?koi8-r?b?8NLJ18XU?= =?shift_jis?b?grGC8YLJgr+CzQ==?= =?x-klingon?q?Qapla=27?=\n"
        b"Date: Tue, 24 Nov 2026 10:00:00 +0000\n\nhello\n"
    )
    path = tmp_path / "charsets.eml"
    path.write_bytes(raw)
    row = json.loads(cli.ok("mail", str(path), "--json"))[0]
    assert row["from_name"] == "Renée"
    # Space between encoded words is not part of the text (RFC 2047); an unknown charset reads as UTF-8.
    assert row["subject"] == "ПриветこんにちはQapla'"


def test_stdin_reads_one_message(cli: Mail, monkeypatch: pytest.MonkeyPatch) -> None:
    data = message("anna@acme.com", subject="piped").as_bytes()
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=io.BytesIO(data)))
    out = cli.ok("mail", "-")
    assert '"piped" -> #1 Acme Ltd' in out


def test_without_standard_input_only_dash_is_refused(
    cli: Mail, inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", None)  # started by a daemon with no standard input at all
    assert "4 messages" in cli.ok("mail", str(inbox))
    code, _, err = cli.run("mail", "-")
    assert code == 1
    assert "no standard input" in err


def test_the_configs_folders_are_read_when_no_path_is_given(cli: Mail, inbox: Path) -> None:
    cli.config.write_text(f'[mail]\nme = ["{ME}"]\nfolders = ["Mail/INBOX"]\n', encoding="utf-8")
    assert "4 messages" in cli.ok("mail")


def test_exit_codes(cli: Mail, inbox: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not mail\n", encoding="utf-8")
    code, out, err = cli.run("mail", str(notes))
    assert code == 1  # nothing could be read at all
    assert "not a mail message" in out
    code, out, err = cli.run("mail", str(tmp_path / "missing"), str(inbox))
    assert code == 0  # one path could not be read, the other could
    assert "missing: no such file or folder" in err
    assert "4 messages" in out
    code, out, err = cli.run("mail", str(tmp_path / "missing"))
    assert (code, out) == (1, "No messages.\n")
    empty = maildir(tmp_path / "Empty", [])
    assert cli.run("mail", str(empty))[:2] == (0, "No messages.\n")
    code, out, err = cli.run("mail")
    assert code == 2
    assert f"give a PATH, or list folders in {cli.config} ([mail] folders" in err


def test_without_me_a_note_says_how_to_recognise_sent_mail(cli: Mail, inbox: Path) -> None:
    cli.config.write_text("", encoding="utf-8")
    code, _, err = cli.run("mail", str(inbox))
    assert code == 0
    assert "[mail] me" in err


def test_help_lists_mail(cli: Mail) -> None:
    assert "    mail " in cli.ok("--help")
    assert "Without --apply nothing on the board changes" in cli.ok("mail", "--help").replace("\n", " ")


def test_garbage_never_gives_a_traceback(cli: Mail, tmp_path: Path) -> None:
    rng = random.Random(19)
    box = tmp_path / "Garbage"
    (box / "new").mkdir(parents=True)
    (box / "cur").mkdir()
    good = message(
        "anna@acme.com", html="<p>hi", calendar=b"BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\n"
    ).as_bytes()
    for n in range(60):
        data = bytearray(good)
        for _ in range(rng.randrange(1, 40)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        cut = rng.randrange(len(data))
        (box / "new" / f"{n}.garbage").write_bytes(bytes(data[: cut if n % 3 == 0 else len(data)]))
    (box / "cur" / "multipart").write_bytes(
        b'From: anna@acme.com\nContent-Type: multipart/mixed; boundary="never"\n\n'
        b"--never\nContent-Type: text/calendar\n"
    )
    code, out, _ = cli.run("mail", str(box))
    assert code in (0, 1)
    assert len(out.splitlines()) == 62  # every message has its line, then the summary


def _settings(tmp_path: Path, toml: str) -> Any:
    path = tmp_path / "config.toml"
    path.write_text(toml, encoding="utf-8")
    return load_settings(path)


def test_config_mail_table(tmp_path: Path) -> None:
    settings = _settings(
        tmp_path,
        '[mail]\nme = ["Ann@Example.com", "ann@work.example"]\nfolders = ["~/Mail/INBOX", "rel", "/abs"]\n',
    )
    assert settings.mail.me == ("ann@example.com", "ann@work.example")
    home = Path(os.environ["HOME"])
    assert settings.mail.folders == (home / "Mail" / "INBOX", tmp_path / "rel", Path("/abs"))
    assert _settings(tmp_path, "").mail.me == ()


@pytest.mark.parametrize(
    ("toml", "words"),
    [
        ("mail = 3", "[mail] must be a table"),
        ("[mail]\nme = [1]", "mail.me must be a list of your email addresses"),
        ('[mail]\nme = ["Ann <ann@example.com>"]', "is not an email address"),
        ('[mail]\nme = ["ann"]', "is not an email address"),
        ("[mail]\nfolders = 3", "mail.folders must be a list of paths"),
        ('[mail]\nfolders = [""]', "mail.folders must be a list of paths"),
        ('[mail]\nfolder = ["x"]', "unknown key(s) in [mail]: folder"),
    ],
)
def test_config_mail_mistakes_are_named(tmp_path: Path, toml: str, words: str) -> None:
    with pytest.raises(ConfigError) as caught:
        _settings(tmp_path, toml)
    assert words in str(caught.value)
    assert str(tmp_path / "config.toml") in str(caught.value)
