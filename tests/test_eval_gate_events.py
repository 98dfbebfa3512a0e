"""Quality gate for the event coder: anchor figures stay at or above the pinned floors.

The floors live in ``tests/gates/events.json``; raising one is a commit, lowering one needs a
stated reason there. ``python -m eventwire.evaluate.events`` prints the full tables.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

GATES = Path(__file__).resolve().parent / "gates" / "events.json"


@pytest.fixture(scope="module")
def floors() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(GATES.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def conflibert(anchors: Path) -> dict[str, Any]:
    from eventwire.evaluate import events

    if not (anchors / "events" / "conflibert_cameo_train.jsonl").is_file():
        pytest.skip("the ConfliBERT train split is not in the anchors folder")
    return events.evaluate_conflibert(anchors)


@pytest.fixture(scope="module")
def petrarch(anchors: Path) -> dict[str, Any]:
    from eventwire.evaluate import events

    if not (anchors / "events" / "petr2_gsr_validation.jsonl").is_file():
        pytest.skip("the PETRARCH-2 validation set is not in the anchors folder")
    return events.evaluate_petrarch(anchors)


def test_conflibert_quad_classes(conflibert: dict[str, Any], floors: dict[str, Any]) -> None:
    assert conflibert["sentences"] == floors["conflibert_sentences"]
    assert conflibert["accuracy"] >= floors["conflibert_accuracy"]
    assert conflibert["macro_f1"] >= floors["conflibert_macro_f1"]
    worst = min(v["f1"] for v in conflibert["per_class"].values())
    assert worst >= floors["conflibert_class_f1_min"], conflibert["per_class"]


def test_petrarch2_types_roots_and_dyads(petrarch: dict[str, Any], floors: dict[str, Any]) -> None:
    assert petrarch["sentences"] == floors["petrarch2_sentences"]
    assert petrarch["type_macro_f1"] >= floors["petrarch2_type_macro_f1"], petrarch["per_type"]
    assert petrarch["type_micro"]["f1"] >= floors["petrarch2_type_micro_f1"]
    assert petrarch["root"]["f1"] >= floors["petrarch2_root_f1"]
    assert petrarch["triples_coded"] >= floors["petrarch2_triples_coded"]
    assert petrarch["source_agreement"] >= floors["petrarch2_source_agreement"]
    assert petrarch["target_agreement"] >= floors["petrarch2_target_agreement"]


@pytest.mark.slow
def test_events_cost_little_on_top_of_the_other_stages(anchors: Path, floors: dict[str, Any]) -> None:
    from eventwire.evaluate import events

    if not (anchors / "voa" / "voa_stories.jsonl").is_file():
        pytest.skip("the VOA stories are not in the anchors folder")
    speed = events.evaluate_speed(anchors, limit=floors["speed_stories"])
    assert speed["events"] > 0
    assert speed["events_over_foundation"] <= floors["speed_events_over_foundation_max"], speed
    # events dated by their own time expression or their governing context, never the publication date
    assert speed["dated_share"] >= floors["voa_dated_share_min"], speed
