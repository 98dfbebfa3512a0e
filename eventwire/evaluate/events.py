"""Event coding against the gold sets in ``../shared/anchors/events``.

* ConfliBERT CAMEO train (1,349 sentences, one label 0-4 each) and, when present, the held-out
  test split (451, also with source / target spans): the quad class of the sentence's main act.
  The labels follow the Phoenix pipeline's five classes over CAMEO roots: 0 = 01-02 (statements,
  appeals), 1 = 03-05 (verbal cooperation), 2 = 06-08 (material cooperation), 3 = 09-13 and 16
  (verbal conflict, investigations, reduced relations), 4 = 14-15 and 17-20 (protest, military
  posture, coercion, violence). A sentence where we code no act counts as class 0 (PLOVER does not
  code plain statements, so "no event" and 01 fall together). The main act is the one whose trigger
  sits highest in the parse, statements included; a negated cooperative act counts as a rejection
  (class 3, CAMEO's convention for "will not lift"); the accusation read into "X said Y attacked"
  is not the main act (the labels code the attack). On the test split, whether the main event's
  actor / recipient mentions meet the gold spans.
* PETRARCH-2 validation (70 AFP sentences, CAMEO triples; silver: PETRARCH-2 output corrected by
  hand) and the PETRARCH unit tests (the 221 of 284 records whose expected codes are all CAMEO
  roots 01-20 and that expect no error; their fictional actors, Arnor = ARN ..., decoded in memory
  from raw/PETR.Validate.actors.txt and agents.txt into an extended actor knowledge base): gold
  codes mapped to PLOVER types with the published CAMEO-to-PLOVER table, then
  - set-based: per sentence, the set of types of our counted events (actual, future,
    hypothetical) against the set of gold types; per-type precision / recall / F1, macro F1 over
    the types with gold support, micro F1; the same for CAMEO roots;
  - main-event (single label, the NGEC-style figure): on sentences with at most one gold type, the
    type of the main act (chosen as for the quad classes; a statement gives no type) against it;
  - source / target country agreement on the triples whose root or type we found, and the share
    of gold (source, target) pairs found on some counted event whatever its code.
  The unit tests' codes come from PETRARCH's test verb dictionary, not CAMEO meanings ("welcomed"
  041, "restore ties" 064): their pair and actor figures say something, their type figures not.
* PLOVER gold-standard records (when present: 322 CAMEO-manual sentences, one hand-coded event
  each, ``event_plover_current``): main-event and set-based type figures, and on the sentences
  whose main type is right the agreement of its actors / recipients with the gold ``source`` /
  ``target`` codes and of its mode with the gold ``mode``.
* With ``speed=True``: the share of ``extract`` time spent in the event stage on the VOA stories,
  and the share of their events that carry a date of their own or of their governing context.

``python -m eventwire.evaluate.events [--speed] [--json]`` prints the figures; ``run(anchors)``
returns them. Parses are cached under the system temp folder (``EVENTWIRE_CACHE`` overrides)
because the machines this runs on are small; delete the folder to re-parse.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from ..actors import find_entities, load_kb
from ..actors.kb import Actor, Country, KnowledgeBase, Role
from ..events import Mention, code_document, code_info
from ..places import find_places
from ..quotes import find_quotes
from ..records import Article, Entity, Event
from ..times import find_times
from . import parse_cached

PHOENIX_QUAD = {"01": 0, "02": 0, "03": 1, "04": 1, "05": 1, "06": 2, "07": 2, "08": 2, "09": 3, "10": 3,
                "11": 3, "12": 3, "13": 3, "14": 4, "15": 4, "16": 3, "17": 4, "18": 4, "19": 4, "20": 4}
CONFLICT_NEGATION_CLASS = 3
STATUSES_COUNTED = {"actual", "future", "hypothetical"}
CAMEO_ROOTS = {f"{n:02d}" for n in range(1, 21)}


# ---------------------------------------------------------------------------------- parsing


def stage_inputs(doc: Doc, published: str | None = None, id: str = "s",
                 kb: KnowledgeBase | None = None) -> tuple[list[Entity], list[Any], list[Any], list[Any]]:
    """Every stage after analysis and before events on one parsed text, as the pipeline runs them."""
    import datetime as dt

    article = Article(id=id, text=doc.text, published=published)
    try:
        pub = dt.date.fromisoformat(published) if published else None
    except ValueError:
        pub, published = None, None
    entities = find_entities(doc, article, kb)
    times = find_times(doc.text, pub, doc)
    places = find_places(doc, entities)
    quotes = find_quotes(doc, entities)
    return entities, times, quotes, places


def code_text(doc: Doc, published: str | None = None, id: str = "s",
              kb: KnowledgeBase | None = None) -> tuple[list[Event], list[Entity]]:
    """The events of one parsed text and the entities they name."""
    events, _, entities = code_with_mentions(doc, published, id, kb)
    return events, entities


def code_with_mentions(doc: Doc, published: str | None = None, id: str = "s",
                       kb: KnowledgeBase | None = None) -> tuple[list[Event], list[Mention], list[Entity]]:
    """Events, the mentions they came from, and the entities of one parsed text (one coding pass)."""
    entities, times, quotes, places = stage_inputs(doc, published, id, kb)
    events, mentions = code_document(doc, entities, times, quotes, places, published=published)
    return events, mentions, entities


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _iso(date: str | None) -> str | None:
    """A PETRARCH record date (YYYYMMDD) as YYYY-MM-DD; other dates (already ISO) as they are."""
    date = (date or "").strip()
    if re.fullmatch(r"\d{8}", date):
        return f"{date[:4]}-{date[4:6]}-{date[6:8]}"
    return date[:10] if re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", date) else None


# ------------------------------------------------------------------- PETRARCH validation actors


def _dictionary_lines(path: Path) -> list[str]:
    """The lines of a PETRARCH dictionary without its <!-- --> blocks and # comments."""
    text = re.sub(r"<!.*?-->", "", path.read_text(encoding="utf-8", errors="replace"), flags=re.S)
    return [line.split("#", 1)[0].rstrip() for line in text.splitlines()]


