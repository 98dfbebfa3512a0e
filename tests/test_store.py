"""The store: round trips, idempotent re-saves, updates, integrity, search, filters, schema versions."""

from __future__ import annotations

import copy
import hashlib
import json
import re
import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine
from sqlalchemy import text as sql
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import IntegrityError
from sqlalchemy.schema import CreateIndex, CreateTable

from eventwire.errors import EventwireError
from eventwire.records import (
    Article,
    Entity,
    Event,
    EventDate,
    EventLocation,
    Extraction,
    Place,
    Quote,
    TimeRecord,
)
from eventwire.store import Store, content_hash, database_url, migrations, schema
from eventwire.store import store as store_module
from eventwire.store.dates import timex_bounds
from eventwire.store.search import fts5_query
from eventwire.store.views import VIEW_NAMES

REPO = Path(__file__).resolve().parents[1]
REFERENCE = REPO / "examples" / "reference-article.txt"


# -- a realistic extraction, built by hand over the reference article ------------------------------


def spans_of(text: str, phrase: str) -> list[tuple[int, int]]:
    """Every occurrence of ``phrase`` in ``text`` as a span."""
    found, start = [], text.find(phrase)
    while start >= 0:
        found.append((start, start + len(phrase)))
        start = text.find(phrase, start + 1)
    assert found, phrase
    return found


