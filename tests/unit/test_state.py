"""The board's state value: a changed card patches the columns exactly as a rebuild would."""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import msgspec
import pytest

from tui.demo import DEMO_NOW, DEMO_ZONE, build, shift
from tui.domain import ops
from tui.domain.agenda import Section
from tui.domain.model import Interview
from tui.domain.queries import Assessed, SortOrder, by_stage, matches
from tui.domain.rules import Rules
from tui.domain.stages import Stage
from tui.screens.agenda import _CardLines, _RowCache, card_row, sections
from tui.state import BoardState

NOW = DEMO_NOW.replace(tzinfo=ZoneInfo(DEMO_ZONE))
Column = list[Assessed]


def many(count: int) -> list[Interview]:
    demo = build()
    return [
        msgspec.structs.replace(
            shift(demo[n % len(demo)], timedelta(days=-(n % 9))), id=n + 1, company=f"Firm {n % 23} {n}"
        )
        for n in range(count)
    ]


def ids(state: BoardState) -> dict[Stage, list[int]]:
    return {stage: [i.card.id for i in items] for stage, items in state.columns.items()}


def expected(state: BoardState) -> dict[Stage, list[int]]:
    """The columns computed from scratch from the state's cards."""
    fresh = BoardState.build(state.cards, state.now, state.rules)
    visible = [i for i in fresh.items if matches(i.card, state.filter_text)]
    return {stage: [i.card.id for i in items] for stage, items in by_stage(visible, state.order).items()}


def change(card: Interview, rng: random.Random, today: datetime) -> Interview:
    day = today.date()
    pick = rng.randrange(4)
    moves = card.interview_day <= day  # a card cannot move before its interview
    stage = ops.stage_on(card, day)  # a round held since the last move puts it in Interviewed
    if moves and pick == 0 and stage.next is not None and stage is not Stage.WAITING:
        return ops.advance(card, day)
    if moves and pick == 1 and stage.previous is not None:
        return ops.retreat(card, day)
    if pick == 2:
        return msgspec.structs.replace(card, company=f"Renamed {rng.randrange(1000)}")
    return msgspec.structs.replace(card, notes=card.notes + " more")


@pytest.mark.parametrize("order", list(SortOrder))
@pytest.mark.parametrize("needle", ["", "firm 3", "analyst"])
def test_with_card_and_without_patch_columns_like_a_rebuild(order: SortOrder, needle: str) -> None:
    rng = random.Random(f"{order.value}-{needle}")
    state = BoardState.build(many(300), NOW, Rules()).with_order(order).with_filter(needle)
    assert sum(len(c) for c in state.columns.values()) > 0  # the columns were built, so they get patched
    # Counted once, so that every change carries the counts over instead of counting again.
    assert state.stage_counts
    assert state.status_counts
    assert state.column_status_counts
    next_id = 1000
    for _ in range(120):
        roll = rng.random()
        if roll < 0.1:
            state = state.without(rng.choice(state.items).card.id)
        elif roll < 0.2:
            source = rng.choice(state.items).card
            state = state.with_card(msgspec.structs.replace(source, id=next_id))
            next_id += 1
        else:
            card = rng.choice(state.items).card
            state = state.with_card(change(card, rng, NOW))
        assert ids(state) == expected(state)
        assert {"stage_counts", "status_counts", "column_status_counts"} <= state.__dict__.keys()
        rebuilt = BoardState.build(state.cards, NOW, Rules()).with_order(order).with_filter(needle)
        assert state.stage_counts == rebuilt.stage_counts
        assert state.status_counts == rebuilt.status_counts
        assert state.column_status_counts == rebuilt.column_status_counts
    assert [i.card.id for i in state.items] == sorted(i.card.id for i in state.items)
    assert all(state.get(i.card.id) is i for i in state.items)


def test_with_card_leaves_untouched_columns_as_they_were() -> None:
    state = BoardState.build(many(100), NOW, Rules())
    before = state.columns
    card = next(
        i.card
        for i in state.items
        if i.card.stage is Stage.INTERVIEWED and i.card.interview_day <= NOW.date()
    )
    after = state.with_card(ops.advance(card, NOW.date())).columns
    assert after[Stage.WAITING] is before[Stage.WAITING]
    assert after[Stage.CLOSED] is before[Stage.CLOSED]
    assert after[Stage.INTERVIEWED] is not before[Stage.INTERVIEWED]
    assert card.id not in [i.card.id for i in after[Stage.INTERVIEWED]]
    assert card.id in [i.card.id for i in after[Stage.THANKED]]


def test_without_an_unknown_card_is_the_same_state() -> None:
    state = BoardState.build(many(5), NOW, Rules())
    assert state.without(999) is state


def test_agenda_rows_know_their_height_before_they_are_drawn() -> None:
    state = BoardState.build(many(200), NOW, Rules())
    rows = [
        card_row(item, _CardLines(state, mono).lines)
        for _, items in sections(state)
        for item in items
        for mono in (False, True)
    ]
    assert len({row.height for row in rows}) >= 3  # rows of several heights were checked
    for row in rows:
        assert row.height == len(row.lines())


def test_agenda_rows_are_reused_for_unchanged_cards_only() -> None:
    state = BoardState.build(many(120), NOW, Rules())
    cache = _RowCache()
    first, total = cache.rows(state, False)
    assert total == sum(len(items) for _, items in sections(state))
    by_card = {row.card_id: row for row in first if row.card_id is not None}
    moved = next(i.card for _, items in sections(state) for i in items if i.card.stage is Stage.THANKED)
    changed = state.with_card(ops.advance(moved, NOW.date()))
    again, _ = cache.rows(changed, False)
    for row in again:
        if row.card_id is None:
            continue
        if row.card_id == moved.id:
            assert row is not by_card.get(row.card_id)
        else:
            assert row is by_card[row.card_id]  # not made again
    fresh, _ = _RowCache().rows(changed, False)
    assert [(r.card_id, r.height, [t.plain for t in r.lines()]) for r in again] == [
        (r.card_id, r.height, [t.plain for t in r.lines()]) for r in fresh
    ]