def _dictionary_code(block: str) -> str | None:
    """The code of one [CODE] or [CODE date-restriction] block; None for discard and test codes."""
    words = block.strip().split()
    if not words:
        return None
    code = words[0].split("/")[0].strip("~").upper()
    if not re.fullmatch(r"[A-Z]{3,}", code):
        return None
    return code


def validation_actors(path: Path) -> list[tuple[list[str], str]]:
    """(phrases, code) for each entry of PETR.Validate.actors.txt.

    Phrases keep PETRARCH's spelling (upper case, ``_`` between words, a final ``_`` for "the
    word ends here"); ``+`` lines are synonyms; a name whose code stands on the following lines
    takes the first undated code block (date restrictions are not modelled)."""
    entries: list[tuple[list[str], list[str]]] = []  # (phrases, code blocks)
    for line in _dictionary_lines(path):
        if not line.strip():
            continue
        if line.startswith("+") and entries:
            entries[-1][0].append(line[1:].strip())
        elif line[0].isspace() and entries:
            entries[-1][1].extend(re.findall(r"\[([^\]]*)\]", line))
        elif not line[0].isspace():
            name = re.split(r"\s*\[", line, maxsplit=1)[0].strip()
            if name:
                entries.append(([name], re.findall(r"\[([^\]]*)\]", line)))
    result = []
    for phrases, blocks in entries:
        undated = [b for b in blocks if len(b.split()) == 1] or blocks
        code = _dictionary_code(undated[0]) if undated else None
        if code:
            result.append(([p for p in phrases if p], code))
    return result


def validation_agents(path: Path) -> list[tuple[list[str], str]]:
    """(role phrases, sector) for each entry of PETR.Validate.agents.txt (plurals and !CLASS! expanded)."""
    classes: dict[str, list[str]] = {}
    result = []
    for line in _dictionary_lines(path):
        if match := re.match(r"^\s*!(\w+)!\s*=\s*(.+)$", line):
            classes[match.group(1)] = [w.strip() for w in match.group(2).split(",") if w.strip()]
            continue
        match = re.match(r"^\s*([^\[{]+?)\s*(?:\{([^}]*)\})?\s*\[([^\]]*)\]", line)
        if not match:
            continue
        names = [match.group(1)] + [w for w in (match.group(2) or "").split() if w]
        expanded: list[str] = []
        for name in names:
            slot = re.search(r"!(\w+)!", name)
            expanded += [name[:slot.start()] + w + name[slot.end():] for w in classes.get(slot.group(1), [])] \
                if slot else [name]
        code = _dictionary_code(match.group(3).replace("~", " ").strip())
        if code:
            result.append(([n.strip("_").replace("_", " ").lower() for n in expanded], code[:3]))
    return result


