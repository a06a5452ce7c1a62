"""The board merge on random histories: nothing either side did is lost, and either side may merge."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

import msgspec
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.domain import ops
from tui.domain.model import Contact, Interview
from tui.domain.stages import STAGES, Outcome, Stage
from tui.domain.wall import WallTime
from tui.sync.merge import Board, Merged, merge

LONDON = "Europe/London"
START = date(2026, 11, 20)
ON = date(2026, 12, 7)

#: One step of a side's history: (what, which card, a day offset, a word).
Step = tuple[str, int, int, str]

steps = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "add",
                "move",
                "close",
                "reply",
                "followup",
                "role",
                "notes",
                "contacts",
                "round",
                "unround",
                "delete",
            ]
        ),
        st.integers(0, 7),
        st.integers(0, 9),
        st.sampled_from(["", "a", "b", "Zed", "ünï", "[red]x[/]"]),
    ),
    max_size=12,
)


def new_card(card_id: int, uid: str, made: date, company: str) -> Interview:
    return ops.new_interview(
        card_id=card_id,
        company=company or "Co",
        interviewed_at=WallTime(datetime(2026, 11, 20, 10, 0), LONDON),
        created_on=made,
        uid=uid,
    )


def play(start: Board, history: list[Step], side: str) -> Board:
    """``history`` applied to ``start`` as a user would, each step on a day after the interview."""
    cards = {c.id: c for c in start.cards}
    next_id = start.next_id
    for number, (what, pick, offset, word) in enumerate(history):
        day = START + timedelta(days=offset)
        if what == "add":
            cards[next_id] = new_card(next_id, f"{side}-{number}", day, word)
            next_id += 1
            continue
        if not cards:
            continue
        target = sorted(cards)[pick % len(cards)]
        card = cards[target]
        try:
            if what == "move":
                card = ops.move(card, STAGES[offset % 4], day)
            elif what == "close":
                card = ops.move(card, Stage.CLOSED, day, outcome=list(Outcome)[offset % 6])
            elif what == "reply":
                card = ops.log_reply(card, day, note=word)
            elif what == "followup":
                card = ops.log_followup(card, day, note=word)
            elif what == "role":
                card = ops.edit(card, role=f"{side} {word}")
            elif what == "notes":
                card = ops.edit(card, notes=f"{card.notes}\n{side} {word}".strip())
            elif what == "round":
                card = ops.add_round(
                    card, WallTime(datetime(2026, 11, 20, 14, 0) + timedelta(days=offset), LONDON)
                )
            elif what == "unround":
                card = ops.remove_round(card, 1 + offset % 3)
            elif what == "contacts":
                card = ops.edit(card, contacts=[Contact(f"{side} {word}")])
            elif what == "delete":
                del cards[target]
                continue
        except ops.DomainError:
            continue
        cards[target] = card
    return Board(tuple(sorted(cards.values(), key=lambda c: c.id)), next_id)


def by_uid(board: Board) -> dict[str, Interview]:
    return {c.uid: c for c in board.cards}


def unchanged(before: Interview, after: Interview) -> bool:
    return before == msgspec.structs.replace(after, id=before.id)


@st.composite
def histories(draw: st.DrawFn) -> tuple[Board, Board, Board]:
    base = play(Board((), 1), draw(steps), "base")
    return base, play(base, draw(steps), "ours"), play(base, draw(steps), "theirs")


def check_nothing_lost(base: Board, ours: Board, theirs: Board, result: Merged) -> None:
    b, o, t, m = by_uid(base), by_uid(ours), by_uid(theirs), by_uid(result.board)
    for uid in o.keys() | t.keys():
        sides = [side[uid] for side in (o, t) if uid in side]
        if uid not in m:
            # Only a card deleted on one side and left as it was on the other goes.
            assert len(sides) == 1
            assert uid in b
            assert unchanged(b[uid], sides[0])
            continue
        merged = m[uid]
        have = Counter(merged.events)
        was = b.get(uid)
        for side in sides:
            assert not Counter(side.events) - have, "an event was lost"
            assert merged.id >= side.id, "a renumbering moved a card down"
            for field in ("company", "role", "notes", "contacts"):
                value = getattr(side, field)
                if was is not None and value == getattr(was, field):
                    continue  # not changed on this side: the other side's change may replace it
                if value == getattr(merged, field):
                    continue
                text = value if isinstance(value, str) else "".join(p.name for p in value)
                assert text in merged.notes, f"{field} {value!r} was lost"
        moves = [e for e in merged.events if e.kind.value == "moved"]
        if moves and len(sides) == 2:
            assert (merged.stage, merged.outcome) == (moves[-1].stage, moves[-1].outcome)
    numbers = [c.id for c in result.board.cards]
    assert len(numbers) == len(set(numbers)), "two cards with one number"
    assert all(n < result.board.next_id for n in numbers)


def comparable(board: Board, conflicts: dict[str, tuple[str, ...]]) -> dict[str, object]:
    """A board with the values a two-sided change left to the merging side blanked out."""
    shown: dict[str, object] = {}
    for card in board.cards:
        clashed = conflicts.get(card.uid, ())
        blank: dict[str, object] = {f: "" for f in ("company", "role", "notes") if f in clashed or clashed}
        if "contacts" in clashed:
            blank["contacts"] = ()
        if {"rounds", "interviewed_at"} & set(clashed):
            blank["rounds"], blank["interviewed_at"] = (), board.cards[0].interviewed_at
        shown[card.uid] = msgspec.structs.replace(card, **blank)
    return shown


@settings(max_examples=150, deadline=None)
@given(histories())
def test_a_merge_loses_nothing_and_is_the_same_from_either_side(three: tuple[Board, Board, Board]) -> None:
    base, ours, theirs = three
    result = merge(base, ours, theirs, on=ON)
    swapped = merge(base, theirs, ours, on=ON)
    check_nothing_lost(base, ours, theirs, result)
    check_nothing_lost(base, theirs, ours, swapped)
    assert result.conflicts.keys() == swapped.conflicts.keys()
    if not result.conflicts:
        assert result.board == swapped.board
    assert comparable(result.board, result.conflicts) == comparable(swapped.board, swapped.conflicts)
    assert result.board.next_id == swapped.board.next_id


@settings(max_examples=60, deadline=None)
@given(histories())
def test_merging_again_changes_nothing(three: tuple[Board, Board, Board]) -> None:
    """The other machine pulls the merge: merged with what it had, it gets the same board."""
    base, ours, theirs = three
    once = merge(base, ours, theirs, on=ON).board
    assert merge(theirs, once, theirs, on=ON).board == once
    assert merge(ours, ours, once, on=ON).board == once