def span_of(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    return spans_of(text, phrase)[nth]


def word_in(text: str, phrase: str, word: str) -> tuple[int, int]:
    """The span of ``word`` inside the first occurrence of ``phrase``."""
    start = span_of(text, phrase)[0] + phrase.index(word)
    return start, start + len(word)


def sentence_of(text: str, phrase: str) -> tuple[int, int]:
    """The sentence around ``phrase``: from after the previous ". " or line break to the next one."""
    start, end = span_of(text, phrase)
    full_stop_before = text.rfind(". ", 0, start)
    left = max(text.rfind("\n", 0, start) + 1, full_stop_before + 2 if full_stop_before >= 0 else 0)
    full_stop, line_end = text.find(". ", end), text.find("\n", end)
    right = min(i for i in (full_stop + 1 if full_stop >= 0 else -1, line_end, len(text)) if i >= 0)
    return left, right


def reference_extraction(article_id: str = "reference-article", published: str = "2025-05-27") -> Extraction:
    text = REFERENCE.read_text(encoding="utf-8")
    article = Article(
        id=article_id, text=text, url="https://example.org/russia-turkey-talks", published=published,
        title="Russia backs Turkey hosting more Russia-Ukraine talks", source="example",
        removed=["Impact Shorts", "More Shorts"],
    )
    rus = Entity("E1", "Russia", "GPE", "RUS", "GOV", "RUSGOV", None, ["Moscow", "Russian Federation"],
                 spans_of(text, "Russia ")[:3] + [word_in(text, "Moscow declined", "Moscow")],
                 "kb:countries", "RUS")
    tur = Entity("E2", "Turkey", "GPE", "TUR", "GOV", "TURGOV", None, ["Türkiye"], spans_of(text, "Turkey"),
                 "kb:countries", "TUR")
    ukr = Entity("E3", "Ukraine", "GPE", "UKR", "GOV", "UKRGOV", None, ["Kyiv"],
                 spans_of(text, "Ukraine") + spans_of(text, "Kyiv"), "kb:countries", "UKR")
    lavrov = Entity("E4", "Sergei Lavrov", "PERSON", "RUS", "GOV", "RUSGOV", "Foreign Minister", ["Sergey Lavrov"],
                    [span_of(text, "Sergei Lavrov")] + spans_of(text, "Lavrov ")[1:], "kb:people", "Q183733")
    fidan = Entity("E5", "Hakan Fidan", "PERSON", "TUR", "GOV", "TURGOV", "Foreign Minister", [],
                   [span_of(text, "Hakan Fidan"), span_of(text, "Fidan additionally")], "role:counterpart", None)
    putin = Entity("E6", "Vladimir Putin", "PERSON", "RUS", "GOV", "RUSGOV", "President", [],
                   [span_of(text, "Vladimir Putin")] + spans_of(text, "Putin ")[1:], "kb:people", None)
    trump = Entity("E7", "Donald Trump", "PERSON", "USA", "GOV", "USAGOV", "President", [],
                   [span_of(text, "Donald Trump"), span_of(text, "Trump indicated")], "kb:people", None)
    bloomberg = Entity("E8", "Bloomberg", "MEDIA", None, "JRN", "JRN", None, [], spans_of(text, "Bloomberg"),
                       "kb:media", None)
    interfax = Entity("E9", "Interfax", "MEDIA", "RUS", "JRN", "RUSJRN", None, [], spans_of(text, "Interfax"),
                      "kb:media", None)
    zakharova = Entity("E10", "Maria Zakharova", "PERSON", "RUS", "GOV", "RUSGOV", "spokeswoman", [],
                       spans_of(text, "Maria Zakharova"), "role:title", None)
    kremlin = Entity("E11", "Kremlin", "ORG", "RUS", "GOV", "RUSGOV", None, [], spans_of(text, "Kremlin"),
                     "kb:countries", None)
    usa = Entity("E12", "United States", "GPE", "USA", "GOV", "USAGOV", None, ["US"],
                 [word_in(text, "US-led", "US")], "kb:countries", "USA")
    istanbul = Place("P1", "Istanbul", "TUR", 41.01384, 28.94966, "PPLA", 745044, spans_of(text, "Istanbul"))
    moscow = Place("P2", "Moscow", "RUS", 55.75222, 37.61556, "PPLC", 524901, [word_in(text, "Moscow with", "Moscow")])
    tuesday = TimeRecord("Tuesday", span_of(text, "Tuesday"), "DATE", "2025-05-27", "T1", None, "weekday")
    monday = TimeRecord("late on Monday", span_of(text, "late on Monday"), "TIME", "2025-05-26TNI", "T2", "END",
                        "weekday")
    sunday = TimeRecord("On Sunday", span_of(text, "On Sunday"), "DATE", "2025-05-25", "T3")
    month = TimeRecord("earlier this month", span_of(text, "earlier this month"), "DATE", "2025-05", "")
    duration = TimeRecord("30-day", span_of(text, "30-day"), "DURATION", "P30D", "")

    def event(event_id: str, kind: str, cameo: str, quad: int, goldstein: float, status: str,
              actor: list[str], recipient: list[str], trigger: str, date: TimeRecord | None = None,
              location: EventLocation | None = None, reported_by: str | None = None) -> Event:
        evidence = span_of(text, trigger)
        return Event(
            event_id, kind, None, cameo, quad, goldstein, status, actor, recipient,
            None if date is None else EventDate(date.value, date.text, date.span), location, reported_by,
            trigger, evidence, sentence_of(text, trigger), f"verb:{trigger.split()[0]}", 0.8, [evidence],
        )

    events = [
        event("V1", "SUPPORT", "051", 1, 3.4, "actual", ["E1"], ["E2"], "voiced its support"),
        event("V2", "CONSULT", "040", 1, 1.0, "historical", ["E1", "E3"], [], "direct talks",
              month, EventLocation("Istanbul", "P1")),
        event("V3", "REJECT", "1056", 2, -4.0, "actual", ["E1"], ["E12"], "declined", month),
        event("V4", "REJECT", "120", 2, -4.0, "actual", ["E1"], [], "were also rejected", None, None, "E8"),
        event("V5", "CONSULT", "040", 1, 1.0, "actual", ["E5"], ["E6", "E4"], "met with", monday, None, "E11"),
        event("V6", "ACCUSE", "112", 3, -2.0, "actual", ["E7"], ["E6"], "criticising", sunday),
        event("V7", "THREATEN", "1312", 3, -5.8, "hypothetical", ["E7"], ["E1"], "imposing additional sanctions",
              sunday),
        event("V8", "CONSULT", "040", 1, 1.0, "actual", ["E1"], ["E2"], "discussions", tuesday,
              EventLocation("Moscow", "P2")),
    ]
    events[1].mode = "visit"
    quotes = [
        Quote("Q1", "direct", "We are grateful for Turkey for its readiness to continue assisting with such "
              "negotiations and a peace settlement", (text.index("We are"), text.index(",\u201d Russian")), "E4",
              span_of(text, "Sergei Lavrov"), "said", word_in(text, "said on Tuesday, after", "said"),
              None, "quote:direct"),
        Quote("Q2", "partial", "absolutely CRAZY!", span_of(text, "absolutely CRAZY!"), "E7", None, "condemning",
              span_of(text, "condemning"), None, "quote:partial"),
        Quote("Q3", "indirect", "Russia continues to prepare a draft memorandum for a possible peace agreement "
              "with Ukraine", span_of(text, "Russia continues to prepare a draft memorandum for a possible peace "
                                            "agreement with Ukraine"), "E10", span_of(text, "Maria Zakharova"),
              "said", None, "E9", "quote:indirect"),
    ]
    return Extraction(article, [rus, tur, ukr, lavrov, fidan, putin, trump, bloomberg, interfax, zakharova,
                                kremlin, usa], events, quotes, [tuesday, monday, sunday, month, duration],
                      [istanbul, moscow])


def other_extraction(article_id: str, published: str | None, text: str) -> Extraction:
    """A small second article: Belarus and Lavrov again, one quote, one undated event."""
    article = Article(article_id, text, None, "Minsk talks", published, "wire", [])
    belarus = Entity("E1", "Belarus", "GPE", "BLR", "GOV", "BLRGOV", None, [], spans_of(text, "Belarus"), "kb")
    lavrov = Entity("E2", "Sergei Lavrov", "PERSON", "RUS", "GOV", "RUSGOV", "Foreign Minister", [],
                    spans_of(text, "Lavrov"), "kb:people")
    start, end = span_of(text, "hosted")
    events = [Event("V1", "CONSULT", None, "040", 1, 1.0, "actual", ["E1"], ["E2"], None, None, None,
                    "hosted", (start, end), (0, len(text)), "verb:host", 0.7)]
    quote_text = "Minsk stands ready"
    quotes = [Quote("Q1", "direct", quote_text, span_of(text, quote_text), "E2", None, "said", None, None)]
    return Extraction(article, [belarus, lavrov], events, quotes)


OTHER_TEXT = "Belarus hosted Sergei Lavrov in Minsk. \u201cMinsk stands ready,\u201d Lavrov said about Belarus."


def _fresh_postgres(url: str) -> None:
    """Drop everything the store creates, so each test starts from an empty database."""
    engine = create_engine(database_url(url))
    with engine.begin() as conn:
        for view in VIEW_NAMES:
            conn.exec_driver_sql(f"DROP VIEW IF EXISTS {view}")
        schema.metadata.drop_all(conn)
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest) -> Any:
    """An empty store on each backend: SQLite in memory, and a PostgreSQL the tests start."""
    url = ":memory:"
    if request.param == "postgresql":
        url = request.getfixturevalue("postgres_url")
        _fresh_postgres(url)
    with Store(url) as opened:
        yield opened


