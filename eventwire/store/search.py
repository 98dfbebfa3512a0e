"""Full-text search over article titles and texts: the only dialect-specific part of the store.

SQLite: an FTS5 table ``articles_fts`` with ``articles`` as its external content, kept in step by
triggers (so rows written by any tool, Datasette or the sqlite3 shell included, stay searchable).
``content="articles"`` is spelled the way Datasette looks for it, so its search box works.
PostgreSQL: a GIN index over ``to_tsvector('english', title || text)`` queried with
``websearch_to_tsquery``, which accepts any user input. User input never reaches SQL text: it is
bound as a parameter, and on SQLite each term is first quoted as an FTS5 string.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, text

SNIPPET_TOKENS = 16

_SQLITE_DDL = (
    """CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
        title, text, content="articles", content_rowid="rowid",
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END""",
)

_PG_VECTOR = "to_tsvector('english', coalesce(title, '') || ' ' || coalesce(text, ''))"
_PG_DDL = (f"CREATE INDEX IF NOT EXISTS articles_search ON articles USING GIN ({_PG_VECTOR})",)

# A term is a run of non-space characters; a trailing * asks for a prefix match.
_TERM = re.compile(r"\S+")


def install_search(conn: Connection) -> None:
    """Create the search table or index (and its triggers) for the connection's dialect."""
    statements = _SQLITE_DDL if conn.dialect.name == "sqlite" else _PG_DDL
    for statement in statements:
        conn.exec_driver_sql(statement)


def rebuild_search(conn: Connection) -> None:
    """Re-index every article (SQLite), e.g. after rows were copied in with triggers off."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")


def fts5_query(user_query: str) -> str:
    """Turn free text into a safe FTS5 query: every term a quoted string, all terms required.

    ``"`` inside a term is doubled (FTS5's escape), so operators, column filters, parentheses and
    quotes in user input are searched for as words, never parsed. A term ending in ``*`` keeps
    its prefix meaning (``sanction*``). Returns "" when there is nothing to search for.
    """
    parts = []
    for term in _TERM.findall(user_query.replace("\x00", " ")):
        prefix = term.endswith("*") and len(term.rstrip("*")) > 0
        word = term.rstrip("*") if prefix else term
        if not any(ch.isalnum() for ch in word):
            continue  # punctuation alone has no tokens; FTS5 would match nothing
        quoted = '"' + word.replace('"', '""') + '"'
        parts.append(quoted + ("*" if prefix else ""))
    return " ".join(parts)


def search_articles(
    conn: Connection, query: str, limit: int, markers: tuple[str, str]
) -> list[dict[str, Any]]:
    """Articles matching ``query``, best first (higher ``score``), each with a highlighted snippet."""
    if conn.dialect.name == "sqlite":
        return _search_sqlite(conn, query, limit, markers)
    return _search_postgres(conn, query, limit, markers)


def _search_sqlite(conn: Connection, query: str, limit: int, markers: tuple[str, str]) -> list[dict[str, Any]]:
    match = fts5_query(query)
    if not match:
        return []
    statement = text(
        """SELECT a.id, a.title, a.published, a.source, a.url,
                  snippet(articles_fts, -1, :open, :close, :ellipsis, :tokens) AS snippet,
                  -bm25(articles_fts) AS score
           FROM articles_fts JOIN articles AS a ON a.rowid = articles_fts.rowid
           WHERE articles_fts MATCH :match
           ORDER BY score DESC, a.published DESC, a.id
           LIMIT :limit"""
    )
    params = {
        "open": markers[0], "close": markers[1], "ellipsis": "…", "tokens": SNIPPET_TOKENS,
        "match": match, "limit": limit,
    }
    return [dict(row._mapping) for row in conn.execute(statement, params)]


def pg_tsquery(user_query: str) -> str:
    """User words as a PostgreSQL tsquery: every word required, ``word*`` a prefix, operators plain words.

    Only word characters reach ``to_tsquery``, so its syntax cannot be injected.
    """
    terms = []
    for match in re.finditer(r"(\w+)(\*?)", user_query.replace("\x00", " ")):
        word, star = match.groups()
        terms.append(f"{word}:*" if star else word)
    return " & ".join(terms)


def _search_postgres(conn: Connection, query: str, limit: int, markers: tuple[str, str]) -> list[dict[str, Any]]:
    tsquery = pg_tsquery(query)
    if not tsquery:
        return []
    start, stop = (marker.replace('"', "") for marker in markers)
    options = f'StartSel="{start}", StopSel="{stop}", MaxWords={SNIPPET_TOKENS}, MinWords=5'
    statement = text(
        f"""SELECT a.id, a.title, a.published, a.source, a.url,
                   ts_headline('english', coalesce(a.text, ''), q, :options) AS snippet,
                   ts_rank({_PG_VECTOR}, q) AS score
            FROM articles AS a, to_tsquery('english', :query) AS q
            WHERE {_PG_VECTOR} @@ q
            ORDER BY score DESC, a.published DESC, a.id
            LIMIT :limit"""
    )
    params = {"options": options, "query": tsquery, "limit": limit}
    return [dict(row._mapping) for row in conn.execute(statement, params)]
