"""Codebook probes: does the coder reach every CAMEO code of the CAMEO-to-PLOVER table?

``tests/data/cameo_probes.tsv`` holds two news-style sentences per CAMEO code (256 codes), written
for eventwire in our own words, each with the PLOVER type its main act should get. Half A is what
the coder may be tuned on; half B was written at the same time and is held back, so the gap
between the halves shows how far a fix generalises. Half C is more tuning material (one sentence
per code of the roots 05-08, 12, 14-17), written later without reading half B. The main act is chosen exactly as the
evaluation chooses it (``eventwire.evaluate.events.main_type``), with the pipeline's own actors.

``python tests/test_event_probes.py [--misses A|B]`` prints per-type P/R/F1 and macro F1 per half
(and the misses); ``pytest tests/test_event_probes.py`` holds half B's macro F1 to its floor in
``tests/gates/events.json``.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

PROBES = Path(__file__).resolve().parent / "data" / "cameo_probes.tsv"
GATES = Path(__file__).resolve().parent / "gates" / "events.json"
PLOVER_TYPES = ["AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "ACCUSE", "REQUEST",
                "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT"]


def read_probes(path: Path = PROBES) -> list[dict[str, str]]:
    """The probe rows (cameo, plover, half, sentence); comment lines start with '#'."""
    with open(path, encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def predict(rows: list[dict[str, str]]) -> list[str | None]:
    """The PLOVER type of each sentence's main coded act (None: no typed act)."""
    from eventwire.evaluate import parse_cached
    from eventwire.evaluate.events import code_with_mentions, main_type

    docs = parse_cached([r["sentence"] for r in rows], "cameo-probes")
    found = []
    for i, doc in enumerate(docs):
        events, mentions, _ = code_with_mentions(doc, "2026-01-01", f"probe{i}")
        found.append(main_type(events, mentions))
    return found


def score(gold: list[str], pred: list[str | None]) -> dict[str, Any]:
    """Single-label per-type precision / recall / F1 and macro F1 over the types with gold support."""
    from eventwire.evaluate.events import prf

    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for g, p in zip(gold, pred):
        if g == p:
            counts[g]["tp"] += 1
            continue
        counts[g]["fn"] += 1
        if p is not None:
            counts[p]["fp"] += 1
    per_type = {t: prf(c["tp"], c["fp"], c["fn"]) for t, c in counts.items()}
    supported = [v["f1"] for v in per_type.values() if v["support"]]
    return {"sentences": len(gold), "accuracy": round(sum(g == p for g, p in zip(gold, pred)) / max(1, len(gold)), 3),
            "macro_f1": round(sum(supported) / max(1, len(supported)), 3), "per_type": per_type}


def run() -> dict[str, Any]:
    """Figures per half (A tuned on, B held back) and the rows with their predictions."""
    rows = read_probes()
    pred = predict(rows)
    result: dict[str, Any] = {"rows": [dict(r, predicted=p) for r, p in zip(rows, pred)]}
    for half in ("A", "B", "C"):
        picked = [(r["plover"], p) for r, p in zip(rows, pred) if r["half"] == half]
        result[half] = score([g for g, _ in picked], [p for _, p in picked])
    return result


def format_result(result: dict[str, Any]) -> str:
    lines = []
    for half, label in (("A", "half A (tuned on)"), ("B", "half B (held back)"), ("C", "half C (tuned on)")):
        r = result[half]
        if not r["sentences"]:
            continue
        lines.append(f"{label}: {r['sentences']} sentences, accuracy {r['accuracy']:.3f}, macro F1 {r['macro_f1']:.3f}")
    lines.append(f"{'type':<10} {'A P':>5} {'A R':>5} {'A F1':>5} {'B P':>5} {'B R':>5} {'B F1':>5} {'n':>3}")
    for t in PLOVER_TYPES:
        a, b = result["A"]["per_type"].get(t), result["B"]["per_type"].get(t)
        if not a and not b:
            continue
        cells = []
        for v in (a, b):
            v = v or {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0}
            cells += [f"{v['precision']:5.2f}", f"{v['recall']:5.2f}", f"{v['f1']:5.2f}"]
        lines.append(f"{t:<10} {' '.join(cells)} {(a or b)['support']:>3}")
    return "\n".join(lines)


def test_probe_file_covers_every_code_twice() -> None:
    rows = read_probes()
    for half in ("A", "B"):
        per_code = Counter(r["cameo"] for r in rows if r["half"] == half)
        assert len(per_code) >= 250 and set(per_code.values()) == {1}
    assert all(r["plover"] in PLOVER_TYPES and r["half"] in ("A", "B", "C") for r in rows)


def test_probe_types_follow_the_published_table(anchors: Path) -> None:
    """Every A/B row's type is the CAMEO-to-PLOVER table's for its code (163 differs on purpose)."""
    table = anchors / "events" / "raw" / "CAMEO2PLOVER-2021.txt"
    if not table.is_file():
        import pytest

        pytest.skip("the CAMEO-to-PLOVER table is not in the anchors folder")
    published: dict[str, str] = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\s*(\d{3,4}):\s*([A-Z]+)", line)
        if match:
            published.setdefault(match.group(1), match.group(2))
    rows = [r for r in read_probes() if r["half"] in ("A", "B")]
    assert {r["cameo"] for r in rows} == set(published)
    wrong = [(r["cameo"], r["plover"]) for r in rows if r["plover"] != published[r["cameo"]] and r["cameo"] != "163"]
    assert not wrong


def test_codebook_probes_held_back_half() -> None:
    floors = json.loads(GATES.read_text(encoding="utf-8"))
    result = run()
    print("\n" + format_result(result))
    assert result["B"]["macro_f1"] >= floors["probes_heldout_macro_f1"], result["B"]["per_type"]
    assert result["A"]["macro_f1"] >= floors["probes_tuned_macro_f1"], result["A"]["per_type"]
    assert result["C"]["macro_f1"] >= floors["probes_more_tuned_macro_f1"], result["C"]["per_type"]


def main(argv: list[str]) -> int:
    result = run()
    print(format_result(result))
    if "--misses" in argv:
        halves = argv[argv.index("--misses") + 1:] or ["A"]
        for row in result["rows"]:
            if row["half"] in halves and row["predicted"] != row["plover"]:
                print(f"{row['half']} {row['cameo']:<5} {row['plover']:<9} -> {str(row['predicted']):<9} {row['sentence']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
