"""Builders for the mail tests: cards, messages, invites shaped as real senders send them, mail folders.

Folders are made with the standard library's ``mailbox`` (as a mail program
would), invites with ``icalendar`` in the shapes Google Calendar, Outlook and
Greenhouse send: a TZID zone with its VTIMEZONE, a Windows zone name, a UTC
time; long lines come out folded as RFC 5545 asks.
"""

from __future__ import annotations

import hashlib
import mailbox
import os
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta, timezone
from email.message import EmailMessage
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from tui.cli import main
from tui.domain import ops
from tui.domain.model import Contact, Interview
from tui.domain.stages import Outcome, Stage
from tui.domain.wall import WallTime
from tui.mail.plan import Reading, suggest
from tui.mail.read import read_path
from tui.mail.suggestion import Suggestion

ZONE = "Europe/London"
ME = "ann@example.com"
NOW = datetime(2026, 12, 1, 9, 30, tzinfo=ZoneInfo(ZONE))
HOSTILE = "[bold red]Evil[/] \x1b[2J\x9b31m\u202e"


def card(
    card_id: int,
    company: str,
    *emails: str,
    interviewed: date = date(2026, 11, 20),
    moves: Sequence[tuple[Stage, date]] = (),
) -> Interview:
    """A card interviewed at 10:00 on ``interviewed``, with one contact per email, moved as told."""
    made = ops.new_interview(
        card_id=card_id,
        company=company,
        interviewed_at=WallTime(datetime.combine(interviewed, datetime.min.time()).replace(hour=10), ZONE),
        created_on=interviewed,
        contacts=[Contact(name=f"Contact {i}", email=e) for i, e in enumerate(emails)],
    )
    for stage, on in moves:
        outcome = Outcome.REJECTED if stage is Stage.CLOSED else None
        made = ops.move(made, stage, on, outcome=outcome)
    return made


def message(
    sender: str,
    to: str = ME,
    subject: str = "Hello",
    sent: str = "Tue, 24 Nov 2026 10:00:00 +0000",
    text: str | None = "Thank you.",
    *,
    message_id: str | None = None,
    html: str | None = None,
    calendar: bytes | None = None,
    attachment: bytes | None = None,
    headers: Iterable[tuple[str, str]] = (),
) -> EmailMessage:
    """A message as a mail program writes it (a text part, an HTML part, an invite, an attachment)."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    if sent:
        msg["Date"] = sent
    if message_id is not None:
        msg["Message-ID"] = message_id
    for key, value in headers:
        msg[key] = value
    if text is not None:
        msg.set_content(text)
        if html is not None:
            msg.add_alternative(html, subtype="html")
    elif html is not None:
        msg.set_content(html, subtype="html")
    if calendar is not None:
        if not msg.is_multipart() and text is None and html is None:
            msg.set_content(calendar, maintype="text", subtype="calendar", params={"method": "REQUEST"})
        else:
            msg.add_alternative(calendar, maintype="text", subtype="calendar", params={"method": "REQUEST"})
    if attachment is not None:
        msg.add_attachment(attachment, maintype="application", subtype="pdf", filename="portfolio.pdf")
    return msg


def _calendar(method: str, event: Event, *zones: Timezone) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//followup tests//EN")
    cal.add("version", "2.0")
    cal.add("method", method)
    for tz in zones:
        cal.add_component(tz)
    cal.add_component(event)
    return bytes(cal.to_ical())


def _event(uid: str, sequence: int, summary: str, description: str = "") -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("summary", summary)
    event.add("dtstamp", datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc))
    event.add("organizer", "mailto:anna@acme.com")
    event.add("attendee", f"mailto:{ME}")
    if description:
        event.add("description", description)
    return event


def google_invite(
    start: datetime,
    *,
    uid: str = "7kukuqrfedlm2f9t0p1lmnbq4c@google.com",
    sequence: int = 0,
    method: str = "REQUEST",
    summary: str = "Technical interview: Ann Example",
) -> bytes:
    """Google Calendar: DTSTART;TZID=<IANA zone> with that zone's VTIMEZONE, a long folded description."""
    event = _event(uid, sequence, summary, "Join with Google Meet: https://meet.google.com/abc-defg-hij " * 4)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(hours=1))
    name = str(start.tzinfo)
    tz = Timezone()
    tz.add("tzid", name)
    tz.add("x-lic-location", name)
    return _calendar(method, event, tz)


