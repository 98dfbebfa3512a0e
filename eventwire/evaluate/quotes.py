"""Quote attribution quality on PolNeAR (``../shared/anchors/quotes/polnear``), beside textacy.

PolNeAR annotates attribution relations in political news (brat standoff: Source, Cue and Content
spans tied by ``E`` lines; a span may be discontinuous). Every annotation file of the split is
scored against our quotes for its text (two dev articles carry six annotators' files each; each
file counts, as in the corpus). Texts are parsed with ``eventwire.analyse.load_pipeline()``; the
parses are cached with DocBin (``eventwire.evaluate.parse_cached``), keyed by text, model and spaCy version.

Figures (all micro-averaged over the split), following citron's evaluation (BBC R&D) so they sit
beside its published PARC 3.0 figures:

- spans are compared without edge whitespace, and parts separated by nothing but whitespace count
  as one part (the corpus's annotation tool split spans at its display's sentence breaks).
- exact, per role: a cue matches when its span equals a gold cue; a source (content) matches
  when the cues overlap and the source (content) spans are equal; a whole attribution matches
  when cue, source and content are all equal. A prediction is a true positive if it matches some
  gold attribution, a gold attribution a false negative if nothing matches it.
- overlap, per role: token overlap. Precision = predicted tokens of that role that lie in a gold
  span of that role / all predicted tokens of the role; recall the other way round. Whole
  attributions, token overlap: the three roles pooled (citron's "All Quote Spans overlap").
- overlap, whole attributions, counted: a prediction matches a gold attribution when cue, source
  and content each overlap it (both sources absent counts as a match) — the stricter reading.
- speaker accuracy on pronoun sources: gold sources that are a bare he/she/they; the right speaker
  is taken from the nearest earlier gold source of the article that carries a name and whose
  honorific does not contradict the pronoun (a silver antecedent: PolNeAR has no coreference);
  ours is right when our speaker entity has a mention inside that span.

textacy's ``direct_quotations`` runs on the same parses: its speaker tokens, cue tokens and
content span become one attribution each.

    python -m eventwire.evaluate.quotes [ANCHORS] [--split dev|train] [--limit N] [--no-textacy] [--json]
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import tarfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from ..actors import find_entities
from ..analyse import load_pipeline
from ..quotes import find_quotes_with_parts
from ..records import Article, Entity
from . import anchors_dir, parse_cached

log = logging.getLogger(__name__)

FOLDER = Path("quotes") / "polnear"
ROLES = ("cue", "source", "content")
PRONOUNS = {"he", "she", "they"}
_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t?(.*)$")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")

Parts = tuple[tuple[int, int], ...]


@dataclass
class Attribution:
    """One attribution as parts per role (gold, ours or textacy's), in character offsets."""

    cue: Parts
    source: Parts
    content: Parts
    speaker: str | None = None  # our speaker entity id
    entities: list[Entity] = field(default_factory=list)


# ---------------------------------------------------------------------- reading PolNeAR
def parse_ann(text: str) -> list[Attribution]:
    """The attributions of one brat .ann file (lines that continue a span's text are skipped)."""
    spans: dict[str, Parts] = {}
    events: list[dict[str, list[str]]] = []
    for line in text.splitlines():
        match = _T_LINE.match(line)
        if match:
            pieces: list[tuple[int, int]] = []
            for piece in match.group(3).strip().split(";"):
                start, end = piece.split()
                pieces.append((int(start), int(end)))
            spans[match.group(1)] = tuple(sorted(pieces))
            continue
        match = _E_LINE.match(line)
        if match:
            roles: dict[str, list[str]] = {}
            for item in match.group(2).split():
                if ":" in item:
                    role, ref = item.split(":", 1)
                    roles.setdefault(re.sub(r"\d+$", "", role).lower(), []).append(ref)
            events.append(roles)
    result = []
    for roles in events:
        parts = {role: tuple(sorted(p for ref in roles.get(role, []) for p in spans.get(ref, ()))) for role in ROLES}
        if parts["cue"] and parts["content"]:
            result.append(Attribution(parts["cue"], parts["source"], parts["content"]))
    return result


def _split_files(polnear: Path, split: str) -> Iterator[tuple[str, str, str]]:
    """(annotation file name, article text, .ann text) for every annotation file of a split."""
    folder = polnear / split
    if folder.is_dir():
        for ann in sorted((folder / "attributions").glob("*.ann")):
            article = ann.stem.rsplit("_", 1)[0]
            text = (folder / "text" / f"{article}.txt").read_text(encoding="utf-8")
            yield ann.name, text, ann.read_text(encoding="utf-8")
        return
    packed = polnear / f"{split}.tar.gz"
    if not packed.is_file():
        raise FileNotFoundError(f"PolNeAR split {split!r} is not in {polnear}")
    with tarfile.open(packed) as tar:
        members = {m.name: m for m in tar.getmembers() if m.isfile()}
        texts = {Path(n).stem: n for n in members if "/text/" in n and n.endswith(".txt")}
        for name in sorted(n for n in members if n.endswith(".ann")):
            article = Path(name).stem.rsplit("_", 1)[0]
            if article not in texts:
                continue
            ann_file = tar.extractfile(members[name])
            txt_file = tar.extractfile(members[texts[article]])
            if ann_file is None or txt_file is None:
                continue
            yield Path(name).name, txt_file.read().decode("utf-8"), ann_file.read().decode("utf-8")



# ---------------------------------------------------------------------- predictions
def ours(doc: Doc, entities: list[Entity]) -> list[Attribution]:
    """eventwire's quotes as attributions (content parts, source and cue spans)."""
    result = []
    for quote, parts in find_quotes_with_parts(doc, entities):
        source: Parts = ((quote.speaker_span[0], quote.speaker_span[1]),) if quote.speaker_span else ()
        cue: Parts = ((quote.cue_span[0], quote.cue_span[1]),) if quote.cue_span else ()
        content: Parts = tuple((start, end) for start, end in parts)
        result.append(Attribution(cue, source, content, quote.speaker, entities))
    return result


def textacy_quotes(doc: Doc) -> list[Attribution] | None:
    """textacy's direct quotations, or None when textacy is not installed."""
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        return None
    result = []
    try:
        triples = list(direct_quotations(doc))
    except Exception:  # textacy raises on some odd texts; that article counts as no quotes
        log.warning("textacy failed on one article", exc_info=True)
        return []
    for triple in triples:
        def chars(tokens: Iterable[Any]) -> Parts:
            tokens = list(tokens)
            if not tokens:
                return ()
            first, last = min(t.i for t in tokens), max(t.i for t in tokens)
            return ((doc[first].idx, doc[last].idx + len(doc[last].text)),)
        content = triple.content
        result.append(Attribution(chars(triple.cue), chars(triple.speaker), ((content.start_char, content.end_char),)))
    return result


# ---------------------------------------------------------------------- scoring
def _trim(text: str, parts: Parts) -> Parts:
    """Parts without edge whitespace, joined where only whitespace separates them.

    PolNeAR's annotation tool cut a span at every sentence (and paragraph) break of its display,
    so one multi-sentence content is often several parts with a space between them ("...
    legislate. | We introduce bills."); those parts cover the same words as one span, and both
    gold and predictions are compared in this joined form.
    """
    out: list[tuple[int, int]] = []
    for start, end in sorted(parts):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            continue
        if out and (start <= out[-1][1] or not text[out[-1][1]:start].strip()):
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)


