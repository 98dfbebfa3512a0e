"""Find attributions in a parsed article: cue, source, content, and the channel they came through.

The dependency parse does the work. A cue is a verb from the lexicon (or "according to", a speech
noun, or a colon after a name); its source is the subject noun phrase (inherited by participles
and conjoined verbs, the antecedent for "who"); its content is the complement clause, a quotation
next to the cue, an infinitive, or for speech acts the object ("accused him of ..."). Quotation
marks, paired over the whole text by ``marks.py``, widen a content to the full quotation, join the
parts of a split quote ("A," he said. "B.") and carry a quote on across paragraphs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..records import Entity
from .lexicon import CueVerb, Lexicon
from .marks import QuotedSegment

log = logging.getLogger(__name__)

_SUBJECTS = {"nsubj", "csubj"}
_PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
_RELATIVE = {"who", "that", "which", "whom"}
_ASIDE_RELATIVES = {"which", "who"}
_NAMED = {"PERSON", "ORG", "GPE", "NORP"}
_PRONOUNS_PERSON = {"he", "she", "him", "her", "his", "i", "me", "we", "us", "they", "them"}
_QUOTE_CHARS = set("“”„‟«»\"'‘’`")
_EDGE_PUNCT = set(",;:.—–-()[]…") | {"--"}
_INHERIT = {"advcl", "xcomp", "conj", "pcomp", "acomp"}  # acomp: "X was quick to point out"
_OBJECT_COMPLEMENTS = {"prep", "oprd", "xcomp", "ccomp", "acomp", "dative"}
_COLON_CUES = {":", "―", "—", "–"}
_OBJECT_PREPS = {"of", "as", "for", "over", "about", "to", "on", "against", "with"}


@dataclass
class Attribution:
    """One attribution before it becomes a ``Quote``: token-level parts plus what made it."""

    cue: list[int]  # token indices
    content: list[tuple[int, int]]  # token ranges [start, end)
    source: tuple[int, int] | None  # token range
    speaker_token: int | None  # the token whose entity is the speaker
    rule: str
    verb: int | None = None  # the cue's head token
    how: str = ""  # clause | quote | object | infinitive | head | phrase | colon
    via_token: int | None = None
    via_entity: Entity | None = None
    extra_parts: list[tuple[int, int]] = field(default_factory=list)


class AttributionFinder:
    """All attributions of one Doc; build once per article, call ``find()``."""

    def __init__(self, doc: Doc, lexicon: Lexicon, segments: list[QuotedSegment]) -> None:
        self.doc = doc
        self.lex = lexicon
        self.segments = segments
        self._chunks: dict[int, tuple[int, int]] | None = None
        self._name_words: set[str] | None = None
        # token index -> segment index, for tokens inside a quotation (marks included)
        self.seg_tokens: list[tuple[int, int]] = []
        self.token_segment: dict[int, int] = {}
        for n, seg in enumerate(segments):
            span = doc.char_span(seg.start, seg.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                self.seg_tokens.append((0, 0))
                continue
            self.seg_tokens.append((span.start, span.end))
            for i in range(span.start, span.end):
                self.token_segment[i] = n

    # ------------------------------------------------------------------ cues
    def find(self) -> list[Attribution]:
        found: list[Attribution] = []
        for token in self.doc:
            try:
                attribution = self._from_token(token)
            except Exception:  # a stage never raises on odd text: skip this cue
                log.warning("quotes: skipped cue %r at %d", token.text, token.idx, exc_info=True)
                continue
            if attribution is not None:
                attribution.content = self._without_trailing_aside(attribution.content)
                found.append(attribution)
        found = self._deduplicate(found)
        found = self._drop_claimed_parts(found)
        self._attach_continuations(found)
        return found

    def _from_token(self, token: Token) -> Attribution | None:
        lower = token.lower_
        if token.text not in _COLON_CUES and self._inside_quotation(token.i):
            return None  # "I think" inside a quotation is part of what was said, not an attribution
        if lower == "according" and token.i + 1 < len(self.doc) and self.doc[token.i + 1].lower_ == "to":
            return self._according_to(token)
        if lower == "in" and token.dep_ == "prep" and self.lex.finding_nouns:
            return self._in_finding(token)
        if token.text in _COLON_CUES:  # tagged anything, dashes even VERB
            return self._colon_cue(token) if self.lex.colon_cue else None
        if token.pos_ == "VERB" or (token.tag_.startswith("VB") and token.pos_ != "AUX"):
            entry = self.lex.cue_verb(token.lemma_.lower(), lower)
            if entry is not None:
                return self._verb_cue(token, entry)
            if token.lemma_.lower() in self.lex.complement_cues:
                return self._complement_cue(token)
            return None
        if token.pos_ == "NOUN" and token.lemma_.lower() in self.lex.nouns:
            return self._noun_cue(token)
        if token.dep_ == "acomp" and lower in self.lex.adjectives:
            return self._adjective_cue(token)
        return None

    def _without_trailing_aside(self, parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """'He said the deal was backed by Smith, who chairs the committee': a non-restrictive
        "which"/"who" clause closing an unquoted content is the writer's aside, not what was said."""
        if not parts:
            return parts
        lo, hi = parts[-1]
        for i in range(lo + 1, hi):
            token = self.doc[i]
            if token.lower_ not in _ASIDE_RELATIVES or self.doc[i - 1].text != ",":
                continue
            clause = token if token.dep_ == "relcl" else token.head
            if clause.dep_ != "relcl" or clause.right_edge.i < hi - 2:
                continue
            if any(j in self.token_segment for j in range(i, hi)):
                return parts  # quoted words are the speaker's own
            cut = self._trim_content(lo, i - 1)
            if cut[1] > cut[0]:
                return parts[:-1] + [cut]
            return parts
        return parts

    def _inside_quotation(self, i: int) -> bool:
        """Whether token ``i`` lies inside a closed quotation, between its marks."""
        n = self.token_segment.get(i)
        if n is None or not self.segments[n].closed:
            return False
        lo, hi = self.seg_tokens[n]
        return lo < i < hi - 1

    # ------------------------------------------------------------------ verb cues
    def _verb_cue(self, verb: Token, entry: CueVerb) -> Attribution | None:
        if verb.dep_ in {"amod", "compound", "nmod", "npadvmod", "attr"}:
            return None
        if entry.particles and not any(
            c.dep_ == "prt" and c.lower_ in entry.particles for c in verb.children
        ):
            return None
        cue = self._cue_tokens(verb)
        if entry.lemma in self.lex.passive_hearer_cues and self._asked(verb):
            return self._question_cue(verb, entry, cue)
        if self._is_passive(verb) and not any(c.dep_ == "agent" for c in verb.children):
            return self._passive_cue(verb, entry, cue)
        found = self._content(verb, entry, cue)
        if found is None and self._is_passive(verb):
            found = self._passive_subject(verb, entry)
        if found is None:
            return None
        parts, how = found
        if self._is_passive(verb):
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            if pobj is None:
                return None
            source = self._np_range(pobj)
            speaker = pobj.i
        else:
            found_source = self._source(verb, parts)
            if found_source is None or self._overlaps(found_source[0], parts):
                after_quote = self._source_after_quote(verb, cue, parts)
                if after_quote is not None:
                    parts, found_source = after_quote
            if found_source is None:
                return None
            source, speaker = found_source
        parts = self._cut_out_attribution(parts, source, cue)
        if source[1] <= source[0] or self._overlaps(source, parts) or self._range_contains(source, verb.i):
            return None
        if not parts:
            return None
        parts = self._with_relative_object(verb, parts)
        cue = self._cue_from_source(verb, cue, source, parts)
        rule = f"cue:verb:{how}:{'+'.join(sorted(entry.classes))}"
        return Attribution(cue=cue, content=parts, source=source, speaker_token=speaker, rule=rule,
                           verb=verb.i, how=how)

    def _cue_from_source(
        self, verb: Token, cue: list[int], source: tuple[int, int], parts: list[tuple[int, int]]
    ) -> list[int]:
        """'will come on the program to talk about': an infinitive that takes its speaker from a
        verb that is no cue itself; the cue runs from the speaker to the content, as attribution
        corpora (PolNeAR, PARC) mark it."""
        infinitive = verb.dep_ in {"xcomp", "advcl"} and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        if not infinitive or source[1] > min(cue):
            return cue
        lo = source[1]
        while lo < min(cue) and (self.doc[lo].is_space or self.doc[lo].is_punct):
            lo += 1
        gap = self.doc[lo:min(cue)]
        if not 0 < len(gap) <= 12 or any(t.text in {",", ";", ":"} or t.is_space for t in gap):
            return cue
        if any(t.i in self.token_segment or any(a <= t.i < b for a, b in parts) for t in gap):
            return cue
        if any(t.pos_ in {"VERB", "AUX"} and self.lex.cue_verb(t.lemma_.lower(), t.lower_) for t in gap):
            return cue  # "said, before clarifying": the other verb is a cue of its own
        ancestors = {a.i for a in verb.ancestors}
        if not any(t.i in ancestors for t in gap):
            return cue
        return list(range(lo, max(cue) + 1))

    def _cut_out_attribution(
        self, parts: list[tuple[int, int]], source: tuple[int, int], cue: list[int]
    ) -> list[tuple[int, int]]:
        """'which he said the government should pay for': a content that holds its own source and
        cue (a relative clause) is the words around them ('which | the government should pay for')."""
        lo_cut = min(source[0], min(cue))
        hi_cut = max(source[1], max(cue) + 1)
        if hi_cut - lo_cut > 12:
            return parts
        result = []
        for lo, hi in parts:
            if lo < lo_cut and hi_cut < hi:
                for piece in ((lo, lo_cut), (hi_cut, hi)):
                    piece = self._trim_content(*piece)
                    if piece[1] > piece[0]:
                        result.append(piece)
            else:
                result.append((lo, hi))
        return result

    def _with_relative_object(self, verb: Token, parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """'who Beck called "a horrible human being"': the relative pronoun the cue takes as its
        object opens the content."""
        if verb.dep_ != "relcl":
            return parts
        pronoun = next((c for c in verb.children if c.dep_ in {"dobj", "nsubj", "nsubjpass"}
                        and c.i < verb.i and c.lower_ in _RELATIVE | {"what"} and c.dep_ == "dobj"), None)
        if pronoun is None or any(lo <= pronoun.i < hi for lo, hi in parts):
            return parts
        if not all(lo > verb.i for lo, _ in parts):
            return parts
        return [(pronoun.i, pronoun.i + 1)] + parts

    def _asked(self, verb: Token) -> bool:
        """'has been asked', or an opening 'Asked about ...,' with no subject of its own."""
        if any(c.dep_ == "agent" for c in verb.children):
            return False
        if self._is_passive(verb):
            return True
        return (verb.dep_ == "advcl" and verb.tag_ in {"VBN", "VBD"}
                and not any(c.dep_ in _SUBJECTS or c.dep_ == "aux" for c in verb.children))

    def _question_cue(self, verb: Token, entry: CueVerb, cue: list[int]) -> Attribution | None:
        """The question put to someone, with no named asker: 'whether ...' or 'about X'."""
        clause = next((c for c in verb.children if c.dep_ in {"ccomp", "xcomp"} and c.i > verb.i), None)
        if clause is not None:
            parts = [self._subtree_range(clause)]
        else:
            prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in entry.prepositions
                         and c.i > verb.i), None)
            pobj = next((c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), None) if prep is not None else None
            if prep is None or pobj is None:
                return None
            cue = sorted(set(cue) | {prep.i})
            parts = [self._subtree_range(pobj)]
        parts = [self._trim_content(lo, hi) for lo, hi in parts]
        parts = [p for p in parts if p[1] > p[0]]
        if not parts or any(lo <= i < hi for lo, hi in parts for i in cue):
            return None
        parts = self._merge_parts(self._snap_to_segments(parts), cue)
        return Attribution(cue=cue, content=parts, source=None, speaker_token=None,
                           rule=f"cue:verb:asked:{'+'.join(sorted(entry.classes))}", verb=verb.i, how="passive")

    def _passive_cue(self, verb: Token, entry: CueVerb, cue: list[int]) -> Attribution | None:
        """'Trump is expected to speak', 'It was reported that ...': a report with no named source."""
        if entry.lemma not in self.lex.passive_cues:
            return None
        children = list(verb.children)
        subject = next((c for c in children if c.dep_ in _PASSIVE_SUBJECTS), None)
        xcomp = next((c for c in children if c.dep_ == "xcomp" and c.i > verb.i
                      and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
        clause = next((c for c in children if c.dep_ == "ccomp" and c.i > verb.i), None)
        if xcomp is not None and subject is not None and subject.lower_ not in {"it", "there"}:
            parts = [self._np_range(subject), self._subtree_range(xcomp)]
        elif clause is not None and (subject is None or subject.lower_ == "it"):
            parts = [self._clause_range(clause)]
        else:
            return None
        parts = [self._trim_content(lo, hi) for lo, hi in parts]
        parts = [p for p in parts if p[1] > p[0]]
        if not parts or any(lo <= i < hi for lo, hi in parts for i in cue):
            return None
        parts = self._merge_parts(self._snap_to_segments(parts), cue)
        rule = f"cue:verb:passive:{'+'.join(sorted(entry.classes))}"
        return Attribution(cue=cue, content=parts, source=None, speaker_token=None, rule=rule,
                           verb=verb.i, how="passive")

    def _passive_subject(self, verb: Token, entry: CueVerb) -> tuple[list[tuple[int, int]], str] | None:
        """'The plan was denounced by the governor': a speech act whose object is its content,
        turned passive; the content is the passive subject, the source the by-agent."""
        if "object" not in entry.content or entry.lemma in self.lex.addressee_verbs:
            return None
        subject = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i), None)
        if subject is None or subject.lower_ in _RELATIVE | {"it", "there", "what"}:
            return None
        parts = [self._trim_content(*self._np_range(subject))]
        for child in verb.children:
            # "was criticized by X for failing to ...": the complement goes with the content
            if child.i > verb.i and child.dep_ in _OBJECT_COMPLEMENTS and (
                child.dep_ != "prep" or child.lower_ in _OBJECT_PREPS
            ):
                parts.append(self._trim_content(*self._subtree_range(child)))
        parts = [p for p in parts if p[1] > p[0]]
        if not parts:
            return None
        return self._snap_to_segments(parts), "object"

    def _is_passive(self, verb: Token) -> bool:
        return any(c.dep_ in _PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in verb.children)

    def _cue_tokens(self, verb: Token) -> list[int]:
        """The verb with its auxiliaries, negation, close adverbs, particle and statement phrase."""
        cue = {verb.i}
        for child in verb.children:
            if child.i < verb.i and child.dep_ in self.lex.span_dependents:
                cue.add(child.i)
            elif child.dep_ == "prt":
                cue.add(child.i)
            elif (
                child.dep_ == "advmod"
                and child.lower_ in self.lex.span_adverbs
                and abs(child.i - verb.i) <= 3
                and child.i < verb.i
            ):
                cue.add(child.i)
            elif child.dep_ == "advmod" and child.i == verb.i - 1 and child.lower_.endswith("ly"):
                cue.add(child.i)
        head = verb.head
        if (verb.dep_ == "xcomp" and head.i < verb.i and head.pos_ == "VERB"
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
                and verb.i - head.i <= 4):
            # "wanted to know", "continued to call for", "refused to endorse": one cue
            cue.update(range(head.i, verb.i))
            cue.update(c.i for c in head.children if c.i < head.i and c.dep_ in self.lex.span_dependents)
        nxt_colon = verb.i + 1
        if nxt_colon < len(self.doc) and self.doc[nxt_colon].text == ":" and not verb.whitespace_:
            cue.add(nxt_colon)
        # keep the span contiguous: fill gaps made only of cue-like words
        lo, hi = min(cue), max(cue)
        cue = set(range(lo, hi + 1)) if all(
            i in cue or self.doc[i].dep_ in self.lex.span_dependents or self.doc[i].dep_ == "advmod"
            for i in range(lo, hi + 1)
        ) else {i for i in cue if i >= self._left_contiguous(verb.i, cue)}
        # "said in a statement"
        nxt = max(cue) + 1
        if nxt < len(self.doc) and self.doc[nxt].lower_ == "in":
            for phrase in self.lex.statement_phrases:
                words = tuple(t.lower_ for t in self.doc[nxt: nxt + len(phrase)])
                if words == phrase:
                    cue.update(range(nxt, nxt + len(phrase)))
                    break
        return sorted(cue)

    def _left_contiguous(self, head: int, cue: set[int]) -> int:
        i = head
        while i - 1 in cue:
            i -= 1
        return i

    def _source(self, verb: Token, parts: list[tuple[int, int]]) -> tuple[tuple[int, int], int] | None:
        """The subject noun phrase of the cue (or of the verb it hangs from) and its key token."""
        current = verb
        for _ in range(4):
            subject = next(
                (c for c in current.children
                 if c.dep_ in _SUBJECTS and not any(lo <= c.i < hi for lo, hi in parts)),
                None,
            )
            if subject is None and current.i == verb.i:
                # "which he said the government should pay for": the cue sits inside its content
                subject = next(
                    (c for c in current.children
                     if c.dep_ in _SUBJECTS and c.i < verb.i and c.lower_ not in _RELATIVE
                     and any(lo <= c.i < hi and lo <= verb.i < hi for lo, hi in parts)),
                    None,
                )
            if subject is not None:
                if subject.lower_ in _RELATIVE and current.dep_ == "relcl":
                    return (subject.i, subject.i + 1), current.head.i
                if subject.lower_ in {"it", "there"} and subject.dep_ == "expl":
                    return None
                return self._np_range(subject), subject.i
            if current.dep_ in _INHERIT and current.head.i != current.i:
                current = current.head
                if current.dep_ == "prep" and current.head.pos_ in {"VERB", "AUX"}:
                    current = current.head  # "began by saying": the subject of "began"
                continue
            if current.dep_ in {"acl", "relcl"} and current.head.pos_ in {"NOUN", "PROPN"}:
                head = current.head
                lo = head.left_edge.i
                hi = current.left_edge.i
                if hi > lo:
                    return self._trim_range(lo, hi), head.i
            break
        return self._name_just_before(verb, parts)

    def _source_after_quote(
        self, verb: Token, cue: list[int], parts: list[tuple[int, int]]
    ) -> tuple[list[tuple[int, int]], tuple[tuple[int, int], int]] | None:
        """'"...," Gene Sperling, a top adviser, said': the parser sometimes hangs the speaker
        inside the quoted clause. A part running from a quotation up to the cue is cut at the
        closing mark, and the words between the mark and the cue become the source."""
        first_cue = min(cue)
        for n, (lo, hi) in enumerate(parts):
            if not (first_cue - 3 <= hi <= first_cue):
                continue
            closing = next((q for q in range(hi - 1, lo, -1)
                            if q in self.token_segment and self.seg_tokens[self.token_segment[q]][1] == q + 1
                            and self.seg_tokens[self.token_segment[q]][0] >= lo), None)
            if closing is None:
                continue
            s_lo, s_hi = self._trim_range(closing + 1, first_cue)
            words = self.doc[s_lo:s_hi]
            if not 0 < len(words) <= 25 or any(i in self.token_segment for i in range(s_lo, s_hi)):
                continue
            comma = next((t.i for t in words if t.text == ","), s_hi)
            name = [t for t in self.doc[s_lo:comma] if not t.is_punct]
            if not name or len(name) > 8 or any(t.pos_ in {"VERB", "AUX"} for t in name):
                continue
            if not any(t.pos_ in {"PROPN", "PRON", "NOUN"} for t in name) or name[0].lower_ in _RELATIVE:
                continue
            key = max((t for t in name if t.pos_ in {"PROPN", "PRON", "NOUN"}), key=lambda t: t.i)
            if comma < s_hi and s_hi < first_cue and self.doc[s_hi].text == ",":
                s_hi += 1  # an appositive keeps its closing comma, as the source phrase does
            new_parts = list(parts)
            new_parts[n] = (lo, closing + 1)
            return new_parts, ((s_lo, s_hi), key.i)
        return None

    def _name_just_before(self, verb: Token, parts: list[tuple[int, int]]) -> tuple[tuple[int, int], int] | None:
        """A misparsed subject: the name or pronoun right before a finite cue verb ("... Trump said")."""
        if verb.tag_ not in {"VBD", "VBZ", "VBP"}:
            return None
        i = verb.i - 1
        while i >= 0 and (self.doc[i].dep_ in self.lex.span_dependents or self.doc[i].lower_ in self.lex.span_adverbs):
            i -= 1
        if i < 0 or any(lo <= i < hi for lo, hi in parts) or i in self.token_segment:
            return None
        token = self.doc[i]
        if token.text == "," and i not in self.token_segment:
            return self._appositive_just_before(i, parts)
        if token.pos_ not in {"PROPN", "PRON"} or token.lower_ in _RELATIVE or token.tag_ == "PRP$":
            return None
        lo = i
        while lo > 0 and self.doc[lo - 1].pos_ == "PROPN" and self.doc[lo - 1].head.i == i:
            lo -= 1
        return (lo, i + 1), i

    def _appositive_just_before(self, comma: int, parts: list[tuple[int, int]]) -> tuple[tuple[int, int], int] | None:
        """'..., Senator Harry Reid, the minority leader, said': a name and its appositive right
        before the cue, which the parser attached elsewhere."""
        ends = self._chunk_ends()
        role = ends.get(comma)
        if role is None:
            return None
        start, root = role
        name_start, name_root = start, root
        if start >= 2 and self.doc[start - 1].text == ",":
            named = ends.get(start - 1)
            if named is not None and self.doc[named[1]].pos_ == "PROPN":
                name_start, name_root = named
        if self.doc[name_root].pos_ != "PROPN":
            return None
        if any(lo < comma + 1 and name_start < hi for lo, hi in parts):
            return None
        if any(i in self.token_segment for i in range(name_start, comma)):
            return None
        hi = comma + 1 if name_start < start else comma
        return (name_start, hi), name_root

    def _chunk_ends(self) -> dict[int, tuple[int, int]]:
        """Noun chunks by the index just past their end: (start, root index); computed once."""
        if self._chunks is None:
            self._chunks = {}
            try:
                for chunk in self.doc.noun_chunks:
                    self._chunks[chunk.end] = (chunk.start, chunk.root.i)
            except (ValueError, NotImplementedError):  # no parse: no chunks
                pass
        return self._chunks

    def _np_range(self, token: Token) -> tuple[int, int]:
        """A source noun phrase: the subtree without edge punctuation or a dateline; an
        appositive keeps its closing comma ("Nick Witney, a fellow at ...,")."""
        right = token.right_edge.i + 1
        for child in token.rights:
            # "Trump this week": time words and adverbial asides are not the source
            if child.dep_ in {"advcl", "npadvmod"}:
                right = min(right, child.left_edge.i)
            # "Sen. Grassley, facing a spirited challenge, said": a participle aside
            elif (child.dep_ == "acl" and child.tag_ in {"VBG", "VBN"} and child.left_edge.i > 0
                  and self.doc[child.left_edge.i - 1].text == ","):
                right = min(right, child.left_edge.i)
        lo, hi = self._trim_range(token.left_edge.i, right)
        while lo < hi and self.doc[lo].text in _QUOTE_CHARS and lo != token.i:
            lo += 1  # a closing quotation mark the parser hung on the speaker
        lo, hi = self._trim_range(lo, hi)
        lo = self._skip_dateline(lo, hi)
        while hi - lo > 1 and self.doc[lo].lower_ in self.lex.source_first_drop and lo != token.i:
            lo += 1
        while hi - lo > 1 and self.doc[hi - 1].lower_ in self.lex.source_last_drop and hi - 1 != token.i:
            hi -= 1
        lo, hi = self._trim_range(lo, hi)
        if hi < len(self.doc) and self.doc[hi].text == "," and any(t.text == "," for t in self.doc[lo:hi]):
            hi += 1
        return lo, hi

    def _trim_range(self, lo: int, hi: int) -> tuple[int, int]:
        doc = self.doc
        while lo < hi and (doc[lo].is_space or doc[lo].text in _EDGE_PUNCT):
            lo += 1
        while hi > lo and (doc[hi - 1].is_space or doc[hi - 1].text in _EDGE_PUNCT):
            if doc[hi - 1].text == ")" and any(t.text == "(" for t in doc[lo:hi - 1]):
                break
            hi -= 1
        return lo, hi

    def _skip_dateline(self, lo: int, hi: int) -> int:
        """Skip a dateline ("WASHINGTON --", "NEW YORK (AP) —") opening a span."""
        for i in range(lo, min(hi, lo + 8)):
            token = self.doc[i]
            if token.text in {"--", "—", "―", "–", "-"} and i > lo:
                if all(t.is_upper or t.is_punct or t.is_space for t in self.doc[lo:i]):
                    j = i + 1
                    while j < hi and self.doc[j].is_space:
                        j += 1
                    return j
                return lo
            if not (token.is_upper or token.is_punct or token.is_space):
                return lo
        return lo

    # ------------------------------------------------------------------ content
    def _content(self, verb: Token, entry: CueVerb, cue: list[int]) -> tuple[list[tuple[int, int]], str] | None:
        kinds = entry.content
        children = list(verb.children)
        parts: list[tuple[int, int]] = []
        how = ""
        clause_like = [c for c in children if c.dep_ == "ccomp"]
        if not clause_like and "clause" in kinds:
            # "said after the convention he would ...": a misattached complement clause
            clause_like = [
                c for c in children
                if c.dep_ in {"advcl", "parataxis", "dep"} and c.i > verb.i
                and any(g.dep_ in _SUBJECTS for g in c.children)
                and not any(g.dep_ == "mark" and g.lower_ != "that" for g in c.children)
                and c.tag_ in {"VBD", "VBZ", "VBP", "MD"} | {"VB"} and c.pos_ in {"VERB", "AUX"}
            ]
        if not clause_like and "clause" in kinds:
            # "said in a statement that ...", "disclosed for the first time that ...": the parser
            # hung the complement on a noun of the verb's own adjuncts
            clause_like = self._stray_that_clause(verb)
        if not clause_like and verb.dep_ in {"ROOT", "conj", "advcl", "parataxis"}:
            # '"...," he said' is sometimes parsed with the quotation as a dependent of the verb
            clause_like = [
                c for c in children
                if c.dep_ in {"parataxis", "dep", "dobj", "attr", "npadvmod", "oprd", "advcl"}
                and self._mostly_quoted(c.left_edge.i, c.right_edge.i + 1)
            ]
        if clause_like and ("clause" in kinds or "quote" in kinds):
            parts = [self._clause_range(c) for c in clause_like]
            how = "clause"
            if all(c.dep_ in {"dobj", "attr", "oprd"} and c.i > verb.i
                   and not any(t.is_punct and t.text not in _QUOTE_CHARS for t in self.doc[verb.i + 1:c.left_edge.i])
                   and self.doc[c.left_edge.i].text in _QUOTE_CHARS
                   for c in clause_like):
                how = "woven"  # 'addressed "some setbacks"': quoted words inside the sentence
            if "object" in kinds and all(c.dep_ in {"dobj", "attr", "oprd"} and c.i > verb.i for c in clause_like):
                first_quoted = min(c.left_edge.i for c in clause_like)
                objects = [c for c in children if c.dep_ in {"dobj", "dative", "nsubj"}
                           and verb.i < c.i < first_quoted and c.right_edge.i < first_quoted]
                if objects:
                    # 'called the merger "a terrible deal"': what is named goes with the naming
                    lo = min(c.left_edge.i for c in objects)
                    parts = [(lo, max(hi for _, hi in parts))]
            subject = next((c for c in children if c.dep_ in _SUBJECTS), None)
            first = min(clause_like, key=lambda c: c.i)
            if first.i < verb.i and (subject is None or subject.i > first.i):
                # "X, but Y, a source said": everything before the cue clause is content
                start = verb.sent.start
                lo, hi = parts[0] if parts[0][0] == first.left_edge.i else (first.left_edge.i, first.right_edge.i + 1)
                if start < lo and not any(self.doc[i].dep_ in _SUBJECTS and self.doc[i].head.i == verb.i
                                          for i in range(start, lo)):
                    parts = [(start, hi) if p == (lo, hi) else p for p in parts]
        elif verb.dep_ == "parataxis" or (
            verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in children)
        ):
            if "clause" in kinds or "quote" in kinds:
                parts = self._head_clause(verb)
                how = "head"
        if not parts:
            # "is calling for Trump to be banned": the preposition parsed as a clause marker
            for child in children:
                mark = next((m for m in child.children if m.dep_ == "mark" and m.lower_ in entry.prepositions
                             and m.i == verb.i + 1), None) if child.dep_ == "advcl" and child.i > verb.i else None
                if mark is not None and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                    cue.append(mark.i)
                    cue.sort()
                    parts, how = [(mark.i + 1, child.right_edge.i + 1)], "object"
                    break
        if not parts:
            for child in children:
                if child.dep_ == "prep" and child.lower_ in entry.prepositions:
                    pobj = next((c for c in child.children if c.dep_ in {"pobj", "pcomp"}), None)
                    between: list[Token] | None = list(self.doc[verb.i + 1:child.i]) if child.i > verb.i else None
                    hearer = next((c for c in children if c.dep_ in {"dobj", "dative"} and verb.i < c.i < child.i), None)
                    if between is not None and hearer is not None and entry.lemma in self.lex.addressee_verbs:
                        # "asked Sanders about the deportations": the hearer may come between
                        between = [t for t in between if not hearer.left_edge.i <= t.i <= hearer.right_edge.i]
                    if between is None or any(t.dep_ not in {"advmod", "prt", "neg"} for t in between):
                        continue  # "spoke with Sanders on Tuesday": the preposition must follow the cue
                    if pobj is not None and pobj.ent_type_ in {"DATE", "TIME"}:
                        continue
                    if pobj is not None:
                        cue.append(child.i)
                        cue.sort()
                        lo, hi = self._subtree_range(pobj)
                        # "called on Trump to stop attacking Machado": the infinitive goes with it
                        for other in children:
                            # "refers to the candidate as 'Mr. Trump'": the "as" phrase too
                            if (other.dep_ in {"xcomp", "ccomp"} or (other.dep_ == "prep" and other.lower_ == "as")) \
                                    and other.i > pobj.i:
                                hi = max(hi, other.right_edge.i + 1)
                        parts = [(lo, hi)]
                        how = "object"
                        break
        if not parts and "infinitive" in kinds:
            xcomp = next((c for c in children if c.dep_ == "xcomp" and c.i > verb.i), None)
            if xcomp is not None and xcomp.i - verb.i <= 4 and self.lex.cue_verb(xcomp.lemma_.lower(), xcomp.lower_):
                xcomp = None  # "wanted to know that ...": the inner cue verb carries it
            if xcomp is not None and any(c.dep_ == "aux" and c.lower_ == "to" for c in xcomp.children):
                obj = next((c for c in children if c.dep_ in {"dobj", "dative"} and c.i < xcomp.i), None)
                lo = obj.left_edge.i if obj is not None and entry.lemma not in {"tell", "ask"} else xcomp.left_edge.i
                if obj is not None and entry.lemma in {"tell", "ask", "urge", "order", "instruct", "advise"}:
                    lo = obj.left_edge.i
                parts = [(lo, xcomp.right_edge.i + 1)]
                how = "infinitive"
        obj = next((c for c in children if c.dep_ == "dobj" and c.i > verb.i), None)
        if not parts and "object" in kinds and obj is not None and entry.lemma not in self.lex.addressee_verbs:
            hi = obj.right_edge.i + 1
            for child in children:
                if child.i > obj.i and child.dep_ in _OBJECT_COMPLEMENTS and (
                    child.dep_ != "prep" or child.lower_ in _OBJECT_PREPS
                ):
                    hi = max(hi, child.right_edge.i + 1)
            if obj.pos_ != "PRON" or hi > obj.i + 1 or obj.lower_ in {"this", "that", "it", "something", "nothing"}:
                parts = [(obj.left_edge.i, hi)]
                how = "object"
        if not parts and "quote" in kinds and (obj is None or entry.lemma in self.lex.addressee_verbs):
            adjacent = self._adjacent_quotes(verb, cue)
            if adjacent:
                parts, how = adjacent, "quote"
            elif self.doc[cue[-1]].text == ":" and "clause" in kinds:
                # 'Limbaugh added: And from a supposed front-runner, ...' (no quotation marks)
                _, p_hi = self._paragraph_bounds(cue[-1])
                if p_hi - cue[-1] > 3:
                    parts, how = [(cue[-1] + 1, p_hi)], "colon"
        if not parts:
            return None
        parts = [self._trim_content(lo, hi) for lo, hi in parts]
        parts = [p for p in parts if p[1] > p[0]]
        if not parts:
            return None
        parts = self._snap_to_segments(parts)
        if ("quote" in kinds and not ({"clause", "object", "infinitive"} & kinds)) and not all(
            self._mostly_quoted(lo, hi) for lo, hi in parts
        ):
            return None
        if how == "clause" and "clause" not in kinds and not all(self._mostly_quoted(lo, hi) for lo, hi in parts):
            return None
        # quotations right after the cue clause belong to it too ('"A," he said, "B."')
        parts = self._add_following_quote(verb, cue, parts)
        parts = self._add_preceding_quote(verb, cue, parts)
        return self._merge_parts(parts, cue), how

    def _merge_parts(self, parts: list[tuple[int, int]], cue: list[int]) -> list[tuple[int, int]]:
        """Sort parts, drop repeats and join parts separated only by spaces, punctuation or "and"."""
        merged: list[tuple[int, int]] = []
        for lo, hi in sorted(set(parts)):
            if merged:
                p_lo, p_hi = merged[-1]
                gap = self.doc[p_hi:lo]
                if lo <= p_hi or (
                    not any(t.i in cue for t in gap)
                    and all(t.is_space or (t.is_punct and t.text not in _QUOTE_CHARS) or t.dep_ == "cc" for t in gap)
                    and len(gap) <= 2
                ):
                    merged[-1] = (p_lo, max(p_hi, hi))
                    continue
            merged.append((lo, hi))
        return merged

    def _stray_that_clause(self, verb: Token) -> list[Token]:
        """A "that" clause after the cue whose head is a noun in the cue's adjuncts or object."""
        for token in verb.subtree:
            if token.i <= verb.i or token.dep_ not in {"acl", "ccomp", "relcl"}:
                continue
            head = token.head
            if head.pos_ not in {"NOUN", "PROPN"} or not verb.i < head.i < token.i or head.dep_ != "pobj":
                continue
            if not any(m.dep_ == "mark" and m.lower_ == "that" and m.i == token.left_edge.i for m in token.children):
                continue
            node, ok = head, True
            while node.i != verb.i:
                if node.pos_ in {"VERB", "AUX"} or node.head.i == node.i:
                    ok = False
                    break
                node = node.head
            if ok and token.left_edge.i - verb.i <= 12:
                return [token]
        return []

    def _clause_range(self, clause: Token) -> tuple[int, int]:
        """A complement clause from its "that" on: 'said, posting on X, that ...' drops the aside."""
        lo, hi = self._subtree_range(clause)
        mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"), None)
        if mark is not None and mark.i > lo and any(t.text == "," for t in self.doc[lo:mark.i]):
            lo = mark.i
        return lo, hi

    def _subtree_range(self, token: Token) -> tuple[int, int]:
        return token.left_edge.i, token.right_edge.i + 1

    def _head_clause(self, verb: Token) -> list[tuple[int, int]]:
        """For "X, Y said" and "as Y said": the governing clause minus the cue's own subtree."""
        head = verb.head
        lo, hi = head.left_edge.i, head.right_edge.i + 1
        v_lo, v_hi = verb.left_edge.i, verb.right_edge.i + 1
        parts = []
        if v_lo > lo:
            parts.append((lo, v_lo))
        if hi > v_hi:
            parts.append((v_hi, hi))
        return parts

    def _trim_content(self, lo: int, hi: int) -> tuple[int, int]:
        doc = self.doc
        while lo < hi and (
            doc[lo].is_space
            or (doc[lo].text in _EDGE_PUNCT)
            or (doc[lo].lower_ in self.lex.content_openers and lo + 1 < hi and doc[lo + 1].text == ",")
            or (doc[lo].lower_ in self.lex.content_openers and doc[lo].dep_ in {"cc", "advmod"}
                and lo == doc[lo].sent.start)
        ):
            lo += 1
        while hi > lo and (doc[hi - 1].is_space or doc[hi - 1].text in _EDGE_PUNCT):
            if doc[hi - 1].text == ")" and any(t.text == "(" for t in doc[lo:hi - 1]):
                break
            hi -= 1
        return self._skip_dateline(lo, hi), hi

    def _mostly_quoted(self, lo: int, hi: int) -> bool:
        words = [i for i in range(lo, hi) if not self.doc[i].is_punct and not self.doc[i].is_space]
        if not words:
            return False
        inside = sum(1 for i in words if i in self.token_segment)
        return inside / len(words) >= 0.8

    def _snap_to_segments(self, parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Widen each part to whole quotations it cuts into, and on into continuing paragraphs."""
        snapped = []
        for lo, hi in parts:
            seg_ids = {self.token_segment[i] for i in range(lo, hi) if i in self.token_segment}
            for n in sorted(seg_ids):
                s_lo, s_hi = self.seg_tokens[n]
                inner = [i for i in range(s_lo, s_hi) if not self.doc[i].is_punct]
                covered = sum(1 for i in inner if lo <= i < hi)
                # a part that holds the opening mark or most words of a quotation takes all of it
                inside = lo >= s_lo and hi <= s_hi
                if inside or lo <= s_lo or (inner and covered / len(inner) >= 0.5) or hi >= s_hi:
                    lo, hi = min(lo, s_lo), max(hi, s_hi)
                    m = n
                    while (not self.segments[m].closed and m + 1 < len(self.segments)
                           and self.segments[m + 1].continues):
                        m += 1
                        hi = max(hi, self.seg_tokens[m][1])
            snapped.append((lo, hi))
        return snapped

    def _clause_bounds(self, verb: Token, cue: list[int]) -> tuple[int, int]:
        """Token range of the attribution clause itself (cue, subject, adjuncts), without content."""
        lo, hi = min(cue), max(cue) + 1
        for child in verb.children:
            if child.dep_ in _SUBJECTS or child.dep_ in {"agent", "npadvmod", "advmod", "prep"} or child.dep_ == "punct":
                if child.dep_ == "punct" and child.text in _QUOTE_CHARS:
                    continue
                if child.i in self.token_segment:
                    continue
                lo = min(lo, child.left_edge.i)
                hi = max(hi, child.right_edge.i + 1)
        return lo, hi

    def _adjacent_quotes(self, verb: Token, cue: list[int]) -> list[tuple[int, int]]:
        """A quotation that ends right before the attribution clause or starts right after it."""
        lo, hi = self._clause_bounds(verb, cue)
        parts = []
        before = self._segment_ending_before(lo)
        if before is not None:
            parts.append(before)
        after = self._segment_starting_after(hi)
        if after is not None:
            parts.append(after)
        return parts

    def _segment_ending_before(self, lo: int) -> tuple[int, int] | None:
        i = lo - 1
        while i >= 0 and (self.doc[i].is_space or self.doc[i].text in {",", "—", "–", "-", "--"}):
            if "\n" in self.doc[i].text or "\n" in self.doc[i].whitespace_:
                return None  # a quotation in an earlier paragraph is not next to this cue
            i -= 1
        if i >= 0 and "\n" in self.doc[i].whitespace_:
            return None
        if i >= 0 and i in self.token_segment:
            s_lo, s_hi = self.seg_tokens[self.token_segment[i]]
            if s_hi - 1 == i or (s_hi - 1 > i and all(self.doc[j].is_punct for j in range(i + 1, s_hi))):
                return s_lo, s_hi
        return None

    def _segment_starting_after(self, hi: int) -> tuple[int, int] | None:
        i = hi
        n = len(self.doc)
        if hi > 0 and "\n" in self.doc[hi - 1].whitespace_:
            return None
        back = hi - 1
        while back >= 0 and self.doc[back].is_space:
            if "\n" in self.doc[back].text and (back == 0 or self.doc[back - 1].text != ":"):
                return None  # the clause ended its paragraph: a quotation below it is not next to it
            back -= 1
        while i < n and (self.doc[i].is_space or self.doc[i].text in {",", ":", "—", "–", "-", "--"}):
            if "\n" in self.doc[i].text and self.doc[i - 1].text != ":":
                return None
            i += 1
        if i < n and i in self.token_segment:
            n_seg = self.token_segment[i]
            s_lo, s_hi = self.seg_tokens[n_seg]
            if s_lo == i:
                m = n_seg
                while (not self.segments[m].closed and m + 1 < len(self.segments)
                       and self.segments[m + 1].continues):
                    m += 1
                    s_hi = self.seg_tokens[m][1]
                return s_lo, s_hi
        return None

    def _ends_with_quote(self, parts: list[tuple[int, int]]) -> bool:
        last = max(hi for _, hi in parts) - 1
        return last in self.token_segment and self.seg_tokens[self.token_segment[last]][1] == last + 1

    def _add_following_quote(self, verb: Token, cue: list[int], parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
        if not self._ends_with_quote(parts):
            return parts
        lo, hi = self._clause_bounds(verb, cue)
        if any(p_lo >= hi for p_lo, _ in parts):
            return parts  # the quotation already follows the clause
        after = self._segment_starting_after(hi)
        if after is not None and self.doc[after[0]].sent.start <= verb.sent.end:
            if not any(a_lo <= after[0] < a_hi for a_lo, a_hi in parts):
                parts = parts + [after]
        return parts

    def _add_preceding_quote(self, verb: Token, cue: list[int], parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """'"Judge," Brafman said, "I have never ..."': the quotation just before the clause
        opens the quote that follows it."""
        first = min(lo for lo, _ in parts)
        if first <= verb.i or first not in self.token_segment or self.seg_tokens[self.token_segment[first]][0] != first:
            return parts
        lo, _ = self._clause_bounds(verb, cue)
        before = self._segment_ending_before(lo)
        if before is None or before in parts or self.doc[before[0]].sent.start < verb.sent.start:
            return parts
        return [before] + parts

    # ------------------------------------------------------------------ other cues
    def _according_to(self, token: Token) -> Attribution | None:
        to = self.doc[token.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            pobj = next((c for c in token.children if c.dep_ == "pobj"), None)
        if pobj is None:
            return None
        phrase_lo = token.i
        phrase_hi = max(pobj.right_edge.i, to.i) + 1
        head = token.head
        steps = 0
        while head.pos_ not in {"VERB", "AUX"} and head.dep_ != "ROOT" and steps < 5:
            head = head.head
            steps += 1
        lo, hi = head.left_edge.i, head.right_edge.i + 1
        if head.i == token.i:
            return None
        source_hi = phrase_hi
        if phrase_hi >= head.i > pobj.i and not any(c.dep_ in _SUBJECTS for c in head.children):
            # "According to exit polls, majorities of voters want ...": the parser took the
            # content's subject into the source; it starts after the last comma of the phrase
            comma = next((i for i in range(head.i - 1, pobj.i, -1) if self.doc[i].text == ","), None)
            if comma is not None:
                source_hi = comma
        parts = []
        if source_hi < phrase_hi:
            parts.append(self._trim_content(source_hi + 1, hi))
            phrase_hi = hi
        if phrase_lo > lo:
            parts.append(self._trim_content(lo, phrase_lo))
        if hi > phrase_hi:
            parts.append(self._trim_content(phrase_hi, hi))
        parts = [p for p in parts if p[1] > p[0]]
        if not parts:
            return None
        parts = self._snap_to_segments(parts)
        source = self._np_range(pobj)
        if source_hi < source[1]:
            source = self._trim_range(source[0], source_hi)
        return Attribution(cue=[token.i, to.i], content=parts, source=source,
                           speaker_token=pobj.i, rule="cue:phrase:according-to", how="phrase")

    def _in_finding(self, token: Token) -> Attribution | None:
        """'In the latest Gallup poll, Sanders leads by four points': a poll or study named by an
        "in" phrase is the source of the clause the phrase qualifies (the poll's finding)."""
        pobj = next((c for c in token.children if c.dep_ == "pobj"), None)
        if pobj is None or pobj.pos_ not in {"NOUN", "PROPN"} or pobj.lemma_.lower() not in self.lex.finding_nouns:
            return None
        head = token.head
        if head.pos_ not in {"VERB", "AUX"} or head.i == token.i:
            return None  # "his lead in the polls": a noun's modifier, no clause to report
        if head.dep_ in {"relcl", "advcl", "acl"}:
            return None
        entry = self.lex.cue_verb(head.lemma_.lower(), head.lower_)
        if entry is not None and "evidence" in entry.classes:
            return None  # "In a study, three economists found ...": the authors are the source
        lo, hi = head.left_edge.i, head.right_edge.i + 1
        # only an opening phrase frames the clause as the poll's finding; after the subject
        # ("Trump leads in the polls") it is a statement about the polls, not one they make
        subject = next((c for c in head.children if c.dep_ in _SUBJECTS | {"expl"}), None)
        if subject is None or subject.left_edge.i < token.i:
            return None
        p_lo, p_hi = token.i, token.right_edge.i + 1
        parts = [self._trim_content(lo, p_lo), self._trim_content(p_hi, hi)]
        parts = [p for p in parts if p[1] > p[0]]
        if not parts:
            return None
        parts = self._merge_parts(self._snap_to_segments(parts), [token.i])
        return Attribution(cue=[token.i], content=parts, source=self._np_range(pobj),
                           speaker_token=pobj.i, rule="cue:phrase:in-finding", how="phrase")

    def _paragraph_bounds(self, i: int) -> tuple[int, int]:
        """Token range of the paragraph (line) holding token ``i``."""
        doc = self.doc
        lo = i
        while lo > 0 and "\n" not in doc[lo - 1].text and "\n" not in doc[lo - 1].whitespace_:
            lo -= 1
        hi = i + 1
        while hi < len(doc) and "\n" not in doc[hi - 1].whitespace_ and "\n" not in doc[hi].text:
            hi += 1
        return lo, hi

    def _name_before(self, start: int, stop: int) -> bool:
        """Whether tokens [start, stop) look like a speaker's name or title and nothing more."""
        words = [t for t in self.doc[start:stop] if not t.is_space]
        if not words or len(words) > 6:
            return False
        if any(t.pos_ in {"VERB", "AUX"} and not t.is_upper for t in words):
            return False
        if self.doc[words[0].i:words[-1].i + 1].text.lower() in self.lex.colon_labels:
            return False
        if len(words) == 1 and words[0].lower_ in self.lex.colon_sources:
            return True  # 'Poll: ...', 'Insiders: ...'
        return any(t.pos_ == "PROPN" or (t.is_upper and t.is_alpha and len(t) > 1)
                   or (t.is_title and t.ent_type_ in _NAMED) or self._known_name(t) for t in words)

    def _known_name(self, token: Token) -> bool:
        """A capitalised word that the article names elsewhere as a person or organisation
        ('Lynch: ...' in a headline, 'Loretta Lynch' below): headline case hides proper nouns."""
        if not token.is_title or len(token) < 3:
            return False
        if self._name_words is None:
            self._name_words = {t.text for ent in self.doc.ents if ent.label_ in _NAMED
                                for t in ent if t.is_title}
        return token.text in self._name_words

    def _names_someone(self, start: int, stop: int) -> bool:
        """A transcript speaker ("PENCE") or a named person, group or place, not a headline phrase."""
        words = [t for t in self.doc[start:stop] if not t.is_space and not t.is_punct]
        if words and all(t.is_upper for t in words if t.is_alpha):
            return True
        if len(words) == 1 and words[0].lower_ in self.lex.colon_sources:
            return True
        return any(t.ent_type_ in _NAMED or self._known_name(t) for t in words)

    def _clause_colon(self, colon: Token) -> Attribution | None:
        """'Rubio fired back: "..."', 'Clinton released the following statement: "..."': a clause
        whose verb is no cue of its own introduces the quotation its colon opens; the cue runs
        from the verb to the colon, the source is the verb's subject."""
        after = self._segment_starting_after(colon.i + 1)
        if after is None or any(not self.doc[i].is_space for i in range(colon.i + 1, after[0])):
            return None
        verb = colon.head
        for _ in range(3):  # 'shrugged off the question:': the colon may hang on the object
            if verb.pos_ in {"VERB", "AUX"} or verb.head.i == verb.i:
                break
            verb = verb.head
        if verb.i > colon.i or verb.pos_ not in {"VERB", "AUX"} or verb.i in self.token_segment:
            return None
        if verb.sent.start != colon.sent.start or any(t.text in {":", ";"} or t.i in self.token_segment
                                                        for t in self.doc[verb.i + 1:colon.i]):
            return None
        if self.lex.cue_verb(verb.lemma_.lower(), verb.lower_) is not None:
            return None  # a cue verb takes the quotation itself ('Rubio said: "..."')
        if verb.lemma_.lower() in {"be", "seem", "appear", "become", "have"}:
            return None  # 'Fiorina was far less bubbly: "..."' describes, it does not speak
        subject = next((c for c in verb.children if c.dep_ in _SUBJECTS and c.i < verb.i), None)
        # a person speaks: a name or a personal pronoun ('Kasich resisted:', 'he demurred:')
        if subject is None or not (subject.ent_type_ == "PERSON" or subject.lower_ in _PRONOUNS_PERSON
                                   or (subject.pos_ == "PROPN" and subject.ent_type_ in {"", "PERSON"})):
            return None
        source = self._np_range(subject)
        if source[1] > verb.i:
            return None
        lo = min([verb.i] + [c.i for c in verb.children if c.dep_ in self.lex.span_dependents and source[1] <= c.i < verb.i])
        if colon.i - lo > 10:
            return None
        return Attribution(cue=list(range(lo, colon.i + 1)), content=[after], source=source,
                           speaker_token=subject.i, rule="cue:clause-colon", verb=verb.i, how="quote")

    def _colon_cue(self, colon: Token) -> Attribution | None:
        """'Name: "quote"', 'NAME: words...' and 'Name ― "quote"' opening a paragraph."""
        p_lo, p_hi = self._paragraph_bounds(colon.i)
        while p_lo < colon.i and self.doc[p_lo].is_space:
            p_lo += 1
        if colon.text != ":":
            # '"..." ― Name' closing a paragraph: the attribution line after the quotation
            before = self._segment_ending_before(colon.i)
            end = p_hi
            while end > colon.i + 1 and (self.doc[end - 1].is_space or self.doc[end - 1].is_punct):
                end -= 1
            if before is not None and self._name_before(colon.i + 1, end):
                name = self.doc[slice(*self._trim_range(colon.i + 1, end))]
                return Attribution(cue=[colon.i], content=[before], source=(name.start, name.end),
                                   speaker_token=name.root.i, rule="cue:dash", how="quote")
        if colon.i in self.token_segment:
            # a transcript quoted whole: '"PENCE: Well, ...' -- the name sits inside the marks
            if self.seg_tokens[self.token_segment[colon.i]][0] != p_lo:
                return None
            p_lo += 1
        if not self._name_before(p_lo, colon.i):
            return self._clause_colon(colon) if colon.text == ":" else None
        after = self._segment_starting_after(colon.i + 1)
        if after is not None:
            content = after
        elif colon.text == ":" and self._names_someone(p_lo, colon.i):
            content = self._trim_content(colon.i + 1, p_hi)
            if content[1] - content[0] < 2:
                return None
            words = self.doc[content[0]:content[1]]
            if sum(t.text == "," for t in words) >= 3 and not any(t.pos_ in {"VERB", "AUX"} for t in words):
                return None  # 'Iowa: Tim Albrecht, Brad Anderson, ...': a list of names, not a statement
        else:
            return None
        head = next((t for t in self.doc[p_lo:colon.i] if t.head.i < p_lo or t.head.i >= colon.i or t.head == t),
                    self.doc[colon.i - 1])
        return Attribution(cue=[colon.i], content=[content], source=self._trim_range(p_lo, colon.i),
                           speaker_token=head.i, rule="cue:colon" if colon.text == ":" else "cue:dash",
                           how="quote" if after is not None else "colon")

    def _complement_cue(self, verb: Token) -> Attribution | None:
        """'She made (it) clear that she would run': a verb made a speech act by the word after it;
        what follows that word in the clause is the content."""
        words = self.lex.complement_cues.get(verb.lemma_.lower(), frozenset())
        i = verb.i + 1
        if i < len(self.doc) and self.doc[i].lower_ == "it":
            i += 1
        while i < len(self.doc) and self.doc[i].dep_ == "advmod" and self.doc[i].lower_ not in words:
            i += 1  # "made it very clear"
        if i >= len(self.doc) or self.doc[i].lower_ not in words or self.doc[i].head.i != verb.i:
            return None
        word = self.doc[i]
        if self._is_passive(verb):
            return None  # "it was made clear": no one named
        clauses = [c for c in list(verb.children) + list(word.children)
                   if c.i > word.i and c.dep_ in {"ccomp", "dobj", "advcl"}]
        hi = max([word.right_edge.i + 1] + [c.right_edge.i + 1 for c in clauses])
        lo = word.i + 1
        # "made clear Tuesday night that ...": the content starts at its "that"
        marks = [m.i for c in clauses for m in c.children if m.dep_ == "mark" and m.lower_ == "that"]
        if marks and min(marks) > lo:
            lo = min(marks)
        parts = [self._trim_content(lo, hi)]
        parts = [p for p in parts if p[1] - p[0] > 1]
        if not parts:
            return None
        found_source = self._source(verb, parts)
        if found_source is None:
            return None
        source, speaker = found_source
        if self._overlaps(source, parts):
            return None
        cue = sorted(set(self._cue_tokens(verb)) | set(range(verb.i, word.i + 1)))
        cue = list(range(min(cue), max(cue) + 1))
        parts = self._snap_to_segments(parts)
        return Attribution(cue=cue, content=parts, source=source, speaker_token=speaker,
                           rule="cue:verb:complement", verb=verb.i, how="clause")

    def _adjective_cue(self, adjective: Token) -> Attribution | None:
        """'The governor was critical of the plan', 'aides are confident that ...': a stance
        adjective after a copula; the copula's subject is the source."""
        copula = adjective.head
        if copula.pos_ not in {"AUX", "VERB"} or copula.lemma_.lower() != "be" or copula.i > adjective.i:
            return None
        preps = self.lex.adjectives.get(adjective.lower_, frozenset())
        cue = {adjective.i, copula.i}
        cue.update(c.i for c in copula.children if c.dep_ in {"aux", "neg"} and c.i < adjective.i)
        cue.update(c.i for c in adjective.children if c.dep_ in {"advmod", "neg"} and c.i < adjective.i)
        parts: list[tuple[int, int]] = []
        clause = next((c for c in list(adjective.children) + list(copula.children)
                       if c.dep_ == "ccomp" and c.i > adjective.i
                       and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
        if clause is not None:
            parts = [self._clause_range(clause)]
        else:
            prep = next((c for c in adjective.children if c.dep_ == "prep" and c.lower_ in preps
                         and c.i == adjective.i + 1), None)
            pobj = next((c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), None) if prep is not None else None
            if prep is None or pobj is None:
                return None
            cue.add(prep.i)
            parts = [self._subtree_range(pobj)]
        subject = next((c for c in copula.children if c.dep_ in _SUBJECTS), None)
        if subject is None or subject.lower_ in {"it", "there", "this", "that"}:
            return None
        if subject.lower_ in _RELATIVE and copula.dep_ == "relcl":
            source, speaker = (subject.i, subject.i + 1), copula.head.i
        else:
            source, speaker = self._np_range(subject), subject.i
        cue_list = sorted(i for i in cue if min(cue) <= i)
        lo, hi = min(cue_list), max(cue_list)
        if any(self.doc[i].is_punct for i in range(lo, hi + 1)):
            return None
        cue_list = list(range(lo, hi + 1))
        parts = [self._trim_content(lo_, hi_) for lo_, hi_ in parts]
        parts = [p for p in parts if p[1] > p[0]]
        if not parts or self._overlaps(source, parts) or any(lo_ <= hi and lo <= hi_ for lo_, hi_ in parts):
            return None
        parts = self._snap_to_segments(parts)
        return Attribution(cue=cue_list, content=parts, source=source, speaker_token=speaker,
                           rule="cue:adjective", verb=adjective.i, how="object" if clause is None else "clause")

    def _noun_cue(self, noun: Token) -> Attribution | None:
        """"his claim that ...", "the ministry's statement that ..."."""
        clause = next(
            (c for c in noun.children
             if c.dep_ in {"acl", "ccomp"} and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)),
            None,
        )
        if clause is None:
            return None
        source = next((c for c in noun.children if c.dep_ == "poss"), None)
        if source is None:
            prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in {"by", "from", "of"}), None)
            source = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if source is None:
            return None
        parts = self._snap_to_segments([self._trim_content(*self._subtree_range(clause))])
        return Attribution(cue=[noun.i], content=parts, source=self._np_range(source), speaker_token=source.i,
                           rule="cue:noun", how="clause")

    # ------------------------------------------------------------------ clean-up
    def _overlaps(self, source: tuple[int, int], parts: list[tuple[int, int]]) -> bool:
        return any(source[0] < hi and lo < source[1] for lo, hi in parts)

    @staticmethod
    def _range_contains(rng: tuple[int, int], i: int) -> bool:
        return rng[0] <= i < rng[1]

    def _deduplicate(self, found: list[Attribution]) -> list[Attribution]:
        """One attribution per cue token and per (source, content) pair."""
        seen_cue: set[int] = set()
        seen_pair: set[tuple[tuple[int, int] | None, tuple[tuple[int, int], ...]]] = set()
        kept = []
        for a in found:
            key = (a.source, tuple(a.content))
            if key in seen_pair or any(i in seen_cue for i in a.cue):
                continue
            seen_pair.add(key)
            seen_cue.update(a.cue)
            kept.append(a)
        return kept

    def _drop_claimed_parts(self, found: list[Attribution]) -> list[Attribution]:
        """'"A," X said. "B," she added.': a quotation with a cue of its own is not part of the
        previous cue's quote; it stays with the cue nearest to it. An attribution that only
        borrowed a neighbour's quotation goes."""
        dropped: set[int] = set()
        for n, a in enumerate(found):
            if len(a.content) < 2 and a.how != "quote":
                continue
            kept = []
            for part in a.content:
                lo, hi = part
                distance = self._cue_distance(a, lo, hi)
                claimed = any(
                    b is not a and any(b_lo <= lo and hi <= b_hi for b_lo, b_hi in b.content)
                    and self._cue_distance(b, lo, hi) < distance
                    for b in found
                )
                if not claimed:
                    kept.append(part)
            if kept and len(kept) < len(a.content):
                a.content = kept
            elif not kept:
                dropped.add(n)
        return [a for n, a in enumerate(found) if n not in dropped]

    @staticmethod
    def _cue_distance(a: Attribution, lo: int, hi: int) -> int:
        """Tokens between a cue and the part ``[lo, hi)``."""
        first, last = min(a.cue), max(a.cue)
        if last < lo:
            return lo - last
        if first >= hi:
            return first - hi + 1
        return 0

    def _attach_continuations(self, found: list[Attribution]) -> None:
        """A quotation with no cue of its own right after a quoted attribution continues it."""
        covered: set[int] = set()
        for a in found:
            for lo, hi in a.content:
                covered.update(range(lo, hi))
        by_end = sorted(found, key=lambda a: max(hi for _, hi in a.content))
        for n, (s_lo, s_hi) in enumerate(self.seg_tokens):
            if s_hi <= s_lo or s_lo in covered or self.segments[n].continues:
                continue
            prev = None
            for a in by_end:
                a_end = max([hi for _, hi in a.content + a.extra_parts] + [max(a.cue) + 1] + ([a.source[1]] if a.source else []))
                if a_end <= s_lo:
                    prev = (a, a_end)
            if prev is None:
                continue
            a, a_end = prev
            quoted_before = any(i in self.token_segment for lo, hi in a.content for i in range(lo, hi))
            if not (self._ends_with_quote(a.content + a.extra_parts) or quoted_before):
                continue
            gap = self.doc[a_end:s_lo]
            if any(not (t.is_punct or t.is_space) for t in gap):
                continue
            if sum(t.text.count("\n") + t.whitespace_.count("\n") for t in gap) > 0:
                p_lo, p_hi = self._paragraph_bounds(s_lo)
                whole = all(t.is_space or t.is_punct for t in self.doc[p_lo:s_lo]) and all(
                    t.is_space or t.is_punct for t in self.doc[s_hi:p_hi])
                if not (whole and self._ends_with_quote(a.content + a.extra_parts)):
                    continue  # a new paragraph opens a new quotation, unless it is one uncued quotation
            a.extra_parts.append((s_lo, s_hi))
            covered.update(range(s_lo, s_hi))
