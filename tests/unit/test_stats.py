"""Board statistics on a small hand-built board, every number worked out by hand."""

from __future__ import annotations

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from tui.domain import ops
from tui.domain.model import Interview
from tui.domain.queries import assess_all
from tui.domain.rules import Rules
from tui.domain.stages import Outcome, Stage, Status
from tui.domain.stats import BoardStats, compute, render_text
from tui.domain.wall import WallTime
from tui.text import literal

ZONE = "Europe/London"
RULES = Rules()
TODAY = date(2026, 11, 24)  # a Tuesday
NOW = datetime(2026, 11, 24, 9, 30, tzinfo=ZoneInfo(ZONE))


def card(card_id: int, company: str, day: date) -> Interview:
    return ops.new_interview(
        card_id=card_id,
        company=company,
        interviewed_at=WallTime(datetime(day.year, day.month, day.day, 10, 0), ZONE),
        created_on=day,
    )


def board() -> list[Interview]:
    """Six cards; the comments give what each one adds to the numbers."""
    # A: interview Mon 11-02, thanked Tue 11-03 (on time: due by bd(11-02, 1) = 11-03).
    a = ops.move(card(1, "A", date(2026, 11, 2)), Stage.THANKED, date(2026, 11, 3))
    # B: interview Mon 11-02, thanked Fri 11-06 (late), checked in 11-13, a reply 11-16.
    b = card(2, "B", date(2026, 11, 2))
    b = ops.move(b, Stage.THANKED, date(2026, 11, 6))
    b = ops.move(b, Stage.CHECKED_IN, date(2026, 11, 13))
    b = ops.log_reply(b, date(2026, 11, 16))
    # C: interview Wed 11-04, thanked Thu 11-05 (on time), checked in 11-12, waiting 11-16,
    #    a status check 11-20, rejected 11-23; never a reply.
    c = card(3, "C", date(2026, 11, 4))
    c = ops.move(c, Stage.THANKED, date(2026, 11, 5))
    c = ops.move(c, Stage.CHECKED_IN, date(2026, 11, 12))
    c = ops.move(c, Stage.WAITING, date(2026, 11, 16))
    c = ops.log_followup(c, date(2026, 11, 20))
    c = ops.move(c, Stage.CLOSED, date(2026, 11, 23), outcome=Outcome.REJECTED)
    # D: interview Fri 11-20, nothing since (thank-you was due by Mon 11-23: overdue).
    d = card(4, "D", date(2026, 11, 20))
    # E: interview Mon 11-09, an offer straight away on 11-10: heard back, but never chased.
    e = card(5, "E", date(2026, 11, 9))
    e = ops.log_reply(e, date(2026, 11, 10))
    e = ops.move(e, Stage.CLOSED, date(2026, 11, 10), outcome=Outcome.OFFER)
    # F: interview Tue 11-10, thanked Thu 11-12 (late: due by Wed 11-11), a follow-up 11-20,
    #    a reply 11-23 (the check-in clock restarts: opens bd(11-23, 5) = 11-30).
    f = card(6, "F", date(2026, 11, 10))
    f = ops.move(f, Stage.THANKED, date(2026, 11, 12))
    f = ops.log_followup(f, date(2026, 11, 20))
    f = ops.log_reply(f, date(2026, 11, 23))
    return [a, b, c, d, e, f]


def stats_of(cards: list[Interview], rules: Rules = RULES) -> BoardStats:
    return compute(cards, assess_all(cards, NOW, TODAY, rules), TODAY, rules)


def test_counts_by_stage_outcome_and_status() -> None:
    stats = stats_of(board())
    assert stats.total == 6
    assert stats.by_stage == {Stage.INTERVIEWED: 1, Stage.THANKED: 2, Stage.CHECKED_IN: 1, Stage.CLOSED: 2}
    assert stats.by_outcome == {Outcome.REJECTED: 1, Outcome.OFFER: 1}
    # A: check-in due by bd(11-03, 10) = 11-17; B: follow-up due by bd(11-16, 5) = 11-23; D: 11-23.
    assert stats.by_status == {Status.OVERDUE: 3, Status.PREMATURE: 1, Status.CLOSED: 2}


