"""Times: temporal expressions found in text and normalised to TIMEX3 values.

``find_times(text, published, doc)`` finds dates, times, durations and sets and gives each its
TIMEX3 type and value relative to the publication date: "on Tuesday" in a Tuesday story is that
day, "will meet on Friday" the next Friday, "three days later" counts from the date last
mentioned. Without a publication date the values that need one stay underspecified
(``XXXX-WXX-2``); the record's ``rule`` keeps the temporal function in brackets
(``weekday [DCT W<2]``) so that ``resolve_record`` gives, once the date is known, exactly what
``find_times`` would have given with it.

The grammar is data: ``eventwire/data/times/lexicon.yaml`` (words) and ``rules.yaml`` (patterns).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Doc

from ..records import TimeRecord
from . import calendar
from .grammar import Candidate, Grammar, load_grammar
from .normalise import Context, normalise

log = logging.getLogger(__name__)

__all__ = ["find_times", "function_of", "resolve", "resolve_record"]

_FUNCTION_IN_RULE = re.compile(r"\[(.+)\]\s*$")
_UNDERSPECIFIED_DEFAULTS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    # (underspecified value, function to use when no function was kept): news defaults
    (re.compile(r"XXXX-WXX-([1-7])(T\w+)?"), lambda m: f"DCT W<{m[1]}" + (f" T:{m[2][1:]}" if m[2] else "")),
    (re.compile(r"XXXX-(\d\d-\d\d)(T\w+)?"), lambda m: f"DCT D~{m[1]}" + (f" T:{m[2][1:]}" if m[2] else "")),
    (re.compile(r"XXXX-(\d\d)"), lambda m: f"DCT M~{m[1]}"),
    (re.compile(r"XXXX-Q([1-4])"), lambda m: f"DCT Q<{m[1]}"),
    (re.compile(r"XXXX-H([12])"), lambda m: f"DCT H<{m[1]}"),
    (re.compile(r"XXXX-(SP|SU|FA|WI)"), lambda m: f"DCT S<{m[1]}"),
]


def find_times(text: str, published: dt.date | None, doc: Doc | None = None) -> list[TimeRecord]:
    """Temporal expressions in ``text`` with TIMEX3 values relative to ``published``.

    Ids are "T1", "T2", ... in text order. ``doc`` (a spaCy parse of the same text) sharpens the
    tense of the clause a bare weekday or month sits in; without it a text heuristic decides.
    Never raises: a part that fails is logged and skipped.
    """
    if not isinstance(text, str) or not text:
        return []
    if doc is not None and doc.text != text:
        doc = None
    try:
        grammar = load_grammar()
        trial = Context(text=text, grammar=grammar, doc=doc, dry=True)
        candidates = grammar.scan(text, accept=lambda c: _normalises(c, trial))
    except Exception:  # a broken user rule file must not kill the batch
        log.exception("time grammar failed on a text of %d characters", len(text))
        return []
    ctx = Context(text=text, grammar=grammar, doc=doc, tense_cache=trial.tense_cache)
    records: list[TimeRecord] = []
    for cand in candidates:
        try:
            record = _record(cand, ctx, grammar, published)
        except Exception:
            log.warning("could not normalise %r", text[cand.start : cand.end], exc_info=True)
            continue
        if record is not None:
            record.id = f"T{len(records) + 1}"
            records.append(record)
    return records


def _normalises(cand: Candidate, ctx: Context) -> bool:
    """Whether a match reads as a time expression at all (before the date last mentioned is known)."""
    try:
        return normalise(cand, ctx) is not None
    except Exception:
        log.warning("could not normalise %r", ctx.text[cand.start : cand.end], exc_info=True)
        return False


def _record(cand: Candidate, ctx: Context, grammar: Grammar, published: dt.date | None) -> TimeRecord | None:
    result = normalise(cand, ctx)
    if result is None:
        return None
    rule = cand.rule.name
    if result.function is not None:
        value = calendar.evaluate(result.function, published, grammar.lex.holiday)
        if value is None:
            return None
        if result.type in ("DATE", "TIME") and result.remember:
            ctx.remember(result.function)
        if result.function != value:
            rule = f"{rule} [{result.function}]"
    else:
        value = result.value
    if not value:
        return None
    return TimeRecord(
        text=ctx.text[cand.start : cand.end],
        span=(cand.start, cand.end),
        type=result.type,
        value=value,
        mod=result.mod,
        rule=rule,
    )


def function_of(record: TimeRecord) -> str | None:
    """The temporal function a record's value came from, when it depends on a date."""
    m = _FUNCTION_IN_RULE.search(record.rule or "")
    return m.group(1) if m else None


def resolve(value: str, published: dt.date, function: str | None = None, type: str = "DATE") -> str:
    """Resolve an underspecified value once the publication date is known.

    With the record's ``function`` (see ``function_of``) the result is exactly what
    ``find_times`` gives for that date. Without it, news defaults apply: a weekday is the most
    recent one (``XXXX-WXX-2`` -> the last Tuesday on or before ``published``), a day or month
    without a year the nearest one. Values that need no date, and sets (``XXXX-WXX-2`` is
    "every Tuesday" when ``type`` is SET), come back unchanged.
    """
    if type in ("SET", "DURATION"):
        return value
    holidays = load_grammar().lex.holiday
    if function:
        resolved = calendar.evaluate(function, published, holidays)
        return resolved if resolved is not None else value
    for pattern, make in _UNDERSPECIFIED_DEFAULTS:
        m = pattern.fullmatch(value)
        if m:
            resolved = calendar.evaluate(make(m), published, holidays)
            return resolved if resolved is not None else value
    return value


def resolve_record(record: TimeRecord, published: dt.date) -> TimeRecord:
    """A copy of ``record`` with its value resolved against ``published``."""
    return replace(record, value=resolve(record.value, published, function_of(record), record.type))
