"""Find the actors of one article and resolve every mention of them within it.

1. candidates: the knowledge base (people, organisations, outlets, countries, capitals, seats of
   power, nationality adjectives) matched with a spaCy ``PhraseMatcher``, plus spaCy's own entities
   for what no list knows; the longest match wins and the knowledge base corrects spaCy's labels;
2. descriptors: titles and appositions around a name ("Russian Foreign Minister X", "X, Russia's
   deputy ...", "his Turkish counterpart, X") give country, sector and title to people no list knows;
3. within-article resolution: surnames to full names, pronouns to people (he/him/his by clause
   structure, it/its/they/their to the subject country or group), "the minister" to the right
   minister, capitals as subjects ("Moscow declined") to governments;
4. unnamed actors: "Russian troops", "a Ukrainian military spokesman", "insurgents", "police";
5. officials and local groups with no stated nationality take the story's dominant country.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from ..records import Article, Entity
from .kb import Actor, KnowledgeBase, Role, combine_code, load_kb, surname_of

log = logging.getLogger(__name__)

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
NOUN_HEAD_DEPS = SUBJECT_DEPS | {"dobj", "pobj", "poss", "appos", "conj", "attr"}
ARGUMENT_DEPS = SUBJECT_DEPS | {"dobj", "pobj", "conj", "agent"}
LOCAL_SECTORS = {"CVL", "COP"}  # unnamed civilians and police belong to the country the story is about ...
CONTESTED_SECTORS = {"CVL"}  # ... civilians first to the place their own sentence names (war victims are often the other side's)
STATE_KEYS = ("country:", "gov:", "seat:")  # mentions of a country itself, its government or a seat of power
PLACE_KEYS = (*STATE_KEYS, "place:")  # ... or one of its places
PLACE_SOURCES = {"country", "capital", "seat", "ner"}  # a named country, capital, seat of power or city; not an adjective or pronoun
STATE_SECTORS = {"GOV", "MIL", "OPP", "REB", "LEG", "SPY", "COP"}  # so do "the army", "the government", "the rebels"
WEAPONS = {"drone", "missile", "warplane", "jet", "artillery", "rocket", "shell", "bomb", "tank"}
NON_STATE_CODES = {"IGO", "NGO", "MNC"}
CITY_POPULATION = 100_000  # spaCy's FAC or LOC that names a city this populous is that city ("White House" is not)
NON_PERSON_KINDS = {"GPE", "ORG", "MEDIA", "COMPANY", "IGO", "NGO", "ARMED_GROUP", "GROUP"}
PRONOUNS = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}
HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "lord"}
NER_KINDS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
# priority when two candidates cover the same tokens (higher wins)
PRIORITY = {"actor": 5, "seat": 4, "country": 4, "capital": 4, "adjective": 3, "ner": 1}


@dataclass
class Mention:
    """One stretch of text that names (or refers to) an actor."""

    start: int  # token index
    end: int
    source: str  # actor | country | capital | seat | adjective | ner | surname | pronoun | role | group
    kind: str
    key: str = ""
    actor: Actor | None = None
    country: str | None = None
    sector: str | None = None
    title: str | None = None
    gender: str | None = None
    name: str | None = None  # canonical name where known
    rule: str = ""
    consumed: bool = False  # part of another mention's descriptor ("Russian" in "Russian President X")


@dataclass
class EntityDraft:
    """The mentions that resolved to one key: one entity of the output."""

    key: str
    mentions: list[Mention] = field(default_factory=list)


_MATCHERS: dict[tuple[int, int], PhraseMatcher] = {}


def build_matcher(kb: KnowledgeBase, doc: Doc) -> PhraseMatcher:
    """One PhraseMatcher over every name in the knowledge base, built once per KB and vocabulary."""
    cache_key = (id(kb), id(doc.vocab))
    matcher = _MATCHERS.get(cache_key)
    if matcher is not None:
        return matcher
    from spacy.lang.en import English

    tokenizer = English().tokenizer  # same rules as the English pipelines, without loading a model
    matcher = PhraseMatcher(doc.vocab, attr="ORTH")

    def add(label: str, names: list[str]) -> None:
        patterns = [tokenizer(n) for n in dict.fromkeys(names) if n and n.strip()]
        if patterns:
            matcher.add(label, patterns)

    for actor in kb.actors.values():
        add(f"actor|{actor.id}", [actor.name, *actor.aliases])
    for country in kb.countries.values():
        add(f"country|{country.code}", [country.name, *country.aliases])
        add(f"adjective|{country.code}", [*country.adjectives, *country.demonyms])
        add(f"capital|{country.code}", list(country.capitals))
        add(f"seat|{country.code}", list(country.seats))
    _MATCHERS[cache_key] = matcher
    return matcher


def _norm(text: str) -> str:
    """A name as a grouping key: curly apostrophes straightened, possessive dropped, lower case."""
    text = text.replace("’", "'").replace("‘", "'").strip()
    if text.endswith("'s"):
        text = text[:-2]
    return text.lower()


def _surname_keys(name: str) -> set[str]:
    """The ways a story may shorten a full name: "al-Sudani" and "Sudani"."""
    surname = surname_of(name.replace("’", "'"))
    if not surname:
        return set()
    key = _norm(surname)
    return {key, re.sub(r"^(?:al|el)[- ]", "", key)}


def _candidates(doc: Doc, kb: KnowledgeBase) -> list[Mention]:
    matcher = build_matcher(kb, doc)
    found: list[Mention] = []
    for match_id, start, end in matcher(doc):
        source, _, ident = doc.vocab.strings[match_id].partition("|")
        if source == "actor":
            actor = kb.actors[ident]
            found.append(
                Mention(start, end, "actor", actor.kind, key=f"kb:{actor.id}", actor=actor,
                        country=actor.country, sector=actor.sector, title=actor.title,
                        gender=actor.gender, name=actor.name, rule=f"kb:{actor.id}")
            )
        else:
            found.append(Mention(start, end, source, "GPE", country=ident, rule=f"kb:{source}:{ident}"))
    for ent in doc.ents:
        if ent.label_ in NER_KINDS:
            span = _trim_name(doc, ent.start, ent.end)
            if span is not None:
                found.append(Mention(span[0], span[1], "ner", ent.label_, rule=f"ner:{ent.label_}"))
    _extend_into_names(found)
    # longest first, then by source priority, then leftmost
    found.sort(key=lambda m: (-(m.end - m.start), -PRIORITY.get(m.source, 0), m.start))
    taken = [False] * len(doc)
    chosen: list[Mention] = []
    place_tokens = {i for m in found if m.source in {"country", "capital"} for i in range(m.start, m.end)}
    for mention in found:
        if any(taken[mention.start:mention.end]):
            continue
        if mention.source == "ner" and mention.kind == "PERSON" and any(
            i in place_tokens for i in range(mention.start, mention.end)
        ):
            continue  # "Beyond Ukraine" is not a person
        if mention.source == "ner" and mention.kind == "PERSON" and not _strip_role_words(doc, mention, kb):
            continue
        for i in range(mention.start, mention.end):
            taken[i] = True
        chosen.append(mention)
    chosen += _coordinated_names(doc, chosen, taken)
    for mention in chosen:  # "the Constitutional Court of Bosnia and Herzegovina": the country inside
        if mention.source == "ner" and mention.kind in {"ORG", "FAC"} and not mention.country:
            mention.country = next((k.country for k in found if k.source in {"country", "adjective"}
                                    and mention.start <= k.start and k.end <= mention.end), None)
    chosen.sort(key=lambda m: m.start)
    return chosen


EDGE_POS = {"CCONJ", "SCONJ", "ADP", "DET", "PUNCT", "SYM"}


def _trim_name(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """spaCy's entity without the words at its edges that cannot belong to a name: "Gondor and"
    -> "Gondor", "the Mr. X" -> "X". None when nothing is left."""
    while start < end and (doc[start].lower_ in HONORIFICS | {"the"} or doc[start].pos_ in EDGE_POS):
        start += 1
    while end > start and doc[end - 1].pos_ in EDGE_POS:
        end -= 1
    return (start, end) if end > start else None


def _extend_into_names(found: list[Mention]) -> None:
    """spaCy sometimes ends an organisation inside a country's name ("the Court of Bosnia" and
    "Herzegovina"): the organisation runs to the end of the name it cut."""
    names = [k for k in found if k.source in {"country", "actor"}]
    for mention in found:
        if mention.source != "ner" or mention.kind not in {"ORG", "FAC"}:
            continue
        for k in names:
            if mention.start < k.start < mention.end < k.end:
                mention.end = k.end


def _coordinated_names(doc: Doc, chosen: list[Mention], taken: list[bool]) -> list[Mention]:
    """A proper name coordinated with a recognised one ("Gondor and Arnor signed") that spaCy left
    out: the same kind as its conjunct, so both parties of the coordination are actors."""
    added: list[Mention] = []
    for mention in chosen:
        if mention.source != "ner" or mention.kind not in {"GPE", "ORG", "NORP"}:
            continue
        root = doc[mention.start:mention.end].root
        partners = [c for c in root.children if c.dep_ == "conj"]
        if root.dep_ == "conj":
            partners.append(root.head)
        for tok in partners:
            if tok.pos_ != "PROPN" or taken[tok.i] or not tok.is_title:
                continue
            start = tok.i
            while start > 0 and doc[start - 1].dep_ in {"compound", "flat"} and doc[start - 1].head.i == tok.i \
                    and doc[start - 1].pos_ == "PROPN" and not taken[start - 1]:
                start -= 1
            for i in range(start, tok.i + 1):
                taken[i] = True
            added.append(Mention(start, tok.i + 1, "ner", mention.kind, rule=f"ner:{mention.kind}+conjunct"))
    return added


def _strip_role_words(doc: Doc, mention: Mention, kb: KnowledgeBase) -> bool:
    """spaCy sometimes tags "President Putin" as one PERSON: keep the name, leave the title outside.

    Returns False when nothing but title words is left."""
    role_words = _role_words(kb)
    start = mention.start
    while start < mention.end - 1 and doc[start].lower_ in role_words:
        start += 1
    mention.start = start
    return doc[start].lower_ not in role_words


_ROLE_PATTERNS: dict[int, tuple[re.Pattern[str], dict[str, Role]]] = {}
_ROLE_WORDS: dict[int, frozenset[str]] = {}


def _role_words(kb: KnowledgeBase) -> frozenset[str]:
    """Every word of every role phrase, with honorifics: what may stand before a name as a title."""
    words = _ROLE_WORDS.get(id(kb))
    if words is None:
        words = _ROLE_WORDS[id(kb)] = frozenset({w for r in kb.roles for w in r.phrase.split()} | HONORIFICS)
    return words


def _role_pattern(kb: KnowledgeBase) -> tuple[re.Pattern[str], dict[str, Role]]:
    """One regular expression over every role phrase (longest first), built once per knowledge base."""
    cached = _ROLE_PATTERNS.get(id(kb))
    if cached is None:
        by_phrase = {role.phrase: role for role in reversed(kb.roles)}  # the first listed wins a tie
        phrases = sorted(by_phrase, key=len, reverse=True)
        pattern = re.compile(r"(?<= )(" + "|".join(re.escape(p) for p in phrases) + r")(?=[ -])")
        cached = _ROLE_PATTERNS[id(kb)] = (pattern, by_phrase)
    return cached


def _match_role(text: str, kb: KnowledgeBase) -> tuple[Role, str] | None:
    """The longest role phrase in a descriptor, with its modifiers ("deputy foreign minister")."""
    lowered = f" {text.lower()} "
    pattern, by_phrase = _role_pattern(kb)
    found = max(pattern.finditer(lowered), key=lambda m: len(m.group(1)), default=None)
    if found is None:
        return None
    role = by_phrase[found.group(1)]
    before = lowered[: found.start()].split()
    mods: list[str] = []
    while before and before[-1] in kb.modifiers:
        mods.insert(0, before.pop().title())
    return role, " ".join([*mods, role.title])


def _descriptor_tokens(doc: Doc, mention: Mention) -> list[Token]:
    """Tokens that describe a named person: a title before the name and appositions around it."""
    tokens: list[Token] = []
    # left prefix: "Russian Foreign Ministry spokeswoman", "US President", "Pope"
    i = mention.start - 1
    while i >= 0 and mention.start - i <= 8:
        tok = doc[i]
        if tok.is_punct and tok.text not in {"-", "'s", "’s"}:
            break
        if tok.pos_ in {"VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ"} and tok.lower_ not in {"of", "'s", "’s"}:
            break
        if tok.lower_ == "of" and i + 1 < mention.start and doc[i + 1].is_title is False:
            break
        tokens.insert(0, tok)
        i -= 1
    root = doc[mention.start:mention.end].root
    # "his Turkish counterpart, Hakan Fidan": the name is an apposition of the descriptor
    if root.dep_ == "appos" and root.head.i < mention.start:
        head = root.head
        tokens += [t for t in head.subtree if t.i < mention.start and not t.is_punct]
    # "Hakan Fidan, Turkey's foreign minister,": the descriptor is an apposition of the name
    for child in root.children:
        if child.dep_ == "appos" and child.i >= mention.end:
            tokens += [t for t in child.subtree if not t.is_punct]
    return tokens


def _describe(doc: Doc, mention: Mention, kb: KnowledgeBase, by_token: dict[int, Mention]) -> None:
    """Fill country, sector, title and gender of a person from the words around the name."""
    tokens = _descriptor_tokens(doc, mention)
    if not tokens:
        return
    text = " ".join(t.text for t in tokens)
    country: str | None = None
    org_sector: str | None = None
    for tok in tokens:
        other = by_token.get(tok.i)
        if other is not None and other is not mention and other.kind not in {"GPE", "NORP", "PERSON"}:
            org_sector = org_sector or other.sector  # "a fellow at the Brookings Institution"
        if other is not None and other is not mention:
            if other.country and not country and other.kind in {"GPE", "ORG", "NORP"}:
                country = other.country
            nationality = other.kind == "GPE" and other.key.startswith("country:") and doc[other.start].pos_ == "ADJ"
            if other.source == "adjective" or (other.source == "ner" and nationality):
                other.consumed = True  # "Russian" in "Russian President X" describes X

    matched = _match_role(text, kb)
    if matched:
        role_words = set(matched[0].phrase.split())
        for tok in tokens:
            other = by_token.get(tok.i)
            if other is not None and other.source == "ner" and not other.country and all(
                t.lower_ in role_words for t in doc[other.start:other.end]
            ):
                other.consumed = True  # "State" in "Secretary of State Marco Rubio"
    counterpart = any(t.lower_ in {"counterpart", "counterparts"} for t in tokens)
    if counterpart:
        mention.rule += "+role:counterpart"
        mention.sector = mention.sector or "GOV"
        # the title is the possessor's: resolved after pronouns (see _counterparts)
        mention.title = mention.title or "counterpart"
    if matched:
        role, title = matched
        mention.title = mention.title or title
        mention.sector = mention.sector or role.sector
        mention.gender = mention.gender or role.gender
        mention.rule += f"+role:{role.phrase}"
    if org_sector and not mention.sector:
        mention.sector = org_sector
        mention.rule += "+role:organisation"
    if country and not mention.country:
        mention.country = country


def _clause_subject(token: Token) -> Token | None:
    """The subject of the clause a token sits in, following shared subjects of conjoined verbs."""
    node = token
    for _ in range(12):
        if node.pos_ in {"VERB", "AUX"} or node.dep_ == "ROOT":
            for child in node.children:
                if child.dep_ in SUBJECT_DEPS:
                    return child
            if node.dep_ in {"conj", "advcl", "xcomp", "acl"} and node.head.i != node.i:
                node = node.head
                continue
            return None
        if node.head.i == node.i:
            return None
        node = node.head
    return None


class Resolver:
    """Within-article resolution over the chosen mentions."""

    def __init__(self, doc: Doc, kb: KnowledgeBase, mentions: list[Mention]) -> None:
        self.doc = doc
        self.kb = kb
        self.mentions = mentions
        self._group_len = max((len(w.split()) for w in kb.groups), default=0)
        self._chunks: list[tuple[int, int, Token]] | None = None
        self._segments: list[tuple[int, int]] | None = None  # direct quotations, as character spans

    def by_token(self) -> dict[int, Mention]:
        index: dict[int, Mention] = {}
        for m in self.mentions:
            for i in range(m.start, m.end):
                index[i] = m
        return index

    def run(self) -> list[Mention]:
        self._assign_keys()
        index = self.by_token()
        for m in self.mentions:
            if m.source == "ner" and m.kind in {"ORG", "NORP"} and self._titled_like_person(m):
                m.kind, m.key, m.rule = "PERSON", f"person:{_norm(self.doc[m.start:m.end].text)}", "ner:PERSON(relabelled)"
            if m.kind == "PERSON":
                _describe(self.doc, m, self.kb, index)
            elif m.kind in {"ORG", "COMPANY", "ARMED_GROUP", "IGO", "NGO", "MEDIA"}:
                self._describe_org(m, index)
        self._link_surnames()
        self._groups(people=True)
        self._pronouns()
        self._counterparts()
        self._definite_roles()
        self._groups(people=False)
        self._collective_pronouns()
        self._possessed_groups()
        self._sentence_country()
        self._article_country()
        self._name_groups()
        self.mentions.sort(key=lambda m: m.start)
        return [m for m in self.mentions if not m.consumed]

    # keys decide which mentions are one entity
    def _assign_keys(self) -> None:
        doc, kb = self.doc, self.kb
        for m in self.mentions:
            text = doc[m.start:m.end].text
            if m.key:
                continue
            if m.source == "country":
                m.key, m.kind, m.name = f"country:{m.country}", "GPE", kb.country_name(m.country)
            elif m.source == "adjective":
                m.key, m.kind, m.name = f"country:{m.country}", "GPE", kb.country_name(m.country)
                m.rule = f"kb:adjective:{m.country}"
            elif m.source == "seat":
                m.key, m.kind, m.sector, m.name = f"seat:{text.lower()}", "ORG", "GOV", text
            elif m.source == "capital":
                if self._is_agent(m):
                    adjective = kb.country_adjective(m.country)
                    m.name = f"{adjective} government" if adjective else f"Government of {kb.country_name(m.country)}"
                    m.key, m.kind, m.sector = f"gov:{m.country}", "ORG", "GOV"
                    m.rule = f"metonym:capital:{m.country}"
                else:
                    m.key, m.kind, m.name = f"place:{text.lower()}", "GPE", text
            else:  # ner
                self._code_ner(m, text)

    def _collective_pronouns(self) -> None:
        """it/its/they/their to the country, organisation or group that is the topic.

        Only subjects count as antecedents: the subject of a governing clause ("the rebels said
        they would fight"), of the pronoun's own clause for possessives ("Russia reiterated its
        demands"), or of the previous sentence ("It said ...").
        """
        allowed = {
            "it": NON_PERSON_KINDS, "its": NON_PERSON_KINDS,
            "they": {"GROUP", "ORG", "ARMED_GROUP"}, "their": {"GROUP", "ORG", "ARMED_GROUP"},
        }
        for tok in self.doc:
            kinds = allowed.get(tok.lower_)
            if kinds is None or tok.pos_ != "PRON" or self._mention_at(tok) is not None:
                continue
            candidates: list[Token] = []
            if tok.dep_ == "poss":
                subject = _clause_subject(tok)
                candidates += [subject] if subject is not None else []
                if subject is not None and subject.left_edge.i <= tok.i <= subject.right_edge.i and subject.head.i != subject.i:
                    # "Russia said its army would withdraw": the owner is the reporting clause's subject
                    higher = _clause_subject(subject.head.head) if subject.head.dep_ in {"ccomp", "xcomp", "advcl", "conj"} else None
                    candidates += [higher] if higher is not None else []
            elif tok.dep_ in SUBJECT_DEPS:
                node = tok.head
                while node.head.i != node.i and len(candidates) < 3:
                    node = node.head
                    candidates += [c for c in node.children if c.dep_ in SUBJECT_DEPS]
                sent = tok.sent
                if sent.start > 0 and tok.i - sent.start <= 2:  # "It said ..." opening a sentence
                    previous = self.doc[sent.start - 1].sent
                    candidates += [t for t in previous if t.dep_ in SUBJECT_DEPS and t.head.dep_ == "ROOT"]
            for candidate in candidates:
                if candidate.i >= tok.i:
                    continue
                antecedent = self._mention_at(candidate)
                if antecedent is not None and antecedent.kind in kinds and antecedent.key:
                    pron = Mention(tok.i, tok.i + 1, "pronoun", antecedent.kind)
                    self._adopt(pron, antecedent, "pronoun")
                    self.mentions.append(pron)
                    break

    def _sentence_country(self) -> None:
        """Unnamed civilians take the country whose places their own sentence names ("Kyiv stated
        that the assaults injured civilians" → UKR), when it names one; several countries leave them
        none. A nationality adjective does not count: "Russian drones killed civilians"."""
        named = {x.country for x in self.mentions if x.country and x.key.startswith(STATE_KEYS)}
        for m in self.mentions:
            if m.country or m.sector not in CONTESTED_SECTORS or m.kind != "GROUP":
                continue
            sent = self.doc[m.start].sent
            # a town counts only in a country the story names (an ambiguous place name is often misplaced)
            here = {x.country for x in self.mentions
                    if x.country and x is not m and x.source in PLACE_SOURCES
                    and x.key.startswith(PLACE_KEYS)
                    and (not x.key.startswith("place:") or x.country in named)
                    and sent.start <= x.start < sent.end}
            if len(here) == 1:
                m.country = here.pop()
                m.rule += "+context:sentence-country"
            elif here:
                m.rule += "+context:sentence-none"

    def _article_country(self) -> None:
        """Officials with a title but no nationality ("Deputy President nominee X") belong to the
        country the story is about, when one country clearly dominates its mentions (the country,
        its government, its seats of power, its cities)."""
        counts: dict[str, int] = {}
        for m in self.mentions:
            if m.key.startswith(PLACE_KEYS) and m.country:
                counts[m.country] = counts.get(m.country, 0) + 1
        if not counts:
            return
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        top, n = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0
        if n < 2 or n < 2 * runner_up:
            return
        keyed_country = {m.key: m.country for m in self.mentions if m.country}
        for m in self.mentions:
            if m.country or m.key in keyed_country or m.actor or not m.sector:
                continue
            local = m.sector in LOCAL_SECTORS or ("+definite" in m.rule and m.sector in STATE_SECTORS)  # "police", "the army"
            if m.sector in CONTESTED_SECTORS and m.rule.endswith("+context:sentence-none"):
                continue  # its sentence names places of several countries
            if m.kind == "PERSON" or (m.kind == "GROUP" and local and "+ethnic" not in m.rule):
                m.country = top
                m.rule += "+context:article-country"

    def _name_groups(self) -> None:
        """A group whose country came from elsewhere ("his government", "the army" of the story's
        country) is named with it: "Ethiopian government"."""
        for m in self.mentions:
            if m.source != "group" or m.kind != "GROUP" or not m.country or not m.name or len(m.name.split()) > 2:
                continue  # "millions more people" stays as written
            if any(x is not m and x.country and m.start <= x.start < m.end for x in self.mentions):
                continue  # "Russian troops", "Kenya's police", "Peruvian foreign ministers": already said
            adjective = self.kb.country_adjective(m.country)
            if adjective and adjective.lower() not in m.name.lower():
                words = m.name.split()
                if len(words) == 2 and self.doc[m.start].pos_ == "ADJ" and self.doc[m.start].lower_ == words[0].lower():
                    m.name = f"{words[0]} {adjective} {words[1]}"  # "many Syrian civilians", "affected Malawian people"
                else:
                    m.name = f"{adjective} {m.name}"

    def _titled_like_person(self, m: Mention) -> bool:
        """spaCy's ORG that a person's title describes ("Olena Kravets, Ukraine's deputy minister")."""
        if m.end - m.start < 2 or not all(t.is_title for t in self.doc[m.start:m.end]):
            return False
        root = self.doc[m.start:m.end].root
        appositions = [c for c in root.children if c.dep_ == "appos" and c.i >= m.end]
        for child in appositions:
            words = " ".join(t.text for t in child.subtree)
            if child.pos_ == "NOUN" and _match_role(words, self.kb):
                return True
        return False

    def _describe_org(self, m: Mention, index: dict[int, Mention]) -> None:
        """"Russia's state nuclear agency, Rosatom": the apposition is the organisation's title."""
        root = self.doc[m.start:m.end].root
        if root.dep_ != "appos" or root.head.i >= m.start or root.head.pos_ != "NOUN":
            return
        head = root.head
        owners = {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree}
        words = [t for t in head.subtree if t.i < m.start and t.i not in owners and not t.is_punct and t.dep_ != "det"]
        words = [t for t in words if t.i <= head.i]
        if words and not m.title:
            m.title = " ".join(t.text for t in words)
        for i in owners:
            owner = index.get(i)
            if owner is not None and owner.country and not m.country:
                m.country = owner.country

    def _is_agent(self, m: Mention) -> bool:
        """A place name acting as a subject, agent or possessor reads as its government."""
        root = self.doc[m.start:m.end].root
        if root.dep_ in SUBJECT_DEPS or root.dep_ == "poss":
            return True
        if root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.dep_ == "agent":
            return True
        if root.dep_ == "conj":
            return self._is_agent(Mention(root.head.i, root.head.i + 1, "", ""))
        return False

    def _code_ner(self, m: Mention, text: str) -> None:
        kb = self.kb
        clean = text[:-2] if text.endswith(("'s", "’s")) else text
        if m.kind == "PERSON":
            m.key, m.name = f"person:{_norm(clean)}", clean
            return
        if m.kind == "NORP":
            code = kb.country_code(clean)
            if code:
                m.key, m.kind, m.country, m.name = f"country:{code}", "GPE", code, kb.country_name(code)
            else:
                m.key, m.name = f"norp:{_norm(clean)}", clean
            return
        if m.kind in {"GPE", "LOC", "FAC"}:
            code = kb.country_code(clean)
            if code:
                m.key, m.kind, m.country, m.name = f"country:{code}", "GPE", code, kb.country_name(code)
                return
            from ..places import lookup_place

            place = lookup_place(clean)
            if place is not None:
                m.country = place.country
                if m.kind != "GPE" and place.feature.startswith("PPL") and place.population >= CITY_POPULATION:
                    m.kind = "GPE"  # spaCy's FAC "Kharkiv" is a city: a place an attack can target
            m.key, m.name = f"place:{_norm(clean)}", clean
            return
        # ORG no list knows: country from words in its name, sector from its head words
        m.key, m.name = f"org:{_norm(clean)}", clean
        lowered = f" {clean.lower()} "
        for word in clean.replace("-", " ").split():
            code = kb.country_code(word)
            if code:
                m.country = code
                break
        for phrase, sector in kb.org_words:
            if f" {phrase} " in lowered:
                m.sector = sector
                if sector == "JRN":
                    m.kind = "MEDIA"
                break

    def _people(self) -> list[Mention]:
        return [m for m in self.mentions if m.kind == "PERSON" and m.source not in {"pronoun"}]

    def _link_surnames(self) -> None:
        """"Putin" after "Vladimir Putin" is the same person; so is a surname spaCy called an ORG."""
        doc, kb = self.doc, self.kb
        full: dict[str, Mention] = {}
        for m in self._people():
            name = m.name or doc[m.start:m.end].text
            if len(name.split()) < 2:
                continue
            for key in _surname_keys(name):
                if key not in full or (m.actor and not full[key].actor):
                    full[key] = m
        index = self.by_token()
        for m in list(self.mentions):
            text = _norm(doc[m.start:m.end].text)
            if m.source != "ner" or len(text.split()) > 1 and m.kind != "PERSON":
                continue
            target = full.get(text)
            if target is not None and target.key != m.key and m.kind in {"PERSON", "ORG", "NORP", "GPE"}:
                self._adopt(m, target, "surname")
            elif m.kind in {"PERSON", "ORG", "NORP"} and not m.actor and m.end - m.start == 1:
                # a lone surname of someone the knowledge base knows, even where spaCy says ORG
                ids = kb.person_by_surname.get(doc[m.start].text, [])
                tok = doc[m.start]
                owner = tok.dep_ == "compound" and tok.head.lower_ in kb.groups  # "the Trump administration"
                if len(ids) == 1 and (m.kind == "PERSON" or tok.dep_ in NOUN_HEAD_DEPS or owner):
                    self._set_actor(m, kb.actors[ids[0]], "surname")
        # surnames spaCy missed entirely: a proper noun no mention covers
        for tok in doc:
            if tok.i in index or tok.pos_ != "PROPN":
                continue
            target = full.get(_norm(tok.text))
            new = Mention(tok.i, tok.i + 1, "surname", "PERSON")
            if target is not None:
                self._adopt(new, target, "surname")
            elif tok.dep_ in NOUN_HEAD_DEPS and len(kb.person_by_surname.get(tok.text, [])) == 1:
                self._set_actor(new, kb.actors[kb.person_by_surname[tok.text][0]], "surname")
                new.source = "surname"
            else:
                continue
            self.mentions.append(new)

    def _set_actor(self, m: Mention, actor: Actor, how: str) -> None:
        m.actor, m.key, m.kind, m.name = actor, f"kb:{actor.id}", actor.kind, actor.name
        m.country, m.sector, m.title, m.gender = actor.country, actor.sector, actor.title, actor.gender
        m.rule = f"kb:{actor.id}+{how}"

    def _adopt(self, m: Mention, target: Mention, how: str) -> None:
        m.key, m.kind, m.actor, m.name = target.key, target.kind, target.actor, target.name
        m.country, m.sector, m.title = m.country or target.country, m.sector or target.sector, m.title or target.title
        m.rule = f"{how}->{target.key}"
        m.source = how if m.source == "ner" else m.source

    def _person_before(self, i: int, exclude: set[str], gender: str | None) -> Mention | None:
        best: Mention | None = None
        unnamed: Mention | None = None  # an unnamed "Danish Prime Minister", only when no name fits
        for m in self.mentions:
            if m.start >= i or m.kind != "PERSON" or m.key in exclude or not m.key:
                continue
            g = self._gender(m.key)
            if gender and g and g != gender:
                continue
            if m.source == "group":
                unnamed = m if unnamed is None or m.start > unnamed.start else unnamed
            elif best is None or m.start > best.start:
                best = m
        return best or unnamed

    def _gender(self, key: str) -> str | None:
        for m in self.mentions:
            if m.key == key and m.gender:
                return m.gender
        return None

    def _mention_at(self, token: Token) -> Mention | None:
        for m in self.mentions:
            if m.start <= token.i < m.end:
                return m
        return None

    def _pronouns(self) -> None:
        """he/him/his/she/her to the person they refer to, by clause structure and recency."""
        for tok in self.doc:
            gender = PRONOUNS.get(tok.lower_)
            if gender is None or tok.pos_ not in {"PRON", "DET"}:
                continue
            subject = _clause_subject(tok)
            subject_m = self._mention_at(subject) if subject is not None and subject.i != tok.i else None
            speaker = self._quote_speakers(tok)  # '"I will meet him," he said': in his own words he is "I"
            if subject_m is not None and subject_m.key in speaker:
                subject_m = None
            antecedent: Mention | None = None
            if tok.dep_ in SUBJECT_DEPS:
                antecedent = self._subject_antecedent(tok, gender)
                if antecedent is not None and antecedent.key in speaker:
                    antecedent = self._person_before(tok.i, speaker, gender)
            elif tok.dep_ == "poss" or tok.lower_ in {"his", "hers"}:
                if subject_m and subject_m.kind == "PERSON" and subject_m.start < tok.i and self._gender_ok(subject_m, gender):
                    antecedent = subject_m
                else:
                    antecedent = self._person_before(tok.i, speaker, gender)
            else:  # object: not the subject of its own clause (binding principle B)
                exclude = {subject_m.key} if subject_m and subject_m.kind == "PERSON" else set()
                antecedent = self._person_before(tok.i, exclude | speaker, gender)
            if antecedent is None:
                continue
            pron = Mention(tok.i, tok.i + 1, "pronoun", "PERSON")
            if antecedent.source == "group":
                pron.gender = gender  # "she" tells an unnamed official's gender
            self._adopt(pron, antecedent, "pronoun")
            self.mentions.append(pron)

    def _quote_speakers(self, tok: Token) -> set[str]:
        """Keys of the people who speak the direct quotation ``tok`` stands in: the subjects, outside
        the quotation, of its sentence ('"He is lying," Trump said'; '..., he said' as resolved)."""
        if self._segments is None:
            from ..quotes.marks import find_quoted_segments  # marks only; the quote stage runs later

            self._segments = [(q.start, q.end) for q in find_quoted_segments(self.doc.text)]
        inside = next(((a, b) for a, b in self._segments if a <= tok.idx < b), None)
        if inside is None:
            return set()
        keys: set[str] = set()
        for t in tok.sent:
            if t.dep_ not in SUBJECT_DEPS or inside[0] <= t.idx < inside[1] or inside[0] <= t.head.idx < inside[1]:
                continue  # a subject inside the quotation, or of a verb inside it
            m = self._mention_at(t)
            if m is not None and m.kind == "PERSON" and m.key:
                keys.add(m.key)
            elif t.lower_ in PRONOUNS and t.pos_ == "PRON":
                found = self._subject_antecedent(t, PRONOUNS[t.lower_])
                if found is not None and found.key:
                    keys.add(found.key)
        return keys

    def _subject_antecedent(self, tok: Token, gender: str) -> Mention | None:
        """A subject pronoun continues the current topic: a person subject earlier in the same
        sentence, else the previous sentence's person subject, else the most recent person."""
        people = [m for m in self._people() if m.start < tok.i and self._gender_ok(m, gender)]
        if not people:
            return None
        sent = tok.sent
        same = [m for m in people if m.start >= sent.start and self.doc[m.start:m.end].root.dep_ in SUBJECT_DEPS]
        if same:
            return same[-1]
        if sent.start > 0:
            previous = self.doc[sent.start - 1].sent
            subjects = [
                m for m in people
                if previous.start <= m.start < previous.end and self.doc[m.start:m.end].root.dep_ in SUBJECT_DEPS
            ]
            if subjects:
                return subjects[0]
        named = [m for m in people if m.source != "group"]  # an unnamed official only when no name fits
        return named[-1] if named else people[-1]

    def _gender_ok(self, m: Mention, gender: str) -> bool:
        g = self._gender(m.key)
        return g is None or g == gender

    def _counterparts(self) -> None:
        """"his Turkish counterpart, X": X holds the same office as the possessor, for another country."""
        for m in self.mentions:
            if m.title != "counterpart":
                continue
            m.title = None
            root = self.doc[m.start:m.end].root
            holder = root.head if root.dep_ == "appos" else None
            if holder is None:
                continue
            for child in holder.children:
                if child.dep_ == "poss":
                    owner = self._mention_at(child)
                    if owner is not None:
                        m.title = self._title(owner.key)
                        m.sector = m.sector or self._sector(owner.key)

    def _title(self, key: str) -> str | None:
        return next((x.title for x in self.mentions if x.key == key and x.title and x.title != "counterpart"), None)

    def _sector(self, key: str) -> str | None:
        return next((x.sector for x in self.mentions if x.key == key and x.sector), None)

    def _definite_roles(self) -> None:
        """"the minister", "the spokeswoman" to the most recent person holding that title."""
        index = self.by_token()
        for tok in self.doc:
            if tok.i in index or tok.pos_ != "NOUN" or tok.i == 0:
                continue
            det = [c for c in tok.children if c.dep_ == "det" and c.lower_ == "the"]
            if not det:
                continue
            matched = _match_role(tok.text, self.kb)
            if not matched:
                continue
            role, _ = matched
            candidates = [
                m for m in self.mentions
                if m.start < tok.i and m.kind == "PERSON" and role.title.lower() in (self._title(m.key) or "").lower()
            ]
            if candidates:
                new = Mention(det[0].i, tok.i + 1, "role", "PERSON")
                self._adopt(new, candidates[-1], "definite")
                self.mentions.append(new)

    def _phrases(self, people: bool) -> list[tuple[int, int, Token]]:
        """Noun phrases that may name an unnamed actor, as (start, end, head): spaCy's noun chunks
        plus, for groups, possessor nouns inside them ("the government's decision")."""
        if self._chunks is None:
            self._chunks = [(c.start, c.end, c.root) for c in self.doc.noun_chunks]  # spaCy's are slow: once
        phrases: list[tuple[int, int, Token]] = []
        for start, end, root in self._chunks:
            phrases.append((start, end, root))
            for tok in root.children if not people else ():  # "the U.S. attorney's office" names no attorney
                if tok.dep_ == "poss" and tok.pos_ == "NOUN":
                    phrases.append((tok.left_edge.i, tok.i + 1, tok))
        return phrases

    def _group_sector(self, start: int, end: int) -> str | None:
        """The sector of the longest group phrase a noun phrase ends with ("security forces")."""
        words = [self.doc[i].lower_ for i in range(max(start, end - self._group_len), end)]
        for n in range(len(words), 0, -1):
            sector = self.kb.groups.get(" ".join(words[-n:]))
            if sector is not None:
                return sector
        return None

    def _attached(self, head: Token, index: dict[int, Mention]) -> list[Mention]:
        """Countries, places and organisations a group or role noun comes "of" or "from": "the
        foreign ministers of Peru and Chile", "soldiers from Ukraine", "fighters from Hezbollah".
        Every coordinated one, in order. "from" is not read on a direct object ("pulled troops from
        Kherson" says where the troops left, not whose they are)."""
        found: list[Mention] = []
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in self.kb.affiliation_preps:
                continue
            if prep.lower_ != "of" and head.dep_ in {"dobj", "nsubjpass"}:
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                for tok in (pobj, *pobj.conjuncts):
                    m = index.get(tok.i)
                    if m is None or m.kind == "PERSON" or m.consumed or m in found:
                        continue
                    if prep.lower_ != "of" and m.key.startswith("place:") and head.dep_ not in SUBJECT_DEPS:
                        continue  # "a correspondent for his videos from New York": where, not whose
                    if m.country and m.country not in NON_STATE_CODES:
                        found.append(m)
        return found

    def _groups(self, people: bool) -> None:
        """Unnamed actors: "Russian troops", "a Ukrainian military spokesman", "the Ethiopian Prime
        Minister", "foreign ministers of Peru and Chile", "soldiers from Ukraine", plural groups that
        act or are acted on without a nationality ("insurgents attacked", "police arrested") and
        definite collectives ("the army", "the government", "the opposition").

        Run twice: ``people`` (titled individuals, before pronouns, so that "he" can refer to them)
        and groups (after pronouns, so that "his government" takes his country)."""
        index = self.by_token()
        for first, end, head in self._phrases(people):
            if head.i in index:
                continue
            group_sector = self._group_sector(first, end)
            single = head.tag_ in {"NN", "NNP"} and not (head.tag_ == "NNP" and not head.is_title)
            role_match = _match_role(head.text, self.kb) if group_sector is None and single else None
            if (role_match is None) == people or (group_sector is None and role_match is None):
                continue
            if role_match is not None and self._describes_named(head, end, index):
                continue  # "Nigeria's defence minister" beside a name describes that person (see _describe)
            before = [index[t.i] for t in self.doc[first:end] if t.i in index and index[t.i].country and t.i < head.i]
            after = [] if before else self._attached(head, index)
            country_m = before[0] if before else after[0] if after else None
            definite = any(
                (c.dep_ == "det" and c.lower_ == "the") or (c.dep_ == "poss" and c.pos_ == "PRON") for c in head.children
            )
            named_for = any(i in index for i in range(first, head.i))  # "the Trump administration": not the story's
            if country_m is None:
                if head.dep_ not in ARGUMENT_DEPS | {"poss"}:
                    continue  # without a nationality an unnamed actor must take part in a clause
                if role_match is not None and not (definite and self._first_holder(role_match[0], head)):
                    continue  # "the minister" after a named minister is that minister (see _definite_roles)
                if role_match is None and head.tag_ != "NNS" and not (definite and head.tag_ == "NN"):
                    continue  # without a nationality: plural groups ("insurgents attacked"), "the army", "its army"
            if country_m is None and head.lemma_.lower() in WEAPONS:
                continue  # "fired two ballistic missiles": a weapon is an actor only as "Russian drones"
            ethnic = any(t.i in index and index[t.i].key.startswith("norp:") for t in self.doc[first:end])
            if country_m is not None and country_m.source == "adjective":
                country_m.consumed = True
            start = next((t.i for t in self.doc[first:end] if t.i == head.i or (
                t.pos_ not in {"DET", "NUM", "PRON", "PART", "ADV"} | EDGE_POS and t.tag_ not in {"JJS", "JJR"})), first)
            text = self.doc[start:end].text
            if role_match:
                of = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"]
                titled = self.doc[start:max(end, of[0].right_edge.i + 1)].text if of else text  # "Secretary of State"
                role, title = _match_role(titled, self.kb) or _match_role(text, self.kb) or role_match
                sector, kind = role.sector, "PERSON"
                words = set(role.phrase.split())
                for tok in (of[0].subtree if of else ()):
                    other = index.get(tok.i)
                    if other is not None and other.source == "ner" and all(
                        t.lower_ in words for t in self.doc[other.start:other.end]
                    ):
                        other.consumed = True  # "State" in "the US Secretary of State"
            else:
                title, sector, kind = None, group_sector or "GOV", "GROUP"
            if country_m is not None and country_m.country in NON_STATE_CODES:
                sector = country_m.sector or country_m.country  # "a Red Cross official" is the NGO's, not a government's
            rule = f"role:unnamed:{head.lemma_.lower()}" + ("+ethnic" if ethnic else "")
            rule += "+definite" if definite and country_m is None and not named_for else ""
            if self.doc[start].is_sent_start and self.doc[start].pos_ != "PROPN" and start not in index:
                text = text[:1].lower() + text[1:]
            owners, rest, how = after, text, "+of"
            countries = list(dict.fromkeys(m.country for m in before))
            if len(countries) > 1 and any(self.doc[m.start:m.end].root.dep_ == "conj" for m in before[1:]):
                # "Russian and Ukrainian officials": one actor per nationality
                owners = [next(m for m in before if m.country == c) for c in countries]
                rest, how = self.doc[max(m.end for m in before):end].text, "+nationalities"
            made: list[Mention] = []
            for n, owner in enumerate(owners if len(owners) < 2 else owners[:1] + owners):
                name = self._affiliated_name(owner, rest)
                m = Mention(start, end, "group", kind, key=f"group:{name.lower()}", country=owner.country,
                            sector=sector, title=title, name=name, rule=rule + how)
                if n > 0:
                    # "the foreign ministers of Peru and Chile": one actor per country, each also named
                    # at its country ("Peru" -> the Peruvian ministers), so that the coordination
                    # "Peru and Chile" carries both actors to the event
                    m.start, m.end = owner.start, owner.end
                    owner.consumed = True
                made.append(m)
            if not owners:
                country = country_m.country if country_m else None
                key = f"group:{text.lower()}" + (f"@{country}" if country else "")
                made.append(Mention(start, end, "group", kind, key=key, country=country,
                                    sector=sector, title=title, name=text, rule=rule))
            self.mentions += made
            for i in range(start, end):
                if i in index and index[i] is not country_m and index[i].source != "pronoun":
                    index[i].consumed = True
                index[i] = made[0]

    def _describes_named(self, head: Token, end: int, index: dict[int, Mention]) -> bool:
        """A title right before a name ("India's Prime Minister Narendra Modi") or in apposition
        with one ("X, Nigeria's defence minister"; "the new president, X") is that person's."""
        def named(i: int) -> bool:
            m = index.get(i)
            return m is not None and m.kind == "PERSON" and m.source not in {"pronoun", "group"}
        if end < len(self.doc) and named(end):
            return True
        if head.dep_ == "appos" and named(head.head.i):
            return True
        return any(c.dep_ == "appos" and named(c.i) for c in head.children)

    def _first_holder(self, role: Role, head: Token) -> bool:
        """A definite title ("the prime minister") that no earlier named person holds: an unnamed
        official of its own."""
        wanted = role.title.lower()
        return not any(
            m.kind == "PERSON" and m.start < head.i and m.source != "group" and wanted in (self._title(m.key) or "").lower()
            for m in self.mentions
        )

    def _affiliated_name(self, owner: Mention, text: str) -> str:
        """"foreign ministers" of Peru -> "Peruvian foreign ministers"; of Hezbollah -> "Hezbollah fighters"."""
        if owner.key.startswith("country:"):
            adjective = self.kb.country_adjective(owner.country)
            if adjective:
                return f"{adjective} {text}"
        name = owner.name or self.doc[owner.start:owner.end].text
        return f"{name} {text}"

    def _possessed_groups(self) -> None:
        """"its army", "their government": a group owned by a pronoun takes its referent's country
        (the pronouns of countries and groups are resolved after the groups themselves)."""
        for m in self.mentions:
            if m.source != "group" or m.country:
                continue
            head = self.doc[m.start:m.end].root
            for child in head.children:
                owner = self._mention_at(child) if child.dep_ == "poss" else None
                if owner is not None and owner.country and owner.country not in NON_STATE_CODES:
                    m.country, m.key = owner.country, f"{m.key}@{owner.country}"
                    m.rule = m.rule.replace("+definite", "") + "+possessor"
                    break


def _entity_from(draft: EntityDraft, number: int, doc: Doc) -> Entity:
    mentions = sorted(draft.mentions, key=lambda m: m.start)
    named = [m for m in mentions if m.source not in {"pronoun", "role"}]
    best = max(named or mentions, key=lambda m: (m.actor is not None, m.end - m.start))
    name = best.name or doc[best.start:best.end].text
    country = next((m.country for m in mentions if m.country), None)
    sector = next((m.sector for m in mentions if m.sector), None)
    title = next((m.title for m in mentions if m.title and m.title != "counterpart"), None)
    kind = best.kind
    actor = next((m.actor for m in mentions if m.actor), None)
    code = actor.code if actor and actor.code else combine_code(country, sector)
    surfaces = []
    for m in named:
        text = doc[m.start:m.end].text
        if text not in surfaces and text != name:
            surfaces.append(text)
    rules = sorted({m.rule.split("->")[0] for m in mentions if m.rule})
    spans: list[tuple[int, int]] = []
    for m in mentions:
        span = (doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1].text))
        if span not in spans:
            spans.append(span)
    return Entity(
        id=f"E{number}", name=name, kind=kind, country=country, sector=sector, code=code, title=title,
        aliases=surfaces, mentions=sorted(spans), rule=";".join(rules), kb_id=actor.id if actor else None,
    )


def find_entities(doc: Doc, article: Article | None = None, kb: KnowledgeBase | None = None) -> list[Entity]:
    """All actors and places of an article, each with every mention of it (pronouns included)."""
    kb = kb or load_kb()
    try:
        mentions = Resolver(doc, kb, _candidates(doc, kb)).run()
    except Exception:  # extraction degrades: a resolver bug must not lose the article
        log.exception("actor resolution failed for %s", article.id if article else "<text>")
        return []
    drafts: dict[str, EntityDraft] = {}
    for m in mentions:
        if not m.key:
            continue
        drafts.setdefault(m.key, EntityDraft(m.key)).mentions.append(m)
    ordered = sorted(drafts.values(), key=lambda d: min(x.start for x in d.mentions))
    return [_entity_from(d, n, doc) for n, d in enumerate(ordered, 1)]
