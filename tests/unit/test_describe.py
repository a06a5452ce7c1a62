"""The words on a card and in its detail view, checked against the dates the policy gives."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from tui.domain import ops
from tui.domain.describe import counted, day_label, days, state_line, window_sentence
from tui.domain.model import Interview
from tui.domain.policy import assess
from tui.domain.rules import Rules
from tui.domain.stages import Outcome, Stage
from tui.domain.wall import WallTime

LONDON = "Europe/London"
RULES = Rules()


def d(month: int, day: int, year: int = 2026) -> date:
    return date(year, month, day)


def interview(day: date = date(2026, 11, 20)) -> Interview:
    return ops.new_interview(
        card_id=1,
        company="Acme",
        interviewed_at=WallTime(datetime.combine(day, time(10)), LONDON),
        created_on=day,
    )


def thanked(on: date = date(2026, 11, 23)) -> Interview:
    return ops.move(interview(), Stage.THANKED, on)


def words(card: Interview, today: date, at: time = time(12)) -> tuple[str, str]:
    verdict = assess(card, datetime.combine(today, at, ZoneInfo(LONDON)), today, RULES)
    return state_line(card, verdict, today), window_sentence(card, verdict, today)


@pytest.mark.parametrize(
    ("day", "today", "expected"),
    [
        (d(11, 30), d(11, 1), "Mon 30 Nov"),
        (d(12, 4), None, "Fri 4 Dec"),
        (d(11, 30), d(1, 1, 2027), "Mon 30 Nov 2026"),
        (d(1, 6, 2027), d(12, 30), "Wed 6 Jan 2027"),
        (d(2, 29, 2028), d(1, 1, 2028), "Tue 29 Feb"),
    ],
)
def test_day_label(day: date, today: date | None, expected: str) -> None:
    assert day_label(day, today) == expected


def test_days() -> None:
    assert [days(0), days(1), days(2)] == ["0 days", "1 day", "2 days"]


@pytest.mark.parametrize(
    ("card", "today", "line"),
    [
        pytest.param(interview(), d(11, 20), "thank-you due by Mon 23 Nov", id="thank-you-due-by"),
        pytest.param(interview(), d(11, 22), "thank-you due tomorrow", id="thank-you-due-tomorrow"),
        pytest.param(interview(), d(11, 23), "thank-you due today", id="thank-you-due-today"),
        pytest.param(interview(), d(11, 24), "thank-you overdue by 1 day", id="overdue-1-day"),
        pytest.param(interview(), d(11, 26), "thank-you overdue by 3 days", id="overdue-3-days"),
        pytest.param(interview(d(11, 27)), d(11, 24), "interview Fri 27 Nov 10:00", id="upcoming"),
        pytest.param(thanked(), d(11, 27), "check in from Mon 30 Nov", id="check-in-from"),
        pytest.param(thanked(), d(12, 2), "call due by Mon 7 Dec", id="call-due-by"),
        pytest.param(thanked(), d(12, 10), "call overdue by 3 days", id="call-overdue"),
        pytest.param(
            ops.move(thanked(), Stage.CHECKED_IN, d(11, 30)),
            d(12, 1),
            "email from Wed 2 Dec",
            id="email-from",
        ),
        pytest.param(
            ops.instruct_contact_on(thanked(), d(11, 25), d(11, 23)),
            d(11, 24),
            "check in on Wed 25 Nov",
            id="asked-on",
        ),
        pytest.param(
            ops.instruct_contact_on(thanked(), d(11, 25), d(11, 23)),
            d(11, 25),
            "call due today",
            id="asked-today",
        ),
        pytest.param(
            ops.instruct_wait(thanked(), d(12, 4), d(11, 24)), d(11, 30), "on hold until Fri 4 Dec", id="hold"
        ),
        pytest.param(
            ops.move(thanked(), Stage.CLOSED, d(11, 30), outcome=Outcome.NO_RESPONSE),
            d(12, 1),
            "closed: no response",
            id="closed",
        ),
        # Thanked Mon 21 Dec: opens bd(12-21, 5) = Mon 28 Dec, due by bd(12-21, 10) = Mon 4 Jan 2027.
        pytest.param(thanked(d(12, 21)), d(12, 24), "check in from Mon 28 Dec", id="over-christmas"),
        pytest.param(thanked(d(12, 21)), d(12, 30), "call due by Mon 4 Jan 2027", id="due-next-year"),
        pytest.param(thanked(d(12, 21)), d(1, 1, 2027), "call due by Mon 4 Jan", id="seen-from-next-year"),
        pytest.param(thanked(d(12, 21)), d(1, 5, 2027), "call overdue by 1 day", id="late-next-year"),
    ],
)
def test_state_line(card: Interview, today: date, line: str) -> None:
    assert words(card, today)[0] == line


def test_window_sentence_names_the_year_when_it_differs() -> None:
    assert words(thanked(d(12, 21)), d(12, 31))[1] == (
        "Phone the interviewer to check in between Mon 28 Dec and Mon 4 Jan 2027."
    )


@pytest.mark.parametrize(
    ("card", "today", "at", "sentence"),
    [
        pytest.param(
            interview(),
            d(11, 20),
            time(9),
            "Send a thank-you note once the interview is over, by Mon 23 Nov.",
            id="upcoming",
        ),
        pytest.param(
            interview(),
            d(11, 20),
            time(12),
            "Send a thank-you note between Fri 20 Nov and Mon 23 Nov.",
            id="window",
        ),
        pytest.param(
            thanked(),
            d(11, 27),
            time(12),
            "Phone the interviewer to check in between Mon 30 Nov and Mon 7 Dec.",
            id="check-in",
        ),
        pytest.param(
            ops.instruct_contact_on(thanked(), d(11, 25), d(11, 23)),
            d(11, 24),
            time(12),
            "Phone the interviewer to check in on Wed 25 Nov, as they asked.",
            id="asked",
        ),
        pytest.param(
            ops.instruct_wait(thanked(), d(12, 4), d(11, 24)),
            d(11, 30),
            time(12),
            "They asked you to wait until Fri 4 Dec. "
            "After that, phone the interviewer to check in between Mon 7 Dec and Wed 9 Dec.",
            id="hold",
        ),
        pytest.param(
            ops.move(thanked(), Stage.CLOSED, d(11, 30), outcome=Outcome.OFFER),
            d(12, 1),
            time(12),
            "Closed: nothing left to do.",
            id="closed",
        ),
    ],
)
def test_window_sentence(card: Interview, today: date, at: time, sentence: str) -> None:
    assert words(card, today, at)[1] == sentence


def test_single_day_window_reads_on() -> None:
    rules = Rules(check_in=(5, 5))
    card = thanked()
    today = d(11, 24)
    verdict = assess(card, datetime.combine(today, time(12), ZoneInfo(LONDON)), today, rules)
    assert state_line(card, verdict, today) == "check in on Mon 30 Nov"
    assert window_sentence(card, verdict, today) == "Phone the interviewer to check in on Mon 30 Nov."


@pytest.mark.parametrize(("n", "text"), [(0, "0 cards"), (1, "1 card"), (2, "2 cards"), (11, "11 cards")])
def test_a_count_says_one_card_and_any_other_number_of_cards(n: int, text: str) -> None:
    assert counted(n, "card") == text
