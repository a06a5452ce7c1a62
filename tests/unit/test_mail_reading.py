"""Reading mail files: every shape a mail program leaves, read-only, fast on big folders and messages."""

from __future__ import annotations

import base64
import io
import os
import time
from email.message import EmailMessage
from pathlib import Path

import pytest

from tests.unit.mail_kit import ME, card, eml, fingerprint, maildir, mbox, message, read
from tui.mail.body import BODY_LIMIT
from tui.mail.read import Envelope, SourceError, Unreadable, read_path
from tui.mail.suggestion import LogReply, Skipped, Unmatched

ACME = card(1, "Acme Ltd", "anna@acme.com")


def test_maildir_reads_new_and_cur_and_leaves_both_as_they_were(tmp_path: Path) -> None:
    box = maildir(tmp_path / "INBOX", [message("anna@acme.com", subject="unread")])
    maildir(tmp_path / "INBOX", [message("anna@acme.com", subject="seen")], seen=True)
    (box / "tmp" / "123.partial").write_bytes(b"From: anna@acme.com\n\nhalf delivered")
    before = fingerprint(box)
    found = read([ACME], box)
    assert sorted(s.message.subject for s in found) == ["seen", "unread"]  # tmp/ is mid-delivery: not read
    assert all(isinstance(s.action, LogReply) for s in found)
    assert fingerprint(box) == before  # no flag added, nothing moved from new/ to cur/
    assert len(os.listdir(box / "new")) == 1


def test_mbox_messages_and_their_bodies_are_told_apart(tmp_path: Path) -> None:
    body = "Line one\nFrom the team: we would like to meet again.\n"
    path = mbox(
        tmp_path / "Sent.mbox",
        [
            message("anna@acme.com", subject="first", text=body),
            message("bob@gmail.com", subject="second"),
            message("anna@acme.com", subject="third", text="not moving forward, sorry"),
        ],
    )
    before = fingerprint(path)
    found = read([ACME], path)
    assert [s.message.subject for s in found] == ["first", "second", "third"]
    assert [s.message.source for s in found] == [f"{path}#1", f"{path}#2", f"{path}#3"]
    assert isinstance(found[0].action, LogReply)  # the quoted ">From" body line did not split it
    assert isinstance(found[1].action, Unmatched)
    assert "moving forward" in str(found[2].action)
    assert fingerprint(path) == before


def test_a_saved_eml_and_standard_input(tmp_path: Path) -> None:
    msg = message("anna@acme.com", subject="saved")
    path = eml(tmp_path / "reply.eml", msg)
    assert read([ACME], path)[0].message.subject == "saved"
    items = list(read_path("-", io.BytesIO(msg.as_bytes())))
    assert len(items) == 1
    assert isinstance(items[0], Envelope)
    assert items[0].source == "-"
    assert b"Subject: saved" in items[0].head


