"""Between records and rows: an ``Extraction`` as table rows, and rows back as the contract's JSON.

``extraction_rows`` is the only place that knows how a record maps to columns and
``contract_dict`` the only place that maps them back; ``Store.save`` and ``Store.load`` use them, and
a round trip gives back exactly ``Extraction.to_dict()``.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from ..errors import EventwireError
from ..records import (
    Article,
    Entity,
    Event,
    EventDate,
    EventLocation,
    Extraction,
    Place,
    Quote,
    Span,
    TimeRecord,
)
from .dates import timex_bounds

Row = dict[str, Any]

log = logging.getLogger(__name__)

_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_text(value: str) -> str:
    """``value`` with lone surrogates (undecodable bytes smuggled in by surrogateescape) as U+FFFD.

    Databases accept only valid Unicode; one replacement character per surrogate keeps every span.
    """
    return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value


def _valid_rows(rows: dict[str, list[Row]], article_id: str) -> None:
    """Replace lone surrogates in every text value, in place, saying so once per article."""
    replaced = False
    for table_rows in rows.values():
        for row in table_rows:
            for key, value in row.items():
                if isinstance(value, str) and _SURROGATE.search(value):
                    row[key] = valid_text(value)
                    replaced = True
    if replaced:
        log.warning("article %r: text held undecodable characters; stored as U+FFFD", article_id)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _span(span: Span | None) -> tuple[int | None, int | None]:
    if span is None:
        return None, None
    return int(span[0]), int(span[1])


def _pair(start: int | None, end: int | None) -> list[int] | None:
    return None if start is None or end is None else [start, end]


def _codes(codes: list[str | None]) -> list[str | None]:
    """Per-party codes as saved; an event saved without any reads back as an empty list."""
    return codes if any(code is not None for code in codes) else []


def check_references(extraction: Extraction) -> list[str]:
    """Problems that would break the store's keys: duplicate ids, references to unknown ids."""
    problems: list[str] = []
    entity_ids = [entity.id for entity in extraction.entities]
    place_ids = [place.id for place in extraction.places]
    for kind, ids in (
        ("entity", entity_ids),
        ("event", [event.id for event in extraction.events]),
        ("quote", [quote.id for quote in extraction.quotes]),
        ("place", place_ids),
    ):
        seen: set[str] = set()
        for item_id in ids:
            if item_id in seen:
                problems.append(f"two {kind} records share the id {item_id!r}")
            seen.add(item_id)
    known_entities, known_places = set(entity_ids), set(place_ids)
    for event in extraction.events:
        for role, ids in (("actor", event.actor), ("recipient", event.recipient)):
            problems += [f"event {event.id!r} names unknown {role} {i!r}" for i in ids if i not in known_entities]
        if event.reported_by is not None and event.reported_by not in known_entities:
            problems.append(f"event {event.id!r} is reported_by unknown entity {event.reported_by!r}")
        place = event.location.place if event.location else None
        if place is not None and place not in known_places:
            problems.append(f"event {event.id!r} is located at unknown place {place!r}")
    for quote in extraction.quotes:
        refs = [("speaker", quote.speaker), ("via", quote.via)] + [("speaker", ref) for ref in quote.speakers]
        for role, ref in refs:
            if ref is not None and ref not in known_entities:
                problems.append(f"quote {quote.id!r} has unknown {role} {ref!r}")
    return problems


