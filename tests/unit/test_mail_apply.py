"""``followup mail --apply``: the board changed through the store, once per message, and said so."""

from __future__ import annotations

import json
from datetime import date, datetime
from email.message import EmailMessage
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.unit.mail_kit import (
    ME,
    Mail,
    eml,
    fingerprint,
    google_invite,
    greenhouse_invite,
    maildir,
    mbox,
    message,
    outlook_invite,
    two_cards,
)
from tui.domain.model import Event, EventKind, Interview, InviteRef
from tui.domain.stages import Stage
from tui.store import Store

NEW_YORK = ZoneInfo("America/New_York")
UID = "7kukuqrfedlm2f9t0p1lmnbq4c@google.com"


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Mail:
    return two_cards(tmp_path, capsys)


def card(cli: Mail, card_id: int) -> Interview:
    return next(c for c in Store(cli.db).load() if c.id == card_id)


def latest(card: Interview, kind: EventKind) -> Event:
    """The card's latest event of ``kind`` (a timeline is in date order, not in the order of logging)."""
    return [e for e in card.events if e.kind is kind][-1]


def invite(
    sequence: int, start: datetime, *, sent: str, msg_id: str, method: str = "REQUEST"
) -> EmailMessage:
    calendar = google_invite(start, sequence=sequence, method=method)
    return message("anna@acme.com", subject="Invitation", sent=sent, calendar=calendar, message_id=msg_id)


def test_a_reply_is_logged_with_its_subject_and_the_message_is_remembered(cli: Mail, tmp_path: Path) -> None:
    inbox = maildir(
        tmp_path / "INBOX", [message("anna@acme.com", subject="Re: Thanks", message_id="<r1@acme>")]
    )
    out = cli.ok("mail", "--apply", str(inbox)).splitlines()
    assert out == [
        '2026-11-24 from anna@acme.com "Re: Thanks" -> #1 Acme Ltd (rule 1 contact email, sure): '
        "logged a reply on 2026-11-24",
        "1 message: 1 changed the board, 0 not applied, 0 unmatched, 0 skipped.",
    ]
    acme = card(cli, 1)
    reply = latest(acme, EventKind.REPLY)
    assert (reply.kind, reply.on, reply.note) == (EventKind.REPLY, date(2026, 11, 24), "Re: Thanks")
    assert acme.applied_mail == ("<r1@acme>",)


def test_a_thank_you_you_sent_moves_the_card_to_thanked(cli: Mail, tmp_path: Path) -> None:
    sent = mbox(
        tmp_path / "Sent",
        [message(ME, to="anna@acme.com", subject="Thank you", sent="Fri, 20 Nov 2026 16:00:00 +0000")],
    )
    assert "logged the thank-you on 2026-11-20 (moved to Thanked)" in cli.ok("mail", "--apply", str(sent))
    acme = card(cli, 1)
    assert acme.stage is Stage.THANKED
    move = latest(acme, EventKind.MOVED)
    assert (move.stage, move.on, move.note) == (Stage.THANKED, date(2026, 11, 20), "Thank you")
    assert len(acme.applied_mail) == 1
    assert acme.applied_mail[0].startswith("sha256:")  # no Message-ID: the hash of its headers


def test_a_follow_up_email_moves_checked_in_to_waiting(cli: Mail, tmp_path: Path) -> None:
    cli.ok("move", "1", "thanked", "--on", "2026-11-20")
    cli.ok("move", "1", "checked_in", "--on", "2026-11-25")
    sent = eml(
        tmp_path / "sent.eml",
        message(ME, to="anna@acme.com", subject="Following up", sent="Fri, 27 Nov 2026 09:00:00 +0000"),
    )
    assert "(moved to Waiting)" in cli.ok("mail", "--apply", str(sent))
    acme = card(cli, 1)
    assert acme.stage is Stage.WAITING
    assert latest(acme, EventKind.MOVED).on == date(2026, 11, 27)