def fill(store: Store) -> Store:
    store.save(reference_extraction(), content_hash="h-ref", origin="examples/reference-article.txt", model="sm")
    store.save(other_extraction("minsk", "2025-06-02", OTHER_TEXT), content_hash="h-minsk")
    return store


@pytest.fixture
def filled(store: Store) -> Store:
    return fill(store)


@pytest.fixture
def sqlite_filled() -> Any:
    with Store(":memory:") as opened:
        yield fill(opened)


# -- saving and loading ------------------------------------------------------------------------------


def test_round_trip_of_a_hand_built_extraction(store: Store) -> None:
    extraction = reference_extraction()
    assert store.save(extraction, content_hash="h1", origin="file.txt", model="en_core_web_sm") == "new"
    loaded = store.load("reference-article")
    assert loaded == json.loads(json.dumps(extraction.to_dict()))
    assert store.load_extraction("reference-article") == extraction
    assert store.stored("reference-article")["origin"] == "file.txt"  # type: ignore[index]
    assert store.load("no-such-article") is None


def test_round_trip_of_a_pipeline_extraction(store: Store, reference: Extraction) -> None:
    assert reference.article.published == "2025-05-27"
    assert store.save(reference, content_hash=content_hash(reference.article.text)) == "new"
    assert store.load(reference.article.id) == json.loads(json.dumps(reference.to_dict()))
    assert store.counts()["entities"] == len(reference.entities)


def test_counts_match_what_was_saved(filled: Store) -> None:
    ref = reference_extraction()
    counts = filled.counts()
    assert counts["articles"] == 2
    assert counts["entities"] == len(ref.entities) + 2
    assert counts["mentions"] == sum(len(e.mentions) for e in ref.entities) + 4
    assert counts["events"] == len(ref.events) + 1  # one row per event, however many actors
    assert counts["event_actors"] == sum(len(e.actor) + len(e.recipient) for e in ref.events) + 2
    assert counts["times"] == 5 and counts["places"] == 2 and counts["place_mentions"] == 2


def test_resaving_the_same_content_writes_nothing(store: Store) -> None:
    extraction = reference_extraction()
    assert store.save(extraction, content_hash="h1") == "new"
    before, stamp = store.counts(), store.stored("reference-article")
    assert store.save(extraction, content_hash="h1") == "unchanged"
    assert store.save(reference_extraction("copy-elsewhere"), content_hash="h1") == "unchanged"
    assert store.counts() == before
    assert store.stored("reference-article") == stamp
    assert store.has_hash("h1") and not store.has_hash("h2")


def test_changed_content_replaces_the_articles_rows(store: Store) -> None:
    store.save(reference_extraction(), content_hash="h1")
    store.save(other_extraction("minsk", "2025-06-02", OTHER_TEXT), content_hash="h-minsk")
    changed = reference_extraction()
    changed.events = changed.events[:2]
    changed.quotes = []
    changed.entities[0].name = "Russian Federation"
    assert store.save(changed, content_hash="h2") == "updated"
    assert store.load("reference-article") == json.loads(json.dumps(changed.to_dict()))
    counts = store.counts()
    assert counts["articles"] == 2 and counts["events"] == 3 and counts["quotes"] == 1
    assert not store.has_hash("h1") and store.has_hash("h2")
    assert store.load("minsk") is not None  # other articles untouched