def extraction_rows(
    extraction: Extraction, *, content_hash: str, origin: str, model: str, ingested_at: str
) -> dict[str, list[Row]]:
    """Rows for every table, keyed by table name, in insertion (parent-first) order."""
    article = extraction.article
    problems = check_references(extraction)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise EventwireError("E009", f"article {article.id!r} cannot be stored: {problems[0]}{more}")
    aid = article.id
    text = article.text
    rows: dict[str, list[Row]] = {
        "articles": [
            {
                "id": aid, "content_hash": content_hash, "url": article.url, "title": article.title,
                "published": article.published, "source": article.source, "text": text,
                "removed": _json(list(article.removed)), "ingested_at": ingested_at,
                "model": model, "origin": origin,
            }
        ],
        "entities": [], "mentions": [], "places": [], "place_mentions": [],
        "events": [], "event_actors": [], "quotes": [], "times": [],
    }
    for position, entity in enumerate(extraction.entities):
        rows["entities"].append(
            {
                "article_id": aid, "entity_id": entity.id, "position": position, "name": entity.name,
                "kind": entity.kind, "country": entity.country, "sector": entity.sector, "code": entity.code,
                "title": entity.title, "aliases": _json(list(entity.aliases)), "rule": entity.rule,
                "kb_id": entity.kb_id,
            }
        )
        for m_position, (start, end) in enumerate(entity.mentions):
            rows["mentions"].append(
                {"article_id": aid, "entity_id": entity.id, "position": m_position, "start": start, "end": end}
            )
    for position, place in enumerate(extraction.places):
        rows["places"].append(
            {
                "article_id": aid, "place_id": place.id, "position": position, "name": place.name,
                "country": place.country, "lat": place.lat, "lon": place.lon, "feature": place.feature,
                "geonameid": place.geonameid,
            }
        )
        for m_position, (start, end) in enumerate(place.mentions):
            rows["place_mentions"].append(
                {"article_id": aid, "place_id": place.id, "position": m_position, "start": start, "end": end}
            )
    for position, event in enumerate(extraction.events):
        date = event.date
        date_start, date_end = _span(date.span if date else None)
        bounds = timex_bounds(date.value) if date else None
        sentence_start, sentence_end = _span(event.sentence)
        evidence_start, evidence_end = _span(event.evidence)
        rows["events"].append(
            {
                "article_id": aid, "event_id": event.id, "position": position, "type": event.type,
                "mode": event.mode, "cameo": event.cameo, "quad": event.quad, "goldstein": event.goldstein,
                "status": event.status,
                "date_value": date.value if date else None, "date_text": date.text if date else None,
                "date_start": date_start, "date_end": date_end,
                "date_from": bounds[0] if bounds else None, "date_to": bounds[1] if bounds else None,
                "location_name": event.location.name if event.location else None,
                "location_place": event.location.place if event.location else None,
                "reported_by": event.reported_by, "trigger": event.trigger,
                "evidence_start": evidence_start, "evidence_end": evidence_end,
                "sentence_start": sentence_start, "sentence_end": sentence_end,
                "evidence_text": text[sentence_start:sentence_end],
                "evidence_spans": _json([list(span) for span in event.evidence_spans]),
                "rule": event.rule, "confidence": event.confidence,
            }
        )
        for role, ids, codes in (("actor", event.actor, event.actor_codes), ("recipient", event.recipient, event.recipient_codes)):
            for a_position, entity_id in enumerate(ids):
                rows["event_actors"].append(
                    {"article_id": aid, "event_id": event.id, "role": role, "position": a_position,
                     "entity_id": entity_id, "code": codes[a_position] if a_position < len(codes) else None}
                )
    for position, quote in enumerate(extraction.quotes):
        quote_start, quote_end = _span(quote.span)
        speaker_start, speaker_end = _span(quote.speaker_span)
        cue_start, cue_end = _span(quote.cue_span)
        rows["quotes"].append(
            {
                "article_id": aid, "quote_id": quote.id, "position": position, "kind": quote.kind,
                "text": quote.text, "start": quote_start, "end": quote_end, "speaker": quote.speaker,
                "speaker_start": speaker_start, "speaker_end": speaker_end, "cue": quote.cue,
                "cue_start": cue_start, "cue_end": cue_end, "via": quote.via, "rule": quote.rule,
                "parts": _json([list(part) for part in quote.parts]), "speakers": _json(list(quote.speakers)),
            }
        )
    for position, time in enumerate(extraction.times):
        time_start, time_end = _span(time.span)
        rows["times"].append(
            {
                "article_id": aid, "position": position, "time_id": time.id, "text": time.text,
                "start": time_start, "end": time_end, "type": time.type, "value": time.value, "mod": time.mod,
                "rule": time.rule,
            }
        )
    _valid_rows(rows, aid)
    return rows