def _surfaces(phrase: str, text: str) -> set[str]:
    """How a PETRARCH phrase is written in ``text``: case-blind, and without a final ``_`` the last
    word matches as a stem ("ERIADOR" finds "Eriadori"), as PETRARCH matches it. A surface needs a
    capitalised word that is not "The" (actors are names, not "entire" for "ENT")."""
    exact = phrase.endswith("_")
    words = [w for w in re.split(r"[_\s]+", phrase.strip("_")) if w]
    if not words or len("".join(words)) < 3:
        return set()
    # a stem of two or three letters ("THE_KU") would swallow other names ("the Kuwait government")
    stem = not exact and len(words[-1]) >= 4
    pattern = r"\b" + r"\s+".join(re.escape(w) for w in words) + (r"[\w'-]*" if stem else r"\b")
    found = set()
    for match in re.finditer(pattern, text, flags=re.I):
        surface = match.group(0)
        if surface.endswith(("'s", "'")):
            surface = re.sub(r"'s?$", "", surface)
        if any(w[:1].isupper() and w.lower() != "the" for w in surface.split()):
            found.add(surface)
    return found


def validation_kb(anchors: Path, texts: list[str]) -> KnowledgeBase:
    """The packaged knowledge base plus PETRARCH's validation dictionaries, decoded in memory.

    3-letter codes become countries (names of one code are aliases of one country), longer codes
    actors with country = the first three letters and sector = the next three; the validation
    entries win a name over the packaged ones. Names are matched as they are written in ``texts``."""
    base = load_kb()
    raw = anchors / "events" / "raw"
    corpus = "\n".join(texts)
    countries: dict[str, list[str]] = defaultdict(list)
    actors: dict[str, list[str]] = defaultdict(list)
    for phrases, code in validation_actors(raw / "PETR.Validate.actors.txt"):
        surfaces = sorted({s for p in phrases for s in _surfaces(p, corpus)})
        if surfaces:
            (countries if len(code) == 3 else actors)[code] += surfaces
    claimed = {s for names in (*countries.values(), *actors.values()) for s in names}

    def unclaimed(names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(n for n in names if n not in claimed)

    kb = KnowledgeBase(roles=list(base.roles), groups=dict(base.groups), org_words=list(base.org_words),
                       modifiers=base.modifiers)
    for code, names in countries.items():
        old = base.countries.get(code)
        kb.countries[code] = Country(code=code, name=names[0], aliases=tuple(names[1:]) + (
            (old.name, *old.aliases) if old else ()), adjectives=old.adjectives if old else (),
            demonyms=old.demonyms if old else (), capitals=old.capitals if old else (),
            seats=old.seats if old else ())
    for code, country in base.countries.items():
        if code not in kb.countries:
            name = country.name if country.name not in claimed else ""
            kb.countries[code] = dataclasses.replace(
                country, name=name, aliases=unclaimed(country.aliases), adjectives=unclaimed(country.adjectives),
                demonyms=unclaimed(country.demonyms), capitals=unclaimed(country.capitals),
                seats=unclaimed(country.seats))
    for actor_id, actor in base.actors.items():
        kb.actors[actor_id] = dataclasses.replace(
            actor, name=actor.name if actor.name not in claimed else "", aliases=unclaimed(actor.aliases))
    for code, names in actors.items():
        actor_id = f"petr-validate-{code.lower()}"
        kb.actors[actor_id] = Actor(id=actor_id, name=names[0], kind="ORG", country=code[:3],
                                    sector=code[3:6] or None, aliases=tuple(names[1:]), code=code)
    known = {r.phrase for r in kb.roles} | set(kb.groups)
    for phrases, sector in validation_agents(raw / "PETR.Validate.agents.txt"):
        for phrase in phrases:
            if phrase and phrase not in known:
                kb.roles.append(Role(phrase, phrase.title(), sector))
    kb.roles.sort(key=lambda r: -len(r.phrase))
    kb.index()
    return kb


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


def _adverbial(token: Any) -> bool:
    """Whether ``token`` sits in an adverbial clause ("two weeks after rebels kidnapped ..."):
    the circumstance of the sentence's act, not the act."""
    current, steps = token, 0
    while current.head != current and steps < 40:
        if current.dep_ == "advcl":
            return True
        current, steps = current.head, steps + 1
    return False


def _main(mentions: list[Mention]) -> Mention | None:
    """The sentence's main act: the mention whose predicate sits highest in the parse (at equal
    height, one outside an adverbial clause and not a participle describing a party, "the jailed
    activist"); the accusation read into "X said Y attacked" only
    when there is nothing else."""
    mentions = [m for m in mentions if "implied-accusation" not in m.notes] or mentions
    if not mentions:
        return None
    return min(mentions, key=lambda m: (min(_depth(m.anchor), _depth(m.token)),
                                        _adverbial(m.anchor) or m.anchor.dep_ == "amod", -m.confidence, m.token.i))


def sentence_quad(mentions: list[Mention]) -> int:
    """Phoenix five-class label of a sentence from its main coded act (see module docstring):
    the one whose predicate sits highest in the parse, statements (CAMEO 01) included."""
    main = _main(mentions)
    if main is None:
        return 0
    quad = PHOENIX_QUAD.get(main.cameo[:2], 0)
    if main.status == "negated":
        return CONFLICT_NEGATION_CLASS if quad in (1, 2) else 0
    return quad


def main_event(events: list[Event], mentions: list[Mention]) -> Event | None:
    """The event of the sentence's main coded act: of the counted events, the one holding the
    mention highest in the parse (statements, which make no event, are passed over)."""
    counted = [e for e in events if e.status in STATUSES_COUNTED]
    owner = {tuple(span): e for e in counted for span in e.evidence_spans}
    main = _main([m for m in mentions if tuple(m.evidence()) in owner])
    if main is None:
        return counted[0] if counted else None
    return owner[tuple(main.evidence())]


def main_type(events: list[Event], mentions: list[Mention]) -> str | None:
    """The PLOVER type of the sentence's main coded act, chosen as ``sentence_quad`` chooses: the
    act highest in the parse among those with a counted status, statements included. A statement
    ("expressed sorrow for the shootings", CAMEO 01) has no PLOVER type: the sentence gets none.
    An act whose parties are not named ("the army released twenty prisoners") makes no event, yet
    it is what the sentence reports: it counts here, with its lexicon type."""
    main = _main([m for m in mentions if m.status in STATUSES_COUNTED])
    if main is None:
        event = main_event(events, mentions)
        return event.type if event else None
    return code_info(main.cameo)[0]


class TypeScores:
    """Per-type counts for the set-based and the single-label (main-event) figures."""

    def __init__(self) -> None:
        self.sets: dict[str, Counter[str]] = defaultdict(Counter)
        self.main: dict[str, Counter[str]] = defaultdict(Counter)
        self.main_sentences = 0
        self.main_correct = 0

    def add_sets(self, gold: set[str], pred: set[str]) -> None:
        """One sentence: the set of gold types against the set of predicted types."""
        for t in gold | pred:
            self.sets[t]["tp" if t in gold and t in pred else "fp" if t in pred else "fn"] += 1

    def add_main(self, gold: str | None, pred: str | None) -> None:
        """One sentence's single label (None: no event) against the type of its main event."""
        self.main_sentences += 1
        self.main_correct += gold == pred
        if gold is not None and gold == pred:
            self.main[gold]["tp"] += 1
            return
        if pred is not None:
            self.main[pred]["fp"] += 1
        if gold is not None:
            self.main[gold]["fn"] += 1

    @staticmethod
    def _summary(counts: dict[str, Counter[str]]) -> dict[str, Any]:
        per_type = {t: prf(c["tp"], c["fp"], c["fn"]) for t, c in sorted(counts.items())}
        with_gold = [v["f1"] for v in per_type.values() if v["support"]]
        micro = prf(*(sum(c[k] for c in counts.values()) for k in ("tp", "fp", "fn")))
        return {"macro_f1": round(sum(with_gold) / max(1, len(with_gold)), 3), "micro": micro, "per_type": per_type}

    def result(self) -> dict[str, Any]:
        sets, main = self._summary(self.sets), self._summary(self.main)
        return {"type_macro_f1": sets["macro_f1"], "type_micro": sets["micro"], "per_type": sets["per_type"],
                "main": {"sentences": self.main_sentences, "macro_f1": main["macro_f1"],
                         "accuracy": round(self.main_correct / max(1, self.main_sentences), 3),
                         "per_type": main["per_type"]}}


# --------------------------------------------------------------------------------- ConfliBERT


def _span_texts(value: Any, text: str) -> list[str]:
    """Gold argument spans as strings: a list of strings, of {"text"| "start"/"end"} objects or
    of [start, end] character offsets (the shapes a span list may take)."""
    if not isinstance(value, list):
        return []
    found = []
    for item in value:
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            if isinstance(item.get("text"), str):
                found.append(item["text"])
            elif isinstance(item.get("start"), int) and isinstance(item.get("end"), int):
                found.append(text[item["start"]:item["end"]])
        elif isinstance(item, (list, tuple)) and len(item) == 2 and all(isinstance(x, int) for x in item):
            found.append(text[item[0]:item[1]])
    return [f.strip() for f in found if f and f.strip()]


def _names_overlap(names: list[str], spans: list[str]) -> bool:
    words = {w.lower() for n in names for w in re.findall(r"\w+", n) if len(w) > 1}
    return any(words & {w.lower() for w in re.findall(r"\w+", s)} for s in spans)


def evaluate_conflibert(anchors: Path, split: str = "train") -> dict[str, Any]:
    """Quad-class accuracy and macro F1 of the main act on one ConfliBERT split; on a split with
    argument spans, also whether the main event's actor / recipient mentions meet them."""
    rows = _read_jsonl(anchors / "events" / f"conflibert_cameo_{split}.jsonl")
    docs = parse_cached([r["text"] for r in rows], f"conflibert-{split}")
    gold, pred = [], []
    spans = Counter[str]()
    for row, doc in zip(rows, docs):
        entities, times, quotes, places = stage_inputs(doc)
        events, mentions = code_document(doc, entities, times, quotes, places)
        gold.append(int(row["label"]))
        pred.append(sentence_quad(mentions))
        sources, targets = _span_texts(row.get("source_spans"), row["text"]), _span_texts(row.get("target_spans"), row["text"])
        event = main_event(events, mentions) if sources or targets else None
        if event is None:
            continue
        by_id = {e.id: e for e in entities}
        for key, gold_spans, ids in (("source", sources, event.actor), ("target", targets, event.recipient)):
            if gold_spans:
                names = [doc.text[s:e] for i in ids if i in by_id for s, e in by_id[i].mentions]
                spans[f"{key}_gold"] += 1
                spans[key] += _names_overlap(names, gold_spans)
    classes = sorted(set(gold) | set(pred))
    per_class = {}
    for c in classes:
        tp = sum(1 for g, p in zip(gold, pred) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred) if g == c and p != c)
        per_class[str(c)] = prf(tp, fp, fn)
    confusion = {str(g): {str(p): sum(1 for a, b in zip(gold, pred) if a == g and b == p) for p in classes}
                 for g in classes}
    accuracy = sum(1 for g, p in zip(gold, pred) if g == p) / max(1, len(gold))
    macro = sum(v["f1"] for v in per_class.values()) / max(1, len(per_class))
    result: dict[str, Any] = {"split": split, "sentences": len(gold), "accuracy": round(accuracy, 3),
                              "macro_f1": round(macro, 3), "per_class": per_class, "confusion": confusion}
    for key in ("source", "target"):
        if spans[f"{key}_gold"]:
            result[f"{key}_span_agreement"] = round(spans[key] / spans[f"{key}_gold"], 3)
            result[f"{key}_span_sentences"] = spans[f"{key}_gold"]
    return result