def test_foreign_keys_are_enforced_and_cascade(sqlite_filled: Store) -> None:
    filled = sqlite_filled
    with filled._engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
    with pytest.raises(IntegrityError), filled._engine.begin() as conn:
        conn.execute(sql("INSERT INTO mentions VALUES ('minsk', 'E99', 0, 1, 2)"))
    with filled._engine.begin() as conn:  # deleting an article by hand (Datasette, sqlite3) cascades
        conn.execute(sql("DELETE FROM articles WHERE id = 'minsk'"))
    counts = filled.counts()
    assert counts["articles"] == 1 and counts["entities"] == len(reference_extraction().entities)
    assert filled.search("Minsk") == []


def test_dangling_references_are_refused_before_writing(store: Store) -> None:
    broken = reference_extraction()
    broken.events[0].actor = ["E404"]
    with pytest.raises(EventwireError, match="E009.*unknown actor 'E404'"):
        store.save(broken, content_hash="h1")
    duplicate = reference_extraction()
    duplicate.entities[1].id = "E1"
    with pytest.raises(EventwireError, match="share the id 'E1'"):
        store.save(duplicate, content_hash="h1")
    assert store.counts()["articles"] == 0


@pytest.mark.parametrize("failing_table", ["articles", "entities", "mentions", "events", "event_actors", "quotes"])
def test_a_failure_mid_save_leaves_no_partial_rows(store: Store, monkeypatch: pytest.MonkeyPatch,
                                                   failing_table: str) -> None:
    store.save(other_extraction("minsk", "2025-06-02", OTHER_TEXT), content_hash="h-minsk")
    before = store.counts()
    real_insert = store_module.insert

    def failing_insert(table: Any) -> Any:
        if table.name == failing_table:
            raise RuntimeError("disk on fire")
        return real_insert(table)

    monkeypatch.setattr(store_module, "insert", failing_insert)
    with pytest.raises(RuntimeError):
        store.save(reference_extraction(), content_hash="h1")
    assert store.counts() == before
    # an update that fails keeps the old version whole
    with pytest.raises(RuntimeError):
        store.save(other_extraction("minsk", "2025-06-03", OTHER_TEXT + " More."), content_hash="h-minsk-2")
    assert store.counts() == before
    assert store.load("minsk")["article"]["published"] == "2025-06-02"  # type: ignore[index]


# -- queries -----------------------------------------------------------------------------------------


def test_articles_listing_filters_and_order(filled: Store) -> None:
    listed = filled.articles()
    assert [a["id"] for a in listed] == ["minsk", "reference-article"]
    assert listed[1]["events"] == 8 and listed[1]["quotes"] == 3
    assert [a["id"] for a in filled.articles(since="2025-06")] == ["minsk"]
    assert [a["id"] for a in filled.articles(until="2025-05")] == ["reference-article"]
    assert [a["id"] for a in filled.articles(source="EXAMPLE")] == ["reference-article"]
    assert len(filled.articles(limit=1)) == 1
    with pytest.raises(EventwireError, match="E007"):
        filled.articles(since="last week")


def test_actors_are_grouped_across_articles(filled: Store) -> None:
    lavrov = filled.actors(name="lavrov")
    assert len(lavrov) == 1
    assert lavrov[0]["articles"] == 2
    assert lavrov[0]["mentions"] == len(reference_extraction().entities[3].mentions) + 2
    assert lavrov[0]["first_published"] == "2025-05-27" and lavrov[0]["last_published"] == "2025-06-02"
    media = filled.actors(kind="media")
    assert {a["name"] for a in media} == {"Bloomberg", "Interfax"}
    assert {a["name"] for a in filled.actors(country="rus", sector="JRN")} == {"Interfax"}
    assert filled.actors(name="100%_") == []  # LIKE wildcards are literal
    assert filled.actors()[0]["articles"] == 2


def test_events_filter_semantics(filled: Store) -> None:
    def ids(**filters: Any) -> set[str]:
        return {f"{e['article_id']}/{e['event_id']}" for e in filled.events(**filters)}

    everything = ids()
    assert len(everything) == 9
    russia_acts = ids(actor="RUS")
    # by country code: Russia (V1, V3, V4, V8) and the RUS+UKR talks (V2); Lavrov acts in minsk? no: Belarus does
    assert russia_acts == {f"reference-article/{v}" for v in ("V1", "V2", "V3", "V4", "V8")}
    assert ids(actor="rus") == russia_acts  # case-insensitive
    assert ids(actor="russia") == russia_acts  # by name
    assert ids(actor="rusgov") == russia_acts  # by code
    assert ids(actor="putin") == set()  # Putin only receives
    assert ids(recipient="putin") == {"reference-article/V5", "reference-article/V6"}  # whole word of the name
    assert ids(recipient="Vladimir Putin") == ids(recipient="putin")
    assert ids(recipient="rus") == {"reference-article/V5", "reference-article/V6", "reference-article/V7",
                                    "minsk/V1"}  # Lavrov (RUS) in Minsk; "Belarus" does not contain the word
    assert ids(actor="BLR") == {"minsk/V1"} and ids(actor="blr", recipient="lavrov") == {"minsk/V1"}
    assert ids(type="reject") == {"reference-article/V3", "reference-article/V4"}
    assert ids(status="hypothetical") == {"reference-article/V7"}
    # dates: the May talks (2025-05) overlap any range touching May; undated events drop out
    assert ids(since="2025-05-26") == {f"reference-article/{v}" for v in ("V2", "V3", "V5", "V8")}
    assert ids(until="2025-05-25") == {f"reference-article/{v}" for v in ("V2", "V3", "V6", "V7")}
    assert ids(since="2025-05-26", until="2025-05-26") == {f"reference-article/{v}" for v in ("V2", "V3", "V5")}
    assert ids(since="2025-06") == set()
    assert ids(until="2025") == ids(since="2025") == {f"reference-article/{v}" for v in
                                                      ("V2", "V3", "V5", "V6", "V7", "V8")}
    with pytest.raises(EventwireError, match="E007"):
        filled.events(since="yesterday")


