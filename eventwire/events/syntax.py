"""Dependency helpers the event coder shares: subjects, objects, noun-phrase entities, climbing.

These read a spaCy parse (ClearNLP-style labels of the English pipelines) and the actors stage's
entities; they never raise on odd parses (cycles and missing heads end a walk).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..records import Entity

SUBJ_DEPS = {"nsubj", "csubj"}
PASS_SUBJ_DEPS = {"nsubjpass", "csubjpass"}
OBJ_DEPS = {"dobj", "attr", "oprd", "dative"}
MOD_DEPS = {"compound", "amod", "nmod", "npadvmod", "flat"}
RELATIVE_PRONOUNS = {"which", "who", "that", "whom", "whose"}
POSSESSIVE_PRONOUNS = {"its", "their", "his", "her", "our", "my", "your"}


@dataclass(frozen=True)
class Participant:
    """An entity taking part in an event, the token that names it and how it was found."""

    entity: Entity
    token: Token
    via: str  # head | appos | compound | poss | mod | of | pronoun | bound


class EntityIndex:
    """Token index -> the entity mentioned there (the tightest mention wins)."""

    def __init__(self, doc: Doc, entities: list[Entity]) -> None:
        self.doc = doc
        self.by_token: dict[int, Entity] = {}
        size: dict[int, int] = {}
        for entity in entities:
            for start, end in entity.mentions:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is None:
                    continue
                for token in span:
                    if token.i not in size or end - start < size[token.i]:
                        self.by_token[token.i] = entity
                        size[token.i] = end - start

    def at(self, token: Token) -> Entity | None:
        return self.by_token.get(token.i)


def is_passive(verb: Token) -> bool:
    """A passive clause, a participle with a "by" agent ("an initiative supported by X"), or a
    bare past participle hanging from a clause ("the leader is dead, killed in a strike")."""
    if any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass", "agent") for c in verb.children):
        return True
    return (verb.tag_ == "VBN" and verb.dep_ in ("advcl", "conj", "acl")
            and not any(c.dep_ in ("nsubj", "aux", "dobj") for c in verb.children))


def conjuncts(token: Token) -> list[Token]:
    """The token and the tokens coordinated with it ("Lavrov and Fidan"); a list of proper names
    parsed as appositions ("the US, Russia, and Switzerland") counts as coordination."""
    out = [token]
    seen = {token.i}
    stack = [token]
    while stack:
        current = stack.pop()
        for child in current.children:
            listed = (child.dep_ == "appos" and current.pos_ == "PROPN" and child.pos_ == "PROPN"
                      and child.ent_type_ and child.ent_type_ == current.ent_type_
                      and any(c.dep_ == "conj" for c in child.children))
            if (child.dep_ == "conj" or listed) and child.i not in seen:
                seen.add(child.i)
                out.append(child)
                stack.append(child)
    return sorted(out, key=lambda t: t.i)


def children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def prep_objects(token: Token, preps: set[str] | frozenset[str] | None = None) -> list[tuple[str, Token]]:
    """(preposition, object) pairs under ``token``: "with Putin" -> ("with", Putin)."""
    pairs = []
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.pos_ in ("ADP", "SCONJ", "ADV", "VERB", "PART"):
            word = child.lower_
            if preps is not None and word not in preps:
                continue
            for obj in child.children:
                if obj.dep_ in ("pobj", "pcomp"):
                    pairs.append((word, obj))
                elif obj.dep_ == "prep":  # "according to", "out of"
                    for inner in obj.children:
                        if inner.dep_ == "pobj":
                            pairs.append((f"{word} {obj.lower_}", inner))
    return pairs


def verb_lemmas(token: Token) -> list[str]:
    """Lemma candidates of a verb: the model's lemma, then the surface form stripped of common
    endings (the small English model lemmatises "staged" as "stag")."""
    lemma = token.lemma_.lower()
    word = token.lower_
    out = [lemma]
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 1].whitespace_ == "" \
            and doc[token.i - 2].whitespace_ == "":
        out.insert(0, f"{doc[token.i - 2].lower_}-{lemma}")  # "re-examine", "test-fired" split by the tokenizer
    if word.startswith("re-") and len(word) > 5:
        out.append(lemma[3:] if lemma.startswith("re-") else word[3:])
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ed", "e"), ("ed", ""), ("es", ""), ("s", ""),
                         ("ing", "e"), ("ing", ""), ("d", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            out.append(word[: -len(suffix)] + repl)
    seen: list[str] = []
    for candidate in out:
        if candidate not in seen:
            seen.append(candidate)
    return seen


#: Particles that may follow the object of a phrasal verb ("drove the villagers out"); not "on" or
#: "for", which after an object mostly start a time or a purpose ("called Morrison on Wednesday").
SEPARABLE_PARTICLES = frozenset({"out", "off", "back", "away", "down", "up", "over"})


def _timing(token: Token) -> bool:
    """Part of a time adverbial or an adverb ("on Friday", "late on Monday", "again")."""
    if token.ent_type_ in ("DATE", "TIME") or token.dep_ in ("advmod", "neg"):
        return True
    return token.dep_ == "prep" and any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in token.children)


def has_particle(token: Token, word: str) -> bool:
    """"pull out", "call on X": a particle, or a preposition right after the verb (not "on
    Tuesday called") or right after its direct object ("forced the fishing boats out of")."""
    for c in token.children:
        if c.lower_ != word:
            marks = [m for m in c.children if m.dep_ == "mark" and m.lower_ == word] if c.dep_ in ("advcl", "ccomp") else []
            if marks and marks[0].i > token.i and all(_timing(t) for t in token.doc[token.i + 1:marks[0].i]):
                return True  # "called on Friday for Britain to stay": the parser hangs "for" on the clause
            continue
        if c.dep_ == "prt":
            return True
        if c.dep_ not in ("prep", "advmod", "dative") or c.i < token.i:
            continue
        if any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in c.children):
            continue  # "called Xi on Tuesday" is no "call on"
        after_object = any(o.dep_ in ("dobj", "dative") and token.i < o.i < c.i for o in token.children)
        only_time_between = all(_timing(t) for t in token.doc[token.i + 1:c.i])  # "called on Friday for"
        if (c.i - token.i <= 3 and not after_object) or only_time_between or (
                word in SEPARABLE_PARTICLES and any(o.dep_ == "dobj" and o.right_edge.i + 1 == c.i for o in token.children)):
            return True
    return False


