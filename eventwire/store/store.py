"""``Store``: save extractions and query them, over SQLite (default) or PostgreSQL.

One transaction per article; the content hash decides whether an article is new, unchanged or
updated, so re-running an ingest never duplicates and never loses rows. Every query binds its
parameters; user text never becomes SQL text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, Self

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    and_,
    create_engine,
    delete,
    distinct,
    event,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    IntegrityError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.pool import StaticPool

from ..errors import EventwireError
from ..records import Extraction
from . import migrations
from .dates import since_bound, until_bound
from .rows import contract_dict, extraction_from_dict, extraction_rows, valid_text
from .schema import (
    CHILD_TABLES,
    articles,
    entities,
    event_actors,
    events,
    mentions,
    metadata,
    place_mentions,
    places,
    quotes,
    times,
)
from .search import rebuild_search, search_articles

log = logging.getLogger(__name__)

SaveResult = Literal["new", "unchanged", "updated"]

BUSY_TIMEOUT_SECONDS = 30.0
"""How long a writer waits for another process's write to finish before giving up (SQLite)."""


def content_hash(*parts: str | bytes) -> str:
    """A SHA-256 hex digest of the given text (or bytes): the identity of an article's content.

    One part hashes exactly as ``hashlib.sha256(text.encode())``; several are separated by NUL.
    """
    digest = hashlib.sha256()
    for index, part in enumerate(parts):
        if index:
            digest.update(b"\x00")
        digest.update(part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part)
    return digest.hexdigest()


def database_url(target: str | Path) -> str:
    """A SQLAlchemy URL from what a user types: a URL, a file path, or ``:memory:``.

    ``postgresql://`` (and ``postgres://``) URLs get the psycopg 3 driver unless one is named.
    """
    value = str(target).strip()
    if value in ("", ":memory:"):
        return "sqlite://"
    if "://" not in value:
        return "sqlite:///" + str(Path(value).expanduser())
    scheme, rest = value.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return "postgresql+psycopg://" + rest
    return value


