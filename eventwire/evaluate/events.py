"""Event coding against the development gold in ``../shared/anchors/events``.

* ConfliBERT CAMEO train (1,349 sentences, one label 0-4 each): the quad class of the sentence's
  main event. The labels follow the Phoenix pipeline's five classes over CAMEO roots:
  0 = 01-02 (statements, appeals), 1 = 03-05 (verbal cooperation), 2 = 06-08 (material
  cooperation), 3 = 09-13 and 16 (verbal conflict, investigations, reduced relations),
  4 = 14-15 and 17-20 (protest, military posture, coercion, violence). A sentence where we code
  no event counts as class 0 (PLOVER does not code plain statements, so "no event" and 01 fall
  together). The main event is the one whose trigger sits highest in the parse; a negated
  cooperative event counts as a rejection (class 3, CAMEO's convention for "will not lift"); the
  accusation read into "X said Y attacked" is not the main event (the labels code the attack).
* PETRARCH-2 validation (70 AFP sentences, CAMEO triples; silver: PETRARCH-2 output corrected by
  hand): sentence-level agreement on CAMEO roots and PLOVER types (gold codes mapped with the
  published CAMEO-to-PLOVER table), per-type precision / recall / F1, and source / target
  country agreement on the triples whose type we found.
* With ``speed=True``: the share of ``extract`` time spent in the event stage on the VOA stories,
  and the share of their events that carry a date of their own or of their governing context.

``python -m eventwire.evaluate.events [--speed]`` prints the figures; ``run(anchors)`` returns them.
Parses are cached under the system temp folder (``EVENTWIRE_CACHE`` overrides) because the
machines this runs on are small; delete the folder to re-parse.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from ..actors import find_entities
from ..events import Mention, code_mentions, find_events
from ..places import find_places
from ..quotes import find_quotes
from ..records import Article, Entity, Event
from ..times import find_times
from . import parse_cached

PHOENIX_QUAD = {"01": 0, "02": 0, "03": 1, "04": 1, "05": 1, "06": 2, "07": 2, "08": 2, "09": 3, "10": 3,
                "11": 3, "12": 3, "13": 3, "14": 4, "15": 4, "16": 3, "17": 4, "18": 4, "19": 4, "20": 4}
CONFLICT_NEGATION_CLASS = 3
STATUSES_COUNTED = {"actual", "future", "hypothetical"}


# ---------------------------------------------------------------------------------- parsing


def stage_inputs(doc: Doc, published: str | None = None, id: str = "s") -> tuple[list[Entity], list[Any], list[Any], list[Any]]:
    """Every stage after analysis and before events on one parsed text, as the pipeline runs them."""
    import datetime as dt

    article = Article(id=id, text=doc.text, published=published)
    try:
        pub = dt.date.fromisoformat(published) if published else None
    except ValueError:
        pub, published = None, None
    entities = find_entities(doc, article)
    times = find_times(doc.text, pub, doc)
    places = find_places(doc, entities)
    quotes = find_quotes(doc, entities)
    return entities, times, quotes, places


def code_text(doc: Doc, published: str | None = None, id: str = "s") -> tuple[list[Event], list[Entity]]:
    """The events of one parsed text and the entities they name."""
    entities, times, quotes, places = stage_inputs(doc, published, id)
    return find_events(doc, entities, times, quotes, places, published=published), entities


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


# ------------------------------------------------------------------------------- CAMEO->PLOVER


def published_plover_map(anchors: Path) -> dict[str, str]:
    """The published CAMEO-to-PLOVER table (anchors/events/raw/CAMEO2PLOVER-2021.txt), for gold."""
    table: dict[str, str] = {}
    path = anchors / "events" / "raw" / "CAMEO2PLOVER-2021.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\s*(\d{2,4}):\s*([A-Z]+)", line)
        if match:
            table.setdefault(match.group(1), match.group(2))
    return table


def gold_type(code: str, table: dict[str, str]) -> str | None:
    for cut in range(len(code), 1, -1):
        if code[:cut] in table:
            return table[code[:cut]]
    if code[:2] == "02":
        return "REQUEST"  # CAMEO 02 (appeal) is REQUEST in PLOVER; the 2021 table lists from 03
    return None


# ------------------------------------------------------------------------------------ metrics


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "support": tp + fn}


def _depth(token: Any) -> int:
    depth, current = 0, token
    while current.head != current and depth < 40:
        current, depth = current.head, depth + 1
    return depth


def sentence_quad(mentions: list[Mention]) -> int:
    """Phoenix five-class label of a sentence from its main coded act (see module docstring):
    the one whose predicate sits highest in the parse, statements (CAMEO 01) included."""
    # the Phoenix labels code the act a speaker states, not the accusation we also read in it
    mentions = [m for m in mentions if "implied-accusation" not in m.notes] or mentions
    if not mentions:
        return 0
    main = min(mentions, key=lambda m: (min(_depth(m.anchor), _depth(m.token)), -m.confidence, m.token.i))
    quad = PHOENIX_QUAD.get(main.cameo[:2], 0)
    if main.status == "negated":
        return CONFLICT_NEGATION_CLASS if quad in (1, 2) else 0
    return quad


def evaluate_conflibert(anchors: Path) -> dict[str, Any]:
    rows = _read_jsonl(anchors / "events" / "conflibert_cameo_train.jsonl")
    docs = parse_cached([r["text"] for r in rows], "conflibert-train")
    gold, pred = [], []
    for row, doc in zip(rows, docs):
        entities, times, quotes, places = stage_inputs(doc)
        gold.append(int(row["label"]))
        pred.append(sentence_quad(code_mentions(doc, entities, times, quotes, places)))
    classes = sorted(set(gold) | set(pred))
    per_class = {}
    for c in classes:
        tp = sum(1 for g, p in zip(gold, pred) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred) if g == c and p != c)
        per_class[str(c)] = prf(tp, fp, fn)
    confusion = {str(g): {str(p): sum(1 for a, b in zip(gold, pred) if a == g and b == p) for p in classes}
                 for g in classes}
    accuracy = sum(1 for g, p in zip(gold, pred) if g == p) / len(gold)
    macro = sum(v["f1"] for v in per_class.values()) / len(per_class)
    return {"sentences": len(gold), "accuracy": round(accuracy, 3), "macro_f1": round(macro, 3),
            "per_class": per_class, "confusion": confusion}


def _country(code: str | None) -> str | None:
    if not code or code.startswith("---"):
        return None
    return code[:3]


def _dyads(event: Event, entities: dict[str, Entity]) -> list[tuple[str | None, str | None]]:
    def country(entity_id: str) -> str | None:
        entity = entities.get(entity_id)
        return entity.country if entity else None

    actors = [country(a) for a in event.actor] or [None]
    recipients = [country(r) for r in event.recipient]
    if not recipients and len(actors) > 1:
        return [(a, b) for a in actors for b in actors if a != b] or [(actors[0], None)]
    return [(a, r) for a in actors for r in (recipients or [None])]


def evaluate_petrarch(anchors: Path) -> dict[str, Any]:
    rows = [r for r in _read_jsonl(anchors / "events" / "petr2_gsr_validation.jsonl") if r.get("text", "").strip()]
    table = published_plover_map(anchors)
    docs = parse_cached([r["text"] for r in rows], "petr2-validation")
    type_counts: dict[str, Counter[str]] = defaultdict(Counter)
    root_counts: Counter[str] = Counter()
    triples = Counter[str]()
    details = []
    for row, doc in zip(rows, docs):
        date = row.get("date") or ""
        published = f"{date[:4]}-{date[4:6]}-{date[6:8]}" if len(date) == 8 else None
        events, entities = code_text(doc, published)
        by_id = {e.id: e for e in entities}
        counted = [e for e in events if e.status in STATUSES_COUNTED]
        gold_types = {t for e in row["expected_events"] if (t := gold_type(e["code"], table))}
        pred_types = {e.type for e in counted}
        for t in gold_types | pred_types:
            key = "tp" if t in gold_types and t in pred_types else "fp" if t in pred_types else "fn"
            type_counts[t][key] += 1
        gold_roots = {e["code"][:2] for e in row["expected_events"]}
        pred_roots = {e.cameo[:2] for e in counted}
        root_counts["tp"] += len(gold_roots & pred_roots)
        root_counts["fp"] += len(pred_roots - gold_roots)
        root_counts["fn"] += len(gold_roots - pred_roots)
        for expected in row["expected_events"]:
            triples["gold"] += 1
            etype = gold_type(expected["code"], table)
            matches = [e for e in counted if e.cameo[:2] == expected["code"][:2] or (etype and e.type == etype)]
            if not matches:
                continue
            triples["coded"] += 1
            src, tgt = _country(expected["source"]), _country(expected.get("target"))
            dyads = [d for e in matches for d in _dyads(e, by_id)]
            src_ok = src is None or any(a == src for a, _ in dyads)
            tgt_ok = tgt is None or any(b == tgt for _, b in dyads)
            pair_ok = any((src is None or a == src) and (tgt is None or b == tgt) for a, b in dyads)
            triples["source"] += src_ok
            triples["target"] += tgt_ok
            triples["dyad"] += pair_ok
            triples["code"] += any(e.cameo[:2] == expected["code"][:2] for e in matches)
            triples["type"] += any(etype and e.type == etype for e in matches)
            triples["full"] += pair_ok and any(e.cameo[:2] == expected["code"][:2] for e in matches)
        details.append({"id": row["id"], "gold": [(e["source"], e["target"], e["code"]) for e in row["expected_events"]],
                        "pred": [(e.type, e.cameo, e.status, [by_id[a].country for a in e.actor if a in by_id],
                                  [by_id[r].country for r in e.recipient if r in by_id]) for e in events]})
    per_type = {t: prf(c["tp"], c["fp"], c["fn"]) for t, c in sorted(type_counts.items())}
    with_gold = {t: v for t, v in per_type.items() if v["support"]}
    micro = prf(*(sum(c[k] for c in type_counts.values()) for k in ("tp", "fp", "fn")))
    gold_n = triples["gold"] or 1
    coded = triples["coded"] or 1
    return {
        "sentences": len(rows),
        "type_macro_f1": round(sum(v["f1"] for v in with_gold.values()) / max(1, len(with_gold)), 3),
        "type_micro": micro,
        "root": prf(root_counts["tp"], root_counts["fp"], root_counts["fn"]),
        "triples": triples["gold"],
        "triples_coded": round(triples["coded"] / gold_n, 3),
        "source_agreement": round(triples["source"] / coded, 3),
        "target_agreement": round(triples["target"] / coded, 3),
        "dyad_agreement": round(triples["dyad"] / coded, 3),
        "root_agreement": round(triples["code"] / coded, 3),
        "type_agreement": round(triples["type"] / coded, 3),
        "full_triple_recall": round(triples["full"] / gold_n, 3),
        "per_type": per_type,
        "details": details,
    }


def evaluate_speed(anchors: Path, limit: int | None = None) -> dict[str, Any]:
    """Share of extract time spent coding events, on the VOA stories (real parses, no cache)."""
    from ..pipeline import extract_many
    from ..records import Document

    documents = []
    for record in _read_jsonl(anchors / "voa" / "voa_stories.jsonl")[:limit]:
        documents.append(Document(id=record["id"], text=record["text"], published=record["published"][:10]))
    timings: dict[str, float] = {}
    start = time.perf_counter()
    events = dated = inherited = 0
    for result in extract_many(documents, timings=timings):
        found = getattr(result, "events", [])
        events += len(found)
        dated += sum(1 for e in found if e.date is not None)
        inherited += sum(1 for e in found if "date:inherited" in e.rule)
    total = time.perf_counter() - start
    event_time = timings.get("events", 0.0)
    foundation = total - event_time
    return {"stories": len(documents), "events": events, "total_seconds": round(total, 2),
            "dated_share": round(dated / events, 3) if events else 0.0, "dated_inherited": inherited,
            "event_seconds": round(event_time, 3),
            "events_over_foundation": round(event_time / foundation, 4) if foundation > 0 else 0.0,
            "stages": {k: round(v, 3) for k, v in timings.items()}}


def run(anchors: Path, speed: bool = False) -> dict[str, Any]:
    """All event figures on the anchors folder."""
    result: dict[str, Any] = {
        "conflibert": evaluate_conflibert(anchors),
        "petrarch2": evaluate_petrarch(anchors),
    }
    if speed:
        result["speed"] = evaluate_speed(anchors)
    return result


def format_results(result: dict[str, Any]) -> str:
    """The figures as the plain-text tables ``eventwire eval events`` prints."""
    lines = []
    cb = result["conflibert"]
    lines.append(f"ConfliBERT train quad classes: {cb['sentences']} sentences, accuracy {cb['accuracy']:.3f}, "
                 f"macro F1 {cb['macro_f1']:.3f}")
    for c, v in cb["per_class"].items():
        lines.append(f"  class {c}: P {v['precision']:.3f} R {v['recall']:.3f} F1 {v['f1']:.3f} (n={v['support']})")
    lines.append("  confusion (gold row -> predicted columns):")
    for g, row in cb["confusion"].items():
        lines.append(f"    {g}: " + " ".join(f"{row[p]:4d}" for p in sorted(row)))
    pt = result["petrarch2"]
    lines.append(f"PETRARCH-2 validation: {pt['sentences']} sentences, {pt['triples']} gold triples")
    lines.append(f"  PLOVER type macro F1 {pt['type_macro_f1']:.3f}, micro F1 {pt['type_micro']['f1']:.3f}; "
                 f"CAMEO root F1 {pt['root']['f1']:.3f}")
    lines.append(f"  triples coded {pt['triples_coded']:.3f}; on those: source {pt['source_agreement']:.3f}, "
                 f"target {pt['target_agreement']:.3f}, dyad {pt['dyad_agreement']:.3f}, root {pt['root_agreement']:.3f}, "
                 f"type {pt['type_agreement']:.3f}; full triple recall {pt['full_triple_recall']:.3f}")
    for t, v in pt["per_type"].items():
        lines.append(f"  {t:10} P {v['precision']:.3f} R {v['recall']:.3f} F1 {v['f1']:.3f} (gold n={v['support']})")
    if "speed" in result:
        sp = result["speed"]
        lines.append(f"Speed on {sp['stories']} VOA stories: events {sp['event_seconds']:.2f}s of {sp['total_seconds']:.1f}s, "
                     f"{100 * sp['events_over_foundation']:.1f}% on top of the other stages")
        lines.append(f"  {sp['events']} events, {100 * sp['dated_share']:.1f}% dated "
                     f"({sp['dated_inherited']} from the governing context)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from . import anchors_dir

    args = sys.argv[1:] if argv is None else argv
    anchors = anchors_dir()
    if anchors is None:
        print("../shared/anchors is not here; set EVENTWIRE_ANCHORS to the anchors folder.", file=sys.stderr)
        return 2
    result = run(anchors, speed="--speed" in args)
    if "--json" in args:
        result["petrarch2"].pop("details", None)
        print(json.dumps(result, indent=2))
    else:
        print(format_results(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
