"""Quotation marks: pair them over the whole text, paragraphs included.

News text mixes curly and straight marks, the NYT's doubled apostrophes (``''``), guillemets,
nested single quotes, and the journalistic convention for long quotes: every paragraph of a
multi-paragraph quote opens with a mark and only the last one closes. This module turns such text
into ``QuotedSegment`` spans with a small state machine run paragraph by paragraph, so an odd
number of marks never swallows the rest of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Double marks that can only open or only close; the straight mark and the doubled
# apostrophe are decided by their neighbours.
_OPENERS = {"“", "„", "«", "``", "‟"}
_CLOSERS = {"”", "»"}
_AMBIGUOUS = {'"', "''"}
_MARK_RE = re.compile(r"``|''|[“”„‟«»\"]")
# Single marks, used as primary quotes only in paragraphs without double marks (headlines,
# British style). An opener sits after a space or bracket; a closer is not inside a word.
_SINGLE_RE = re.compile(r"(?<![\w’'])[‘'](?=[\w“\"(])|(?<=[\w.,!?…)”\"])[’'](?![\w])")
_PARAGRAPH_RE = re.compile(r"[^\n]+")


@dataclass
class QuotedSegment:
    """A stretch of quoted text, marks included: ``[start, end)`` in the text."""

    start: int
    end: int
    closed: bool = True  # False: the paragraph ended before a closing mark
    continues: bool = False  # True: this segment continues the previous paragraph's quote

    def inner(self, text: str) -> tuple[int, int]:
        """The span without the marks themselves."""
        start, end = self.start, self.end
        match = _MARK_RE.match(text, start) or _SINGLE_RE.match(text, start)
        if match:
            start = match.end()
        if self.closed:
            for mark in ("''", "”", "»", '"', "’", "'"):
                if text.endswith(mark, start, end):
                    end -= len(mark)
                    break
        return start, end


def _looks_opening(text: str, start: int, end: int) -> bool:
    """A straight/ambiguous mark opens when it follows a space, bracket or dash and precedes a word."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return (before.isspace() or before in "([{—–-:/") and not after.isspace()


def _looks_closing(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isspace() and (after.isspace() or not after.isalnum())


def _pair_double(text: str, p_start: int, p_end: int, open_from_previous: bool) -> tuple[list[QuotedSegment], bool]:
    """Pair double marks inside one paragraph; return the segments and whether one is left open."""
    segments: list[QuotedSegment] = []
    depth = 0
    opened_at = -1
    marks = list(_MARK_RE.finditer(text, p_start, p_end))
    for match in marks:
        mark, m_start, m_end = match.group(), match.start(), match.end()
        if mark in _OPENERS:
            kind = "open"
            # a curly opener typed where a closer belongs ('done.“ Then')
            if depth and _looks_closing(text, m_start, m_end) and not _looks_opening(text, m_start, m_end):
                kind = "close"
        elif mark in _CLOSERS:
            kind = "close"
            # a closer typed as an opener ('”Fear. I am ...') outside any quote
            if not depth and _looks_opening(text, m_start, m_end) and not _looks_closing(text, m_start, m_end):
                kind = "open"
        else:
            opening, closing = _looks_opening(text, m_start, m_end), _looks_closing(text, m_start, m_end)
            if opening and not closing:
                kind = "open"
            elif closing and not opening:
                kind = "close"
            else:
                kind = "close" if depth else "open"
            if mark == "''" and kind == "open" and not opening:
                continue  # a doubled apostrophe inside a word is not a quote mark
            # Straight marks rarely nest: inside an open quote a straight mark closes it, unless
            # it plainly opens (a space before, a word after: 'shouted "Allahu Akbar!" as he')
            # and a closing straight mark follows in the paragraph for both levels.
            if depth and kind == "open" and mark == '"' and not (
                opening and not closing and _closers_ahead(text, m_end, p_end) >= depth + 1
            ):
                kind = "close"
        if kind == "open":
            if depth == 0:
                opened_at = m_start
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                segments.append(QuotedSegment(opened_at, m_end))
        elif not segments and open_from_previous and not text[p_start:m_start].count("“"):
            # A quote continued from the previous paragraph without a fresh opening mark.
            segments.append(QuotedSegment(p_start, m_end, continues=True))
        # any other stray closing mark is ignored
    if depth:
        segments.append(QuotedSegment(opened_at, p_end, closed=False))
        return segments, True
    return segments, False


def _closers_ahead(text: str, start: int, end: int) -> int:
    """Straight double marks after ``start`` in the paragraph that look like closers."""
    return sum(1 for m in re.finditer('"', text[start:end]) if _looks_closing(text, start + m.start(), start + m.end()))


def _pair_single(text: str, p_start: int, p_end: int) -> list[QuotedSegment]:
    """Pair single marks used as primary quotes (only for paragraphs without double marks)."""
    segments: list[QuotedSegment] = []
    opened_at = -1
    for match in _SINGLE_RE.finditer(text, p_start, p_end):
        mark, m_start, m_end = match.group(), match.start(), match.end()
        opening = mark in "‘'" and _looks_opening(text, m_start, m_end)
        if opened_at < 0 and opening:
            opened_at = m_start
        elif opened_at >= 0 and _looks_closing(text, m_start, m_end):
            if m_start - opened_at > 2:
                segments.append(QuotedSegment(opened_at, m_end))
            opened_at = -1
    return segments


def find_quoted_segments(text: str) -> list[QuotedSegment]:
    """All top-level quoted stretches of ``text``, in order; nested quotes stay inside their outer one."""
    segments: list[QuotedSegment] = []
    left_open = False
    for paragraph in _PARAGRAPH_RE.finditer(text):
        p_start, p_end = paragraph.start(), paragraph.end()
        while p_end > p_start and text[p_end - 1].isspace():
            p_end -= 1
        if p_end <= p_start:
            continue
        found, still_open = _pair_double(text, p_start, p_end, left_open)
        if not found and not still_open:
            found = _pair_single(text, p_start, p_end)
        if left_open and found and found[0].start == p_start + _leading_space(text, p_start):
            found[0].continues = True
        segments.extend(found)
        left_open = still_open
    return segments


def _leading_space(text: str, start: int) -> int:
    n = 0
    while start + n < len(text) and text[start + n] in " \t":
        n += 1
    return n
