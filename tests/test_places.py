"""Places: offline geocoding of the place names an article mentions."""

from __future__ import annotations

from eventwire import extract
from eventwire.places import lookup_place


def test_cities_countries_and_alternate_spellings() -> None:
    assert lookup_place("Istanbul").country == "TUR"  # type: ignore[union-attr]
    kyiv, kiev = lookup_place("Kyiv"), lookup_place("Kiev")
    assert kyiv is not None and kyiv == kiev and kyiv.feature == "PPLC"
    usa = lookup_place("United States")
    assert usa is not None and usa.feature == "PCLI" and abs(usa.lat - 38.9) < 0.5  # the capital's point, not Washington, Utah
    assert lookup_place("Nowhereville-on-Sea") is None


def test_countries_named_in_the_article_break_ties() -> None:
    assert lookup_place("Hyderabad").country == "IND"  # type: ignore[union-attr]
    assert lookup_place("Hyderabad", {"PAK"}).country == "PAK"  # type: ignore[union-attr]


def test_places_in_extraction_carry_coordinates_and_mentions(reference) -> None:  # type: ignore[no-untyped-def]
    places = {p.name: p for p in reference.places}
    istanbul = places["Istanbul"]
    assert istanbul.country == "TUR" and istanbul.geonameid and 40 < istanbul.lat < 42
    text = reference.article.text
    assert all(text[s:e] == "Istanbul" for s, e in istanbul.mentions)
    assert "Kyiv" not in places  # "Kyiv stated" is the government, not a place


def test_place_entities_get_their_country() -> None:
    result = extract("Protesters gathered in Lahore on Friday.")
    lahore = next(e for e in result.entities if e.name == "Lahore")
    assert lahore.country == "PAK"