def test_an_invite_books_a_round_then_its_update_moves_it_and_its_cancel_removes_it(
    cli: Mail, tmp_path: Path
) -> None:
    first = eml(
        tmp_path / "1.eml",
        invite(
            0,
            datetime(2026, 12, 2, 14, 0, tzinfo=NEW_YORK),
            sent="Tue, 24 Nov 2026 10:00 +0000",
            msg_id="<i1@g>",
        ),
    )
    out = cli.ok("mail", "--apply", str(first))
    assert 'added a round "Technical interview: Ann Example" 2026-12-02 14:00 (America/New_York)' in out
    held = card(cli, 1).rounds
    assert [(r.at.local, r.at.zone, r.label, r.invite) for r in held[1:]] == [
        (
            datetime(2026, 12, 2, 14, 0),
            "America/New_York",
            "Technical interview: Ann Example",
            InviteRef(UID, 0),
        )
    ]
    assert held[0].invite is None  # the interview typed in stays as it was

    update = eml(
        tmp_path / "2.eml",
        invite(
            1,
            datetime(2026, 12, 3, 15, 30, tzinfo=NEW_YORK),
            sent="Wed, 25 Nov 2026 10:00 +0000",
            msg_id="<i2@g>",
        ),
    )
    assert "moved the round" in cli.ok("mail", "--apply", str(update))
    held = card(cli, 1).rounds
    assert [(r.at.local, r.invite) for r in held[1:]] == [(datetime(2026, 12, 3, 15, 30), InviteRef(UID, 1))]

    cancel = eml(
        tmp_path / "3.eml",
        invite(
            1, datetime(2026, 12, 3, 15, 30, tzinfo=NEW_YORK), sent="Thu, 26 Nov 2026 10:00 +0000",
            msg_id="<i3@g>", method="CANCEL",
        ),
    )  # fmt: skip
    assert "removed the round" in cli.ok("mail", "--apply", str(cancel))
    acme = card(cli, 1)
    assert acme.rounds == ()  # back to its one interview, as before the invite
    assert acme.applied_mail == ("<i1@g>", "<i2@g>", "<i3@g>")

    # The same three messages read again: the cancelled invite does not come back.
    before = cli.db.read_bytes()
    out = cli.ok("mail", "--apply", str(first), str(update), str(cancel))
    assert out.count("already applied") == 3
    assert cli.db.read_bytes() == before


def test_apply_twice_changes_the_board_once(cli: Mail, tmp_path: Path) -> None:
    cli.ok("move", "2", "thanked", "--on", "2026-11-20")
    inbox = maildir(
        tmp_path / "INBOX",
        [
            message("anna@acme.com", subject="Re: Thanks", message_id="<r1@acme>"),
            message("hr@beta.example", subject="Update", sent="Mon, 30 Nov 2026 10:00 +0000"),
            invite(
                0,
                datetime(2026, 12, 2, 14, 0, tzinfo=NEW_YORK),
                sent="Tue, 24 Nov 2026 11:00 +0000",
                msg_id="<i1@g>",
            ),
            message("pal@gmail.com", subject="Lunch?"),
        ],
    )
    sent = maildir(
        tmp_path / "Sent",
        [message(ME, to="anna@acme.com", subject="Thank you", sent="Fri, 20 Nov 2026 16:00:00 +0000")],
    )
    mail_before = fingerprint(inbox, sent)
    out = cli.ok("mail", "--apply", str(inbox), str(sent))
    assert "5 messages: 4 changed the board, 0 not applied, 1 unmatched, 0 skipped." in out
    after_first = cli.db.read_bytes()
    out = cli.ok("mail", "--apply", str(inbox), str(sent))
    assert "5 messages: 0 changed the board, 0 not applied, 1 unmatched, 4 skipped." in out
    assert cli.db.read_bytes() == after_first
    assert fingerprint(inbox, sent) == mail_before  # no flag set, nothing moved from new/ to cur/


def test_the_dry_run_after_apply_says_everything_was_applied(cli: Mail, tmp_path: Path) -> None:
    inbox = maildir(
        tmp_path / "INBOX", [message("anna@acme.com", subject="Re: Thanks", message_id="<r1@acme>")]
    )
    before = cli.db.read_bytes()
    assert "would change the board" in cli.ok("mail", str(inbox))
    assert cli.db.read_bytes() == before
    cli.ok("mail", "--apply", str(inbox))
    assert "skipped: already applied" in cli.ok("mail", str(inbox))