# ------------------------------------------------------------------------- PETRARCH triples


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
        # "Russia and Ukraine agreed": PETRARCH pairs the parties of a joint act with each other
        return [(a, b) for a in actors for b in actors if a != b] or [(actors[0], None)]
    return [(a, r) for a in actors for r in (recipients or [None])]


def cameo_rooted(row: dict[str, Any]) -> bool:
    """A unit-test record a CAMEO coder can be scored on: no expected error, no test-only root."""
    if row.get("expected_error") or not row.get("text", "").strip():
        return False
    return all(e.get("code", "")[:2] in CAMEO_ROOTS for e in row.get("expected_events", []))


def score_triples(rows: list[dict[str, Any]], docs: list[Doc], table: dict[str, str],
                  kb: KnowledgeBase | None = None) -> dict[str, Any]:
    """Sentence-level PLOVER type and CAMEO root agreement with expected (source, target, code)
    triples, set-based and for the main event, and source / target agreement on the triples whose
    root or type we found."""
    scores = TypeScores()
    root_counts: Counter[str] = Counter()
    triples = Counter[str]()
    details = []
    for row, doc in zip(rows, docs):
        events, mentions, entities = code_with_mentions(doc, _iso(row.get("date")), row.get("id", "s"), kb)
        by_id = {e.id: e for e in entities}
        counted = [e for e in events if e.status in STATUSES_COUNTED]
        expected = row.get("expected_events", [])
        gold_types = {t for e in expected if (t := gold_type(e["code"], table))}
        scores.add_sets(gold_types, {e.type for e in counted})
        if len(gold_types) <= 1:
            scores.add_main(next(iter(gold_types), None), main_type(events, mentions))
        gold_roots = {e["code"][:2] for e in expected}
        pred_roots = {e.cameo[:2] for e in counted}
        root_counts["tp"] += len(gold_roots & pred_roots)
        root_counts["fp"] += len(pred_roots - gold_roots)
        root_counts["fn"] += len(gold_roots - pred_roots)
        all_dyads = [d for e in counted for d in _dyads(e, by_id)]
        for triple in expected:
            triples["gold"] += 1
            src, tgt = _country(triple.get("source")), _country(triple.get("target"))
            # who did it to whom, whatever the code: what a test dictionary's odd codes leave to score
            triples["dyad_any_code"] += any((src is None or a == src) and (tgt is None or b == tgt) for a, b in all_dyads)
            etype = gold_type(triple["code"], table)
            matches = [e for e in counted if e.cameo[:2] == triple["code"][:2] or (etype and e.type == etype)]
            if not matches:
                continue
            triples["coded"] += 1
            dyads = [d for e in matches for d in _dyads(e, by_id)]
            pair_ok = any((src is None or a == src) and (tgt is None or b == tgt) for a, b in dyads)
            triples["source"] += src is None or any(a == src for a, _ in dyads)
            triples["target"] += tgt is None or any(b == tgt for _, b in dyads)
            triples["dyad"] += pair_ok
            triples["code"] += any(e.cameo[:2] == triple["code"][:2] for e in matches)
            triples["type"] += any(etype and e.type == etype for e in matches)
            triples["full"] += pair_ok and any(e.cameo[:2] == triple["code"][:2] for e in matches)
        details.append({"id": row.get("id"), "gold": [(e.get("source"), e.get("target"), e["code"]) for e in expected],
                        "pred": [(e.type, e.cameo, e.status, [by_id[a].country for a in e.actor if a in by_id],
                                  [by_id[r].country for r in e.recipient if r in by_id]) for e in events]})
    gold_n = triples["gold"] or 1
    coded = triples["coded"] or 1
    return {
        "sentences": len(rows),
        **scores.result(),
        "root": prf(root_counts["tp"], root_counts["fp"], root_counts["fn"]),
        "triples": triples["gold"],
        "triples_coded": round(triples["coded"] / gold_n, 3),
        "source_agreement": round(triples["source"] / coded, 3),
        "target_agreement": round(triples["target"] / coded, 3),
        "dyad_agreement": round(triples["dyad"] / coded, 3),
        "root_agreement": round(triples["code"] / coded, 3),
        "type_agreement": round(triples["type"] / coded, 3),
        "full_triple_recall": round(triples["full"] / gold_n, 3),
        "dyad_recall_any_code": round(triples["dyad_any_code"] / gold_n, 3),
        "details": details,
    }


