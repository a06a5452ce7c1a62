"""A message's headers, decoded forgivingly: whatever the sender's software did.

Only the header block is parsed here (bodies are read later, and only for
messages that match a card). Encoded words in any charset are decoded; an
unknown charset or raw 8-bit bytes become readable text with replacement
characters instead of an error. Nothing here reads files.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from email.errors import HeaderParseError
from email.header import decode_header
from email.utils import getaddresses, parsedate_to_datetime

from tui.mail.suggestion import MessageInfo

#: Headers that make a file a mail message; a file with none of them is not one.
_MAIL_HEADERS = ("from", "to", "date", "subject", "message-id", "received", "return-path")
#: What identifies a message that has no Message-ID (the same in every copy of it).
_IDENTITY_HEADERS = ("from", "to", "cc", "date", "subject")
_SPACE = re.compile(r"\s+")
#: A header block starts with a field: a name of printable ASCII but the colon (RFC 5322), a colon.
_FIRST_FIELD = re.compile(r"[\x21-\x39\x3b-\x7e]+[ \t]*:")
#: The fields read, each with its folded continuation lines.
_WANTED = re.compile(
    r"^(from|to|cc|bcc|reply-to|date|subject|message-id|received|return-path)[ \t]*:"
    r"(.*(?:\r?\n[ \t].*)*)",
    re.IGNORECASE | re.MULTILINE,
)
#: One plain address, alone or after a plain name: read without the full address parser.
_PLAIN = re.compile(r"\s*(?:([^\"(),:;<>@\\]*?)\s*<)?([^\s\"(),:;<>@\\]+@[^\s\"(),:;<>@\\]+)>?\s*")


class NotMail(ValueError):
    """Bytes that cannot be read as a mail message (the message says why, in one line)."""


@dataclass(frozen=True, slots=True)
class Head:
    """What the matching rules need from a message's headers."""

    info: MessageInfo
    #: Reply-To addresses other than From: where a hiring system sends the replies (the recruiter).
    #: Sender is left out: it names the sending machinery (a calendar service, a list), not the employer.
    also_from: tuple[str, ...] = ()


def parse_head(raw: bytes, source: str, me: frozenset[str], delivered: datetime | None = None) -> Head:
    """Decode the header block ``raw`` (bytes up to the blank line) of the message read at ``source``.

    ``me`` holds the user's own addresses, lower-cased. ``delivered`` stands in
    for a missing or garbled Date header (a maildir file's delivery time, an
    mbox separator's date). Raises ``NotMail`` for bytes that are not mail.
    """
    if b"\x00" in raw:
        raise NotMail("not a mail message (binary data)")
    headers = split_headers(raw)
    if not headers.keys() & set(_MAIL_HEADERS):
        raise NotMail("not a mail message (no mail headers)")
    senders = _addresses(headers, "from")
    if not senders:
        raise NotMail("no sender address in From")
    sender_name, sender = senders[0]
    recipients = tuple(
        address for header in ("to", "cc", "bcc") for _, address in _addresses(headers, header)
    )
    also = tuple(address for _, address in _addresses(headers, "reply-to"))
    info = MessageInfo(
        identity=identity(headers),
        source=source,
        sent=_date(_first(headers, "date")) or delivered,
        sender=sender,
        sender_name=sender_name,
        recipients=recipients,
        subject=header_text(_first(headers, "subject")),
        from_me=sender in me,
    )
    return Head(info, tuple(a for a in also if a != sender))


def split_headers(raw: bytes) -> dict[str, list[str]]:
    """The header fields of ``raw`` this module reads, unfolded, by lower-cased name.

    ``raw`` is a header block (up to its blank line). It is no header block
    unless its first line is a header field. Only the fields needed are picked
    out, by one pattern: the standard parser builds every field of every
    message, which takes several times as long on a folder of 20,000 messages.
    Raw 8-bit bytes are read as UTF-8, else Latin-1.
    """
    text = raw.decode("ascii", "surrogateescape")
    if not _FIRST_FIELD.match(text):
        return {}
    headers: dict[str, list[str]] = {}
    for found in _WANTED.finditer(text):
        headers.setdefault(found.group(1).lower(), []).append(_raw_text(found.group(2).strip()))
    return headers


def identity(headers: dict[str, list[str]]) -> str:
    """The Message-ID, or a hash of the headers every copy of the message shares."""
    message_id = _SPACE.sub("", _first(headers, "message-id"))
    if message_id:
        return message_id
    digest = hashlib.sha256()
    for key in _IDENTITY_HEADERS:
        digest.update(_SPACE.sub(" ", _first(headers, key)).strip().encode("utf-8", "replace"))
        digest.update(b"\n")
    return "sha256:" + digest.hexdigest()[:32]


def _first(headers: dict[str, list[str]], key: str) -> str:
    values = headers.get(key)
    return values[0] if values else ""


def header_text(raw: str) -> str:
    """A header's value as text on one line: encoded words decoded, odd bytes replaced."""
    try:
        parts = decode_header(raw)
    except (HeaderParseError, ValueError, IndexError):
        return _one_line(raw)
    pieces = []
    for part, charset in parts:
        if isinstance(part, str):
            pieces.append(part)
        elif charset is None:
            pieces.append(part.decode("raw-unicode-escape", "replace"))
        else:
            pieces.append(_decode(part, charset))
    return _one_line("".join(pieces))


def _decode(data: bytes, charset: str) -> str:
    name = charset.split("*", 1)[0].strip() or "ascii"  # RFC 2231 adds a language: utf-8*en
    try:
        return data.decode(name, "replace")
    except (LookupError, ValueError):  # a charset Python does not know, or not even a name
        return data.decode("utf-8", "replace")


def _raw_text(value: object) -> str:
    """The header as parsed (raw 8-bit bytes arrive as surrogates): read them as UTF-8, else Latin-1."""
    text = str(value)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        data = text.encode("utf-8", "surrogateescape")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data.decode("latin-1")
    return text


def _one_line(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _addresses(headers: dict[str, list[str]], header: str) -> list[tuple[str, str]]:
    """(display name, lower-cased address) pairs; entries without an ``@`` are left out."""
    values = headers.get(header)
    if not values:
        return []
    if len(values) == 1:
        plain = _PLAIN.fullmatch(values[0])
        if plain is not None and (plain.group(1) is not None or ">" not in values[0]):
            address = plain.group(2).lower()
            if "." in address.rpartition("@")[2]:
                return [(header_text(plain.group(1) or ""), address)]
    try:
        pairs = getaddresses(values)
    except (ValueError, IndexError, TypeError):
        return []
    found = []
    for name, written in pairs:
        address = written.strip().strip("<>").lower()
        local, at, domain = address.rpartition("@")
        if at and local and "." in domain and not _SPACE.search(address):
            found.append((header_text(name), address))
    return found


def _date(value: str) -> datetime | None:
    text = value.strip()
    if not text:
        return None
    try:
        moment = parsedate_to_datetime(text)
    except (ValueError, TypeError, IndexError, OverflowError):
        return None
    if moment.tzinfo is None:  # "-0000": the zone is unknown; RFC 5322 says read it as UTC
        moment = moment.replace(tzinfo=timezone.utc)
    if not 1970 <= moment.year <= 9000:  # a year no mail was sent in: nor can every zone show it
        return None
    return moment
