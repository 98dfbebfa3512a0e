"""Quality gate for the actors stage: coding coverage on the VOA stories stays above its floors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eventwire.evaluate import entities as entities_eval

GATE = json.loads((Path(__file__).resolve().parent / "gates" / "entities.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def figures(anchors: Path) -> dict[str, Any]:
    if not (anchors / "voa" / "voa_stories.jsonl").exists():
        pytest.skip("the VOA stories are not in the anchors")
    return entities_eval.run(anchors)


@pytest.mark.anchors
def test_entity_coverage_stays_above_floors(figures: dict[str, Any]) -> None:
    assert figures["articles"] == 89
    for name, floor in GATE.items():
        if name.startswith("_"):
            continue
        assert figures[name] >= floor, f"{name} {figures[name]:.3f} fell below {floor}"
