"""Schema versions and the upgrade path, applied in one transaction when a store opens.

A new database gets the current schema from ``schema.py`` and is stamped with ``SCHEMA_VERSION``.
An older one is brought forward by ``MIGRATIONS[n]`` (turns version n-1 into n), in order, each
stamping its version, all in the caller's transaction: a failing step leaves the file as it was.
A database newer than this code is refused (E009) rather than half-understood.

To change the schema: edit ``schema.py``, bump ``SCHEMA_VERSION`` there, add the step here (ending
with ``install_views(conn)`` when the views read changed columns), and describe the change in
``docs/store.md``.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, inspect, select

from .. import __version__
from ..errors import EventwireError
from . import schema
from .search import install_search
from .views import install_views

Migration = Callable[[Connection], None]

SCHEMA_VERSION = schema.SCHEMA_VERSION

MIGRATIONS: dict[int, Migration] = {
    2: install_views,  # quote_list gained ``speakers`` and ``speaker_codes`` (every speaker of a compound source)
}


def create_schema(conn: Connection) -> None:
    """Create every table, index, the search machinery and the readable views of the current schema."""
    schema.metadata.create_all(conn)
    install_search(conn)
    install_views(conn)


def read_version(conn: Connection) -> int | None:
    """The schema version stamped in ``meta``, or None for a database without one."""
    if not inspect(conn).has_table("meta"):
        return None
    value = conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == "schema_version")).scalar()
    return None if value is None else int(value)


def _stamp(conn: Connection, key: str, value: str) -> None:
    meta = schema.meta
    if conn.execute(select(meta.c.key).where(meta.c.key == key)).first() is None:
        conn.execute(meta.insert().values(key=key, value=value))
    else:
        conn.execute(meta.update().where(meta.c.key == key).values(value=value))


def upgrade(conn: Connection) -> int:
    """Bring the database to ``SCHEMA_VERSION`` (creating it when empty); returns the version found."""
    version = read_version(conn)
    if version is None:
        ours = {table.name for table in schema.DATA_TABLES}
        clash = sorted(ours & set(inspect(conn).get_table_names()))
        if clash:
            raise EventwireError(
                "E009",
                f"this database has tables named {', '.join(clash)} but no eventwire schema version; "
                "it was not made by eventwire. Use another file or URL.",
            )
        create_schema(conn)
        _stamp(conn, "schema_version", str(SCHEMA_VERSION))
        _stamp(conn, "created_by", f"eventwire {__version__}")
        return 0
    if version > SCHEMA_VERSION:
        raise EventwireError(
            "E009",
            f"this database has schema version {version}, newer than this eventwire knows "
            f"(version {SCHEMA_VERSION}); upgrade eventwire (pip install -U eventwire) to open it.",
        )
    for target in range(version + 1, SCHEMA_VERSION + 1):
        step = MIGRATIONS.get(target)
        if step is None:
            raise EventwireError("E009", f"no migration from schema version {target - 1} to {target}")
        try:
            step(conn)
        except Exception as error:  # a failed step rolls the whole upgrade back; say which one
            raise EventwireError(
                "E009", f"upgrading the database to schema version {target} failed: {error}"
            ) from error
        _stamp(conn, "schema_version", str(target))
    return version
