"""The words of the time grammar, read from ``eventwire/data/times/lexicon.yaml``.

The lexicon gives two things: lookup tables (word -> month number, unit code, mod ...) for the
normaliser, and regular-expression alternations (``{MONTH}``, ``{NUMBER}`` ...) that the rules in
``rules.yaml`` are written with. Users extend it with their own YAML file in the same format:
lists are appended to, mappings updated.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "times"


def _alternation(words: Iterable[str], flexible_space: bool = True) -> str:
    """A non-capturing alternation, longest first so that "Thursday" wins over "Thurs"."""
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    escaped = []
    for word in unique:
        piece = re.escape(word)
        if flexible_space:
            piece = piece.replace(r"\ ", r"\s+")
        escaped.append(piece)
    return "(?:" + "|".join(escaped) + ")" if escaped else "(?!)"


def _case_variants(name: str, capitalised: bool) -> list[str]:
    variants = [name, name.upper()]
    if not capitalised:
        variants.append(name.lower())
    return variants


def _case_sensitive(words: Iterable[str]) -> str:
    return "(?-i:" + _alternation(words) + ")"


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    for key, value in extra.items():
        if isinstance(value, list) and isinstance(base.get(key), list):
            base[key] = base[key] + value
        elif isinstance(value, dict) and isinstance(base.get(key), dict):
            base[key] = {**base[key], **value}
        else:
            base[key] = value
    return base


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month = (h + ell - 7 * m + 114) // 31
    day = (h + ell - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


@dataclass
class Lexicon:
    """Lookup tables and regex alternations built from the YAML word lists."""

    months: dict[str, int] = field(default_factory=dict)  # lower-cased name/abbreviation -> 1..12
    weekdays: dict[str, int] = field(default_factory=dict)  # lower-cased -> 1..7 (Monday = 1)
    numbers: dict[str, int] = field(default_factory=dict)
    multipliers: dict[str, int] = field(default_factory=dict)
    vague_numbers: set[str] = field(default_factory=set)
    ordinals: dict[str, int] = field(default_factory=dict)
    units: dict[str, tuple[str, int, bool]] = field(default_factory=dict)  # form -> (unit, factor, time)
    parts_of_day: dict[str, str] = field(default_factory=dict)
    seasons: dict[str, str] = field(default_factory=dict)
    point_modifiers: dict[str, str] = field(default_factory=dict)
    duration_modifiers: dict[str, str] = field(default_factory=dict)
    include_in_extent: set[str] = field(default_factory=set)
    fuzzy: dict[str, str] = field(default_factory=dict)
    fuzzy_blockers_before: set[str] = field(default_factory=set)
    fuzzy_blockers_after: set[str] = field(default_factory=set)
    holidays: dict[str, dict[str, int]] = field(default_factory=dict)  # lower-cased name -> spec
    holiday_keys: dict[str, str] = field(default_factory=dict)  # lower-cased name -> canonical key
    time_zones: list[str] = field(default_factory=list)
    future_cues: set[str] = field(default_factory=set)
    future_phrases: list[str] = field(default_factory=list)
    past_cues: set[str] = field(default_factory=set)
    not_past: set[str] = field(default_factory=set)
    patterns: dict[str, str] = field(default_factory=dict)  # placeholder -> regex alternation

    def number(self, text: str) -> int | None:
        """The value of a number written in digits or words ("30", "twenty-four", "a hundred")."""
        words = re.sub(r"\s+", " ", text.strip().lower().replace(",", ""))
        if not words:
            return None
        if re.fullmatch(r"\d+", words):
            return int(words)
        if words in self.numbers:
            return self.numbers[words]
        total, current = 0, 0
        for word in re.split(r"[\s-]+", words):
            if word == "and":
                continue
            if word in self.numbers:
                current += self.numbers[word]
            elif word in self.multipliers:
                current = max(current, 1) * self.multipliers[word]
                if self.multipliers[word] >= 1000:
                    total, current = total + current, 0
            elif word.isdigit():
                current += int(word)
            else:
                return None
        return total + current

    def ordinal(self, text: str) -> int | None:
        word = re.sub(r"\s+", " ", text.strip().lower())
        if word in self.ordinals:
            return self.ordinals[word]
        m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)?", word)
        return int(m.group(1)) if m else None

    def unit(self, text: str) -> tuple[str, int, bool] | None:
        return self.units.get(re.sub(r"\s+", " ", text.strip().lower()))

    def holiday(self, name: str, year: int) -> dt.date | None:
        """The date of a named holiday in ``year`` (None for unknown names or impossible dates)."""
        spec = self.holidays.get(name.replace("_", " ").lower())
        if spec is None:
            return None
        try:
            if "easter" in spec:
                return _easter(year) + dt.timedelta(days=spec["easter"])
            if "day" in spec:
                return dt.date(year, spec["month"], spec["day"])
            weekday, nth = spec["weekday"] - 1, spec["nth"]
            if nth > 0:
                first = dt.date(year, spec["month"], 1 + spec.get("after_day", 0))
                offset = (weekday - first.weekday()) % 7
                return first + dt.timedelta(days=offset + 7 * (nth - 1))
            nxt = dt.date(year + (spec["month"] == 12), spec["month"] % 12 + 1, 1)
            last = nxt - dt.timedelta(days=1)
            return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
        except (ValueError, OverflowError, KeyError):
            return None


def build_lexicon(raw: dict[str, Any]) -> Lexicon:
    """Turn the YAML structure into lookup tables and regex alternations."""
    lex = Lexicon()
    month_names: list[str] = []
    month_free: list[str] = []
    month_abbr: list[str] = []
    for entry in raw.get("months", []):
        cap = bool(entry.get("capitalised"))
        for name in entry.get("names", []):
            lex.months[name.lower()] = entry["value"]
            month_names += _case_variants(name, cap)
            if not entry.get("needs_context"):
                month_free += _case_variants(name, cap)
        for abbr in entry.get("abbreviations", []):
            lex.months[abbr.lower()] = entry["value"]
            month_abbr += [abbr, abbr.upper()]
    weekday_names: list[str] = []
    weekday_abbr: list[str] = []
    for entry in raw.get("weekdays", []):
        for name in entry.get("names", []):
            lex.weekdays[name.lower()] = entry["value"]
            weekday_names += _case_variants(name, False)
        for abbr in entry.get("abbreviations", []):
            lex.weekdays[abbr.lower()] = entry["value"]
            weekday_abbr += [abbr, abbr.upper()]
    lex.numbers = {str(k).lower(): int(v) for k, v in (raw.get("numbers") or {}).items()}
    lex.multipliers = {str(k).lower(): int(v) for k, v in (raw.get("multipliers") or {}).items()}
    lex.vague_numbers = {w.lower() for w in raw.get("vague_numbers", [])}
    lex.ordinals = {str(k).lower(): int(v) for k, v in (raw.get("ordinals") or {}).items()}
    for entry in raw.get("units", []):
        for form in entry.get("forms", []):
            lex.units[form.lower()] = (entry["unit"], int(entry.get("factor", 1)), bool(entry.get("time")))
    lex.parts_of_day = {str(k).lower(): str(v) for k, v in (raw.get("parts_of_day") or {}).items()}
    lex.seasons = {str(k).lower(): str(v) for k, v in (raw.get("seasons") or {}).items()}
    lex.point_modifiers = {str(k).lower(): str(v) for k, v in (raw.get("point_modifiers") or {}).items()}
    lex.duration_modifiers = {str(k).lower(): str(v) for k, v in (raw.get("duration_modifiers") or {}).items()}
    lex.include_in_extent = {w.lower() for w in raw.get("include_in_extent", [])}
    lex.fuzzy = {str(k).lower(): str(v) for k, v in (raw.get("fuzzy") or {}).items()}
    blockers = raw.get("fuzzy_blockers") or {}
    lex.fuzzy_blockers_before = {str(w).lower() for w in blockers.get("before", [])}
    lex.fuzzy_blockers_after = {str(w).lower() for w in blockers.get("after", [])}
    holiday_names: list[str] = []
    for entry in raw.get("holidays", []):
        names = entry.get("names", [])
        spec = {k: v for k, v in entry.items() if k != "names"}
        for name in names:
            lex.holidays[name.lower()] = spec
            lex.holiday_keys[name.lower()] = names[0].lower()
            holiday_names += [name, name.upper()]
    lex.time_zones = list(raw.get("time_zones", []))
    cues = [str(w).lower() for w in raw.get("future_cues", [])]
    lex.future_cues = {w for w in cues if " " not in w}
    lex.future_phrases = [w for w in cues if " " in w]
    lex.past_cues = {str(w).lower() for w in raw.get("past_cues", [])}
    lex.not_past = {str(w).lower() for w in raw.get("not_past", [])}

    basic = [w for w, v in lex.numbers.items() if v < 20 and " " not in w]
    tens = [w for w, v in lex.numbers.items() if v >= 20 and v % 10 == 0 and v < 100]
    units_words = [w for w, v in lex.numbers.items() if 1 <= v <= 9 and w not in ("a", "an")]
    phrases = [w for w in lex.numbers if " " in w]
    small = f"(?:{_alternation(tens)}(?:[-\\s]{_alternation(units_words)})?|{_alternation(basic)})"
    mult = _alternation(lex.multipliers)
    number_words = (
        f"(?:{_alternation(phrases)}|{small}(?:[-\\s]{mult}(?:[-\\s](?:and\\s)?{small})?)?)"
    )
    digits = r"(?:\d{1,3}(?:,\d{3})+|\d+)"
    ordinal_words = _alternation(lex.ordinals)
    lex.patterns = {
        "MONTH": "(?:" + _case_sensitive(month_names) + "|" + _case_sensitive(month_abbr) + r"\.?)",
        "MONTH_FREE": _case_sensitive(month_free),
        "MONTH_NAME": _case_sensitive(month_names),
        "WEEKDAY": _case_sensitive(weekday_names),
        "WEEKDAY_ABBR": _case_sensitive(weekday_abbr) + r"\.?",
        "NUMWORD": number_words,
        "DIGITS": digits,
        "NUMBER": f"(?:{digits}(?:\\.\\d+)?|{number_words})",
        "VAGUE": _alternation(lex.vague_numbers),
        "ORDINAL": f"(?:{ordinal_words}|\\d{{1,2}}(?:st|nd|rd|th))",
        "UNIT": _alternation(lex.units),
        "UNIT_SINGULAR": _alternation(w for w in lex.units if not w.endswith("s") or w.endswith("ss")),
        "POD": _alternation(lex.parts_of_day),
        "SEASON": _alternation(lex.seasons),
        "HOLIDAY": _case_sensitive(holiday_names),
        "TZ": _case_sensitive(lex.time_zones),
        "FUZZY": _alternation(lex.fuzzy),
        "AMPM": r"(?:a\.m\.?|p\.m\.?|am\b|pm\b|A\.M\.?|P\.M\.?)",
    }
    return lex


@functools.lru_cache(maxsize=8)
def load_lexicon(extra: tuple[str, ...] = ()) -> Lexicon:
    """The lexicon from the package data, extended by the YAML files in ``extra``."""
    raw: dict[str, Any] = yaml.safe_load((DATA_DIR / "lexicon.yaml").read_text(encoding="utf-8")) or {}
    for path in extra:
        more = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        raw = _merge(raw, more)
    return build_lexicon(raw)
