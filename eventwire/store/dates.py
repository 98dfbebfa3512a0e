"""Calendar bounds of TIMEX3 values, so events can be filtered by date with plain comparisons.

A TIMEX3 value names a period of varying grain (``2025-05-26``, ``2025-05``, ``2025-W22``,
``2025-Q2``, ``2025-SU``, ``202X``, ``2025-05-26TNI``). The store keeps, next to the value, the first
and last calendar day it covers (``YYYY-MM-DD`` strings, which sort as dates on every database), and
``since``/``until`` filters compare against those. Values without a calendar anchor (``PAST_REF``,
``P30D``, ``XXXX-05-26``) have no bounds.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ..errors import EventwireError

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|AU|WI)$")
_ROUGH = re.compile(r"^(\d{1,3})X*$")  # 202X / 202 (decade), 20XX / 20 (century), 2XXX

# Northern-hemisphere meteorological seasons: (first month, number of months).
_SEASONS = {"SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "AU": (9, 3), "WI": (12, 3)}

Bounds = tuple[str, str]


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _months(year: int, first: int, count: int) -> tuple[dt.date, dt.date]:
    """The days from the first of ``first`` through the end of the ``count``-th month (may cross a year)."""
    last_index = first - 1 + count - 1
    return dt.date(year, first, 1), _month_end(year + last_index // 12, last_index % 12 + 1)


def _dates(value: str) -> tuple[dt.date, dt.date] | None:
    if match := _DAY.match(value):
        day = dt.date(int(match[1]), int(match[2]), int(match[3]))
        return day, day
    if match := _MONTH.match(value):
        return _months(int(match[1]), int(match[2]), 1)
    if match := _YEAR.match(value):
        return _months(int(match[1]), 1, 12)
    if match := _WEEK.match(value):
        monday = dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
        if match[3]:
            return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
        return monday, monday + dt.timedelta(days=6)
    if match := _QUARTER.match(value):
        return _months(int(match[1]), 3 * int(match[2]) - 2, 3)
    if match := _HALF.match(value):
        return _months(int(match[1]), 6 * int(match[2]) - 5, 6)
    if match := _SEASON.match(value):
        first, count = _SEASONS[match[2]]
        return _months(int(match[1]), first, count)
    if (match := _ROUGH.match(value)) and 2 <= len(value) <= 4:
        digits = match[1]
        span = 10 ** (4 - len(digits))
        start_year = max(int(digits) * span, 1)
        return dt.date(start_year, 1, 1), dt.date(min(start_year + span - 1, 9999), 12, 31)
    return None


def timex_bounds(value: str | None) -> Bounds | None:
    """First and last calendar day a TIMEX3 value covers, or None when it has no calendar anchor."""
    if not value:
        return None
    try:
        dates = _dates(value.strip().upper())
    except ValueError:  # 2025-02-30, week 54, ...
        return None
    if dates is None:
        return None
    return dates[0].isoformat(), dates[1].isoformat()


def since_bound(value: str) -> str:
    """The first day a user's ``since`` (YYYY, YYYY-MM, YYYY-MM-DD, any TIMEX3 date) means."""
    return _user_bounds(value, "since")[0]


def until_bound(value: str) -> str:
    """The last day a user's ``until`` means: ``until="2025-05"`` includes all of May."""
    return _user_bounds(value, "until")[1]


def _user_bounds(value: str, name: str) -> Bounds:
    bounds = timex_bounds(str(value))
    if bounds is None:
        raise EventwireError("E007", f"{name}={value!r} is not a date we read (use YYYY-MM-DD, YYYY-MM or YYYY)")
    return bounds
