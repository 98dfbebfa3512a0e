"""Score the time stage on TempEval-3 TimeBank and AQUAINT, beside ``dateparser``.

Reads ``timeml/tempeval3/Training/TBAQ-cleaned/{TimeBank,AQUAINT}/*.tml`` from the anchors in
place: the text inside <TEXT> with its tags stripped, the gold TIMEX3 extents, types and values,
and the document creation time (DCT), which is what ``find_times`` gets as publication date.

Figures as TempEval-3 reports them: extent precision/recall/F1 with strict (same span) and
relaxed (overlapping span) matching; type and value accuracy over relaxed matches, and type and
value F1 (= relaxed F1 x accuracy). HeidelTime on the TempEval-3 test set: strict F1 0.813,
relaxed F1 0.903, value F1 0.776.

    python -m eventwire.evaluate.times               # ours and dateparser, no spaCy
    python -m eventwire.evaluate.times --spacy       # ours with spaCy parses (cached in /tmp)
    python -m eventwire.evaluate.times --errors 40   # also print value and extent errors
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import html
import json
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import anchors_dir

CORPORA = ("TimeBank", "AQUAINT")
TIMEML_DIR = Path("timeml") / "tempeval3" / "Training" / "TBAQ-cleaned"
HEIDELTIME_TE3 = {"strict_f1": 0.813, "relaxed_f1": 0.903, "value_f1": 0.776}
_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class Timex:
    """One time expression, gold or predicted: span into the document text, type, value."""

    start: int
    end: int
    type: str
    value: str
    text: str = ""


@dataclass
class TimeMLDocument:
    name: str
    corpus: str
    dct: dt.date
    text: str
    gold: list[Timex] = field(default_factory=list)


def read_timeml(path: Path, corpus: str = "") -> TimeMLDocument:
    """The text of <TEXT> with tags stripped and entities decoded, its TIMEX3s, and the DCT."""
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r"<DCT>.*?value=\"(\d{4}-\d{2}-\d{2})", raw, re.DOTALL)
    body_match = re.search(r"<TEXT>(.*)</TEXT>", raw, re.DOTALL)
    if dct_match is None or body_match is None:
        raise ValueError(f"{path}: no DCT or TEXT")
    body = body_match.group(1)
    parts: list[str] = []
    length, pos = 0, 0
    opened: tuple[int, dict[str, str]] | None = None
    gold: list[Timex] = []
    for m in _TAG.finditer(body):
        piece = html.unescape(body[pos : m.start()])
        parts.append(piece)
        length += len(piece)
        pos = m.end()
        if m.group(2) != "TIMEX3":
            continue
        if m.group(1) == "":
            opened = (length, dict(_ATTR.findall(m.group(3))))
        elif opened is not None:
            start, attrs = opened
            gold.append(Timex(start, length, attrs.get("type", ""), attrs.get("value", "")))
            opened = None
    parts.append(html.unescape(body[pos:]))
    text = "".join(parts)
    for timex in gold:
        timex.text = text[timex.start : timex.end]
    return TimeMLDocument(path.stem, corpus, dt.date.fromisoformat(dct_match.group(1)), text, gold)


def load_corpora(anchors: Path) -> dict[str, list[TimeMLDocument]]:
    """TimeBank and AQUAINT documents, each sorted by name."""
    root = anchors / TIMEML_DIR
    return {
        corpus: [read_timeml(p, corpus) for p in sorted((root / corpus).glob("*.tml"))]
        for corpus in CORPORA
        if (root / corpus).is_dir()
    }


# ---------------------------------------------------------------------------------------------
# scoring


def _trimmed(t: Timex, text: str) -> tuple[int, int]:
    """Span without surrounding whitespace and trailing sentence punctuation (token-level match)."""
    start, end = t.start, t.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def match(gold: list[Timex], pred: list[Timex], text: str) -> list[tuple[Timex, Timex, bool]]:
    """One-to-one pairs of overlapping gold and predicted expressions, largest overlap first;
    the flag says whether the extents are the same (strict match)."""
    options = []
    for gi, g in enumerate(gold):
        gs, ge = _trimmed(g, text)
        for pi, p in enumerate(pred):
            ps, pe = _trimmed(p, text)
            overlap = min(ge, pe) - max(gs, ps)
            if overlap > 0:
                options.append((-overlap, gi, pi, (gs, ge) == (ps, pe)))
    options.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi, strict in options:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gold[gi], pred[pi], strict))
    return pairs


def _prf(hits: float, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = hits / n_pred if n_pred else 0.0
    r = hits / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Tally:
    gold: int = 0
    pred: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0

    def add(self, other: Tally) -> None:
        for name in ("gold", "pred", "strict", "relaxed", "type_ok", "value_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def figures(self) -> dict[str, float]:
        sp, sr, sf = _prf(self.strict, self.pred, self.gold)
        rp, rr, rf = _prf(self.relaxed, self.pred, self.gold)
        type_acc = self.type_ok / self.relaxed if self.relaxed else 0.0
        value_acc = self.value_ok / self.relaxed if self.relaxed else 0.0
        return {
            "gold": self.gold,
            "predicted": self.pred,
            "strict_p": sp, "strict_r": sr, "strict_f1": sf,
            "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
            "type_accuracy": type_acc, "type_f1": rf * type_acc,
            "value_accuracy": value_acc, "value_f1": rf * value_acc,
        }


def score_document(doc: TimeMLDocument, pred: list[Timex]) -> tuple[Tally, list[tuple[Timex, Timex, bool]]]:
    pairs = match(doc.gold, pred, doc.text)
    tally = Tally(gold=len(doc.gold), pred=len(pred), relaxed=len(pairs))
    tally.strict = sum(1 for _, _, strict in pairs if strict)
    tally.type_ok = sum(1 for g, p, _ in pairs if g.type == p.type)
    tally.value_ok = sum(1 for g, p, _ in pairs if g.value == p.value)
    return tally, pairs


# ---------------------------------------------------------------------------------------------
# systems

System = Callable[[TimeMLDocument], list[Timex]]


def eventwire_system(nlp: Any = None, cache: Path | None = None) -> System:
    """Our time stage; with ``nlp`` each text is parsed first (parses cached under ``cache``)."""
    from ..times import find_times

    def predict(doc: TimeMLDocument) -> list[Timex]:
        parsed = _parse(nlp, doc.text, cache) if nlp is not None else None
        return [Timex(r.span[0], r.span[1], r.type, r.value, r.text) for r in find_times(doc.text, doc.dct, parsed)]

    return predict


def _parse(nlp: Any, text: str, cache: Path | None) -> Any:
    from spacy.tokens import Doc

    if cache is None:
        return nlp(text)
    key = hashlib.sha1((nlp.meta.get("name", "") + nlp.meta.get("version", "") + text).encode()).hexdigest()
    path = cache / f"{key}.spacy"
    if path.exists():
        return Doc(nlp.vocab).from_disk(path)
    parsed = nlp(text)
    cache.mkdir(parents=True, exist_ok=True)
    parsed.to_disk(path)
    return parsed


_DATEPARSER_GRAN = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y", "time": "%Y-%m-%dT%H:%M"}


def dateparser_system(settings: dict[str, Any] | None = None) -> System:
    """``dateparser.search.search_dates`` with RELATIVE_BASE = the DCT.

    dateparser gives a datetime per hit; its granularity (``DateDataParser.get_date_data``
    period) decides how the TIMEX3 value is written (day, ISO week, month, year, clock time).
    It has no durations or sets, so those can only count for extent.
    """
    from dateparser import DateDataParser  # type: ignore[import-untyped]
    from dateparser.search import search_dates  # type: ignore[import-untyped]

    extra = dict(settings or {})

    def predict(doc: TimeMLDocument) -> list[Timex]:
        base = dt.datetime(doc.dct.year, doc.dct.month, doc.dct.day)
        conf = {"RELATIVE_BASE": base, "RETURN_AS_TIMEZONE_AWARE": False, **extra}
        try:
            hits = search_dates(doc.text, languages=["en"], settings=conf) or []
        except Exception:  # noqa: BLE001 - the baseline failing on one text counts as finding nothing
            return []
        parser = DateDataParser(languages=["en"], settings=conf)
        out: list[Timex] = []
        cursor = 0
        for phrase, when in hits:
            start = doc.text.find(phrase, cursor)
            if start < 0:
                continue
            end = start + len(phrase)
            cursor = end
            try:
                period = parser.get_date_data(phrase).period or "day"
            except Exception:  # noqa: BLE001 - no period known: write the value as a day
                period = "day"
            if period == "week":
                iso = when.isocalendar()
                value = f"{iso[0]:04d}-W{iso[1]:02d}"
            else:
                value = when.strftime(_DATEPARSER_GRAN.get(period, "%Y-%m-%d"))
            out.append(Timex(start, end, "TIME" if period == "time" else "DATE", value, phrase))
        return out

    return predict


# ---------------------------------------------------------------------------------------------
# running


def evaluate_system(system: System, corpora: dict[str, list[TimeMLDocument]],
                    errors: list[tuple[str, TimeMLDocument, Timex | None, Timex | None]] | None = None) -> dict[str, Any]:
    """Per-corpus and combined figures for one system."""
    totals: dict[str, Tally] = {}
    combined = Tally()
    started = time.perf_counter()
    for corpus, docs in corpora.items():
        tally = Tally()
        for doc in docs:
            pred = system(doc)
            doc_tally, pairs = score_document(doc, pred)
            tally.add(doc_tally)
            if errors is not None:
                _collect_errors(doc, pred, pairs, errors)
        totals[corpus] = tally
        combined.add(tally)
    result: dict[str, Any] = {corpus: tally.figures() for corpus, tally in totals.items()}
    result["combined"] = combined.figures()
    result["seconds"] = round(time.perf_counter() - started, 2)
    return result


def _collect_errors(doc: TimeMLDocument, pred: list[Timex], pairs: list[tuple[Timex, Timex, bool]],
                    errors: list[tuple[str, TimeMLDocument, Timex | None, Timex | None]]) -> None:
    matched_g = {id(g) for g, _, _ in pairs}
    matched_p = {id(p) for _, p, _ in pairs}
    for g in doc.gold:
        if id(g) not in matched_g:
            errors.append(("missed", doc, g, None))
    for p in pred:
        if id(p) not in matched_p:
            errors.append(("spurious", doc, None, p))
    for g, p, strict in pairs:
        if g.value != p.value or g.type != p.type:
            errors.append(("value", doc, g, p))
        elif not strict:
            errors.append(("extent", doc, g, p))


def run(anchors: Path, dateparser: bool = True, nlp: Any = None, cache: Path | None = None,
        errors: list[tuple[str, TimeMLDocument, Timex | None, Timex | None]] | None = None) -> dict[str, Any]:
    """Figures for eventwire (and dateparser, on the same documents in the same run)."""
    corpora = load_corpora(anchors)
    if not corpora:
        raise FileNotFoundError(f"no TimeML documents under {anchors / TIMEML_DIR}")
    result: dict[str, Any] = {
        "documents": {corpus: len(docs) for corpus, docs in corpora.items()},
        "heideltime_te3_test": HEIDELTIME_TE3,
        "eventwire": evaluate_system(eventwire_system(nlp, cache), corpora, errors),
    }
    if dateparser:
        try:
            result["dateparser"] = evaluate_system(dateparser_system(), corpora)
        except ImportError:
            result["dateparser"] = None
    return result


def format_results(result: dict[str, Any]) -> str:
    """The figures as a table: ours and dateparser per corpus and combined, HeidelTime for reference."""
    columns = [("strict_p", "sP"), ("strict_r", "sR"), ("strict_f1", "sF1"), ("relaxed_p", "rP"),
               ("relaxed_r", "rR"), ("relaxed_f1", "rF1"), ("type_accuracy", "typeAcc"),
               ("value_accuracy", "valAcc"), ("value_f1", "valF1")]
    lines = [f"{'system':11} {'corpus':9} {'gold':>5} {'pred':>5} " + " ".join(f"{h:>7}" for _, h in columns)]
    for system in ("eventwire", "dateparser"):
        figures = result.get(system)
        if not figures:
            continue
        for corpus in (*CORPORA, "combined"):
            if corpus not in figures:
                continue
            row = figures[corpus]
            lines.append(f"{system:11} {corpus:9} {row['gold']:>5} {row['predicted']:>5} "
                         + " ".join(f"{row[k]:>7.3f}" for k, _ in columns))
        lines.append(f"{'':11} ({figures['seconds']} s)")
    h = result["heideltime_te3_test"]
    lines.append(f"HeidelTime, TempEval-3 test set: strict F1 {h['strict_f1']}, relaxed F1 {h['relaxed_f1']}, "
                 f"value F1 {h['value_f1']}")
    return "\n".join(lines)


def _print_errors(errors: Iterable[tuple[str, TimeMLDocument, Timex | None, Timex | None]], limit: int) -> None:
    shown: dict[str, int] = {}
    for kind, doc, g, p in errors:
        if shown.get(kind, 0) >= limit:
            continue
        shown[kind] = shown.get(kind, 0) + 1
        anchor = g or p
        assert anchor is not None
        context = doc.text[max(0, anchor.start - 60) : anchor.end + 40].replace("\n", " ")
        gold = f"{g.text!r} {g.type} {g.value}" if g else "-"
        pred = f"{p.text!r} {p.type} {p.value}" if p else "-"
        print(f"{kind:8} {doc.name} dct={doc.dct} gold={gold} pred={pred}\n         ...{context}...")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--anchors", type=Path, default=None, help="folder of the development gold sets")
    parser.add_argument("--no-dateparser", action="store_true", help="skip the dateparser baseline")
    parser.add_argument("--spacy", action="store_true", help="give find_times spaCy parses (cached)")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/eventwire-times-parses"),
                        help="where spaCy parses are cached")
    parser.add_argument("--errors", type=int, default=0, help="print up to N errors of each kind")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    anchors = args.anchors or anchors_dir()
    if anchors is None:
        print("../shared/anchors not found; pass --anchors or set EVENTWIRE_ANCHORS", file=sys.stderr)
        return 2
    nlp = None
    if args.spacy:
        from ..analyse import DEFAULT_MODEL, load_pipeline

        nlp = load_pipeline(DEFAULT_MODEL)
    errors: list[tuple[str, TimeMLDocument, Timex | None, Timex | None]] | None = [] if args.errors else None
    result = run(anchors, dateparser=not args.no_dateparser, nlp=nlp, cache=args.cache, errors=errors)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(format_results(result))
    if errors:
        _print_errors(errors, args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
