"""Events: PLOVER event coding from the analysed article — who did what to whom, when, where.

``find_events`` codes every sentence with a dependency-based coder (``coder.py``) driven by the
lexicon in ``eventwire/data/events/`` and merges the mentions of one real-world occurrence into one
event, so that "the same meeting mentioned twice" is one event with both evidence spans.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from typing import Any

from spacy.tokens import Doc, Token

from ..records import Entity, Event, EventDate, EventLocation, Place, Quote, TimeRecord
from .coder import MILITARY_TYPES, SYMMETRIC_TYPES, Mention, SentenceCoder
from .lexicon import PLOVER_TYPES, Lexicon, load_lexicon

__all__ = ["find_events", "code_mentions", "code_document", "load_lexicon", "PLOVER_TYPES", "code_info", "Mention"]

log = logging.getLogger(__name__)

HISTORICAL_AFTER_DAYS = 365
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_EVENT_FIELDS = {f.name for f in dataclasses.fields(Event)}


def find_events(
    doc: Doc,
    entities: list[Entity],
    times: list[TimeRecord],
    quotes: list[Quote],
    places: list[Place],
    published: str | dt.date | None = None,
) -> list[Event]:
    """PLOVER events in ``doc``: one per real-world occurrence, with all its evidence spans.

    ``published`` (YYYY-MM-DD) lets the coder mark background events ("the invasion, which began in
    2022") as historical; without it the latest full date among ``times`` stands in for it.
    Never raises: a sentence that fails is logged and skipped.
    """
    return code_document(doc, entities, times, quotes, places, published)[0]


def code_mentions(
    doc: Doc,
    entities: list[Entity],
    times: list[TimeRecord],
    quotes: list[Quote],
    places: list[Place],
    published: str | dt.date | None = None,
) -> list[Mention]:
    """Every coded mention before merging, statements included (CAMEO 01 "said", "expressed
    condolences", "claimed responsibility" have no PLOVER type and never become events): what
    the coder read sentence by sentence, for sentence-level evaluation and for debugging."""
    mentions, _ = _code_document(doc, entities, times, quotes, places, _published(published, doc, times))
    return mentions


def code_document(
    doc: Doc,
    entities: list[Entity],
    times: list[TimeRecord],
    quotes: list[Quote],
    places: list[Place],
    published: str | dt.date | None = None,
) -> tuple[list[Event], list[Mention]]:
    """The events of ``doc`` and the mentions they were merged from, in one coding pass.

    A mention belongs to the event whose ``evidence_spans`` hold its ``evidence()``; evaluation
    uses this to find the event of a sentence's main act without coding the text twice."""
    pub = _published(published, doc, times)
    mentions, coder = _code_document(doc, entities, times, quotes, places, pub)
    if coder is None:
        return [], mentions
    try:
        return _build_events(mentions, coder.lex, coder, pub, places), mentions
    except Exception:
        log.exception("event merging failed; no events for this document")
        return [], mentions


def _code_document(doc: Doc, entities: list[Entity], times: list[TimeRecord], quotes: list[Quote], places: list[Place],
          pub: dt.date | None) -> tuple[list[Mention], SentenceCoder | None]:
    try:
        lexicon = load_lexicon()
        coder = SentenceCoder(doc, entities, times, quotes, places, lexicon, pub)
    except Exception:
        log.exception("event coder could not start on this document; no events coded")
        return [], None
    mentions: list[Mention] = []
    if not doc.has_annotation("DEP"):
        log.warning("events need a dependency parse; this document has none, so no events are coded")
        return [], coder
    for sent in doc.sents:
        try:
            mentions += coder.code_sentence(sent)
        except Exception:
            log.warning("event coding failed on a sentence at %d", sent.start_char, exc_info=True)
    return mentions, coder


def code_info(cameo: str) -> tuple[str | None, str | None, int, float]:
    """(PLOVER type, mode, quad class, Goldstein) of a CAMEO code, from the lexicon tables."""
    info = load_lexicon().code(cameo)
    if info is None:
        return None, None, 0, 0.0
    return info.plover_type, info.plover_mode, info.quad, info.goldstein


# ------------------------------------------------------------------------------------ dates


def date_range(value: str | None) -> tuple[dt.date, dt.date] | None:
    """Calendar bounds of a TIMEX3 value ("2025", "2025-05", "2025-05-26T..."), or None."""
    if not value:
        return None
    match = _DATE_RE.match(value)
    if not match:
        return None
    year = int(match.group(1))
    try:
        if match.group(3):
            day = dt.date(year, int(match.group(2)), int(match.group(3)))
            return day, day
        if match.group(2):
            month = int(match.group(2))
            start = dt.date(year, month, 1)
            end = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1))
            return start, end
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None