def test_the_agenda_of_the_same_cards_is_not_made_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reopening the agenda, or after a filter or a sort (the cards are the same), reuses it whole."""
    from tui.screens import agenda

    state = BoardState.build(many(120), NOW, Rules())
    cache = _RowCache()
    first = cache.rows(state, False)
    calls: list[int] = []
    real = agenda.sections

    def counting(state: BoardState) -> list[Section]:
        calls.append(1)
        return real(state)

    monkeypatch.setattr(agenda, "sections", counting)
    for same in (state, state.with_filter("firm 1"), state.with_order(SortOrder.COMPANY)):
        again = cache.rows(same, False)
        assert again[0] is first[0]
        assert again[1] == first[1]
    assert calls == []
    moved = next(i.card for i in state.items if i.card.stage is Stage.THANKED)
    changed = cache.rows(state.with_card(ops.advance(moved, NOW.date())), False)
    assert changed[0] is not first[0]
    assert cache.rows(state, True)[0] is not changed[0]  # another colour mode
    assert calls == [1, 1]


def test_agenda_rows_are_made_again_for_another_day_or_colour_mode() -> None:
    state = BoardState.build(many(40), NOW, Rules())
    cache = _RowCache()
    first = {row.card_id: row for row in cache.rows(state, False)[0] if row.card_id is not None}
    mono = cache.rows(state, True)[0]
    assert all(row is not first[row.card_id] for row in mono if row.card_id is not None)
    tomorrow = state.rebuild(state.cards, NOW + timedelta(days=1))
    later = cache.rows(tomorrow, True)[0]
    assert all(row.card_id not in first or row is not first[row.card_id] for row in later)


def test_typing_on_in_the_filter_looks_only_at_the_cards_still_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the board reads after a keystroke (the columns, how many they show): no card looked at twice."""
    import tui.state

    state = BoardState.build(many(300), NOW, Rules())
    typed = ["f", "fi", "Fir", " firm 1", "firm 12", "firm 1", "firm 12 ", "", "irm 2", "firm 2"]
    looked_at: list[int] = []
    real = BoardState._matching

    def counting(self: BoardState, items: Iterable[Assessed], needle: str) -> list[Assessed]:
        items = list(items)
        looked_at.extend(i.card.id for i in items)
        return real(self, items, needle)

    sorts: list[int] = []
    real_by_stage = by_stage

    def sorting(items: Iterable[Assessed], order: SortOrder = SortOrder.URGENCY) -> dict[Stage, Column]:
        sorts.append(1)
        return real_by_stage(items, order)

    monkeypatch.setattr(BoardState, "_matching", counting)
    monkeypatch.setattr(tui.state, "by_stage", sorting)
    narrowed = 0
    for text in typed:
        shown = sorted(i.card.id for column in state.columns.values() for i in column)
        before = state.filter_text.strip().casefold()
        looked_at.clear()
        sorts.clear()
        state = state.with_filter(text)
        columns, count = ids(state), state.shown_count
        looked, sorted_again = sorted(looked_at), bool(sorts)
        fresh = BoardState.build(many(300), NOW, Rules()).with_filter(text)
        assert columns == ids(fresh) == expected(state)
        assert count == len(fresh.visible) == len(state.visible)
        if not text.strip():
            assert looked == []
        elif not before or before in text.strip().casefold():
            assert looked == shown  # typing on: only the cards still shown, each once
            assert not sorted_again  # the columns keep their order
            narrowed += 1
        else:
            assert len(looked) == 300  # a new search: every card
    assert narrowed == 8
    assert 0 < len(state.visible) < 300


def test_a_cards_filter_text_is_made_once_while_typing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each keystroke of a filter looks at thousands of cards: their texts are made at the first only."""
    made: list[int] = []
    real = Interview.search_text

    def counting(card: Interview) -> str:
        made.append(card.id)
        return real.__get__(card)  # type: ignore[no-any-return]

    monkeypatch.setattr(Interview, "search_text", property(counting))
    state = BoardState.build(many(300), NOW, Rules())
    _ = state.columns
    for text in ["f", "fi", "fir", "", "irm", "irm 1", ""]:
        state = state.with_filter(text)
        _ = state.columns
    changed = msgspec.structs.replace(state.items[0].card, notes="firm new")
    state = state.with_card(changed)
    state = state.with_filter("firm").with_filter("firm n")
    assert [i.card.id for column in state.columns.values() for i in column] == [changed.id]
    assert sorted(made) == sorted([*range(1, 301), changed.id])  # once each, and again once changed


def test_a_filter_or_a_sort_keeps_the_boards_totals_without_counting_again() -> None:
    state = BoardState.build(many(300), NOW, Rules())
    totals = state.stage_counts, state.status_counts
    for view in (state.with_filter("firm 1"), state.with_order(SortOrder.COMPANY)):
        assert (view.stage_counts, view.status_counts) == totals
        assert view.stage_counts is totals[0]
        assert view.status_counts is totals[1]
    changed = state.with_filter("firm").with_card(
        msgspec.structs.replace(state.items[0].card, stage=Stage.CLOSED)
    )
    fresh = BoardState.build([i.card for i in changed.items], NOW, Rules())
    assert (changed.stage_counts, changed.status_counts) == (fresh.stage_counts, fresh.status_counts)
