"""The event lexicon: verb and noun triggers, CAMEO codes, PLOVER mapping, cue words.

Everything here is read from ``eventwire/data/events/`` (TSV and YAML that users can extend);
this module only parses those files into lookup structures the coder uses.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from spacy.tokens import Token

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "events"

FRAMES = {"INTENT", "AGREE", "APPEAL", "DEMAND", "REJECT", "THREATEN", "ACCUSE", "CONSUME", "FLOAT", "CONSIDER", "DESIRE", "CLAIM"}
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
#: frame -> base CAMEO code when the framed act gives no more specific one
FRAME_BASE = {"INTENT": "030", "AGREE": "030", "APPEAL": "020", "DEMAND": "100", "REJECT": "120",
              "THREATEN": "130", "ACCUSE": "112"}
DERIVED_COLUMNS = ("intent", "appeal", "demand", "reject", "threaten")


class PhraseSet:
    """Lemmas and multiword phrases a token can be matched against (as the head of the phrase)."""

    def __init__(self, phrases: set[str]) -> None:
        self.singles = frozenset(p for p in phrases if " " not in p)
        self.multis = tuple(tuple(p.split()) for p in phrases if " " in p)

    def __bool__(self) -> bool:
        return bool(self.singles or self.multis)

    def match(self, token: Token) -> bool:
        """True when ``token`` heads one of the phrases ("law" in "martial law", "state" in
        "state of emergency") or is one of the single lemmas."""
        if token.lemma_.lower() in self.singles or token.lower_ in self.singles:
            return True
        for words in self.multis:
            if _phrase_at(token, words):
                return True
        return False


def _phrase_at(token: Token, words: tuple[str, ...]) -> bool:
    doc = token.doc
    if "of" in words:
        cut = words.index("of")
        head_words, tail_words = words[:cut], words[cut + 1:]
        if not head_words or not tail_words or not _phrase_at(token, head_words):
            return False
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and _phrase_at(pobj, tail_words):
                        return True
        return False
    if len(words) == 1:
        return token.lemma_.lower() == words[0] or token.lower_ == words[0]
    start = token.i - len(words) + 1
    if start < 0:
        return False
    for offset, word in enumerate(words):
        t = doc[start + offset]
        if t.lemma_.lower() != word and t.lower_ != word:
            return False
    return True


@dataclass(frozen=True)
class CodeInfo:
    """One CAMEO code with what follows from it."""

    code: str
    goldstein: float
    description: str
    plover_type: str | None
    plover_mode: str | None
    quad: int


@dataclass
class Trigger:
    """One lexicon line: a verb or noun that signals an event, with its constraints."""

    pos: str  # VERB | NOUN
    lemma: str
    cameo: str | None  # None: a blocking, non-event reading
    particle: str | None = None
    prep: str | None = None
    objects: PhraseSet | None = None
    modifiers: PhraseSet | None = None
    mode: str | None = None
    frame: str | None = None
    subj: PhraseSet | None = None
    notsubj: PhraseSet | None = None
    notobj: PhraseSet | None = None
    notmod: PhraseSet | None = None
    objkind: str | None = None
    via: frozenset[str] | None = None  # nouns: only when carried by one of these verbs
    intrans: bool = False
    needobj: bool = False
    needxcomp: bool = False
    needccomp: bool = False
    xcomp: PhraseSet | None = None  # the infinitive that must follow ("declined to comment")
    noxcomp: bool = False  # no infinitive may follow ("agree with X" is an opinion, "agree with X to ..." is not)
    oprd: PhraseSet | None = None  # the object's predicate must be one of these ("called Putin a liar")
    nooprd: bool = False  # no object predicate may follow ("called Putin" is a phone call, "called Putin crazy" is not)
    present: bool = False  # only in the present tense ("we agree with X" states a view, "agreed with X" may be a deal)
    near: PhraseSet | None = None  # a word that must occur in the trigger's phrase ("deployed ... peacekeeping")
    joint: str | None = None  # the code when two or more countries take part ("joint" exercises)
    objentity: bool = False
    subjkind: str | None = None
    inverse: bool = False
    plural: bool = False
    light: bool = False
    conf: float = 0.8
    source: str = ""
    specificity: int = 0
    words: tuple[str, ...] = field(default_factory=tuple)  # multiword noun lemma

    @property
    def rule(self) -> str:
        return self.source


@dataclass
class Lexicon:
    """All event-coding knowledge, loaded once per process."""

    verbs: dict[str, list[Trigger]]
    nouns: dict[str, list[Trigger]]
    codes: dict[str, CodeInfo]
    roots: dict[str, tuple[int, str]]
    derived: dict[str, dict[str, str]]
    modes: dict[str, list[tuple[PhraseSet, str]]]
    cues: dict[str, frozenset[str]]

    def code(self, cameo: str) -> CodeInfo | None:
        """The code's record, or its nearest listed parent's (re-labelled with the code)."""
        probe = cameo
        while probe:
            info = self.codes.get(probe)
            if info is not None:
                return info if probe == cameo else CodeInfo(cameo, info.goldstein, info.description,
                                                            info.plover_type, info.plover_mode, info.quad)
            probe = probe[:-1] if len(probe) > 3 else ""
        root = cameo[:2]
        if root in self.roots:
            return CodeInfo(cameo, 0.0, self.roots[root][1], None, None, self.roots[root][0])
        return None

    def derive(self, frame: str, framed: str) -> str:
        """The code of ``frame`` (INTENT, APPEAL, ...) applied to an act coded ``framed``."""
        column = {"AGREE": "intent"}.get(frame, frame.lower())
        probe = framed
        while probe:
            row = self.derived.get(probe)
            if row is not None and row.get(column):
                return row[column]
            probe = probe[:-1]
        return FRAME_BASE.get(frame, "010")

    def cue(self, name: str) -> frozenset[str]:
        return self.cues.get(name, frozenset())


def _read_tsv(path: Path) -> list[tuple[int, list[str]]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append((number, [cell.strip() for cell in line.split("\t")]))
    return rows


def _cell(value: str) -> str | None:
    return None if value in ("", "-") else value


def _phrases(value: str | None, classes: dict[str, set[str]]) -> PhraseSet | None:
    if value is None:
        return None
    phrases: set[str] = set()
    for part in value.split("|"):
        part = part.strip().lower()
        if not part:
            continue
        if part.startswith("@"):
            phrases |= classes.get(part[1:], set())
            if part[1:] not in classes:
                log.warning("events lexicon: unknown word class %s", part)
        else:
            phrases.add(part)
    return PhraseSet(phrases)


def _options(value: str | None) -> dict[str, str]:
    options: dict[str, str] = {}
    for part in (value or "").split(","):
        part = part.strip()
        if not part or part == "-":
            continue
        key, _, val = part.partition("=")
        options[key.strip()] = val.strip() or "1"
    return options


def _triggers(path: Path, pos: str, classes: dict[str, set[str]]) -> dict[str, list[Trigger]]:
    table: dict[str, list[Trigger]] = {}
    for number, cells in _read_tsv(path):
        cells += ["-"] * (7 - len(cells))
        if pos == "VERB":
            lemmas, particle, objects, prep, cameo, mode, opts = cells[:7]
            modifiers = "-"
        else:
            lemmas, modifiers, prep, cameo, mode, opts = cells[:6]
            particle, objects = "-", "-"
        options = _options(opts)
        frame = options.get("frame")
        if frame is not None and frame not in FRAMES:
            log.warning("events lexicon %s:%d: unknown frame %s", path.name, number, frame)
            frame = None
        for lemma in lemmas.lower().split("|"):
            lemma = lemma.strip()
            if not lemma:
                continue
            words = tuple(lemma.split())
            trigger = Trigger(
                pos=pos, lemma=lemma, cameo=_cell(cameo), particle=_cell(particle), prep=_cell(prep),
                objects=_phrases(_cell(objects), classes), modifiers=_phrases(_cell(modifiers), classes),
                mode=_cell(mode), frame=frame,
                subj=_phrases(options.get("subj"), classes), notsubj=_phrases(options.get("notsubj"), classes),
                notobj=_phrases(options.get("notobj"), classes), notmod=_phrases(options.get("notmod"), classes),
                objkind=options.get("objkind"),
                via=frozenset(options["via"].split("|")) if "via" in options else None, intrans="intrans" in options, needobj="needobj" in options,
                needxcomp="needxcomp" in options, needccomp="needccomp" in options, objentity="objentity" in options,
                xcomp=_phrases(options.get("xcomp"), classes), noxcomp="noxcomp" in options, present="present" in options,
                oprd=_phrases(options.get("oprd"), classes), nooprd="nooprd" in options,
                near=_phrases(options.get("near"), classes), joint=options.get("joint"),
                subjkind=options.get("subjkind"),
                inverse="inverse" in options, plural="plural" in options, light="light" in options,
                conf=float(options.get("conf", 0.8)), source=f"{path.stem}:{number}", words=words,
            )
            if pos == "VERB" and len(words) > 1 and trigger.particle is None:
                # "hand back", "shut down": the second word is the particle
                trigger.particle = words[1]
                trigger.words = words[:1]
            trigger.specificity = sum(
                x is not None for x in (trigger.particle, trigger.prep, trigger.objects, trigger.modifiers,
                                        trigger.subj, trigger.objkind, trigger.via, trigger.xcomp, trigger.near)
            ) + (len(trigger.words) - 1) + (1 if trigger.cameo is None else 0)
            if pos == "NOUN":  # the head word: "strike" in "air strike", "state" in "state of emergency"
                key = trigger.words[trigger.words.index("of") - 1] if "of" in trigger.words[1:] else trigger.words[-1]
            else:
                key = trigger.words[0]
            table.setdefault(key, []).append(trigger)
    for entries in table.values():
        entries.sort(key=lambda t: -t.specificity)  # stable: file order breaks ties
    return table


@functools.lru_cache(maxsize=4)
def load_lexicon(data_dir: Path = DATA_DIR) -> Lexicon:
    """Read the lexicon files once per process."""
    classes_raw = yaml.safe_load((data_dir / "classes.yaml").read_text(encoding="utf-8")) or {}
    classes = {name: {str(w).lower() for w in words} for name, words in classes_raw.items()}
    roots = {row[0]: (int(row[1]), row[2]) for _, row in _read_tsv(data_dir / "roots.tsv")}
    plover = {row[0]: (_cell(row[1]), _cell(row[2]) if len(row) > 2 else None)
              for _, row in _read_tsv(data_dir / "plover.tsv")}
    codes: dict[str, CodeInfo] = {}
    for _, row in _read_tsv(data_dir / "cameo.tsv"):
        code = row[0]
        ptype, pmode = None, None
        for cut in range(len(code), 1, -1):
            if code[:cut] in plover:
                ptype, pmode = plover[code[:cut]]
                break
        quad = roots.get(code[:2], (0, ""))[0]
        codes[code] = CodeInfo(code, float(row[1]), row[2] if len(row) > 2 else "", ptype, pmode, quad)
    derived: dict[str, dict[str, str]] = {}
    for _, row in _read_tsv(data_dir / "derived.tsv"):
        derived[row[0]] = {col: val for col, val in zip(DERIVED_COLUMNS, row[1:]) if val not in ("", "-")}
    modes: dict[str, list[tuple[PhraseSet, str]]] = {}
    for _, row in _read_tsv(data_dir / "modes.tsv"):
        modes.setdefault(row[0], []).append((PhraseSet({row[1].lower()}), row[2]))
    cues_raw = yaml.safe_load((data_dir / "cues.yaml").read_text(encoding="utf-8")) or {}
    cues = {name: frozenset(str(w).lower() for w in words) for name, words in cues_raw.items()}
    return Lexicon(
        verbs=_triggers(data_dir / "verbs.tsv", "VERB", classes),
        nouns=_triggers(data_dir / "nouns.tsv", "NOUN", classes),
        codes=codes, roots=roots, derived=derived, modes=modes, cues=cues,
    )
