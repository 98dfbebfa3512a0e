"""The time grammar: rules from ``eventwire/data/times/rules.yaml`` compiled to regexes.

``Grammar.scan`` finds every rule's matches, keeps the longest of overlapping ones (earlier rules
win ties) and widens each by the modifier words the lexicon lets into an extent ("late on
Monday", "at least 30 days", "mid-2024").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .lexicon import DATA_DIR, Lexicon, _alternation, load_lexicon

_PLACEHOLDER = re.compile(r"\{([A-Z_]+)\}")
WINDOW = 40


@dataclass
class Rule:
    """One rule of the grammar: a compiled pattern, its normaliser kind and its parameters."""

    name: str
    kind: str
    regex: re.Pattern[str]
    params: dict[str, Any] = field(default_factory=dict)
    not_before: re.Pattern[str] | None = None
    not_after: re.Pattern[str] | None = None
    priority: int = 0


@dataclass
class Candidate:
    """A stretch of text a rule matched: its extent, the groups it captured and any modifier."""

    rule: Rule
    start: int
    end: int
    groups: dict[str, str]
    mod_word: str | None = None


def _spaces(pattern: str) -> str:
    """Literal spaces outside character classes match any run of whitespace (" ?" optional)."""
    out: list[str] = []
    in_class = escaped = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif in_class:
            out.append(ch)
            if ch == "]":
                in_class = False
        elif ch == "[":
            out.append(ch)
            in_class = True
            if pattern[i + 1 : i + 2] == "]":
                out.append("]")
                i += 1
        elif ch == " ":
            if pattern[i + 1 : i + 2] == "?":
                out.append(r"\s*")
                i += 1
            else:
                out.append(r"\s+")
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def _year_words(lex: Lexicon) -> str:
    """Years said in words: "nineteen ninety-seven", "two thousand and one" (not "twenty six")."""
    tens = _alternation(w for w, v in lex.numbers.items() if 20 <= v < 100 and v % 10 == 0)
    units = _alternation(w for w, v in lex.numbers.items() if 1 <= v <= 9 and w not in ("a", "an"))
    teens = _alternation(w for w, v in lex.numbers.items() if 10 <= v < 20 and " " not in w and w != "dozen")
    basic = _alternation(w for w, v in lex.numbers.items() if 1 <= v < 20 and w not in ("a", "an") and " " not in w)
    two_digits = rf"(?:{tens}(?:[-\s]{units})?|{teens})"
    return (
        rf"(?:(?:nineteen|eighteen|twenty)[-\s](?:{two_digits}|hundred(?:\s+and)?\s+(?:{two_digits}|{basic})|oh[-\s]{units})"
        rf"|two\s+thousand(?:(?:\s+and)?\s+(?:{two_digits}|{basic}))?)"
    )


class Grammar:
    """The compiled rules with the lexicon they were built from."""

    def __init__(self, lex: Lexicon, raw: dict[str, Any]) -> None:
        self.lex = lex
        self.relative_words: dict[str, dict[str, Any]] = {
            str(k).lower(): dict(v) for k, v in (raw.get("relative_words") or {}).items()
        }
        self.relative_days: dict[str, dict[str, Any]] = {
            str(k).lower(): dict(v) for k, v in (raw.get("relative_days") or {}).items()
        }
        self.frequencies: dict[str, str] = {str(k).lower(): str(v) for k, v in (raw.get("frequencies") or {}).items()}
        day_dirs = ["last", "this", "next", "this past", "this coming", "the previous", "the following",
                    "previous", "following", "that", "the same", "coming", "past"]
        month_dirs = ["last", "this", "next", "this past", "this coming", "the previous", "the following",
                      "that", "the same", "the coming", "the last", "the past"]
        self.placeholders = dict(lex.patterns)
        self.placeholders.update(
            {
                "DIR": _alternation(self.relative_words),
                "DIR_DAY": _alternation(day_dirs),
                "DIR_MONTH": _alternation(month_dirs),
                "RELDAY": _alternation(self.relative_days),
                "YEARWORDS": _year_words(lex),
                "FREQ": _alternation(self.frequencies),
            }
        )
        self.rules: list[Rule] = []
        for priority, spec in enumerate(raw.get("rules") or []):
            self.rules.append(self._compile(spec, priority))
        mods = sorted(lex.include_in_extent, key=len, reverse=True)
        words = "|".join(re.escape(m).replace(r"\ ", r"\s+") for m in mods if not m.endswith("-"))
        self._modifier = re.compile(
            rf"(?:(?<![\w-])(?P<the>the\s+)?(?P<mod>{words})(?:\s+(?:on|in|of))?\s+|(?<![\w-])(?P<mod2>mid)-)$",
            re.IGNORECASE,
        )

    def _expand(self, pattern: str) -> str:
        def sub(m: re.Match[str]) -> str:
            name = m.group(1)
            if name not in self.placeholders:
                raise ValueError(f"unknown placeholder {{{name}}} in time rules")
            return self.placeholders[name]

        return _PLACEHOLDER.sub(sub, _spaces(pattern))

    def _compile(self, spec: dict[str, Any], priority: int) -> Rule:
        body = self._expand(spec["pattern"])
        regex = re.compile(rf"(?<![\w'’])(?:{body})(?!\w)", re.IGNORECASE)
        not_before = re.compile(f"(?:{spec['not_before']})", re.IGNORECASE) if spec.get("not_before") else None
        not_after = re.compile(spec["not_after"], re.IGNORECASE) if spec.get("not_after") else None
        params = {k: v for k, v in spec.items() if k not in ("name", "kind", "pattern", "not_before", "not_after")}
        return Rule(spec["name"], spec["kind"], regex, params, not_before, not_after, priority)

    def _matches(self, text: str) -> list[Candidate]:
        found: list[Candidate] = []
        for rule in self.rules:
            for m in rule.regex.finditer(text):
                if rule.not_before is not None:
                    window = text[max(0, m.start() - WINDOW) : m.start()]
                    if rule.not_before.search(window):
                        continue
                if rule.not_after is not None and rule.not_after.match(text[m.end() : m.end() + WINDOW]):
                    continue
                groups = {k: v for k, v in m.groupdict().items() if v is not None}
                start, end = m.span("t") if "t" in groups else m.span()
                if start == end:
                    continue
                found.append(Candidate(rule, start, end, groups))
        return found

    def scan(self, text: str, accept: Callable[[Candidate], bool] | None = None) -> list[Candidate]:
        """Non-overlapping candidates in text order, widened by modifiers.

        Among overlapping matches the longest wins (then the earlier rule); ``accept`` may
        refuse a winner (it does not normalise), and the next best match gets its place.
        """
        found = self._matches(text)
        found.sort(key=lambda c: (-(c.end - c.start), c.rule.priority, c.start))
        taken: list[Candidate] = []
        for cand in found:
            if any(cand.start < t.end and t.start < cand.end for t in taken):
                continue
            self._widen(text, cand, taken)
            if accept is not None and not accept(cand):
                continue
            taken.append(cand)
        taken.sort(key=lambda c: c.start)
        return taken

    @staticmethod
    def _takes_modifier(cand: Candidate, word: str) -> bool:
        """Sets take no modifier; "Earlier Friday" and "earlier this week" leave the adverb out
        (TimeBank and AQUAINT do), while "earlier this month" and "late on Monday" keep it."""
        if cand.rule.kind == "set":
            return False
        if word in ("earlier", "later"):
            unit = cand.groups.get("unit", "").lower()
            return "weekday" not in cand.groups and unit not in ("week", "weekend")
        return True

    def _widen(self, text: str, cand: Candidate, taken: list[Candidate]) -> None:
        """Take a modifier word just before the candidate into its extent ("late on Monday")."""
        limit = max([t.end for t in taken if t.end <= cand.start] + [cand.start - WINDOW, 0])
        window = text[limit : cand.start]
        m = self._modifier.search(window)
        if m is None:
            cand.mod_word = None
            return
        word = re.sub(r"\s+", " ", (m.group("mod") or m.group("mod2") or "").lower())
        if not self._takes_modifier(cand, word):
            cand.mod_word = None
            return
        if m.group("the") and cand.rule.kind in ("decade", "century"):
            offset = m.start("the")
        else:
            offset = m.start("mod") if m.group("mod") else m.start("mod2")
        cand.mod_word = word + ("-" if m.group("mod2") else "")
        cand.start = limit + offset


@functools.lru_cache(maxsize=8)
def load_grammar(extra_lexicon: tuple[str, ...] = (), rules_path: str | None = None) -> Grammar:
    """The grammar from the package's rules.yaml (or ``rules_path``) over the lexicon."""
    path = Path(rules_path) if rules_path else DATA_DIR / "rules.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return Grammar(load_lexicon(extra_lexicon), raw)