def _sqlite_engine(url: str) -> Engine:
    """A SQLite engine with foreign keys on, WAL, a busy timeout and real transactions.

    pysqlite's own transaction handling is switched off (isolation_level=None) and SQLAlchemy
    emits BEGIN itself, so DDL runs inside transactions too and writers can ask for BEGIN IMMEDIATE
    (taking the write lock up front: two processes never deadlock upgrading a read lock).
    """
    parsed = make_url(url)
    memory = parsed.database in (None, "", ":memory:")
    kwargs: dict[str, Any] = {"connect_args": {"timeout": BUSY_TIMEOUT_SECONDS}}
    if memory:
        kwargs = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        if not memory:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("eventwire_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


EVENT_KEYS = (
    "article_id", "event_id", "date_value", "type", "mode", "status", "actor_names", "actor_codes",
    "recipient_names", "recipient_codes", "location_name", "reported_by_name", "trigger", "evidence_text",
    "cameo", "quad", "goldstein", "confidence", "rule", "date_text", "date_from", "date_to", "location_place",
    "reported_by", "actor_ids", "recipient_ids", "evidence_start", "evidence_end", "article_title",
    "published", "url",
)
"""The keys of an ``events()`` row, most telling first (tables print them in this order)."""


def _words_of(column: ColumnElement[Any], value: str) -> ColumnElement[bool]:
    """``column`` equals ``value`` or contains it as whole space-separated words (case-insensitive)."""
    needle = valid_text(value).strip().lower()
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    lowered = func.lower(column)
    return or_(
        lowered == needle,
        lowered.like(escaped + " %", escape="\\"),
        lowered.like("% " + escaped, escape="\\"),
        lowered.like("% " + escaped + " %", escape="\\"),
    )


def _entity_matches(value: str) -> ColumnElement[bool]:
    """An entity whose code, country or name is ``value`` (case-insensitive; names by whole words)."""
    needle = valid_text(value).strip().lower()
    return or_(
        func.lower(entities.c.code) == needle,
        func.lower(entities.c.country) == needle,
        _words_of(entities.c.name, value),
    )


def _contains(column: ColumnElement[Any], value: str) -> ColumnElement[bool]:
    """Case-insensitive substring match with LIKE wildcards in ``value`` taken literally."""
    return func.lower(column).contains(valid_text(value).lower(), autoescape=True)


class Store:
    """Extractions in a database: ``with Store("eventwire.db") as store: store.save(x, content_hash=h)``.

    ``url`` is a SQLAlchemy URL (``sqlite:///path.db``, ``postgresql://user@host/db``), a bare file
    path, or ``:memory:``. Opening creates or upgrades the schema.
    """

    def __init__(self, url: str | Path = "eventwire.db") -> None:
        self.url = database_url(url)
        try:
            if self.url.startswith("sqlite"):
                self._engine = _sqlite_engine(self.url)
            else:
                self._engine = create_engine(self.url, pool_pre_ping=True)
        except ImportError as error:
            hint = " (pip install 'eventwire[postgres]')" if "postgres" in self.url else ""
            raise EventwireError("E009", f"cannot use database {url!s}: {error}{hint}") from error
        except ArgumentError as error:
            raise EventwireError("E009", f"cannot use database {url!s}: {error}") from error
        self._writer = self._engine.execution_options(eventwire_write=True)
        # An in-memory SQLite database is one connection shared by every thread: take turns.
        memory = self._engine.dialect.name == "sqlite" and self._engine.url.database in (None, "", ":memory:")
        self._shared: AbstractContextManager[Any] = threading.RLock() if memory else nullcontext()
        try:
            with self._write() as conn:
                self.found_version = migrations.upgrade(conn)  # 0 for a new database
            self.schema_version = migrations.SCHEMA_VERSION
        except EventwireError:
            self._engine.dispose()
            raise
        except SQLAlchemyError as error:
            self._engine.dispose()
            raise EventwireError("E009", f"cannot open database {url!s}: {_reason(error)}") from error

    # -- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        """Release every connection (the file stays consistent either way)."""
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self._engine.url.render_as_string(hide_password=True)!r})"

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self._engine.dialect.name

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        """A connection for queries (no lock on files: WAL readers never wait)."""
        try:
            with self._shared, self._engine.connect() as conn:
                yield conn
        except OperationalError as error:
            raise EventwireError("E009", f"database read failed: {_reason(error)}") from error

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """A write transaction holding the database's write lock from its first statement."""
        with self._shared, self._writer.begin() as conn:
            yield conn

    # -- writing -----------------------------------------------------------------------------

    def save(self, extraction: Extraction, *, content_hash: str, origin: str = "", model: str = "") -> SaveResult:
        """Store one article and everything found in it, in one transaction.

        Returns ``"unchanged"`` when this content hash is already stored (nothing is written),
        ``"updated"`` when the article id is stored with other content (its rows are replaced),
        else ``"new"``.
        """
        if not content_hash:
            raise EventwireError("E009", f"article {extraction.article.id!r}: save() needs a content_hash")
        ingested_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        rows = extraction_rows(
            extraction, content_hash=content_hash, origin=origin, model=model, ingested_at=ingested_at
        )
        for attempt in (1, 2):
            try:
                with self._write() as conn:
                    return self._save_rows(conn, rows["articles"][0]["id"], rows["articles"][0]["content_hash"], rows)
            except IntegrityError as error:
                # Another writer may have stored the same article between our check and insert
                # (PostgreSQL); a second pass sees its row. A real integrity problem fails twice.
                if attempt == 2:
                    raise EventwireError(
                        "E009", f"article {extraction.article.id!r} cannot be stored: {_reason(error)}"
                    ) from error
            except OperationalError as error:
                raise EventwireError(
                    "E009", f"article {extraction.article.id!r} was not stored: {_reason(error)}"
                ) from error
        raise AssertionError("unreachable")

    @staticmethod
    def _save_rows(conn: Connection, article_id: str, digest: str, rows: dict[str, list[dict[str, Any]]]) -> SaveResult:
        if conn.execute(select(articles.c.id).where(articles.c.content_hash == digest)).first() is not None:
            return "unchanged"
        existing = conn.execute(select(articles.c.id).where(articles.c.id == article_id)).first()
        if existing is not None:
            for table in CHILD_TABLES:
                conn.execute(delete(table).where(table.c.article_id == article_id))
            conn.execute(delete(articles).where(articles.c.id == article_id))
        for table in metadata.sorted_tables:
            table_rows = rows.get(table.name)
            if table_rows:
                conn.execute(insert(table), table_rows)
        return "updated" if existing is not None else "new"

    def delete(self, article_id: str) -> bool:
        """Remove an article and all its rows; False when there was no such article."""
        article_id = valid_text(article_id)
        with self._write() as conn:
            for table in CHILD_TABLES:
                conn.execute(delete(table).where(table.c.article_id == article_id))
            return conn.execute(delete(articles).where(articles.c.id == article_id)).rowcount > 0

    def rebuild_search(self) -> None:
        """Re-index all articles for search (SQLite), e.g. after bulk copies that bypassed triggers."""
        with self._write() as conn:
            rebuild_search(conn)

    # -- reading -----------------------------------------------------------------------------

    def has_hash(self, content_hash: str) -> bool:
        """Whether content with this hash is stored (so its analysis can be skipped)."""
        with self._read() as conn:
            found = conn.execute(select(articles.c.id).where(articles.c.content_hash == valid_text(content_hash)))
            return found.first() is not None

    def load(self, article_id: str) -> dict[str, Any] | None:
        """The stored article as the output contract's JSON object (``Extraction.to_dict()``), or None."""
        article_id = valid_text(article_id)
        with self._read() as conn:
            article = conn.execute(select(articles).where(articles.c.id == article_id)).mappings().first()
            if article is None:
                return None
            rows: dict[str, list[dict[str, Any]]] = {"articles": [dict(article)]}
            for table in (entities, mentions, places, place_mentions, events, event_actors, quotes, times):
                # Within each entity (event role, place) positions ascend, which is all the order needed.
                statement = select(table).where(table.c.article_id == article_id).order_by(table.c.position)
                rows[table.name] = [dict(row) for row in conn.execute(statement).mappings()]
        return contract_dict(rows)

    def load_extraction(self, article_id: str) -> Extraction | None:
        """The stored article as an ``Extraction`` (records, spans as tuples), or None."""
        stored = self.load(article_id)
        return None if stored is None else extraction_from_dict(stored)

    def stored(self, article_id: str) -> dict[str, Any] | None:
        """How an article was stored: content_hash, ingested_at, origin, model."""
        columns = [articles.c.id, articles.c.content_hash, articles.c.ingested_at, articles.c.origin, articles.c.model]
        with self._read() as conn:
            row = conn.execute(select(*columns).where(articles.c.id == valid_text(article_id))).mappings().first()
        return None if row is None else dict(row)

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        result: dict[str, int] = {}
        with self._read() as conn:
            for table in (articles, entities, mentions, events, event_actors, quotes, times, places, place_mentions):
                result[table.name] = int(conn.execute(select(func.count()).select_from(table)).scalar_one())
        return result

    def articles(
        self, limit: int = 50, since: str | None = None, until: str | None = None, source: str | None = None
    ) -> list[dict[str, Any]]:
        """Articles, newest publication first, with how many entities, events and quotes each holds."""
        columns = [
            articles.c.id, articles.c.title, articles.c.published, articles.c.source, articles.c.url,
            articles.c.origin, articles.c.model, articles.c.ingested_at,
            *[
                select(func.count()).where(table.c.article_id == articles.c.id).scalar_subquery().label(table.name)
                for table in (entities, events, quotes)
            ],
        ]
        statement = select(*columns)
        if since is not None:
            statement = statement.where(articles.c.published >= since_bound(since))
        if until is not None:
            statement = statement.where(articles.c.published <= until_bound(until))
        if source is not None:
            statement = statement.where(func.lower(articles.c.source) == valid_text(source).lower())
        statement = statement.order_by(
            articles.c.published.desc().nulls_last(), articles.c.ingested_at.desc(), articles.c.id
        ).limit(_limit(limit))
        with self._read() as conn:
            return [dict(row) for row in conn.execute(statement).mappings()]

    def actors(
        self,
        kind: str | None = None,
        country: str | None = None,
        sector: str | None = None,
        name: str | None = None,
        limit: int = 100,
    ) -> list[dict[str, Any]]:
        """Actors across articles, one row per (name, kind, country, sector, code), most widespread first.

        ``name`` matches a case-insensitive substring; the other filters match exactly.
        """
        mention_counts = (
            select(mentions.c.article_id, mentions.c.entity_id, func.count().label("n"))
            .group_by(mentions.c.article_id, mentions.c.entity_id)
            .subquery()
        )
        key = (entities.c.name, entities.c.kind, entities.c.country, entities.c.sector, entities.c.code)
        article_count = func.count(distinct(entities.c.article_id)).label("articles")
        mention_count = func.coalesce(func.sum(mention_counts.c.n), 0).label("mentions")
        statement = (
            select(
                *key, article_count, mention_count,
                func.min(articles.c.published).label("first_published"),
                func.max(articles.c.published).label("last_published"),
            )
            .select_from(
                entities.join(articles, articles.c.id == entities.c.article_id).outerjoin(
                    mention_counts,
                    and_(
                        mention_counts.c.article_id == entities.c.article_id,
                        mention_counts.c.entity_id == entities.c.entity_id,
                    ),
                )
            )
            .group_by(*key)
        )
        for column, value in ((entities.c.kind, kind), (entities.c.country, country), (entities.c.sector, sector)):
            if value is not None:
                statement = statement.where(func.upper(column) == valid_text(value).upper())
        if name is not None:
            statement = statement.where(_contains(entities.c.name, name))
        statement = statement.order_by(article_count.desc(), mention_count.desc(), entities.c.name).limit(_limit(limit))
        with self._read() as conn:
            return [dict(row) for row in conn.execute(statement).mappings()]

    def search(self, query: str, limit: int = 20, markers: tuple[str, str] = ("[", "]")) -> list[dict[str, Any]]:
        """Articles whose title or text contain every word of ``query``, best match first.

        Any text is safe: quotes, operators and brackets are searched as words. A word ending in
        ``*`` matches as a prefix. Each result carries a ``snippet`` with matches between ``markers``.
        """
        start, stop = valid_text(markers[0]), valid_text(markers[1])
        with self._read() as conn:
            return search_articles(conn, valid_text(query), _limit(limit), (start, stop))

    def events(
        self,
        actor: str | None = None,
        recipient: str | None = None,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        status: str | None = None,
        limit: int = 100,
    ) -> list[dict[str, Any]]:
        """Events, latest first, with their actors' and recipients' names and codes.

        ``actor``/``recipient`` match an entity's code, country or name (case-insensitive; a name
        matches by whole words, so "Putin" finds "Vladimir Putin"). ``since``/``until`` take YYYY,
        YYYY-MM or YYYY-MM-DD and keep events whose date overlaps the range; events without a
        calendar date are left out whenever either is given.
        """
        statement = select(
            events.c.article_id, events.c.event_id, events.c.type, events.c.mode, events.c.cameo,
            events.c.quad, events.c.goldstein, events.c.status, events.c.date_value, events.c.date_text,
            events.c.date_from, events.c.date_to, events.c.location_name, events.c.location_place,
            events.c.reported_by, events.c.trigger, events.c.evidence_start, events.c.evidence_end,
            events.c.evidence_text, events.c.rule, events.c.confidence,
            articles.c.title.label("article_title"), articles.c.published, articles.c.url,
        ).select_from(events.join(articles, articles.c.id == events.c.article_id))
        for role, value in (("actor", actor), ("recipient", recipient)):
            if value is not None:
                statement = statement.where(
                    exists(
                        select(literal(1))
                        .select_from(
                            event_actors.join(
                                entities,
                                and_(
                                    entities.c.article_id == event_actors.c.article_id,
                                    entities.c.entity_id == event_actors.c.entity_id,
                                ),
                            )
                        )
                        .where(
                            event_actors.c.article_id == events.c.article_id,
                            event_actors.c.event_id == events.c.event_id,
                            event_actors.c.role == role,
                            or_(_entity_matches(value), func.lower(event_actors.c.code) == valid_text(value).strip().lower()),
                        )
                    )
                )
        if type is not None:
            statement = statement.where(func.upper(events.c.type) == valid_text(type).upper())
        if status is not None:
            statement = statement.where(func.lower(events.c.status) == valid_text(status).lower())
        if since is not None:
            statement = statement.where(events.c.date_to >= since_bound(since))
        if until is not None:
            statement = statement.where(events.c.date_from <= until_bound(until))
        statement = statement.order_by(
            events.c.date_from.desc().nulls_last(), articles.c.published.desc().nulls_last(),
            events.c.article_id, events.c.position,
        ).limit(_limit(limit))
        with self._read() as conn:
            found = [dict(row) for row in conn.execute(statement).mappings()]
            self._add_participants(conn, found)
        return [{key: row[key] for key in EVENT_KEYS} for row in found]

    @staticmethod
    def _add_participants(conn: Connection, found: list[dict[str, Any]]) -> None:
        """Fill actor/recipient ids, names and codes and the reporter's name into event rows."""
        by_key = {(row["article_id"], row["event_id"]): row for row in found}
        for row in found:
            for role in ("actor", "recipient"):
                row[f"{role}_ids"], row[f"{role}_names"], row[f"{role}_codes"] = [], [], []
            row["reported_by_name"] = None
        article_ids = sorted({row["article_id"] for row in found})
        if not article_ids:
            return
        statement = (
            select(event_actors.c.article_id, event_actors.c.event_id, event_actors.c.role,
                   entities.c.entity_id, entities.c.name, entities.c.code)
            .select_from(
                event_actors.join(
                    entities,
                    and_(entities.c.article_id == event_actors.c.article_id,
                         entities.c.entity_id == event_actors.c.entity_id),
                )
            )
            .where(event_actors.c.article_id.in_(article_ids))
            .order_by(event_actors.c.article_id, event_actors.c.event_id, event_actors.c.role, event_actors.c.position)
        )
        for part in conn.execute(statement).mappings():
            event_row = by_key.get((part["article_id"], part["event_id"]))
            if event_row is not None:
                event_row[f"{part['role']}_ids"].append(part["entity_id"])
                event_row[f"{part['role']}_names"].append(part["name"])
                event_row[f"{part['role']}_codes"].append(part["code"])
        reporters = select(entities.c.article_id, entities.c.entity_id, entities.c.name).where(
            entities.c.article_id.in_(article_ids)
        )
        names = {(r.article_id, r.entity_id): r.name for r in conn.execute(reporters)}
        for row in found:
            if row["reported_by"] is not None:
                row["reported_by_name"] = names.get((row["article_id"], row["reported_by"]))

    def quotes(
        self,
        speaker: str | None = None,
        about: str | None = None,
        since: str | None = None,
        until: str | None = None,
        text: str | None = None,
        limit: int = 100,
    ) -> list[dict[str, Any]]:
        """Quotes, newest article first, with speaker and channel names.

        Each row has ``speaker``/``speaker_name`` (the first speaker), ``speakers`` (every speaker's
        entity id) and ``speaker_names`` ("Sergei Lavrov; Hakan Fidan").

        ``speaker`` matches the code, country or name (as in ``events``) of the speaker or of any
        entity in ``speakers`` (compound sources);
        ``about`` matches an entity mentioned inside the quote; ``text`` is a case-insensitive
        substring of the quote; ``since``/``until`` compare the article's publication date.
        """
        speaker_entity = entities.alias("speaker_entity")
        via_entity = entities.alias("via_entity")
        statement = (
            select(
                quotes.c.article_id, quotes.c.quote_id, quotes.c.kind, quotes.c.text, quotes.c.start,
                quotes.c["end"], quotes.c.speaker, speaker_entity.c.name.label("speaker_name"),
                speaker_entity.c.code.label("speaker_code"), quotes.c.speakers, quotes.c.cue, quotes.c.via,
                via_entity.c.name.label("via_name"), quotes.c.rule,
                articles.c.title.label("article_title"), articles.c.published, articles.c.url,
            )
            .select_from(
                quotes.join(articles, articles.c.id == quotes.c.article_id)
                .outerjoin(
                    speaker_entity,
                    and_(speaker_entity.c.article_id == quotes.c.article_id,
                         speaker_entity.c.entity_id == quotes.c.speaker),
                )
                .outerjoin(
                    via_entity,
                    and_(via_entity.c.article_id == quotes.c.article_id, via_entity.c.entity_id == quotes.c.via),
                )
            )
        )
        if speaker is not None:
            # the first speaker, or any of a compound source ("Lavrov and Fidan") kept in ``speakers``
            statement = statement.where(
                exists(
                    select(literal(1))
                    .select_from(entities)
                    .where(
                        entities.c.article_id == quotes.c.article_id,
                        or_(
                            entities.c.entity_id == quotes.c.speaker,
                            quotes.c.speakers.like(literal('%"') + entities.c.entity_id + literal('"%')),
                        ),
                        _entity_matches(speaker),
                    )
                )
            )
        if about is not None:
            statement = statement.where(
                exists(
                    select(literal(1))
                    .select_from(
                        mentions.join(
                            entities,
                            and_(entities.c.article_id == mentions.c.article_id,
                                 entities.c.entity_id == mentions.c.entity_id),
                        )
                    )
                    .where(
                        mentions.c.article_id == quotes.c.article_id,
                        mentions.c.start >= quotes.c.start,
                        mentions.c["end"] <= quotes.c["end"],
                        _entity_matches(about),
                    )
                )
            )
        if text is not None:
            statement = statement.where(_contains(quotes.c.text, text))
        if since is not None:
            statement = statement.where(articles.c.published >= since_bound(since))
        if until is not None:
            statement = statement.where(articles.c.published <= until_bound(until))
        statement = statement.order_by(
            articles.c.published.desc().nulls_last(), quotes.c.article_id, quotes.c.position
        ).limit(_limit(limit))
        with self._read() as conn:
            rows = [dict(row) for row in conn.execute(statement).mappings()]
            for row in rows:
                row["speakers"] = json.loads(row["speakers"] or "[]") or ([row["speaker"]] if row["speaker"] else [])
            wanted = {(row["article_id"], ref) for row in rows for ref in row["speakers"]}
            names = self._entity_names(conn, wanted)
        for row in rows:
            row["speaker_names"] = "; ".join(names.get((row["article_id"], ref), ref) for ref in row["speakers"])
        return rows

    @staticmethod
    def _entity_names(conn: Connection, wanted: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """Names of the (article id, entity id) pairs asked for."""
        found: dict[tuple[str, str], str] = {}
        for article_id in sorted({article for article, _ in wanted}):
            ids = sorted(entity for article, entity in wanted if article == article_id)
            query = select(entities.c.entity_id, entities.c.name).where(
                entities.c.article_id == article_id, entities.c.entity_id.in_(ids))
            found.update({(article_id, entity_id): name for entity_id, name in conn.execute(query)})
        return found


def _limit(limit: int) -> int:
    """A row limit as a non-negative int (bound as a parameter, never formatted into SQL)."""
    try:
        return max(int(limit), 0)
    except (TypeError, ValueError) as error:
        raise EventwireError("E009", f"limit must be a whole number, not {limit!r}") from error


def _reason(error: SQLAlchemyError) -> str:
    """The driver's message without SQLAlchemy's statement dump."""
    original = getattr(error, "orig", None)
    return str(original) if original is not None else str(error).splitlines()[0]


__all__ = ["SaveResult", "Store", "content_hash", "database_url"]
