"""What the board shows at one moment: every card assessed, filtered and sorted.

A ``BoardState`` is an immutable value: the app replaces it when cards change,
the clock moves, or the filter or sort changes, and the screens repaint from
it. Assessments are computed once per card and reused across filter and sort
changes, so typing in the filter never re-runs the policy.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from functools import cached_property

from tui.domain.model import Interview
from tui.domain.policy import assess
from tui.domain.queries import Assessed, SortOrder, by_stage, matches
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

    def __post_init__(self) -> None:
        self._index.update((item.card.id, item) for item in self.items)

    @classmethod
    def build(cls, cards: Iterable[Interview], now: datetime, rules: Rules) -> BoardState:
        """Assess every card at ``now`` (aware, in the user's zone)."""
        today = now.date()
        items = tuple(Assessed(card, assess(card, now, today, rules)) for card in cards)
        return cls(items=items, now=now, today=today, rules=rules)

    @classmethod
    def empty(cls) -> BoardState:
        """A placeholder with no cards (before the board is read)."""
        now = datetime(2000, 1, 1, tzinfo=timezone.utc)
        return cls(items=(), now=now, today=now.date(), rules=Rules())

    def rebuild(self, cards: Iterable[Interview], now: datetime | None = None) -> BoardState:
        """The same view (filter, sort) over new cards or a new moment."""
        fresh = BoardState.build(cards, now or self.now, self.rules)
        return replace(fresh, filter_text=self.filter_text, order=self.order, _index={})

    def with_card(self, card: Interview) -> BoardState:
        """One card added or replaced (only that card is re-assessed)."""
        item = Assessed(card, assess(card, self.now, self.today, self.rules))
        items = [i for i in self.items if i.card.id != card.id]
        items.append(item)
        items.sort(key=lambda i: i.card.id)
        return replace(self, items=tuple(items), _index={})

    def without(self, card_id: int) -> BoardState:
        return replace(self, items=tuple(i for i in self.items if i.card.id != card_id), _index={})

    def with_filter(self, text: str) -> BoardState:
        return replace(self, filter_text=text, _index=dict(self._index))

    def with_order(self, order: SortOrder) -> BoardState:
        return replace(self, order=order, _index=dict(self._index))

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
        return tuple(i for i in self.items if matches(i.card, self.filter_text))

    @cached_property
    def columns(self) -> dict[Stage, list[Assessed]]:
        """Visible cards per stage, in the current sort order."""
        return by_stage(self.visible, self.order)

    @cached_property
    def stage_counts(self) -> Counter[Stage]:
        """How many cards (all, not only the visible) each stage holds."""
        return Counter(item.card.stage for item in self.items)

    @cached_property
    def status_counts(self) -> Counter[Status]:
        """How many cards (all, not only the visible) have each status."""
        return Counter(item.verdict.status for item in self.items)

    def column_counts(self, stage: Stage) -> Counter[Status]:
        return Counter(item.verdict.status for item in self.columns[stage])

    @property
    def is_empty(self) -> bool:
        return not self.items