def outlook_invite(
    local: datetime,
    windows_zone: str = "W. Europe Standard Time",
    *,
    uid: str = "040000008200E00074C5B7101A82E00800000000B0A1C2D3E4F5",
    sequence: int = 0,
    method: str = "REQUEST",
    summary: str = "Final interview",
) -> bytes:
    """Outlook / Exchange: a Windows zone name in TZID, defined by its own VTIMEZONE."""
    event = _event(uid, sequence, summary)
    event.add("dtstart", local, parameters={"TZID": windows_zone})
    event.add("dtend", local + timedelta(hours=1), parameters={"TZID": windows_zone})
    tz = Timezone()
    tz.add("tzid", windows_zone)
    standard = TimezoneStandard()
    standard.add("dtstart", datetime(1601, 1, 1, 3, 0))
    standard.add("tzoffsetfrom", timedelta(hours=2))
    standard.add("tzoffsetto", timedelta(hours=1))
    standard.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1SU"})
    daylight = TimezoneDaylight()
    daylight.add("dtstart", datetime(1601, 1, 1, 2, 0))
    daylight.add("tzoffsetfrom", timedelta(hours=1))
    daylight.add("tzoffsetto", timedelta(hours=2))
    daylight.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1SU"})
    tz.add_component(standard)
    tz.add_component(daylight)
    return _calendar(method, event, tz)


def greenhouse_invite(
    start_utc: datetime,
    *,
    uid: str = "greenhouse-interview-123456@greenhouse.io",
    sequence: int = 0,
    method: str = "REQUEST",
    summary: str = "Interview with Acme Ltd - Onsite, Senior Data Engineer (Platform) - Ann Example",
) -> bytes:
    """Greenhouse: times in UTC, a long description (folded), no VTIMEZONE."""
    event = _event(uid, sequence, summary, "Interviewers: Anna Li, Bo Chen, Cy Dahl. " * 5)
    event.add("dtstart", start_utc.astimezone(timezone.utc))
    event.add("dtend", start_utc.astimezone(timezone.utc) + timedelta(hours=2))
    return _calendar(method, event)


# -- mail folders, as a mail program leaves them


def maildir(folder: Path, messages: Iterable[EmailMessage], *, seen: bool = False) -> Path:
    """A maildir holding ``messages`` (in new/, or in cur/ flagged seen)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    box = mailbox.Maildir(folder, create=True)
    for msg in messages:
        entry = mailbox.MaildirMessage(msg)
        if seen:
            entry.set_subdir("cur")
            entry.add_flag("S")
        box.add(entry)
    return folder


def mbox(path: Path, messages: Iterable[EmailMessage]) -> Path:
    box = mailbox.mbox(path, create=True)
    box.lock()
    try:
        for msg in messages:
            box.add(msg)
        box.flush()
    finally:
        box.unlock()
        box.close()
    return path


def eml(path: Path, msg: EmailMessage) -> Path:
    path.write_bytes(msg.as_bytes())
    return path


def fingerprint(*roots: Path) -> dict[str, tuple[str, int]]:
    """Every file under ``roots``: its content's hash and its mtime (ns), by path."""
    seen: dict[str, tuple[str, int]] = {}
    for root in roots:
        paths = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in paths:
            seen[str(path)] = (hashlib.sha256(path.read_bytes()).hexdigest(), os.stat(path).st_mtime_ns)
        if root.is_dir():
            seen.update(
                {f"{d}/": ("dir", os.stat(d).st_mtime_ns) for d in [root, *root.rglob("*")] if d.is_dir()}
            )
    return seen


def read(
    cards: Sequence[Interview], *paths: Path | str, me: str = ME, now: datetime = NOW
) -> list[Suggestion]:
    """The suggestions for the mail at ``paths`` (the library call behind ``followup mail``)."""
    items = (item for path in paths for item in read_path(str(path)))
    return suggest(items, cards, Reading(me=frozenset({me}), zone_name=ZONE, now=now))


def one(cards: Sequence[Interview], msg: EmailMessage, tmp_path: Path, **kw: object) -> Suggestion:
    """The suggestion for one message saved as an .eml file."""
    found = read(cards, eml(tmp_path / "one.eml", msg), **kw)  # type: ignore[arg-type]
    assert len(found) == 1
    return found[0]


# -- the mail command, run in-process


class Mail:
    """``followup --db DB --config CONFIG --now NOW --tz Europe/London ARGS``, in-process (NOW as above)."""

    def __init__(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.db = tmp_path / "board.json"
        self.config = tmp_path / "config.toml"
        self.config.write_text(f'[mail]\nme = ["{ME}"]\n', encoding="utf-8")
        self.capsys = capsys

    def run(self, *args: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        code = main(
            [
                "--db",
                str(self.db),
                "--config",
                str(self.config),
                "--now",
                f"{NOW:%Y-%m-%dT%H:%M}",
                "--tz",
                ZONE,
                *args,
            ]
        )
        out = self.capsys.readouterr()
        assert "Traceback" not in out.err
        return code, out.out, out.err

    def ok(self, *args: str) -> str:
        code, out, err = self.run(*args)
        assert code == 0, err
        return out

    def add(self, company: str, email: str) -> None:
        self.ok("add", "--company", company, "--interviewed", "2026-11-20 10:00", "--contact-email", email)


def two_cards(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Mail:
    """A board of two cards, Acme Ltd (anna@acme.com) and Beta (bo@beta.example), and the command for it."""
    made = Mail(tmp_path, capsys)
    made.add("Acme Ltd", "anna@acme.com")
    made.add("Beta", "bo@beta.example")
    return made
