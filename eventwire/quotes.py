"""Quotes: direct, partial and indirect speech (placeholder until issue #5 lands)."""

from __future__ import annotations

from spacy.tokens import Doc

from .records import Entity, Quote


def find_quotes(doc: Doc, entities: list[Entity]) -> list[Quote]:
    return []
