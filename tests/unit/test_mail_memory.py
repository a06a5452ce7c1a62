"""What a card keeps from mail: the messages applied to it and the invites that booked its rounds.

Both are optional parts of schema 2: a card mail never touched is stored as
before, a board with them reads and writes back byte for byte, and a schema-1
board upgrades and takes mail like any other.
"""

from __future__ import annotations

import contextlib
import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.unit.mail_kit import NOW, ZONE, card, message
from tests.unit.test_store_properties import PROPERTY, board_file, cards, write
from tui import codec
from tui.domain import ops
from tui.domain.booked import book_round, booked_round, cancel_booked_round, move_booked_round, remember_mail
from tui.domain.model import Interview, InviteRef
from tui.domain.ops import DomainError
from tui.domain.wall import WallTime
from tui.mail.apply import Memory, memory
from tui.mail.plan import Reading, suggest
from tui.mail.read import Envelope
from tui.mail.suggestion import Skipped
from tui.store import Store, render

FIXTURE = Path(__file__).parents[2] / "data" / "fixtures" / "board-schema1.json"
ACME = card(1, "Acme Ltd", "anna@acme.com")


def at(day: int, hour: int, zone: str = ZONE) -> WallTime:
    return WallTime(datetime(2026, 12, day, hour), zone)


def test_an_invite_books_a_round_that_keeps_its_uid_and_sequence() -> None:
    booked = book_round(ACME, at(2, 14), "Final", InviteRef("u1", 0))
    assert [(r.label, r.invite) for r in booked.rounds] == [("", None), ("Final", InviteRef("u1", 0))]
    assert booked_round(booked, "u1") == 2
    moved = move_booked_round(booked, "u1", at(3, 9), 1)
    assert [(r.at, r.invite) for r in moved.rounds[1:]] == [(at(3, 9), InviteRef("u1", 1))]
    assert cancel_booked_round(moved, "u1") == ACME


def test_an_invite_for_a_round_already_typed_in_tags_it_rather_than_doubling_it() -> None:
    typed = ops.add_round(ACME, at(2, 14), label="onsite")
    booked = book_round(typed, at(2, 14), "Interview with Acme", InviteRef("u1", 0))
    assert [(r.label, r.invite) for r in booked.rounds] == [("", None), ("onsite", InviteRef("u1", 0))]
    first = book_round(ACME, ACME.interviewed_at, "Phone screen", InviteRef("u2", 3))
    assert [(r.label, r.invite) for r in first.rounds] == [("Phone screen", InviteRef("u2", 3))]
    with pytest.raises(DomainError, match="only round"):
        cancel_booked_round(first, "u2")


def test_a_moved_round_can_become_the_first_and_the_card_is_timed_from_it() -> None:
    booked = book_round(ACME, at(2, 14), "Final", InviteRef("u1", 0))
    moved = move_booked_round(booked, "u1", WallTime(datetime(2026, 11, 19, 9), ZONE), 1)
    assert moved.interviewed_at == WallTime(datetime(2026, 11, 19, 9), ZONE)
    assert moved.rounds[0].invite == InviteRef("u1", 1)


def test_an_invite_that_no_longer_fits_says_why() -> None:
    booked = book_round(ACME, at(2, 14), "Final", InviteRef("u1", 0))
    with pytest.raises(DomainError, match="already on the board"):
        book_round(booked, at(4, 14), "Final", InviteRef("u1", 1))
    with pytest.raises(DomainError, match="no longer on the board"):
        move_booked_round(ACME, "u1", at(3, 9), 1)
    with pytest.raises(DomainError, match="already a round"):
        move_booked_round(booked, "u1", ACME.interviewed_at, 1)


def test_a_message_is_remembered_once() -> None:
    once = remember_mail(ACME, "<a@b>")
    assert remember_mail(once, "<a@b>") is once
    assert remember_mail(once, "") is once
    assert memory([once, book_round(ACME, at(2, 14), "x", InviteRef("u1", 4))]) == Memory(
        {(1, "u1"): 4}, frozenset({"<a@b>"})
    )