def evaluate_petrarch(anchors: Path) -> dict[str, Any]:
    """The 70 PETRARCH-2 validation sentences (real AFP text, real country codes)."""
    rows = [r for r in _read_jsonl(anchors / "events" / "petr2_gsr_validation.jsonl") if r.get("text", "").strip()]
    docs = parse_cached([r["text"] for r in rows], "petr2-validation")
    return score_triples(rows, docs, published_plover_map(anchors))


def evaluate_unittest(anchors: Path) -> dict[str, Any]:
    """The PETRARCH unit-test sentences whose expected codes are all CAMEO (roots 01-20) and that
    expect no error, with their fictional actors decoded from the validation dictionaries."""
    every = _read_jsonl(anchors / "events" / "petr2_unittest.jsonl")
    rows = [r for r in every if cameo_rooted(r)]
    docs = parse_cached([r["text"] for r in rows], "petr2-unittest")
    kb = validation_kb(anchors, [r["text"] for r in rows])
    result = score_triples(rows, docs, published_plover_map(anchors), kb)
    result["records"] = len(every)
    result["no_event_sentences"] = sum(1 for r in rows if not r.get("expected_events"))
    return result


# ---------------------------------------------------------------------------- PLOVER GSR


def _gold_codes(actors: Any) -> set[str]:
    """The country (or IGO) codes of a PLOVER record's source or target list."""
    if not isinstance(actors, list):
        return set()
    codes = {str(a.get("code") or "")[:3].upper() for a in actors if isinstance(a, dict)}
    return {c for c in codes if re.fullmatch(r"[A-Z]{3}", c)}  # "---": an actor the coder could not name