def test_a_rejection_is_logged_as_a_reply_and_the_card_stays_open(cli: Mail, tmp_path: Path) -> None:
    no = eml(
        tmp_path / "no.eml",
        message("anna@acme.com", subject="Your application", text="We regret to inform you."),
    )
    out = cli.ok("mail", "--apply", str(no))
    assert "may be a rejection" in out
    assert "followup move 1 closed --outcome rejected" in out
    acme = card(cli, 1)
    assert acme.stage is Stage.INTERVIEWED
    assert latest(acme, EventKind.REPLY).note == "Your application"


def test_a_closed_card_and_unmatched_mail_change_nothing(cli: Mail, tmp_path: Path) -> None:
    cli.ok("move", "1", "closed", "--outcome", "rejected", "--on", "2026-11-23")
    inbox = maildir(tmp_path / "INBOX", [message("anna@acme.com"), message("pal@gmail.com")])
    before = cli.db.read_bytes()
    out = cli.ok("mail", "--apply", str(inbox))
    assert "2 messages: 0 changed the board, 0 not applied, 2 unmatched, 0 skipped." in out
    assert cli.db.read_bytes() == before


def test_a_card_closed_between_reading_and_writing_is_not_changed(
    cli: Mail, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The changes meet the card as it is at the moment of writing: closed meanwhile, it stays as it is."""
    from tui.mail import command

    real = command._apply

    def closed_first(store: Store, items: list[object]) -> dict[int, str]:
        cli.ok("move", "1", "closed", "--outcome", "withdrawn", "--on", "2026-11-30")
        return real(store, items)  # type: ignore[arg-type]

    monkeypatch.setattr(command, "_apply", closed_first)
    reply = eml(tmp_path / "r.eml", message("anna@acme.com", subject="Re: Thanks"))
    code, out, _ = cli.run("mail", "--apply", str(reply))
    assert code == 0
    assert "not applied: the card is closed" in out
    acme = card(cli, 1)
    assert latest(acme, EventKind.MOVED).stage is Stage.CLOSED
    assert EventKind.REPLY not in {e.kind for e in acme.events}
    assert acme.applied_mail == ()


def test_json_rows_say_what_was_applied(cli: Mail, tmp_path: Path) -> None:
    inbox = maildir(
        tmp_path / "INBOX", [message("anna@acme.com", message_id="<r1@acme>"), message("pal@gmail.com")]
    )
    rows = json.loads(cli.ok("mail", "--apply", "--json", str(inbox)))
    assert [(r["applied"], r["not_applied"]) for r in rows] == [(True, None), (False, None)]
    assert "applied" not in json.loads(cli.ok("mail", "--json", str(inbox)))[0]


def test_exit_codes_as_the_dry_run(cli: Mail, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not mail\n", encoding="utf-8")
    before = cli.db.read_bytes()
    assert cli.run("mail", "--apply", str(notes))[0] == 1
    assert cli.run("mail", "--apply", str(maildir(tmp_path / "Empty", [])))[:2] == (0, "No messages.\n")
    assert cli.db.read_bytes() == before


@pytest.mark.parametrize(
    ("calendar", "local", "zone"),
    [
        (
            outlook_invite(datetime(2026, 12, 3, 9, 30)),  # "W. Europe Standard Time"
            datetime(2026, 12, 3, 9, 30),
            "Europe/Berlin",
        ),
        (
            greenhouse_invite(datetime(2026, 12, 4, 15, 0, tzinfo=NEW_YORK)),  # in UTC: read in your zone
            datetime(2026, 12, 4, 20, 0),
            "Europe/London",
        ),
    ],
)
def test_outlook_and_greenhouse_invites_book_their_rounds(
    cli: Mail, tmp_path: Path, calendar: bytes, local: datetime, zone: str
) -> None:
    path = eml(tmp_path / "invite.eml", message("anna@acme.com", subject="Interview", calendar=calendar))
    cli.ok("mail", "--apply", str(path))
    booked = card(cli, 1).rounds[-1]
    assert (booked.at.local, booked.at.zone) == (local, zone)
    assert booked.invite is not None