def test_reply_rate_counts_only_cards_that_were_chased() -> None:
    stats = stats_of(board())
    # reached out: B (checked in), C (checked in), F (follow-up logged); A only thanked, E never chased
    assert stats.reached_out == 3
    # replied: B and F; C never heard back; E's reply does not count (never chased)
    assert stats.replied == 2
    assert stats.reply_rate == 2 / 3


def test_closing_straight_from_interviewed_is_not_reaching_out_but_from_thanked_is() -> None:
    early = ops.move(
        card(1, "X", date(2026, 11, 2)), Stage.CLOSED, date(2026, 11, 3), outcome=Outcome.REJECTED
    )
    later = ops.move(card(2, "Y", date(2026, 11, 2)), Stage.THANKED, date(2026, 11, 3))
    later = ops.log_reply(later, date(2026, 11, 9))
    later = ops.move(later, Stage.CLOSED, date(2026, 11, 9), outcome=Outcome.OFFER)
    stats = stats_of([early, later])
    assert (stats.replied, stats.reached_out) == (1, 1)


def test_thank_yous_on_time() -> None:
    stats = stats_of(board())
    # sent: A, B, C, F; on time: A (11-03 <= 11-03) and C (11-05 <= 11-05)
    assert (stats.thank_you_on_time, stats.thank_you_sent) == (2, 4)


def test_thank_you_deadline_follows_the_rules() -> None:
    stats = stats_of(board(), Rules(thank_you_due=2))
    # with two business days B (11-06 > 11-04) stays late, F (11-12 <= 11-12) is now on time
    assert (stats.thank_you_on_time, stats.thank_you_sent) == (3, 4)
    # a holiday on Wed 11-11 pushes F's deadline to Thu 11-12: on time; A and C are unaffected
    holiday = stats_of(board(), Rules(holidays=frozenset({date(2026, 11, 11)})))
    assert (holiday.thank_you_on_time, holiday.thank_you_sent) == (3, 4)


def test_median_days_from_the_interview_to_each_stage() -> None:
    stats = stats_of(board())
    # thanked: A 1, B 4, C 1, F 2 -> 1.5; checked in: B 11, C 8 -> 9.5; waiting: C 12; closed: C 19, E 1 -> 10
    assert stats.median_days == {
        Stage.THANKED: 1.5,
        Stage.CHECKED_IN: 9.5,
        Stage.WAITING: 12.0,
        Stage.CLOSED: 10.0,
    }


def test_a_move_back_and_forth_counts_the_first_arrival() -> None:
    x = card(1, "X", date(2026, 11, 2))
    x = ops.move(x, Stage.THANKED, date(2026, 11, 3))
    x = ops.move(x, Stage.INTERVIEWED, date(2026, 11, 4))
    x = ops.move(x, Stage.THANKED, date(2026, 11, 9))
    stats = stats_of([x])
    assert stats.median_days[Stage.THANKED] == 1.0
    assert (stats.thank_you_on_time, stats.thank_you_sent) == (1, 1)


def test_json_is_plain_and_complete() -> None:
    data = stats_of(board()).to_json()
    assert json.loads(json.dumps(data)) == data
    assert data["today"] == "2026-11-24"
    assert data["by_stage"] == {"interviewed": 1, "thanked": 2, "checked_in": 1, "waiting": 0, "closed": 2}
    assert data["by_outcome"]["rejected"] == 1
    assert data["by_outcome"]["offer"] == 1
    assert sum(data["by_outcome"].values()) == 2
    assert data["by_status"] == {"premature": 1, "due": 0, "overdue": 3, "hold": 0, "closed": 2}
    assert (data["replied"], data["reached_out"]) == (2, 3)
    assert data["reply_rate"] == 2 / 3
    assert data["median_days_to_stage"] == {
        "thanked": 1.5,
        "checked_in": 9.5,
        "waiting": 12.0,
        "closed": 10.0,
    }
    assert (data["thank_you_on_time"], data["thank_you_sent"]) == (2, 4)


