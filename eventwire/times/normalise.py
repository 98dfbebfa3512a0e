"""From a matched expression to a TIMEX3 type, value (or temporal function) and mod.

Each rule ``kind`` in rules.yaml has one normaliser here. Values that depend on the publication
date or on the date last mentioned are written as temporal functions (see ``calendar``), so
that they can be evaluated now or later against the same date with the same result.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc

from . import calendar
from .grammar import Candidate, Grammar
from .tense import FUTURE, PAST, clause_tense

# Any fixed date: only the granularity of a function is read from it, never its value.
_PROXY_DATE = dt.date(2000, 6, 15)
REF_GRANULARITIES = {"day", "week", "weekend", "month", "quarter", "half", "season", "year"}


@dataclass
class Normalised:
    """A TIMEX3 reading: either a fixed ``value`` or a temporal ``function`` to evaluate."""

    type: str
    value: str | None = None
    function: str | None = None
    mod: str | None = None
    remember: bool = True  # becomes the date last mentioned (comparisons like "a year ago" do not)


@dataclass
class Context:
    """What the normaliser knows while reading one text left to right."""

    text: str
    grammar: Grammar
    doc: Doc | None = None
    ref: str | None = None  # temporal function of the date last mentioned
    ref_gran: str | None = None
    dry: bool = False  # choosing among matches: readings that need the last date are allowed
    tense_cache: dict[tuple[int, int], str] = field(default_factory=dict)

    def tense(self, cand: Candidate) -> str:
        key = (cand.start, cand.end)
        if key not in self.tense_cache:
            self.tense_cache[key] = clause_tense(self.text, cand.start, cand.end, self.grammar.lex, self.doc)
        return self.tense_cache[key]

    def anchor(self, gran: str | None = None) -> str:
        """The function of the date last mentioned (any, or of granularity ``gran``), else DCT."""
        if self.ref is not None and (gran is None or self.ref_gran == gran):
            return self.ref
        return "DCT"

    def remember(self, function: str) -> None:
        point = calendar.evaluate_point(function, _PROXY_DATE, self.grammar.lex.holiday)
        if point is not None and point.gran in REF_GRANULARITIES:
            self.ref = function
            self.ref_gran = point.gran


def _clean(word: str | None) -> str:
    return re.sub(r"\s+", " ", word or "").strip().lower()


def _year(groups: dict[str, str], ctx: Context) -> int | None:
    """A year from digits (two-digit years pivot at 50) or words ("nineteen ninety-seven")."""
    for key in ("year", "year2", "year3", "year4"):
        if key in groups:
            digits = groups[key]
            if len(digits) == 2:
                yy = int(digits)
                return 2000 + yy if yy < 50 else 1900 + yy
            return int(digits)
    if "yy" in groups:
        yy = int(groups["yy"])
        return 2000 + yy if yy < 50 else 1900 + yy
    if "yearw" in groups:
        return year_from_words(groups["yearw"], ctx.grammar)
    return None


def year_from_words(words: str, grammar: Grammar) -> int | None:
    """ "nineteen ninety-seven" -> 1997, "two thousand and one" -> 2001."""
    lex = grammar.lex
    text = _clean(words).replace("-", " ")
    text = re.sub(r"\boh ", "", text)
    m = re.match(r"(nineteen|eighteen|twenty) (?:hundred(?: and)? )?(.+)$", text)
    if m and not text.startswith("twenty thousand"):
        century = lex.numbers.get(m.group(1))
        rest = lex.number(m.group(2))
        if century is None or rest is None or rest >= 100:
            return None
        return century * 100 + rest
    value = lex.number(text)
    return value if value is not None and 1000 <= value <= 2999 else None


def _direction(dir_word: str, tense: str, default: str, lean: bool = False) -> str:
    """The calendar direction for a weekday, month or holiday from its modifier or the tense;
    ``lean``: the tense only leans (a date more than about nine months away loses to the nearest)."""
    if dir_word in ("last", "this past", "the previous", "previous", "the last", "the past", "past"):
        return "<<"
    if dir_word in ("next", "the following", "following", "the coming", "coming", "this coming"):
        return ">>" if dir_word in ("next", "the following", "following") else ">"
    if dir_word in ("this",):
        return "<" if tense == PAST else ">"
    if tense == PAST:
        return "<~" if lean else "<"
    if tense == FUTURE:
        return ">~" if lean else ">"
    return default


def _anchor_for(dir_word: str, ctx: Context) -> str:
    return ctx.anchor("day") if dir_word in ("the previous", "previous", "the following", "following", "that",
                                             "the same") else "DCT"


# ---------------------------------------------------------------------------------------------
# point: calendar dates, weekdays, months, holidays, seasons, years, clock times


def _clock(groups: dict[str, str], ctx: Context) -> str | None:
    """ "HH:MM" from a clock time, or None when there is none or it is impossible."""
    lex = ctx.grammar.lex
    if "noon" in groups:
        return lex.parts_of_day.get(_clean(groups["noon"]), "12:00")
    hour_text = groups.get("hour") or groups.get("hour24") or groups.get("hourw")
    if hour_text is None:
        return None
    hour = int(hour_text) if hour_text.isdigit() else lex.number(hour_text)
    minute = int(groups.get("minute") or groups.get("minute24") or 0)
    if hour is None or minute > 59:
        return None
    ampm = _clean(groups.get("ampm")).replace(".", "")
    pod = _clean(groups.get("pod"))
    if ampm:
        if not 1 <= hour <= 12:
            return None
        if ampm.startswith("p") and hour != 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
    elif pod in ("afternoon", "evening") and hour < 12:
        hour += 12
    if hour > 24:
        return None
    return f"{hour:02d}:{minute:02d}"


def norm_point(cand: Candidate, ctx: Context) -> Normalised | None:
    g, lex = cand.groups, ctx.grammar.lex
    dir_word = _clean(g.get("dir"))
    clock = _clock(g, ctx)
    pod_code = None
    if "pod" in g and clock is None:
        pod_code = lex.parts_of_day.get(_clean(g["pod"]))
    if cand.rule.params.get("time"):
        pod_code = str(cand.rule.params["time"])
    year = _year(g, ctx)
    month_text = g.get("month") or g.get("month2")
    month = lex.months.get(_clean(month_text).rstrip(".")) if month_text else None
    if "month_num" in g:
        month = int(g["month_num"])
    day: int | None = None
    if "day" in g or "day2" in g:
        day = int(g.get("day") or g["day2"])
    elif "day_ord" in g:
        day = lex.ordinal(g["day_ord"])
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= 31:
        return None
    if month is not None and day is not None:
        try:
            dt.date(year or 2000, month, day)  # 2000 is a leap year: Feb 29 stays possible
        except ValueError:
            return None
    weekday = lex.weekdays.get(_clean(g.get("weekday"))) if "weekday" in g else None
    if year is not None and not 1000 <= year <= 2999:
        return None

    function: str | None = None
    if year is not None and month is not None and day is not None:
        function = f"{year:04d}-{month:02d}-{day:02d}"
    elif month is not None and day is not None:
        if "yearrel" in g:
            offset = {"this": 0, "last": -1, "next": 1}[_clean(g["yearrel"])]
            function = f"DCT {offset:+d}Y D={month:02d}-{day:02d}"
        else:
            function = f"DCT D{_direction(dir_word, ctx.tense(cand), '~', lean=True)}{month:02d}-{day:02d}"
            if dir_word == "this past":
                function = f"DCT D<{month:02d}-{day:02d}"
    elif year is not None and month is not None:
        function = f"{year:04d}-{month:02d}"
    elif month is not None:
        if "yearrel" in g:
            offset = {"this": 0, "last": -1, "next": 1}[_clean(g["yearrel"])]
            function = f"DCT {offset:+d}Y M={month:02d}"
        elif dir_word in ("this",):
            function = f"DCT M={month:02d}"
        elif dir_word in ("that", "the same"):
            function = f"{ctx.anchor()} M={month:02d}"
        else:
            function = f"DCT M{_direction(dir_word, ctx.tense(cand), '~', lean=True)}{month:02d}"
    elif weekday is not None:
        anchor = _anchor_for(dir_word, ctx)
        direction = _direction(dir_word, ctx.tense(cand), "<")
        if anchor != "DCT" and dir_word in ("that", "the same"):
            direction = ">"
        function = f"{anchor} W{direction}{weekday}"
    elif "holiday" in g:
        key = lex.holiday_keys.get(_clean(g["holiday"]))
        if key is None:
            return None
        if year is not None:
            found = lex.holiday(key, year)
            function = found.isoformat() if found else None
        else:
            function = f"DCT X{_direction(dir_word, ctx.tense(cand), '~', lean=True)}{key.replace(' ', '_')}"
    elif "season" in g:
        code = lex.seasons.get(_clean(g["season"]))
        if code is None:
            return None
        if year is not None:
            function = f"{year:04d}-{code}"
        elif dir_word in ("this",):
            function = f"DCT S={code}"
        else:
            function = f"DCT S{_direction(dir_word, ctx.tense(cand), '<')}{code}"
    elif "rel" in g:
        spec = ctx.grammar.relative_days.get(_clean(g["rel"]))
        if spec is None:
            return None
        function = f"DCT {int(spec.get('offset', 0)):+d}D"
        if spec.get("time") and pod_code is None and clock is None:
            pod_code = str(spec["time"])
    elif year is not None:
        function = f"{year:04d}"
    elif clock is not None or pod_code is not None:
        function = ctx.anchor("day")
    if function is None:
        return None
    kind = "DATE"
    if clock is not None:
        function += f" T:{clock}"
        kind = "TIME"
    elif pod_code is not None:
        function += f" T:{pod_code}"
        # TimeBank and AQUAINT type a named day with a part of it ("Friday night") as DATE,
        # "this morning" and "last night" as TIME
        kind = "DATE" if weekday is not None or month is not None else "TIME"
    mod = cand.rule.params.get("mod") or ("START" if "early" in g else None)
    return Normalised(kind, function=function, mod=mod)


# ---------------------------------------------------------------------------------------------
# relative units: "last week", "this year", "the following month", "that day"

_UNIT_CODES = {
    "day": "D", "week": "W", "month": "M", "year": "Y", "fiscal year": "Y", "calendar year": "Y",
    "quarter": "Q", "fiscal quarter": "Q", "half": "H", "decade": "E", "century": "C",
    "morning": "D", "afternoon": "D", "evening": "D", "night": "D",
}


def norm_relative(cand: Candidate, ctx: Context) -> Normalised | None:
    g = cand.groups
    dir_word = _clean(g.get("dir"))
    unit_word = _clean(g.get("unit"))
    spec = ctx.grammar.relative_words.get(dir_word, {"offset": 0} if not dir_word else None)
    if spec is None:
        return None
    offset = int(spec.get("offset", 0))
    anchor = ctx.anchor() if spec.get("anchor") == "REF" else "DCT"
    if unit_word == "weekend":
        if not dir_word:
            direction = ">" if ctx.tense(cand) == FUTURE else "<"
        elif offset < 0:
            direction = "<<" if dir_word in ("last", "the last", "previous", "the previous") else "<"
        elif offset > 0:
            direction = ">>" if dir_word in ("next", "the next", "following", "the following") else ">"
        else:
            direction = "<" if ctx.tense(cand) == PAST else ">"
        return Normalised("DATE", function=f"{anchor} WE{direction}")
    unit = _UNIT_CODES.get(unit_word)
    if unit is None:
        return None
    if unit in ("E", "C") and dir_word in ("the past", "past", "the last", "last"):
        return Normalised("DURATION", value="P10Y" if unit == "E" else "P100Y")  # "the past decade"
    if unit == "D" and dir_word in ("the next", "next"):
        anchor = ctx.anchor()  # "the next day", "the next morning": after the date last mentioned
    if unit == "D" and dir_word in ("past", "the past", "last", "the last") and unit_word == "day":
        return Normalised("DURATION", value="P1D")
    latest = dir_word in ("latest", "the latest", "most recent", "the most recent")
    if unit == "Q" and latest and ctx.ref_gran == "quarter":
        return Normalised("DATE", function=ctx.anchor())
    function = f"{anchor} {offset:+d}{unit}"
    if unit_word in ("morning", "afternoon", "evening", "night"):
        if anchor == "DCT" and offset == -1 and unit_word == "night":
            pass  # "last night" -> yesterday night
        elif anchor == "DCT" and offset < 0:
            return None
        pod = ctx.grammar.lex.parts_of_day[unit_word]
        return Normalised("TIME", function=f"{function} T:{pod}")
    return Normalised("DATE", function=function)


# ---------------------------------------------------------------------------------------------
# periods: "for the year", "the full year", "the year ended Sept. 30", "year-end"


def norm_period(cand: Candidate, ctx: Context) -> Normalised | None:
    g = cand.groups
    unit = _UNIT_CODES.get(_clean(g.get("unit")))
    if unit is None:
        return None
    if "ended" in g and g["ended"] == "" and ctx.text[cand.end : cand.end + 2] != "'s":
        return Normalised("DURATION", value=f"P1{unit}")
    phrase = _clean(ctx.text[cand.start : cand.end])
    anchor = ctx.anchor() if phrase.startswith("that ") or cand.rule.params.get("anchor") == "REF" else "DCT"
    if unit == "D" and anchor == "DCT" and not phrase.startswith("that ") and "modw" not in g:
        return None
    mod = cand.rule.params.get("mod")
    if "modw" in g:
        mod = "START" if _clean(g["modw"]).startswith("earl") else "END"
    return Normalised("DATE", function=f"{anchor} +0{unit}", mod=mod)


# ---------------------------------------------------------------------------------------------
# offsets: "three days later", "two weeks ago", "a year earlier", "the day before"

_BACKWARD = {"ago", "earlier", "before", "prior", "previously", "back"}
_FROM_DCT = {"ago", "from now", "hence", "back"}


def _count(groups: dict[str, str], ctx: Context) -> int | None:
    if "num" in groups:
        return ctx.grammar.lex.number(groups["num"])
    return None


def norm_offset(cand: Candidate, ctx: Context) -> Normalised | None:
    g, lex = cand.groups, ctx.grammar.lex
    word = _clean(g.get("ago"))
    if word == "since":
        return None
    backward = word in _BACKWARD
    unit_info = lex.unit(g.get("unit", ""))
    if unit_info is None:
        return None
    unit, factor, is_time = unit_info
    if "vague" in g:
        return Normalised("DATE", value="PAST_REF" if backward else "FUTURE_REF")
    n = _count(g, ctx) if "num" in g else 1
    if n is None:
        return None
    n *= factor
    sign = -1 if backward else 1
    from_dct = word in _FROM_DCT
    anchor = "DCT" if from_dct else ctx.anchor()
    if is_time or unit == "WE":
        return Normalised("DATE", function=anchor if anchor == "DCT" else ctx.anchor("day"))
    if unit == "Y" and backward and ctx.ref_gran in ("quarter", "half"):
        # "profit rose from $5 million a year earlier": the same quarter a year before
        return Normalised("DATE", function=f"{ctx.anchor()} {sign * n:+d}Y=", remember=False)
    if unit == "Y" and not from_dct and ctx.ref_gran not in ("day", "week", "weekend", "month"):
        anchor = "DCT"  # "a year earlier" than a year: counted from the publication date
    return Normalised("DATE", function=f"{anchor} {sign * n:+d}{unit}", remember=unit != "Y")


# ---------------------------------------------------------------------------------------------
# durations: "30-day", "the past six months", "several years", "two and a half hours"

_HALF = {"Y": (6, "M", False), "M": (15, "D", False), "D": (12, "H", True), "H": (30, "M", True),
         "minute": (30, "S", True), "W": (3, "D", False)}


def _duration_value(n: int | None, unit: str, is_time: bool, half: bool = False) -> str:
    count = "X" if n is None else str(n)
    if unit == "WE":
        return f"P{count}WE"
    value = f"P{'T' if is_time else ''}{count}{unit}"
    if half and n is not None:
        key = "minute" if unit == "M" and is_time else unit
        extra = _HALF.get(key)
        if extra:
            amount, small, small_is_time = extra
            if n == 0:
                value = f"P{'T' if small_is_time else ''}{amount}{small}"
            elif small_is_time and not is_time:
                value += f"T{amount}{small}"
            else:
                value += f"{amount}{small}"
    return value


_ARTICLE_CONTEXT = re.compile(
    r"(?:\b(?:for|in|within|than|over|about|nearly|almost|least|after|past|last|next|first|only|just|"
    r"barely|another|the|of|taking|take|takes|took|lasting|lasted|last|spent|spend|spending|under|"
    r"up to|around|some|to|as|nearly|almost)\s+)$",
    re.IGNORECASE,
)


def norm_duration(cand: Candidate, ctx: Context) -> Normalised | None:
    g, lex = cand.groups, ctx.grammar.lex
    unit_info = lex.unit(g.get("unit") or g.get("unit2") or "")
    if unit_info is None:
        return None
    unit, factor, is_time = unit_info
    half = bool(g.get("frac") or g.get("frac2") or cand.rule.params.get("half"))
    if cand.rule.params.get("vague") or "vague" in g:
        if factor == 10:
            return Normalised("DURATION", value="PXE")
        if factor == 100:
            return Normalised("DURATION", value="PXC")
        return Normalised("DURATION", value=_duration_value(None, unit, is_time))
    if cand.rule.params.get("half"):
        n: int | None = 0
    elif cand.rule.params.get("one"):
        n = 1
    else:
        n = _count(g, ctx)
        if n is None:
            return None
        num_word = _clean(g.get("num"))
        if re.fullmatch(r"(?:19|20)\d\d", num_word) and not _clean(g.get("unit")).endswith("s"):
            return None  # "the 2020 calendar year" names a year
        if num_word in ("a", "an") and "the" not in g and "which2" not in g:
            before = ctx.text[max(0, cand.start - 20) : cand.start]
            if not _ARTICLE_CONTEXT.search(before):
                return None
    if unit == "Q" and re.match(r"\s+of\b", ctx.text[cand.end : cand.end + 5]):
        return None  # "a quarter of the market" is a fraction
    if n is not None:
        n *= factor
    return Normalised("DURATION", value=_duration_value(n, unit, is_time, half))


# ---------------------------------------------------------------------------------------------
# sets: "every Friday", "daily", "each year", "twice a week"


def _in_a_name(text: str, start: int, end: int) -> bool:
    """A capitalised word beside another capitalised word, as in a title or a name."""
    if not text[start:start + 1].isupper():
        return False
    before = re.search(r"([A-Za-z]+)\W{1,2}$", text[max(0, start - 30) : start])
    after = re.match(r"\W{1,2}([A-Za-z]+)", text[end : end + 30])
    return bool((before and before.group(1)[0].isupper()) or (after and after.group(1)[0].isupper()))


def norm_set(cand: Candidate, ctx: Context) -> Normalised | None:
    g, lex = cand.groups, ctx.grammar.lex
    if "freq" in g:
        if _in_a_name(ctx.text, cand.start, cand.end):
            return None  # "China Daily", "Business Weekly"
        value = ctx.grammar.frequencies.get(_clean(g["freq"]))
        return Normalised("SET", value=value) if value else None
    pod = lex.parts_of_day.get(_clean(g.get("pod"))) if "pod" in g else None
    if "weekday" in g:
        weekday = lex.weekdays.get(_clean(g["weekday"]))
        if weekday is None:
            return None
        return Normalised("SET", value=f"XXXX-WXX-{weekday}" + (f"T{pod}" if pod else ""))
    if "month" in g:
        month = lex.months.get(_clean(g["month"]).rstrip("."))
        return Normalised("SET", value=f"XXXX-{month:02d}") if month else None
    if "unit" in g:
        unit_info = lex.unit(g["unit"])
        if unit_info is None:
            return None
        unit, factor, is_time = unit_info
        n = _count(g, ctx) if "num" in g else 1
        if n is None:
            return None
        if "other" in _clean(ctx.text[cand.start : cand.end]).split():
            n *= 2
        return Normalised("SET", value=_duration_value(n * factor, unit, is_time))
    if pod:
        return Normalised("SET", value=f"XXXX-XX-XXT{pod}")
    return None


# ---------------------------------------------------------------------------------------------
# vague references: "now", "recently", "the future"


def norm_fuzzy(cand: Candidate, ctx: Context) -> Normalised | None:
    lex = ctx.grammar.lex
    phrase = _clean(cand.groups.get("fuzzy"))
    value = lex.fuzzy.get(phrase)
    if value is None:
        return None
    before_words = re.findall(r"[\w']+", ctx.text[max(0, cand.start - 20) : cand.start].lower())
    after_text = ctx.text[cand.end : cand.end + 30].lower()
    if before_words and before_words[-1] in lex.fuzzy_blockers_before:
        return None
    after_words = re.findall(r"[\w']+|'s", after_text)
    if after_words:
        first = after_words[0]
        two = " ".join(after_words[:2])
        if first in lex.fuzzy_blockers_after or two in lex.fuzzy_blockers_after or after_text.startswith("'s"):
            return None
    return Normalised("DATE", value=value)


# ---------------------------------------------------------------------------------------------
# quarters and halves: "the third quarter", "third-quarter", "the year-ago quarter", "Q3 2024"

_QUARTER_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def norm_quarter(cand: Candidate, ctx: Context) -> Normalised | None:
    g = cand.groups
    which = cand.rule.params.get("which")
    qunit = _clean(g.get("qunit") or g.get("qunit2"))
    qord = _clean(g.get("qord"))
    year = _year(g, ctx)
    if "qnum" in g:
        letter, number = g["qnum"][0].upper(), int(g["qnum"][1])
        qunit = "half" if letter == "H" else "quarter"
        qord = {1: "first", 2: "second", 3: "third", 4: "fourth"}[number]
    letter = "H" if qunit == "half" else "Q"
    if which == "ordinal":
        if qunit == "period":
            return None
        if qord in ("last", "final"):
            n = 2 if letter == "H" else 4
            if year is None and "yearrel" not in g and "yearrel2" not in g and qord == "last":
                return Normalised("DATE", function=f"DCT -1{letter}")
        else:
            n = _QUARTER_ORDINALS.get(qord, 0)
        if not 1 <= n <= (2 if letter == "H" else 4):
            return None
        if year is not None:
            return Normalised("DATE", function=f"{year:04d}-{letter}{n}")
        rel = _clean(g.get("yearrel") or g.get("yearrel2")) or ("this" if "theyear" in g else "")
        if rel:
            offset = {"this": 0, "last": -1, "next": 1}[rel]
            return Normalised("DATE", function=f"DCT {offset:+d}Y {letter}={n}")
        if _clean(g.get("dir")) == "current":
            return Normalised("DATE", function=f"DCT {letter}={n}")
        # the latest such quarter: results are reported after a quarter ends, so the tense of
        # "will report third-quarter results" says nothing about which year
        return Normalised("DATE", function=f"DCT {letter}<{n}")
    if which == "reference":
        if ctx.dry:
            return Normalised("DATE", function="DCT")
        phrase = _clean(ctx.text[cand.start : cand.end])
        if qunit == "quarter" and re.match(r"(?:the )?(?:current|this)\b", phrase):
            return Normalised("DATE", function="DCT +0Q")
        if ctx.ref_gran in ("quarter", "half"):
            return Normalised("DATE", function=ctx.anchor())
        if qunit == "quarter" or re.match(r"(?:the )?(?:latest|most recent)\b", phrase):
            return Normalised("DATE", function="DCT -1Q")
        return None
    if which == "year_ago":
        if qunit in ("nine months", "six months"):
            return Normalised("DURATION", value="P9M" if qunit.startswith("nine") else "P6M")
        if qord in _QUARTER_ORDINALS:
            return Normalised("DATE", function=f"DCT -1Y {letter}={_QUARTER_ORDINALS[qord]}", remember=False)
        if ctx.ref_gran in ("quarter", "half", "month"):
            return Normalised("DATE", function=f"{ctx.anchor()} -1Y=", remember=False)
        if qunit == "quarter":
            return Normalised("DATE", function="DCT -1Q -1Y=", remember=False)
        return Normalised("DATE", function="DCT -1Y", remember=False)
    if which == "year_period":
        if year is None:
            return None
        if qord in _QUARTER_ORDINALS:
            return Normalised("DATE", function=f"{year:04d}-{letter}{_QUARTER_ORDINALS[qord]}")
        if ctx.ref is not None and ctx.ref_gran in ("quarter", "half"):
            point = calendar.evaluate_point(ctx.ref, _PROXY_DATE, ctx.grammar.lex.holiday)
            if point is not None:
                label = point.value()[4:]
                return Normalised("DATE", function=f"{year:04d}{label}")
        return Normalised("DATE", function=f"{year:04d}")
    return None


# ---------------------------------------------------------------------------------------------
# decades, centuries, ages

_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


def norm_decade(cand: Candidate, ctx: Context) -> Normalised | None:
    g = cand.groups
    if "decade" in g:
        return Normalised("DATE", value=g["decade"][:3])
    tens = int(g["decade2"][0]) if "decade2" in g else _DECADE_WORDS.get(_clean(g.get("decadeword")))
    if tens is None:
        return None
    century = 19 if tens >= 3 else 20  # "the '90s" -> 199, "the '20s" -> 202 (modern news)
    return Normalised("DATE", value=f"{century}{tens}")


def norm_century(cand: Candidate, ctx: Context) -> Normalised | None:
    g = cand.groups
    if "ord" in g:
        n = ctx.grammar.lex.ordinal(g["ord"])
        if n is None or not 1 <= n <= 30:
            return None
        return Normalised("DATE", value=f"{n - 1:02d}")
    digits = g.get("centuryyear") or g.get("centuryyear2")
    return Normalised("DATE", value=digits) if digits else None


def norm_age(cand: Candidate, ctx: Context) -> Normalised | None:
    """ "in its fourth year": more than three years have passed (less than one in its first)."""
    g, lex = cand.groups, ctx.grammar.lex
    n = lex.ordinal(g.get("ord", ""))
    unit_info = lex.unit(g.get("unit", ""))
    if n is None or n < 1 or unit_info is None:
        return None
    unit, _, is_time = unit_info
    if n == 1:
        return Normalised("DURATION", value=_duration_value(1, unit, is_time), mod="LESS_THAN")
    return Normalised("DURATION", value=_duration_value(n - 1, unit, is_time), mod="MORE_THAN")


NORMALISERS: dict[str, Callable[[Candidate, Context], Normalised | None]] = {
    "point": norm_point,
    "relative": norm_relative,
    "period": norm_period,
    "offset": norm_offset,
    "duration": norm_duration,
    "set": norm_set,
    "fuzzy": norm_fuzzy,
    "quarter": norm_quarter,
    "decade": norm_decade,
    "century": norm_century,
    "age": norm_age,
}


def normalise(cand: Candidate, ctx: Context) -> Normalised | None:
    """The TIMEX3 reading of one candidate, with the mod its modifier word gives."""
    normaliser = NORMALISERS.get(cand.rule.kind)
    if normaliser is None:
        return None
    result = normaliser(cand, ctx)
    if result is None:
        return None
    if cand.mod_word:
        lex = ctx.grammar.lex
        word = cand.mod_word.rstrip("-") if cand.mod_word.endswith("-") else cand.mod_word
        table = lex.duration_modifiers if result.type == "DURATION" else lex.point_modifiers
        result.mod = table.get(word) or table.get(word + "-") or result.mod
    return result
