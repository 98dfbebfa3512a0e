"""Evaluation against the public development gold sets in ``../shared/anchors``.

Each module here scores one stage and has ``run(anchors: Path) -> dict`` plus a ``main()`` that
prints the figures; ``eventwire eval STAGE`` calls them. The data is read in place, never copied.
"""

from __future__ import annotations

import os
from pathlib import Path


def anchors_dir() -> Path | None:
    """Where the development gold sets are: $EVENTWIRE_ANCHORS, else ../shared/anchors beside the repo."""
    env = os.environ.get("EVENTWIRE_ANCHORS")
    candidates = [Path(env)] if env else []
    repo_root = Path(__file__).resolve().parents[2]
    candidates += [repo_root.parent / "shared" / "anchors", Path.cwd().parent / "shared" / "anchors"]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return None
