"""Quality gate for the time stage: TempEval-3 figures on the development data stay above floors.

Floors live in ``tests/gates/times.json`` a little under what ``python -m eventwire.evaluate.times``
measures; raising one is a commit, lowering one needs a stated reason.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eventwire.evaluate import times as times_eval

GATE = json.loads((Path(__file__).resolve().parent / "gates" / "times.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def figures(anchors: Path) -> dict[str, Any]:
    if not (anchors / times_eval.TIMEML_DIR).is_dir():
        pytest.skip("TempEval-3 training data is not in the anchors")
    return times_eval.run(anchors, dateparser=True)


@pytest.mark.anchors
@pytest.mark.parametrize("corpus", ["combined", "TimeBank", "AQUAINT"])
def test_time_figures_stay_above_their_floors(figures: dict[str, Any], corpus: str) -> None:
    measured = figures["eventwire"][corpus]
    for name, floor in GATE[corpus].items():
        assert measured[name] >= floor, f"{corpus} {name} {measured[name]:.3f} fell below {floor}"


@pytest.mark.anchors
def test_time_figures_are_read_on_every_document(figures: dict[str, Any]) -> None:
    assert figures["documents"] == {"TimeBank": 183, "AQUAINT": 73}
    assert figures["eventwire"]["combined"]["gold"] == 1822


@pytest.mark.anchors
def test_clearly_better_than_dateparser_on_the_same_run(figures: dict[str, Any]) -> None:
    ours, theirs = figures["eventwire"]["combined"], figures["dateparser"]["combined"]
    assert ours["value_f1"] - theirs["value_f1"] >= GATE["value_f1_over_dateparser"]
    assert ours["strict_f1"] > theirs["strict_f1"] and ours["relaxed_f1"] > theirs["relaxed_f1"]


@pytest.mark.anchors
def test_above_heideltime_on_the_development_data(figures: dict[str, Any]) -> None:
    ours = figures["eventwire"]["combined"]
    for name, theirs in times_eval.HEIDELTIME_TE3.items():
        assert ours[name] > theirs, f"{name}: {ours[name]:.3f} is not above HeidelTime's {theirs}"
