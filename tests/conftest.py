"""Shared fixtures: the anchors folder (skip where absent) and the analysed reference article."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.evaluate import anchors_dir

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
REFERENCE = REPO / "examples" / "reference-article.txt"


@pytest.fixture(scope="session")
def anchors() -> Path:
    path = anchors_dir()
    if path is None:
        pytest.skip("../shared/anchors is not here (development gold sets only ship beside CI)")
    return path


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL database for the store tests (see tests/postgres_server.py)."""
    url = os.environ.get("EVENTWIRE_TEST_POSTGRES")
    if url:
        yield url
        return
    try:
        import psycopg  # noqa: F401
        from postgres_server import postgres_server

        server = postgres_server()
        url = server.__enter__()
    except (ImportError, RuntimeError) as e:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required in CI: {e}")
        pytest.skip(f"PostgreSQL not available here ({e}); .ci/run installs it")
    try:
        yield url
    finally:
        server.__exit__(None, None, None)


@pytest.fixture(scope="session")
def reference_text() -> str:
    return REFERENCE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def reference():  # type: ignore[no-untyped-def]
    """The reference article run through the whole pipeline with its publication date."""
    from eventwire import extract

    return extract(REFERENCE.read_text(encoding="utf-8"), published="2025-05-27", id="reference-article")
