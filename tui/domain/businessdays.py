"""Business-day arithmetic: Monday to Friday, minus the user's holidays."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

_ONE_DAY = timedelta(days=1)


def is_business_day(day: date, holidays: Collection[date] = ()) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_business_days(start: date, count: int, holidays: Collection[date] = ()) -> date:
    """The date ``count`` business days after ``start`` (``bd(D, n)`` in the policy).

    ``bd(D, 0)`` is D itself, whatever day it is; ``bd(Fri, 1)`` and ``bd(Sat, 1)``
    are the next Monday (unless it is a holiday).
    """
    if count < 0:
        raise ValueError("count must not be negative")
    day = start
    left = count
    while left:
        day += _ONE_DAY
        if is_business_day(day, holidays):
            left -= 1
    return day


def next_business_day(start: date, holidays: Collection[date] = ()) -> date:
    """``start`` itself if it is a business day, else the next one."""
    day = start
    while not is_business_day(day, holidays):
        day += _ONE_DAY
    return day
