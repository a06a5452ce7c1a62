"""Damaged mail never stops a run: each mangled message still gets its one suggestion."""

from __future__ import annotations

import random
from datetime import datetime

from tests.unit.mail_kit import ME, NOW, ZONE, card, message, outlook_invite
from tui.mail.plan import Reading, suggest
from tui.mail.read import Envelope
from tui.mail.suggestion import Suggestion

#: Pieces that MIME, encoded words, RFC 2231 parameters and iCalendar give meaning to.
SHARDS = [
    b"=?",
    b"?=",
    b"\n",
    b"\r\n ",
    b"--",
    b":",
    b";",
    b"*=",
    b"'",
    b"%",
    b"BEGIN:",
    b"\x00",
    b"\xff",
    b'="',
]


def _base() -> bytes:
    msg = message(
        "Anna <anna@acme.com>",
        subject="=?utf-8?q?Re=3A_hi?=",
        html="<p>not moving forward</p>",
        calendar=outlook_invite(datetime(2026, 12, 3, 11, 0)),
        attachment=b"x" * 3000,
    )
    msg["Content-Disposition"] = "inline; filename*=utf-8''%E2%82%AC.ics"
    return msg.as_bytes()


def _mangled(rng: random.Random, base: bytes) -> bytes:
    data = bytearray(base)
    for _ in range(rng.randrange(1, 30)):
        at = rng.randrange(len(data))
        roll = rng.random()
        if roll < 0.5:
            data[at] = rng.randrange(256)
        elif roll < 0.7:
            del data[at : at + rng.randrange(1, 50)]
        else:
            data[at:at] = rng.choice(SHARDS)
    return bytes(data)


def _suggest(raw: bytes) -> list[Suggestion]:
    end = raw.find(b"\n\n")
    head = raw[: end + 2] if end >= 0 else raw
    reading = Reading(frozenset({ME}), ZONE, NOW)
    return suggest(
        [Envelope("fuzz", head, None, lambda: raw)], [card(1, "Acme Ltd", "anna@acme.com")], reading
    )


def test_mangled_messages_each_get_one_suggestion() -> None:
    rng = random.Random(19)
    base = _base()
    kinds = set()
    for _ in range(400):
        (found,) = _suggest(_mangled(rng, base))
        kinds.add(type(found.action).__name__)
    assert len(kinds) >= 3  # the damage reached headers, text and invite alike


def test_dates_no_zone_can_show_are_no_dates() -> None:
    for date_text in ("Fri, 31 Dec 9999 23:59:00 -1200", "Mon, 1 Jan 1900 00:00:00 +0000"):
        raw = message("anna@acme.com", sent=date_text).as_bytes()
        (found,) = _suggest(raw)
        assert found.message.sent is None
        assert "no usable Date" in str(found.action)


def test_known_breakers() -> None:
    # Each of these once raised: a NUL in a charset name, a broken DTSTART, an 8-bit disposition.
    base = _base()
    broken_start = outlook_invite(datetime(2026, 12, 3, 11, 0)).replace(
        b"DTSTART;TZID=W. Europe Standard Time:20261203T110000", b"DTSTART:2026120"
    )
    for raw in (
        base.replace(b'text/plain; charset="utf-8"', b'text/plain; charset="ut\x00f-8"', 1),
        message("anna@acme.com", calendar=broken_start).as_bytes(),
        base.replace(b"Content-Disposition: attachment", b"Content-Disposition: attach\xffment"),
    ):
        assert raw != base
        (found,) = _suggest(raw)
        assert found.match is not None