def contract_dict(rows: dict[str, list[Row]]) -> dict[str, Any]:
    """The output-contract JSON of one article from its rows (each list in ``position`` order)."""
    article = rows["articles"][0]
    mentions: dict[str, list[list[int]]] = {}
    for row in rows["mentions"]:
        mentions.setdefault(row["entity_id"], []).append([row["start"], row["end"]])
    place_mentions: dict[str, list[list[int]]] = {}
    for row in rows["place_mentions"]:
        place_mentions.setdefault(row["place_id"], []).append([row["start"], row["end"]])
    participants: dict[tuple[str, str], list[str]] = {}
    party_codes: dict[tuple[str, str], list[str | None]] = {}
    for row in rows["event_actors"]:
        participants.setdefault((row["event_id"], row["role"]), []).append(row["entity_id"])
        party_codes.setdefault((row["event_id"], row["role"]), []).append(row["code"])
    return {
        "article": {
            "id": article["id"], "text": article["text"], "url": article["url"], "title": article["title"],
            "published": article["published"], "source": article["source"],
            "removed": json.loads(article["removed"]),
        },
        "entities": [
            {
                "id": row["entity_id"], "name": row["name"], "kind": row["kind"], "country": row["country"],
                "sector": row["sector"], "code": row["code"], "title": row["title"],
                "aliases": json.loads(row["aliases"]), "mentions": mentions.get(row["entity_id"], []),
                "rule": row["rule"], "kb_id": row["kb_id"],
            }
            for row in rows["entities"]
        ],
        "events": [
            {
                "id": row["event_id"], "type": row["type"], "mode": row["mode"], "cameo": row["cameo"],
                "quad": row["quad"], "goldstein": row["goldstein"], "status": row["status"],
                "actor": participants.get((row["event_id"], "actor"), []),
                "recipient": participants.get((row["event_id"], "recipient"), []),
                "date": None if row["date_value"] is None else {
                    "value": row["date_value"], "text": row["date_text"],
                    "span": _pair(row["date_start"], row["date_end"]),
                },
                "location": None if row["location_name"] is None else {
                    "name": row["location_name"], "place": row["location_place"],
                },
                "reported_by": row["reported_by"], "trigger": row["trigger"],
                "evidence": _pair(row["evidence_start"], row["evidence_end"]),
                "sentence": _pair(row["sentence_start"], row["sentence_end"]),
                "rule": row["rule"], "confidence": row["confidence"],
                "evidence_spans": json.loads(row["evidence_spans"]),
                "actor_codes": _codes(party_codes.get((row["event_id"], "actor"), [])),
                "recipient_codes": _codes(party_codes.get((row["event_id"], "recipient"), [])),
            }
            for row in rows["events"]
        ],
        "quotes": [
            {
                "id": row["quote_id"], "kind": row["kind"], "text": row["text"],
                "span": _pair(row["start"], row["end"]), "speaker": row["speaker"],
                "speaker_span": _pair(row["speaker_start"], row["speaker_end"]), "cue": row["cue"],
                "cue_span": _pair(row["cue_start"], row["cue_end"]), "via": row["via"], "rule": row["rule"],
                "parts": json.loads(row["parts"] or "[]"), "speakers": json.loads(row["speakers"] or "[]"),
            }
            for row in rows["quotes"]
        ],
        "times": [
            {
                "text": row["text"], "span": _pair(row["start"], row["end"]), "type": row["type"],
                "value": row["value"], "id": row["time_id"], "mod": row["mod"], "rule": row["rule"],
            }
            for row in rows["times"]
        ],
        "places": [
            {
                "id": row["place_id"], "name": row["name"], "country": row["country"], "lat": row["lat"],
                "lon": row["lon"], "feature": row["feature"], "geonameid": row["geonameid"],
                "mentions": place_mentions.get(row["place_id"], []),
            }
            for row in rows["places"]
        ],
    }


def _tuple(span: list[int] | None) -> Span | None:
    return None if span is None else (int(span[0]), int(span[1]))


def _required(span: list[int] | None) -> Span:
    return (0, 0) if span is None else (int(span[0]), int(span[1]))


def extraction_from_dict(data: dict[str, Any]) -> Extraction:
    """Records again from the contract's JSON (as ``Store.load`` gives it); spans become tuples."""

    def spans(values: list[list[int]]) -> list[Span]:
        return [(int(a), int(b)) for a, b in values]

    events = []
    for item in data["events"]:
        date = item["date"]
        location = item["location"]
        events.append(
            Event(
                **{
                    **item,
                    "date": None if date is None else EventDate(date["value"], date["text"], _required(date["span"])),
                    "location": None if location is None else EventLocation(location["name"], location["place"]),
                    "evidence": _required(item["evidence"]),
                    "sentence": _required(item["sentence"]),
                    "evidence_spans": spans(item["evidence_spans"]),
                }
            )
        )
    return Extraction(
        article=Article(**data["article"]),
        entities=[Entity(**{**item, "mentions": spans(item["mentions"])}) for item in data["entities"]],
        events=events,
        quotes=[
            Quote(**{**item, "span": _tuple(item["span"]), "speaker_span": _tuple(item["speaker_span"]),
                     "cue_span": _tuple(item["cue_span"]), "parts": spans(item.get("parts") or [])})
            for item in data["quotes"]
        ],
        times=[TimeRecord(**{**item, "span": _tuple(item["span"])}) for item in data["times"]],
        places=[Place(**{**item, "mentions": spans(item["mentions"])}) for item in data["places"]],
    )