def test_event_rows_carry_participants_and_evidence(filled: Store) -> None:
    (meeting,) = [e for e in filled.events(type="CONSULT", actor="Fidan")]
    assert meeting["actor_names"] == ["Hakan Fidan"] and meeting["actor_codes"] == ["TURGOV"]
    assert meeting["recipient_names"] == ["Vladimir Putin", "Sergei Lavrov"]  # in the order given
    assert meeting["recipient_ids"] == ["E6", "E4"]
    assert meeting["reported_by_name"] == "Kremlin"
    assert meeting["date_value"] == "2025-05-26TNI" and meeting["date_from"] == "2025-05-26"
    assert meeting["evidence_text"].startswith("Fidan additionally met with")
    talks = filled.events(actor="UKR")[0]
    assert talks["actor_names"] == ["Russia", "Ukraine"] and talks["location_name"] == "Istanbul"
    # sorted by date, latest first, undated last
    dates = [e["date_from"] for e in filled.events()]
    assert dates[:2] == ["2025-05-27", "2025-05-26"] and dates[-1] is None


def test_quotes_filters(filled: Store) -> None:
    assert [q["quote_id"] for q in filled.quotes(speaker="lavrov")] == ["Q1", "Q1"]
    assert [q["article_id"] for q in filled.quotes(speaker="Lavrov", since="2025-06-01")] == ["minsk"]
    zakharova = filled.quotes(speaker="Zakharova")[0]
    assert zakharova["via_name"] == "Interfax" and zakharova["kind"] == "indirect"
    assert [q["quote_id"] for q in filled.quotes(about="TUR")] == ["Q1"]  # "grateful for Turkey"
    assert [q["quote_id"] for q in filled.quotes(about="ukraine")] == ["Q3"]
    assert [q["quote_id"] for q in filled.quotes(text="crazy")] == ["Q2"]
    assert filled.quotes(text="%") == []
    assert len(filled.quotes(until="2025-05-31")) == 3


def test_readable_views_join_names_in(sqlite_filled: Store) -> None:
    with sqlite_filled._engine.connect() as conn:
        meeting = conn.execute(sql("SELECT * FROM event_list WHERE actors = 'Hakan Fidan'")).mappings().one()
        quote = conn.execute(sql("SELECT * FROM quote_list WHERE via = 'Interfax'")).mappings().one()
    assert meeting["recipients"] == "Vladimir Putin; Sergei Lavrov" and meeting["reported_by"] == "Kremlin"
    assert meeting["recipient_codes"] == "RUSGOV; RUSGOV" and meeting["published"] == "2025-05-27"
    assert quote["speaker"] == "Maria Zakharova" and quote["kind"] == "indirect"


def test_quote_list_names_every_speaker_of_a_compound_source(store: Store) -> None:
    text = "Sergei Lavrov and Hakan Fidan said there were some setbacks."
    article = Article("pair", text, None, "Pair", "2025-05-20", "wire", [])
    lavrov = Entity("E1", "Sergei Lavrov", "PERSON", "RUS", "GOV", "RUSGOV", None, [], spans_of(text, "Sergei Lavrov"), "kb")
    fidan = Entity("E2", "Hakan Fidan", "PERSON", "TUR", "GOV", "TURGOV", None, [], spans_of(text, "Hakan Fidan"), "kb")
    quote = Quote("Q1", "indirect", "there were some setbacks", span_of(text, "there were some setbacks"), "E1",
                  (0, 30), "said", span_of(text, "said"), None, "quote:indirect", speakers=["E1", "E2"])
    store.save(Extraction(article, [lavrov, fidan], [], [quote]), content_hash="h-pair")
    with store._engine.connect() as conn:
        row = conn.execute(sql("SELECT * FROM quote_list WHERE article_id = 'pair'")).mappings().one()
    assert row["speaker"] == "Sergei Lavrov"
    assert row["speakers"] == "Sergei Lavrov; Hakan Fidan" and row["speaker_codes"] == "RUSGOV; TURGOV"
    found = store.quotes(speaker="TURGOV")
    assert [q["speaker_names"] for q in found] == ["Sergei Lavrov; Hakan Fidan"] and found[0]["speakers"] == ["E1", "E2"]