def _published(published: str | dt.date | None, doc: Doc, times: list[TimeRecord]) -> dt.date | None:
    if isinstance(published, dt.date):
        return published
    for candidate in (published, doc.user_data.get("eventwire_published") if doc.user_data else None):
        if isinstance(candidate, str) and candidate:
            bounds = date_range(candidate.strip()[:10])
            if bounds and bounds[0] == bounds[1]:
                return bounds[0]
    days = [b[0] for t in times if t.type == "DATE" and (b := date_range(t.value)) and b[0] == b[1]]
    return max(days) if days else None


def _dates_compatible(a: TimeRecord | None, b: TimeRecord | None) -> bool:
    if a is None or b is None:
        return True
    ra, rb = date_range(a.value), date_range(b.value)
    if ra is None or rb is None:
        return a.value == b.value
    return (ra[0] <= rb[0] and rb[1] <= ra[1]) or (rb[0] <= ra[0] and ra[1] <= rb[1])


# ---------------------------------------------------------------------------------- merging


@dataclasses.dataclass
class _Cluster:
    mentions: list[Mention]
    type: str

    @property
    def date(self) -> TimeRecord | None:
        dated = [m.date for m in self.mentions if m.date is not None]
        return max(dated, key=lambda t: len(t.value)) if dated else None

    @property
    def status(self) -> str:
        return self.mentions[0].status

    def ids(self, role: str) -> set[str]:
        return {p.entity.id for m in self.mentions for p in (m.actors if role == "actor" else m.recipients)}

    def participants(self) -> set[str]:
        return self.ids("actor") | self.ids("recipient")


def _compatible_sets(a: set[str], b: set[str]) -> bool:
    if not a or not b or a == b:
        return True
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small) == 1 and small <= large


def _status_compatible(a: str, b: str) -> bool:
    return a == b or {a, b} == {"actual", "historical"}


def _fits(m: Mention, ptype: str, cluster: _Cluster) -> bool:
    if cluster.type != ptype or not _dates_compatible(m.date, cluster.date):
        return False
    actors, recipients = {p.entity.id for p in m.actors}, {p.entity.id for p in m.recipients}
    if any(_attached(m, c) or _attached(c, m) for c in cluster.mentions) and \
            "negated" not in (m.status, cluster.status):
        # "a deadly attack targeting non-Muslims", "will travel to Istanbul for talks": the clause
        # tells the same act; only a swap of roles makes it another one
        return ptype in SYMMETRIC_TYPES or not (actors & cluster.ids("recipient") or recipients & cluster.ids("actor"))
    if not _status_compatible(m.status, cluster.status):
        return False
    if not actors and not recipients:
        return True
    if ptype in SYMMETRIC_TYPES:
        mine, theirs = actors | recipients, cluster.participants()
        return bool(theirs) and _compatible_sets(mine, theirs)
    c_actors, c_recipients = cluster.ids("actor"), cluster.ids("recipient")
    if not (c_actors or c_recipients):
        # a bare act named in this sentence ("a deadly attack targeting non-Muslims")
        return any(c.sentence == m.sentence for c in cluster.mentions)
    if actors and c_actors and not _compatible_sets(actors, c_actors):
        return False
    if recipients and c_recipients and not _compatible_sets(recipients, c_recipients):
        return False
    # an actor seen only as a recipient (or the reverse) is another occurrence
    if actors & c_recipients or recipients & c_actors:
        return False
    return bool(actors & c_actors or recipients & c_recipients)


def _bare_target(m: Mention, ptype: str, clusters: list[_Cluster]) -> _Cluster | None:
    """The occurrence a mention without parties belongs to: one of its kind named in its sentence,
    else (for "the attack", "a car bomb killed ...") the nearest one named before it."""
    def usable(cluster: _Cluster) -> bool:
        return cluster.type == ptype and _status_compatible(m.status, cluster.status) and \
            _dates_compatible(m.date, cluster.date)

    for cluster in reversed(clusters):
        if usable(cluster) and any(c.sentence == m.sentence for c in cluster.mentions):
            return cluster
    if not (m.anaphoric or "instrument-subject" in m.notes):
        return None
    before = [(max(c.token.i for c in cluster.mentions if c.token.i < m.token.i), cluster)
              for cluster in clusters if usable(cluster) and any(c.token.i < m.token.i for c in cluster.mentions)]
    return max(before, key=lambda x: x[0])[1] if before else None


def _attached(a: Mention, b: Mention) -> bool:
    """``a`` is a clause that modifies ``b``'s trigger ("an attack (targeting ...)", "strikes (that
    killed ...)") or the occasion of ``b`` ("travel to Istanbul (for talks)")."""
    if a.anchor.dep_ in ("acl", "relcl") and a.anchor.head.i in (b.token.i, b.anchor.i):
        return True
    prep = a.token.head  # "killed in an air strike", "died during clashes": the means is the act
    return a.token.dep_ == "pobj" and prep.lower_ in ("for", "in", "during") and prep.head.i in (b.token.i, b.anchor.i)


