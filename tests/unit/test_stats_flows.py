"""Replies by company and what became of each stage, worked out by hand."""

from __future__ import annotations

import json
from datetime import date

from tests.unit.test_stats import TODAY, board, card
from tui.domain import ops
from tui.domain.model import Interview
from tui.domain.rules import Rules
from tui.domain.stages import Outcome, Stage
from tui.domain.stats import CompanyReplies, StageFlow, compute, render_text, replies_by_company, stage_flows
from tui.text import literal


def chased() -> list[Interview]:
    """Five cards; the comments give each one's follow-ups and answers."""
    # Acme: thanked 11-03 (asks for no answer); check-in call 11-10 answered the same day (0 days);
    # follow-up email 11-12, no answer yet (unanswered).
    a = card(1, "Acme", date(2026, 11, 2))
    a = ops.move(a, Stage.THANKED, date(2026, 11, 3))
    a = ops.move(a, Stage.CHECKED_IN, date(2026, 11, 10))
    a = ops.log_reply(a, date(2026, 11, 10))
    a = ops.move(a, Stage.WAITING, date(2026, 11, 12))
    # The same company spelt otherwise: an email 11-06 chased again 11-09 (unanswered),
    # then a reply 11-13 (4 days after the second).
    b = card(2, " ACME ", date(2026, 11, 5))
    b = ops.log_followup(b, date(2026, 11, 6))
    b = ops.log_followup(b, date(2026, 11, 9))
    b = ops.log_reply(b, date(2026, 11, 13))
    # Birch: a follow-up email 11-03, answered by the rejection 11-17 (14 days).
    c = ops.move(card(3, "Birch", date(2026, 11, 2)), Stage.WAITING, date(2026, 11, 3))
    c = ops.move(c, Stage.CLOSED, date(2026, 11, 17), outcome=Outcome.REJECTED)
    # Cobalt: heard back and got an offer without ever being chased: not listed.
    d = ops.log_reply(card(4, "Cobalt", date(2026, 11, 2)), date(2026, 11, 4))
    d = ops.move(d, Stage.CLOSED, date(2026, 11, 5), outcome=Outcome.OFFER)
    # Delta: only the thank-you: not listed.
    e = ops.move(card(5, "Delta", date(2026, 11, 2)), Stage.THANKED, date(2026, 11, 3))
    return [a, b, c, d, e]


def test_replies_by_company() -> None:
    assert replies_by_company(chased()) == (
        CompanyReplies("Acme", (0, 4), unanswered=2),
        CompanyReplies("Birch", (14,), unanswered=0),
    )
    acme = replies_by_company(chased())[0]
    assert (acme.follow_ups, acme.median_days) == (4, 2.0)


def test_replies_on_the_shared_board() -> None:
    # B: check-in call 11-13, reply 11-16 (3). C: check-in 11-12 and the email 11-16 chased
    # again without an answer, the status check 11-20 answered by the rejection 11-23 (3).
    # F: a follow-up call 11-20, a reply 11-23 (3). E heard back unchased: not listed.
    assert replies_by_company(board()) == (
        CompanyReplies("C", (3,), unanswered=2),
        CompanyReplies("B", (3,), unanswered=0),
        CompanyReplies("F", (3,), unanswered=0),
    )


def test_stage_flows_on_the_shared_board() -> None:
    # Interviewed: A 1 day, B 4, C 1, F 2 moved on; E closed after 1 -> median 1.
    # Thanked: B 7 and C 7 moved on (A and F still there). Checked in: C moved on after 4
    # (B still there). Waiting: C closed after 7.
    assert stage_flows(board()) == (
        StageFlow(Stage.INTERVIEWED, moved_on=4, closed=1, median_days=1.0),
        StageFlow(Stage.THANKED, moved_on=2, closed=0, median_days=7.0),
        StageFlow(Stage.CHECKED_IN, moved_on=1, closed=0, median_days=4.0),
        StageFlow(Stage.WAITING, moved_on=0, closed=1, median_days=7.0),
    )


