"""Readable views: events and quotes with names instead of entity ids, for Datasette and SQL users.

Tables reference entities by (article_id, entity_id) pairs, which Datasette does not turn into links;
these views join the names in. They hold no data, so ``install_views`` simply recreates them (call
it again from any migration that changes the columns they read). The only dialect difference is
the aggregate that joins names: ``group_concat`` on SQLite, ``string_agg`` on PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import Connection

VIEW_NAMES = ("event_list", "quote_list")

_PARTICIPANTS_SQLITE = """(SELECT group_concat({column}, '; ') FROM (
        SELECT en.{column} FROM event_actors AS ea
        JOIN entities AS en ON en.article_id = ea.article_id AND en.entity_id = ea.entity_id
        WHERE ea.article_id = ev.article_id AND ea.event_id = ev.event_id AND ea.role = '{role}'
        ORDER BY ea.position))"""

_PARTICIPANTS_POSTGRES = """(SELECT string_agg(en.{column}, '; ' ORDER BY ea.position)
        FROM event_actors AS ea
        JOIN entities AS en ON en.article_id = ea.article_id AND en.entity_id = ea.entity_id
        WHERE ea.article_id = ev.article_id AND ea.event_id = ev.event_id AND ea.role = '{role}')"""

_EVENT_LIST = """CREATE VIEW event_list AS
    SELECT ev.article_id, ev.event_id, a.published, a.title AS article_title,
           ev.type, ev.mode, ev.status, ev.date_value, ev.date_from, ev.date_to,
           {actor_names} AS actors, {actor_codes} AS actor_codes,
           {recipient_names} AS recipients, {recipient_codes} AS recipient_codes,
           ev.location_name, rep.name AS reported_by, ev.trigger, ev.evidence_text,
           ev.cameo, ev.quad, ev.goldstein, ev.confidence, ev.rule
    FROM events AS ev
    JOIN articles AS a ON a.id = ev.article_id
    LEFT JOIN entities AS rep ON rep.article_id = ev.article_id AND rep.entity_id = ev.reported_by"""

# every speaker of a compound source ("Lavrov and Fidan"), in order; ``speakers`` holds a JSON list of ids
_SPEAKERS_SQLITE = """(SELECT group_concat({column}, '; ') FROM (
        SELECT en.{column} FROM json_each(q.speakers) AS j
        JOIN entities AS en ON en.article_id = q.article_id AND en.entity_id = j.value
        ORDER BY j.key))"""

_SPEAKERS_POSTGRES = """(SELECT string_agg(en.{column}, '; ' ORDER BY j.position)
        FROM json_array_elements_text(CAST(q.speakers AS json)) WITH ORDINALITY AS j(entity_id, position)
        JOIN entities AS en ON en.article_id = q.article_id AND en.entity_id = j.entity_id)"""

_QUOTE_LIST = """CREATE VIEW quote_list AS
    SELECT q.article_id, q.quote_id, a.published, a.title AS article_title, q.kind,
           sp.name AS speaker, sp.code AS speaker_code,
           COALESCE({speaker_names}, sp.name) AS speakers, COALESCE({speaker_codes}, sp.code) AS speaker_codes,
           q.cue, via.name AS via, q.text, q.rule
    FROM quotes AS q
    JOIN articles AS a ON a.id = q.article_id
    LEFT JOIN entities AS sp ON sp.article_id = q.article_id AND sp.entity_id = q.speaker
    LEFT JOIN entities AS via ON via.article_id = q.article_id AND via.entity_id = q.via"""


def install_views(conn: Connection) -> None:
    """(Re)create the readable views for the connection's dialect."""
    sqlite = conn.dialect.name == "sqlite"
    template = _PARTICIPANTS_SQLITE if sqlite else _PARTICIPANTS_POSTGRES
    speakers = _SPEAKERS_SQLITE if sqlite else _SPEAKERS_POSTGRES
    parts = {
        f"{role}_{kind}": template.format(column=column, role=role)
        for role in ("actor", "recipient")
        for kind, column in (("names", "name"), ("codes", "code"))
    }
    for name in VIEW_NAMES:
        conn.exec_driver_sql(f"DROP VIEW IF EXISTS {name}")
    conn.exec_driver_sql(_EVENT_LIST.format(**parts))
    conn.exec_driver_sql(_QUOTE_LIST.format(
        speaker_names=speakers.format(column="name"), speaker_codes=speakers.format(column="code")))