def _build_events(mentions: list[Mention], lex: Lexicon, coder: SentenceCoder, pub: dt.date | None,
                  places: list[Place]) -> list[Event]:
    typed: list[tuple[Mention, str]] = []
    for m in mentions:
        info = lex.code(m.cameo)
        if info is None or info.plover_type is None:
            continue
        _date_status(m, pub)
        typed.append((m, info.plover_type))
    # a bare "previous meeting" takes the parties of the same kind of act named in its sentence
    for m, ptype in typed:
        if not m.actors and not m.recipients and m.anaphoric == "series":
            for other, otype in typed:
                if other is not m and otype == ptype and other.sentence == m.sentence and \
                        other.status == m.status and (other.actors or other.recipients):
                    m.actors, m.recipients = list(other.actors), list(other.recipients)
                    m.notes.append("inherited")
                    break
    clusters: list[_Cluster] = []
    # mentions naming parties first: a bare "attack" before its "killed 25" joins it rather than being dropped
    for m, ptype in sorted(typed, key=lambda x: (not (x[0].actors or x[0].recipients), x[0].token.i)):
        bare = not m.actors and not m.recipients
        target: _Cluster | None = None
        if bare:
            target = _bare_target(m, ptype, clusters)
        else:
            for cluster in reversed(clusters):
                if _fits(m, ptype, cluster):
                    target = cluster
                    break
        if target is not None:
            target.mentions.append(m)
        elif bare and not _standalone(m, coder):
            continue
        else:
            clusters.append(_Cluster([m], ptype))
    events = []
    for cluster in clusters:
        event = _event(cluster, lex, coder, places)
        if event is not None:
            events.append(event)
    events.sort(key=lambda e: e.evidence[0])
    for number, event in enumerate(events, 1):
        event.id = f"V{number}"
    return events


