"""Calendar arithmetic over TIMEX3 values, and the temporal functions that anchor them.

A relative expression ("yesterday", "on Tuesday", "three days later") is normalised to a
*temporal function*: an anchor followed by operations, e.g. ``DCT W<2`` (the most recent
Tuesday on or before the publication date) or ``1998-08-07 +3D``. Evaluating the function
against a publication date gives the TIMEX3 value; without one, it gives the underspecified
value TimeML uses (``XXXX-WXX-2``). Keeping the function lets a store resolve the value later,
and the same function and date always give the same value.

Function grammar (tokens separated by spaces)::

    anchor  := "DCT" | an absolute TIMEX3 value (1998-08-07, 1989-Q3, 1990, 199 ...)
    +nU -nU := shift by n units (U: D W M Q H Y E=decade C=century); granularity becomes U
    +nU=    := shift by n units, keeping the anchor's granularity ("a year earlier" than a quarter)
    W<d W>d := the weekday d (1=Monday) on or before / on or after the anchor day
    W<<d W>>d := the same, strictly before / after
    D<MM-DD := that day of the year on or before the anchor; also D<< (strictly before),
               D> D>> (after), D= (in the anchor's year), D~ (nearest the anchor), D<~ D>~
               (before/after unless more than about nine months away, then the nearest)
    M<MM Q<n H<n S<SU X<name := the same for a month, quarter, half, season, holiday
    WE< WE<< WE> WE>> := the latest weekend begun by the anchor day, the one before, the next
               not yet over, the one after
    T:xx    := a time of day on the anchor day (T:NI, T:MO, T:22:00)
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

# From coarse to fine; "weekend" sits with "week".
GRANULARITY_ORDER = ("century", "decade", "year", "half", "quarter", "season", "month", "week", "weekend", "day")
UNIT_GRANULARITY = {
    "D": "day",
    "W": "week",
    "M": "month",
    "Q": "quarter",
    "H": "half",
    "Y": "year",
    "E": "decade",
    "C": "century",
}
SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
MIN_YEAR, MAX_YEAR = 1, 9999
# "<~" / ">~": a past (future) clause picks the last (next) such day or month unless it is more
# than about nine months away; then the nearest one. Measured on TimeBank/AQUAINT month-days.
LEAN_WINDOW = 280

# A holiday resolver: (name, year) -> the date that year, or None when unknown.
HolidayResolver = Callable[[str, int], "dt.date | None"]


@dataclass(frozen=True)
class Point:
    """A calendar period: its granularity, its first day, and a season label or time of day."""

    gran: str
    start: dt.date
    label: str = ""  # season code (SP, SU, FA, WI) for gran == "season"
    time: str = ""  # "T22:00", "TNI" ... for gran == "day"

    def value(self) -> str:
        """The TIMEX3 value of this period."""
        y = self.start.year
        if self.gran == "day":
            return f"{self.start.isoformat()}{self.time}"
        if self.gran in ("week", "weekend"):
            iso_year, iso_week, _ = self.start.isocalendar()
            return f"{iso_year:04d}-W{iso_week:02d}" + ("-WE" if self.gran == "weekend" else "")
        if self.gran == "month":
            return f"{y:04d}-{self.start.month:02d}"
        if self.gran == "quarter":
            return f"{y:04d}-Q{(self.start.month - 1) // 3 + 1}"
        if self.gran == "half":
            return f"{y:04d}-H{(self.start.month - 1) // 6 + 1}"
        if self.gran == "season":
            return f"{y:04d}-{self.label}"
        if self.gran == "year":
            return f"{y:04d}"
        if self.gran == "decade":
            return f"{y // 10:03d}"
        return f"{y // 100:02d}"  # century


_VALUE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})(T.*)?"), "day"),
    (re.compile(r"(\d{4})-W(\d{2})(-WE)?"), "week"),
    (re.compile(r"(\d{4})-(\d{2})"), "month"),
    (re.compile(r"(\d{4})-Q([1-4])"), "quarter"),
    (re.compile(r"(\d{4})-H([12])"), "half"),
    (re.compile(r"(\d{4})-(SP|SU|FA|WI)"), "season"),
    (re.compile(r"(\d{4})"), "year"),
    (re.compile(r"(\d{3})"), "decade"),
    (re.compile(r"(\d{2})"), "century"),
]


def parse_value(value: str) -> Point | None:
    """The period a fully specified TIMEX3 date value names, or None (durations, REFs, XXXX...)."""
    for pattern, gran in _VALUE_PATTERNS:
        m = pattern.fullmatch(value)
        if not m:
            continue
        try:
            if gran == "day":
                day = dt.date(int(m[1]), int(m[2]), int(m[3]))
                return Point("day", day, time=m[4] or "")
            if gran == "week":
                monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
                return Point("weekend" if m[3] else "week", monday)
            if gran == "month":
                return Point("month", dt.date(int(m[1]), int(m[2]), 1))
            if gran == "quarter":
                return Point("quarter", dt.date(int(m[1]), 3 * int(m[2]) - 2, 1))
            if gran == "half":
                return Point("half", dt.date(int(m[1]), 6 * int(m[2]) - 5, 1))
            if gran == "season":
                return Point("season", dt.date(int(m[1]), 1, 1), label=m[2])
            if gran == "year":
                return Point("year", dt.date(int(m[1]), 1, 1))
            if gran == "decade":
                return Point("decade", dt.date(max(MIN_YEAR, int(m[1]) * 10), 1, 1))
            return Point("century", dt.date(max(MIN_YEAR, int(m[1]) * 100), 1, 1))
        except ValueError:
            return None
    return None


def day_point(day: dt.date) -> Point:
    return Point("day", day)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    year = min(max(year, MIN_YEAR), MAX_YEAR)
    last = _cal.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _add_days(day: dt.date, days: int) -> dt.date:
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def truncate(day: dt.date, gran: str) -> dt.date:
    """The first day of the period of granularity ``gran`` that contains ``day``."""
    if gran in ("week", "weekend"):
        return _add_days(day, -day.weekday())
    if gran == "month":
        return day.replace(day=1)
    if gran == "quarter":
        return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    if gran == "half":
        return dt.date(day.year, 1 if day.month <= 6 else 7, 1)
    if gran in ("year", "season"):
        return dt.date(day.year, 1, 1)
    if gran == "decade":
        return dt.date(max(MIN_YEAR, day.year // 10 * 10), 1, 1)
    if gran == "century":
        return dt.date(max(MIN_YEAR, day.year // 100 * 100), 1, 1)
    return day


def shift(point: Point, n: int, unit: str, keep: bool = False) -> Point:
    """Move ``point`` by ``n`` units; the result has the unit's granularity unless ``keep``."""
    day = point.start
    if unit == "D":
        moved = _add_days(day, n)
    elif unit == "W":
        moved = _add_days(day, 7 * n)
    elif unit == "M":
        moved = _add_months(day, n)
    elif unit == "Q":
        moved = _add_months(day, 3 * n)
    elif unit == "H":
        moved = _add_months(day, 6 * n)
    elif unit == "Y":
        moved = _add_months(day, 12 * n)
    elif unit == "E":
        moved = _add_months(day, 120 * n)
    elif unit == "C":
        moved = _add_months(day, 1200 * n)
    else:
        return point
    if keep:
        if point.gran in ("week", "weekend"):
            # the same ISO week number in the target year
            iso_year, iso_week, _ = point.start.isocalendar()
            years = {"Y": n, "E": 10 * n, "C": 100 * n}.get(unit)
            if years is not None:
                target = min(max(iso_year + years, MIN_YEAR), MAX_YEAR)
                try:
                    return replace(point, start=dt.date.fromisocalendar(target, iso_week, 1))
                except ValueError:
                    return replace(point, start=dt.date.fromisocalendar(target, 52, 1))
        return replace(point, start=truncate(moved, point.gran) if point.gran != "day" else moved)
    gran = UNIT_GRANULARITY[unit]
    return Point(gran, truncate(moved, gran))