def test_text_report_has_bars_and_numbers() -> None:
    text = render_text(stats_of(board()), shown=literal)
    assert text.startswith("6 cards on 2026-11-24\n")
    assert "Reply rate: 67% (2 of 3 cards you chased heard back)" in text
    assert "Thank-yous on time: 2 of 4" in text
    assert "to Checked in  9.5 days" in text
    lines = text.splitlines()
    thanked = next(line for line in lines if line.strip().startswith("Thanked"))
    interviewed = next(line for line in lines if line.strip().startswith("Interviewed"))
    waiting = next(line for line in lines if line.strip().startswith("Waiting"))
    # the longest bar belongs to the biggest count, half of it to half the count, none to zero
    assert interviewed.count("█") > 0
    assert abs(thanked.count("█") - 2 * interviewed.count("█")) <= 1
    assert len(thanked) == 60  # the longest bar reaches the width exactly
    assert "█" not in waiting
    assert "▏" not in waiting
    assert "Outcomes" in text
    assert any(line.strip().startswith("offer") and "█" in line for line in lines)


def test_a_tiny_count_next_to_a_big_one_still_shows() -> None:
    stats = BoardStats(
        today=TODAY,
        total=101,
        by_stage={Stage.INTERVIEWED: 100, Stage.THANKED: 1},
        by_outcome={},
        by_status={},
        replied=0,
        reached_out=0,
        median_days={Stage.THANKED: 1.0, Stage.WAITING: 2.0},
        thank_you_on_time=0,
        thank_you_sent=0,
    )
    lines = render_text(stats, width=40, shown=literal).splitlines()
    thanked = next(line for line in lines if line.strip().startswith("Thanked"))
    assert thanked.endswith(" ▏")
    interviewed = next(line for line in lines if line.strip().startswith("Interviewed"))
    assert len(interviewed) == 40
    assert "Outcomes" not in lines
    assert "  to Thanked     1 day" in lines
    assert "  to Waiting     2 days" in lines


@pytest.mark.parametrize("width", [30, 40, 41, 60, 90])
@pytest.mark.parametrize("top", [1, 7, 999, 12_345])
def test_bars_never_run_past_the_width(width: int, top: int) -> None:
    stats = BoardStats(
        today=TODAY,
        total=top + 3,
        by_stage={Stage.INTERVIEWED: top, Stage.THANKED: 3, Stage.CHECKED_IN: top // 2},
        by_outcome={Outcome.NO_RESPONSE: top},
        by_status={},
        replied=0,
        reached_out=0,
        median_days={},
        thank_you_on_time=0,
        thank_you_sent=0,
    )
    bars = [line for line in render_text(stats, width=width, shown=literal).splitlines() if "█" in line]
    assert len(bars) >= 2
    assert max(len(line) for line in bars) == width
    assert all(str(top) in line for line in bars if line.strip().startswith(("Interviewed", "no response")))


def test_empty_board() -> None:
    stats = compute([], [], TODAY, RULES)
    assert stats.total == 0
    assert stats.reply_rate is None
    assert all(value is None for value in stats.median_days.values())
    data = stats.to_json()
    assert json.loads(json.dumps(data)) == data
    assert data["reply_rate"] is None
    assert set(data["by_stage"].values()) == {0}
    text = render_text(stats, shown=literal)
    assert text.startswith("0 cards on 2026-11-24")
    assert "Reply rate: n/a" in text
    assert "Thank-yous on time: 0 of 0" in text
    assert "█" not in text
    assert "to Thanked     n/a" in text
