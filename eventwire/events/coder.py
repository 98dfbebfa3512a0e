"""Sentence-level event coding: triggers, arguments, framing acts, status, date, place, source.

A mention == one textual expression of an event ("Moscow declined a US-backed proposal"). The
coder finds trigger words from the lexicon, reads who did it to whom from the dependency parse,
lets framing verbs code what they frame ("threatened to impose sanctions" == a THREATEN, not a
SANCTION), and reads status, time, place and reporting source from the trigger's clause.
``eventwire.events.find_events`` then merges mentions of the same occurrence into events.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..records import Entity, Place, Quote, TimeRecord
from .lexicon import FRAME_BASE, Lexicon, Trigger
from .syntax import (
    OBJ_DEPS,
    PASS_SUBJ_DEPS,
    POSSESSIVE_PRONOUNS,
    EntityIndex,
    Participant,
    children,
    conjuncts,
    has_particle,
    is_passive,
    object_tokens,
    prep_objects,
    subject_tokens,
    verb_lemmas,
)

log = logging.getLogger(__name__)

SYMMETRIC_TYPES = {"CONSULT", "COOPERATE"}
MILITARY_TYPES = {"ASSAULT", "MOBILIZE"}
UNDERGO_VERBS = {"suffer", "face", "endure", "undergo", "experience", "receive", "get", "sustain",
                 "weather", "repel", "repulse", "survive", "withstand", "come", "absorb"}
NOUN_RECIPIENT_PREPS = {"on", "against", "with", "to", "at", "into", "toward", "towards", "upon", "onto"}
VERB_RECIPIENT_PREPS = {"with", "to", "against", "on", "at", "into", "toward", "towards", "upon", "onto"}
SUPPORTIVE_TYPES = {"SUPPORT", "AID", "REQUEST", "AGREE"}
MATERIAL_CONFLICT_ROOTS = {17, 18, 19, 20}  # coercion and violence: what an accusation can report
ADVERBIAL_PREPS = {"after", "during", "following", "before", "since", "at", "in", "amid", "ahead", "prior",
                   "despite", "through", "upon", "on"}
CONTENT_PREPS = {"of", "for", "to", "on", "with", "about", "against", "over", "in", "into", "at", "from"}
TEMPORAL_PREPS = {"after", "following", "before", "since", "during", "amid", "ahead", "prior", "despite"}
EMPTY_FRAMES_DROPPED = {"INTENT", "DESIRE", "FLOAT", "CONSIDER", "THREATEN", "DEMAND", "CLAIM"}
TRANSPARENT_VERBS = {"host", "hold", "stage", "organise", "organize", "convene", "resume", "continue"}
TOPICAL_TYPES = {"CONSULT", "AGREE", "SUPPORT", "COOPERATE"}
VERBAL_ROOTS = {2, 3, 5, 10, 11, 12, 13}  # appeals, promises, support, demands, criticism, rejections, threats
ATTITUDE_TYPES = {"SUPPORT", "REQUEST", "REJECT", "THREATEN", "AGREE", "ACCUSE"}
STATUS_RANK = {"actual": 0, "historical": 1, "future": 2, "hypothetical": 3, "negated": 4}


@dataclass
class Mention:
    """One textual expression of an event in one sentence."""

    trigger: Trigger
    token: Token  # the trigger word
    anchor: Token  # the predicate carrying it (a light verb for "launched strikes")
    cameo: str
    frame: str | None
    mode: str | None
    rule: str
    confidence: float
    tokens: list[Token] = field(default_factory=list)
    actors: list[Participant] = field(default_factory=list)
    recipients: list[Participant] = field(default_factory=list)
    proposers: list[Participant] = field(default_factory=list)
    status: str = "actual"
    consumed: bool = False
    framed: Mention | None = None
    composed_from: list[Mention] = field(default_factory=list)
    date: TimeRecord | None = None
    location: tuple[str, str | None] | None = None  # (name, place id)
    reporter: Entity | None = None
    alleged_by: Mention | None = None  # the accusation whose content this act is ("accused X of attacking")
    notes: list[str] = field(default_factory=list)
    anaphoric: str | None = None  # series | definite

    @property
    def sentence(self) -> Span:
        return self.token.sent

    def evidence(self) -> tuple[int, int]:
        """The span from the first to the last token of the trigger and its participants."""
        tokens = [self.token, self.anchor, *self.tokens]
        tokens += [p.token for p in self.actors + self.recipients]
        sent = self.sentence
        tokens = [t for t in tokens if sent.start <= t.i < sent.end]
        start = min(t.idx for t in tokens)
        end = max(t.idx + len(t.text) for t in tokens)
        return start, end

    def trigger_text(self) -> str:
        words = sorted({self.token, self.anchor, *self.tokens}, key=lambda t: t.i)
        return " ".join(t.text for t in words)


class SentenceCoder:
    """Codes the mentions of one document (sentence by sentence)."""

    def __init__(self, doc: Doc, entities: list[Entity], times: list[TimeRecord], quotes: list[Quote],
                 places: list[Place], lexicon: Lexicon, published: dt.date | None) -> None:
        self.doc = doc
        self.lex = lexicon
        self.entities = entities
        self.index = EntityIndex(doc, entities)
        self.times = [t for t in times if t.type in ("DATE", "TIME") and t.value[:4].isdigit()]
        self.quotes = quotes
        self.places = places
        self.published = published
        self.object_control = lexicon.cue("object_control_verbs")
        self.light_verbs = lexicon.cue("light_verbs")
        self.report_verbs = lexicon.cue("report_verbs")
        self.participant_kinds = {k.upper() for k in lexicon.cue("participant_kinds")}
        self.location_kinds = {k.upper() for k in lexicon.cue("location_kinds")}
        self._binding: set[int] = set()
        self._sentence_mentions: list[Mention] = []
        self._mention_at: dict[int, Mention] = {}
        self.time_tokens: dict[int, TimeRecord] = {}
        for record in self.times:
            span = doc.char_span(record.span[0], record.span[1], alignment_mode="expand")
            if span is not None:
                for token in span:
                    self.time_tokens.setdefault(token.i, record)

    # ----------------------------------------------------------------------------------- triggers

    def code_sentence(self, sent: Span) -> list[Mention]:
        """All mentions in one sentence, framing acts applied, with status, date, place, source."""
        mentions: list[Mention] = []
        for token in sent:
            try:
                mention = self._match(token)
            except Exception:  # one odd parse must not lose the sentence
                log.warning("event trigger failed at %r", token.text, exc_info=True)
                continue
            if mention is not None:
                mentions.append(mention)
        self._phrases_consume_nouns(mentions)
        for mention in mentions:
            self._participants(mention)
        self._index_mentions(mentions)
        self._apply_frames(mentions)
        self._speech_intent(mentions)
        mentions += self._speech_demands(sent, mentions)
        self._consume_charges(mentions)
        live = [m for m in mentions if not m.consumed]
        self._index_mentions(live)
        for mention in live:
            mention.status = self._status(mention)
            self._future_refusal(mention)
            if mention.status == "actual" and self._background(mention):
                mention.status = "historical"
                mention.notes.append("background")
            mention.date = self._date(mention)
            mention.location = self._location(mention)
            mention.reporter = self._reporter(mention)
            mention.anaphoric = self._anaphoric(mention)
        implied = self._implied_accusations(live)
        for mention in implied:
            mention.date = self._date(mention)
        return live + implied

    def _index_mentions(self, mentions: list[Mention]) -> None:
        self._mention_at = {}
        for mention in mentions:
            if not mention.consumed:
                self._mention_at.setdefault(mention.token.i, mention)
                self._mention_at.setdefault(mention.anchor.i, mention)

    def _match(self, token: Token) -> Mention | None:
        if token.i in self.time_tokens or token.ent_type_ in ("DATE", "TIME"):
            return None  # "March", "the Fall"
        lemma = token.lemma_.lower()
        if token.tag_.startswith("VB") and token.pos_ in ("VERB", "AUX", "NOUN", "ADJ"):
            for candidate in verb_lemmas(token):
                entries = self.lex.verbs.get(candidate)
                if not entries:
                    continue
                for trigger in entries:
                    objects = self._match_verb(token, trigger)
                    if objects is not None:
                        return self._new_mention(trigger, token, objects)
                return None
            return None
        if token.pos_ == "ADJ" and lemma in self.lex.cue("intent_adjectives") and \
                any(c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "to" and
                                          any(g.dep_ in ("pobj", "pcomp") for g in c.children)) for c in token.children):
            # "Sudan is willing to withdraw its troops", "open to talks": readiness is a promise
            trigger = Trigger(pos="VERB", lemma=lemma, cameo="030", frame="INTENT", source="rule:ready-to", conf=0.7)
            return self._new_mention(trigger, token, [])
        if token.pos_ in ("NOUN", "PROPN") or token.tag_.startswith("NN"):
            if token.dep_ == "compound" and token.head.lemma_.lower() in self.lex.cue("descriptor_heads"):
                return None  # "riot police", "aid workers", "protest leaders": a kind of party, no act
            keys = [lemma, token.lower_]
            if token.i > 1 and token.doc[token.i - 1].text == "-":  # "cease-fire", "air-strike"
                keys.insert(0, f"{token.doc[token.i - 2].lower_}-{lemma}")
            for key in keys:
                entries = self.lex.nouns.get(key)
                if not entries:
                    continue
                for trigger in entries:
                    if self._match_noun(token, trigger):
                        mention = self._new_mention(trigger, token, [])
                        if mention is not None and "-" in key:
                            mention.tokens.append(token.doc[token.i - 2])
                        if mention is not None and "of" in trigger.words:  # "cessation of hostilities"
                            mention.tokens += [p for w, p in prep_objects(token, {"of"})]
                        return mention
                return None
        return None

    def _match_verb(self, token: Token, trigger: Trigger) -> list[Token] | None:
        """The object tokens that satisfied the line, or None when the line does not match."""
        if trigger.particle and not has_particle(token, trigger.particle):
            return None
        objects = object_tokens(token, trigger.prep)
        if trigger.prep and not objects and not any(w == trigger.prep for w, _ in prep_objects(token)):
            return None
        matched: list[Token] = []
        if trigger.objects is not None:
            matched = [o for o in objects if self._object_matches(o, trigger.objects)]
            if not matched:
                return None
        if trigger.notobj is not None and any(trigger.notobj.match(o) for o in objects):
            return None
        if trigger.intrans and children(token, "dobj"):
            return None
        if trigger.needobj and not (children(token, *OBJ_DEPS) or
                                    (is_passive(token) and (children(token, *PASS_SUBJ_DEPS) or token.dep_ in ("acl", "relcl")))):
            return None
        if trigger.objentity and not any(self.np_entities(o) for o in objects):
            return None
        if trigger.subjkind in ("official", "state"):
            subjects = subject_tokens(token, self.object_control)
            found = [p.entity for s in subjects for p in self.np_entities(s)]
            if trigger.subjkind == "official":
                fits = [e for e in found if e.kind.upper() == "PERSON" or (e.sector or "") in ("GOV", "MIL", "IGO", "LEG")]
            else:  # "state": a state, its bodies or an armed group; an analyst's warning is no threat
                fits = [e for e in found if e.kind.upper() in ("GPE", "IGO")
                        or (e.sector or "") in ("GOV", "MIL", "IGO", "LEG", "SPY", "COP", "REB")]
            if not fits:
                return None
        if trigger.needccomp and not any(c.dep_ == "ccomp" and not any(a.lower_ == "to" for a in c.children)
                                         for c in token.children):
            return None
        if trigger.xcomp is not None and not any(trigger.xcomp.match(c) for c in _infinitives(token)):
            return None
        if trigger.noxcomp and _infinitives(token):
            return None
        predicates = [c for c in token.children if c.dep_ == "oprd"]
        if trigger.nooprd and predicates:
            return None
        if trigger.oprd is not None and not any(self._np_matches(c, trigger.oprd) for c in predicates):
            return None
        if trigger.present and token.tag_ not in ("VBP", "VBZ"):
            return None
        if trigger.near is not None and not any(trigger.near.match(t) for t in token.subtree if t != token):
            return None
        if trigger.needxcomp and not _infinitives(token):
            return None
        if trigger.subj is not None or trigger.notsubj is not None:
            subjects = children(token, "nsubj") or subject_tokens(token, self.object_control)
            if trigger.subj is not None and not any(self._np_matches(s, trigger.subj) for s in subjects):
                return None
            if trigger.notsubj is not None and any(self._np_matches(s, trigger.notsubj) for s in subjects):
                return None
        if trigger.objkind is not None:
            kinds = {e.kind for o in objects if (e := self.index.at(o)) is not None}
            if trigger.objkind not in kinds:
                return None
        return matched

    def _object_matches(self, obj: Token, phrases) -> bool:  # type: ignore[no-untyped-def]
        """"lifted the curfew", "eased curfew hours", "13 tons of medicine", "$2 million in aid"."""
        if phrases.match(obj):
            return True
        if any(phrases.match(c) for c in obj.children if c.dep_ in ("compound", "nmod")):
            return True
        if obj.lemma_.lower() in self.lex.cue("quantity_nouns") or obj.like_num or obj.pos_ in ("NUM", "SYM") \
                or obj.lemma_.lower() in self.lex.cue("measure_nouns"):
            for word, pobj in prep_objects(obj, {"of", "in"}):
                if phrases.match(pobj) or any(phrases.match(c) for c in pobj.children if c.dep_ in ("compound", "amod")):
                    return True
        return False

    def _np_matches(self, token: Token, phrases) -> bool:  # type: ignore[no-untyped-def]
        if phrases.match(token):
            return True
        return any(phrases.match(c) for c in token.children if c.dep_ in ("compound", "amod"))

    def _match_noun(self, token: Token, trigger: Trigger) -> bool:
        if len(trigger.words) > 1 and not self._phrase(token, trigger.words):
            return False
        modifiers = [c for c in token.children if c.dep_ in ("compound", "amod", "nmod", "npadvmod", "nummod")]
        modifiers += [pobj for word, pobj in prep_objects(token, {"of", "by"})]  # "suspension of aid", "strike by workers"
        if token.i > 0 and token.doc[token.i - 1].text == "-" and token.i > 1:
            modifiers.append(token.doc[token.i - 2])  # "air-strike", "cease-fire"
        if trigger.modifiers is not None and not any(trigger.modifiers.match(m) for m in modifiers):
            return False
        if trigger.notmod is not None and any(trigger.notmod.match(m) for m in modifiers):
            return False
        if trigger.prep and not any(w == trigger.prep for w, _ in prep_objects(token)):
            return False
        if trigger.plural and token.tag_ not in ("NNS", "NNPS"):
            return False
        if trigger.near is not None and not any(trigger.near.match(t) for t in token.subtree if t != token):
            return False
        if trigger.light and not self._light_head(token):
            return False
        if trigger.via is not None:
            head = self._light_head(token)
            if head is None or not set(verb_lemmas(head)[:3]) & trigger.via:
                return False
        return True

    @staticmethod
    def _phrase(token: Token, words: tuple[str, ...]) -> bool:
        from .lexicon import _phrase_at

        return _phrase_at(token, words)

    def _light_head(self, noun: Token) -> Token | None:
        """The verb carrying a noun event: "launched (strikes)", "held (talks)", "engaged in (talks)"."""
        head = noun.head
        if head == noun:
            return None
        if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in self.lex.cue("quantity_nouns"):
            carrier = self._light_head(head.head)  # "began a new round of joint exercises"
            if carrier is not None:
                return carrier
        if noun.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "conj") and head.pos_ in ("VERB", "AUX"):
            if noun.dep_ == "conj":
                return self._light_head(head) if head.pos_ in ("NOUN", "PROPN") else None
            if any(c.dep_ == "oprd" for c in head.children):
                return None  # "called the strike an act of aggression" names the act, it does not carry it
            if any(v in self.light_verbs or v in UNDERGO_VERBS for v in verb_lemmas(head)[:3]):
                return head
        if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("in", "into") \
                and head.head.pos_ == "VERB" and head.head.lemma_.lower() in ("engage", "participate", "take", "join"):
            return head.head
        if noun.dep_ == "nsubjpass" and head.pos_ == "VERB" and not self._judging(head):
            return head  # "talks were held", but not "the attack was condemned"
        if noun.dep_ == "nsubj" and head.lemma_.lower() in ("take", "begin", "start", "continue", "resume", "end"):
            return None
        for child in noun.children:  # "talks ... held in Istanbul"
            if child.dep_ == "acl" and child.tag_ == "VBN" and child.lemma_.lower() in self.light_verbs:
                return child
        return None

    def _judging(self, verb: Token) -> bool:
        """A verb that judges or answers an act rather than carrying it out ("the attack was
        condemned", "the offer was rejected"): a framing trigger of its own."""
        for candidate in verb_lemmas(verb)[:3]:
            for trigger in self.lex.verbs.get(candidate, ()):
                if trigger.frame in ("ACCUSE", "REJECT", "CONSUME") or (trigger.cameo or "")[:2] in ("01", "05", "11", "12"):
                    return True
        return False

    def _new_mention(self, trigger: Trigger, token: Token, objects: list[Token]) -> Mention | None:
        if trigger.cameo is None:
            return Mention(trigger, token, token, "", "BLOCK", None, trigger.source, 0.0, tokens=objects,
                           consumed=True)
        anchor = token
        if trigger.pos == "NOUN":
            light = self._light_head(token)
            if light is not None:
                anchor = light
        tokens = list(objects)
        tokens += [c for c in token.children if c.dep_ == "prt" or (trigger.particle and c.lower_ == trigger.particle)]
        rule = f"{'verb' if trigger.pos == 'VERB' else 'noun'}:{trigger.lemma}"
        if trigger.objects is not None and objects:
            rule += "+" + objects[0].lemma_.lower()
        if anchor != token:
            rule += f"<{anchor.lemma_.lower()}"
        return Mention(trigger=trigger, token=token, anchor=anchor, cameo=trigger.cameo, frame=trigger.frame,
                       mode=trigger.mode, rule=rule, confidence=trigger.conf, tokens=tokens)

    def _phrases_consume_nouns(self, mentions: list[Mention]) -> None:
        """A verb line with an object ("lift sanctions", "cancel a visit") owns its object noun."""
        owned = {t.i for m in mentions if (m.trigger.pos == "VERB" and (m.trigger.objects is not None
                                                                        or m.frame == "BLOCK"))
                 or (m.trigger.pos == "NOUN" and len(m.trigger.words) > 1) for t in m.tokens if t != m.token}
        for mention in mentions:
            if mention.trigger.pos == "NOUN" and mention.token.i in owned:
                mention.consumed = True

    # ------------------------------------------------------------------------------ participants

    def _participants(self, m: Mention) -> None:
        if m.consumed:
            return
        ptype = self._type(m.cameo)
        if m.trigger.pos == "VERB":
            self._verb_participants(m, ptype)
        else:
            self._noun_participants(m, ptype)
        actor_ids = {p.entity.id for p in m.actors}
        m.recipients = [p for p in _unique(m.recipients) if p.entity.id not in actor_ids]
        m.actors = _unique(m.actors)
        if m.trigger.joint and len({p.entity.country for p in m.actors + m.recipients if p.entity.country}) >= 2:
            m.cameo = m.trigger.joint  # "US marines and Jordanian forces staged a war game": cooperation
            m.rule += "+joint"

    def _type(self, cameo: str) -> str | None:
        info = self.lex.code(cameo)
        return info.plover_type if info else None

    def _verb_participants(self, m: Mention, ptype: str | None) -> None:
        verb = m.token
        subjects = subject_tokens(verb, self.object_control)
        if not subjects and verb.pos_ == "ADJ" and verb.head.pos_ in ("AUX", "VERB"):
            subjects = subject_tokens(verb.head, self.object_control)  # "Sudan is willing to ..."
        if not subjects and verb.dep_ == "pcomp" and verb.head.head.pos_ == "ADJ":
            copula = verb.head.head.head  # "X was guilty of violating the ceasefire"
            if copula.pos_ in ("AUX", "VERB"):
                subjects = subject_tokens(copula, self.object_control)
        instrument = [s for s in subjects if s.lemma_.lower() in self.lex.cue("instrument_nouns")]
        if instrument:  # "a car bomb killed ...", "the assaults injured civilians"
            m.notes.append("instrument-subject")
            for s in instrument:
                m.actors += self._noun_modifier_actors(s)
                m.actors += [p for _, pobj in prep_objects(s, {"by", "from"}) for p in self.np_entities(pobj)]
            subjects = [s for s in subjects if s not in instrument]
        if m.trigger.inverse:
            m.recipients += [p for s in subjects for p in self.np_entities(s)]
            m.actors += [p for _, pobj in prep_objects(verb, {"from", "by"}) for p in self.np_entities(pobj)]
        else:
            m.actors += [p for s in subjects for p in self.np_entities(s)]
        passive = is_passive(verb)
        if not m.actors and ptype == "ASSAULT":  # "a mortar bomb was fired at it from Gaza"
            m.actors += [p for _, pobj in prep_objects(verb, {"from"}) for p in self.np_entities(pobj)]
        objects = [t for o in children(verb, *OBJ_DEPS) for t in conjuncts(o)]
        if m.trigger.prep:
            objects += [t for w, pobj in prep_objects(verb) if w == m.trigger.prep for t in conjuncts(pobj)]
        if passive:
            objects += [t for s in children(verb, *PASS_SUBJ_DEPS) for t in conjuncts(s)]
            if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
                objects += conjuncts(verb.head)
            elif verb.dep_ in ("advcl", "conj") and not children(verb, *PASS_SUBJ_DEPS) and verb.head.pos_ in ("VERB", "AUX"):
                # "the leader is dead, killed in a strike": the one killed is the clause's subject
                objects += [t for s in children(verb.head, "nsubj", "nsubjpass") for t in conjuncts(s)]
        elif verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN"):
            objects += conjuncts(verb.head)
        for obj in objects:
            found = self.np_entities(obj)
            if not found and obj.lemma_.lower() in self._proposal_words():
                m.proposers += self._proposers(obj)
            if not found:
                found = self._of_entities(obj)
            if not found and obj.pos_ in ("NOUN", "PROPN"):
                found = [p for _, pobj in prep_objects(obj, NOUN_RECIPIENT_PREPS) for p in self.np_entities(pobj)]
            m.recipients += found
        if not m.recipients:
            preps = VERB_RECIPIENT_PREPS | ({"for"} if ptype in SUPPORTIVE_TYPES else set())
            if m.trigger.prep:
                preps = preps | {m.trigger.prep}
            for word, pobj in prep_objects(verb, preps):
                m.recipients += self.np_entities(pobj)
        for obj in children(verb, "dative"):
            m.recipients += self.np_entities(obj)
        if not m.recipients:
            # "allowed UN inspectors to visit", "found Lavrov guilty": the subject of the small clause
            for clause in children(verb, "ccomp", "xcomp"):
                if clause.pos_ == "ADJ" or any(a.lower_ == "to" for a in clause.children):
                    m.recipients += [p for s in children(clause, "nsubj") for p in self.np_entities(s)]

    def _noun_participants(self, m: Mention, ptype: str | None) -> None:
        noun = m.token
        lemma = noun.lemma_.lower()
        patient = lemma in self.lex.cue("patient_nouns")
        for word, pobj in prep_objects(noun):
            if word == "between" or word == "among":
                m.actors += [p for t in conjuncts(pobj) for p in self.np_entities(t)]
            elif word in ("by", "from"):
                m.actors += self.np_entities(pobj)
            elif word == "of":
                if patient or ptype in ("ASSAULT", "COERCE", "RETREAT", "SANCTION"):
                    m.recipients += self.np_entities(pobj)
                elif ptype in ("CONSULT",) and lemma in ("visit", "trip", "tour"):
                    m.actors += self.np_entities(pobj)
            elif word in NOUN_RECIPIENT_PREPS or (word == "for" and ptype in SUPPORTIVE_TYPES):
                if word == "on" and ptype in TOPICAL_TYPES:
                    continue  # "a summit on Iran", "talks on Ukraine": the topic, not a party
                m.recipients += self.np_entities(pobj)
        for child in noun.children:
            if child.dep_ == "poss":
                found = self.np_entities(child)
                (m.recipients if patient else m.actors).extend(found)
            elif child.dep_ in ("compound", "amod", "nmod", "npadvmod"):
                found = self._modifier_entities(child)
                if ptype in SYMMETRIC_TYPES | {"AGREE"}:
                    found = [p for p in found if not self._is_city(p.token)]  # "the Jeddah talks": the venue
                if patient and ptype not in ("ASSAULT",):
                    m.recipients += found
                else:
                    m.actors += found
        light = m.anchor if m.anchor != noun else None
        if light is not None:
            if light.lemma_.lower() in UNDERGO_VERBS:
                m.recipients += [p for s in subject_tokens(light, self.object_control) for p in self.np_entities(s)]
            elif not m.actors:
                m.actors += [p for s in subject_tokens(light, self.object_control) for p in self.np_entities(s)]
            if not m.recipients and light.lemma_.lower() not in UNDERGO_VERBS:
                # "engaged Filipino peacekeepers in a firefight": the light verb's own object
                m.recipients += [p for o in children(light, "dobj") if o != noun for p in self.np_entities(o)]
            if not m.recipients:
                preps = VERB_RECIPIENT_PREPS | ({"for"} if ptype in SUPPORTIVE_TYPES else set())
                for word, pobj in prep_objects(light, preps):
                    m.recipients += self.np_entities(pobj)
        if not m.actors and ptype in SYMMETRIC_TYPES | {"AGREE"}:
            bound = self._climb_actor(noun)
            if bound:
                m.actors += bound
                m.notes.append("climbed")

    def _climb_actor(self, noun: Token) -> list[Participant]:
        """The subject of the clause a bare meeting noun sits in as an adverbial: "Lavrov said,
        after discussions with ..." -> Lavrov. Only through quantity heads ("a round of talks")
        and one adverbial preposition attached to a verb."""
        quantity = self.lex.cue("quantity_nouns")
        current = noun
        for _ in range(4):
            head = current.head
            if current.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in quantity:
                current = head.head
                continue
            break
        prep = current.head
        if current.dep_ != "pobj" or prep == current or prep.lower_ not in ADVERBIAL_PREPS:
            return []
        verb = prep.head
        if verb == prep or verb.pos_ not in ("VERB", "AUX"):
            return []
        return [p for s in subject_tokens(verb, self.object_control) for p in self.np_entities(s)]

    def _is_city(self, token: Token) -> bool:
        """A populated place (GeoNames PPL*), not a country: a venue when it names a meeting."""
        for place in self.places:
            if (place.feature or "").upper().startswith("PPL") and \
                    any(start <= token.idx < end for start, end in place.mentions):
                return True
        return False

    def _proposal_words(self) -> frozenset[str]:
        return frozenset({"proposal", "offer", "plan", "initiative", "call", "request", "demand", "bid",
                          "suggestion", "idea", "resolution", "motion", "appeal", "invitation", "condition",
                          "ultimatum", "draft", "peace plan", "overture", "deal", "agreement", "decision",
                          "proposition", "terms", "term", "recommendation"})

    def _proposers(self, noun: Token) -> list[Participant]:
        """Who made a proposal: "proposals by X", "X's offer", "a US-backed proposal"."""
        found: list[Participant] = []
        for word, pobj in prep_objects(noun, {"by", "from", "of"}):
            found += self.np_entities(pobj)
        for child in noun.children:
            if child.dep_ == "poss" or child.dep_ in ("compound", "nmod"):
                found += self.np_entities(child) if child.dep_ == "poss" else self._modifier_entities(child)
            elif child.dep_ == "amod":
                found += self._modifier_entities(child)
                for sub in child.children:  # "US-backed": npadvmod of the participle
                    if sub.dep_ in ("npadvmod", "compound", "nmod", "advmod"):
                        found += self._modifier_entities(sub)
            elif child.dep_ == "acl" and child.tag_ == "VBN":  # "a proposal backed by X"
                for word, pobj in prep_objects(child, {"by"}):
                    found += self.np_entities(pobj)
        return _unique(found)

    def _of_entities(self, token: Token) -> list[Participant]:
        """One level into "of": "the mayor of Nablus", "part of Syria's second city Aleppo"."""
        for word, pobj in prep_objects(token, {"of"}):
            found = self.np_entities(pobj)
            if found:
                return [Participant(p.entity, p.token, "of") for p in found]
        return []

    def _modifier_entities(self, token: Token) -> list[Participant]:
        found = []
        for t in conjuncts(token):
            entity = self.index.at(t)
            if entity is not None and entity.kind.upper() in self.participant_kinds:
                found.append(Participant(entity, t, "mod"))
        return found

    def _noun_modifier_actors(self, noun: Token) -> list[Participant]:
        found: list[Participant] = []
        for child in noun.children:
            if child.dep_ == "poss":
                found += self.np_entities(child)
            elif child.dep_ in ("compound", "amod", "nmod"):
                found += self._modifier_entities(child)
        return found

    def np_entities(self, token: Token) -> list[Participant]:
        """Entities a noun phrase names, coordinated ones included: head, apposition, compound,
        possessor or nationality adjective ("Russian forces" -> Russia, as a modifier)."""
        out: list[Participant] = []
        if token.lower_ in ("their", "they", "them") and self.index.at(token) is None:
            plural = self._bind_plural(token)
            if plural:
                return plural
            single = self._bind_higher(token) if token.lower_ != "their" else self._bind_pronoun(token)
            return [single] if single is not None else []
        heads = conjuncts(token)
        entity = self.index.at(token)
        if entity is not None:  # "Barack Obama and Vladimir Putin" parsed inside the first name
            for other in token.sent:
                if other != token and self.index.at(other) is entity and abs(other.i - token.i) <= 4:
                    heads += [c for c in conjuncts(other) if c not in heads]
        for t in heads:
            found = self._np_entity(t)
            if found is not None and all(found.entity.id != o.entity.id for o in out):
                out.append(found)
                if found.via == "mod" and found.token != t:
                    out += [p for p in self._modifier_entities(found.token) if p.entity.id != found.entity.id]
        return out

    def _np_entity(self, token: Token, depth: int = 0) -> Participant | None:
        if depth > 2:
            return None
        entity = self.index.at(token)
        if entity is not None and entity.kind.upper() in self.participant_kinds:
            return Participant(entity, token, "pronoun" if token.pos_ == "PRON" else "head")
        if token.pos_ == "PRON" and token.lower_ in POSSESSIVE_PRONOUNS:
            bound = self._bind_pronoun(token)
            if bound is not None:
                return bound
        if token.pos_ == "PRON" and token.lower_ in ("it", "they", "them", "itself", "themselves"):
            bound = self._bind_higher(token)
            if bound is not None:
                return bound
        if token.pos_ in ("NOUN", "NUM") and (token.lemma_.lower() in self.lex.cue("quantity_nouns")
                                              or token.pos_ == "NUM" or token.like_num):
            for word, pobj in prep_objects(token, {"of"}):  # "hundreds of UN troops"
                found = self._np_entity(pobj, depth + 1)
                if found is not None:
                    return found
        for child in token.children:
            if child.dep_ == "appos":
                found = self._np_entity(child, depth + 1)
                if found is not None:
                    return found
        for dep in (("compound", "flat"), ("poss",), ("amod", "nmod")):
            for child in token.children:
                if child.dep_ in dep:
                    e = self.index.at(child)
                    if e is not None and e.kind.upper() in self.participant_kinds:
                        return Participant(e, child, "poss" if dep == ("poss",) else "mod")
                    if dep == ("poss",) and child.pos_ == "PRON":
                        bound = self._bind_pronoun(child)
                        if bound is not None:
                            return Participant(bound.entity, child, "poss")
        if token.pos_ == "NOUN" and depth == 0:
            # "a court in Guyana", "opponents of Rwanda's Senate": one level into the head's place or group
            for word, pobj in prep_objects(token, {"of", "in", "from"}):
                found = self._np_entity(pobj, depth + 1)
                if found is not None and found.entity.kind.upper() in ("GPE", "ORG", "NORP", "IGO", "MEDIA", "ARMED_GROUP", "GROUP", "COMPANY"):
                    return Participant(found.entity, found.token, "of")
        return None

    def _bind_higher(self, pronoun: Token) -> Participant | None:
        """"The US claimed that they had attacked Iraq", "Israel said a bomb was fired at it":
        an unresolved it / they refers to the subject of the clause that reports this one."""
        current = pronoun
        for _ in range(4):  # up to the pronoun's own predicate
            if current.head == current:
                return None
            current = current.head
            if current.pos_ in ("VERB", "AUX"):
                break
        else:
            return None
        for _ in range(6):
            head = current.head
            if head == current or current.dep_ not in ("ccomp", "parataxis", "advcl", "xcomp", "conj", "relcl", "acl"):
                return None
            if head.pos_ in ("VERB", "AUX"):
                if self._quoted_apart(pronoun, head):
                    return None  # '"They shot them," Ajmal said': in his own words the speaker is "we"
                for subject in subject_tokens(head, self.object_control):
                    if subject.pos_ == "PRON":
                        continue
                    found = self._np_entity(subject, 1)
                    if found is not None:
                        return Participant(found.entity, pronoun, "bound")
            current = head
        return None

    def _quoted_apart(self, inside: Token, outside: Token) -> bool:
        """Whether ``inside`` stands in a direct quotation that ``outside`` is not part of."""
        for quote in self.quotes:
            if quote.kind == "indirect":
                continue
            for start, end in quote.parts or [quote.span]:
                if start <= inside.idx < end:
                    return not start <= outside.idx < end
        return False

    def _bind_plural(self, pronoun: Token) -> list[Participant]:
        """"During their meeting, Lavrov and Fidan ...": all coordinated subjects of the clause."""
        current = pronoun
        for _ in range(8):
            head = current.head
            if head == current:
                return []
            if head.pos_ in ("VERB", "AUX"):
                subjects = subject_tokens(head, self.object_control)
                if len(subjects) >= 2:
                    found = [self._np_entity(s, 1) for s in subjects if s.i != pronoun.i]
                    return [Participant(p.entity, pronoun, "bound") for p in found if p is not None]
                if head.dep_ in ("ccomp", "parataxis") or head.head == head:
                    return []
            current = head
        return []

    def _bind_pronoun(self, pronoun: Token) -> Participant | None:
        """An unresolved possessive like "its" in "Russia voiced its support": the subject of the
        nearest clause above (the binding reading), if that subject is an entity."""
        if pronoun.lower_ not in POSSESSIVE_PRONOUNS or pronoun.i in self._binding:
            return None
        self._binding.add(pronoun.i)
        try:
            return self._bind_pronoun_from(pronoun)
        finally:
            self._binding.discard(pronoun.i)

    def _bind_pronoun_from(self, pronoun: Token) -> Participant | None:
        current = pronoun
        for _ in range(8):
            head = current.head
            if head == current:
                return None
            if head.pos_ in ("VERB", "AUX"):
                for subject in subject_tokens(head, self.object_control):
                    if subject.i == pronoun.i or subject.pos_ == "PRON":
                        continue
                    entity = self.index.at(subject)
                    if entity is not None and entity.kind.upper() in self.participant_kinds:
                        return Participant(entity, pronoun, "bound")
                    if pronoun.lower_ == "their":
                        continue
                    found = self._np_entity(subject, 1)
                    if found is not None:
                        return Participant(found.entity, pronoun, "bound")
                if head.dep_ in ("ccomp", "parataxis") or head.head == head:
                    return None
            current = head
        return None

    # --------------------------------------------------------------------------------- framing

    def _apply_frames(self, mentions: list[Mention]) -> None:
        """Let framing acts code the act they frame, deepest frames first."""
        self._sentence_mentions = mentions
        frames = [m for m in mentions if m.frame is not None and m.frame != "BLOCK" and not m.consumed]
        frames.sort(key=lambda m: -_depth(m.token))
        by_token: dict[int, Mention] = {}
        for m in mentions:
            if not m.consumed:
                by_token.setdefault(m.token.i, m)
                by_token.setdefault(m.anchor.i, m)
        for frame in frames:
            if frame.consumed:
                continue
            framed = self._framed(frame, by_token)
            if framed is None:
                if frame.frame == "REJECT" and frame.proposers and not frame.recipients:
                    frame.recipients = frame.proposers
                if frame.frame in ("ACCUSE", "CONSUME"):
                    self._consume_content(frame, None)
                if frame.frame == "ACCUSE" and not frame.recipients:
                    for clause in children(frame.token, "ccomp"):  # "alleged that France was aware"
                        frame.recipients += [p for s in children(clause, "nsubj", "nsubjpass")
                                             for p in self.np_entities(s)]
                if frame.frame in ("INTENT", "THREATEN") and self._states_an_act(frame.token) and \
                        (frame.actors or self._named_doer(frame.token)):
                    # "ready to contribute to peacekeeping", "threatened to quit the coalition": a
                    # promise or a threat all the same
                    frame.confidence = round(frame.confidence * 0.8, 2)
                    frame.notes.append("intent-uncoded")
                elif frame.frame in EMPTY_FRAMES_DROPPED and not frame.recipients and \
                        not (frame.trigger.pos == "NOUN" and frame.actors) and not self._demands_a_thing(frame):
                    frame.consumed = True  # "offering", "ordered", "warned": said of nothing we can code
                continue
            self._compose(frame, framed)

    @staticmethod
    def _named_doer(token: Token) -> bool:
        """A subject noun phrase the actor stage did not resolve ("the finance minister", "the
        rebels"): the promise or threat is still somebody's (its event is kept only if the merge
        finds a party for it)."""
        return any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN") for c in token.children)

    def _promised_clause(self, token: Token) -> bool:
        """"promised that the government would double its aid": a that-clause in the future or
        the conditional says what is promised (a plain "agreed that ..." states an opinion)."""
        modals = self.lex.cue("future_modals") | {"would", "'d"}
        return any(c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in modals for a in c.children)
                   for c in token.children)

    @staticmethod
    def _demands_a_thing(frame: Mention) -> bool:
        """"The opposition demanded early elections": a demand whose object is no coded act is a
        demand all the same (CAMEO 10), and so is one that a named party do something ("demanded
        that the government act"); a bare "demanded" or "demanded it" says nothing."""
        if frame.frame != "DEMAND" or frame.trigger.pos != "VERB":
            return False
        for c in frame.token.children:
            if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN"):
                return True
            if c.dep_ == "ccomp" and (c.pos_ == "PROPN" or any(
                    s.dep_ in ("nsubj", "nsubjpass") and s.pos_ in ("NOUN", "PROPN") for s in c.children)):
                return True
        return False

    @staticmethod
    def _wish_about_others(frame: Mention, framed: Mention) -> bool:
        """A finite clause with its own (non-pronoun) subject under "hope", "wish": "hopes Japan
        will persuade Biden", "hope his charge will be dropped"."""
        clause = framed.anchor
        if clause.dep_ != "ccomp" or clause.head != frame.token or any(c.lower_ == "to" for c in clause.children):
            return False
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        return bool(subjects) and subjects[0].pos_ != "PRON"

    @staticmethod
    def _states_an_act(token: Token) -> bool:
        """An infinitive or a gerund says what is promised: "ready to contribute", "committed to opening"."""
        if _infinitives(token):
            return True
        return any(c.dep_ == "prep" and c.lower_ == "to" and any(g.dep_ == "pcomp" and g.tag_ == "VBG" for g in c.children)
                   for c in token.children)

    def _framed(self, frame: Mention, by_token: dict[int, Mention]) -> Mention | None:
        """The nearest event below a framing word: "refused (to release)", "the possibility of
        (imposing sanctions)", "a proposal for (a ceasefire)", "proposals to hold (talks)"."""
        clausal = frame.frame in ("DEMAND", "ACCUSE", "THREATEN", "CONSUME", "APPEAL", "FLOAT") or (
            frame.frame in ("INTENT", "AGREE") and self._promised_clause(frame.token))
        if frame.frame == "DESIRE":  # "wants to attack", "seeks to deepen": an infinitive only
            start = [c for c in frame.token.children if c.dep_ in ("xcomp", "ccomp") or
                     (c.dep_ == "advcl" and c.tag_ == "VB" and any(a.lower_ == "to" for a in c.children))]
            frontier = [(c, 1) for c in start]
        else:
            frontier = [(c, 1) for c in _content_children(frame.token, clausal)]
        if frame.anchor != frame.token:
            frontier += [(c, 1) for c in _content_children(frame.anchor, clausal) if c != frame.token]
        seen = {frame.token.i, frame.anchor.i}
        while frontier:
            frontier.sort(key=lambda x: (x[1], x[0].i))
            token, depth = frontier.pop(0)
            if token.i in seen or depth > 3:
                continue
            seen.add(token.i)
            candidate = by_token.get(token.i)
            if candidate is not None and candidate is not frame and not candidate.consumed:
                return candidate
            if token.pos_ in ("NOUN", "PROPN", "VERB", "AUX", "PRON"):
                frontier += [(c, depth + 1) for c in _content_children(token, False)]
        return None

    def _compose(self, frame: Mention, framed: Mention) -> None:
        framed_type = self._type(framed.cameo)
        framed_root = int(framed.cameo[:2]) if framed.cameo[:2].isdigit() else 0
        conflict = framed_root >= 10
        kind = frame.frame or ""
        framed.consumed = True
        frame.framed = framed
        if kind not in ("CLAIM", "CONSIDER"):
            # what the framed act itself frames ("permission to Russia to help Israel") is only
            # content; background stated as fact inside it ("supported by the Pope") stays
            span = range(framed.anchor.left_edge.i, framed.anchor.right_edge.i + 1)
            for other in self._sentence_mentions:
                if other is not frame and other is not framed and not other.consumed and \
                        other.token.i in span and self._status(other) in ("hypothetical", "future"):
                    other.consumed = True
        frame.tokens += [framed.token] + framed.tokens
        frame.composed_from.append(framed)
        frame.rule += f">{framed.rule}"
        if kind in ("CONSUME", "ACCUSE"):
            self._consume_content(frame, framed)
        if kind == "CONSUME":
            return
        negated_frame = any(c.dep_ == "neg" for c in frame.token.children)
        if kind in ("DESIRE", "INTENT", "AGREE") and not conflict and negated_frame:
            # "does not want to meet", "did not agree to release": a refusal
            frame.cameo = self.lex.derive("REJECT", framed.cameo)
            frame.recipients = frame.recipients or framed.recipients or framed.actors
            frame.notes.append("refusal")
            return
        if kind in ("DESIRE", "INTENT") and framed.trigger.inverse and not conflict:
            # "hopes to get loans": asking for, not offering
            frame.cameo = self.lex.derive("APPEAL", framed.cameo)
            frame.recipients = [p for p in framed.actors if p.entity.id not in {a.entity.id for a in frame.actors}]
            return
        if kind == "DESIRE" and self._wish_about_others(frame, framed):
            # "I hope his charge will be dropped": a wish about what others do is no promise
            frame.consumed, framed.consumed = True, False
            framed.status = "hypothetical"
            return
        if kind == "DESIRE":
            other_doer = framed.anchor.head == frame.token and framed.anchor.dep_ in ("ccomp", "xcomp") and \
                any(c.dep_ == "nsubj" for c in framed.anchor.children) and framed.actors and \
                not {p.entity.id for p in framed.actors} & {p.entity.id for p in frame.actors}
            if (children(frame.token, "dobj") and framed.anchor.dep_ in ("xcomp", "ccomp", "advcl")) or other_doer:
                kind = "APPEAL"  # "Obama wants Putin to attack": an appeal to Putin
                if other_doer and not frame.recipients:
                    frame.recipients = list(framed.actors)
            elif conflict:
                frame.cameo = self.lex.derive("THREATEN", framed.cameo)
                frame.recipients = frame.recipients or framed.recipients
                return
            elif self.lex.derive("INTENT", framed.cameo) != "030" or framed_root in (3, 4, 5, 6, 7, 8):
                frame.cameo = self.lex.derive("INTENT", framed.cameo)
                frame.recipients = frame.recipients or framed.recipients
                return
            else:  # "wants to investigate": the act, not yet done
                framed.consumed, frame.consumed = False, True
                framed.status = "hypothetical"
                return
        if kind == "CLAIM":
            # "al-Shabab claimed responsibility for the attack": the claimant did it, says itself
            framed.consumed = False
            if not framed.actors:
                framed.actors = frame.actors
                framed.notes.append("claimed")
            return
        if kind == "CONSIDER":
            framed.consumed = False
            framed.status = "hypothetical"
            framed.notes.append("considered")
            return
        if kind == "FLOAT":
            if not frame.actors:
                frame.consumed = True
                framed.consumed = False
                framed.status = "hypothetical"
                return
            frame.cameo = self.lex.derive("THREATEN" if conflict else "INTENT", framed.cameo)
            frame.recipients = framed.recipients or frame.recipients
            return
        if kind in ("INTENT", "AGREE"):
            if conflict and frame.trigger.source == "rule:ready-to" and framed_root >= 13:
                # "ready to use force against the militia", "prepared to impose sanctions": a
                # readiness to coerce or strike is a threat (CAMEO 13), not a commitment
                frame.cameo = self.lex.derive("THREATEN", framed.cameo)
                frame.recipients = frame.recipients or framed.recipients
                if not frame.actors:
                    frame.actors = framed.actors
                return
            if conflict:
                # "agreed to impose sanctions", "pledged to expel": a commitment to act, still to come
                framed.consumed, frame.consumed = False, True
                framed.status = "future"
                framed.notes.append("committed")
                if not framed.actors:
                    framed.actors = frame.actors
                return
            frame.cameo = self.lex.derive("INTENT", framed.cameo)
            frame.recipients = frame.recipients or framed.recipients
            if not frame.actors:
                frame.actors = framed.actors
            return
        if kind == "REJECT":
            content: Mention | None = framed
            if framed.frame in ("APPEAL", "DEMAND", "INTENT") and framed_type in ("REQUEST", "AGREE"):
                # "rejected the Iraqi demands", "rejected an offer of talks": the demanders are the
                # recipients, the content (if any) says what was refused
                content = framed.framed
                frame.recipients = frame.recipients or framed.actors
            content_root = int(content.cameo[:2]) if content is not None and content.cameo[:2].isdigit() else 0
            if content is not None and 3 <= content_root < 10:
                frame.cameo = self.lex.derive("REJECT", content.cameo)
            elif not frame.cameo.startswith("12"):
                frame.cameo = "120"  # "refused to join the exercises": a refusal all the same
            frame.recipients = frame.proposers or frame.recipients or framed.recipients or framed.actors
            return
        if kind in ("APPEAL", "DEMAND"):
            if not conflict:
                frame.cameo = self.lex.derive(kind, framed.cameo)
            elif self._type(frame.cameo) != "REQUEST":
                frame.cameo = FRAME_BASE[kind]  # "wants Putin to attack": an appeal, whatever the act
            controlled = self._controlled(frame)
            frame.recipients = controlled or frame.recipients or [
                p for p in framed.actors if p.entity.id not in {a.entity.id for a in frame.actors}
            ] or framed.recipients
            return
        if kind == "THREATEN":
            if conflict:
                frame.cameo = self.lex.derive("THREATEN", framed.cameo)
            if frame.token.lemma_.lower() == "warn" and framed.actors and frame.actors and \
                    {p.entity.id for p in framed.actors} != {p.entity.id for p in frame.actors} and \
                    not any(p.via == "pronoun" for p in framed.actors):
                # "X warned that Y could attack" reports Y's act, it is not X's threat
                framed.consumed, frame.consumed = False, True
                framed.status = "hypothetical" if framed.status == "actual" else framed.status
                return
            if not conflict and frame.token.lemma_.lower() == "warn":
                framed.consumed, frame.consumed = False, True
                return
            frame.recipients = frame.recipients or framed.recipients
            return
        if kind == "ACCUSE":
            if not frame.recipients:
                frame.recipients = framed.actors or framed.recipients
            if framed_type == "ASSAULT" and frame.cameo.startswith("112"):
                frame.cameo = "1123"
            if framed_root in MATERIAL_CONFLICT_ROOTS and framed.actors and frame.actors:
                # "Ukraine accused Russia of attacking Kyiv": the accusation, and the attack as
                # Ukraine reports it (as "Ukraine said Russia attacked Kyiv" gives both)
                framed.consumed = False
                framed.alleged_by = frame
                framed.notes.append("alleged")

    def _consume_content(self, frame: Mention, framed: Mention | None) -> None:
        """The content of an allegation or a denial is not asserted: acts nested in it go too."""
        roots = [c for c in frame.token.children if c.dep_ in ("ccomp", "xcomp")]
        roots += [t for t in frame.tokens if t != frame.token and t.pos_ in ("NOUN", "PROPN")]  # "rejected accusations that ..."
        roots += [c for p in frame.token.children if p.dep_ == "prep" and p.lower_ in ("of", "for")
                  for c in p.children if c.dep_ in ("pcomp", "pobj")]
        if framed is not None:
            roots.append(framed.anchor)
        spans = [range(r.left_edge.i, r.right_edge.i + 1) for r in roots]
        for other in self._sentence_mentions:
            if other is not frame and not other.consumed and any(other.token.i in span for span in spans):
                other.consumed = True

    def _speech_demands(self, sent: Span, mentions: list[Mention]) -> list[Mention]:
        """"X said the government must ensure security": a demand by X on the government."""
        found: list[Mention] = []
        obligations = self.lex.cue("obligation_modals")
        for token in sent:
            if not token.pos_ == "VERB" or verb_lemmas(token)[0] not in self.report_verbs:
                continue
            for clause in children(token, "ccomp"):
                modal = next((c for c in clause.children if c.dep_ == "aux" and c.lower_ in obligations), None)
                if modal is None or any(c.dep_ == "neg" for c in clause.children) and modal.lower_ != "must":
                    continue
                speakers = [p for s in subject_tokens(token, self.object_control) for p in self.np_entities(s)]
                targets = [p for s in children(clause, "nsubj") for p in self.np_entities(s)]
                heads = {p.entity.id for p in speakers if p.via in ("head", "appos", "pronoun", "bound")}
                if targets and {p.entity.id for p in targets} <= heads:
                    continue  # "Russia said it must ...": the speaker's own duty
                if any(s.lower_ in ("we", "i") for s in children(clause, "nsubj")):
                    continue
                embedded = next((m for m in mentions if not m.consumed and m.anchor == clause), None)
                root = int(embedded.cameo[:2]) if embedded and embedded.cameo[:2].isdigit() else 0
                cameo = self.lex.derive("DEMAND", embedded.cameo) if embedded and 3 <= root < 10 else "100"
                trigger = Trigger(pos="VERB", lemma=token.lemma_.lower(), cameo=cameo, frame="DEMAND",
                                  source="rule:said-must", conf=0.6)
                demand = Mention(trigger=trigger, token=token, anchor=token, cameo=cameo, frame="DEMAND", mode=None,
                                 rule=f"speech:{token.lemma_.lower()}+{modal.lower_}", confidence=0.6,
                                 tokens=[modal, clause])
                demand.actors = speakers
                demand.recipients = targets or (embedded.actors if embedded else [])
                if embedded is not None:
                    embedded.consumed = True
                    demand.framed = embedded
                found.append(demand)
        return found

    def _consume_charges(self, mentions: list[Mention]) -> None:
        """"Jailed for helping militants", "arrested on charges of spying": the reason given
        for an arrest or a sanction is an allegation, not a fact the text asserts."""
        for m in mentions:
            if m.consumed or self._type(m.cameo) not in ("COERCE", "ACCUSE", "SANCTION"):
                continue
            for prep in m.token.children:
                if prep.dep_ == "prep" and prep.lower_ in ("for", "over"):
                    inner = [c for c in prep.children if c.dep_ in ("pcomp", "pobj")]
                    spans = [range(c.left_edge.i, c.right_edge.i + 1) for c in inner]
                    for other in mentions:
                        if other is not m and any(other.token.i in span for span in spans):
                            other.consumed = True

    def _controlled(self, frame: Mention) -> list[Participant]:
        """"urged Iran to ...", "called on Libya's government to ...": the one asked."""
        token = frame.token
        found: list[Participant] = []
        for obj in children(token, "dobj"):
            found += self.np_entities(obj)
        for word, pobj in prep_objects(token, {"on", "upon", "to"}):
            found += self.np_entities(pobj)
        return found

    def _speech_intent(self, mentions: list[Mention]) -> None:
        """"Israel announced it would free prisoners": a promise by the speaker (AGREE), and
        "said it would attack": a threat, when the speaker is the one who would act."""
        for m in mentions:
            if m.consumed or m.frame is not None:
                continue
            clause = m.anchor
            if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in self.report_verbs:
                continue
            modal = next((c for c in clause.children if c.dep_ == "aux" and c.lower_ in
                          (self.lex.cue("future_modals") | self.lex.cue("hypothetical_modals"))), None)
            if modal is None:
                continue
            speech = clause.head
            speakers = [p for s in subject_tokens(speech, self.object_control) for p in self.np_entities(s)]
            subjects = children(clause, "nsubj")
            same = bool(speakers) and (
                {p.entity.id for p in m.actors} <= {p.entity.id for p in speakers} and bool(m.actors)
                or (subjects and subjects[0].pos_ == "PRON" and subjects[0].lower_ not in ("i", "you"))
                or _speaks_for(speakers, m.actors)
            )
            if not same:
                continue
            root = int(m.cameo[:2]) if m.cameo[:2].isdigit() else 0
            if any(c.dep_ == "neg" for c in clause.children):
                if 3 <= root < 10:  # "said he would not provide support": a refusal
                    m.cameo = self.lex.derive("REJECT", m.cameo)
                    m.actors = speakers
                    m.rule += f"<said-{modal.lower_}-not"
                    m.notes.append("speech-intent")
                    m.tokens.append(speech)
                continue
            if root >= 10:
                m.cameo = self.lex.derive("THREATEN", m.cameo)
            elif root >= 4 or root == 3:
                m.cameo = self.lex.derive("INTENT", m.cameo) if root != 3 else m.cameo
            else:
                continue
            m.actors = speakers
            m.rule += f"<said-{modal.lower_}"
            m.notes.append("speech-intent")
            m.tokens.append(speech)

    # ------------------------------------------------------------------------------------ status

    def _status(self, m: Mention) -> str:
        if m.status != "actual":
            return m.status
        if "speech-intent" in m.notes or "refusal" in m.notes:
            return "actual"  # the promise, threat or refusal was made
        if _asked(m.token):
            return "hypothetical"  # "Do you think Taiwan should upgrade its forces?" asks, it does not report
        lex = self.lex
        hyp_modals, fut_modals = lex.cue("hypothetical_modals"), lex.cue("future_modals")
        chain = self._predicate_chain(m)
        composed_frame = m.framed is not None or "speech-intent" in m.notes
        for depth, pred in enumerate(chain):
            # negation first: "will not lift" is negated, not future (auxiliaries precede "not")
            if not composed_frame or depth == 0:
                negated = any(c.dep_ == "neg" or (c.dep_ in ("advmod", "det", "preconj") and c.lower_ in lex.cue("negations"))
                              for c in pred.children)
                if depth == 0 and pred.lemma_.lower() in lex.cue("litotes_verbs"):
                    negated = not negated  # "would not hesitate to strike" is a threat; "hesitated to" none
                if negated:
                    return "negated"
            for child in pred.children:
                if child.dep_ == "aux" and not composed_frame:
                    word = child.lower_
                    if word in fut_modals:
                        return "future"
                    if word in hyp_modals:
                        return "hypothetical"
                if child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether"):
                    return "hypothetical"
            if depth > 0 and not composed_frame:
                lemma = pred.lemma_.lower()
                if lemma in lex.cue("attempt_verbs") and pred.tag_ in ("VBD", "VBN") and depth == 1 and \
                        not any(c.dep_ == "neg" for c in pred.children):
                    # "tried to kill the president": an attempt is an act (CAMEO codes attempted
                    # assassination 185), not a plan
                    if m.cameo == "186":
                        m.cameo = "185"
                    m.notes.append("attempted")
                    return "actual"
                if lemma in lex.cue("negating_verbs"):
                    return "negated"
                if lemma in lex.cue("future_verbs"):
                    return "future"
                if lemma in lex.cue("hypothetical_verbs"):
                    return "hypothetical"
                if lemma == "be" and any(c.dep_ == "xcomp" for c in pred.children):
                    return "future"  # "is to meet"
        noun = m.token
        if m.trigger.pos == "NOUN":
            for child in noun.children:
                word = child.lemma_.lower()
                if child.dep_ == "det" and child.lower_ == "no":
                    return "negated"
                if child.dep_ == "amod" and word in lex.cue("hypothetical_adjectives"):
                    return "hypothetical"
                if child.dep_ == "amod" and word in ("upcoming", "next", "forthcoming", "planned", "scheduled",
                                                     "future", "coming", "impending", "imminent"):
                    return "future"
            head = noun.head
            if noun.dep_ == "pobj" and head.lower_ == "without":
                return "negated"
            if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_.lower() in lex.cue("hypothetical_nouns") \
                    and m.anchor == noun:
                return "hypothetical"
        if self._conditional(m) and not composed_frame:
            return "hypothetical"
        if self._under_attitude(m):
            return "hypothetical"
        if m.anchor.dep_ in ("acl", "xcomp") and m.anchor.head.lemma_.lower() in lex.cue("hypothetical_nouns") \
                and m.anchor.tag_ in ("VB", "VBG") and not composed_frame:
            return "hypothetical"
        if m.anchor.dep_ == "pcomp" and m.anchor.head.head.lemma_.lower() in lex.cue("hypothetical_nouns") \
                and not composed_frame:
            return "hypothetical"
        return "actual"

    def _implied_accusations(self, mentions: list[Mention]) -> list[Mention]:
        """"Israel said a mortar bomb was fired at it from Gaza", "the US claimed ISIL attacked Iraq":
        a party that states another party's violence or coercion accuses it (CAMEO 112, PETRARCH's
        reading); the act itself stays, reported by the speaker. Media and the doers themselves
        ("Russia said its forces struck ...") do not accuse."""
        found: list[Mention] = []
        speech_verbs = self.lex.cue("accusing_speech_verbs")
        for m in mentions:
            root = int(m.cameo[:2]) if m.cameo[:2].isdigit() else 0
            if root not in MATERIAL_CONFLICT_ROOTS or m.status not in ("actual", "historical") or not m.actors \
                    or m.alleged_by is not None or m.consumed:
                continue
            clause = m.anchor
            for _ in range(3):  # "said Russia attacked Kyiv and shelled Kharkiv": the first conjunct
                if clause.dep_ == "conj" and clause.head.pos_ in ("VERB", "AUX"):
                    clause = clause.head
            if clause.dep_ not in ("ccomp", "parataxis") or clause.head == clause:
                continue
            speech = clause.head
            if speech.pos_ not in ("VERB", "AUX") or verb_lemmas(speech)[0] not in speech_verbs \
                    or any(c.dep_ == "neg" for c in speech.children) or speech.i > clause.i \
                    or speech.tag_ == "VBG":
                continue  # "X attacked Y, officials said" attributes the report; it accuses nobody
            speakers = [p for s in subject_tokens(speech, self.object_control) for p in self.np_entities(s)]
            speakers = [p for p in speakers if p.entity.kind.upper() != "MEDIA" and (p.entity.sector or "") != "JRN"
                        and (p.entity.country or p.entity.kind.upper() in ("PERSON", "ORG", "IGO", "NGO"))]
            if not speakers:
                continue
            doers = {p.entity.id for p in m.actors} | {p.entity.country for p in m.actors if p.entity.country}
            if any(p.entity.id in doers or (p.entity.country and p.entity.country in doers) for p in speakers):
                continue  # a claim of one's own act
            if any(p.via in ("pronoun", "bound") or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in p.token.children)
                   for p in m.actors):
                continue  # "they had attacked", "its forces struck": the speaker's own side, or unclear
            cameo = "1123" if root >= 18 else "112"
            trigger = Trigger(pos="VERB", lemma=speech.lemma_.lower(), cameo=cameo, source="rule:said-violence",
                              conf=0.5)
            accusation = Mention(trigger=trigger, token=speech, anchor=speech, cameo=cameo, frame=None, mode=None,
                                 rule=f"speech:{speech.lemma_.lower()}>{m.rule}", confidence=0.5,
                                 tokens=[m.token], actors=speakers, recipients=list(m.actors))
            accusation.notes.append("implied-accusation")
            accusation.framed = m
            found.append(accusation)
        return found

    def _background(self, m: Mention) -> bool:
        """Violence or coercion told as the background of a participant: "a Hamas member jailed a
        year ago", "the group that has seized parts of Iraq", "Yaish, who had been arrested". A
        perfect or a bare participle in a clause that describes a party, not an event, is history."""
        anchor = m.anchor
        root = int(m.cameo[:2]) if m.cameo[:2].isdigit() else 0
        if m.trigger.pos != "VERB" or root not in MATERIAL_CONFLICT_ROOTS or anchor.dep_ not in ("relcl", "acl"):
            return False
        head = anchor.head
        if head.pos_ not in ("NOUN", "PROPN", "PRON") or head.i in self._mention_at or \
                head.lemma_.lower() in self.lex.cue("instrument_nouns"):
            return False  # "the attack, which killed five": the clause tells the event itself
        if any(c.dep_ == "expl" for c in head.head.children):
            return False  # "there were ten soldiers killed": told as news
        if any(self._recent(self.time_tokens[t.i]) for t in anchor.subtree if t.i in self.time_tokens):
            return False  # "soldiers killed today"
        auxiliaries = {c.lower_ for c in anchor.children if c.dep_ in ("aux", "auxpass")}
        if auxiliaries & {"had", "'d"} or (auxiliaries & {"has", "have", "'s", "'ve"} and anchor.tag_ == "VBN"):
            return True
        return anchor.dep_ == "acl" and anchor.tag_ == "VBN" and not auxiliaries

    def _recent(self, record: TimeRecord) -> bool:
        """A time within the month before publication (or any time, without a publication date)."""
        from . import date_range

        bounds = date_range(record.value)
        if self.published is None or bounds is None:
            return True
        return bounds[1] >= self.published - dt.timedelta(days=31)

    def _future_refusal(self, m: Mention) -> None:
        """"Britain will not lift the ban", "the rebels won't release the pilots": a cooperative act
        negated in the future is a refusal made now (CAMEO 12), not an act that did not happen."""
        if m.status != "negated" or m.framed is not None or not m.actors or m.trigger.pos != "VERB":
            return
        root = int(m.cameo[:2]) if m.cameo[:2].isdigit() else 0
        if not 3 <= root <= 8:
            return
        future = set(self.lex.cue("future_modals"))
        if m.anchor.dep_ == "ccomp" and m.anchor.head.lemma_.lower() in self.report_verbs:
            future |= {"would", "'d"}  # "Iraq said it would not allow ...": the reported "will not"
        if not any(c.dep_ == "aux" and c.lower_ in future for c in m.anchor.children):
            return
        m.cameo = self.lex.derive("REJECT", m.cameo)
        m.status = "actual"
        m.rule += "<will-not"
        m.notes.append("refusal")

    def _under_attitude(self, m: Mention) -> bool:
        """An act named inside what someone supports, asks, rejects or proposes is not asserted:
        "support for Turkey hosting another round of negotiations"."""
        past = {"previous", "earlier", "last", "initial", "first", "prior", "past", "recent"}
        if m.trigger.pos == "NOUN" and any(c.lower_ in past for c in m.token.children):
            return False
        hypothetical_nouns = self.lex.cue("hypothetical_nouns")
        current = m.anchor
        for _ in range(6):
            head = current.head
            if head == current:
                return False
            dep = current.dep_
            if dep == "pobj" or dep == "pcomp":
                if head.lower_ in TEMPORAL_PREPS:
                    return False
            elif dep == "prep":
                if current.lower_ not in CONTENT_PREPS:
                    return False
            elif dep in ("dobj", "xcomp"):
                if current.pos_ in ("VERB", "AUX") and current.tag_ not in ("VB", "VBG"):
                    return False
            elif dep == "acl":
                if current.tag_ not in ("VB", "VBG"):
                    return False
            else:
                return False
            owner = self._mention_at.get(head.i)
            if owner is not None and owner is m.alleged_by:
                return False
            if owner is not None and owner is not m:
                owner_type = self._type(owner.cameo)
                if owner_type in ATTITUDE_TYPES:
                    return True
            if head.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() in hypothetical_nouns and owner is None:
                return True
            if head.pos_ in ("VERB", "AUX"):
                lemma = verb_lemmas(head)[0]
                if lemma in ("aim", "intend", "design", "seek", "want", "hope", "plan", "mean"):
                    return True  # "a trip aimed at pushing for a ceasefire"
                if head.tag_ not in ("VB", "VBG"):
                    return False
                if owner is None and lemma not in self.light_verbs and lemma not in TRANSPARENT_VERBS \
                        and current.dep_ in ("dobj", "nsubjpass"):
                    return False  # "demands aimed at ending its invasion": the invasion itself is real
            current = head
        return False

    def _predicate_chain(self, m: Mention) -> list[Token]:
        """The trigger's predicate and the verbs controlling it ("plans to (attack)")."""
        chain = [m.anchor]
        current = m.anchor
        for _ in range(4):
            if current.dep_ in ("xcomp",) and current.head != current:
                current = current.head
                chain.append(current)
            elif current.dep_ == "advcl" and current.tag_ == "VB" and any(c.lower_ == "to" for c in current.children):
                current = current.head  # "will meet in Zurich to discuss": discussed when they meet
                chain.append(current)
            elif current.dep_ == "acomp" and current.head.pos_ in ("VERB", "AUX"):
                current = current.head  # "is likely to (attack)", "may be about to (sign)"
                chain.append(current)
            elif current.dep_ == "conj" and current.head.pos_ in ("VERB", "AUX") and not children(current, "nsubj"):
                # "will meet and sign": the auxiliaries of the first verb cover the second
                current = current.head
                chain.append(current)
            elif current.dep_ == "pcomp" and current.tag_ == "VBG" and current.head.lower_ == "by" and \
                    current.head.head.pos_ in ("VERB", "AUX"):
                current = current.head.head  # "could escalate by testing": the means shares the mood
                chain.append(current)
            else:
                break
        return chain

    def _conditional(self, m: Mention) -> bool:
        """Inside an "if" / "unless" clause, however the parser joined the trigger to it ("if it
        changes its position or tests more missiles")."""
        current = m.anchor
        for _ in range(6):
            if current.pos_ in ("VERB", "AUX") and any(c.dep_ == "mark" and c.lower_ in ("if", "unless")
                                                       for c in current.children):
                return True
            if current.head == current or current.dep_ in ("ccomp", "relcl", "parataxis", "acl") or \
                    (current != m.anchor and current.pos_ in ("VERB", "AUX") and children(current, "nsubj")
                     and current.dep_ != "advcl"):
                return False
            current = current.head
        return False

    # -------------------------------------------------------------------------------------- date

    def _date_owners(self, m: Mention) -> set[int]:
        """Tokens a time expression may hang from to date this mention."""
        owners = {m.token.i, m.anchor.i}
        for token in (m.token, m.anchor):
            for child in token.children:
                if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB":
                    owners.add(child.i)  # "talks held on ...", "the invasion, which began in 2022"
        current = m.anchor
        for _ in range(4):  # participles and shared clauses: "On Sunday, Trump ..., criticising Putin"
            head = current.head
            if head == current:
                break
            if current.dep_ == "xcomp" or (current.dep_ in ("advcl", "conj") and current.tag_ in ("VBG", "VBN")
                                           and not children(current, "nsubj")
                                           and not any(c.dep_ == "mark" for c in current.children)):
                owners.add(head.i)
                current = head
                continue
            if current.dep_ == "conj" and not children(current, "nsubj") and head.pos_ == "VERB":
                owners.add(head.i)
                current = head
                continue
            break
        for frame_part in m.composed_from:
            owners |= {frame_part.token.i, frame_part.anchor.i}
        return owners

    def _argument_owners(self, m: Mention) -> set[int]:
        """"Trump on Sunday criticised", "attacked Kyiv on Sunday": the parser hangs the time on the
        verb's subject or object; unless that noun is an act of its own, the time is the verb's."""
        if m.anchor.pos_ not in ("VERB", "AUX"):
            return set()
        return {arg.i for arg in children(m.anchor, "nsubj", "nsubjpass", "dobj")
                if arg.i not in self._mention_at and arg.pos_ in ("PROPN", "NOUN", "PRON")}

    def _inherited_owners(self, m: Mention) -> set[int]:
        """Where an undated mention may take its time from when its own clause has none:
        the saying that performs a verbal act ("Putin said Thursday that Russia supports ..."),
        the verb a noun event is the occasion or outcome of ("travel on Wednesday for meetings",
        "stormed a hotel on Tuesday, triggering a siege"), the verb an event noun is the subject
        of ("the talks resumed on Monday"), a clause joined under a fronted time ("On Sunday,
        X attacked and Y responded"). Never the publication date."""
        owners: set[int] = set()
        lex = self.lex
        anchor = m.anchor
        root = int(m.cameo[:2]) if m.cameo[:2].isdigit() else 0
        # a verbal act performed by saying it: present tense, a modal, or composed with the saying
        if root in VERBAL_ROOTS or root == 16:
            speech_parts = [t for t in m.tokens if t.lemma_.lower() in self.report_verbs]
            if speech_parts and ("speech-intent" in m.notes or m.rule.startswith("speech:")):
                owners |= {t.i for t in speech_parts}
            clause = anchor
            for _ in range(4):  # "said he was inclined to support": up to the reported predicate
                if clause.dep_ in ("conj", "xcomp") and clause.head.pos_ in ("VERB", "AUX", "ADJ"):
                    clause = clause.head
            modal = any(c.dep_ == "aux" and c.lower_ in lex.cue("future_modals") | lex.cue("hypothetical_modals")
                        for c in clause.children)
            perfect = any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("has", "have", "had", "'s", "'ve", "'d")
                          for c in clause.children) and not modal
            present = clause.tag_ in ("VBP", "VBZ") or modal
            if clause.dep_ in ("ccomp", "parataxis") and clause.head.lemma_.lower() in self.report_verbs and not perfect:
                speech = clause.head
                speakers = {p.entity.id for s in subject_tokens(speech, self.object_control) for p in self.np_entities(s)}
                own = bool(speakers) and {p.entity.id for p in m.actors} <= speakers and bool(m.actors)
                # the speaker's own stance is taken by saying it ("Trump said he was inclined to
                # support the deal", "Mogadishu announced it was cutting ties"); another party's
                # only when it holds now ("Putin said Russia supports ...")
                if (own or present) and (root != 16 or own):
                    owners.add(speech.i)
            if present and root != 16:
                owners |= self._quote_cue(m.token)  # '"We support Mauritius," Misri said Saturday'
        if m.trigger.pos == "NOUN" and anchor == m.token:
            noun = m.token
            head = noun.head
            if noun.dep_ == "nsubj" and head.pos_ in ("VERB", "AUX") and \
                    verb_lemmas(head)[0] in lex.cue("occurrence_verbs"):
                owners.add(head.i)  # "the talks resumed on Monday", "the strike killed five on Monday"
            verb = head.head if noun.dep_ == "pobj" and head.dep_ == "prep" and \
                head.lower_ in ("for", "at", "in", "during", "into", "to") else head if noun.dep_ == "dobj" else None
            if verb is not None and verb.pos_ in ("VERB", "AUX") and \
                    (verb_lemmas(verb)[0] in lex.cue("occasion_verbs") or
                     (noun.dep_ == "pobj" and head.lower_ in ("in", "during") and verb_lemmas(verb)[0] in self.light_verbs)):
                owners.add(verb.i)
                owners |= self._date_owners_of_clause(verb)
        if "instrument-subject" in m.notes:
            owners |= {s.i for s in children(anchor, "nsubj", "nsubjpass")}
        # a clause joined to a main clause that a fronted time governs
        current = anchor
        for _ in range(3):
            if current.dep_ != "conj" or current.head == current:
                break
            current = current.head
            if current.dep_ == "ROOT":
                owners.add(current.i)
                break
        return owners

    def _quote_cue(self, token: Token) -> set[int]:
        """The cue verb of the direct quote ``token`` is in ("said" of '"...," X said Saturday')."""
        for quote in self.quotes:
            if quote.kind != "direct" or quote.cue_span is None:
                continue
            spans = quote.parts or [quote.span]
            if any(start <= token.idx < end for start, end in spans):
                cue = self.doc.char_span(quote.cue_span[0], quote.cue_span[1], alignment_mode="expand")
                if cue is not None:
                    return {cue.root.i}
        return set()

    def _date_owners_of_clause(self, verb: Token) -> set[int]:
        """The verb and the predicates it shares its clause with (participles, infinitives)."""
        owners = {verb.i}
        current = verb
        for _ in range(3):
            if current.dep_ in ("xcomp", "advcl", "conj") and current.tag_ in ("VB", "VBG", "VBN") and \
                    not children(current, "nsubj") and current.head != current:
                current = current.head
                owners.add(current.i)
            else:
                break
        return owners

    def _fronted(self, record: TimeRecord, attach: Token) -> bool:
        """A time expression opening its clause before the subject: "On Sunday, Trump ..."."""
        subjects = children(attach, "nsubj", "nsubjpass")
        return bool(subjects) and record.span[0] < subjects[0].idx

    def _date(self, m: Mention) -> TimeRecord | None:
        if not self.times:
            return None
        own = self._own_date(m)
        if own is not None:
            return own
        inherited = self._inherited_owners(m)
        if not inherited:
            return None
        sentences = {m.sentence.start: m.sentence}
        for i in inherited:
            sentences.setdefault(self.doc[i].sent.start, self.doc[i].sent)
        best: TimeRecord | None = None
        best_distance = 10**9
        for i in (i for sent in sentences.values() for i in range(sent.start, sent.end)):
            sent = self.doc[i].sent
            record = self.time_tokens.get(i)
            if record is None or (i > sent.start and self.time_tokens.get(i - 1) is record):
                continue
            attach = self._time_attachment(self.doc[i], record)
            if attach is None or attach.i not in inherited or not record.value[:4].isdigit():
                continue
            if attach.dep_ == "ROOT" and m.anchor.dep_ == "conj" and attach.i != m.anchor.i and \
                    not self._fronted(record, attach) and attach.i not in self._date_owners(m):
                continue  # only a fronted time governs the clauses joined to the main one
            distance = abs(attach.i - m.token.i)
            if distance < best_distance:
                best, best_distance = record, distance
        if best is not None:
            m.notes.append("date-inherited")
        return best

    def _own_date(self, m: Mention) -> TimeRecord | None:
        sent = m.sentence
        owners = self._date_owners(m)
        arguments = self._argument_owners(m) - owners
        best: TimeRecord | None = None
        best_distance = 10**9
        transfer: TimeRecord | None = None
        for i in range(sent.start, sent.end):
            record = self.time_tokens.get(i)
            if record is None or (i > sent.start and self.time_tokens.get(i - 1) is record):
                continue
            attach = self._time_attachment(self.doc[i], record)
            if attach is None:
                continue
            distance = abs(attach.i - m.token.i)
            if attach.i in arguments and self.doc[i].dep_ != "poss" and \
                    not any(t.dep_ == "poss" for t in self.doc[i:i + len(record.text.split())]) and distance < best_distance:
                best, best_distance = record, distance  # not "welcomed Tuesday's announcement"
            elif attach.i in owners and distance < best_distance:
                best, best_distance = record, distance
            elif m.trigger.pos == "NOUN" and attach.lemma_.lower() in self.report_verbs and \
                    self._in_object_of(m.token, attach):
                transfer = transfer or record  # "Ukraine reported attacks overnight into Monday"
        return best or transfer

    def _time_attachment(self, token: Token, record: TimeRecord) -> Token | None:
        """The word a time expression modifies: "on (Monday)" -> its head; "earlier this month"
        as an adverbial noun -> the noun or verb it hangs from."""
        span = self.doc.char_span(record.span[0], record.span[1], alignment_mode="expand")
        if span is None:
            return None
        root = span.root
        current = root
        for _ in range(3):
            head = current.head
            if head == current:
                return current
            if head.i in range(span.start, span.end):
                current = head
                continue
            if head.dep_ == "prep" or head.pos_ == "ADP":
                current = head
                continue
            return head
        return current.head

    @staticmethod
    def _in_object_of(noun: Token, verb: Token) -> bool:
        current = noun
        for _ in range(5):
            if current.head == current:
                return False
            if current.head == verb:
                return current.dep_ in ("dobj", "attr", "oprd")
            current = current.head
        return False

    # ---------------------------------------------------------------------------------- location

    def _location(self, m: Mention) -> tuple[str, str | None] | None:
        owners = [m.token, m.anchor]
        for token in (m.token, m.anchor):
            owners += [c for c in token.children if c.dep_ == "acl" and c.pos_ == "VERB"]
        for owner in owners:
            for word, pobj in prep_objects(owner, {"in", "at", "near", "outside", "inside", "across",
                                                   "throughout", "around", "off", "within"}):
                found = self._place_at(pobj)
                if found is not None:
                    return found
        if m.trigger.pos == "NOUN" and self._type(m.cameo) in SYMMETRIC_TYPES | {"AGREE"}:
            for child in m.token.children:  # "the Jeddah talks", "the Minsk agreements"
                if child.dep_ == "compound" and self._is_city(child):
                    return self._place_at(child)
        return None

    def _place_at(self, token: Token) -> tuple[str, str | None] | None:
        candidates = [token] + [c for c in token.children if c.dep_ in ("compound", "appos", "poss")]
        for t in candidates:
            for place in self.places:
                for start, end in place.mentions:
                    if start <= t.idx < end:
                        return place.name, place.id
            entity = self.index.at(t)
            if entity is not None and entity.kind.upper() in self.location_kinds:
                return entity.name, None
        for word, pobj in prep_objects(token, {"of"}):
            if token.lemma_.lower() in ("city", "region", "town", "capital", "province", "village", "district"):
                return self._place_at(pobj)
        return None

    # ---------------------------------------------------------------------------------- reporter

    def _reporter(self, m: Mention) -> Entity | None:
        """Who the text says reported the event: "Bloomberg reported", "according to X",
        "as reported by X", "Kyiv stated that ...", or the speaker of a quote around it."""
        if m.alleged_by is not None and m.alleged_by.actors:
            return m.alleged_by.actors[0].entity
        found = self._syntactic_reporter(m)
        if found is not None:
            return found
        start = m.token.idx
        for quote in self.quotes:
            cue = (quote.cue or "").lower().split()
            if not cue or not (quote.span[0] <= start < quote.span[1]) or not (quote.speaker or quote.via):
                continue
            if quote.kind == "direct" or cue[0] == "according" or self._report_word(cue[-1]):
                entity = self._entity_by_id(quote.speaker or quote.via)
                if entity is not None:
                    return entity
        return None

    def _report_word(self, word: str) -> bool:
        lemma = self.doc.vocab.strings  # cues are surface words; compare a crude lemma too
        del lemma
        stems = {word, word.rstrip("s"), word[:-2] if word.endswith("ed") else word, word[:-1] if word.endswith("d") else word}
        return bool(stems & self.report_verbs)

    def _syntactic_reporter(self, m: Mention) -> Entity | None:
        current = m.anchor
        path_dep = None
        for _ in range(8):
            for child in current.children:
                found = self._source_phrase(child)
                if found is not None:
                    return found
            lemma = current.lemma_.lower()
            if current != m.anchor and lemma in self.report_verbs and path_dep in ("ccomp", "parataxis", "dobj", None):
                subjects = subject_tokens(current, self.object_control)
                for s in subjects:
                    speakers = self.np_entities(s)
                    if speakers:
                        return speakers[0].entity
            head = current.head
            if head == current:
                break
            if current.dep_ == "parataxis" or head.dep_ == "parataxis":
                path_dep = "parataxis"
            else:
                path_dep = current.dep_
            if path_dep not in ("ccomp", "parataxis", "dobj", "pobj", "prep", "xcomp", "conj", "advcl", "acl", "pcomp"):
                break
            current = head
        # "..., Bloomberg reported." parsed with the report verb as the root
        root = m.sentence.root
        if root.lemma_.lower() in self.report_verbs and root != m.anchor and root.i > m.anchor.i:
            for s in subject_tokens(root, self.object_control):
                speakers = self.np_entities(s)
                if speakers:
                    return speakers[0].entity
        return None

    def _source_phrase(self, child: Token) -> Entity | None:
        word = child.lower_
        if child.dep_ == "prep" and word == "according":
            for inner in child.children:
                if inner.dep_ == "prep" and inner.lower_ == "to":
                    for pobj in inner.children:
                        if pobj.dep_ == "pobj":
                            found = self.np_entities(pobj)
                            if found:
                                return found[0].entity
        if child.dep_ == "advcl" and child.lemma_.lower() in self.report_verbs and \
                any(c.lower_ == "as" for c in child.children if c.dep_ == "mark"):
            for word2, pobj in prep_objects(child, {"by"}):
                found = self.np_entities(pobj)
                if found:
                    return found[0].entity
        if child.dep_ in ("advcl", "prep") and child.lower_ == "citing":
            for obj in children(child, "dobj", "pobj"):
                found = self.np_entities(obj)
                if found:
                    return found[0].entity
        return None

    def _entity_by_id(self, entity_id: str | None) -> Entity | None:
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        return None

    def _anaphoric(self, m: Mention) -> str | None:
        """"A previous meeting" -> "series"; "the assaults" -> "definite"; else None."""
        if m.trigger.pos != "NOUN":
            return None
        mods = {c.lower_ for c in m.token.children if c.dep_ in ("det", "amod", "poss", "advmod", "predet")}
        if mods & self.lex.cue("series_modifiers"):
            return "series"
        if mods & self.lex.cue("anaphoric_determiners"):
            return "definite"
        return None


