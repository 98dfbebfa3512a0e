"""Main-text extraction quality on the article-extraction anchor (Zyte's article-extraction-benchmark).

For each HTML page the cleaned ``Article.text`` is compared with the hand-made article body using
the benchmark's metric: ``\\w+`` tokens, multisets of 4-token shingles, per-page tp/fp/fn scaled to
sum 1 (so long pages weigh no more than short ones), precision averaged over pages with a
non-empty prediction, recall over pages with a non-empty truth, F1 the harmonic mean of the two.

Compared: eventwire's cleaner, trafilatura on its own (defaults, as a user would call it), and
every extractor whose stored output is in ``output/`` (empty stored files are skipped).

    python -m eventwire.evaluate.extraction [ANCHORS]
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import sys
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ..clean import clean_document
from ..errors import InputError
from ..ingest.decoding import decode_bytes
from ..records import Document
from . import anchors_dir

FOLDER = "article_extraction"
SHINGLE = 4
_TOKEN = re.compile(r"\w+")

Counts = tuple[float, float, float]


def shingles(text: str, size: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """The multiset of ``size``-token shingles of a text (a shorter text is one short shingle)."""
    tokens = _TOKEN.findall(text or "")
    if len(tokens) < size:
        return Counter([tuple(tokens)] if tokens else [])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def page_counts(truth: str, prediction: str) -> Counts:
    """tp, fp, fn of shingles for one page, scaled to sum 1 (all zero when both are empty)."""
    true_shingles, predicted = shingles(truth), shingles(prediction)
    tp = sum((true_shingles & predicted).values())
    fp = sum((predicted - true_shingles).values())
    fn = sum((true_shingles - predicted).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _ratio(hits: float, misses: float, other_misses: float) -> float:
    if misses == other_misses == 0:
        return 1.0
    return hits / (hits + misses) if hits + misses else 0.0


def macro_scores(counts: list[Counts]) -> dict[str, float]:
    """Precision over pages that predicted something, recall over pages with a truth, and F1."""
    precisions = [_ratio(tp, fp, fn) for tp, fp, fn in counts if tp + fp > 0]
    recalls = [_ratio(tp, fn, fp) for tp, fp, fn in counts if tp + fn > 0]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "pages": len(counts),
            "empty": sum(1 for tp, fp, _ in counts if tp + fp == 0)}


def score(truth: Mapping[str, str], predictions: Mapping[str, str]) -> dict[str, float]:
    """Macro scores of ``predictions`` (page id -> text) against ``truth``; a missing page is empty."""
    return macro_scores([page_counts(truth[key], predictions.get(key, "")) for key in truth])


def load_truth(folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Article bodies and URLs by page id."""
    data = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    return ({key: value.get("articleBody", "") for key, value in data.items()},
            {key: value.get("url", "") for key, value in data.items()})


def load_stored_outputs(folder: Path) -> dict[str, dict[str, str]]:
    """Other extractors' stored predictions by system name (unwrapped; empty files left out)."""
    systems: dict[str, dict[str, str]] = {}
    for path in sorted((folder / "output").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "output" in data and "version" in data:
            data = data["output"]
        if data:
            systems[path.stem] = {key: (value or {}).get("articleBody", "") or "" for key, value in data.items()}
    return systems


def load_pages(folder: Path) -> dict[str, str]:
    """The HTML of every page by id."""
    pages = {}
    for path in sorted((folder / "html").glob("*.html.gz")):
        pages[path.name.removesuffix(".html.gz")] = decode_bytes(gzip.decompress(path.read_bytes()))[0]
    return pages


def eventwire_text(html: str, url: str | None, page_id: str) -> str:
    """What eventwire's cleaner keeps of one page ("" when it finds no main text)."""
    try:
        return clean_document(Document(id=page_id, html=html, url=url or None)).text
    except InputError:
        return ""


def trafilatura_text(html: str, url: str | None, page_id: str) -> str:
    """trafilatura.extract with its defaults, the baseline we build on."""
    import trafilatura

    return trafilatura.extract(html, url=url or None) or ""


def predict(pages: Mapping[str, str], urls: Mapping[str, str],
            extractor: Callable[[str, str | None, str], str]) -> dict[str, str]:
    return {key: extractor(html, urls.get(key), key) for key, html in pages.items()}


def run(anchors: Path) -> dict[str, Any]:
    """Scores of eventwire, bare trafilatura and the stored extractors on the anchor's pages."""
    folder = anchors / FOLDER
    truth, urls = load_truth(folder)
    pages = {key: html for key, html in load_pages(folder).items() if key in truth}
    truth = {key: body for key, body in truth.items() if key in pages}
    systems = {"eventwire": score(truth, predict(pages, urls, eventwire_text)),
               "trafilatura (bare)": score(truth, predict(pages, urls, trafilatura_text))}
    for name, outputs in load_stored_outputs(folder).items():
        systems[name] = score(truth, outputs)
    return {"pages": len(truth), "systems": systems}


def format_table(result: Mapping[str, Any]) -> str:
    """The scores as a plain table, best F1 first."""
    rows = sorted(result["systems"].items(), key=lambda item: -item[1]["f1"])
    lines = [f"main-text extraction on {result['pages']} pages (4-gram shingles, macro)",
             f"{'system':<22} {'F1':>6} {'prec':>6} {'recall':>6} {'empty':>6}"]
    lines += [f"{name:<22} {s['f1']:>6.3f} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['empty']:>6}"
              for name, s in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    anchors = Path(args[0]) if args else anchors_dir()
    if anchors is None or not (anchors / FOLDER).is_dir():
        print("article_extraction anchor not found (set EVENTWIRE_ANCHORS or pass its parent folder)")
        return 2
    print(format_table(run(anchors)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
