"""Events: PLOVER event coding (placeholder until issue #4 lands)."""

from __future__ import annotations

from spacy.tokens import Doc

from .records import Entity, Event, Place, Quote, TimeRecord


def find_events(
    doc: Doc, entities: list[Entity], times: list[TimeRecord], quotes: list[Quote], places: list[Place]
) -> list[Event]:
    return []
