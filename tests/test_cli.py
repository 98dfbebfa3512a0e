"""The CLI through the real command (Typer's CliRunner), the contract through its JSON Schema."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.records import Extraction

REPO = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((REPO / "docs" / "schema" / "extraction.schema.json").read_text(encoding="utf-8"))
REFERENCE = str(REPO / "examples" / "reference-article.txt")

runner = CliRunner()


def invoke(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


def test_extract_reference_matches_schema_and_spans_are_valid() -> None:
    result = invoke("extract", REFERENCE, "--date", "2025-05-27")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    text = data["article"]["text"]
    assert data["article"]["published"] == "2025-05-27"
    ids = {e["id"] for e in data["entities"]}
    for entity in data["entities"]:
        for start, end in entity["mentions"]:
            assert 0 <= start < end <= len(text)
    for quote in data["quotes"]:
        assert quote["speaker"] is None or quote["speaker"] in ids
    for event in data["events"]:
        assert set(event["actor"]) | set(event["recipient"]) <= ids


def test_schema_rejects_a_renamed_field(reference: Extraction) -> None:
    data = reference.to_dict()
    jsonschema.validate(data, SCHEMA)
    data["entities"][0]["mention_spans"] = data["entities"][0].pop("mentions")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)


def test_extract_jsonl_keeps_input_order_and_reports_bad_lines() -> None:
    lines = [
        {"id": "first", "text": "Turkish President Recep Tayyip Erdogan met Vladimir Putin in Sochi."},
        "{broken",
        {"id": "third", "text": "Ukraine said Russian drones hit Kharkiv.", "published": "2025-03-01"},
    ]
    stdin = "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n"
    result = runner.invoke(app, ["extract", "-", "--format", "jsonl"], input=stdin)
    assert result.exit_code == 1  # one item failed
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o.get("article", {}).get("id") or o.get("id") for o in out] == ["first", None, "third"]
    assert out[1]["error"]["code"] == "E005"
    assert out[2]["article"]["published"] == "2025-03-01"
    assert "E005" in result.stderr and "1 failed" in result.stderr


def test_bad_date_is_one_clear_line() -> None:
    result = runner.invoke(app, ["extract", REFERENCE, "--date", "27/05/2025x"])
    assert result.exit_code == 2
    assert "E007" in result.stderr and "Traceback" not in result.stderr


def test_bad_inputs_fail_alone(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (tmp_path / "latin1.txt").write_bytes("Le ministre français a parlé à Moscou.".encode("latin-1"))
    (tmp_path / "good.txt").write_text("Hakan Fidan met Sergei Lavrov in Moscow.", encoding="utf-8")
    (tmp_path / "big.txt").write_text("word " * 5000, encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(db), "--max-bytes", "20000"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = result.stderr
    assert re.search(r"empty\.txt.*E002", errors)
    assert re.search(r"binary\.txt.*E003", errors)
    assert re.search(r"big\.txt.*E004", errors)
    assert "2 new" in errors and "3 failed" in errors  # good.txt and latin1.txt (decoded with a warning)


def test_ingest_is_idempotent_and_queries_work(tmp_path: Path) -> None:
    db = str(tmp_path / "e.db")
    first = invoke("ingest", str(REPO / "examples"), "--db", db)
    assert first.exit_code == 0 and "1 new" in first.stderr
    again = invoke("ingest", str(REPO / "examples"), "--db", db)
    assert again.exit_code == 0 and "1 unchanged" in again.stderr and "0 new" in again.stderr

    articles = json.loads(invoke("articles", "--db", db, "--format", "json").stdout)
    assert [a["id"] for a in articles] == ["reference-article"]
    assert articles[0]["published"] == "2025-05-27"

    actors = json.loads(invoke("actors", "--db", db, "--country", "RUS", "--format", "json").stdout)
    assert "Sergei Lavrov" in {a["name"] for a in actors}

    hits = json.loads(invoke("search", "drones", "--db", db, "--format", "json").stdout)
    assert hits and hits[0]["id"] == "reference-article"

    csv_out = invoke("actors", "--db", db, "--format", "csv").stdout
    assert csv_out.splitlines()[0].startswith("name,")

    assaults = json.loads(invoke("events", "--db", db, "--actor", "RUSMIL", "--type", "ASSAULT", "--format", "json").stdout)
    assert assaults and all(e["type"] == "ASSAULT" for e in assaults)
    dated = json.loads(invoke("events", "--db", db, "--since", "2025-05-26", "--until", "2025-05-26", "--format", "json").stdout)
    # a date range matches every event whose date overlaps it ("2025-05" covers 2025-05-26)
    assert {"2025-05-26", "2025-05"} <= {e["date_value"][:10] for e in dated}
    assert all("2025-05-26".startswith(e["date_value"][:10]) for e in dated)

    shown = invoke("show", "reference-article", "--db", db)
    assert shown.exit_code == 0 and "Sergei Lavrov" in shown.stdout


def test_query_without_database_says_how_to_make_one(tmp_path: Path) -> None:
    result = runner.invoke(app, ["articles", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "E009" in result.stderr and "eventwire ingest" in result.stderr


def test_every_command_has_help_and_is_documented() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for command in app.registered_commands:
        name = command.name or command.callback.__name__  # type: ignore[union-attr]
        result = invoke(name, "--help")
        assert result.exit_code == 0 and "Usage" in result.stdout
        assert f"eventwire {name}" in readme, f"README does not show `eventwire {name}`"


def test_user_boilerplate_file_extends_the_cleaner(tmp_path: Path) -> None:
    rules = tmp_path / "mine.yaml"
    rules.write_text("line:\n  - Listen to this story\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Listen to this story\nTurkey offered to host the talks.\n", encoding="utf-8")
    plain = json.loads(invoke("extract", str(article)).stdout)
    assert plain["article"]["text"].startswith("Listen")
    cleaned = json.loads(invoke("extract", str(article), "--boilerplate", str(rules)).stdout)
    assert cleaned["article"]["text"] == "Turkey offered to host the talks."
    assert cleaned["article"]["removed"] == ["Listen to this story"]


def test_eval_rejects_an_unknown_format_in_one_line() -> None:
    result = runner.invoke(app, ["eval", "extraction", "--format", "xml"])
    assert result.exit_code == 2
    assert "E013" in result.output and "table or json" in result.output
    assert "Traceback" not in result.output


def test_eval_prints_a_table_or_json() -> None:
    from eventwire.evaluate import anchors_dir

    anchors = anchors_dir()
    if anchors is None:
        pytest.skip("../shared/anchors is not beside the repo")
    table = invoke("eval", "extraction", "--anchors", str(anchors))
    assert table.exit_code == 0 and re.search(r"^eventwire\s+0\.\d{3}", table.output, re.M)
    as_json = invoke("eval", "extraction", "--anchors", str(anchors), "--format", "json")
    assert as_json.exit_code == 0
    assert json.loads(as_json.output)["pages"] > 0


def test_logged_warnings_are_one_line_unless_verbose() -> None:
    import logging

    from eventwire.errors import OneLineFormatter

    try:
        raise ValueError("5 quotation marks found")
    except ValueError:
        record = logging.LogRecord("eventwire.x", logging.WARNING, __file__, 1, "textacy failed on %s", ("a1",),
                                   sys.exc_info())
    line = OneLineFormatter().format(record)
    assert line == "warning: textacy failed on a1 (ValueError: 5 quotation marks found)"
    assert "Traceback" not in line and "\n" not in line
    assert invoke("--verbose", "extract", "--help").exit_code == 0