def test_a_version_1_database_gets_the_new_quote_list(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    fill(Store(path)).close()
    with sqlite3.connect(path) as conn:  # as version 1 left it: quote_list without the speakers columns
        conn.execute("DROP VIEW quote_list")
        conn.execute("CREATE VIEW quote_list AS SELECT q.article_id, q.quote_id, q.text FROM quotes AS q")
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    with Store(path) as upgraded:
        assert upgraded.found_version == 1 and upgraded.schema_version >= 2
        with upgraded._engine.connect() as conn:
            row = conn.execute(sql("SELECT * FROM quote_list WHERE quote_id = 'Q3'")).mappings().first()
    assert row is not None and row["speakers"] == "Maria Zakharova"


def test_datasette_finds_the_search_table(tmp_path: Path) -> None:
    """Datasette enables its search box when an FTS table names its content table like this."""
    Store(tmp_path / "d.db").close()
    with sqlite3.connect(tmp_path / "d.db") as conn:
        found = conn.execute(
            """SELECT name FROM sqlite_master WHERE rootpage = 0
               AND sql LIKE '%VIRTUAL TABLE%USING FTS%content="articles"%'"""
        ).fetchall()
    assert found == [("articles_fts",)]


def test_schema_compiles_for_postgresql() -> None:
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    for table in schema.metadata.sorted_tables:
        assert "CREATE TABLE" in str(CreateTable(table).compile(dialect=dialect))
        for index in table.indexes:
            assert "CREATE INDEX" in str(CreateIndex(index).compile(dialect=dialect))
    assert '"end"' in str(CreateTable(schema.mentions).compile(dialect=dialect))


# -- search ------------------------------------------------------------------------------------------


def test_search_finds_words_and_highlights_them(filled: Store) -> None:
    (hit,) = filled.search("Akkuyu nuclear")
    assert hit["id"] == "reference-article"
    assert "[Akkuyu]" in hit["snippet"] and "[nuclear]" in hit["snippet"]
    assert [h["id"] for h in filled.search("sanction")] == ["reference-article"]  # stemmed
    assert [h["id"] for h in filled.search("Belar*")] == ["minsk"]  # prefix
    assert [h["id"] for h in filled.search("minsk talks")] == ["minsk"]  # the title counts
    assert filled.search("Lavrov")[0]["score"] >= filled.search("Lavrov")[-1]["score"]
    assert filled.search("Akkuyu Minsk") == []  # every word must be there
    assert filled.search("   ") == [] and filled.search("") == []


NASTY = ['"', '""', "'", "AND", "OR", "NOT", "a OR", "NEAR(Lavrov Fidan)", "title:Minsk", "text:", "(", ")",
         "*", "**", "^Lavrov", "-Lavrov", "+", "Lavrov\"", "{title text}:x", "Lavrov; DROP TABLE articles;--",
         "\x00", "Lavrov\x00Fidan", "\\", "%", "_", "\u200b", "🙂", "Türkiye", "Lavrov*"]


@pytest.mark.parametrize("query", NASTY)
def test_search_survives_fts_syntax_in_user_input(filled: Store, query: str) -> None:
    assert isinstance(filled.search(query), list)
    assert filled.counts()["articles"] == 2


def test_search_treats_operators_as_words(filled: Store) -> None:
    assert filled.search("Belarus OR Akkuyu") == []  # as an operator OR would find both articles
    assert [h["id"] for h in filled.search("Minsk -Belarus")] == ["minsk"]  # no exclusion either
    assert [h["id"] for h in filled.search('"Minsk stands"')] == ["minsk"]
    if filled.url.startswith("sqlite"):
        # SQLite keeps every word; PostgreSQL's english configuration drops stop words like "not"
        assert filled.search("Lavrov NOT") == []  # no article contains the word "not"
        assert filled.search("title:Minsk") == filled.search("NEAR(Minsk)") == []  # phrases "title minsk", "near minsk"
    else:
        assert filled.search("title:Minsk") == filled.search("NEAR(Minsk)") == []  # no such words in any article


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_search_never_fails_on_any_text(query: str) -> None:
    assert isinstance(_SEARCH_STORE.search(query), list)
    assert SAFE_FTS5.fullmatch(fts5_query(query))  # nothing but quoted strings, maybe with a prefix star


SAFE_FTS5 = re.compile(r'(?:"(?:[^"]|"")*"\*?(?: (?=")|$))*')


ODD_CHARACTERS = st.sampled_from(['"', "'", "*", "%", "_", ":", "(", ")", "^", "-", "\\", "\x00"])
ANY_TEXT = st.text(alphabet=st.characters() | ODD_CHARACTERS, max_size=30)


@settings(max_examples=150, deadline=None)
@given(ANY_TEXT, ANY_TEXT)
def test_filters_never_fail_on_any_text(value: str, other: str) -> None:
    check_filters(value, other)


@pytest.mark.parametrize("value", ["a\udcff", "\ud800", "Lavrov\udcfe*", "\udcff\udcff"])
def test_filters_accept_undecodable_characters(value: str) -> None:
    """Arguments decoded with surrogateescape (odd bytes in argv) hold lone surrogates."""
    check_filters(value, value)


def check_filters(value: str, other: str) -> None:
    store = _SEARCH_STORE
    assert isinstance(store.search(value + other), list)
    assert isinstance(store.actors(name=value, kind=other, country=value, sector=other), list)
    assert isinstance(store.events(actor=value, recipient=other, type=value, status=other), list)
    assert isinstance(store.quotes(speaker=value, about=other, text=value), list)
    assert isinstance(store.articles(source=value), list)
    assert store.load(value) is None or value == "minsk"
    assert store.has_hash(value) is (value == "h-minsk")


_SEARCH_STORE = Store(":memory:")
_SEARCH_STORE.save(other_extraction("minsk", "2025-06-02", OTHER_TEXT), content_hash="h-minsk")


# -- schema versions and migrations --------------------------------------------------------------------


def test_new_database_is_stamped_with_the_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with Store(path) as opened:
        assert opened.found_version == 0 and opened.schema_version == migrations.SCHEMA_VERSION
    with sqlite3.connect(path) as conn:
        meta = dict(conn.execute("SELECT key, value FROM meta"))
        assert meta["schema_version"] == str(migrations.SCHEMA_VERSION)
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with Store(path) as reopened:
        assert reopened.found_version == migrations.SCHEMA_VERSION


def test_a_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    Store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(migrations.SCHEMA_VERSION + 1),))
    with pytest.raises(EventwireError, match="E009.*newer.*upgrade eventwire"):
        Store(path)


