"""The board merge, rule by rule (issue: one board on several machines, through git)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import msgspec
import pytest

from tui.domain import ops
from tui.domain.model import Contact, Interview
from tui.domain.stages import Outcome, Stage
from tui.domain.wall import WallTime
from tui.sync.merge import OTHER_MACHINE, Board, merge

LONDON = "Europe/London"
ON = date(2026, 12, 7)


def card(
    card_id: int, uid: str, company: str = "Acme", made: date = date(2026, 11, 20), **fields: Any
) -> Interview:
    return ops.new_interview(
        card_id=card_id,
        company=company,
        interviewed_at=WallTime(datetime(2026, 11, 20, 10, 0), LONDON),
        created_on=made,
        uid=uid,
        **fields,
    )


def board(*cards: Interview) -> Board:
    return Board(tuple(cards), max([1, *(c.id + 1 for c in cards)]))


def both_ways(base: Board, ours: Board, theirs: Board) -> tuple[Board, Board]:
    return merge(base, ours, theirs, on=ON).board, merge(base, theirs, ours, on=ON).board


def by_uid(result: Board) -> dict[str, Interview]:
    return {c.uid: c for c in result.cards}


def test_a_card_added_on_one_side_is_kept() -> None:
    a = card(1, "a")
    added = card(2, "b", "Beta")
    merged, swapped = both_ways(board(a), board(a, added), board(a))
    assert merged == swapped == board(a, added)


def test_cards_added_on_both_sides_under_one_number_are_both_kept_the_older_keeps_it() -> None:
    a = card(1, "a")
    mine = card(2, "mine", "Mine", made=date(2026, 11, 22))
    older = card(2, "older", "Older", made=date(2026, 11, 21))
    result = merge(board(a), board(a, mine), board(a, older), on=ON)
    merged = by_uid(result.board)
    assert merged["older"].id == 2
    assert merged["mine"].id == 3
    assert result.renumbered == {"mine": (2, 3)}
    assert result.board.next_id == 4
    swapped = merge(board(a), board(a, older), board(a, mine), on=ON).board
    assert swapped == result.board


def test_one_card_numbered_differently_keeps_the_higher_number() -> None:
    a = card(1, "a")
    merged, swapped = both_ways(board(a), board(msgspec.structs.replace(a, id=5)), board(a))
    assert [c.id for c in merged.cards] == [5]
    assert merged == swapped


def test_a_renumbered_card_does_not_take_a_number_in_use() -> None:
    a, b = card(1, "a"), card(3, "b", "Beta")
    merged, swapped = both_ways(board(a, b), board(msgspec.structs.replace(a, id=3), b), board(a, b))
    numbers = {c.uid: c.id for c in merged.cards}
    assert len(set(numbers.values())) == 2
    assert numbers["a"] == 3  # made the same day: the uid decides who keeps it
    assert numbers["b"] == 4
    assert merged == swapped


def test_events_are_the_union_in_date_order_and_the_stage_follows() -> None:
    base = card(1, "a")
    mine = ops.move(base, Stage.THANKED, date(2026, 11, 21))
    theirs = ops.log_reply(base, date(2026, 11, 23), note="they called")
    theirs = ops.move(theirs, Stage.WAITING, date(2026, 11, 24))
    merged, swapped = both_ways(board(base), board(mine), board(theirs))
    assert merged == swapped
    (got,) = merged.cards
    assert [(e.kind.value, e.on.day) for e in got.events] == [
        ("created", 20),
        ("moved", 21),
        ("reply", 23),
        ("moved", 24),
    ]
    assert got.stage is Stage.WAITING


def test_a_close_on_one_side_closes_the_merged_card_with_its_outcome() -> None:
    base = card(1, "a")
    mine = ops.move(base, Stage.CLOSED, date(2026, 11, 25), outcome=Outcome.OFFER)
    theirs = ops.log_followup(base, date(2026, 11, 22))
    (got,) = merge(board(base), board(mine), board(theirs), on=ON).board.cards
    assert (got.stage, got.outcome) == (Stage.CLOSED, Outcome.OFFER)
    assert len(got.events) == 3


def test_the_same_event_on_both_sides_is_kept_once() -> None:
    base = card(1, "a")
    both = ops.log_reply(base, date(2026, 11, 23))
    mine = ops.log_followup(both, date(2026, 11, 24))
    (got,) = merge(board(base), board(mine), board(both), on=ON).board.cards
    assert [e.kind.value for e in got.events] == ["created", "reply", "followup"]


def test_same_day_events_of_each_side_keep_their_own_order() -> None:
    base = card(1, "a")
    day = date(2026, 11, 21)
    mine = ops.move(ops.move(base, Stage.THANKED, day), Stage.CHECKED_IN, day)
    theirs = ops.log_reply(base, day, note="phone")
    merged, swapped = both_ways(board(base), board(mine), board(theirs))
    assert merged == swapped
    (got,) = merged.cards
    moves = [e.stage for e in got.events if e.stage is not None and e.from_stage is not None]
    assert moves == [Stage.THANKED, Stage.CHECKED_IN]
    assert got.stage is Stage.CHECKED_IN


def test_a_field_changed_on_one_side_takes_that_sides_value() -> None:
    base = card(1, "a", role="Engineer")
    mine = ops.edit(base, notes="bring the portfolio")
    theirs = ops.edit(base, role="Senior engineer")
    merged, swapped = both_ways(board(base), board(mine), board(theirs))
    assert merged == swapped
    (got,) = merged.cards
    assert (got.role, got.notes) == ("Senior engineer", "bring the portfolio")


def test_a_field_changed_on_both_sides_keeps_ours_and_theirs_goes_to_the_notes() -> None:
    base = card(1, "a", role="Engineer", notes="first notes")
    mine = ops.edit(base, role="Lead engineer", notes="first notes\nmine")
    theirs = ops.edit(
        base, role="Staff engineer", notes="first notes\ntheirs", contacts=[Contact("Ann", email="a@x")]
    )
    result = merge(board(base), board(mine), board(theirs), on=ON)
    (got,) = result.board.cards
    assert got.role == "Lead engineer"
    assert got.contacts == (Contact("Ann", email="a@x"),)  # changed on their side only
    assert got.notes.startswith("first notes\nmine\n")
    assert f"{OTHER_MACHINE} (merged 2026-12-07), role: Staff engineer" in got.notes.splitlines()
    assert f"{OTHER_MACHINE} (merged 2026-12-07), notes:\nfirst notes\ntheirs" in got.notes
    assert result.conflicts == {"a": ("role", "notes")}


def test_contacts_changed_on_both_sides_keep_every_person() -> None:
    base = card(1, "a")
    mine = ops.edit(base, contacts=[Contact("Ann")])
    theirs = ops.edit(base, contacts=[Contact("Bob", title="CTO", phone="+44 20 1234")])
    (got,) = merge(board(base), board(mine), board(theirs), on=ON).board.cards
    assert got.contacts == (Contact("Ann"),)
    assert "contacts: Bob, CTO, +44 20 1234" in got.notes


def test_deleted_on_one_side_and_unchanged_on_the_other_is_deleted() -> None:
    a, b = card(1, "a"), card(2, "b", "Beta")
    merged, swapped = both_ways(board(a, b), board(a), board(a, b))
    assert merged == swapped
    assert [c.uid for c in merged.cards] == ["a"]
    assert merged.next_id == 3  # the number is not given again


def test_deleted_on_one_side_and_changed_on_the_other_is_kept() -> None:
    a, b = card(1, "a"), card(2, "b", "Beta")
    moved = ops.move(b, Stage.THANKED, date(2026, 11, 21))
    merged, swapped = both_ways(board(a, b), board(a), board(a, moved))
    assert merged == swapped
    assert by_uid(merged)["b"] == moved


def test_a_renumbered_card_is_not_a_change() -> None:
    """Deleted on one side, only renumbered on the other: deleted."""
    a, b = card(1, "a"), card(2, "b", "Beta")
    merged = merge(board(a, b), board(a), board(a, msgspec.structs.replace(b, id=7)), on=ON).board
    assert [c.uid for c in merged.cards] == ["a"]


def test_cards_without_uids_added_apart_are_both_kept() -> None:
    """A board written before uids: a new card is matched only by a number the ancestor had."""
    a = card(1, "")
    mine, theirs = card(2, "", "Mine"), card(2, "", "Theirs", made=date(2026, 11, 19))
    merged, swapped = both_ways(board(a), board(a, mine), board(a, ops.edit(a, role="R"), theirs))
    assert merged == swapped
    assert [(c.id, c.company, c.role) for c in merged.cards] == [
        (1, "Acme", "R"),
        (2, "Theirs", ""),
        (3, "Mine", ""),
    ]


@pytest.mark.parametrize("side", ["ours", "theirs"])
def test_nothing_changed_on_one_side_gives_the_other(side: str) -> None:
    a = card(1, "a")
    changed = board(ops.log_reply(a, date(2026, 11, 22)), card(2, "b"))
    same = board(a)
    ours, theirs = (changed, same) if side == "ours" else (same, changed)
    assert merge(same, ours, theirs, on=ON).board == changed


def test_a_card_from_before_uids_given_a_uid_on_each_side_is_one_card() -> None:
    """The ancestor has no uids; each side saved since and named the same card its own way."""
    was = card(1, "")
    mine = ops.log_reply(msgspec.structs.replace(was, uid="u-mine"), date(2026, 11, 21))
    theirs = ops.edit(msgspec.structs.replace(was, uid="u-theirs"), role="Lead")
    merged, swapped = both_ways(board(was), board(mine), board(theirs))
    assert merged == swapped
    (got,) = merged.cards
    assert (got.uid, got.role, len(got.events)) == ("u-mine", "Lead", 2)


def test_a_card_from_before_uids_deleted_on_one_side_goes_if_only_named_on_the_other() -> None:
    was = card(1, "")
    merged, swapped = both_ways(board(was), board(), board(msgspec.structs.replace(was, uid="u")))
    assert merged.cards == swapped.cards == ()


def test_rounds_of_both_sides_are_all_kept_in_date_order() -> None:
    base = card(1, "a")
    mine = ops.add_round(base, WallTime(datetime(2026, 12, 2, 14, 0), LONDON), label="final")
    theirs = ops.add_round(base, WallTime(datetime(2026, 11, 27, 11, 0), LONDON), label="onsite")
    merged, swapped = both_ways(board(base), board(mine), board(theirs))
    assert merged == swapped
    (got,) = merged.cards
    assert [r.label for r in got.all_rounds] == ["", "onsite", "final"]
    assert got.interviewed_at == base.interviewed_at


def test_a_round_removed_on_one_side_and_untouched_on_the_other_goes() -> None:
    base = ops.add_round(card(1, "a"), WallTime(datetime(2026, 11, 27, 11, 0), LONDON), label="onsite")
    mine = ops.remove_round(base, 2)
    theirs = ops.log_reply(base, date(2026, 11, 28))
    (got,) = merge(board(base), board(mine), board(theirs), on=ON).board.cards
    assert got.rounds == ()
    assert len(got.events) == 2


def test_one_round_changed_on_both_sides_keeps_ours_and_notes_theirs() -> None:
    at = WallTime(datetime(2026, 11, 27, 11, 0), LONDON)
    base = ops.add_round(card(1, "a"), at, label="onsite")
    mine = msgspec.structs.replace(
        base, rounds=(base.rounds[0], msgspec.structs.replace(base.rounds[1], label="panel"))
    )
    theirs = msgspec.structs.replace(
        base, rounds=(base.rounds[0], msgspec.structs.replace(base.rounds[1], label="tech"))
    )
    (got,) = merge(board(base), board(mine), board(theirs), on=ON).board.cards
    assert got.rounds[1].label == "panel"
    assert "interview rounds: 2026-11-27 11:00 Europe/London (tech)" in got.notes


def test_each_side_removing_the_round_the_other_kept_leaves_the_earliest() -> None:
    first = card(1, "a")
    base = ops.add_round(first, WallTime(datetime(2026, 11, 27, 11, 0), LONDON), label="onsite")
    base = ops.add_round(base, WallTime(datetime(2026, 12, 2, 11, 0), LONDON), label="final")
    mine, theirs = ops.remove_round(base, 2), ops.remove_round(ops.remove_round(base, 3), 1)
    merged, swapped = both_ways(board(base), board(mine), board(theirs))
    assert merged == swapped
    (got,) = merged.cards
    assert [r.at.local.day for r in got.all_rounds] == [20]