def governing_verb(token: Token, max_steps: int = 6) -> Token | None:
    """The nearest verb above ``token`` reached through prepositions and clauses."""
    current = token
    for _ in range(max_steps):
        if current.head == current:
            return None
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            return current
    return None


def subject_tokens(verb: Token, object_control: frozenset[str], depth: int = 0) -> list[Token]:
    """Who does what ``verb`` says, following control, coordination and relative clauses.

    "Lavrov and Fidan met" -> Lavrov, Fidan; "which failed" -> the noun the clause modifies;
    "urged Iran to release" (for release) -> Iran; "criticising Putin" (participle) -> the main
    clause's subject.
    """
    if depth > 4:
        return []
    if is_passive(verb):
        agents = [pobj for prep, pobj in prep_objects(verb, {"by"})]
        return [t for a in agents for t in conjuncts(a)]
    subjects = children(verb, *SUBJ_DEPS)
    if subjects:
        subject = subjects[0]
        if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return conjuncts(verb.head)
        return conjuncts(subject)
    head = verb.head
    if head == verb:
        return []
    infinitive = verb.dep_ == "advcl" and verb.tag_ == "VB" and any(c.lower_ == "to" for c in verb.children)
    if verb.dep_ == "xcomp" or infinitive:
        if head.lemma_.lower() in object_control and is_passive(head):
            patients = children(head, *PASS_SUBJ_DEPS)
            if patients:
                return conjuncts(patients[0])  # "Obama is being pressured to help": Obama helps
        if is_passive(head) and head.lemma_.lower() not in object_control:
            patients = children(head, *PASS_SUBJ_DEPS)  # "Obama is scheduled to attend"
            if patients:
                return conjuncts(patients[0])
        if head.lemma_.lower() in object_control:
            objects = children(head, "dobj")
            if objects:
                return conjuncts(objects[0])
            for prep, pobj in prep_objects(head, {"on", "upon"}):
                return conjuncts(pobj)
        if head.pos_ in ("VERB", "AUX"):
            return subject_tokens(head, object_control, depth + 1)
        if head.dep_ == "acomp" and head.head.pos_ in ("VERB", "AUX"):
            return subject_tokens(head.head, object_control, depth + 1)  # "Russia is about (able, likely) to sign"
        return []
    if verb.dep_ in ("conj", "advcl") and head.pos_ in ("VERB", "AUX"):
        if verb.dep_ == "advcl" and any(c.dep_ == "mark" for c in verb.children):
            return []
        return subject_tokens(head, object_control, depth + 1)
    if verb.dep_ == "relcl":
        return conjuncts(head)
    if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN", "PRON"):
        if verb.tag_ == "VBG":
            return conjuncts(head)
        return []
    if verb.dep_ == "amod" and verb.tag_ == "VBG" and head.pos_ in ("NOUN", "PROPN"):
        return conjuncts(head)  # "the visiting Dutch king", "the advancing troops"
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        owner = head.head
        if owner.pos_ in ("VERB", "AUX"):
            # "accused him of killing": the object does the act; "by imposing": the subject
            objects = children(owner, "dobj")
            if objects and head.lower_ in ("of", "for"):
                return conjuncts(objects[0])
            return subject_tokens(owner, object_control, depth + 1)
    return []