def evaluate_plover_gsr(anchors: Path) -> dict[str, Any]:
    """The PLOVER gold-standard records (one hand-coded event per sentence, current PLOVER types):
    the type of the main event (single label) and the set of counted types; on the sentences whose
    main type is right, whether its actors, recipients and mode agree with the gold."""
    rows = [r for r in _read_jsonl(anchors / "events" / "plover_gsr_cameo.jsonl") if str(r.get("text", "")).strip()]
    docs = parse_cached([r["text"] for r in rows], "plover-gsr")
    scores = TypeScores()
    agree = Counter[str]()
    for row, doc in zip(rows, docs):
        gold = row.get("event_plover_current") or row.get("event")
        gold = str(gold).upper() if gold else None
        events, mentions, entities = code_with_mentions(doc, _iso(row.get("date")), str(row.get("id", "s")))
        counted = [e for e in events if e.status in STATUSES_COUNTED]
        scores.add_sets({gold} if gold else set(), {e.type for e in counted})
        scores.add_main(gold, main_type(events, mentions))
        main = main_event(events, mentions)
        if main is None or main.type != gold:
            continue
        countries = {e.id: e.country for e in entities}
        for key, ids in (("source", main.actor), ("target", main.recipient)):
            codes = _gold_codes(row.get(key))
            if codes:
                agree[f"{key}_gold"] += 1
                agree[key] += bool(codes & {countries.get(i) for i in ids})
        mode = str(row.get("mode") or "").strip().lower()
        if mode:
            agree["mode_gold"] += 1
            agree["mode"] += (main.mode or "").lower() == mode
    result: dict[str, Any] = {"sentences": len(rows), **scores.result()}
    for key in ("source", "target", "mode"):
        result[f"{key}_agreement"] = round(agree[key] / agree[f"{key}_gold"], 3) if agree[f"{key}_gold"] else None
        result[f"{key}_checked"] = agree[f"{key}_gold"]
    return result


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
    """All event figures on the anchors folder; the held-out sets whenever their files are there."""
    folder = anchors / "events"
    result: dict[str, Any] = {"conflibert": evaluate_conflibert(anchors)}
    if (folder / "conflibert_cameo_test.jsonl").is_file():
        result["conflibert_test"] = evaluate_conflibert(anchors, "test")
    result["petrarch2"] = evaluate_petrarch(anchors)
    if (folder / "petr2_unittest.jsonl").is_file():
        result["unittest"] = evaluate_unittest(anchors)
    if (folder / "plover_gsr_cameo.jsonl").is_file():
        result["plover_gsr"] = evaluate_plover_gsr(anchors)
    if speed:
        result["speed"] = evaluate_speed(anchors)
    return result


