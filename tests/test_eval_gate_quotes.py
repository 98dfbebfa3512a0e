"""Quality gate for the quote stage: PolNeAR dev figures stay at or above the pinned floors.

The floors live in ``tests/gates/quotes.json``; raising one is a commit, lowering one needs a
stated reason there. ``python -m eventwire.evaluate.quotes`` prints the full table.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

GATES = Path(__file__).resolve().parent / "gates" / "quotes.json"


@pytest.fixture(scope="module")
def result(anchors: Path) -> dict[str, Any]:
    from eventwire.evaluate import quotes

    if not (anchors / quotes.FOLDER / "dev").is_dir():
        pytest.skip("PolNeAR dev split is not in the anchors folder")
    try:
        import textacy  # noqa: F401

        with_textacy = True
    except ImportError:
        with_textacy = False
    return quotes.run(anchors, "dev", with_textacy=with_textacy)


@pytest.fixture(scope="module")
def floors() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(GATES.read_text(encoding="utf-8"))
    return data


def test_the_dev_split_is_the_one_the_floors_were_set_on(result: dict[str, Any], floors: dict[str, Any]) -> None:
    assert result["annotation_files"] == floors["annotation_files"]
    assert result["eventwire"]["gold"] == floors["gold_attributions"]


@pytest.mark.parametrize("role", ["cue", "source", "content", "attribution"])
def test_exact_f1_floors(result: dict[str, Any], floors: dict[str, Any], role: str) -> None:
    from eventwire.evaluate.quotes import format_table

    assert result["eventwire"]["exact"][role]["f1"] >= floors["exact_f1"][role], format_table(result)


@pytest.mark.parametrize("role", ["cue", "source", "content", "attribution_tokens", "attribution_counted"])
def test_overlap_f1_floors(result: dict[str, Any], floors: dict[str, Any], role: str) -> None:
    from eventwire.evaluate.quotes import format_table

    assert result["eventwire"]["overlap"][role]["f1"] >= floors["overlap_f1"][role], format_table(result)


def test_precision_floor(result: dict[str, Any], floors: dict[str, Any]) -> None:
    assert result["eventwire"]["overlap"]["attribution_counted"]["p"] >= floors["attribution_counted_precision"]


def test_pronoun_speaker_floor(result: dict[str, Any], floors: dict[str, Any]) -> None:
    assert result["pronoun_speakers"]["accuracy_of_found"] >= floors["pronoun_speaker_accuracy"]


def test_we_beat_textacy_on_the_same_articles(result: dict[str, Any]) -> None:
    if result["textacy"] is None:
        pytest.skip("textacy is not installed (an evaluation-only extra)")
    ours, theirs = result["eventwire"], result["textacy"]
    for kind, role in [("exact", "attribution"), ("overlap", "attribution_counted"), ("overlap", "attribution_tokens")]:
        assert ours[kind][role]["f1"] > theirs[kind][role]["f1"]


def test_the_stage_is_cheap_next_to_parsing(result: dict[str, Any], floors: dict[str, Any]) -> None:
    assert result["speed"]["quotes_over_parse"] <= floors["max_quotes_over_parse"]
