"""Board-wide questions: the due list, text matching, columns and their sort orders, JSON rows."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from tui.domain import ops
from tui.domain.model import Contact, Interview
from tui.domain.policy import assess
from tui.domain.queries import SortOrder, assess_all, by_stage, due_list, matches, row
from tui.domain.rules import Rules
from tui.domain.stages import Outcome, Stage, Status
from tui.domain.wall import WallTime

LONDON = "Europe/London"
RULES = Rules()
TODAY = date(2026, 12, 9)  # a Wednesday
NOW = datetime(2026, 12, 9, 12, 0, tzinfo=ZoneInfo(LONDON))


def d(month: int, day: int) -> date:
    return date(2026, month, day)


def card(
    card_id: int, company: str, day: date = date(2026, 11, 20), at: time = time(10), **kw: object
) -> Interview:
    return ops.new_interview(
        card_id=card_id,
        company=company,
        interviewed_at=WallTime(datetime.combine(day, at), LONDON),
        created_on=day,
        **kw,  # type: ignore[arg-type]
    )


def board() -> dict[str, Interview]:
    """Statuses on Wed 9 Dec, worked out from the rule book."""
    return {
        # interviewed Fri 11-20: thank-you due by Mon 11-23 -> overdue.
        "late_thanks": card(1, "Lumen", d(11, 20)),
        # thanked Mon 11-23: call due by Mon 12-07 -> overdue, less late.
        "late_call": ops.move(card(2, "Kite", d(11, 20)), Stage.THANKED, d(11, 23)),
        # checked in Thu 12-03: email opens Mon 12-07, due by Thu 12-10 -> due.
        "due_soon": ops.move(
            ops.move(card(3, "Juniper", d(11, 20)), Stage.THANKED, d(11, 23)), Stage.CHECKED_IN, d(12, 3)
        ),
        # checked in Fri 12-04: email opens Tue 12-08, due by Fri 12-11 -> due.
        "due_later": ops.move(
            ops.move(card(4, "alpha", d(11, 20)), Stage.THANKED, d(11, 23)), Stage.CHECKED_IN, d(12, 4)
        ),
        # thanked Mon 12-07: call opens Mon 12-14 -> premature.
        "early": ops.move(card(5, "Birch", d(12, 4)), Stage.THANKED, d(12, 7)),
        # told to wait until Fri 12-11 -> hold.
        "held": ops.instruct_wait(
            ops.move(card(6, "Cedar", d(11, 20)), Stage.THANKED, d(11, 23)), d(12, 11), d(11, 30)
        ),
        "closed": ops.move(card(7, "Dune", d(11, 2)), Stage.CLOSED, d(11, 30), outcome=Outcome.REJECTED),
    }


EXPECTED = {
    "late_thanks": (Status.OVERDUE, d(11, 23)),
    "late_call": (Status.OVERDUE, d(12, 7)),
    "due_soon": (Status.DUE, d(12, 10)),
    "due_later": (Status.DUE, d(12, 11)),
    "early": (Status.PREMATURE, d(12, 21)),
    "held": (Status.HOLD, d(12, 16)),
    "closed": (Status.CLOSED, None),
}


def test_board_premises() -> None:
    cards = board()
    assert TODAY.weekday() == 2
    for name, (status, due_by) in EXPECTED.items():
        verdict = assess(cards[name], NOW, TODAY, RULES)
        assert (verdict.status, verdict.due_by) == (status, due_by), name


def test_assess_all_matches_assess() -> None:
    cards = list(board().values())
    items = assess_all(cards, NOW, TODAY, RULES)
    assert [i.card for i in items] == cards
    assert [i.verdict for i in items] == [assess(c, NOW, TODAY, RULES) for c in cards]


def test_due_list_order() -> None:
    cards = board()
    items = assess_all(reversed(list(cards.values())), NOW, TODAY, RULES)
    got = [i.card.company for i in due_list(items)]
    assert got == ["Lumen", "Kite", "Juniper", "alpha"]


def test_due_list_ties_break_by_company_then_id() -> None:
    twins = [
        ops.move(card(n, name, d(11, 20)), Stage.THANKED, d(11, 23))
        for n, name in ((3, "beta"), (1, "Beta"), (2, "Alpha"))
    ]
    got = [(i.card.company, i.card.id) for i in due_list(assess_all(twins, NOW, TODAY, RULES))]
    assert got == [("Alpha", 2), ("Beta", 1), ("beta", 3)]


def test_due_list_is_empty_without_actionable_cards() -> None:
    cards = board()
    rest = [cards[n] for n in ("early", "held", "closed")]
    assert due_list(assess_all(rest, NOW, TODAY, RULES)) == []


SEARCHABLE = card(
    9,
    "Acme Robotics",
    role="Data Engineer",
    contacts=(Contact(name="Jane Doe", email="jd@example.com"),),
    notes="Met in Leeds; ask about ÉTÉ project",
)


@pytest.mark.parametrize(
    ("needle", "found"),
    [
        pytest.param("acme", True, id="company"),
        pytest.param("ROBOTICS", True, id="company-upper"),
        pytest.param("engineer", True, id="role"),
        pytest.param("jane doe", True, id="contact-name"),
        pytest.param("leeds", True, id="notes"),
        pytest.param("été", True, id="notes-casefold"),
        pytest.param("  acme  ", True, id="stripped"),
        pytest.param("", True, id="empty-matches-all"),
        pytest.param("zebra", False, id="absent"),
        pytest.param("acme engineer", False, id="not-across-fields"),
    ],
)
def test_matches(needle: str, found: bool) -> None:
    assert matches(SEARCHABLE, needle) is found


def test_by_stage_has_every_column() -> None:
    columns = by_stage(assess_all(board().values(), NOW, TODAY, RULES))
    assert list(columns) == list(Stage)
    assert {s: [i.card.id for i in col] for s, col in columns.items()} == {
        Stage.INTERVIEWED: [1],
        Stage.THANKED: [2, 5, 6],  # overdue, then premature, then hold
        Stage.CHECKED_IN: [3, 4],
        Stage.WAITING: [],
        Stage.CLOSED: [7],
    }


def thanked_column() -> list[Interview]:
    return [
        ops.move(card(1, "Zeta", d(11, 16)), Stage.THANKED, d(11, 30)),  # due by Mon 12-14: due
        ops.move(card(2, "beta", d(11, 18)), Stage.THANKED, d(11, 23)),  # due by Mon 12-07: overdue
        ops.move(card(3, "Alpha", d(11, 20), at=time(9)), Stage.THANKED, d(12, 2)),  # due by Wed 12-16: due
        ops.move(card(4, "Gamma", d(11, 20), at=time(8)), Stage.THANKED, d(12, 7)),  # opens 12-14: premature
    ]


@pytest.mark.parametrize(
    ("order", "ids"),
    [
        pytest.param(SortOrder.URGENCY, [2, 1, 3, 4], id="urgency"),
        pytest.param(SortOrder.INTERVIEW, [1, 2, 4, 3], id="interview"),
        pytest.param(SortOrder.COMPANY, [3, 2, 4, 1], id="company"),
    ],
)
def test_by_stage_sort_orders(order: SortOrder, ids: list[int]) -> None:
    columns = by_stage(assess_all(thanked_column(), NOW, TODAY, RULES), order)
    assert [i.card.id for i in columns[Stage.THANKED]] == ids


def test_sort_order_cycle_and_labels() -> None:
    assert [o.following for o in SortOrder] == [SortOrder.INTERVIEW, SortOrder.COMPANY, SortOrder.URGENCY]
    assert len({o.label for o in SortOrder}) == len(SortOrder)


ROW_KEYS = {
    "id",
    "company",
    "role",
    "stage",
    "status",
    "action",
    "summary",
    "opens_on",
    "due_by",
    "hold_until",
    "nag",
    "outcome",
    "interviewed_at",
    "zone",
    "rounds",
    "next_round_at",
}


def test_row_of_an_open_card() -> None:
    (item,) = assess_all([board()["late_call"]], NOW, TODAY, RULES)
    got = row(item, TODAY)
    assert set(got) == ROW_KEYS
    assert got == {
        "id": 2,
        "company": "Kite",
        "role": "",
        "stage": "thanked",
        "status": "overdue",
        "action": "check_in_call",
        "summary": "call overdue by 2 days",
        "opens_on": "2026-11-30",
        "due_by": "2026-12-07",
        "hold_until": None,
        "nag": False,
        "outcome": None,
        "interviewed_at": "2026-11-20T10:00",
        "zone": LONDON,
        "rounds": 1,
        "next_round_at": None,
    }
    assert json.loads(json.dumps(got)) == got


def test_row_of_held_and_closed_cards() -> None:
    cards = board()
    held, closed = assess_all([cards["held"], cards["closed"]], NOW, TODAY, RULES)
    held_row, closed_row = row(held, TODAY), row(closed, TODAY)
    assert (held_row["status"], held_row["hold_until"], held_row["summary"]) == (
        "hold",
        "2026-12-11",
        "on hold until Fri 11 Dec",
    )
    assert (closed_row["status"], closed_row["action"], closed_row["due_by"], closed_row["outcome"]) == (
        "closed",
        None,
        None,
        "rejected",
    )


def test_due_list_sorts_by_due_by_not_by_opening() -> None:
    # Thanked Mon 11-30: opens Mon 12-07, due by Mon 12-14.
    wide = ops.move(card(1, "Wide", d(11, 27)), Stage.THANKED, d(11, 30))
    # Checked in Fri 12-04: opens Tue 12-08 (later), due by Fri 12-11 (sooner).
    narrow = ops.move(
        ops.move(card(2, "Narrow", d(11, 20)), Stage.THANKED, d(11, 23)), Stage.CHECKED_IN, d(12, 4)
    )
    items = assess_all([wide, narrow], NOW, TODAY, RULES)
    assert [(i.verdict.status, i.verdict.opens_on) for i in items] == [
        (Status.DUE, d(12, 7)),
        (Status.DUE, d(12, 8)),
    ]
    assert [i.card.company for i in due_list(items)] == ["Narrow", "Wide"]
