"""Extract throughput on the VOA stories, as a ratio to bare spaCy parsing of the same texts.

Both are measured in the same run on the same machine, so the ratio holds where absolute
figures are noisy. Prints articles/s for bare ``nlp.pipe`` and for ``eventwire.extract_many``,
their ratio, and each stage's share of our time (the events and quotes budgets are read here).
Then the same extraction with every CPU core (``workers=0``), as a speed-up over one process
(process start and model loading included, as a user would see them).

    python bench/extract_throughput.py [--limit N] [--repeat R] [--no-workers]
"""

from __future__ import annotations

import argparse
import sys
import time

from eventwire.analyse import DEFAULT_MODEL, _import_pipeline, load_pipeline
from eventwire.evaluate import anchors_dir
from eventwire.evaluate.entities import load_voa
from eventwire.pipeline import extract_many, worker_count
from eventwire.records import Document


def load_stories(limit: int | None) -> list[Document]:
    folder = anchors_dir()
    if folder is None:
        sys.exit("bench: ../shared/anchors is not here; the VOA stories are needed (set EVENTWIRE_ANCHORS)")
    return load_voa(folder, limit)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N stories")
    parser.add_argument("--repeat", type=int, default=2, help="best of R runs")
    parser.add_argument("--no-workers", action="store_true", help="skip the run with one process per core")
    args = parser.parse_args()
    documents = load_stories(args.limit)
    texts = [d.text or "" for d in documents]
    bare = _import_pipeline(DEFAULT_MODEL)
    ours = load_pipeline(DEFAULT_MODEL)
    list(extract_many(documents[:2]))  # warm up: knowledge base, matchers, gazetteer

    best_bare = best_ours = float("inf")
    stage_times: dict[str, float] = {}
    for _ in range(args.repeat):
        start = time.perf_counter()
        for _doc in bare.pipe(texts, batch_size=16):
            pass
        best_bare = min(best_bare, time.perf_counter() - start)
        timings: dict[str, float] = {}
        start = time.perf_counter()
        results = list(extract_many(documents, timings=timings))
        elapsed = time.perf_counter() - start
        if elapsed < best_ours:
            best_ours, stage_times = elapsed, timings
    failed = sum(1 for r in results if isinstance(r, Exception))
    n = len(documents)
    print(f"stories: {n} ({sum(map(len, texts)):,} characters), model {ours.meta.get('name')}, failed {failed}")
    print(f"bare spaCy nlp.pipe : {n / best_bare:7.2f} articles/s")
    print(f"eventwire extract   : {n / best_ours:7.2f} articles/s")
    print(f"ratio (ours / bare time): {best_ours / best_bare:.2f}x")
    analyse = stage_times.get("analyse", 0.0)
    print("stage shares of our time (and cost relative to spaCy parsing):")
    for stage, seconds in sorted(stage_times.items(), key=lambda kv: -kv[1]):
        print(f"  {stage:8s} {100 * seconds / best_ours:5.1f}%   {100 * seconds / analyse if analyse else 0:6.1f}% of analyse")
    if not args.no_workers:
        cores = worker_count(0)
        start = time.perf_counter()
        parallel = list(extract_many(documents, workers=0))
        elapsed = time.perf_counter() - start
        same = [r.to_dict() for r in parallel if not isinstance(r, Exception)] == [
            r.to_dict() for r in results if not isinstance(r, Exception)]
        print(f"eventwire extract, {cores} processes: {n / elapsed:7.2f} articles/s, "
              f"{best_ours / elapsed:.2f}x one process (same output: {'yes' if same else 'NO'})")


if __name__ == "__main__":
    main()
