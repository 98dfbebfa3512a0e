"""Actors: provisional stage (spaCy entities only) until the knowledge-base resolver lands."""

from __future__ import annotations

from spacy.tokens import Doc

from ..records import Article, Entity


def find_entities(doc: Doc, article: Article) -> list[Entity]:
    entities: dict[tuple[str, str], Entity] = {}
    for ent in doc.ents:
        if ent.label_ not in {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}:
            continue
        key = (ent.text, ent.label_)
        if key not in entities:
            entities[key] = Entity(id=f"E{len(entities) + 1}", name=ent.text, kind=ent.label_, rule="ner")
        entities[key].mentions.append((ent.start_char, ent.end_char))
    return list(entities.values())
