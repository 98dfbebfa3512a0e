"""Evaluation against the public development gold sets in ``../shared/anchors``.

Each module here scores one stage and has ``run(anchors: Path) -> dict`` plus a ``main()`` that
prints the figures; ``eventwire eval STAGE`` calls them. The data is read in place, never copied.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

from ..analyse import DEFAULT_MODEL, load_pipeline

log = logging.getLogger(__name__)


def anchors_dir() -> Path | None:
    """Where the development gold sets are: $EVENTWIRE_ANCHORS, else ../shared/anchors beside the repo."""
    env = os.environ.get("EVENTWIRE_ANCHORS")
    candidates = [Path(env)] if env else []
    repo_root = Path(__file__).resolve().parents[2]
    candidates += [repo_root.parent / "shared" / "anchors", Path.cwd().parent / "shared" / "anchors"]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return None


def parse_cached(texts: list[str], name: str, model: str = DEFAULT_MODEL) -> list[Doc]:
    """spaCy parses of ``texts``, kept in a DocBin under $EVENTWIRE_CACHE (default: the temp folder).

    The cache is keyed by model, spaCy version, pipeline components and every text, so a changed
    input or pipeline parses again; an unreadable or unwritable cache only costs time.
    """
    nlp = load_pipeline(model)
    key = hashlib.sha256(f"{model}|{spacy.__version__}|{'|'.join(nlp.pipe_names)}".encode())
    for text in texts:
        key.update(hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).digest())
    folder = Path(os.environ.get("EVENTWIRE_CACHE") or Path(tempfile.gettempdir()) / "eventwire-eval-cache")
    cache = folder / f"{name}-{key.hexdigest()[:20]}.spacy"
    if cache.is_file():
        try:
            docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
            if len(docs) == len(texts):
                return docs
        except Exception:  # a damaged cache file: parse again
            log.warning("unreadable parse cache %s, parsing again", cache)
    docs = list(nlp.pipe(texts, batch_size=32))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs, store_user_data=True).to_disk(cache)
    except OSError:
        log.warning("could not write the parse cache %s", cache)
    return docs
