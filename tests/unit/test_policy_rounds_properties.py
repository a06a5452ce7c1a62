"""Properties of rounds over generated cards: a round held re-times the card; taking it away undoes that."""

from __future__ import annotations

import contextlib
from datetime import datetime, time, timedelta

from hypothesis import given, reject, settings
from hypothesis import strategies as st

from tests.unit.test_policy_properties import ZONES, cards, last_day, rule_sets
from tui.domain import ops
from tui.domain.businessdays import add_business_days
from tui.domain.model import Interview
from tui.domain.policy import assess
from tui.domain.rules import Rules
from tui.domain.stages import Action, Stage, Status
from tui.domain.wall import WallTime

#: 08:00-18:45 is clear of every DST change of these zones.
times = st.builds(time, st.integers(8, 18), st.sampled_from((0, 15, 30, 45)))


@st.composite
def cards_with_rounds(draw: st.DrawFn) -> Interview:
    """A generated card, open, with up to two more rounds anywhere around its history."""
    card = draw(cards().filter(lambda c: c.stage is not Stage.CLOSED))
    for _ in range(draw(st.integers(0, 2))):
        day = card.interview_day + timedelta(days=draw(st.integers(-5, 60)))
        at = WallTime(datetime.combine(day, draw(times)), draw(st.sampled_from(ZONES)))
        with contextlib.suppress(ops.DomainError):
            card = ops.add_round(card, at, label=draw(st.text(max_size=8)))
    return card


@st.composite
def round_after(draw: st.DrawFn, card: Interview) -> tuple[WallTime, str, tuple[str, ...]]:
    """A round after everything on the card so far, meeting some of its contacts."""
    day = last_day(card) + timedelta(days=draw(st.integers(1, 40)))
    at = WallTime(datetime.combine(day, draw(times)), draw(st.sampled_from(ZONES)))
    names = sorted({c.name for c in card.contacts if c.name and c.name == c.name.strip()})
    met = tuple(draw(st.lists(st.sampled_from(names), unique=True))) if names else ()
    return at, draw(st.text(max_size=12)), met


def _added(card: Interview, at: WallTime, label: str, met: tuple[str, ...]) -> Interview:
    try:
        return ops.add_round(card, at, label=label, met=met)
    except ops.DomainError:  # a round already at that moment: draw another
        reject()


@settings(deadline=None, max_examples=200)
@given(data=st.data(), card=cards_with_rounds(), rules=rule_sets(), minutes=st.integers(0, 14))
def test_a_round_held_leaves_the_card_in_interviewed_with_the_thank_you_due_that_day(
    data: st.DataObject, card: Interview, rules: Rules, minutes: int
) -> None:
    at, label, met = data.draw(round_after(card))
    held = _added(card, at, label, met)
    now = at.instant() + timedelta(minutes=minutes)
    verdict = assess(held, now, at.local.date(), rules)
    assert verdict.stage is Stage.INTERVIEWED
    assert verdict.action is Action.THANK_YOU
    assert verdict.status is Status.DUE
    assert verdict.opens_on == at.local.date()
    assert verdict.due_by == add_business_days(at.local.date(), rules.thank_you_due, rules.holidays)
    assert verdict.instruction is None
    assert verdict.nag is False


@settings(deadline=None, max_examples=200)
@given(data=st.data(), card=cards_with_rounds())
def test_removing_a_round_restores_the_card_exactly(data: st.DataObject, card: Interview) -> None:
    at, label, met = data.draw(round_after(card))
    day = at.local.date() - timedelta(days=data.draw(st.integers(0, 90)))  # past or scheduled alike
    at = WallTime(datetime.combine(day, at.local.time()), at.zone)
    held = _added(card, at, label, met)
    number = [r.at for r in held.all_rounds].index(at) + 1
    assert ops.remove_round(held, number) == card
