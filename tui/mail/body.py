"""A matched message's body: its readable text and its calendar invites.

Only the first ``BODY_LIMIT`` bytes of a message are read: the text and the
invite of a real message come before its attachments, and a 50 MB attachment
must not be loaded to find them. MIME that is malformed or cut short is read
as far as it goes (the standard parser records defects instead of failing).
An HTML-only message is read as its text without tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import Message
from email.parser import BytesParser
from email.policy import compat32
from html.parser import HTMLParser

from tui.mail.invite import Invite, InviteError, read_invite

#: How much of a message is read for its text and invites.
BODY_LIMIT = 2 * 1024 * 1024
#: How much text is kept for phrase matching (a rejection says so early).
TEXT_LIMIT = 200_000
_CALENDAR_TYPES = ("text/calendar", "application/ics")
_PARSER = BytesParser(policy=compat32)


@dataclass(frozen=True, slots=True)
class Body:
    text: str
    invites: tuple[Invite, ...] = ()
    #: Why a calendar part could not be read ('' when none failed).
    calendar_problem: str = ""


def parse_body(raw: bytes, user_zone: str) -> Body:
    """The text and invites of the message ``raw`` (head and body, possibly cut at ``BODY_LIMIT``)."""
    message = _PARSER.parsebytes(raw[:BODY_LIMIT])
    plain: list[str] = []
    html: list[str] = []
    invites: list[Invite] = []
    problem = ""
    for part in message.walk():
        if part.is_multipart():
            continue
        kind = part.get_content_type()
        name = str(part.get_filename("") or "").lower()
        if kind in _CALENDAR_TYPES or name.endswith(".ics"):
            try:
                invites.append(read_invite(_payload(part), user_zone))
            except InviteError as exc:
                problem = str(exc)
            continue
        if str(part.get("content-disposition", "")).lower().startswith("attachment"):
            continue
        if kind == "text/plain":
            plain.append(_text(part))
        elif kind == "text/html":
            html.append(_html_text(_text(part)))
    text = "\n".join(plain) if any(t.strip() for t in plain) else "\n".join(html)
    return Body(text[:TEXT_LIMIT], tuple(invites), problem)


def _payload(part: Message) -> bytes:
    data = part.get_payload(decode=True)
    return data if isinstance(data, bytes) else b""


def _text(part: Message) -> str:
    data = _payload(part)[: TEXT_LIMIT * 4]
    charset = str(part.get_content_charset() or "utf-8")
    try:
        return data.decode(charset, "replace")
    except (LookupError, ValueError):  # a charset unknown, or not even a name
        return data.decode("utf-8", "replace")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in ("br", "p", "div", "li", "tr"):
            self.pieces.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.pieces.append(data)


def _html_text(markup: str) -> str:
    reader = _Text()
    try:
        reader.feed(markup)
        reader.close()
    except (AssertionError, ValueError):  # older parsers assert on some broken markup
        pass
    return re.sub(r"[ \t]+", " ", "".join(reader.pieces))