def _standalone(m: Mention, coder: SentenceCoder) -> bool:
    """An event with no named party is kept when a verb states it or a place anchors it
    ("Insurgents bombarded ...", "a car bomb in Kiev killed ...")."""
    if m.location is not None and m.status in ("actual", "historical"):
        return True
    if m.trigger.pos != "VERB":
        # "died after torture", "joined a hunger strike": a violent or protest act stands alone
        info = coder.lex.code(m.cameo)
        return (m.status == "actual" and not m.anaphoric and info is not None
                and info.plover_type in ("ASSAULT", "COERCE", "PROTEST"))
    info = coder.lex.code(m.cameo)
    if info is None or not (info.plover_type in ("ASSAULT", "PROTEST") or m.cameo[:3] in ("173", "174", "175")):
        return False  # "gunmen killed five", "police arrested dozens": kept without named parties
    subjects = [c for c in m.token.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(s.pos_ in ("NOUN", "PROPN") for s in subjects) or "instrument-subject" in m.notes


def _date_status(m: Mention, pub: dt.date | None) -> None:
    if pub is None or m.date is None or m.status not in ("actual", "future"):
        return
    bounds = date_range(m.date.value)
    if bounds is None:
        return
    if bounds[1] < pub - dt.timedelta(days=HISTORICAL_AFTER_DAYS):
        m.status = "historical"
    elif bounds[0] > pub and m.status == "actual":
        m.status = "future"


def _best(cluster: _Cluster) -> Mention:
    def score(m: Mention) -> tuple[int, int, int, float, int]:
        return (bool(m.actors), bool(m.recipients), m.trigger.pos == "VERB" or m.framed is not None,
                m.confidence, -m.token.i)

    return max(cluster.mentions, key=score)


def _event(cluster: _Cluster, lex: Lexicon, coder: SentenceCoder, places: list[Place]) -> Event | None:
    best = _best(cluster)
    info = lex.code(best.cameo)
    if info is None or info.plover_type is None:
        return None
    actors = [p for p in best.actors]
    recipients = [p for p in best.recipients]
    for m in cluster.mentions:
        known = {p.entity.id for p in actors + recipients}
        actors += [p for p in m.actors if p.entity.id not in known]
        known = {p.entity.id for p in actors + recipients}
        recipients += [p for p in m.recipients if p.entity.id not in known]
    reporter = next((m.reporter for m in cluster.mentions if m.reporter is not None), None)
    notes = {n for m in cluster.mentions for n in m.notes}
    if info.plover_type in ("ASSAULT", "COERCE") and not recipients and reporter is not None \
            and reporter.country and reporter.kind.upper() in ("GPE", "ORG") \
            and all(p.entity.country != reporter.country for p in actors) and actors:
        # "Ukraine reported a wave of Russian attacks": the reporting state is the one attacked
        recipients = [dataclasses.replace(actors[0], entity=reporter, via="reporter")]
        notes.add("recipient-from-reporter")
    date = cluster.date
    location = next((m.location for m in cluster.mentions if m.location is not None), None)
    evidence = best.evidence()
    spans = sorted({m.evidence() for m in cluster.mentions})
    mode = _mode(cluster, best, info.plover_type, info.plover_mode, lex, location, actors + recipients, places)
    confidence = _confidence(best, bool(actors), bool(recipients), info.plover_type, notes, len(cluster.mentions))
    rule = best.rule + (f"+{len(cluster.mentions) - 1}more" if len(cluster.mentions) > 1 else "")
    if "recipient-from-reporter" in notes:
        rule += "+recipient:reporter"
    if date is not None and not any(m.date is date and "date-inherited" not in m.notes for m in cluster.mentions):
        rule += "+date:inherited"  # the time of the saying, the occasion or the fronted clause
    status = best.status
    if status == "actual" and any(m.status == "historical" for m in cluster.mentions):
        status = "historical"  # "the 2004 bombing ... that killed nine soldiers": dated background
    event = Event(
        id="", type=info.plover_type, mode=mode, cameo=best.cameo, quad=info.quad, goldstein=info.goldstein,
        status=status, actor=[p.entity.id for p in actors], recipient=[p.entity.id for p in recipients],
        date=EventDate(value=date.value, text=date.text, span=tuple(date.span)) if date else None,  # type: ignore[arg-type]
        location=EventLocation(name=location[0], place=location[1]) if location else None,
        reported_by=reporter.id if reporter else None, trigger=best.trigger_text(), evidence=evidence,
        sentence=(best.sentence.start_char, best.sentence.end_char), rule=rule, confidence=confidence,
        evidence_spans=spans,
    )
    codes = {"actor_codes": [_code(p, info.plover_type) for p in actors],
             "recipient_codes": [_code(p, info.plover_type) for p in recipients]}
    for name, value in codes.items():
        if name in _EVENT_FIELDS:
            setattr(event, name, value)
    return event


def _code(participant: Any, ptype: str) -> str | None:
    """A CAMEO-style code for a party as it acts here: "Russian attacks" -> RUSMIL."""
    entity = participant.entity
    if participant.via in ("mod", "poss", "bound") and entity.kind.upper() in ("GPE", "NORP") and entity.country \
            and ptype in MILITARY_TYPES:
        return f"{entity.country}MIL"
    return entity.code or entity.country


def _mode(cluster: _Cluster, best: Mention, ptype: str, table_mode: str | None, lex: Lexicon,
          location: tuple[str, str | None] | None, parties: list[Any], places: list[Place]) -> str | None:
    if best.mode:
        return best.mode
    words: list[Token] = []
    for m in cluster.mentions:
        words += list(m.token.subtree) + list(m.anchor.subtree) if m.anchor.pos_ == "VERB" else list(m.token.subtree)
        words += [c for c in m.token.children]
    rules = lex.modes.get(ptype, [])
    for phrases, mode in rules:
        if any(phrases.match(w) for w in words):
            if mode != "visit" or table_mode is None:
                return mode
    if ptype == "CONSULT" and location is not None:
        countries = {p.entity.country for p in parties if p.entity.country}
        place_country = _place_country(location, places, parties)
        if len(countries) >= 3:
            return "multilateral"
        if place_country and countries and place_country not in countries:
            return "third-party"
        if place_country and len(countries) == 2 and place_country in countries:
            return table_mode or "visit"
    if ptype == "CONSULT" and len({p.entity.country for p in parties if p.entity.country}) >= 3:
        return "multilateral"
    return table_mode


def _place_country(location: tuple[str, str | None], places: list[Place], parties: list[Any]) -> str | None:
    name, place_id = location
    for place in places:
        if place.id == place_id or place.name == name:
            if place.country:
                return _alpha3(place.country)
    for p in parties:
        if p.entity.name == name:
            return p.entity.country
    return None


def _alpha3(country: str) -> str:
    if len(country) == 3:
        return country
    try:
        import pycountry

        found = pycountry.countries.get(alpha_2=country)
        return found.alpha_3 if found else country
    except Exception:
        return country


def _confidence(best: Mention, has_actor: bool, has_recipient: bool, ptype: str, notes: set[str], n: int) -> float:
    score = best.confidence
    score += 0.05 if has_actor and has_recipient else 0.0
    if not has_actor:
        score -= 0.2
    if not has_recipient and ptype not in SYMMETRIC_TYPES:
        score -= 0.1
    if notes & {"climbed", "inherited", "recipient-from-reporter"}:
        score -= 0.05
    if n > 1:
        score += 0.05
    return round(max(0.05, min(0.99, score)), 2)