def _asked(token: Token) -> bool:
    """Whether ``token`` stands in a question: its clause ends at a question mark."""
    end = token.sent[-1]
    while end.i > token.sent.start and (end.is_punct and end.text in {'"', "'", "\u201d", "\u2019", ")"}):
        end = token.doc[end.i - 1]
    return end.text == "?"


def _is_state(entity: Entity) -> bool:
    return bool(entity.country) and (entity.kind.upper() == "GPE" or entity.sector == "GOV")


def _speaks_for(speakers: list[Participant], actors: list[Participant]) -> bool:
    """A state's official telling what the state will do: "the Turkish foreign minister said
    Ankara would provide ..." is Turkey's own promise, as "said it would" is."""
    countries = {p.entity.country for p in speakers if _is_state(p.entity)}
    return bool(actors) and bool(countries) and all(_is_state(p.entity) and p.entity.country in countries
                                                    for p in actors)


def _infinitives(token: Token) -> list[Token]:
    """The infinitives a verb governs: "declined to comment", "pressed Iran to release"."""
    return [c for c in token.children if c.dep_ == "xcomp" or
            (c.dep_ in ("advcl", "ccomp") and c.tag_ == "VB" and any(a.lower_ == "to" for a in c.children))]


def _content_children(token: Token, clausal: bool) -> list[Token]:
    """Where the content of a framing word sits: its infinitive, object, passive subject, a
    content preposition's object, an infinitival relative ("proposals to hold talks")."""
    out = []
    for child in token.children:
        dep = child.dep_
        if dep in ("xcomp", "dobj", "nsubjpass", "attr", "oprd", "pcomp", "pobj"):
            out.append(child)
        elif dep == "ccomp" and clausal:
            out.append(child)
        elif dep == "prep" and child.lower_ in CONTENT_PREPS:
            out += [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
        elif dep in ("acl", "relcl") and child.pos_ in ("VERB", "AUX") and child.tag_ in ("VB", "VBG") and \
                (child.tag_ == "VB" or token.pos_ in ("NOUN", "PROPN")):
            out.append(child)
        elif dep == "advcl" and child.tag_ == "VB" and any(c.lower_ == "to" for c in child.children):
            out.append(child)  # "pressured by Congress to help Iran"
    return out


def _depth(token: Token) -> int:
    depth = 0
    current = token
    while current.head != current and depth < 50:
        current = current.head
        depth += 1
    return depth


def _unique(participants: list[Participant]) -> list[Participant]:
    seen: set[str] = set()
    out = []
    for p in participants:
        if p.entity.id not in seen:
            seen.add(p.entity.id)
            out.append(p)
    return out
