"""The quote stage's word lists, read once per process from ``eventwire/data/quotes/``.

Cue verbs by class (what each class accepts as content), prepositions and particles that join a
cue, non-verb cues ("according to"), and channel patterns for ``via``. Users extend these files;
nothing here is a Python word list.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

log = logging.getLogger(__name__)

CONTENT_KINDS = {"quote", "clause", "object", "infinitive"}


@dataclass(frozen=True)
class CueVerb:
    """What one cue lemma accepts as content, and which class(es) it comes from."""

    lemma: str
    classes: frozenset[str]
    content: frozenset[str]
    prepositions: frozenset[str] = frozenset()
    particles: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, CueVerb]
    forms: dict[str, str]
    span_dependents: frozenset[str]
    span_adverbs: frozenset[str]
    statement_phrases: tuple[tuple[str, ...], ...]
    content_openers: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    nouns: frozenset[str]
    colon_cue: bool
    colon_labels: frozenset[str]
    colon_sources: frozenset[str]
    channel_verbs: frozenset[str]
    channel_prepositions: frozenset[str]
    channel_object_verbs: frozenset[str]
    media_kinds: frozenset[str]
    media_sectors: frozenset[str]
    media_nouns: frozenset[str]
    platforms: frozenset[str]
    addressee_verbs: frozenset[str] = frozenset()
    passive_cues: frozenset[str] = frozenset()
    passive_hearer_cues: frozenset[str] = frozenset()
    source_first_drop: frozenset[str] = frozenset()
    source_last_drop: frozenset[str] = frozenset()
    finding_nouns: frozenset[str] = frozenset()
    adjectives: dict[str, frozenset[str]] = field(default_factory=dict)
    complement_cues: dict[str, frozenset[str]] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def cue_verb(self, lemma: str, lower: str) -> CueVerb | None:
        """The cue entry for a verb token, correcting known lemmatizer slips by its form."""
        return self.verbs.get(self.forms.get(lower, lemma))


def _read(name: str) -> dict[str, Any]:
    text = resources.files("eventwire").joinpath("data", "quotes", name).read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{name}: expected a mapping at the top level")
    return data


def _word(value: Any) -> str:
    # YAML 1.1 reads a bare `on`/`off` as a boolean; in these lists they are prepositions
    if value is True:
        return "on"
    if value is False:
        return "off"
    return str(value).lower()


def _words(values: Any) -> frozenset[str]:
    return frozenset(_word(v) for v in (values or []))


def build_lexicon(cues: dict[str, Any], nouns: dict[str, Any], channels: dict[str, Any]) -> Lexicon:
    """Combine the three data files into one lookup structure (a lemma's classes are merged)."""
    classes: dict[str, set[str]] = {}
    content: dict[str, set[str]] = {}
    for class_name, spec in (cues.get("classes") or {}).items():
        kinds = set(spec.get("content") or []) & CONTENT_KINDS
        for lemma in spec.get("lemmas") or []:
            lemma = str(lemma).lower()
            classes.setdefault(lemma, set()).add(class_name)
            content.setdefault(lemma, set()).update(kinds)
    preps = {_word(k): _words(v) for k, v in (cues.get("prepositions") or {}).items()}
    particles = {_word(k): _words(v) for k, v in (cues.get("particles") or {}).items()}
    required: dict[str, frozenset[str]] = {}
    for lemma, words in particles.items():
        if lemma not in classes:  # "ruled out" is a cue, "ruled" alone is not
            required[lemma] = words
            classes[lemma] = {"phrasal"}
            content[lemma] = {"quote", "clause", "object"}
    verbs = {
        lemma: CueVerb(
            lemma=lemma,
            classes=frozenset(classes[lemma]),
            content=frozenset(content[lemma]),
            prepositions=preps.get(lemma, frozenset()),
            particles=required.get(lemma, frozenset()),
        )
        for lemma in classes
    }
    span = cues.get("cue_span") or {}
    return Lexicon(
        verbs=verbs,
        forms={str(k).lower(): str(v).lower() for k, v in (cues.get("forms") or {}).items()},
        span_dependents=_words(span.get("dependents_before")),
        span_adverbs=_words(span.get("adverbs")),
        statement_phrases=tuple(tuple(p.lower().split()) for p in span.get("statement_phrases") or []),
        content_openers=_words(cues.get("content_openers")),
        phrases=tuple(tuple(p.lower().split()) for p in nouns.get("phrases") or []),
        nouns=_words(nouns.get("nouns")),
        colon_cue=bool(nouns.get("colon_cue", True)),
        colon_labels=_words(nouns.get("colon_labels")),
        colon_sources=_words(nouns.get("colon_sources")),
        channel_verbs=_words(channels.get("verbs")),
        channel_prepositions=_words(channels.get("prepositions")),
        channel_object_verbs=_words(channels.get("object_verbs")),
        media_kinds=frozenset(str(v).upper() for v in channels.get("media_kinds") or []),
        media_sectors=frozenset(str(v).upper() for v in channels.get("media_sectors") or []),
        media_nouns=_words(channels.get("media_nouns")),
        platforms=frozenset(str(v) for v in channels.get("platforms") or []),
        addressee_verbs=_words(cues.get("addressee_verbs")),
        passive_cues=_words(cues.get("passive_cues")),
        passive_hearer_cues=_words(cues.get("passive_hearer_cues")),
        source_first_drop=_words((cues.get("source_edges") or {}).get("first")),
        source_last_drop=_words((cues.get("source_edges") or {}).get("last")),
        finding_nouns=_words(nouns.get("finding_nouns")),
        adjectives={_word(k): _words(v) for k, v in (cues.get("adjectives") or {}).items()},
        complement_cues={_word(k): _words(v) for k, v in (cues.get("complement_cues") or {}).items()},
    )


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon, read and compiled once per process."""
    return build_lexicon(_read("cue_verbs.yaml"), _read("noun_cues.yaml"), _read("channels.yaml"))
