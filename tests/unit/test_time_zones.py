"""Time edges between zones: calling hours in the employer's zone, a travelling user, late interviews.

Every expected date and instant below is worked out by hand from POLICY.md and
the calendar (premises checked in ``test_time_dst.py``). The moment of each
assessment is given as a UTC instant and read through a ``FixedClock`` in the
user's zone, so "today" is always the user's local date.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from tests.unit.time_cases import LONDON, NEW_YORK, RULES, S, interview, moved, utc, verdict_at
from tui.codec import card_from_dict, card_to_dict
from tui.domain import ops
from tui.domain.calling import call_slots, call_slots_from
from tui.domain.clock import FixedClock, today
from tui.domain.model import Interview
from tui.domain.policy import assess
from tui.domain.stages import Outcome, Stage, Status

TOKYO = "Asia/Tokyo"


# -- calling hours in the employer's zone when only one side has changed -----------------------

# A user in London phoning New York: US clocks changed on 8 Mar and 1 Nov, UK ones on 29 Mar
# and 25 Oct, so between those dates New York is 4 hours behind London instead of 5.
CALLS = [
    pytest.param(
        # Tue 10 Mar 14:30 GMT = 10:30 EDT: the morning span is open now, until 11:30 EDT.
        utc(2026, 3, 10, 14, 30),
        [
            (utc(2026, 3, 10, 14, 30), utc(2026, 3, 10, 15, 30)),
            (utc(2026, 3, 10, 18, 0), utc(2026, 3, 10, 20, 0)),
            (utc(2026, 3, 11, 14, 0), utc(2026, 3, 11, 15, 30)),
        ],
        [
            ("2026-03-10", "10:30", "11:30"),
            ("2026-03-10", "14:00", "16:00"),
            ("2026-03-11", "10:00", "11:30"),
        ],
        id="spring-us-changed-uk-not",
    ),
    pytest.param(
        # Fri 6 Mar 17:00 GMT = 12:00 EST: Friday afternoon is out, Monday morning is out,
        # so the next span is Mon 9 Mar 14:00 EDT (after the US change) = 18:00 UTC.
        utc(2026, 3, 6, 17, 0),
        [
            (utc(2026, 3, 9, 18, 0), utc(2026, 3, 9, 20, 0)),
            (utc(2026, 3, 10, 14, 0), utc(2026, 3, 10, 15, 30)),
            (utc(2026, 3, 10, 18, 0), utc(2026, 3, 10, 20, 0)),
        ],
        [
            ("2026-03-09", "14:00", "16:00"),
            ("2026-03-10", "10:00", "11:30"),
            ("2026-03-10", "14:00", "16:00"),
        ],
        id="across-the-us-spring-change",
    ),
    pytest.param(
        # Mon 26 Oct 09:00 GMT = 05:00 EDT: not Monday morning, so Monday 14:00 EDT = 18:00 UTC.
        utc(2026, 10, 26, 9, 0),
        [
            (utc(2026, 10, 26, 18, 0), utc(2026, 10, 26, 20, 0)),
            (utc(2026, 10, 27, 14, 0), utc(2026, 10, 27, 15, 30)),
            (utc(2026, 10, 27, 18, 0), utc(2026, 10, 27, 20, 0)),
        ],
        [
            ("2026-10-26", "14:00", "16:00"),
            ("2026-10-27", "10:00", "11:30"),
            ("2026-10-27", "14:00", "16:00"),
        ],
        id="autumn-uk-changed-us-not",
    ),
    pytest.param(
        # Fri 30 Oct 15:00 GMT = 11:00 EDT: the last half hour of Friday morning, then
        # Mon 2 Nov 14:00 EST (after the US change) = 19:00 UTC, Tue 10:00 EST = 15:00 UTC.
        utc(2026, 10, 30, 15, 0),
        [
            (utc(2026, 10, 30, 15, 0), utc(2026, 10, 30, 15, 30)),
            (utc(2026, 11, 2, 19, 0), utc(2026, 11, 2, 21, 0)),
            (utc(2026, 11, 3, 15, 0), utc(2026, 11, 3, 16, 30)),
        ],
        [
            ("2026-10-30", "11:00", "11:30"),
            ("2026-11-02", "14:00", "16:00"),
            ("2026-11-03", "10:00", "11:30"),
        ],
        id="across-the-us-autumn-change",
    ),
]


@pytest.mark.parametrize(("moment", "instants", "their_time"), CALLS)
def test_calling_hours_are_read_in_the_employers_zone(
    moment: datetime, instants: list[tuple[datetime, datetime]], their_time: list[tuple[str, str, str]]
) -> None:
    card = interview(date(2026, 3, 2), zone=LONDON, employer_zone=NEW_YORK)
    assert card.zone_for_calls == NEW_YORK
    now = FixedClock(moment, LONDON).now()
    slots = call_slots(now, card.zone_for_calls, RULES, count=3)
    assert [(s.start, s.end) for s in slots] == instants
    assert [(f"{s.start:%Y-%m-%d}", f"{s.start:%H:%M}", f"{s.end:%H:%M}") for s in slots] == their_time


def test_the_first_call_once_the_window_opens_is_in_their_hours() -> None:
    # Asked on Fri 6 Mar 17:00 GMT for a window opening Mon 9 Mar: Monday 14:00 EDT = 18:00 UTC.
    (slot,) = call_slots_from(date(2026, 3, 9), utc(2026, 3, 6, 17, 0), NEW_YORK, RULES, count=1)
    assert (slot.start, slot.end) == (utc(2026, 3, 9, 18, 0), utc(2026, 3, 9, 20, 0))
    # In the user's own zone that is 18:00-20:00 London, not the 19:00-21:00 of other weeks.
    assert f"{slot.start.astimezone(ZoneInfo(LONDON)):%H:%M}" == "18:00"


# -- the user travels: the same board and instant, read in London then in Tokyo ---------------

# Mon 23 Nov 2026 16:00 UTC is Mon 23 Nov 16:00 in London and Tue 24 Nov 01:00 in Tokyo.
TRAVEL_INSTANT = utc(2026, 11, 23, 16, 0)
TRAVEL = {
    # Interview Fri 20 Nov: thank-you opens 20 Nov, due by Mon 23 Nov.
    "thank-you": interview(date(2026, 11, 20)),
    # Thanked Mon 16 Nov: check-in opens bd(16 Nov, 5) = Mon 23 Nov, due by bd(.., 10) = Mon 30 Nov.
    "check-in": moved(interview(date(2026, 11, 13)), (Stage.THANKED, date(2026, 11, 16))),
    # Checked in Fri 20 Nov: email opens bd(20 Nov, 2) = Tue 24 Nov, due by bd(.., 5) = Fri 27 Nov.
    "email": moved(
        interview(date(2026, 11, 13)),
        (Stage.THANKED, date(2026, 11, 16)),
        (Stage.CHECKED_IN, date(2026, 11, 20)),
    ),
    # Interview Tue 24 Nov 09:00 Tokyo = Tue 24 Nov 00:00 UTC: still ahead at the instant.
    "upcoming": interview(date(2026, 11, 24), time(9, 0), TOKYO),
    # "We will get back to you by Mon 23 Nov": hold through 23 Nov, then opens bd(23 Nov, 1) =
    # Tue 24 Nov, due by bd(23 Nov, 3) = Thu 26 Nov.
    "wait": ops.instruct_wait(
        moved(
            interview(date(2026, 10, 30)),
            (Stage.THANKED, date(2026, 11, 2)),
            (Stage.CHECKED_IN, date(2026, 11, 6)),
            (Stage.WAITING, date(2026, 11, 9)),
        ),
        date(2026, 11, 23),
        date(2026, 11, 9),
    ),
    "closed": ops.move(
        interview(date(2026, 11, 2)), Stage.CLOSED, date(2026, 11, 10), outcome=Outcome.REJECTED
    ),
}


@pytest.mark.parametrize(
    ("zone", "local_day", "expected"),
    [
        pytest.param(
            LONDON,
            date(2026, 11, 23),
            {
                "thank-you": (S.DUE, date(2026, 11, 20), date(2026, 11, 23)),
                "check-in": (S.DUE, date(2026, 11, 23), date(2026, 11, 30)),
                "email": (S.PREMATURE, date(2026, 11, 24), date(2026, 11, 27)),
                "upcoming": (S.PREMATURE, date(2026, 11, 24), date(2026, 11, 25)),
                "wait": (S.HOLD, date(2026, 11, 24), date(2026, 11, 26)),
                "closed": (S.CLOSED, None, None),
            },
            id="in-london",
        ),
        pytest.param(
            TOKYO,
            date(2026, 11, 24),
            {
                "thank-you": (S.OVERDUE, date(2026, 11, 20), date(2026, 11, 23)),
                "check-in": (S.DUE, date(2026, 11, 23), date(2026, 11, 30)),
                "email": (S.DUE, date(2026, 11, 24), date(2026, 11, 27)),
                "upcoming": (S.PREMATURE, date(2026, 11, 24), date(2026, 11, 25)),
                "wait": (S.DUE, date(2026, 11, 24), date(2026, 11, 26)),
                "closed": (S.CLOSED, None, None),
            },
            id="in-tokyo",
        ),
    ],
)
def test_the_same_board_read_in_another_zone(
    zone: str, local_day: date, expected: dict[str, tuple[Status, date | None, date | None]]
) -> None:
    clock = FixedClock(TRAVEL_INSTANT, zone)
    assert today(clock) == local_day
    got = {}
    for name, card in TRAVEL.items():
        verdict = assess(card, clock.now(), today(clock), RULES)
        got[name] = (verdict.status, verdict.opens_on, verdict.due_by)
    assert got == expected
    assert assess(TRAVEL["upcoming"], clock.now(), today(clock), RULES).upcoming


# -- an interview late in the evening belongs to its local day ---------------------------------


@pytest.mark.parametrize(
    ("card", "moment", "status", "opens_on", "due_by"),
    [
        # Thu 19 Nov 23:30 New York = Fri 20 Nov 04:30 UTC. Its day is Thu 19 Nov:
        # the thank-you is due by bd(Thu 19 Nov, 1) = Fri 20 Nov (not Mon 23 Nov).
        pytest.param(
            interview(date(2026, 11, 19), time(23, 30), NEW_YORK),
            utc(2026, 11, 20, 4, 0),  # Thu 23:00 EST
            S.PREMATURE,
            date(2026, 11, 19),
            date(2026, 11, 20),
            id="ny-23:30-half-an-hour-before",
        ),
        pytest.param(
            interview(date(2026, 11, 19), time(23, 30), NEW_YORK),
            utc(2026, 11, 20, 4, 45),  # Thu 23:45 EST
            S.DUE,
            date(2026, 11, 19),
            date(2026, 11, 20),
            id="ny-23:30-just-after",
        ),
        pytest.param(
            interview(date(2026, 11, 19), time(23, 30), NEW_YORK),
            utc(2026, 11, 21, 4, 59),  # Fri 23:59 EST
            S.DUE,
            date(2026, 11, 19),
            date(2026, 11, 20),
            id="ny-23:30-last-due-minute",
        ),
        pytest.param(
            interview(date(2026, 11, 19), time(23, 30), NEW_YORK),
            utc(2026, 11, 21, 5, 0),  # Sat 00:00 EST
            S.OVERDUE,
            date(2026, 11, 19),
            date(2026, 11, 20),
            id="ny-23:30-next-day-overdue",
        ),
        # Thanked that same night: check-in opens bd(Thu 19 Nov, 5) = Thu 26 Nov,
        # due by bd(Thu 19 Nov, 10) = Thu 3 Dec.
        pytest.param(
            ops.move(
                interview(date(2026, 11, 19), time(23, 30), NEW_YORK), Stage.THANKED, date(2026, 11, 19)
            ),
            utc(2026, 11, 27, 4, 59),  # Thu 26 Nov 23:59 EST
            S.DUE,
            date(2026, 11, 26),
            date(2026, 12, 3),
            id="ny-23:30-thanked-same-night",
        ),
        # East of UTC the other way round: Mon 23 Nov 00:30 Tokyo = Sun 22 Nov 15:30 UTC.
        # Its day is Mon 23 Nov, so the thank-you is due by Tue 24 Nov (not Mon 23 Nov).
        pytest.param(
            interview(date(2026, 11, 23), time(0, 30), TOKYO),
            utc(2026, 11, 23, 15, 0),  # Tue 00:00 Tokyo
            S.DUE,
            date(2026, 11, 23),
            date(2026, 11, 24),
            id="tokyo-00:30-due-next-day",
        ),
    ],
)
def test_a_late_interview_counts_from_its_local_day(
    card: Interview, moment: datetime, status: Status, opens_on: date, due_by: date
) -> None:
    zone = card.interviewed_at.zone
    verdict = verdict_at(card, moment, zone)
    assert (verdict.status, verdict.opens_on, verdict.due_by) == (status, opens_on, due_by)
    assert verdict.anchor == card.interviewed_at.local.date()


def test_a_late_interview_is_stored_on_its_local_day() -> None:
    card = interview(date(2026, 11, 19), time(23, 30), NEW_YORK)
    assert card.interview_day == date(2026, 11, 19)
    assert card.interview_instant() == utc(2026, 11, 20, 4, 30)
    assert card_to_dict(card)["interviewed_at"] == {"local": "2026-11-19T23:30", "zone": NEW_YORK}
    assert card_from_dict(1, card_to_dict(card)).interview_day == date(2026, 11, 19)
