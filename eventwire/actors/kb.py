"""The actor knowledge base: countries, people, organisations and role words, read from YAML data.

The packaged files live in ``eventwire/data/actors/`` and ``eventwire/data/roles.yaml``; users add
or override entries with files of the same shape (``--actors FILE``, ``EVENTWIRE_ACTORS``). An entry
whose ``name`` matches a packaged one replaces it.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import EventwireError

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
ACTOR_KINDS = {"PERSON", "ORG", "MEDIA", "IGO", "NGO", "ARMED_GROUP", "COMPANY", "GPE", "LOC", "FAC"}


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    aliases: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    seats: tuple[str, ...] = ()


@dataclass(frozen=True)
class Actor:
    """One known actor: a person, organisation, outlet, IGO or armed group."""

    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    title: str | None = None
    gender: str | None = None
    code: str | None = None
    aliases: tuple[str, ...] = ()
    description: str | None = None

    @property
    def full_code(self) -> str | None:
        return self.code or combine_code(self.country, self.sector)


@dataclass(frozen=True)
class Role:
    phrase: str
    title: str
    sector: str
    gender: str | None = None


@dataclass
class KnowledgeBase:
    countries: dict[str, Country] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    roles: list[Role] = field(default_factory=list)  # longest phrase first
    groups: dict[str, str] = field(default_factory=dict)  # plural noun -> sector
    org_words: list[tuple[str, str]] = field(default_factory=list)  # (phrase, sector), longest first
    modifiers: tuple[str, ...] = ()
    affiliation_preps: frozenset[str] = frozenset({"of", "from"})  # "soldiers from Ukraine"
    # lookups built by index()
    country_by_name: dict[str, str] = field(default_factory=dict)  # name/alias -> code
    country_by_adjective: dict[str, str] = field(default_factory=dict)  # adjective/demonym -> code
    country_by_capital: dict[str, str] = field(default_factory=dict)
    country_by_seat: dict[str, str] = field(default_factory=dict)
    actor_by_name: dict[str, str] = field(default_factory=dict)  # name/alias -> actor id
    person_by_surname: dict[str, list[str]] = field(default_factory=dict)

    def index(self) -> None:
        """Build the lookup tables from the entries."""
        self.country_by_name.clear()
        self.country_by_adjective.clear()
        self.country_by_capital.clear()
        self.country_by_seat.clear()
        self.actor_by_name.clear()
        self.person_by_surname.clear()
        for c in self.countries.values():
            for name in (c.name, *c.aliases):
                self.country_by_name.setdefault(name, c.code)
            for adj in (*c.adjectives, *c.demonyms):
                self.country_by_adjective.setdefault(adj, c.code)
            for cap in c.capitals:
                self.country_by_capital.setdefault(cap, c.code)
            for seat in c.seats:
                self.country_by_seat.setdefault(seat, c.code)
        for actor in self.actors.values():
            for name in (actor.name, *actor.aliases):
                self.actor_by_name[name] = actor.id
            if actor.kind == "PERSON":
                for name in (actor.name, *actor.aliases):
                    surname = surname_of(name)
                    if not surname:
                        continue
                    short = re.sub(r"^(?:al|el|Al|El)[- ]", "", surname)  # "al-Sudani" is also "Sudani"
                    for key in {surname, short}:
                        if actor.id not in self.person_by_surname.get(key, []):
                            self.person_by_surname.setdefault(key, []).append(actor.id)

    def country_code(self, text: str) -> str | None:
        """The country a name, alias, adjective or demonym stands for."""
        text = text.strip()
        if text.endswith(("'s", "’s")):
            text = text[:-2]
        return self.country_by_name.get(text) or self.country_by_adjective.get(text)

    def country_name(self, code: str | None) -> str | None:
        country = self.countries.get(code or "")
        return country.name if country else None

    def country_adjective(self, code: str | None) -> str | None:
        country = self.countries.get(code or "")
        if country and country.adjectives:
            return country.adjectives[0]
        return None


PARTICLES = {"al", "el", "bin", "ibn", "van", "von", "de", "der", "da", "di", "la", "le", "du", "abu"}
SUFFIXES = {"jr", "jr.", "sr", "sr."}
ROMAN = re.compile(r"^[IVXLC]+$")  # regnal numbers: Leo XIV, Mohammed VI


def surname_of(name: str) -> str | None:
    """The family name a news story uses alone: the last word, with particles ("al-Sudani")."""
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    if words and ROMAN.match(words[-1]):
        return None  # "Leo XIV", "Mohammed VI": a regnal name has no surname to stand alone
    while words and words[-1].lower().strip(",") in SUFFIXES:
        words.pop()
    if len(words) < 2:
        return None
    last = words[-1]
    if len(words) >= 3 and words[-2].lower() in PARTICLES:
        return f"{words[-2]} {last}"
    return last


def combine_code(country: str | None, sector: str | None) -> str | None:
    """CAMEO-style combined code: RUS + GOV -> RUSGOV; IGO codes keep their own."""
    if not country:
        return sector
    if sector and sector != country:
        return f"{country}{sector}"
    return country


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value if v)


def _read_yaml(path: Path | Any) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise EventwireError("E011", f"cannot read actor file {path}: {e}") from e


def _actor_id(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def load_entries(kb: KnowledgeBase, entries: Any, origin: str) -> None:
    """Add actor (or country) entries from one parsed YAML file to the knowledge base."""
    if entries is None:
        return
    if not isinstance(entries, list):
        raise EventwireError("E011", f"{origin}: expected a list of entries, got {type(entries).__name__}")
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not entry.get("name"):
            raise EventwireError("E011", f"{origin}: entry {n} has no 'name'")
        if "adjectives" in entry or "capitals" in entry or (
            "code" in entry and "kind" not in entry and len(str(entry["code"])) == 3
        ):
            country = Country(
                code=str(entry["code"]),
                name=str(entry["name"]),
                aliases=_as_tuple(entry.get("aliases")),
                adjectives=_as_tuple(entry.get("adjectives")),
                demonyms=_as_tuple(entry.get("demonyms")),
                capitals=_as_tuple(entry.get("capitals")),
                seats=_as_tuple(entry.get("seats")),
            )
            kb.countries[country.code] = country
            continue
        kind = str(entry.get("kind", "ORG")).upper()
        actor = Actor(
            id=str(entry.get("id") or _actor_id(str(entry["name"]))),
            name=str(entry["name"]),
            kind=kind,
            country=entry.get("country"),
            sector=entry.get("sector"),
            title=entry.get("title"),
            gender=entry.get("gender"),
            code=entry.get("code"),
            aliases=_as_tuple(entry.get("aliases")),
            description=entry.get("description"),
        )
        kb.actors[actor.id] = actor


def load_roles(kb: KnowledgeBase, data: Any, origin: str) -> None:
    """Add role words, group nouns and organisation head words from a roles file."""
    if not isinstance(data, dict):
        raise EventwireError("E011", f"{origin}: expected a mapping with roles/groups/org_words")
    for entry in data.get("roles", []) or []:
        for phrase in _as_tuple(entry.get("words")):
            title = entry.get("title") or phrase.title()
            kb.roles.append(Role(phrase.lower(), title, entry.get("sector", "GOV"), entry.get("gender")))
    for entry in data.get("groups", []) or []:
        for phrase in _as_tuple(entry.get("words")):
            kb.groups[phrase.lower()] = entry.get("sector", "GOV")
    for entry in data.get("org_words", []) or []:
        for phrase in _as_tuple(entry.get("words")):
            kb.org_words.append((phrase.lower(), entry.get("sector", "GOV")))
    kb.modifiers = tuple({*kb.modifiers, *_as_tuple(data.get("modifiers"))})
    if data.get("affiliation_preps"):
        kb.affiliation_preps = frozenset(p.lower() for p in _as_tuple(data.get("affiliation_preps")))
    kb.roles.sort(key=lambda r: -len(r.phrase))
    kb.org_words.sort(key=lambda w: -len(w[0]))


def _user_files(extra: tuple[str, ...]) -> list[Path]:
    paths = [Path(p) for p in extra]
    env = os.environ.get("EVENTWIRE_ACTORS")
    if env:
        paths += [Path(p) for p in env.split(os.pathsep) if p]
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(path.glob("*.y*ml"))
        elif path.exists():
            files.append(path)
        else:
            raise EventwireError("E011", f"actor file {path} does not exist")
    return files


@functools.lru_cache(maxsize=8)
def load_kb(extra_files: tuple[str, ...] = ()) -> KnowledgeBase:
    """The packaged knowledge base plus the user's files (later files override earlier entries)."""
    kb = KnowledgeBase()
    data = DATA_DIR
    load_roles(kb, _read_yaml(data / "roles.yaml"), "roles.yaml")
    actor_dir = data / "actors"
    packaged = sorted(actor_dir.glob("*.y*ml")) if actor_dir.is_dir() else []
    # countries first, so that other files can refer to them
    packaged.sort(key=lambda p: p.name != "countries.yaml")
    for path in packaged:
        load_entries(kb, _read_yaml(path), path.name)
    for path in _user_files(extra_files):
        parsed = _read_yaml(path)
        if isinstance(parsed, dict) and ("roles" in parsed or "groups" in parsed or "affiliation_preps" in parsed):
            load_roles(kb, parsed, str(path))
        else:
            load_entries(kb, parsed, str(path))
    kb.index()
    return kb
