"""Shared fixtures: the anchors folder (skip where absent) and the analysed reference article."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.evaluate import anchors_dir

REPO = Path(__file__).resolve().parents[1]
REFERENCE = REPO / "examples" / "reference-article.txt"


@pytest.fixture(scope="session")
def anchors() -> Path:
    path = anchors_dir()
    if path is None:
        pytest.skip("../shared/anchors is not here (development gold sets only ship beside CI)")
    return path


@pytest.fixture(scope="session")
def reference_text() -> str:
    return REFERENCE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def reference():  # type: ignore[no-untyped-def]
    """The reference article run through the whole pipeline with its publication date."""
    from eventwire import extract

    return extract(REFERENCE.read_text(encoding="utf-8"), published="2025-05-27", id="reference-article")
