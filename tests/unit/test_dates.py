"""Reading typed dates and times: every accepted form, and readable refusals."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from tui.domain.dates import DateError, parse_day, parse_now, parse_time, parse_when
from tui.domain.wall import WallTime, WallTimeError

LONDON = "Europe/London"
WED = date(2026, 11, 25)


def test_calendar_premises() -> None:
    assert WED.weekday() == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:00", time(14, 0)),
        ("9:30", time(9, 30)),
        ("09:05", time(9, 5)),
        ("2pm", time(14, 0)),
        ("2 PM", time(14, 0)),
        ("10:30am", time(10, 30)),
        ("12am", time(0, 0)),
        ("12pm", time(12, 0)),
        ("14h", time(14, 0)),
        ("14h30", time(14, 30)),
        ("9.15", time(9, 15)),
        (" 23:59 ", time(23, 59)),
        ("0:00", time(0, 0)),
    ],
)
def test_parse_time(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["25:00", "13pm", "0am", "12:60", "noon", "", "2 p.m.", "1430"])
def test_parse_time_refuses(text: str) -> None:
    with pytest.raises(DateError) as info:
        parse_time(text)
    assert repr(text) in str(info.value)


@pytest.mark.parametrize(
    ("text", "lean", "expected"),
    [
        ("today", "past", WED),
        ("Today", "future", WED),
        ("yesterday", "past", date(2026, 11, 24)),
        ("tomorrow", "past", date(2026, 11, 26)),
        ("2026-11-20", "past", date(2026, 11, 20)),
        ("fri", "past", date(2026, 11, 20)),
        ("fri", "future", date(2026, 11, 27)),
        ("friday", "past", date(2026, 11, 20)),
        ("FRI", "past", date(2026, 11, 20)),
        ("  fri  ", "past", date(2026, 11, 20)),
        ("wed", "past", WED),
        ("wed", "future", WED),
        ("this wed", "future", WED),
        ("last wed", "past", date(2026, 11, 18)),
        ("last wed", "future", date(2026, 11, 18)),
        ("next wed", "past", date(2026, 12, 2)),
        ("next fri", "past", date(2026, 11, 27)),
        ("last fri", "future", date(2026, 11, 20)),
        ("last  monday", "past", date(2026, 11, 23)),
        ("thurs", "future", date(2026, 11, 26)),
        ("tues", "past", date(2026, 11, 24)),
        ("thu", "past", date(2026, 11, 19)),
        ("sun", "future", date(2026, 11, 29)),
    ],
)
def test_parse_day(text: str, lean: str, expected: date) -> None:
    assert parse_day(text, WED, lean) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        pytest.param("yesterday", date(2027, 1, 1), date(2026, 12, 31), id="yesterday-over-new-year"),
        pytest.param("tomorrow", date(2026, 12, 31), date(2027, 1, 1), id="tomorrow-over-new-year"),
        pytest.param("last wed", date(2027, 1, 1), date(2026, 12, 30), id="last-weekday-over-new-year"),
        pytest.param("next mon", date(2026, 12, 31), date(2027, 1, 4), id="next-weekday-over-new-year"),
        pytest.param("2028-02-29", WED, date(2028, 2, 29), id="leap-day"),
        pytest.param("tomorrow", date(2028, 2, 28), date(2028, 2, 29), id="tomorrow-is-leap-day"),
        pytest.param("yesterday", date(2028, 3, 1), date(2028, 2, 29), id="yesterday-was-leap-day"),
        pytest.param("tomorrow", date(2027, 2, 28), date(2027, 3, 1), id="no-leap-day"),
    ],
)
def test_parse_day_edges(text: str, today: date, expected: date) -> None:
    assert parse_day(text, today) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "someday",
        "fr",
        "last",
        "2026-02-29",
        "2026-11-31",
        "2026-13-01",
        "20261120",
        "last next fri",
    ],
)
def test_parse_day_refuses_readably(text: str) -> None:
    with pytest.raises(DateError) as info:
        parse_day(text, WED)
    message = str(info.value)
    assert "date" in message
    if text.strip():
        assert repr(text) in message


def wall(year: int, month: int, day: int, hour: int = 0, minute: int = 0, zone: str = LONDON) -> WallTime:
    return WallTime(datetime(year, month, day, hour, minute), zone)


@pytest.mark.parametrize(
    ("text", "lean", "expected"),
    [
        ("2026-11-20 14:00", "past", wall(2026, 11, 20, 14)),
        ("2026-11-20T14:00", "past", wall(2026, 11, 20, 14)),
        ("2026-11-20T14:00:59", "past", wall(2026, 11, 20, 14)),
        ("2026-11-20", "past", wall(2026, 11, 20)),
        ("2026-11-20 2pm", "past", wall(2026, 11, 20, 14)),
        ("  2026-11-20   14:00 ", "past", wall(2026, 11, 20, 14)),
        ("2026-11-20T14:00+01:00", "past", wall(2026, 11, 20, 13)),
        ("2026-07-01T14:00+00:00", "past", wall(2026, 7, 1, 15)),
        ("2026-11-20T14:00:30+01:00", "past", wall(2026, 11, 20, 13)),
        ("fri 10am", "past", wall(2026, 11, 20, 10)),
        ("fri 10am", "future", wall(2026, 11, 27, 10)),
        ("FRI 10AM", "past", wall(2026, 11, 20, 10)),
        ("next fri 14:30", "past", wall(2026, 11, 27, 14, 30)),
        ("14:00", "past", wall(2026, 11, 25, 14)),
        ("2pm", "future", wall(2026, 11, 25, 14)),
        ("today 14:00", "past", wall(2026, 11, 25, 14)),
        ("yesterday", "past", wall(2026, 11, 24)),
        ("2028-02-29 09:00", "past", wall(2028, 2, 29, 9)),
        ("2026-12-31 23:59", "past", wall(2026, 12, 31, 23, 59)),
    ],
)
def test_parse_when(text: str, lean: str, expected: WallTime) -> None:
    assert parse_when(text, WED, LONDON, lean) == expected  # type: ignore[arg-type]


def test_parse_when_reads_in_the_given_zone() -> None:
    got = parse_when("2026-11-20T15:00+00:00", WED, "America/New_York")
    assert got == wall(2026, 11, 20, 10, zone="America/New_York")


@pytest.mark.parametrize(
    "text", ["", "someday 10am", "2026-11-20 25:00", "2026-02-29 10:00", "fri 13pm", "2026-11-20 noon"]
)
def test_parse_when_refuses_readably(text: str) -> None:
    with pytest.raises(DateError) as info:
        parse_when(text, WED, LONDON)
    message = str(info.value)
    assert message
    if not text:
        assert "required" in message
    else:
        assert any(repr(part) in message for part in (text, *text.split()))


@pytest.mark.parametrize(
    ("text", "zone", "reason"),
    [
        pytest.param("2026-03-29 01:30", LONDON, "does not exist", id="london-gap"),
        pytest.param("2026-10-25 01:30", LONDON, "happens twice", id="london-fold"),
        pytest.param("2026-03-08 02:30", "America/New_York", "does not exist", id="new-york-gap"),
        pytest.param("2026-11-01 01:15", "America/New_York", "happens twice", id="new-york-fold"),
    ],
)
def test_parse_when_refuses_dst_gaps_and_folds(text: str, zone: str, reason: str) -> None:
    with pytest.raises((WallTimeError, DateError), match=reason) as info:
        parse_when(text, WED, zone)
    assert text in str(info.value)


def test_parse_when_unknown_zone() -> None:
    with pytest.raises(ValueError, match="unknown time zone"):
        parse_when("2026-11-20 10:00", WED, "Mars/Olympus")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("2026-11-20", datetime(2026, 11, 20, 0, 0, tzinfo=ZoneInfo(LONDON)), id="date"),
        pytest.param("2028-02-29", datetime(2028, 2, 29, 0, 0, tzinfo=ZoneInfo(LONDON)), id="leap-day"),
        pytest.param("2026-11-24T09:30", datetime(2026, 11, 24, 9, 30, tzinfo=ZoneInfo(LONDON)), id="naive"),
        pytest.param(
            "2026-07-01T09:30", datetime(2026, 7, 1, 8, 30, tzinfo=ZoneInfo("UTC")), id="naive-in-summer-time"
        ),
        pytest.param(
            "2026-11-24T09:30+00:00", datetime(2026, 11, 24, 9, 30, tzinfo=ZoneInfo("UTC")), id="utc"
        ),
        pytest.param(
            "2026-11-24T09:30-05:00", datetime(2026, 11, 24, 14, 30, tzinfo=ZoneInfo("UTC")), id="offset"
        ),
        pytest.param(
            "2026-10-25T01:30+01:00",
            datetime(2026, 10, 25, 0, 30, tzinfo=ZoneInfo("UTC")),
            id="fold-with-offset",
        ),
    ],
)
def test_parse_now(text: str, expected: datetime) -> None:
    got = parse_now(text, LONDON)
    assert got.timestamp() == expected.timestamp()
    assert got.utcoffset() == expected.astimezone(ZoneInfo(LONDON)).utcoffset()
    assert str(got.tzinfo) == LONDON


def test_parse_now_date_is_start_of_day_in_user_zone() -> None:
    got = parse_now("2026-11-20", "Asia/Tokyo")
    assert got.astimezone(ZoneInfo("UTC")) == datetime(2026, 11, 19, 15, 0, tzinfo=ZoneInfo("UTC"))
    assert (got.date(), got.hour, got.minute) == (date(2026, 11, 20), 0, 0)


@pytest.mark.parametrize("text", ["garbage", "", "10:00", "P1D", "2026-13-01", "2026-02-29T10:00", "fri"])
def test_parse_now_refuses(text: str) -> None:
    with pytest.raises(DateError, match="--now"):
        parse_now(text, LONDON)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param("2026-03-29T01:30", "does not exist", id="gap"),
        pytest.param("2026-10-25T01:30", "happens twice", id="fold"),
    ],
)
def test_parse_now_refuses_dst_gaps_and_folds(text: str, reason: str) -> None:
    with pytest.raises(DateError, match=reason):
        parse_now(text, LONDON)


@pytest.mark.parametrize("text", ["blursday", "someday 10am", "the 5th at 3"])
def test_a_date_and_time_that_cannot_be_read_is_answered_with_examples_that_have_a_time(text: str) -> None:
    with pytest.raises(DateError) as info:
        parse_when(text, WED, LONDON)
    assert str(info.value).endswith("(try 2026-11-20 14:00, today 14:00 or fri 10am)"), info.value
    with pytest.raises(DateError) as day_only:
        parse_day(text, WED)
    assert str(day_only.value).endswith("(try 2026-11-20, today, yesterday or fri)"), day_only.value
