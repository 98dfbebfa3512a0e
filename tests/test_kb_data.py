"""The packaged actor knowledge base (eventwire/data/actors/*.yaml) is well-formed and unambiguous.

These checks read the YAML files directly with PyYAML, so they hold whatever loader the resolver
uses: every entry has the fields the format promises, codes are real, no surface string points at
two different actors, and the actors of the reference article are present with the right facts.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import pycountry
import pytest
import yaml
from spacy.lang.en.stop_words import STOP_WORDS

ACTORS_DIR = Path(__file__).resolve().parents[1] / "eventwire" / "data" / "actors"

# PLOVER/CAMEO sector codes an entry may carry.
SECTORS = {
    "GOV",
    "MIL",
    "REB",
    "OPP",
    "PTY",
    "COP",
    "JUD",
    "LEG",
    "SPY",
    "JRN",
    "BUS",
    "CVL",
    "REL",
    "IGO",
    "NGO",
    "EDU",
    "HLH",
    "MED",
    "LAB",
    "AGR",
    "ELI",
    "ENV",
    "REF",
    "CRM",
    "UAF",
    "HRI",
    "SEP",
    "INS",
}
KINDS = {"PERSON", "ORG", "MEDIA", "IGO", "NGO", "ARMED_GROUP", "COMPANY"}
NON_STATE_COUNTRIES = {"IGO", "NGO", "MNC"}
EXTRA_COUNTRY_CODES = {
    "XKX"
}  # Kosovo: not in ISO 3166, used by the EU, IMF and World Bank
COUNTRY_KEYS = {
    "code",
    "name",
    "aliases",
    "adjectives",
    "demonyms",
    "capitals",
    "seats",
}
ACTOR_KEYS = {
    "name",
    "aliases",
    "kind",
    "country",
    "sector",
    "title",
    "gender",
    "code",
    "description",
}
# the kind each packaged file holds
FILE_KINDS = {
    "people.yaml": {"PERSON"},
    "organisations.yaml": {"ORG"},
    "companies.yaml": {"COMPANY"},
    "media.yaml": {"MEDIA"},
    "igos.yaml": {"IGO"},
    "armed_groups.yaml": {"ARMED_GROUP"},
    "ngos.yaml": {"NGO"},
}


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def files() -> dict[str, list[dict[str, Any]]]:
    found = {p.name: _load(p) for p in sorted(ACTORS_DIR.glob("*.yaml"))}
    assert "countries.yaml" in found and "people.yaml" in found
    return found


@pytest.fixture(scope="module")
def countries(files: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    return files["countries.yaml"]


@pytest.fixture(scope="module")
def actors(files: dict[str, list[dict[str, Any]]]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (name, e)
        for name, entries in files.items()
        if name != "countries.yaml"
        for e in entries
    ]


def _valid_country(code: Any) -> bool:
    if not isinstance(code, str):
        return False
    if code in NON_STATE_COUNTRIES or code in EXTRA_COUNTRY_CODES:
        return True
    return len(code) == 3 and pycountry.countries.get(alpha_3=code) is not None


def _slug(name: str) -> str:
    """The actor id the knowledge base derives from a name."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _key(text: str) -> str:
    """Comparison key for clashes: case, accents and spacing do not make two strings different."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.replace("’", "'").casefold().split())


def _surfaces(entry: dict[str, Any]) -> list[str]:
    fields = ("name", "aliases", "adjectives", "demonyms", "capitals", "seats")
    out: list[str] = []
    for f in fields:
        value = entry.get(f)
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, list):
            out.extend(value)
    return out


def test_every_file_is_a_list_of_mappings(
    files: dict[str, list[dict[str, Any]]],
) -> None:
    for name, entries in files.items():
        assert isinstance(entries, list) and entries, f"{name} must be a non-empty list"
        for n, entry in enumerate(entries, 1):
            assert isinstance(entry, dict) and entry.get("name"), (
                f"{name} entry {n} has no name"
            )


def test_packaged_files_hold_their_kind(files: dict[str, list[dict[str, Any]]]) -> None:
    for name, entries in files.items():
        if name in FILE_KINDS:
            kinds = {e.get("kind") for e in entries}
            assert kinds <= FILE_KINDS[name], (
                f"{name} holds kinds {kinds - FILE_KINDS[name]}"
            )


def test_countries_cover_the_un_and_observers(countries: list[dict[str, Any]]) -> None:
    codes = [c["code"] for c in countries]
    assert len(codes) == len(set(codes)), "duplicate country codes"
    assert len(codes) == 197  # 193 UN members + Holy See, Palestine, Kosovo, Taiwan
    for code in (
        "VAT",
        "PSE",
        "XKX",
        "TWN",
        "USA",
        "RUS",
        "UKR",
        "TUR",
        "SSD",
        "TLS",
        "MKD",
    ):
        assert code in codes
    for c in countries:
        assert set(c) == COUNTRY_KEYS, f"{c['name']}: fields {set(c) ^ COUNTRY_KEYS}"
        assert _valid_country(c["code"]) and c["code"] not in NON_STATE_COUNTRIES, c[
            "code"
        ]
        for field in COUNTRY_KEYS - {"code", "name"}:
            assert isinstance(c[field], list), f"{c['name']}.{field} must be a list"
            assert all(isinstance(v, str) and v.strip() for v in c[field]), (
                f"{c['name']}.{field}"
            )


def test_actor_entries_have_valid_fields(
    actors: list[tuple[str, dict[str, Any]]],
) -> None:
    for origin, e in actors:
        where = f"{origin}: {e.get('name')}"
        assert set(e) <= ACTOR_KEYS, (
            f"{where}: unknown fields {set(e) - ACTOR_KEYS} (a comma in a flow value?)"
        )
        assert e.get("kind") in KINDS, f"{where}: kind {e.get('kind')!r}"
        assert _valid_country(e.get("country")), (
            f"{where}: country {e.get('country')!r}"
        )
        assert e.get("sector") in SECTORS, f"{where}: sector {e.get('sector')!r}"
        aliases = e.get("aliases", [])
        assert isinstance(aliases, list), f"{where}: aliases must be a list"
        assert all(isinstance(a, str) and a.strip() == a and a for a in aliases), (
            f"{where}: alias {aliases}"
        )
        assert e["name"] not in aliases, f"{where}: name repeated among aliases"
        if e.get("code") is not None:
            assert re.fullmatch(r"[A-Z]{3,9}", str(e["code"])), (
                f"{where}: code {e['code']!r}"
            )
        if e["kind"] == "PERSON":
            assert isinstance(e.get("title"), str) and e["title"].strip(), (
                f"{where}: title"
            )
            assert e.get("gender") in {"m", "f"}, f"{where}: gender {e.get('gender')!r}"


def test_actor_ids_are_unique(actors: list[tuple[str, dict[str, Any]]]) -> None:
    """The KB keys actors by a slug of the name: two entries with one slug would silently merge."""
    seen: dict[str, str] = {}
    for origin, e in actors:
        slug = _slug(e["name"])
        assert slug not in seen, (
            f"{origin}: {e['name']!r} has the same id as {seen[slug]}"
        )
        seen[slug] = f"{origin}: {e['name']!r}"


def test_no_surface_string_names_two_actors(
    countries: list[dict[str, Any]], actors: list[tuple[str, dict[str, Any]]]
) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for c in countries:
        for s in _surfaces(c):
            owners[_key(s)].add(f"country {c['code']}")
    for origin, e in actors:
        for s in _surfaces(e):
            owners[_key(s)].add(f"{origin}: {e['name']}")
    clashes = {s: sorted(o) for s, o in owners.items() if len(o) > 1}
    assert not clashes, f"strings naming more than one actor: {clashes}"


def test_no_common_word_aliases(
    countries: list[dict[str, Any]], actors: list[tuple[str, dict[str, Any]]]
) -> None:
    """Aliases are proper names: never all lower case, never a stop word ("Will", "Us")."""
    entries = [("countries.yaml", c) for c in countries] + list(actors)
    for origin, e in entries:
        for s in _surfaces(e):
            assert any(ch.isupper() for ch in s), (
                f"{origin}: {e['name']}: {s!r} has no capital letter"
            )
            if " " not in s and not s.isupper():
                assert s.lower() not in STOP_WORDS, (
                    f"{origin}: {e['name']}: {s!r} is a common word"
                )


def test_people_aliases_are_not_bare_surnames(
    files: dict[str, list[dict[str, Any]]],
) -> None:
    """The resolver derives surnames itself; a one-word alias equal to the surname would be noise."""
    for e in files["people.yaml"]:
        forms = [e["name"], *e["aliases"]]
        last_words = {f.split()[-1] for f in forms if len(f.split()) > 1}
        for alias in e["aliases"]:
            assert not (len(alias.split()) == 1 and alias in last_words), (
                f"{e['name']}: bare surname {alias!r}"
            )


def _index(
    countries: list[dict[str, Any]], actors: list[tuple[str, dict[str, Any]]]
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for c in countries:
        for s in _surfaces(c):
            out[s] = c
    for _, e in actors:
        for s in _surfaces(e):
            out[s] = e
    return out


def test_reference_article_actors(
    countries: list[dict[str, Any]], actors: list[tuple[str, dict[str, Any]]]
) -> None:
    """Everyone the reference article names resolves with the right country, sector and role."""
    index = _index(countries, actors)
    people = {
        "Sergei Lavrov": ("RUS", "GOV", "Foreign Minister"),
        "Hakan Fidan": ("TUR", "GOV", "Foreign Minister"),
        "Vladimir Putin": ("RUS", "GOV", "President"),
        "Donald Trump": ("USA", "GOV", "President"),
        "Maria Zakharova": ("RUS", "GOV", "Spokeswoman of the Foreign Ministry"),
        "Pope Leo XIV": ("VAT", "REL", "Pope"),
    }
    for name, (country, sector, title) in people.items():
        e = index[name]
        assert (e["kind"], e["country"], e["sector"], e["title"]) == (
            "PERSON",
            country,
            sector,
            title,
        ), name
    assert index["Maria Zakharova"]["gender"] == "f"
    assert index["Sergey Lavrov"]["name"] == "Sergei Lavrov"
    for name in (
        "Russian Foreign Ministry",
        "Russia's Foreign Ministry",
        "Russian Defense Ministry",
    ):
        assert (index[name]["country"], index[name]["sector"]) == ("RUS", "GOV"), name
    rosatom = index["Rosatom"]
    assert (rosatom["kind"], rosatom["country"]) == ("COMPANY", "RUS")
    assert "state nuclear agency" in rosatom.get("description", "")
    for outlet in ("Bloomberg", "Interfax"):
        assert index[outlet]["kind"] == "MEDIA" and index[outlet]["sector"] == "JRN", (
            outlet
        )
    places = {
        "Kremlin": "RUS",
        "Moscow": "RUS",
        "Kyiv": "UKR",
        "Kiev": "UKR",
        "Istanbul": None,
        "Turkish": "TUR",
        "Russian": "RUS",
        "US": "USA",
        "Vatican": "VAT",
        "Türkiye": "TUR",
    }
    for surface, code in places.items():
        if code is None:
            assert surface not in index, (
                f"{surface} is a city, not a seat of government"
            )
        else:
            assert index[surface].get("code") == code, surface
    assert (
        "Kremlin" in index["Russia"]["seats"]
        and "Moscow" in index["Russia"]["capitals"]
    )


FOREIGN = re.compile(
    r"^(Foreign Minister|Secretary of State|Foreign Secretary|External Affairs Minister|"
    r"Minister of International Relations|Prime Minister and Foreign Minister|"
    r"Foreign Minister and|Deputy Prime Minister and Foreign Minister)"
)
LEADER = re.compile(
    r"^(President|Prime Minister|Chancellor|King|Emir|Premier|Supreme Leader|Crown Prince|"
    r"Taoiseach|Pope)\b"
)


@pytest.mark.parametrize(
    "code",
    [
        # G20 members
        "ARG",
        "AUS",
        "BRA",
        "CAN",
        "CHN",
        "FRA",
        "DEU",
        "IND",
        "IDN",
        "ITA",
        "JPN",
        "MEX",
        "RUS",
        "SAU",
        "ZAF",
        "KOR",
        "TUR",
        "GBR",
        "USA",
        # UN Security Council elected members 2025
        "DZA",
        "DNK",
        "GRC",
        "GUY",
        "PAN",
        "PAK",
        "SLE",
        "SVN",
        "SOM",
        # conflict and mediation states
        "UKR",
        "ISR",
        "IRN",
        "SYR",
        "IRQ",
        "QAT",
        "EGY",
    ],
)
def test_core_states_have_leader_and_foreign_minister(
    code: str, files: dict[str, list[dict[str, Any]]]
) -> None:
    people = [e for e in files["people.yaml"] if e["country"] == code]
    assert any(LEADER.match(e["title"]) for e in people), (
        f"{code}: no head of state or government"
    )
    assert any(FOREIGN.match(e["title"]) for e in people), (
        f"{code}: no foreign minister"
    )
    orgs = [
        e
        for e in files["organisations.yaml"]
        if e["country"] == code and e["sector"] == "GOV"
    ]
    foreign = (
        "Foreign",
        "State Department",
        "External Affairs",
        "International Relations",
        "Global Affairs",
    )
    assert any(
        any(w in " ".join([e["name"], *e["aliases"]]) for w in foreign) for e in orgs
    ), f"{code}: no foreign ministry"


DEFENCE = re.compile(
    r"Defen[cs]e (Minister|Secretary|Affairs)|Secretary of Defense|Minister of the Armed Forces"
)


@pytest.mark.parametrize("code", [
    "ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "MEX", "RUS", "SAU",
    "ZAF", "KOR", "TUR", "GBR", "USA", "UKR", "ISR", "IRN", "SYR", "IRQ", "QAT", "EGY",
])  # fmt: skip
def test_core_states_have_defence_minister(
    code: str, files: dict[str, list[dict[str, Any]]]
) -> None:
    titles = [e["title"] for e in files["people.yaml"] if e["country"] == code]
    assert any(DEFENCE.search(t) and not t.startswith("former") for t in titles), (
        f"{code}: no defence minister"
    )


def test_eu_and_un_leadership(files: dict[str, list[dict[str, Any]]]) -> None:
    titles = {e["title"] for e in files["people.yaml"] if e["country"] == "IGO"}
    for title in (
        "UN Secretary-General",
        "NATO Secretary General",
        "President of the European Commission",
        "President of the European Council",
        "EU High Representative for Foreign Affairs and Security Policy",
    ):
        assert title in titles, title
    igo_codes = {e.get("code") for e in files["igos.yaml"]}
    for code in ("IGOUNO", "IGONAT", "IGOEUR"):
        assert code in igo_codes, code