def _nearest(candidates: list[dt.date], anchor: dt.date, direction: str) -> dt.date | None:
    """Pick among yearly candidates: on/before (<), strictly before (<<), on/after (>),
    strictly after (>>), in the anchor's year (=), or nearest (~)."""
    if direction == "<":
        before = [c for c in candidates if c <= anchor]
        return max(before) if before else None
    if direction == "<<":
        before = [c for c in candidates if c < anchor]
        return max(before) if before else None
    if direction == ">":
        after = [c for c in candidates if c >= anchor]
        return min(after) if after else None
    if direction == ">>":
        after = [c for c in candidates if c > anchor]
        return min(after) if after else None
    if direction == "=":
        same = [c for c in candidates if c.year == anchor.year]
        return same[0] if same else None
    if direction in ("<~", ">~"):
        # the tense's way unless that is further than LEAN_WINDOW days: then the nearest
        leaning = _nearest(candidates, anchor, direction[0])
        if leaning is not None and abs((leaning - anchor).days) <= LEAN_WINDOW:
            return leaning
        direction = "~"
    return min(candidates, key=lambda c: (abs((c - anchor).days), c)) if candidates else None


def _yearly(anchor: dt.date, make: Callable[[int], dt.date | None]) -> list[dt.date]:
    out = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        if MIN_YEAR <= year <= MAX_YEAR:
            try:
                made = make(year)
            except ValueError:
                made = None
            if made is not None:
                out.append(made)
    return out


