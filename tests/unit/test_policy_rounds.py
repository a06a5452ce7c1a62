"""The Rounds section of POLICY.md, one test per rule, and its worked example.

Dates are worked out by hand from the calendar of late 2026: Mon 2 Nov,
Mon 9 Nov, Tue 10 Nov, Wed 11 Nov, Thu 12 Nov, Fri 13 Nov, Mon 16 Nov.
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from tui.domain import ops
from tui.domain.describe import window_sentence
from tui.domain.model import Contact, Interview, Round
from tui.domain.policy import Assessment, assess, replay
from tui.domain.queries import assess_all, by_stage, row
from tui.domain.rules import Rules
from tui.domain.stages import Action, Outcome, Stage, Status
from tui.domain.wall import WallTime, check_zone, zone

LONDON = "Europe/London"
NEW_YORK = "America/New_York"
RULES = Rules()
ANN = Contact(name="Ann", email="ann@example.com")


def d(month: int, day: int) -> date:
    return date(2026, month, day)


def wall(day: date, hour: int = 10, minute: int = 0, where: str = LONDON) -> WallTime:
    return WallTime(datetime.combine(day, time(hour, minute)), where)


def verdict(card: Interview, day: date, hour: int = 12, minute: int = 0) -> Assessment:
    now = datetime.combine(day, time(hour, minute), zone(LONDON))
    return assess(card, now, day, RULES)


def first() -> Interview:
    """Interview Mon 2 Nov 10:00 with Ann."""
    day = d(11, 2)
    return ops.new_interview(
        card_id=1, company="Acme", interviewed_at=wall(day), created_on=day, contacts=(ANN,), uid="u1"
    )


def in_waiting(*checks: date) -> Interview:
    """Thanked Mon 11-02, checked in Tue 11-03, waiting from Wed 11-04, with status checks on ``checks``."""
    card = ops.move(ops.move(first(), Stage.THANKED, d(11, 2)), Stage.CHECKED_IN, d(11, 3))
    card = ops.move(card, Stage.WAITING, d(11, 4))
    for day in checks:
        card = ops.log_followup(card, day)
    return card


def worked_example() -> Interview:
    """POLICY.md: interview Mon 11-02 10:00, thanked Mon 11-02, a second round Tue 11-10 14:00."""
    card = ops.move(first(), Stage.THANKED, d(11, 2))
    return ops.add_round(card, wall(d(11, 10), 14), label="final")


def test_calendar_premises() -> None:
    assert [d(11, n).strftime("%a") for n in (2, 9, 10, 11, 12, 13, 16)] == [
        "Mon",
        "Mon",
        "Tue",
        "Wed",
        "Thu",
        "Fri",
        "Mon",
    ]


# The worked example, point by point.


def test_worked_example_before_the_round_is_thanked_and_premature() -> None:
    v = verdict(worked_example(), d(11, 9))
    assert (v.stage, v.status, v.action) == (Stage.THANKED, Status.PREMATURE, Action.INTERVIEW)
    assert v.next_round is not None
    assert v.next_round.at == wall(d(11, 10), 14)
    assert (v.opens_on, v.due_by) == (d(11, 10), d(11, 11))


def test_worked_example_after_the_round_is_interviewed_and_due() -> None:
    v = verdict(worked_example(), d(11, 10), 16)
    assert (v.stage, v.status, v.action) == (Stage.INTERVIEWED, Status.DUE, Action.THANK_YOU)
    assert (v.opens_on, v.due_by, v.anchor) == (d(11, 10), d(11, 11), d(11, 10))
    assert v.next_round is None


def test_worked_example_two_days_on_is_overdue() -> None:
    v = verdict(worked_example(), d(11, 12))
    assert (v.stage, v.status) == (Stage.INTERVIEWED, Status.OVERDUE)


def test_the_same_day_before_the_round_still_waits_for_it() -> None:
    v = verdict(worked_example(), d(11, 10), 13, 59)
    assert (v.stage, v.status, v.action) == (Stage.THANKED, Status.PREMATURE, Action.INTERVIEW)


# A round whose time has passed acts as a move to Interviewed.


def test_a_passed_round_puts_a_later_stage_back_in_interviewed() -> None:
    card = ops.add_round(in_waiting(), wall(d(11, 13), 9))
    v = verdict(card, d(11, 13))
    assert (v.stage, v.action, v.opens_on, v.due_by) == (
        Stage.INTERVIEWED,
        Action.THANK_YOU,
        d(11, 13),
        d(11, 16),
    )
    assert card.stage is Stage.WAITING  # nothing derived is stored


def test_moves_after_a_round_apply_as_usual() -> None:
    card = ops.move(worked_example(), Stage.THANKED, d(11, 11))
    v = verdict(card, d(11, 12))
    assert (v.stage, v.action, v.anchor) == (Stage.THANKED, Action.CHECK_IN_CALL, d(11, 11))
    assert (v.opens_on, v.due_by) == (d(11, 18), d(11, 25))


def test_a_move_the_same_day_as_a_round_counts_as_after_it() -> None:
    card = ops.move(worked_example(), Stage.THANKED, d(11, 10))
    v = verdict(card, d(11, 10), 18)
    assert v.stage is Stage.THANKED
    assert v.anchor == d(11, 10)


def test_an_operation_dated_a_round_day_sees_the_round() -> None:
    """Advancing on the round's day moves from Interviewed (the round) to Thanked, not beyond."""
    card = ops.advance(worked_example(), d(11, 10))
    assert card.events[-1].from_stage is Stage.INTERVIEWED
    assert card.events[-1].stage is Stage.THANKED


