"""Cards and boards the store's tests share."""

from __future__ import annotations

import stat
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import msgspec

from tui.domain import ops
from tui.domain.model import Contact, Interview
from tui.domain.stages import Outcome, Stage
from tui.domain.wall import WallTime
from tui.store import Store

LONDON = "Europe/London"
DAY = date(2026, 11, 20)


def interview(card_id: int, company: str = "Acme", **fields: Any) -> Interview:
    return ops.new_interview(
        card_id=card_id,
        company=company,
        interviewed_at=WallTime(datetime(2026, 11, 20, 10, 0), LONDON),
        created_on=DAY,
        **{"uid": f"uid-{card_id}", **fields},  # the same card each time it is made
    )


def maker(company: str = "Acme", **fields: Any) -> Callable[[int], Interview]:
    return lambda card_id: interview(card_id, company, **fields)


def realistic(card_id: int) -> Interview:
    """A card with contacts, notes and a timeline of moves, replies and instructions."""
    card = interview(
        card_id,
        f"Globex {card_id}",
        role="Platform engineer",
        employer_zone="America/New_York",
        contacts=[
            Contact(
                "Ada Lovelace", "Engineering manager", "ada@example.com", "+44 20 7946 0000", "1 High St"
            ),
            Contact(name="Grace Hopper", email="grace@example.com"),
        ],
        notes="Asked about on-call.\nSecond round likely.",
    )
    card = ops.move(card, Stage.THANKED, date(2026, 11, 21))
    card = ops.instruct_contact_on(card, date(2026, 11, 25), given_on=date(2026, 11, 21), note="call Wed")
    card = ops.move(card, Stage.CHECKED_IN, date(2026, 11, 25))
    card = ops.move(card, Stage.WAITING, date(2026, 11, 30))
    card = ops.log_followup(card, date(2026, 12, 7), note="voicemail")
    card = ops.log_reply(card, date(2026, 12, 8), note="decision next week")
    card = ops.instruct_wait(card, date(2026, 12, 15), given_on=date(2026, 12, 8))
    if card_id % 2:
        card = ops.move(card, Stage.CLOSED, date(2026, 12, 16), outcome=Outcome.OFFER)
    return card


def as_made(card: Interview) -> Callable[[int], Interview]:
    return lambda card_id: msgspec.structs.replace(card, id=card_id)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def seeded(path: Path, count: int = 2) -> Store:
    store = Store(path)
    store.add_many([as_made(realistic(k)) for k in range(1, count + 1)])
    return store