def _anchor_day(point: Point) -> dt.date:
    return point.start


_OP = re.compile(r"([+-]\d+)([DWMQHYEC])(=?)|W(<<|>>|<|>)([1-7])|([DMQHSX])(<<|>>|<~|>~|<|>|~|=)(\S+)|WE(<<|>>|<|>)|T:(\S+)")


def apply(point: Point, op: str, holidays: HolidayResolver | None = None) -> Point | None:
    """One operation of a temporal function applied to ``point`` (None when it cannot be)."""
    m = _OP.fullmatch(op)
    if not m:
        return None
    if m[1]:
        return shift(point, int(m[1]), m[2], keep=bool(m[3]))
    if m[4]:
        target = int(m[5]) - 1
        day = _anchor_day(point)
        if m[4] in ("<", "<<"):
            back = (day.weekday() - target) % 7
            if m[4] == "<<" and back == 0:
                back = 7
            return Point("day", _add_days(day, -back))
        ahead = (target - day.weekday()) % 7
        if m[4] == ">>" and ahead == 0:
            ahead = 7
        return Point("day", _add_days(day, ahead))
    if m[6]:
        kind, direction, arg = m[6], m[7], m[8]
        day = _anchor_day(point)
        if kind == "D":
            month, dom = (int(x) for x in arg.split("-"))
            found = _nearest(_yearly(day, lambda y: dt.date(y, month, dom)), day, direction)
            return Point("day", found) if found else None
        if kind == "M":
            month = int(arg)
            found = _nearest(_yearly(truncate(day, "month"), lambda y: dt.date(y, month, 1)),
                             truncate(day, "month"), direction)
            return Point("month", found) if found else None
        if kind == "Q":
            q = int(arg)
            found = _nearest(_yearly(truncate(day, "quarter"), lambda y: dt.date(y, 3 * q - 2, 1)),
                             truncate(day, "quarter"), direction)
            return Point("quarter", found) if found else None
        if kind == "H":
            h = int(arg)
            found = _nearest(_yearly(truncate(day, "half"), lambda y: dt.date(y, 6 * h - 5, 1)),
                             truncate(day, "half"), direction)
            return Point("half", found) if found else None
        if kind == "S":
            season_month = SEASON_MONTH.get(arg)
            if season_month is None:
                return None
            found = _nearest(_yearly(truncate(day, "month"), lambda y: dt.date(y, season_month, 1)),
                             truncate(day, "month"), direction)
            return Point("season", dt.date(found.year, 1, 1), label=arg) if found else None
        if kind == "X":
            if holidays is None:
                return None
            resolver = holidays
            found = _nearest(_yearly(day, lambda y: resolver(arg, y)), day, direction)
            return Point("day", found) if found else None
    if m[9]:
        # weekends: "<" the latest one that has begun by the anchor day, ">" the next one not over
        day = _anchor_day(point)
        monday = truncate(day, "week")
        started = day.weekday() >= 5
        weeks = {"<": 0 if started else -1, "<<": -1, ">": 0, ">>": 1}[m[9]]
        return Point("weekend", _add_days(monday, 7 * weeks))
    if m[10]:
        if point.gran != "day":
            return None
        return replace(point, time="T" + m[10])
    return None


