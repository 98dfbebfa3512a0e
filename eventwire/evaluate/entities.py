"""Entity coverage on the VOA stories: how many PERSON / ORG mentions get a country and a sector.

There is no gold for actor codes here; this measures coverage (how much of what we find is
coded), plus how much is coded by the knowledge base, by role patterns, or by nothing but spaCy.
``python -m eventwire.evaluate.entities`` or ``eventwire eval entities``.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from ..pipeline import extract_many
from ..records import Document, Extraction

# named people and organisations, as the foundation issue asks; unnamed groups ("insurgents",
# "Russian troops") are counted apart, since many of them rightly carry no nationality
ACTOR_KINDS = {"PERSON", "ORG", "MEDIA", "COMPANY", "IGO", "NGO", "ARMED_GROUP"}


def load_voa(anchors: Path, limit: int | None = None) -> list[Document]:
    documents = []
    with open(anchors / "voa" / "voa_stories.jsonl", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            documents.append(Document(id=record["id"], text=record["text"], published=record["published"][:10]))
    return documents[:limit] if limit else documents


def coverage(results: list[Extraction]) -> dict[str, Any]:
    """Shares of actor entities and of their mentions that carry a country, a sector, both."""
    entities = Counter[str]()
    mentions = Counter[str]()
    by_rule = Counter[str]()
    groups = Counter[str]()
    for result in results:
        for entity in result.entities:
            if entity.kind == "GROUP":
                groups["all"] += 1
                groups["country"] += bool(entity.country)
            if entity.kind not in ACTOR_KINDS:
                continue
            n = len(entity.mentions)
            keys = ["all"]
            if entity.country:
                keys.append("country")
            if entity.sector:
                keys.append("sector")
            if entity.country and entity.sector:
                keys.append("both")
            for key in keys:
                entities[key] += 1
                mentions[key] += n
            rule = entity.rule
            by_rule["kb" if entity.kb_id else "role" if "role:" in rule else "ner only"] += 1
    def share(counter: Counter[str], key: str) -> float:
        return round(counter[key] / counter["all"], 3) if counter["all"] else 0.0

    return {
        "articles": len(results),
        "actor_entities": entities["all"],
        "actor_mentions": mentions["all"],
        "entities_with_country": share(entities, "country"),
        "entities_with_sector": share(entities, "sector"),
        "entities_with_both": share(entities, "both"),
        "mentions_with_country": share(mentions, "country"),
        "mentions_with_sector": share(mentions, "sector"),
        "mentions_with_both": share(mentions, "both"),
        "coded_by": dict(by_rule),
        "unnamed_groups": groups["all"],
        "unnamed_groups_with_country": share(groups, "country"),
    }


def run(anchors: Path, limit: int | None = None) -> dict[str, Any]:
    results = [r for r in extract_many(load_voa(anchors, limit)) if isinstance(r, Extraction)]
    return coverage(results)


def format_results(results: dict[str, Any]) -> str:
    lines = [f"VOA entity coverage: {results['articles']} articles, {results['actor_entities']} actor entities, "
             f"{results['actor_mentions']} mentions (PERSON/ORG-like kinds)"]
    for unit in ("entities", "mentions"):
        lines.append(
            f"  {unit:8s}: country {results[f'{unit}_with_country']:.1%}  sector {results[f'{unit}_with_sector']:.1%}  "
            f"both {results[f'{unit}_with_both']:.1%}"
        )
    lines.append(f"  coded by: {results['coded_by']}")
    lines.append(f"  unnamed groups (troops, police, insurgents): {results['unnamed_groups']}, "
                 f"{results['unnamed_groups_with_country']:.1%} with a country")
    return "\n".join(lines)


def main() -> None:
    from . import anchors_dir

    folder = anchors_dir()
    if folder is None:
        sys.exit("../shared/anchors not found (set EVENTWIRE_ANCHORS)")
    print(format_results(run(folder)))


if __name__ == "__main__":
    main()