def test_migrations_run_in_order_in_one_transaction(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.db"
    with Store(path) as opened:
        opened.save(reference_extraction(), content_hash="h1")
    current = migrations.SCHEMA_VERSION
    applied: list[int] = []

    def add_language(conn: Any) -> None:
        applied.append(current + 1)
        conn.exec_driver_sql("ALTER TABLE articles ADD COLUMN language TEXT")
        conn.exec_driver_sql("UPDATE articles SET language = 'en'")

    def add_story(conn: Any) -> None:
        applied.append(current + 2)
        conn.exec_driver_sql("CREATE TABLE stories (id TEXT PRIMARY KEY)")
        raise RuntimeError("migration bug")

    monkeypatch.setattr(migrations, "SCHEMA_VERSION", current + 2)
    monkeypatch.setattr(migrations, "MIGRATIONS", {current + 1: add_language, current + 2: add_story})
    with pytest.raises(EventwireError, match="E009.*migration bug"):
        Store(path)
    assert applied == [current + 1, current + 2]
    with sqlite3.connect(path) as conn:  # rolled back as a whole
        assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == str(current)
        columns = [row[1] for row in conn.execute("PRAGMA table_info(articles)")]
        assert "language" not in columns
        assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'stories'").fetchone() is None

    monkeypatch.setattr(migrations, "MIGRATIONS", {current + 1: add_language,
                                                   current + 2: lambda conn: applied.append(0)})
    with Store(path) as upgraded:
        assert upgraded.found_version == current and upgraded.schema_version == current + 2
        assert upgraded.load("reference-article") is not None
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == str(current + 2)
        assert conn.execute("SELECT language FROM articles").fetchone()[0] == "en"


def test_a_foreign_database_is_not_touched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, body TEXT)")
    with pytest.raises(EventwireError, match="E009.*not made by eventwire"):
        Store(path)


def test_unopenable_locations_give_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(EventwireError, match="E009"):
        Store(tmp_path / "missing-folder" / "x.db")
    with pytest.raises(EventwireError, match="E009"):
        Store("nosuchdialect://host/db")


def test_content_hash() -> None:
    assert content_hash("abc") == hashlib.sha256(b"abc").hexdigest()
    assert content_hash("ab", "c") != content_hash("a", "bc")
    assert content_hash("a\udcff") != content_hash("a\udcfe")  # undecodable bytes still tell texts apart


def test_database_urls() -> None:
    assert database_url(":memory:") == "sqlite://"
    assert database_url("eventwire.db") == "sqlite:///eventwire.db"
    assert database_url("/data/x.db") == "sqlite:////data/x.db"
    assert database_url("sqlite:///y.db") == "sqlite:///y.db"
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgresql+psycopg2://u@h/db") == "postgresql+psycopg2://u@h/db"


