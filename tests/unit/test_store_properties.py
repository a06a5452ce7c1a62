"""The board file over generated boards: a read and a write change no byte; every reading agrees."""

from __future__ import annotations

import contextlib
import json
import tempfile
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import msgspec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui import codec
from tui.domain import ops
from tui.domain.model import Contact, Interview
from tui.domain.stages import Outcome, Stage
from tui.domain.wall import WallTime
from tui.store import Store, parse, render, schema
from tui.store.parse import CardText

ZONES = ("Europe/London", "America/New_York", "Asia/Kolkata", "UTC")

#: Text as users type it and worse: markup, escapes, control characters, other scripts, lone surrogates.
texts = st.one_of(
    st.text(max_size=12),
    st.text(st.characters(codec=None, categories=["Cc", "Cs", "Lo", "So", "Zl", "Po"]), max_size=8),
    st.sampled_from(["[red]X[/]", '"quoted" \\ back', "\x1b[2J", "e\u0301", "\U0001f9d1\u200d\U0001f4bb"]),
)
contacts = st.builds(Contact, name=texts, title=texts, email=texts, phone=texts, address=texts)

Step = Callable[[Interview, date, int], Interview]
STEPS: dict[str, Step] = {
    "advance": lambda c, on, _: ops.advance(c, on),
    "retreat": lambda c, on, _: ops.retreat(c, on),
    "close": lambda c, on, n: ops.move(c, Stage.CLOSED, on, outcome=list(Outcome)[n % len(Outcome)]),
    "followup": lambda c, on, n: ops.log_followup(c, on, note=f"call {n}"),
    "reply": lambda c, on, _: ops.log_reply(c, on),
    "contact_on": lambda c, on, n: ops.instruct_contact_on(c, on + timedelta(days=n), on),
    "wait": lambda c, on, n: ops.instruct_wait(c, on + timedelta(days=n) if n % 3 else None, on),
    "clear": lambda c, on, _: ops.clear_instruction(c, on),
}


@st.composite
def cards(draw: st.DrawFn, card_id: int) -> Interview:
    day = draw(st.dates(date(2025, 1, 1), date(2028, 12, 31)))
    # 08:00-18:45 is clear of every DST change of these zones.
    at = time(draw(st.integers(8, 18)), draw(st.sampled_from((0, 15, 30, 45))))
    card = ops.new_interview(
        card_id=card_id,
        company=draw(texts.filter(str.strip)),
        interviewed_at=WallTime(datetime.combine(day, at), draw(st.sampled_from(ZONES))),
        created_on=day - timedelta(days=draw(st.integers(0, 5))),
        role=draw(texts),
        employer_zone=draw(st.sampled_from(("", *ZONES))),
        contacts=draw(st.lists(contacts, max_size=2)),
        notes=draw(texts),
    )
    on = day
    for name, gap, extra in draw(
        st.lists(st.tuples(st.sampled_from(sorted(STEPS)), st.integers(0, 8), st.integers(0, 20)), max_size=6)
    ):
        on += timedelta(days=gap)
        with contextlib.suppress(ops.DomainError):
            card = STEPS[name](card, on, extra)
    return card


@st.composite
def boards(draw: st.DrawFn) -> list[Interview]:
    """Cards under distinct ids in no particular order (ids left by deleted cards are gaps)."""
    ids = draw(st.lists(st.integers(1, 400), unique=True, min_size=1, max_size=6))
    return [draw(cards(card_id)) for card_id in ids]


@contextlib.contextmanager
def board_file() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder) / "board.json"


def write(path: Path, board: list[Interview]) -> Store:
    """``board`` saved by a store, in one write."""
    store = Store(path)
    with store._storage.transaction(whole_cards=True):
        for card in board:
            store.put(card)
    return store


PROPERTY = settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(board=boards(), rewritten=st.sets(st.integers(0, 5)))
def test_a_board_read_and_written_back_is_byte_identical(board: list[Interview], rewritten: set[int]) -> None:
    """Read, then write back some cards encoded anew and the others as the text read: not a byte changes."""
    with board_file() as path:
        write(path, board)
        raw = path.read_bytes()
        store = Store(path)
        cards = store.load()
        assert cards == sorted(board, key=lambda card: card.id)
        with store._storage.transaction(whole_cards=True):
            for index, card in enumerate(cards):
                if index in rewritten:
                    store.put(card)  # encoded anew; the other cards are written as the text read
        assert path.read_bytes() == raw
        assert render.render(parse.parse(raw)) == raw  # the file's text, as read
        assert render.render(json.loads(raw)) == raw  # every record parsed, encoded anew
        assert Store(path).load() == cards


def decodings(card_id: int, text: bytes) -> dict[str, Interview]:
    """The card in ``text`` (a record of the board file), read every way the codec and the store read one."""
    parsed = json.loads(text)
    changed = CardText(msgspec.Raw(text))
    changed["company"] = parsed["company"]  # changed in place (a plain TinyDB update): read as a dict
    return {
        "json text": codec.card_from_json(card_id, text),
        "parsed dict": codec.card_from_dict(card_id, parsed),
        "msgspec alone": codec._card(card_id, msgspec.convert(parsed, codec._Record)),
        "checking reading": codec._card(
            card_id, msgspec.convert(codec._checked_record(card_id, parsed), codec._Record)
        ),
        "text changed in place": codec.card_from_dict(card_id, changed.doc),
    }


@PROPERTY
@given(board=boards())
def test_every_way_of_reading_a_card_gives_the_same_card(board: list[Interview]) -> None:
    expected = sorted(board, key=lambda card: card.id)
    with board_file() as path:
        write(path, board)
        raw = path.read_bytes()
        quick = Store(path)
        assert quick.load() == expected
        # Cards are kept as their text in the file; a file msgspec cannot read (a lone
        # surrogate's escape) is parsed whole into dicts instead.
        kept = quick._storage.read()[schema.CARDS_TABLE]
        assert {type(record) for record in kept.values()} in ({CardText}, {dict})
        for doc_id, record in kept.items():
            card = next(card for card in board if card.id == int(doc_id))
            text = (
                bytes(record.text)
                if isinstance(record, CardText) and record.text
                else json.dumps(record).encode()
            )
            for way, decoded in decodings(int(doc_id), text).items():
                assert decoded == card, way
        # The slow way: an older schema is parsed whole into dicts and upgraded.
        path.write_bytes(raw.replace(b'"schema": %d' % schema.SCHEMA_VERSION, b'"schema": 0', 1))
        slow = Store(path)
        assert slow.load() == expected
        assert {type(record) for record in slow._storage.read()[schema.CARDS_TABLE].values()} == {dict}