def test_a_rounds_day_is_its_own_wall_date() -> None:
    """A round at 23:30 in New York is on that New York day, even though London is past midnight."""
    card = ops.add_round(ops.move(first(), Stage.THANKED, d(11, 2)), wall(d(11, 10), 23, 30, NEW_YORK))
    v = verdict(card, d(11, 11), 12)
    assert (v.stage, v.opens_on, v.due_by) == (Stage.INTERVIEWED, d(11, 10), d(11, 11))


# A scheduled round stops chasing.


def test_a_scheduled_round_stops_chasing_whatever_the_stage() -> None:
    late = ops.move(first(), Stage.THANKED, d(11, 2))
    assert verdict(late, d(11, 30)).status is Status.OVERDUE
    card = ops.add_round(late, wall(d(12, 3), 11))
    v = verdict(card, d(11, 30))
    assert (v.status, v.action, v.opens_on, v.due_by) == (
        Status.PREMATURE,
        Action.INTERVIEW,
        d(12, 3),
        d(12, 4),
    )


def test_the_earliest_round_ahead_is_the_one_named() -> None:
    card = ops.add_round(ops.add_round(worked_example(), wall(d(11, 20), 9)), wall(d(11, 17), 15))
    v = verdict(card, d(11, 9))
    assert v.next_round is not None
    assert v.next_round.at == wall(d(11, 10), 14)
    v = verdict(card, d(11, 12))  # the thank-you for 11-10 is owed: its window, not the next round's
    assert (v.action, v.status, v.due_by) == (Action.THANK_YOU, Status.OVERDUE, d(11, 11))
    v = verdict(ops.move(card, Stage.THANKED, d(11, 11)), d(11, 12))
    assert v.next_round is not None
    assert v.next_round.at == wall(d(11, 17), 15)
    assert (v.action, v.opens_on) == (Action.INTERVIEW, d(11, 17))


def test_a_thank_you_owed_keeps_its_window_while_a_round_is_ahead() -> None:
    card = ops.add_round(first(), wall(d(11, 10), 14))
    v = verdict(card, d(11, 3))
    assert (v.stage, v.action, v.status) == (Stage.INTERVIEWED, Action.THANK_YOU, Status.DUE)
    assert (v.opens_on, v.due_by) == (d(11, 2), d(11, 3))
    assert v.next_round is not None  # still named, for the card to say


def test_a_new_card_whose_first_round_is_ahead_is_interviewed_and_premature() -> None:
    card = ops.add_round(first(), wall(d(11, 10), 14))
    v = verdict(card, d(11, 2), 9)
    assert (v.stage, v.status, v.action, v.upcoming) == (
        Stage.INTERVIEWED,
        Status.PREMATURE,
        Action.THANK_YOU,
        True,
    )
    assert v.next_round is not None
    assert v.next_round.at == wall(d(11, 2))


