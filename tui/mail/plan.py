"""From messages read to suggestions: headers for every message, bodies for the matched ones.

This is where the reading and the deciding meet. Every message's header block
is parsed and matched against the open cards; only a matched message's body
is read (through the envelope's ``read``), and then ``classify`` decides. The
result is one ``Suggestion`` per message, in reading order, and nothing is
changed anywhere: applying them is a separate step (``apply``). A message the
board already holds (``Reading.applied``) is passed over without reading its
body, so a cron run over a big maildir reads the new messages only.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import BinaryIO

from tui.domain.model import Interview
from tui.mail.body import parse_body
from tui.mail.classify import decide, reconcile
from tui.mail.headers import NotMail, parse_head
from tui.mail.match import CardIndex
from tui.mail.read import Item, SourceError, Unreadable, read_path
from tui.mail.suggestion import MessageInfo, Skipped, Suggestion, Unmatched


@dataclass(frozen=True)
class Reading:
    """What a run reads with: the user's addresses and zone, and the moment it is."""

    me: frozenset[str]
    zone_name: str
    now: datetime
    #: The SEQUENCE of each invite already on the board, by (card id, UID).
    rounds: Mapping[tuple[int, str], int] = field(default_factory=dict)
    #: The identities of messages already applied.
    applied: Container[str] = frozenset()


def suggest(items: Iterable[Item], cards: Iterable[Interview], reading: Reading) -> list[Suggestion]:
    """One suggestion per message of ``items``, each seen with the rest of the batch."""
    index = CardIndex(cards)
    found: list[Suggestion] = []
    for item in items:
        found.append(_one(item, index, reading))
    return reconcile(found, rounds=reading.rounds, applied=reading.applied)


def read_paths(paths: Sequence[str], problems: list[str], stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Every message of every path in turn; a path that cannot be read is noted in ``problems``."""
    for path in paths:
        try:
            yield from read_path(path, stdin)
        except SourceError as exc:
            problems.append(str(exc))


def _one(item: Item, index: CardIndex, reading: Reading) -> Suggestion:
    if isinstance(item, Unreadable):
        return Suggestion(MessageInfo("", item.source), Skipped(item.reason))
    try:
        head = parse_head(item.head, item.source, reading.me, item.delivered)
    except NotMail as exc:
        return Suggestion(MessageInfo("", item.source), Skipped(str(exc)))
    match = index.match(head, reading.me)
    if isinstance(match, Unmatched):
        return Suggestion(head.info, match)
    if head.info.identity in reading.applied:  # cron over the same maildir: the body is not read again
        return Suggestion(head.info, Skipped("already applied"), match)
    try:
        raw = item.read()
    except OSError as exc:
        return Suggestion(head.info, Skipped(f"cannot read its text: {exc.strerror or exc}"), match)
    body = parse_body(raw, reading.zone_name)
    card = index.cards[match.card_id]
    return Suggestion(head.info, decide(head.info, card, body, reading.zone_name, reading.now), match)