def test_crlf_line_ends_are_read_like_lf(tmp_path: Path) -> None:
    raw = message("anna@acme.com", subject="windows").as_bytes().replace(b"\n", b"\r\n")
    path = tmp_path / "crlf.eml"
    path.write_bytes(raw)
    assert isinstance(read([ACME], path)[0].action, LogReply)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        (b"Just some notes\nabout the interview\n", "no mail headers"),
        (b"", "an empty file"),
        (b"Subject: no sender\n\nhello\n", "no sender address"),
        (b"From: not an address\nSubject: x\n\nhello\n", "no sender address"),
    ],
)
def test_a_file_that_is_not_mail_is_skipped_with_a_reason(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(content)
    (found,) = read([ACME], path)
    assert isinstance(found.action, Skipped)
    assert reason in found.action.reason


def test_paths_that_cannot_be_read_say_why(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file or folder"):
        read_path(str(tmp_path / "missing"))
    (tmp_path / "plain").mkdir()
    with pytest.raises(SourceError, match="not a maildir"):
        read_path(str(tmp_path / "plain"))
    box = maildir(tmp_path / "INBOX", [])
    with pytest.raises(SourceError, match=f"give the maildir itself, {box}"):
        read_path(str(box / "cur"))
    with pytest.raises(SourceError, match="standard input"):
        read_path("-")


def test_a_message_gone_while_reading_is_skipped_not_fatal(tmp_path: Path) -> None:
    box = maildir(tmp_path / "INBOX", [message("anna@acme.com"), message("anna@acme.com", subject="kept")])
    items = read_path(str(box))
    first = next(items)  # the folder is listed; now the mail program renames the next file away
    (gone,) = [p for p in (box / "new").iterdir() if p.name != Path(first.source).name]
    gone.unlink()
    rest = list(items)
    assert isinstance(rest[0], Unreadable)
    assert "gone while reading" in rest[0].reason


def test_a_missing_date_falls_back_to_the_maildir_delivery_time(tmp_path: Path) -> None:
    box = maildir(tmp_path / "INBOX", [message("anna@acme.com", sent="")])
    path = next((box / "new").iterdir())
    delivered = path.with_name("1795345200.M1P1.host")  # 2026-11-22 11:00 UTC
    path.rename(delivered)
    (found,) = read([ACME], box)
    assert isinstance(found.action, LogReply)
    assert found.action.on.isoformat() == "2026-11-22"


def test_a_50_mb_attachment_is_not_loaded_unless_needed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A 50 MB base64 attachment, spliced in for a small one (encoding it with email takes seconds).
    big = (b"QUJD" * 19 + b"\n") * (50 * 1024 * 1024 // 77)
    small = base64.encodebytes(b"%PDF-tiny")

    def with_big(msg: EmailMessage, name: str) -> Path:
        raw = msg.as_bytes()
        assert raw.count(small) == 1
        path = tmp_path / name
        path.write_bytes(raw.replace(small, big))
        return path

    unmatched = with_big(message("bob@gmail.com", attachment=b"%PDF-tiny"), "big-unmatched.eml")
    matched = with_big(
        message(
            "anna@acme.com", text="We decided to move forward with other candidates.", attachment=b"%PDF-tiny"
        ),
        "big-matched.eml",
    )
    assert unmatched.stat().st_size > 50_000_000
    bytes_read: list[int] = []
    real_read = os.read

    def counting_read(fd: int, n: int) -> bytes:
        data = real_read(fd, n)
        bytes_read.append(len(data))
        return data

    real_pread = os.pread

    def counting_pread(fd: int, n: int, offset: int) -> bytes:
        data = real_pread(fd, n, offset)
        bytes_read.append(len(data))
        return data

    monkeypatch.setattr(os, "read", counting_read)
    monkeypatch.setattr(os, "pread", counting_pread)
    started = time.perf_counter()
    found = read([ACME], unmatched, matched)
    elapsed = time.perf_counter() - started
    assert isinstance(found[0].action, Unmatched)
    assert "other candidates" in str(found[1].action)  # its text comes before the attachment
    # The headers of both, and the first BODY_LIMIT bytes of the matched one only.
    assert sum(bytes_read) < BODY_LIMIT + 64 * 1024
    assert elapsed < 2.0, elapsed


def test_20000_messages_are_read_in_seconds(tmp_path: Path) -> None:
    box = tmp_path / "INBOX"
    maildir(box, [message("anna@acme.com", subject="the real one")])
    template = message("newsletter@shop.example", subject="Offer {n}").as_bytes()
    new = box / "new"
    for n in range(20_000):  # a maildir as a sync tool leaves it (writing through mailbox takes longer)
        (new / f"{1790000000 + n}.M{n}P1.host").write_bytes(template.replace(b"{n}", str(n).encode()))
    started = time.perf_counter()
    found = read([ACME, card(2, "Beta", "bo@beta.example")], box)
    elapsed = time.perf_counter() - started
    assert len(found) == 20_001
    assert sum(1 for s in found if isinstance(s.action, LogReply)) == 1
    assert elapsed < 8.0, f"{elapsed:.1f} s"


def test_the_users_own_address_is_compared_without_case(tmp_path: Path) -> None:
    sent = message(ME.upper(), to="Anna <ANNA@ACME.COM>", subject="Thank you")
    (found,) = read([ACME], eml(tmp_path / "sent.eml", sent))
    assert found.message.from_me
    assert found.match is not None


def test_a_maildir_is_read_in_delivery_order(tmp_path: Path) -> None:
    box = maildir(tmp_path / "INBOX", [])
    # Delivery programs do not pad the microseconds: M99999 came before M100000 in the same second.
    for name, subject in [("1795000000.M100000P7.host", "second"), ("1795000000.M99999P7.host", "first")]:
        (box / "new" / name).write_bytes(message("anna@acme.com", subject=subject).as_bytes())
    (box / "cur" / "1794999999.M5P7.host:2,S").write_bytes(
        message("anna@acme.com", subject="zeroth").as_bytes()
    )
    assert [s.message.subject for s in read([ACME], box)] == ["zeroth", "first", "second"]