def test_a_round_ahead_wins_over_an_instruction_and_the_nag_flag() -> None:
    card = in_waiting(d(11, 5), d(11, 6), d(11, 9))
    card = ops.instruct_wait(card, d(11, 30), d(11, 9))
    before = verdict(card, d(11, 10))
    assert (before.status, before.nag) == (Status.HOLD, True)
    card = ops.add_round(card, wall(d(11, 12), 14))
    v = verdict(card, d(11, 10))
    assert (v.status, v.action, v.hold_until, v.nag) == (Status.PREMATURE, Action.INTERVIEW, None, False)
    assert (v.opens_on, v.due_by) == (d(11, 12), d(11, 13))


# A round ends what came before it.


def test_a_passed_round_ends_the_instruction_in_force() -> None:
    card = ops.instruct_contact_on(ops.move(first(), Stage.THANKED, d(11, 2)), d(11, 20), d(11, 3))
    card = ops.add_round(card, wall(d(11, 10), 14))
    assert verdict(card, d(11, 9)).instruction is not None
    v = verdict(card, d(11, 10), 15)
    assert v.instruction is None
    assert (v.opens_on, v.due_by) == (d(11, 10), d(11, 11))


def test_an_instruction_given_the_day_of_a_round_comes_after_it() -> None:
    card = ops.add_round(ops.move(first(), Stage.THANKED, d(11, 2)), wall(d(11, 10), 9))
    card = ops.instruct_contact_on(card, d(11, 13), d(11, 10))
    v = verdict(card, d(11, 11))
    assert v.instruction is not None
    assert (v.opens_on, v.due_by) == (d(11, 13), d(11, 13))


def test_a_passed_round_resets_the_nag_count() -> None:
    card = in_waiting(d(11, 5), d(11, 6), d(11, 9))
    card = ops.add_round(card, wall(d(11, 10), 9))
    timeline = replay(card, datetime.combine(d(11, 10), time(12), zone(LONDON)))
    assert (timeline.stage, timeline.checks_without_reply, timeline.by_round) == (Stage.INTERVIEWED, 0, True)
    assert verdict(card, d(11, 10)).nag is False


# Removing a round, and the operations' guards.


def test_removing_a_round_re_times_the_card() -> None:
    card = worked_example()
    assert verdict(card, d(11, 12)).stage is Stage.INTERVIEWED
    back = ops.remove_round(card, 2)
    v = verdict(back, d(11, 12))
    assert (v.stage, v.action, v.opens_on) == (Stage.THANKED, Action.CHECK_IN_CALL, d(11, 9))
    assert back == ops.move(first(), Stage.THANKED, d(11, 2))  # exactly as before the round


def test_the_first_round_can_go_while_another_remains() -> None:
    card = ops.remove_round(worked_example(), 1)
    assert card.interviewed_at == wall(d(11, 10), 14)
    assert [r.label for r in card.all_rounds] == ["final"]


@pytest.mark.parametrize("number", [0, 3, -1])
def test_a_round_number_out_of_range_is_refused(number: int) -> None:
    with pytest.raises(ops.DomainError, match="no round"):
        ops.remove_round(worked_example(), number)


def test_the_only_round_cannot_be_removed() -> None:
    with pytest.raises(ops.DomainError, match="only round"):
        ops.remove_round(first(), 1)


def test_rounds_are_kept_in_date_order_and_the_first_is_interviewed_at() -> None:
    card = ops.add_round(worked_example(), wall(d(10, 28), 9), label="phone screen")
    assert [r.at for r in card.rounds] == [wall(d(10, 28), 9), wall(d(11, 2)), wall(d(11, 10), 14)]
    assert card.interviewed_at == wall(d(10, 28), 9)
    assert card.rounds[1].met == ("Ann",)  # the card's first round met everyone then named