def _quad_lines(title: str, cb: dict[str, Any]) -> list[str]:
    lines = [f"{title}: {cb['sentences']} sentences, accuracy {cb['accuracy']:.3f}, macro F1 {cb['macro_f1']:.3f}"]
    for c, v in cb["per_class"].items():
        lines.append(f"  class {c}: P {v['precision']:.3f} R {v['recall']:.3f} F1 {v['f1']:.3f} (n={v['support']})")
    lines.append("  confusion (gold row -> predicted columns):")
    for g, row in cb["confusion"].items():
        lines.append(f"    {g}: " + " ".join(f"{row[p]:4d}" for p in sorted(row)))
    for key in ("source", "target"):
        if f"{key}_span_agreement" in cb:
            lines.append(f"  main event {key} meets the gold {key} span: {cb[f'{key}_span_agreement']:.3f} "
                         f"(of {cb[f'{key}_span_sentences']} sentences with one)")
    return lines


def _type_lines(result: dict[str, Any]) -> list[str]:
    """Set-based and main-event (single-label) PLOVER type figures with the per-type table."""
    main = result["main"]
    lines = [f"  set-based (types of all counted events vs gold types, per sentence): PLOVER type macro F1 "
             f"{result['type_macro_f1']:.3f}, micro F1 {result['type_micro']['f1']:.3f}",
             f"  main-event (type of the main act vs the gold label, {main['sentences']} single-label sentences): "
             f"macro F1 {main['macro_f1']:.3f}, accuracy {main['accuracy']:.3f}",
             f"  {'type':10}  set-based P / R / F1 (n)    main-event P / R / F1 (n)"]
    for t in sorted(set(result["per_type"]) | set(main["per_type"])):
        cells = []
        for table in (result["per_type"], main["per_type"]):
            v = table.get(t)
            cells.append(f"{v['precision']:.3f} {v['recall']:.3f} {v['f1']:.3f} ({v['support']:3d})" if v
                         else f"{'-':>24}")
        lines.append(f"  {t:10}  {cells[0]}    {cells[1]}")
    return lines