def _underspecified(ops: list[str]) -> str:
    """The TimeML underspecified value for a DCT-anchored function when the DCT is unknown."""
    time = ""
    while ops and ops[-1].startswith("T:"):
        time = "T" + ops[-1][2:]
        ops = ops[:-1]
    if not ops:
        return "XXXX-XX-XX" + time
    last = ops[-1]
    m = _OP.fullmatch(last)
    if m is None:
        return "XXXX"
    if m[4]:
        return f"XXXX-WXX-{m[5]}{time}"
    if m[6]:
        kind, arg = m[6], m[8]
        if kind == "D":
            return f"XXXX-{arg}{time}"
        if kind == "M":
            return f"XXXX-{arg}"
        if kind == "Q":
            return f"XXXX-Q{arg}"
        if kind == "H":
            return f"XXXX-H{arg}"
        if kind == "S":
            return f"XXXX-{arg}"
        return "XXXX-XX-XX" + time
    if m[9]:
        return "XXXX-WXX-WE"
    if m[1]:
        if m[3]:  # keeps granularity: find the granularity from earlier operations
            return _underspecified(ops[:-1]) if len(ops) > 1 else "XXXX-XX-XX"
        gran = UNIT_GRANULARITY[m[2]]
        return {
            "day": "XXXX-XX-XX" + time,
            "week": "XXXX-WXX",
            "month": "XXXX-XX",
            "quarter": "XXXX-QX",
            "half": "XXXX-HX",
            "year": "XXXX",
            "decade": "XXX",
            "century": "XX",
        }[gran]
    return "XXXX"


def evaluate_point(function: str, published: dt.date, holidays: HolidayResolver | None = None) -> Point | None:
    """The period a temporal function names for a known publication date (None if it cannot)."""
    tokens = function.split()
    if not tokens:
        return None
    anchor, ops = tokens[0], tokens[1:]
    point = day_point(published) if anchor == "DCT" else parse_value(anchor)
    try:
        for op in ops:
            if point is None:
                return None
            point = apply(point, op, holidays)
    except (ValueError, OverflowError):
        return None
    return point


def evaluate(function: str, published: dt.date | None, holidays: HolidayResolver | None = None) -> str | None:
    """The TIMEX3 value of a temporal function; underspecified when it needs an unknown date.

    Returns None when the function cannot be evaluated (a malformed function, a date out of range).
    """
    tokens = function.split()
    if not tokens:
        return None
    if tokens[0] == "DCT" and published is None:
        return _underspecified(tokens[1:])
    if tokens[0] != "DCT" and len(tokens) == 1 and parse_value(tokens[0]) is None:
        return tokens[0]
    point = evaluate_point(function, published or dt.date(2000, 1, 1), holidays)
    return point.value() if point is not None else None


def needs_date(function: str) -> bool:
    """Whether the function's value depends on the publication date."""
    return function.split()[:1] == ["DCT"]