def test_a_name_met_that_is_not_a_contact_becomes_one() -> None:
    card = ops.add_round(first(), wall(d(11, 10), 14), met=["Ann", " Bo ", "Bo", ""])
    assert card.rounds[-1].met == ("Ann", "Bo")
    assert [c.name for c in card.contacts] == ["Ann", "Bo"]


def test_two_rounds_at_the_same_moment_are_refused() -> None:
    with pytest.raises(ops.DomainError, match="already a round"):
        ops.add_round(worked_example(), wall(d(11, 10), 14))


def test_a_closed_card_takes_no_round_and_a_round_does_not_reopen_it() -> None:
    closed = ops.move(first(), Stage.CLOSED, d(11, 3), outcome=Outcome.WITHDRAWN)
    with pytest.raises(ops.DomainError, match="closed"):
        ops.add_round(closed, wall(d(11, 10), 14))
    card = ops.move(worked_example(), Stage.CLOSED, d(11, 5), outcome=Outcome.WITHDRAWN)
    assert verdict(card, d(11, 12)).status is Status.CLOSED


def test_editing_the_interview_time_moves_the_first_round() -> None:
    card = ops.edit(worked_example(), interviewed_at=wall(d(11, 3), 11))
    assert [r.at for r in card.rounds] == [wall(d(11, 3), 11), wall(d(11, 10), 14)]
    assert card.interviewed_at == wall(d(11, 3), 11)


def test_a_card_with_one_round_lists_it_with_everyone_met() -> None:
    assert first().all_rounds == (Round(wall(d(11, 2)), met=("Ann",)),)
    assert first().rounds == ()


def test_a_reply_after_a_round_leaves_the_card_in_interviewed() -> None:
    """Only a move comes after a round; a reply or a note of contact does not undo it."""
    card = ops.log_reply(worked_example(), d(11, 11))
    v = verdict(card, d(11, 11))
    assert (v.stage, v.action) == (Stage.INTERVIEWED, Action.THANK_YOU)


# What the card and a row say of a round ahead.


def test_a_row_counts_the_rounds_and_gives_the_next_with_its_offset() -> None:
    now = datetime.combine(d(11, 9), time(12), zone(LONDON))
    (item,) = assess_all([worked_example()], now, d(11, 9), RULES)
    got = row(item, d(11, 9))
    assert (got["rounds"], got["next_round_at"]) == (2, "2026-11-10T14:00+00:00")
    assert (got["stage"], got["status"], got["action"]) == ("thanked", "premature", "interview")
    assert (got["opens_on"], got["due_by"]) == ("2026-11-10", "2026-11-11")
    assert got["summary"] == "interview Tue 10 Nov 14:00"
    after = row(assess_all([worked_example()], now.replace(day=12), d(11, 12), RULES)[0], d(11, 12))
    assert (after["stage"], after["next_round_at"]) == ("interviewed", None)


def test_the_window_sentence_names_the_round_ahead() -> None:
    v = verdict(worked_example(), d(11, 9))
    assert window_sentence(worked_example(), v, d(11, 9)) == (
        "Go to the final interview on Tue 10 Nov at 14:00; send a thank-you note by Wed 11 Nov. "
        "Chasing waits until then."
    )


def test_a_card_waiting_for_its_round_sits_in_the_column_of_its_stage_at_that_moment() -> None:
    card = worked_example()
    before = by_stage(assess_all([card], datetime.combine(d(11, 9), time(12), zone(LONDON)), d(11, 9), RULES))
    after = by_stage(
        assess_all([card], datetime.combine(d(11, 10), time(15), zone(LONDON)), d(11, 10), RULES)
    )
    assert [len(before[s]) for s in (Stage.INTERVIEWED, Stage.THANKED)] == [0, 1]
    assert [len(after[s]) for s in (Stage.INTERVIEWED, Stage.THANKED)] == [1, 0]


@pytest.mark.parametrize("name", ["Mars/Base", "Europe", "x" * 300, "a/" * 200])
def test_an_unknown_zone_is_a_value_error_however_odd_its_name(name: str) -> None:
    """A zone name is looked up as a file: a folder or a name too long for one is unknown too."""
    with pytest.raises(ValueError, match="unknown time zone"):
        check_zone(name)
