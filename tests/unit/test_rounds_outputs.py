"""Rounds in the statistics, the work-search log and the thank-you draft, worked out by hand."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from tui.domain import ops
from tui.domain.agenda import sections
from tui.domain.model import Contact, Interview
from tui.domain.queries import assess_all
from tui.domain.report import Kind, card_rows
from tui.domain.rules import Rules
from tui.domain.stages import Outcome, Stage
from tui.domain.stats import compute, render_text, round_stats
from tui.domain.wall import WallTime
from tui.drafts import draft_for

ZONE = "Europe/London"
TODAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 9, 30, tzinfo=ZoneInfo(ZONE))
ANN = Contact("Ann Lee", "Head of Data")


def at(month: int, day: int, hour: int = 10) -> WallTime:
    return WallTime(datetime(2026, month, day, hour, 0), ZONE)


def card(card_id: int, first: WallTime, *later: WallTime) -> Interview:
    made = ops.new_interview(
        card_id=card_id,
        company=f"C{card_id}",
        interviewed_at=first,
        created_on=first.local.date(),
        contacts=(ANN,),
    )
    for when in later:
        made = ops.add_round(made, when)
    return made


def board() -> list[Interview]:
    # 1: three rounds (11-02, 11-09, 11-16), an offer on 11-20: 3 before the offer, 18 days to it.
    one = ops.move(
        card(1, at(11, 2), at(11, 9), at(11, 16)), Stage.CLOSED, date(2026, 11, 20), outcome=Outcome.OFFER
    )
    # 2: one round 11-03, rejected 11-13: 10 days to the outcome, no offer.
    two = ops.move(card(2, at(11, 3)), Stage.CLOSED, date(2026, 11, 13), outcome=Outcome.REJECTED)
    # 3: rounds 11-05 and 11-12, another on 11-30 (ahead of today); open.
    three = card(3, at(11, 5), at(11, 12), at(11, 30))
    return [one, two, three]


def test_rounds_per_card_before_an_offer_and_to_the_outcome() -> None:
    got = round_stats(board())
    assert got.per_card == {3: 2, 1: 1}  # the round ahead counts: the application has it
    assert got.mean_per_card == 7 / 3
    assert (got.before_offer, got.median_before_offer) == ((3,), 3.0)
    assert (got.days_to_outcome, got.median_days_to_outcome) == ((18, 10), 14.0)


def test_a_round_after_the_first_counts_as_hearing_back() -> None:
    """Thanked, checked in (reached out), no reply logged: a second round is their answer."""
    chased = ops.move(
        ops.move(card(1, at(11, 2)), Stage.THANKED, date(2026, 11, 2)), Stage.CHECKED_IN, date(2026, 11, 9)
    )
    assert (
        compute([chased], [], TODAY, Rules()).replied,
        compute([chased], [], TODAY, Rules()).reached_out,
    ) == (0, 1)
    answered = ops.add_round(chased, at(11, 16))
    assert compute([answered], [], TODAY, Rules()).replied == 1
    ahead = ops.add_round(chased, at(11, 30))  # scheduled after today: not yet
    assert compute([ahead], [], TODAY, Rules()).replied == 0


def test_the_rounds_in_the_report_and_in_json() -> None:
    cards = board()
    stats = compute(cards, assess_all(cards, NOW, TODAY, Rules()), TODAY, Rules())
    text = render_text(stats, shown=str)
    assert "  Per application: 2.3 on average (1 card with 1, 2 cards with 3)" in text
    assert "  Before an offer: 3 (median)" in text
    assert "  From the first round to the outcome: 14 days (median)" in text
    assert stats.to_json()["rounds"]["per_card"] == {"1": 1, "3": 2}


def test_the_work_search_log_has_every_round_held_with_the_people_met() -> None:
    made = ops.add_round(card(1, at(11, 2)), at(11, 9, 14), label="technical", met=["Bo Chen"])
    made = ops.add_round(made, at(11, 30), label="final")
    rounds = [r for r in card_rows(made, NOW) if r.kind is Kind.ROUND]
    assert [(r.on, r.what, r.notes, r.person) for r in rounds] == [
        (date(2026, 11, 2), "round 1", "", "Ann Lee (Head of Data)"),
        (date(2026, 11, 9), "round 2", "technical", "Bo Chen"),
    ]
    assert all(r.how == "interview" for r in rounds)


def test_the_thank_you_names_the_round_and_the_people_met_in_it() -> None:
    made = ops.add_round(card(1, at(11, 2)), at(11, 10, 14), label="final", met=["Bo Chen", "Ann Lee"])
    now = datetime(2026, 11, 10, 16, 0, tzinfo=ZoneInfo(ZONE))
    (item,) = assess_all([made], now, date(2026, 11, 10), Rules())
    draft = draft_for(made, item.verdict, date(2026, 11, 10))
    assert draft is not None
    assert draft.subject == "Thank you: interview on Tuesday 10 November"
    assert draft.body.startswith(
        "Dear Bo Chen and Ann Lee,\n\nThank you for taking the time to meet me for our final interview "
        "on Tuesday 10 November about the position at C1."
    )


def test_a_card_with_one_round_drafts_as_it_always_did() -> None:
    made = card(1, at(11, 2))
    (item,) = assess_all([made], NOW, TODAY, Rules())
    draft = draft_for(made, item.verdict, TODAY)
    assert draft is not None
    assert (
        "Dear Ann Lee,\n\nThank you for taking the time to meet me on Monday 2 November about" in draft.body
    )


def test_the_agenda_lists_cards_waiting_for_a_round_under_interviews_once() -> None:
    thanked = ops.move(card(1, at(11, 2)), Stage.THANKED, date(2026, 11, 2))
    waiting_for_it = ops.add_round(thanked, at(12, 1, 14))  # premature: the interview is ahead
    sooner = ops.add_round(ops.move(card(2, at(11, 3)), Stage.THANKED, date(2026, 11, 3)), at(11, 26, 9))
    owed = ops.add_round(card(3, at(11, 23)), at(12, 3))  # thank-you for 11-23 owed: act now
    items = assess_all([waiting_for_it, sooner, owed], NOW, TODAY, Rules())
    act, interviews, soon, hold = sections(items, TODAY)
    assert interviews.title == "Interviews coming up"
    assert [i.card.id for i in interviews.items] == [2, 1]  # the soonest round first
    assert [i.card.id for i in act.items] == [3]
    assert (soon.items, hold.items) == ([], [])