def _triple_lines(title: str, pt: dict[str, Any]) -> list[str]:
    lines = [f"{title}: {pt['sentences']} sentences, {pt['triples']} gold triples; CAMEO root F1 {pt['root']['f1']:.3f}",
             f"  triples coded {pt['triples_coded']:.3f}; on those: source {pt['source_agreement']:.3f}, "
             f"target {pt['target_agreement']:.3f}, dyad {pt['dyad_agreement']:.3f}, root {pt['root_agreement']:.3f}, "
             f"type {pt['type_agreement']:.3f}; full triple recall {pt['full_triple_recall']:.3f}",
             f"  (source, target) pairs found on some counted event, whatever its code: {pt['dyad_recall_any_code']:.3f}"]
    return lines + _type_lines(pt)


def format_results(result: dict[str, Any]) -> str:
    """The figures as the plain-text tables ``eventwire eval events`` prints."""
    lines = _quad_lines("ConfliBERT train quad classes", result["conflibert"])
    if "conflibert_test" in result:
        lines += _quad_lines("ConfliBERT test quad classes (held out)", result["conflibert_test"])
    lines += _triple_lines("PETRARCH-2 validation", result["petrarch2"])
    if "unittest" in result:
        ut = result["unittest"]
        lines += _triple_lines(f"PETRARCH unit tests (CAMEO roots 01-20, no error expected; {ut['records']} records, "
                               f"{ut['no_event_sentences']} expecting no event)", ut)
        lines.append("  NB: the unit tests' codes come from PETRARCH's test verb dictionary (PETR.Validate.verbs.txt), "
                     "not CAMEO meanings\n  ('welcomed' 041, 'restore ties' 064, 'criticized' 121): read the "
                     "pair and source/target figures, not the type and root ones")
    if "plover_gsr" in result:
        gsr = result["plover_gsr"]
        lines.append(f"PLOVER gold-standard records (held out): {gsr['sentences']} sentences")
        lines += _type_lines(gsr)
        agreement = [f"{k} {gsr[f'{k}_agreement']:.3f} (n={gsr[f'{k}_checked']})" for k in ("source", "target", "mode")
                     if gsr[f"{k}_agreement"] is not None]
        if agreement:
            lines.append("  on sentences whose main type is right: " + ", ".join(agreement))
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
        for key in ("petrarch2", "unittest"):
            result.get(key, {}).pop("details", None)
        print(json.dumps(result, indent=2))
    else:
        print(format_results(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