def test_a_card_mail_never_touched_is_stored_as_before() -> None:
    stored = codec.card_to_dict(ACME)
    assert "applied_mail" not in stored
    booked = remember_mail(book_round(ACME, at(2, 14), "Final", InviteRef("u1", 2)), "<a@b>")
    stored = codec.card_to_dict(booked)
    assert stored["applied_mail"] == ["<a@b>"]
    assert [r.get("invite") for r in stored["rounds"]] == [None, {"uid": "u1", "sequence": 2}]
    assert codec.card_from_dict(1, stored) == booked
    assert codec.card_from_json(1, json.dumps(stored).encode()) == booked


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda r: r.update(applied_mail="<a@b>"), "applied_mail must be a list"),
        (lambda r: r["rounds"][1].update(invite="u1"), "invite must be an object"),
        (lambda r: r["rounds"][1].update(invite={"uid": "u1", "sequence": "2"}), "sequence must be a whole"),
    ],
)
def test_a_damaged_mail_field_is_named(change: object, words: str) -> None:
    stored = codec.card_to_dict(book_round(ACME, at(2, 14), "Final", InviteRef("u1", 2)))
    change(stored)  # type: ignore[operator]
    with pytest.raises(codec.CodecError, match=words):
        codec.card_from_dict(1, stored)


mail_steps = st.lists(
    st.tuples(st.sampled_from(["book", "remember"]), st.text(max_size=10), st.integers(0, 9)), max_size=4
)


@PROPERTY
@given(base=cards(1), steps=mail_steps)
def test_a_board_holding_mail_reads_and_writes_back_byte_for_byte(
    base: Interview, steps: list[tuple[str, str, int]]
) -> None:
    made = base
    for kind, text, number in steps:
        if kind == "remember":
            made = remember_mail(made, text)
            continue
        when = WallTime(
            datetime.combine(made.interview_day, datetime.min.time()).replace(hour=8 + number), ZONE
        )
        with contextlib.suppress(DomainError, ValueError):
            made = book_round(made, when, text, InviteRef(text or "uid", number))
    with board_file() as path:
        write(path, [made])
        raw = path.read_bytes()
        store = Store(path)
        assert store.load() == [made]
        with store._storage.transaction(whole_cards=True):
            store.put(made)
        assert path.read_bytes() == raw
        assert render.render(json.loads(raw)) == raw


def test_a_schema_1_board_takes_mail_and_keeps_it(tmp_path: Path) -> None:
    path = tmp_path / "board.json"
    shutil.copyfile(FIXTURE, path)
    store = Store(path)
    first = store.load()[0]
    done = store.update_many(
        {first.id: lambda c: remember_mail(book_round(c, at(2, 14), "Final", InviteRef("u1", 0)), "<a@b>")}
    )
    after = done[first.id][1]
    assert after.applied_mail == ("<a@b>",)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["_meta"]["1"]["schema"] == 2
    assert Store(path).load()[0] == after


def test_update_many_is_one_write_and_all_or_nothing(tmp_path: Path) -> None:
    path = tmp_path / "board.json"
    store = Store(path)
    store.add(lambda i: card(i, "Acme Ltd"))
    store.add(lambda i: card(i, "Beta"))
    before = path.read_bytes()

    def fails(c: Interview) -> Interview:
        raise DomainError("no")

    with pytest.raises(DomainError):
        store.update_many({1: lambda c: remember_mail(c, "<x>"), 2: fails})
    assert path.read_bytes() == before
    backup = store.backup_path.read_bytes()
    done = store.update_many(
        {1: lambda c: remember_mail(c, "<x>"), 2: lambda c: remember_mail(c, "<y>"), 9: fails}
    )
    assert sorted(done) == [1, 2]  # card 9 is not on the board: left out
    assert store.backup_path.read_bytes() == before != backup  # one write: the backup is the file before it
    assert [c.applied_mail for c in Store(path).load()] == [("<x>",), ("<y>",)]
    unchanged = path.read_bytes()
    store.update_many({1: lambda c: c})
    assert path.read_bytes() == unchanged


def test_a_message_already_applied_is_passed_over_without_reading_its_body() -> None:
    def never() -> bytes:
        raise AssertionError("the body of a message already applied was read")

    head = message("anna@acme.com", message_id="<r1@acme>").as_bytes().split(b"\n\n")[0] + b"\n\n"
    reading = Reading(frozenset({"ann@example.com"}), ZONE, NOW, applied=frozenset({"<r1@acme>"}))
    found = suggest([Envelope("INBOX/1", head, None, never)], [ACME], reading)
    assert [item.action for item in found] == [Skipped("already applied")]
