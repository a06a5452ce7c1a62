"""Rules the screens share, kept pure: the agenda's sections, what each stage allows, nag wording."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from tui.demo import DEMO_NOW, DEMO_ZONE, build
from tui.domain import nag_wording
from tui.domain.agenda import AHEAD, sections
from tui.domain.allowed import CARD_ACTIONS, allows
from tui.domain.queries import Assessed, assess_all, urgency_key
from tui.domain.rules import Rules
from tui.domain.stages import STAGES, Stage, Status

NOW = DEMO_NOW.replace(tzinfo=ZoneInfo(DEMO_ZONE))
TODAY = NOW.date()


def _items() -> list[Assessed]:
    return assess_all(build(), NOW, TODAY, Rules())


def test_agenda_sections_hold_due_then_soon_then_on_hold() -> None:
    items = _items()
    act, interviews, soon, hold = sections(items, TODAY)
    assert [s.title for s in (act, interviews, soon, hold)] == [
        "Act now",
        "Interviews coming up",
        f"Coming up in the next {AHEAD} days",
        "On hold",
    ]
    assert act.items
    assert hold.items
    assert {i.verdict.status for i in act.items} <= {Status.OVERDUE, Status.DUE}
    assert act.items == sorted(act.items, key=urgency_key)
    for item in soon.items:
        assert item.verdict.status is Status.PREMATURE
        assert item.verdict.opens_on is not None
        assert item.verdict.opens_on <= TODAY + timedelta(days=AHEAD)
    assert soon.items == sorted(soon.items, key=urgency_key)
    assert all(i.verdict.status is Status.HOLD for i in hold.items)
    ends = [i.verdict.hold_until or TODAY for i in hold.items]
    assert ends == sorted(ends)


def test_agenda_leaves_out_what_opens_later_and_what_is_closed() -> None:
    items = _items()
    listed = {i.card.id for section in sections(items, TODAY) for i in section.items}
    for item in items:
        opens = item.verdict.opens_on
        later = (
            item.verdict.status is Status.PREMATURE
            and opens is not None
            and opens > TODAY + timedelta(AHEAD)
            and item.verdict.next_round is None  # every interview ahead is listed, however far
        )
        if item.card.stage is Stage.CLOSED or later:
            assert item.card.id not in listed
    assert len(listed) < len(items)


def test_agenda_of_an_empty_board_has_its_four_headings() -> None:
    assert [(s.title, s.items) for s in sections([], TODAY)][3] == ("On hold", [])


@pytest.mark.parametrize(
    ("action", "refused_in"),
    [
        ("move_next", {Stage.CLOSED}),
        ("move_back", {Stage.INTERVIEWED}),
        ("log_followup", {Stage.CLOSED}),
        ("instruct", {Stage.CLOSED}),
        ("round", {Stage.CLOSED}),  # reopen a closed card first
        ("close_card", set()),  # closing again changes the outcome
        ("log_reply", set()),
        ("edit", set()),
        ("delete", set()),
        ("open", set()),
        ("draft", set()),
        ("move_dated", set()),
    ],
)
def test_each_stage_allows_the_actions_that_make_sense(action: str, refused_in: set[Stage]) -> None:
    assert {stage for stage in STAGES if not allows(stage, action)} == refused_in


def test_every_card_action_has_a_rule_and_others_are_refused() -> None:
    assert len(CARD_ACTIONS) == 13
    # A round moved or cancelled can go in every stage (a closed card's history is put right too).
    assert all(allows(stage, "remove_round") for stage in Stage)
    with pytest.raises(ValueError, match="not a card action"):
        allows(Stage.THANKED, "quit")


def test_number_words() -> None:
    assert [nag_wording.number_word(n) for n in (1, 3, 10, 11, 25)] == ["one", "three", "ten", "11", "25"]


def test_nag_wording_at_the_default_limit_is_the_familiar_text() -> None:
    assert nag_wording.agenda_flag(3) == "NAG: three checks with no reply; consider closing"
    assert nag_wording.detail_advice(3).startswith("Three or more checks without a reply")
    assert nag_wording.legend_meaning(3) == "three or more checks with no reply: stop chasing"
    assert nag_wording.rule_in_brief(3)[0].endswith("After three")
    assert nag_wording.due_suffix(3) == "; three checks without a reply: consider closing"
    assert nag_wording.show_line(3).startswith("Three or more status checks")


@pytest.mark.parametrize("limit", [1, 5, 12])
def test_nag_wording_follows_the_configured_limit(limit: int) -> None:
    word = nag_wording.number_word(limit)
    texts = [
        nag_wording.agenda_flag(limit),
        nag_wording.detail_advice(limit),
        nag_wording.legend_meaning(limit),
        " ".join(nag_wording.rule_in_brief(limit)),
        nag_wording.due_suffix(limit),
        nag_wording.show_line(limit),
    ]
    for text in texts:
        assert word in text.lower()
        assert "three" not in text.lower()
    assert "one check " in nag_wording.agenda_flag(1)