def object_tokens(verb: Token, prep: str | None = None) -> list[Token]:
    """What ``verb`` acts on: direct objects, the subject of a passive, or a preposition's object."""
    if prep is not None:
        found = [t for word, pobj in prep_objects(verb) if word == prep or word.startswith(prep + " ")
                 or (word.endswith(" " + prep) and word.split()[0] in SEPARABLE_PARTICLES)  # "pulled out of"
                 for t in conjuncts(pobj)]
        if not found:  # "rallied its allies against the annexation": the phrase hangs on the object
            found = [t for o in children(verb, "dobj") for word, pobj in prep_objects(o) if word == prep
                     for t in conjuncts(pobj)]
        return found
    found = [t for o in children(verb, *OBJ_DEPS) for t in conjuncts(o)]
    if not found:  # "allowed demonstrations to go ahead" parsed as a clause: its subject is the object
        found = [t for c in verb.children if c.dep_ == "ccomp" and any(a.lower_ == "to" for a in c.children)
                 for s in children(c, "nsubj") for t in conjuncts(s)]
    if not found:  # "allowed United Nations convoys into Aleppo" with the noun parsed as a clause
        found = [t for c in verb.children if c.dep_ == "ccomp" and c.pos_ == "NOUN" and c.tag_ in ("NN", "NNS")
                 for t in conjuncts(c)]
    if is_passive(verb):
        found += [t for s in children(verb, *PASS_SUBJ_DEPS) for t in conjuncts(s)]
        if verb.dep_ in ("acl", "relcl") and not found and verb.head.pos_ in ("NOUN", "PROPN"):
            found = conjuncts(verb.head)
        if verb.dep_ in ("advcl", "conj") and not found and verb.head.pos_ in ("VERB", "AUX"):
            found = [t for s in children(verb.head, "nsubj", "nsubjpass") for t in conjuncts(s)]
    elif verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN"):
        found += conjuncts(verb.head)  # "an initiative supported by X"
    if not found:
        found = [t for word, pobj in prep_objects(verb) if word not in ("by",) for t in conjuncts(pobj)]
    return found


def sentence_of(token: Token) -> Span:
    return token.sent