def test_a_card_that_comes_back_counts_once_and_sums_its_stays() -> None:
    x = card(1, "X", date(2026, 11, 2))
    x = ops.move(x, Stage.THANKED, date(2026, 11, 3))  # 1 day in Interviewed
    x = ops.move(x, Stage.INTERVIEWED, date(2026, 11, 4))  # 1 day in Thanked, moved back
    x = ops.move(x, Stage.THANKED, date(2026, 11, 9))  # 5 more days in Interviewed
    x = ops.move(x, Stage.CLOSED, date(2026, 11, 20), outcome=Outcome.WITHDRAWN)
    x = ops.move(x, Stage.WAITING, date(2026, 11, 23))  # reopened: Closed is not a stay
    flows = {flow.stage: flow for flow in stage_flows([x])}
    assert flows[Stage.INTERVIEWED] == StageFlow(Stage.INTERVIEWED, 1, 0, 6.0)
    # Thanked: 1 day, then 11 more before closing; a move back is not moving on
    assert flows[Stage.THANKED] == StageFlow(Stage.THANKED, 0, 1, 12.0)
    assert flows[Stage.WAITING] == StageFlow(Stage.WAITING, 0, 0, None)


def test_json_has_companies_and_stages() -> None:
    data = compute(chased(), [], TODAY, Rules()).to_json()
    assert json.loads(json.dumps(data)) == data
    assert data["replies_by_company"] == [
        {
            "company": "Acme",
            "follow_ups": 4,
            "unanswered": 2,
            "days_to_reply": [0, 4],
            "median_days_to_reply": 2.0,
        },
        {
            "company": "Birch",
            "follow_ups": 1,
            "unanswered": 0,
            "days_to_reply": [14],
            "median_days_to_reply": 14.0,
        },
    ]
    assert data["stages"]["interviewed"] == {"moved_on": 3, "closed": 1, "median_days": 1.0}
    assert list(data["stages"]) == ["interviewed", "thanked", "checked_in", "waiting"]


def test_text_draws_answered_and_unanswered() -> None:
    lines = render_text(compute(chased(), [], TODAY, Rules()), 74, shown=literal).splitlines()
    start = lines.index("Replies by company: answered, ░ unanswered; days to reply")
    assert lines[start + 1 : start + 3] == [
        "  Acme   ██░░  2 of 4  0, 4 days",
        "  Birch  █     1 of 1  14 days",
    ]
    stages = lines.index("Leaving each stage: moved on, ▒ closed; median days there")
    # Interviewed: Acme, ACME and Delta moved on, Cobalt closed; Thanked: Acme moved on.
    bar = lines[stages + 1].split()[1]
    assert lines[stages + 1].startswith(f"  Interviewed  {bar}  ")
    assert len(bar) >= 20  # the biggest stage fills the room left at 74 columns
    assert (bar.count("█"), bar.count("▒")) == (round(len(bar) * 3 / 4), len(bar) - round(len(bar) * 3 / 4))
    assert lines[stages + 1].endswith("  3 on   1 closed  1 day")
    assert all(len(line) <= 74 for line in lines)


def test_many_follow_ups_and_long_names_still_fit() -> None:
    cards = []
    for n in range(1, 4):
        c = card(n, f"\x1b[2J A company with a very long name {n}", date(2026, 11, 2))
        for _ in range(10 * n):
            c = ops.log_followup(c, date(2026, 11, 3))
            c = ops.log_reply(c, date(2026, 11, 3))
        cards.append(c)
    text = render_text(compute(cards, [], TODAY, Rules()), 60, shown=literal)
    assert "\x1b" not in text
    rows = [line for line in text.splitlines() if "A company" in line]
    assert len(rows) == 3
    lines = text.splitlines()
    new_sections = lines[lines.index("Leaving each stage: moved on, ▒ closed; median days there") :]
    assert max(len(line) for line in new_sections) == 60
    assert rows[0].startswith("  ␛[2J A company with…  ████████████  30 of 30  0, 0, 0, 0,")
    assert rows[0].endswith("…")
    assert rows[2].count("█") >= 1
