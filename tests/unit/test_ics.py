"""The calendar export: one event per next action, read back with icalendar."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar

from tui.domain import ops
from tui.domain.model import Contact, Interview
from tui.domain.queries import assess_all
from tui.domain.rules import Rules
from tui.domain.stages import Outcome, Stage
from tui.domain.wall import WallTime
from tui.ics import to_ics

ZONE = "Europe/London"
RULES = Rules()
TODAY = date(2026, 11, 24)  # a Tuesday
NOW = datetime(2026, 11, 24, 9, 30, tzinfo=ZoneInfo("America/New_York"))  # 14:30 UTC, same day
HOSTILE = "Acme; Ltd, \x1b[2J [bold]x[/]\nline two \\ end"
ZOE = Contact(name="Zoë Ångström", title="Head of Data", email="zoe@acme.example", phone="+44 20 7946 0000")


def card(card_id: int, company: str, day: date, **kwargs: Any) -> Interview:
    return ops.new_interview(
        card_id=card_id,
        company=company,
        interviewed_at=WallTime(datetime(day.year, day.month, day.day, 10, 0), ZONE),
        created_on=day,
        **kwargs,
    )


def board() -> list[Interview]:
    # 1: interview Fri 11-20: thank-you opens 11-20, due by Mon 11-23 (overdue today)
    thank = card(1, "Northwind", date(2026, 11, 20), role="Analyst", contacts=(ZOE,))
    # 2: thanked Mon 11-23: check-in call opens Mon 11-30, due by Mon 12-07 (premature today)
    call = ops.move(
        card(2, "Kestrel", date(2026, 11, 20), employer_zone="Europe/Berlin"),
        Stage.THANKED,
        TODAY - timedelta(days=1),
    )
    # 3: asked to wait until Fri 12-04: on hold
    held = ops.instruct_wait(card(3, "Held Co", date(2026, 11, 2)), date(2026, 12, 4), date(2026, 11, 3))
    # 4: closed: nothing to do
    closed = ops.move(
        card(4, "Closed Co", date(2026, 11, 10)), Stage.CLOSED, date(2026, 11, 12), outcome=Outcome.OFFER
    )
    # 5: interview tomorrow Wed 11-25 at 10:00: thank-you opens then, due by Thu 11-26 (premature)
    later = card(5, "Later Inc", date(2026, 11, 25))
    return [thank, call, held, closed, later]


def export(cards: list[Interview]) -> list[Any]:
    data = to_ics(assess_all(cards, NOW, TODAY, RULES), NOW, RULES)
    assert isinstance(data, bytes)
    calendar = Calendar.from_ical(data)
    assert str(calendar["VERSION"]) == "2.0"
    assert "followup" in str(calendar["PRODID"])
    return list(calendar.walk("VEVENT"))


def by_uid(events: list[Any]) -> dict[str, Any]:
    return {str(e["UID"]): e for e in events}


def test_one_event_per_card_with_a_next_action() -> None:
    events = by_uid(export(board()))
    assert sorted(events) == [
        "followup-1-thank_you@followup",
        "followup-2-check_in_call@followup",
        "followup-3-hold@followup",
        "followup-5-round-20261125T1000@followup",  # its interview, still ahead: a timed event
        "followup-5-thank_you@followup",
    ]


def test_event_spans_the_window_as_all_day_dates() -> None:
    events = by_uid(export(board()))
    thank = events["followup-1-thank_you@followup"]
    assert thank.decoded("DTSTART") == date(2026, 11, 20)
    assert not isinstance(thank.decoded("DTSTART"), datetime)
    assert thank.decoded("DTEND") == date(2026, 11, 24)  # due by Mon 11-23, end is exclusive
    call = events["followup-2-check_in_call@followup"]
    assert (call.decoded("DTSTART"), call.decoded("DTEND")) == (date(2026, 11, 30), date(2026, 12, 8))
    later = events["followup-5-thank_you@followup"]
    assert (later.decoded("DTSTART"), later.decoded("DTEND")) == (date(2026, 11, 25), date(2026, 11, 27))


def test_summary_and_description_say_what_who_and_when() -> None:
    events = by_uid(export(board()))
    thank = events["followup-1-thank_you@followup"]
    assert str(thank["SUMMARY"]) == "Thank-you: Northwind (Analyst)"
    description = str(thank["DESCRIPTION"])
    assert "Contact: Zoë Ångström, Head of Data, zoe@acme.example, +44 20 7946 0000" in description
    assert "Send a thank-you note" in description
    assert "Call " not in description
    call = events["followup-2-check_in_call@followup"]
    assert str(call["SUMMARY"]) == "Check-in call: Kestrel"
    call_text = str(call["DESCRIPTION"])
    assert "10:00-11:30 or 14:00-16:00" in call_text
    assert "(Europe/Berlin)" in call_text
    assert "Contact:" not in call_text


def test_a_card_on_hold_gets_one_event_the_day_the_hold_ends() -> None:
    held = by_uid(export(board()))["followup-3-hold@followup"]
    assert str(held["SUMMARY"]) == "Hold ends: Held Co"
    # they asked to wait until Fri 12-04: the first day free to act is Sat 12-05
    assert held.decoded("DTSTART") == date(2026, 12, 5)
    assert held.decoded("DTEND") == date(2026, 12, 6)
    assert "wait until" in str(held["DESCRIPTION"])


def test_dtstamp_is_now_in_utc_and_uids_are_stable() -> None:
    first = export(board())
    for event in first:
        assert event.decoded("DTSTAMP") == datetime(2026, 11, 24, 14, 30, tzinfo=timezone.utc)
    second = export(board())
    assert sorted(by_uid(first)) == sorted(by_uid(second))


def test_hostile_text_survives_the_round_trip_as_data() -> None:
    evil = Contact(name="Ann, Lee; \x1b[2J", title="[bold]Boss[/]\nsecond line", email="a@x.io")
    c = card(1, HOSTILE, date(2026, 11, 20), role="Role; with, commas", contacts=(evil,))
    data = to_ics(assess_all([c], NOW, TODAY, RULES), NOW, RULES)
    (event,) = Calendar.from_ical(data).walk("VEVENT")
    assert str(event["SUMMARY"]) == f"Thank-you: {HOSTILE} (Role; with, commas)"
    assert "Contact: Ann, Lee; \x1b[2J, [bold]Boss[/]\nsecond line, a@x.io" in str(event["DESCRIPTION"])
    assert str(event["UID"]) == "followup-1-thank_you@followup"


def test_an_injected_property_stays_inside_the_text() -> None:
    sneaky = "Co\r\nDTSTART;VALUE=DATE:20990101\r\nEND:VEVENT"
    c = card(1, sneaky, date(2026, 11, 20))
    (event,) = Calendar.from_ical(to_ics(assess_all([c], NOW, TODAY, RULES), NOW, RULES)).walk("VEVENT")
    assert event.decoded("DTSTART") == date(2026, 11, 20)
    assert "DTSTART;VALUE=DATE:20990101" in str(event["SUMMARY"])


def test_empty_and_all_closed_boards_give_a_valid_empty_calendar() -> None:
    assert export([]) == []
    closed = ops.move(
        card(1, "X", date(2026, 11, 2)), Stage.CLOSED, date(2026, 11, 3), outcome=Outcome.REJECTED
    )
    assert export([closed]) == []
