"""Which way a bare weekday or month points: the tense of the clause around the expression.

"Lavrov said on Tuesday" is the most recent Tuesday; "the ministers will meet on Friday" is the
next Friday. With a spaCy Doc the governing verb decides (will/shall/modals, "to" + verb, VBD,
have + VBN); without one, the nearest tense cue in the clause does.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from .lexicon import Lexicon

PAST = "past"
FUTURE = "future"

_CLAUSE_END = re.compile(r"[.;!?\n]|[“”\"]")
_WORD = re.compile(r"[A-Za-z']+")
_FUTURE_MODALS = {"will", "shall", "'ll", "wo", "would", "could", "may", "might", "can", "must", "should"}


def _text_tense(text: str, start: int, end: int, lex: Lexicon) -> str:
    """Nearest tense cue in the same clause: left of the expression first, then right."""
    left = text[max(0, start - 200) : start]
    cut = None
    for m in _CLAUSE_END.finditer(left):
        cut = m.end()
    if cut is not None:
        left = left[cut:]
    right = text[end : end + 200]
    m2 = _CLAUSE_END.search(right)
    if m2:
        right = right[: m2.start()]
    tail = " ".join(left.lower().split()[-4:])
    for phrase in lex.future_phrases:
        if tail.endswith(phrase):
            return FUTURE
    left_words = _WORD.findall(left)[::-1][:12]
    right_words = _WORD.findall(right)[:8]
    for i, word in enumerate(left_words):
        found = _word_tense(word, lex, left_words[i + 1] if i + 1 < len(left_words) else "")
        if found:
            return found
    for i, word in enumerate(right_words):
        found = _word_tense(word, lex, right_words[i - 1] if i else "")
        if found:
            return found
    return ""


def _word_tense(word: str, lex: Lexicon, neighbour: str) -> str:
    """The tense one word signals: a cue from the lexicon, or a lower-case verb in -ed."""
    lower = word.lower()
    if lower in lex.future_cues:
        return FUTURE
    if lower in lex.past_cues:
        return PAST
    if (len(word) > 4 and word.endswith("ed") and word.islower() and lower not in lex.not_past
            and neighbour.lower() not in ("be", "is", "are", "will", "been", "being")):
        return PAST
    return ""


def _governing_verb(span: Span) -> Token | None:
    token: Token = span.root
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") and token.i not in range(span.start, span.end):
            return token
        if token.head is token:
            return token if token.pos_ in ("VERB", "AUX") else None
        token = token.head
    return None


def _doc_tense(doc: Doc, start: int, end: int, lex: Lexicon) -> str:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return ""
    verb = _governing_verb(span)
    if verb is None:
        return ""
    if verb.lemma_.lower() in lex.future_cues or verb.lower_ in lex.future_cues:
        return FUTURE
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    for aux in auxes:
        if aux.lower_ in _FUTURE_MODALS or aux.lemma_.lower() in ("will", "shall"):
            return FUTURE
        if aux.tag_ == "TO" or aux.lower_ == "to":
            return FUTURE
    for aux in auxes:
        if aux.tag_ in ("VBD",) or aux.lower_ in ("had", "was", "were", "did"):
            return PAST
        if aux.lemma_ == "have" and verb.tag_ == "VBN":
            return PAST
    # "plans to meet Friday": the head of an infinitive clause
    head = verb.head
    if verb.dep_ in ("xcomp", "ccomp", "advcl") and head is not verb and head.lemma_.lower() in lex.future_cues:
        return FUTURE
    if verb.tag_ == "VBD":
        return PAST
    if verb.tag_ == "VBN" and verb.dep_ not in ("amod", "acl"):
        return PAST
    if verb.tag_ == "VBG" and any(a.lower_ in ("is", "are", "am", "'s", "'re") for a in auxes):
        return FUTURE
    return ""


def clause_tense(text: str, start: int, end: int, lex: Lexicon, doc: Doc | None = None) -> str:
    """``"past"``, ``"future"`` or ``""`` (unknown) for the clause holding ``text[start:end]``."""
    if doc is not None and doc.text == text:
        found = _doc_tense(doc, start, end, lex)
        if found:
            return found
    return _text_tense(text, start, end, lex)
