"""The tables: one row per article, per entity, per mention, per event, per quote, per time, per place.

Portable SQLAlchemy Core (SQLite and PostgreSQL share it). Every child row carries the article id
as the first part of its key, so deleting an article (and re-saving it) touches only its own rows.
Lists that the output contract nests (``removed``, ``aliases``, ``evidence_spans``) are JSON text;
lists that people query (mentions, event actors, place mentions) are tables. ``position`` columns
keep the order the pipeline gave, so ``Store.load`` returns exactly what was saved.
``docs/store.md`` describes every column; keep it in step with this file.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Float,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

SCHEMA_VERSION = 2
"""The schema this code writes. Bump it together with a migration in ``migrations.py``."""

metadata = MetaData()


def _article_fk() -> ForeignKeyConstraint:
    return ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE")


def _entity_fk(column: str, *, cascade: bool = True) -> ForeignKeyConstraint:
    return ForeignKeyConstraint(
        ["article_id", column],
        ["entities.article_id", "entities.entity_id"],
        ondelete="CASCADE" if cascade else None,
    )


meta = Table(
    "meta",
    metadata,
    Column("key", String, primary_key=True),
    Column("value", Text),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String, primary_key=True),
    Column("content_hash", String, nullable=False, unique=True),
    Column("url", Text),
    Column("title", Text),
    Column("published", String),  # YYYY-MM-DD
    Column("source", Text),
    Column("text", Text, nullable=False),
    Column("removed", Text, nullable=False, default="[]"),  # JSON list of strings
    Column("ingested_at", String, nullable=False),  # UTC ISO 8601
    Column("model", Text, nullable=False, default=""),
    Column("origin", Text, nullable=False, default=""),
    Index("articles_published", "published"),
    Index("articles_source", "source"),
)

entities = Table(
    "entities",
    metadata,
    Column("article_id", String, nullable=False),
    Column("entity_id", String, nullable=False),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("kind", String, nullable=False),
    Column("country", String),
    Column("sector", String),
    Column("code", String),
    Column("title", Text),
    Column("aliases", Text, nullable=False, default="[]"),  # JSON list of strings
    Column("rule", Text, nullable=False, default=""),
    Column("kb_id", String),
    PrimaryKeyConstraint("article_id", "entity_id"),
    _article_fk(),
    Index("entities_name", "name"),
    Index("entities_code", "code"),
    Index("entities_country_sector", "country", "sector"),
    Index("entities_kind", "kind"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("article_id", String, nullable=False),
    Column("entity_id", String, nullable=False),
    Column("position", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    PrimaryKeyConstraint("article_id", "entity_id", "position"),
    _entity_fk("entity_id"),
)

places = Table(
    "places",
    metadata,
    Column("article_id", String, nullable=False),
    Column("place_id", String, nullable=False),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("country", String),
    Column("lat", Float),
    Column("lon", Float),
    Column("feature", String),
    Column("geonameid", Integer),
    PrimaryKeyConstraint("article_id", "place_id"),
    _article_fk(),
    Index("places_geonameid", "geonameid"),
    Index("places_country", "country"),
)

place_mentions = Table(
    "place_mentions",
    metadata,
    Column("article_id", String, nullable=False),
    Column("place_id", String, nullable=False),
    Column("position", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    PrimaryKeyConstraint("article_id", "place_id", "position"),
    ForeignKeyConstraint(
        ["article_id", "place_id"], ["places.article_id", "places.place_id"], ondelete="CASCADE"
    ),
)

events = Table(
    "events",
    metadata,
    Column("article_id", String, nullable=False),
    Column("event_id", String, nullable=False),
    Column("position", Integer, nullable=False),
    Column("type", String, nullable=False),
    Column("mode", String),
    Column("cameo", String),
    Column("quad", Integer),
    Column("goldstein", Float),
    Column("status", String, nullable=False),
    Column("date_value", String),  # TIMEX3 value: 2025-05-26, 2025-05, 2025-W22, ...
    Column("date_text", Text),
    Column("date_start", Integer),  # span of the date text
    Column("date_end", Integer),
    Column("date_from", String),  # first calendar day date_value covers (YYYY-MM-DD)
    Column("date_to", String),  # last calendar day date_value covers
    Column("location_name", Text),
    Column("location_place", String),
    Column("reported_by", String),
    Column("trigger", Text),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("evidence_text", Text),  # the sentence, for reading without the article
    Column("evidence_spans", Text, nullable=False, default="[]"),  # JSON list of [start, end]
    Column("rule", Text, nullable=False, default=""),
    Column("confidence", Float),
    PrimaryKeyConstraint("article_id", "event_id"),
    _article_fk(),
    _entity_fk("reported_by", cascade=False),
    ForeignKeyConstraint(["article_id", "location_place"], ["places.article_id", "places.place_id"]),
    Index("events_type", "type"),
    Index("events_status", "status"),
    Index("events_date", "date_from", "date_to"),
    Index("events_reported_by", "article_id", "reported_by"),
    Index("events_location_place", "article_id", "location_place"),
)

event_actors = Table(
    "event_actors",
    metadata,
    Column("article_id", String, nullable=False),
    Column("event_id", String, nullable=False),
    Column("role", String, nullable=False),
    Column("position", Integer, nullable=False),
    Column("entity_id", String, nullable=False),
    Column("code", String),  # the party's code in this event (RUSMIL for "Russian attacks")
    PrimaryKeyConstraint("article_id", "event_id", "role", "position"),
    CheckConstraint("role IN ('actor', 'recipient')", name="event_actors_role"),
    ForeignKeyConstraint(
        ["article_id", "event_id"], ["events.article_id", "events.event_id"], ondelete="CASCADE"
    ),
    _entity_fk("entity_id"),
    Index("event_actors_entity", "article_id", "entity_id"),
)

quotes = Table(
    "quotes",
    metadata,
    Column("article_id", String, nullable=False),
    Column("quote_id", String, nullable=False),
    Column("position", Integer, nullable=False),
    Column("kind", String, nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("speaker", String),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("cue", Text),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("via", String),
    Column("rule", Text, nullable=False, default=""),
    Column("parts", Text, nullable=False, default="[]"),  # JSON list of [start, end]: a split quote's pieces
    Column("speakers", Text, nullable=False, default="[]"),  # JSON list of entity ids ("Lavrov and Fidan")
    PrimaryKeyConstraint("article_id", "quote_id"),
    _article_fk(),
    _entity_fk("speaker", cascade=False),
    _entity_fk("via", cascade=False),
    Index("quotes_speaker", "article_id", "speaker"),
    Index("quotes_via", "article_id", "via"),
)

times = Table(
    "times",
    metadata,
    Column("article_id", String, nullable=False),
    Column("position", Integer, nullable=False),
    Column("time_id", String, nullable=False, default=""),  # may be empty: ids are optional
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("type", String, nullable=False),
    Column("value", String),
    Column("mod", String),
    Column("rule", Text, nullable=False, default=""),
    PrimaryKeyConstraint("article_id", "position"),
    _article_fk(),
    Index("times_value", "value"),
)

# Children first: the order in which an article's rows are deleted before a re-save.
CHILD_TABLES = (event_actors, events, quotes, mentions, place_mentions, times, places, entities)
DATA_TABLES = (articles, entities, mentions, events, event_actors, quotes, times, places, place_mentions)
