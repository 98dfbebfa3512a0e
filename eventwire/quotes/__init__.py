"""Quotes: direct, partial and indirect speech with speaker, cue and channel (issue #5).

``find_quotes(doc, entities)`` is the stage function. It pairs quotation marks over the whole text
(``marks``), finds attributions on the dependency parse (``finder``: cue verbs, "according to",
speech nouns, a colon after a name), and resolves sources and channels to the article's entities
(``speakers``). Word lists live in ``eventwire/data/quotes/``.
"""

from __future__ import annotations

import logging

from spacy.tokens import Doc

from ..records import Entity, Quote, Span
from .finder import Attribution, AttributionFinder
from .lexicon import load_lexicon
from .marks import QuotedSegment, find_quoted_segments
from .speakers import SpeakerResolver

__all__ = ["find_quotes", "find_quotes_with_parts", "find_quoted_segments", "QuotedSegment", "quote_subjects"]

log = logging.getLogger(__name__)

def find_quotes(doc: Doc, entities: list[Entity]) -> list[Quote]:
    """Every quote and reported statement in ``doc``, in text order, ids Q1, Q2, ..."""
    return [quote for quote, _ in find_quotes_with_parts(doc, entities)]


def find_quotes_with_parts(doc: Doc, entities: list[Entity]) -> list[tuple[Quote, list[Span]]]:
    """Like ``find_quotes``, with the content's parts where a quote is split by its cue
    ('"A," he said. "B."': the span covers both, the parts are the two quotations)."""
    try:
        lexicon = load_lexicon()
        text = doc.text  # Doc.text is rebuilt on every access: read it once
        segments = find_quoted_segments(text)
        finder = AttributionFinder(doc, lexicon, segments)
        attributions = finder.find()
    except Exception:  # a stage logs and yields nothing rather than stopping the batch
        log.warning("quotes: no quotes for this article", exc_info=True)
        return []
    attributions.sort(key=lambda a: (min(lo for lo, _ in a.content), a.cue[0]))
    resolver = SpeakerResolver(doc, entities, lexicon, set(finder.token_segment))
    results: list[tuple[Quote, list[Span]]] = []
    channels: dict[int, Entity] = {}
    speakers: list[Entity | None] = []
    all_speakers: list[list[Entity]] = []
    for attribution in attributions:
        try:
            speaker = resolver.speaker(attribution)
            speakers.append(speaker)
            all_speakers.append(resolver.co_speakers(attribution, speaker))
        except Exception:
            log.warning("quotes: speaker lookup failed", exc_info=True)
            speakers.append(None)
            all_speakers.append([])
    _reported_through(attributions, speakers, resolver, channels)
    for n, (attribution, speaker) in enumerate(zip(attributions, speakers)):
        try:
            quote, parts = _to_quote(doc, text, finder, resolver, attribution, speaker, channels.get(n))
            quote.speakers = [entity.id for entity in all_speakers[n]]
            results.append((quote, parts))
        except Exception:
            log.warning("quotes: skipped one attribution", exc_info=True)
    for n, (quote, _) in enumerate(results, start=1):
        quote.id = f"Q{n}"
    return results


def quote_subjects(quote: Quote, entities: list[Entity]) -> list[str]:
    """Ids of the entities a quote talks about: those mentioned inside its content, speaker aside.

    This is what ``eventwire quotes --about NAME`` matches ("what did Lavrov say about Turkey").
    """
    start, end = quote.span
    found = []
    for entity in entities:
        if entity.id == quote.speaker or entity.id == quote.via:
            continue
        if any(m_start < end and start < m_end for m_start, m_end in entity.mentions):
            found.append(entity.id)
    return found


def _char_range(doc: Doc, lo: int, hi: int) -> Span:
    return doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)


def _reported_through(
    attributions: list[Attribution],
    speakers: list[Entity | None],
    resolver: SpeakerResolver,
    channels: dict[int, Entity],
) -> None:
    """"X said ..., Interfax reported": a medium's report that holds another attribution is its channel."""
    for outer_n, outer in enumerate(attributions):
        if outer.speaker_token is None or speakers[outer_n] is None:
            continue
        entity = resolver.medium_at(resolver.doc[outer.speaker_token])  # "the Indonesian newspaper": not Indonesia
        if entity is None:
            continue
        for inner_n, inner in enumerate(attributions):
            if inner_n == outer_n or inner_n in channels:
                continue
            if any(lo <= inner.cue[0] < hi for lo, hi in outer.content):
                channels[inner_n] = entity


def _kind(finder: AttributionFinder, attribution: Attribution, parts: list[tuple[int, int]]) -> str:
    quoted = [finder._mostly_quoted(lo, hi) for lo, hi in parts]
    if all(quoted) and attribution.how in {"clause", "head", "quote"}:
        return "direct"
    if any(i in finder.token_segment for lo, hi in parts for i in range(lo, hi)):
        return "partial"
    return "indirect"


def _to_quote(
    doc: Doc,
    text: str,
    finder: AttributionFinder,
    resolver: SpeakerResolver,
    attribution: Attribution,
    speaker: Entity | None,
    channel: Entity | None,
) -> tuple[Quote, list[Span]]:
    token_parts = sorted(attribution.content + attribution.extra_parts)
    parts = [_char_range(doc, lo, hi) for lo, hi in token_parts]
    start, end = parts[0][0], max(e for _, e in parts)
    cue_span = _char_range(doc, attribution.cue[0], attribution.cue[-1] + 1)
    source = attribution.source
    source_span = _char_range(doc, *source) if source and source[1] > source[0] else None
    content_tokens = {i for lo, hi in token_parts for i in range(lo, hi)}
    via = channel or resolver.channel(attribution, content_tokens)
    quote = Quote(
        id="",
        kind=_kind(finder, attribution, token_parts),
        text=text[start:end],
        span=(start, end),
        speaker=speaker.id if speaker else None,
        speaker_span=source_span,
        cue=text[cue_span[0]:cue_span[1]],
        cue_span=cue_span,
        via=via.id if via else None,
        rule=attribution.rule,
        parts=list(parts),
    )
    return quote, parts
