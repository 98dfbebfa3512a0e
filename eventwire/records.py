"""The records every stage passes along: one dataclass per kind of fact.

Field names follow the output contract in ``docs/contract.md``; ``to_dict`` gives exactly the
JSON shape of that contract. All spans are ``(start, end)`` character offsets into the cleaned
``Article.text``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]


def _plain(value: Any) -> Any:
    """Convert tuples (spans) to lists and nested records to dicts for JSON output."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@dataclass
class Document:
    """One input item as read, before cleaning: plain text or HTML plus what the source says."""

    id: str
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    origin: str = "<input>"  # file path, "path:line" for JSON Lines, or "<stdin>"
    warnings: list[str] = field(default_factory=list)


@dataclass
class Article:
    """A cleaned article: every later span points into ``text``."""

    id: str
    text: str
    url: str | None = None
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    source: str | None = None
    removed: list[str] = field(default_factory=list)


@dataclass
class Entity:
    """An actor or place named in the article, with all its mentions (pronouns included)."""

    id: str
    name: str
    kind: str  # PERSON | ORG | GPE | LOC | FAC | NORP | MEDIA | IGO | ...
    country: str | None = None  # ISO 3166 alpha-3, or IGO / NGO / MNC
    sector: str | None = None  # GOV, MIL, JRN, BUS, REL, ...
    code: str | None = None  # combined CAMEO-style code, e.g. RUSGOV
    title: str | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    rule: str = ""  # which knowledge or pattern coded it (kb:..., role:..., ner)
    kb_id: str | None = None


@dataclass
class TimeRecord:
    """A temporal expression normalised to a TIMEX3 value."""

    text: str
    span: Span
    type: str  # DATE | TIME | DURATION | SET
    value: str
    id: str = ""
    mod: str | None = None  # TIMEX3 mod: START, MID, END, APPROX, ...
    rule: str = ""


@dataclass
class Quote:
    """Direct, partial or indirect speech with its speaker, cue and channel."""

    id: str
    kind: str  # direct | partial | indirect
    text: str
    span: Span
    speaker: str | None = None  # entity id
    speaker_span: Span | None = None
    cue: str | None = None
    cue_span: Span | None = None
    via: str | None = None  # entity id of the channel (news agency, platform)
    rule: str = ""
    parts: list[Span] = field(default_factory=list)  # content spans of a split quote ('"A," he said. "B."')
    speakers: list[str] = field(default_factory=list)  # every speaker entity id ("Lavrov and Fidan"); speaker is the first


@dataclass
class Place:
    """A geocoded place."""

    id: str
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None  # GeoNames feature class/code: PPLC, PCLI, ADM1, ...
    geonameid: int | None = None
    mentions: list[Span] = field(default_factory=list)


@dataclass
class EventDate:
    value: str
    text: str
    span: Span


@dataclass
class EventLocation:
    name: str
    place: str | None = None  # place id


@dataclass
class Event:
    """A PLOVER event with its CAMEO code and the evidence it rests on."""

    id: str
    type: str  # one of the 16 PLOVER types
    mode: str | None
    cameo: str
    quad: int
    goldstein: float
    status: str  # actual | negated | future | hypothetical | historical
    actor: list[str]  # entity ids
    recipient: list[str]
    date: EventDate | None
    location: EventLocation | None
    reported_by: str | None
    trigger: str
    evidence: Span
    sentence: Span
    rule: str
    confidence: float
    evidence_spans: list[Span] = field(default_factory=list)  # all mentions of this occurrence
    # each party's code as it acts here ("Russian attacks": the entity is RUS, the attacker RUSMIL)
    actor_codes: list[str | None] = field(default_factory=list)
    recipient_codes: list[str | None] = field(default_factory=list)


@dataclass
class Extraction:
    """Everything eventwire found in one article: the output contract's top-level object."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeRecord] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = _plain(self)
        return result

    def entity(self, entity_id: str | None) -> Entity | None:
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        return None


def entity_at(entities: list[Entity], start: int, end: int) -> Entity | None:
    """The entity with a mention overlapping ``[start, end)``, preferring the tightest overlap."""
    best: Entity | None = None
    best_overlap = 0
    for entity in entities:
        for m_start, m_end in entity.mentions:
            overlap = min(end, m_end) - max(start, m_start)
            if overlap > best_overlap:
                best, best_overlap = entity, overlap
    return best