def _overlaps(a: Parts, b: Parts) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn

    def scores(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


@dataclass
class Overlap:
    hit_pred: int = 0
    pred: int = 0
    hit_gold: int = 0
    gold: int = 0

    def scores(self) -> dict[str, float]:
        p = self.hit_pred / self.pred if self.pred else 0.0
        r = self.hit_gold / self.gold if self.gold else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def _match_counts(preds: list[Attribution], golds: list[Attribution], same: Any) -> tuple[int, int, int]:
    tp = sum(1 for p in preds if any(same(p, g) for g in golds))
    fn = sum(1 for g in golds if not any(same(p, g) for p in preds))
    return tp, len(preds) - tp, fn


def _token_ids(doc: Doc, parts: Parts) -> set[int]:
    ids: set[int] = set()
    for start, end in parts:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            ids.update(t.i for t in span if not t.is_space)
    return ids


class Scorer:
    """Accumulates exact, overlap and pronoun-speaker figures for one system over a split."""

    def __init__(self) -> None:
        self.exact = {role: Counts() for role in (*ROLES, "attribution")}
        self.overlap = {role: Overlap() for role in ROLES}
        self.attribution_overlap = Counts()
        self.predicted = 0
        self.gold = 0

    def add(self, doc: Doc, preds: list[Attribution], golds: list[Attribution]) -> None:
        text = doc.text
        preds = [Attribution(_trim(text, p.cue), _trim(text, p.source), _trim(text, p.content), p.speaker, p.entities)
                 for p in preds]
        golds = [Attribution(_trim(text, g.cue), _trim(text, g.source), _trim(text, g.content)) for g in golds]
        self.predicted += len(preds)
        self.gold += len(golds)
        self.exact["cue"].add(*_match_counts(preds, golds, lambda p, g: p.cue == g.cue))
        self.exact["source"].add(*_match_counts(
            preds, golds, lambda p, g: _overlaps(p.cue, g.cue) and p.source == g.source))
        self.exact["content"].add(*_match_counts(
            preds, golds, lambda p, g: _overlaps(p.cue, g.cue) and p.content == g.content))
        self.exact["attribution"].add(*_match_counts(
            preds, golds, lambda p, g: p.cue == g.cue and p.source == g.source and p.content == g.content))
        self.attribution_overlap.add(*_match_counts(
            preds, golds,
            lambda p, g: _overlaps(p.cue, g.cue) and _overlaps(p.content, g.content)
            and (_overlaps(p.source, g.source) or (not p.source and not g.source))))
        for role in ROLES:
            pred_tokens = set().union(*(_token_ids(doc, getattr(p, role)) for p in preds)) if preds else set()
            gold_tokens = set().union(*(_token_ids(doc, getattr(g, role)) for g in golds)) if golds else set()
            both = pred_tokens & gold_tokens
            o = self.overlap[role]
            o.hit_pred += len(both)
            o.pred += len(pred_tokens)
            o.hit_gold += len(both)
            o.gold += len(gold_tokens)

    def report(self) -> dict[str, Any]:
        pooled = Overlap(
            sum(o.hit_pred for o in self.overlap.values()), sum(o.pred for o in self.overlap.values()),
            sum(o.hit_gold for o in self.overlap.values()), sum(o.gold for o in self.overlap.values()),
        )
        return {
            "predicted": self.predicted,
            "gold": self.gold,
            "exact": {role: c.scores() for role, c in self.exact.items()},
            "overlap": {
                **{role: o.scores() for role, o in self.overlap.items()},
                "attribution_tokens": pooled.scores(),
                "attribution_counted": self.attribution_overlap.scores(),
            },
        }


def _could_be(pronoun: str, words: str) -> bool:
    """Whether a named gold source could be what the pronoun refers to (honorifics give gender)."""
    tokens = words.split()
    if not tokens or words.lower() in PRONOUNS or tokens[0].lower() in {"who", "that", "which"}:
        return False
    names = [t for t in tokens[1:] if t[:1].isupper()] + ([tokens[0]] if tokens[0][:1].isupper()
                                                          and tokens[0].lower() not in {"the", "a", "an"} else [])
    if not names:
        return False
    first = tokens[0].rstrip(".").lower()
    if pronoun == "she" and first == "mr":
        return False
    if pronoun == "he" and first in {"mrs", "ms", "miss"}:
        return False
    if pronoun == "they":
        return True
    return True


def pronoun_speakers(text: str, preds: list[Attribution], golds: list[Attribution]) -> tuple[int, int, int]:
    """(gold pronoun sources with a silver antecedent, of those found by us, of those right)."""
    ordered = sorted((g for g in golds if g.source), key=lambda g: g.source[0][0])
    total = found = right = 0
    for n, gold in enumerate(ordered):
        if text[gold.source[0][0]:gold.source[-1][1]].strip().lower() not in PRONOUNS:
            continue
        pronoun = text[gold.source[0][0]:gold.source[-1][1]].strip().lower()
        antecedent = None
        for earlier in reversed(ordered[:n]):
            words = text[earlier.source[0][0]:earlier.source[-1][1]].strip()
            if earlier.source[0][0] < gold.source[0][0] and _could_be(pronoun, words):
                antecedent = earlier.source
                break
        if antecedent is None:
            continue
        total += 1
        mine = next((p for p in preds if _overlaps(p.source, gold.source) and _overlaps(p.cue, gold.cue)), None)
        if mine is None or mine.speaker is None:
            continue
        found += 1
        entity = next((e for e in mine.entities if e.id == mine.speaker), None)
        if entity is not None and any(_overlaps(((s, e),), antecedent) for s, e in entity.mentions):
            right += 1
    return total, found, right


def run(anchors: Path, split: str = "dev", limit: int | None = None, with_textacy: bool = True) -> dict[str, Any]:
    """Score eventwire (and textacy's direct quotations) on one PolNeAR split."""
    polnear = anchors / FOLDER
    files = list(_split_files(polnear, split))
    if limit:
        files = files[:limit]
    unique_texts = sorted({text for _, text, _ in files})
    docs = dict(zip(unique_texts, parse_cached(unique_texts, "polnear")))
    mine, theirs = Scorer(), Scorer()
    textacy_ok = with_textacy
    pronouns = [0, 0, 0]
    quote_seconds = 0.0
    predictions: dict[str, list[Attribution]] = {}
    for text, doc in docs.items():
        entities = find_entities(doc, Article(id="polnear", text=text))
        t1 = time.perf_counter()
        predictions[text] = ours(doc, entities)
        quote_seconds += time.perf_counter() - t1
    textacy_predictions: dict[str, list[Attribution] | None] = {}
    for name, text, ann in files:
        doc = docs[text]
        golds = parse_ann(ann)
        mine.add(doc, predictions[text], golds)
        for k, v in enumerate(pronoun_speakers(text, predictions[text], golds)):
            pronouns[k] += v
        if textacy_ok:
            if text not in textacy_predictions:
                textacy_predictions[text] = textacy_quotes(doc)
            found = textacy_predictions[text]
            if found is None:
                textacy_ok = False
            else:
                theirs.add(doc, found, golds)
    # The parse is cached, so time a fresh parse of a few texts as the yardstick for the stage.
    sample = unique_texts[:8]
    t2 = time.perf_counter()
    for _ in load_pipeline().pipe(sample):
        pass
    parse_ms = 1000 * (time.perf_counter() - t2) / max(1, len(sample))
    sample_chars = sum(map(len, sample)) / max(1, len(sample))
    all_chars = sum(map(len, unique_texts)) / max(1, len(unique_texts))
    parse_ms *= all_chars / sample_chars if sample_chars else 1.0
    quotes_ms = 1000 * quote_seconds / max(1, len(docs))
    result: dict[str, Any] = {
        "split": split,
        "annotation_files": len(files),
        "articles": len(unique_texts),
        "eventwire": mine.report(),
        "pronoun_speakers": {
            "gold_pronoun_sources": pronouns[0],
            "found": pronouns[1],
            "right": pronouns[2],
            "accuracy_of_found": round(pronouns[2] / pronouns[1], 4) if pronouns[1] else 0.0,
            "accuracy_of_all": round(pronouns[2] / pronouns[0], 4) if pronouns[0] else 0.0,
        },
        "speed": {
            "quotes_ms_per_article": round(quotes_ms, 2),
            "parse_ms_per_article": round(parse_ms, 2),
            "quotes_over_parse": round(quotes_ms / parse_ms, 4) if parse_ms else None,
        },
        "references": {"citron_parc3": {"exact": 0.567, "overlap": 0.832}, "gender_gap_tracker": {"overlap": 0.837}},
    }
    result["textacy"] = theirs.report() if textacy_ok else None
    return result


def _row(name: str, report: dict[str, Any] | None, pick: Any) -> str:
    if report is None:
        return f"  {name:<30} (textacy not installed: pip install textacy)"
    cells = []
    for role in ROLES:
        cells.append(pick(report, role))
    return f"  {name:<30}" + "".join(f"{c:>22}" for c in cells)


def format_table(result: dict[str, Any]) -> str:
    """The figures as a plain-text table, ours beside textacy's."""
    lines = [f"PolNeAR {result['split']}: {result['articles']} articles, {result['annotation_files']} annotation files, "
             f"{result['eventwire']['gold']} gold attributions"]

    def prf(d: dict[str, float]) -> str:
        return f"{d['p']:.3f}/{d['r']:.3f}/{d['f1']:.3f}"

    for system in ("eventwire", "textacy"):
        report = result.get(system)
        lines.append("")
        if report is None:
            lines.append(f"{system}: not run (pip install textacy)")
            continue
        lines.append(f"{system}: {report['predicted']} predicted          P/R/F1")
        lines.append(f"  {'':<28}{'cue':>22}{'source':>22}{'content':>22}{'whole attribution':>22}")
        lines.append(f"  {'exact':<28}" + "".join(f"{prf(report['exact'][r]):>22}" for r in (*ROLES, "attribution")))
        lines.append(f"  {'overlap (tokens)':<28}" + "".join(
            f"{prf(report['overlap'][r]):>22}" for r in (*ROLES, "attribution_tokens")))
        lines.append(f"  {'overlap (counted, all 3)':<28}{'':>66}{prf(report['overlap']['attribution_counted']):>22}")
    ps = result["pronoun_speakers"]
    lines.append("")
    lines.append(f"speaker on he/she/they sources (silver antecedents): {ps['right']}/{ps['found']} found right "
                 f"({ps['accuracy_of_found']:.3f}), {ps['found']}/{ps['gold_pronoun_sources']} found")
    sp = result["speed"]
    lines.append(f"quotes stage: {sp['quotes_ms_per_article']} ms/article, spaCy parse "
                 f"{sp['parse_ms_per_article']} ms/article ({100 * (sp['quotes_over_parse'] or 0):.1f}% of parsing)")
    lines.append("references (PARC 3.0 / GGT, not this corpus): citron 0.567 exact / 0.832 overlap; "
                 "GenderGapTracker 0.837 overlap")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Quote attribution on PolNeAR, eventwire beside textacy.")
    parser.add_argument("anchors", nargs="?", type=Path, default=None, help="the anchors folder (default ../shared/anchors)")
    parser.add_argument("--split", default="dev", choices=["dev", "train"], help="PolNeAR split (default dev)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N annotation files")
    parser.add_argument("--no-textacy", action="store_true", help="skip textacy's direct_quotations")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    anchors = args.anchors or anchors_dir()
    if anchors is None or not (anchors / FOLDER).is_dir():
        sys.exit("eval quotes: ../shared/anchors/quotes/polnear is not here (set EVENTWIRE_ANCHORS or pass the folder)")
    logging.basicConfig(level=logging.ERROR)
    result = run(anchors, args.split, args.limit, not args.no_textacy)
    print(json.dumps(result, indent=2) if args.json else format_table(result))


if __name__ == "__main__":
    main()
