"""What the board shows at one moment: every card assessed, filtered and sorted.

A ``BoardState`` is an immutable value: the app replaces it when cards change,
the clock moves, or the filter or sort changes, and the screens repaint from
it. Assessments are computed once per card and reused across filter and sort
changes, so typing in the filter never re-runs the policy.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from functools import cached_property
from itertools import repeat
from operator import attrgetter

from tui.domain.model import Interview
from tui.domain.policy import assess
from tui.domain.queries import Assessed, SortOrder, by_stage, filter_needle, matches, sort_key
from tui.domain.rules import Rules
from tui.domain.stages import Stage, Status


@dataclass(frozen=True)
class BoardState:
    """All cards with their verdicts, plus the view's filter and sort."""

    items: tuple[Assessed, ...]
    now: datetime
    today: date
    rules: Rules
    filter_text: str = ""
    order: SortOrder = SortOrder.URGENCY
    _index: dict[int, Assessed] = field(default_factory=dict, compare=False, repr=False)
    #: Each card's text for the filter (by card id), made the first time the filter looks at the
    #: card, and the card it was made from (used only for that very card). Shared by every state
    #: made from this one; two maps of plain values, nothing for the garbage collector to track.
    _search: tuple[dict[int, str], dict[int, Interview]] = field(
        default_factory=lambda: ({}, {}), compare=False, repr=False
    )

    def __post_init__(self) -> None:
        if not self._index:
            self._index.update(zip(map(_CARD_ID, self.items), self.items, strict=True))

    @classmethod
    def build(cls, cards: Iterable[Interview], now: datetime, rules: Rules) -> BoardState:
        """Assess every card at ``now`` (aware, in the user's zone)."""
        today = now.date()
        cards = list(cards)
        # In C loops: 10,000 cards at the start of a big board.
        verdicts = map(assess, cards, repeat(now), repeat(today), repeat(rules))
        items = tuple(map(_ASSESSED, repeat(Assessed), zip(cards, verdicts, strict=True)))
        return cls(items=items, now=now, today=today, rules=rules)

    @classmethod
    def empty(cls) -> BoardState:
        """A placeholder with no cards (before the board is read)."""
        now = datetime(2000, 1, 1, tzinfo=timezone.utc)
        return cls(items=(), now=now, today=now.date(), rules=Rules())

    def rebuild(self, cards: Iterable[Interview], now: datetime | None = None) -> BoardState:
        """The same view (filter, sort) over new cards or a new moment."""
        fresh = BoardState.build(cards, now or self.now, self.rules)
        return replace(fresh, filter_text=self.filter_text, order=self.order, _index={}, _search=self._search)

    def with_card(self, card: Interview) -> BoardState:
        """One card added or replaced: only that card is re-assessed, and only its columns re-sorted.

        On a 10,000-card board this is what keeps a move instant: the other
        cards, their verdicts and the untouched columns are reused as they are.
        """
        item = Assessed(card, assess(card, self.now, self.today, self.rules))
        old = self._index.get(card.id)
        items = list(self.items)
        if old is None:
            insort(items, item, key=_CARD_ID)
        else:
            items[bisect_left(items, card.id, key=_CARD_ID)] = item
        index = dict(self._index)
        index[card.id] = item
        fresh = replace(self, items=tuple(items), _index=index)
        if "columns" in self.__dict__:  # the old columns were built: patch them instead of rebuilding
            columns = self._columns_without(old)
            if matches(card, self.filter_text):
                column = columns[item.verdict.stage] = list(columns[item.verdict.stage])
                insort(column, item, key=sort_key(self.order))
            fresh.__dict__["columns"] = columns
        self._carry_counts(fresh, old, item)
        return fresh

    def without(self, card_id: int) -> BoardState:
        """One card removed."""
        old = self._index.get(card_id)
        if old is None:
            return self
        index = dict(self._index)
        del index[card_id]
        items = tuple(i for i in self.items if i is not old)
        fresh = replace(self, items=items, _index=index)
        if "columns" in self.__dict__:
            fresh.__dict__["columns"] = self._columns_without(old)
        self._carry_counts(fresh, old, None)
        return fresh

    def _carry_counts(self, fresh: BoardState, old: Assessed | None, new: Assessed | None) -> None:
        """Give ``fresh`` the counts already made here, changed for one card (``old`` -> ``new``).

        Counting 10,000 cards again at every move would cost more than the move itself.
        """
        known = self.__dict__
        for name, of in (("stage_counts", _STAGE_OF), ("status_counts", _STATUS_OF)):
            if name in known:
                counts = Counter(known[name])
                if old is not None:
                    counts[of(old)] -= 1
                if new is not None:
                    counts[of(new)] += 1
                fresh.__dict__[name] = +counts  # without the keys counted down to 0
        if "column_status_counts" in known and "columns" in fresh.__dict__:
            columns = {stage: Counter(counts) for stage, counts in known["column_status_counts"].items()}
            if old is not None and matches(old.card, self.filter_text):
                columns[old.verdict.stage][_STATUS_OF(old)] -= 1
            if new is not None and matches(new.card, self.filter_text):
                columns[new.verdict.stage][_STATUS_OF(new)] += 1
            fresh.__dict__["column_status_counts"] = {stage: +counts for stage, counts in columns.items()}

    def _columns_without(self, old: Assessed | None) -> dict[Stage, list[Assessed]]:
        """A shallow copy of the columns, with ``old`` taken out of its column (a new list there only)."""
        columns = dict(self.columns)
        if old is not None:
            columns[old.verdict.stage] = [i for i in columns[old.verdict.stage] if i is not old]
        return columns

    def with_filter(self, text: str) -> BoardState:
        fresh = replace(self, filter_text=text, _index=dict(self._index))
        self._carry_totals(fresh)
        before, after = filter_needle(self.filter_text), filter_needle(text)
        if not after or (before and before not in after):
            return fresh  # all cards again, or a new search: from the whole board
        # Typing on (or a first letter): a card that matches the longer text matched the
        # shorter one, so only the cards shown now are looked at again, not the whole board,
        # and the columns keep their order (nothing is sorted again).
        if "columns" in self.__dict__:
            fresh.__dict__["columns"] = {
                stage: self._matching(column, after) for stage, column in self.columns.items()
            }
        elif before and "visible" in self.__dict__:
            fresh.__dict__["visible"] = tuple(self._matching(self.visible, after))
        return fresh

    def _matching(self, items: Iterable[Assessed], needle: str) -> list[Assessed]:
        """The items whose card matches ``needle`` (a ``filter_needle``), as ``matches`` says.

        Typing a filter looks at thousands of cards a keystroke: each card's
        text is made once, not at every keystroke.
        """
        texts, made_from = self._search
        found = []
        for item in items:
            card = item.card
            card_id = card.id
            if made_from.get(card_id) is not card:
                made_from[card_id] = card
                texts[card_id] = card.search_text
            if needle in texts[card_id]:
                found.append(item)
        return found

    def with_order(self, order: SortOrder) -> BoardState:
        fresh = replace(self, order=order, _index=dict(self._index))
        self._carry_totals(fresh)
        return fresh

    def _carry_totals(self, fresh: BoardState) -> None:
        """Give ``fresh`` (the same cards, another view) the board's totals already counted here."""
        for name in ("stage_counts", "status_counts"):
            if name in self.__dict__:
                fresh.__dict__[name] = self.__dict__[name]

    def get(self, card_id: int) -> Assessed | None:
        return self._index.get(card_id)

    @property
    def cards(self) -> list[Interview]:
        return [item.card for item in self.items]

    @cached_property
    def visible(self) -> tuple[Assessed, ...]:
        """The cards that pass the filter."""
        if not self.filter_text.strip():
            return self.items
        return tuple(self._matching(self.items, filter_needle(self.filter_text)))

    @property
    def shown_count(self) -> int:
        """How many cards the columns show (all of them, or those that pass the filter)."""
        return sum(map(len, self.columns.values()))

    @cached_property
    def columns(self) -> dict[Stage, list[Assessed]]:
        """Visible cards per stage, in the current sort order."""
        return by_stage(self.visible, self.order)

    @cached_property
    def stage_counts(self) -> Counter[Stage]:
        """How many cards (all, not only the visible) each stage holds."""
        return Counter(map(_STAGE_OF, self.items))

    @cached_property
    def status_counts(self) -> Counter[Status]:
        """How many cards (all, not only the visible) have each status."""
        return Counter(map(_STATUS_OF, self.items))

    @cached_property
    def column_status_counts(self) -> dict[Stage, Counter[Status]]:
        """How many visible cards of each status each column shows."""
        return {stage: Counter(map(_STATUS_OF, column)) for stage, column in self.columns.items()}

    @property
    def is_empty(self) -> bool:
        return not self.items


#: A card's stage (at the moment it was timed) and its status, read in C (counting 10,000 cards at the start).
_STAGE_OF = attrgetter("verdict.stage")
_STATUS_OF = attrgetter("verdict.status")
_CARD_ID = attrgetter("card.id")
#: ``Assessed(card, verdict)`` from a pair, in C.
_ASSESSED = tuple.__new__