# -- concurrency ---------------------------------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    sys.path.insert(0, {tests!r})
    from test_store import other_extraction, OTHER_TEXT
    from eventwire.store import Store
    name, count = sys.argv[1], int(sys.argv[2])
    folder = Path({path!r}).parent
    (folder / f"ready-{{name}}").touch()
    deadline = time.time() + 60
    while len(list(folder.glob("ready-*"))) < 2 and time.time() < deadline:  # start together
        time.sleep(0.01)
    with Store({path!r}) as store:
        for i in range(count):
            text = OTHER_TEXT + f" {{name}} {{i}}."
            store.save(other_extraction(f"{{name}}-{{i}}", "2025-06-02", text), content_hash=f"{{name}}-{{i}}")
            store.save(other_extraction("shared", "2025-06-02", text), content_hash=f"shared-{{name}}-{{i}}")
            store.search("Minsk")
    """
)


def test_two_processes_writing_one_file_do_not_corrupt_it(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    Store(path).close()
    script = WRITER.format(tests=str(Path(__file__).parent), path=str(path))
    writers = [subprocess.Popen([sys.executable, "-c", script, name, "60"], stderr=subprocess.PIPE, text=True)
               for name in ("a", "b")]
    for writer in writers:
        _, errors = writer.communicate(timeout=300)
        assert writer.returncode == 0, errors
    with Store(path) as opened:
        counts = opened.counts()
        assert counts["articles"] == 121 and counts["events"] == 121 and counts["entities"] == 242
        assert len(opened.search("Minsk", limit=1000)) == 121
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")  # raises if out of step


@pytest.mark.parametrize("where", ["memory", "file"])
def test_threads_can_share_one_store(tmp_path: Path, where: str) -> None:
    """A web server shares one Store between request threads."""
    errors: list[str] = []

    def work(opened: Store, n: int) -> None:
        try:
            for i in range(15):
                extraction = other_extraction(f"t{n}-{i}", "2025-06-01", OTHER_TEXT + f" {n} {i}.")
                opened.save(extraction, content_hash=f"t{n}-{i}")
                opened.search("Minsk")
                opened.events(actor="BLR", limit=5)
        except Exception as error:
            errors.append(repr(error))

    with Store(":memory:" if where == "memory" else tmp_path / "threads.db") as opened:
        threads = [threading.Thread(target=work, args=(opened, n)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert opened.counts()["articles"] == 60


# -- TIMEX3 bounds -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "bounds"),
    [
        ("2025-05-26", ("2025-05-26", "2025-05-26")),
        ("2025-05-26TNI", ("2025-05-26", "2025-05-26")),
        ("2025-05", ("2025-05-01", "2025-05-31")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2022", ("2022-01-01", "2022-12-31")),
        ("2025-W22", ("2025-05-26", "2025-06-01")),
        ("2025-W22-WE", ("2025-05-31", "2025-06-01")),
        ("2025-Q2", ("2025-04-01", "2025-06-30")),
        ("2025-H1", ("2025-01-01", "2025-06-30")),
        ("2024-WI", ("2024-12-01", "2025-02-28")),
        ("202X", ("2020-01-01", "2029-12-31")),
        ("19", ("1900-01-01", "1999-12-31")),
        ("PAST_REF", None), ("P30D", None), ("XXXX-05-26", None), ("2025-02-30", None), ("", None), (None, None),
    ],
)
def test_timex_bounds(value: str | None, bounds: tuple[str, str] | None) -> None:
    assert timex_bounds(value) == bounds


@given(st.text(max_size=20))
def test_timex_bounds_never_raise(value: str) -> None:
    bounds = timex_bounds(value)
    assert bounds is None or bounds[0] <= bounds[1]


def test_undecodable_characters_are_stored_as_replacement_characters(store: Store) -> None:
    text = "Kyiv said\udcff the strike hit Kharkiv."
    extraction = other_extraction("odd\udcfe", None, OTHER_TEXT)
    extraction.article.text = text
    extraction.entities, extraction.events, extraction.quotes = [], [], []
    assert store.save(extraction, content_hash="h-odd") == "new"
    loaded = store.load("odd\ufffd")
    assert loaded is not None and loaded["article"]["text"] == text.replace("\udcff", "\ufffd")
    assert len(loaded["article"]["text"]) == len(text)  # spans still point at the same characters
    assert store.load("odd\udcfe") == loaded


def test_postgresql_without_its_driver_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if it were not installed
    with pytest.raises(EventwireError, match=r"E009.*eventwire\[postgres\]"):
        Store("postgresql://nobody@localhost:1/none")


def test_extraction_is_not_mutated_by_saving(store: Store) -> None:
    extraction = reference_extraction()
    before = copy.deepcopy(extraction)
    store.save(extraction, content_hash="h1")
    assert extraction == before
