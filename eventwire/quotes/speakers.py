"""Who said it and through whom: speaker entities for sources, channel entities for ``via``.

The actors stage resolves pronouns, surnames and "the spokesman" into entity mentions, so the
speaker is usually ``entity_at`` the source's head word. Where no mention covers a personal
pronoun, the most recent speaker before it (or, failing that, the nearest person) stands in.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..records import Entity, entity_at
from .finder import Attribution
from .lexicon import Lexicon

_PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
_GROUP_PRONOUNS = {"they", "them", "their"}
_NAME_DEPS = {"compound", "flat", "nmod"}
_PERSON_KINDS = {"PERSON"}
_GROUP_KINDS = {"ORG", "GPE", "NORP", "MEDIA", "IGO", "NGO", "ARMED_GROUP", "COMPANY"}


def _token_span(token: Token) -> tuple[int, int]:
    return token.idx, token.idx + len(token.text)


class SpeakerResolver:
    """Maps attribution sources and channels to entities of one article."""

    def __init__(self, doc: Doc, entities: list[Entity], lexicon: Lexicon, quoted: set[int] | None = None) -> None:
        self.doc = doc
        self.quoted = quoted or set()  # token indices inside quotation marks
        self.entities = entities
        self.lex = lexicon
        self.recent: list[tuple[int, Entity]] = []  # (char offset, speaker) in text order

    def speaker(self, attribution: Attribution) -> Entity | None:
        """The entity of the source: its key word first, then the whole source phrase."""
        if attribution.source is None:
            return None
        lo, hi = attribution.source
        key = self.doc[attribution.speaker_token] if attribution.speaker_token is not None else None
        entity = None
        if key is not None:
            entity = entity_at(self.entities, *_token_span(key))
            if hi - lo == 1 and key.lower_ in _PERSON_PRONOUNS:
                entity = self._pronoun_speaker(key, entity)
        if entity is None:
            start, end = self.doc[lo].idx, self.doc[hi - 1].idx + len(self.doc[hi - 1].text)
            entity = entity_at(self.entities, start, end)
        if entity is None and key is not None and hi - lo == 1:
            entity = self._antecedent(key)
        if entity is not None:
            self.recent.append((self.doc[lo].idx, entity))
        return entity

    def co_speakers(self, attribution: Attribution, first: Entity | None) -> list[Entity]:
        """Every speaker of a compound source ("Lavrov and Fidan said"): ``first``, then the
        entities of the key word's conjuncts, each once."""
        found = [first] if first is not None else []
        if attribution.source is None or attribution.speaker_token is None:
            return found
        lo, hi = attribution.source
        key = self.doc[attribution.speaker_token]
        for conjunct in key.conjuncts:
            if not lo <= conjunct.i < hi:
                continue
            entity = entity_at(self.entities, *_token_span(conjunct))
            if entity is None:
                # the conjunct's own words, without its further conjuncts ("Lavrov and Fidan")
                words = [t for t in conjunct.subtree if t.dep_ not in {"cc", "conj", "punct"}
                         and not any(a.dep_ == "conj" and a.i != conjunct.i for a in t.ancestors
                                     if conjunct.is_ancestor(a))]
                if words:
                    start, last = min(t.i for t in words), max(t.i for t in words)
                    entity = entity_at(self.entities, self.doc[start].idx, self.doc[last].idx + len(self.doc[last]))
            if entity is None and conjunct.lower_ in _PERSON_PRONOUNS | {"i", "we"}:
                continue
            if entity is not None and all(entity.id != e.id for e in found):
                found.append(entity)
        return found

    def _pronoun_speaker(self, pronoun: Token, resolved: Entity | None) -> Entity | None:
        """'"...," he said': the actors stage's antecedent or the last person quoted, whichever
        was last seen as a subject or speaker outside quotation marks (names inside a quotation
        are what the speaker talked about, not who is speaking)."""
        recent = next((e for _, e in reversed(self.recent) if e.kind in _PERSON_KINDS), None)
        if recent is None or resolved is None or recent.id == resolved.id:
            return resolved or recent
        if self._salient(resolved, pronoun.idx) > self._salient(recent, pronoun.idx):
            return resolved
        return recent

    def _salient(self, entity: Entity, before: int) -> int:
        """The latest offset before ``before`` where the entity is a subject or a speaker, unquoted."""
        best = max((offset for offset, e in self.recent if e.id == entity.id and offset < before), default=-1)
        for start, end in entity.mentions:
            if start >= before or start <= best:
                continue
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None or any(t.i in self.quoted for t in span):
                continue
            if span.root.dep_ in {"nsubj", "nsubjpass"}:
                best = start
        return best

    def _antecedent(self, pronoun: Token) -> Entity | None:
        """A fallback for pronouns the actors stage left unresolved: the last fitting speaker."""
        word = pronoun.lower_
        if word in _PERSON_PRONOUNS:
            kinds = _PERSON_KINDS
        elif word in _GROUP_PRONOUNS:
            kinds = _GROUP_KINDS
        else:
            return None
        for _, entity in reversed(self.recent):
            if entity.kind in kinds:
                return entity
        best: tuple[int, Entity] | None = None
        for entity in self.entities:
            if entity.kind not in kinds:
                continue
            for m_start, _ in entity.mentions:
                if m_start < pronoun.idx and (best is None or m_start > best[0]):
                    best = (m_start, entity)
        return best[1] if best else None

    # ------------------------------------------------------------------ channels
    def is_medium(self, entity: Entity | None, head: Token | None) -> bool:
        if entity is not None:
            if (entity.kind or "").upper() in self.lex.media_kinds:
                return True
            if (entity.sector or "").upper() in self.lex.media_sectors:
                return True
            if entity.name in self.lex.platforms:
                return True
        if head is not None:
            if head.lemma_.lower() in self.lex.media_nouns or head.lower_ in self.lex.media_nouns:
                return True
            if head.text in self.lex.platforms:
                return True
        return False

    def medium_at(self, token: Token) -> Entity | None:
        """The medium a noun phrase names: "VOA", "Indonesian newspaper Kompas" (Kompas, not
        Indonesia), "the Interfax news agency"; None when it names no medium entity."""
        names = [c for c in token.children if c.dep_ in {"appos", "compound", "flat"}]
        candidates = [entity_at(self.entities, *_token_span(t)) for t in [token, *names]]
        candidates.append(self._np_entity(token))
        found = [e for e in candidates if e is not None]
        for entity in found:
            if self.is_medium(entity, None):
                return entity
        if self.is_medium(None, token):  # a media noun: the organisation it names, never a country or person
            return next((e for e in found if (e.kind or "").upper() not in {"GPE", "NORP", "LOC", "PERSON", "FAC"}), None)
        return None

    def _np_entity(self, token: Token) -> Entity | None:
        entity = entity_at(self.entities, *_token_span(token))
        if entity is None:
            lo, hi = token.left_edge, token.right_edge
            entity = entity_at(self.entities, lo.idx, hi.idx + len(hi.text))
        return entity

    def channel(self, attribution: Attribution, content_tokens: set[int]) -> Entity | None:
        """The medium the statement went through, where the text names one."""
        if attribution.verb is None:
            if attribution.rule == "cue:phrase:according-to" and attribution.speaker_token is not None:
                return self.medium_at(self.doc[attribution.speaker_token])
            return None
        verb = self.doc[attribution.verb]
        source_tokens = set(range(*attribution.source)) if attribution.source else set()
        # the source itself is a medium: "Bloomberg reported", "the agency said"
        if attribution.speaker_token is not None and verb.lemma_.lower() in self.lex.channel_verbs:
            entity = self.medium_at(self.doc[attribution.speaker_token])
            if entity is not None:
                return entity
        for token in verb.subtree:
            if token.i in content_tokens or token.i in source_tokens:
                continue
            # "as reported by the Interfax news agency", "quoted by Reuters"
            if token.dep_ == "advcl" and token.lemma_.lower() in self.lex.channel_verbs:
                agent = next((c for c in token.children if c.dep_ == "agent"), None)
                pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
                if pobj is not None:
                    entity = self._np_entity(pobj)
                    if entity is not None:
                        return entity
            # "told VOA", "told the BBC"
            if token.dep_ in {"dobj", "dative"} and token.head.lemma_.lower() in self.lex.channel_object_verbs:
                entity = self.medium_at(token)
                if entity is not None:
                    return entity
            # "posting on X", "in an interview with CNN", "speaking to Reuters"
            if token.dep_ == "pobj" and token.head.lower_ in self.lex.channel_prepositions:
                entity = self.medium_at(token)
                if entity is not None:
                    return entity
        return None
