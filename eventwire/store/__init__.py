"""Store: extractions in SQLite (default) or PostgreSQL, and the queries analysts run on them.

``Store`` is the whole surface; ``docs/store.md`` describes every table and column.
"""

from __future__ import annotations

from .migrations import MIGRATIONS, SCHEMA_VERSION
from .store import SaveResult, Store, content_hash, database_url

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "SaveResult", "Store", "content_hash", "database_url"]
