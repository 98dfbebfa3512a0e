"""Reading inputs: files, folders, stdin, JSON Lines, manifests, and every way input can be bad."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.errors import InputError
from eventwire.ingest import (
    content_hash,
    normalise_published,
    read_inputs,
    sniff_format,
)
from eventwire.records import Article, Document

REPO = Path(__file__).resolve().parents[1]


def read(*paths: str | Path, **options: object) -> list[Document | InputError]:
    return list(read_inputs([str(p) for p in paths], **options))  # type: ignore[arg-type]


def only(items: list[Document | InputError]) -> Document | InputError:
    assert len(items) == 1, items
    return items[0]


def codes(items: list[Document | InputError]) -> list[str]:
    return [item.code if isinstance(item, InputError) else "doc" for item in items]


# --- plain files -------------------------------------------------------------------------------

def test_text_file_becomes_a_document_named_by_its_stem(tmp_path: Path) -> None:
    path = tmp_path / "lavrov-fidan.txt"
    path.write_text("Lavrov met Fidan in Moscow.\n", encoding="utf-8")
    document = only(read(path))
    assert isinstance(document, Document)
    assert (document.id, document.text, document.html, document.origin) == (
        "lavrov-fidan", "Lavrov met Fidan in Moscow.\n", None, str(path))
    assert document.warnings == []


def test_html_file_keeps_the_html_for_the_cleaner(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text("<html><body><p>Kyiv said.</p></body></html>", encoding="utf-8")
    document = only(read(path))
    assert isinstance(document, Document) and document.html and document.text is None


def test_gzipped_html_is_unpacked(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(b"<html><body><p>Kyiv said.</p></body></html>"))
    document = only(read(path))
    assert isinstance(document, Document) and document.id == "page" and "<p>Kyiv said.</p>" in (document.html or "")


def test_reference_article_reads_with_its_manifest() -> None:
    document = only(read(REPO / "examples" / "reference-article.txt"))
    assert isinstance(document, Document)
    assert document.published == "2025-05-27"
    assert document.title == "Russia backs Turkey hosting more Russia-Ukraine talks"
    assert document.text and document.text.startswith("Russia has voiced its support")


# --- bad input ---------------------------------------------------------------------------------

def test_missing_file_is_E001_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Text.", encoding="utf-8")
    items = read(tmp_path / "nope.txt", good)
    assert codes(items) == ["E001", "doc"]
    assert str(items[0]).startswith(str(tmp_path / "nope.txt"))


@pytest.mark.parametrize("content", [b"", b"  \n\t\n", b"\xef\xbb\xbf\n"])
def test_empty_file_is_E002(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert codes(read(path)) == ["E002"]


def test_binary_file_is_E003(tmp_path: Path) -> None:
    path = tmp_path / "picture.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert codes(read(path)) == ["E003"]


def test_control_character_soup_is_E003(tmp_path: Path) -> None:
    path = tmp_path / "soup.txt"
    path.write_bytes(bytes([1, 2, 3, 4, 5, 6, 65]) * 50)
    assert codes(read(path)) == ["E003"]


def test_file_over_the_limit_is_E004_and_says_how_to_raise_it(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 100, encoding="utf-8")
    error = only(read(path, max_bytes=100))
    assert isinstance(error, InputError) and error.code == "E004"
    assert "100 bytes" in error.message and "--max-bytes" in error.message
    assert isinstance(only(read(path, max_bytes=1000)), Document)


def test_gzip_bomb_is_stopped_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * 1_000_000))
    assert codes(read(path, max_bytes=10_000)) == ["E004"]


def test_broken_gzip_is_E003(tmp_path: Path) -> None:
    path = tmp_path / "broken.html.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00garbage")
    assert codes(read(path)) == ["E003"]


def test_windows_1252_text_is_decoded_with_a_W001_warning(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("The café said “no” – twice.".encode("cp1252"))
    document = only(read(path))
    assert isinstance(document, Document)
    assert document.text == "The café said “no” – twice."
    assert document.warnings and document.warnings[0].startswith("W001")


def test_mostly_utf8_with_a_stray_byte_keeps_utf8_and_marks_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "stray.txt"
    path.write_bytes("Zürich said “yes”.".encode() + b" \xff end")
    document = only(read(path))
    assert isinstance(document, Document)
    assert document.text == "Zürich said “yes”. \ufffd end"
    assert document.warnings[0].startswith("W001")


def test_utf16_with_bom_is_text_not_binary(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Kyiv stated.".encode("utf-16"))
    document = only(read(path))
    assert isinstance(document, Document) and document.text == "Kyiv stated." and not document.warnings


# --- JSON Lines and JSON -------------------------------------------------------------------------

def test_jsonl_reads_every_line_and_reports_each_bad_one_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        {"id": "a", "text": "Lavrov said.", "url": "https://example.org/a", "published": "2025-03-14 20:30:26Z"},
        "{not json",
        {"text": "No id here."},
        {"id": "c", "title": "no body"},
        {"id": "d", "html": "<p>Fidan met Putin.</p>", "source": "Example"},
        {"id": "e", "text": "Bad date.", "published": "last Tuesday"},
        ["a", "list"],
        {"id": "f", "text": "After the errors."},
    ]
    path.write_text("\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n\n",
                    encoding="utf-8")
    items = read(path)
    assert codes(items) == ["doc", "E005", "doc", "E006", "doc", "E007", "E005", "doc"]
    first, broken, no_id, _, html, bad_date, _, last = items
    assert isinstance(first, Document) and first.published == "2025-03-14" and first.url == "https://example.org/a"
    assert first.origin == f"{path}:1"
    assert isinstance(broken, InputError) and broken.origin == f"{path}:2"
    assert isinstance(no_id, Document) and no_id.id == "batch-3"
    assert isinstance(html, Document) and html.html and html.source == "Example"
    assert isinstance(bad_date, InputError) and "last Tuesday" in bad_date.message
    assert isinstance(last, Document) and last.id == "f"


def test_jsonl_line_over_the_limit_is_E004_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "batch.ndjson"
    path.write_text(json.dumps({"id": "big", "text": "x" * 500}) + "\n" + json.dumps({"id": "ok", "text": "y"}),
                    encoding="utf-8")
    items = read(path, max_bytes=200)
    assert codes(items) == ["E004", "doc"]
    assert isinstance(items[0], InputError) and items[0].origin == f"{path}:1"


def test_json_file_with_a_list_of_records(tmp_path: Path) -> None:
    path = tmp_path / "records.json"
    path.write_text(json.dumps([{"id": "x", "text": "One."}, {"text": "Two."}]), encoding="utf-8")
    items = read(path)
    assert [item.id for item in items if isinstance(item, Document)] == ["x", "records-2"]


@pytest.mark.parametrize(("value", "expected"), [
    ("2025-05-27", "2025-05-27"),
    ("2025-03-14 20:30:26Z", "2025-03-14"),
    ("2025-03-14T23:30:26.123+03:00", "2025-03-14"),
    ("Tue, 27 May 2025 10:00:00 GMT", "2025-05-27"),
])
def test_published_dates_are_normalised(value: str, expected: str) -> None:
    assert normalise_published(value) == expected


@pytest.mark.parametrize("value", ["2025-02-30", "27/05/2025", "yesterday", "2025-05-27 noon", ""])
def test_unreadable_published_dates_are_refused(value: str) -> None:
    with pytest.raises(ValueError):
        normalise_published(value)


# --- folders and manifests -----------------------------------------------------------------------

def test_folder_is_read_recursively_in_order_skipping_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("B.", encoding="utf-8")
    (tmp_path / "a.md").write_text("A.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.html").write_text("<html><body><p>C.</p></body></html>", encoding="utf-8")
    (tmp_path / "sub" / "notes").write_text("No extension, plain text.", encoding="utf-8")
    (tmp_path / "sub" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    items = read(tmp_path)
    assert all(isinstance(item, Document) for item in items)
    assert [item.id for item in items] == ["a", "b", "sub/c", "sub/notes"]  # type: ignore[union-attr]


def test_empty_folder_is_E002(tmp_path: Path) -> None:
    assert codes(read(tmp_path)) == ["E002"]


def test_manifest_fills_metadata_and_is_not_an_article(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("Kyiv stated.", encoding="utf-8")
    (tmp_path / "other.txt").write_text("Moscow declined.", encoding="utf-8")
    (tmp_path / "manifest.json").write_text(json.dumps({
        "story.txt": {"published": "2025-05-27T09:00:00Z", "title": "Kyiv", "url": "https://x.org/s", "source": "X"},
        "other.txt": {"published": "someday"},
    }), encoding="utf-8")
    items = read(tmp_path)
    assert codes(items) == ["E007", "doc"]  # sorted: other.txt, story.txt
    story = items[1]
    assert isinstance(story, Document)
    assert (story.published, story.title, story.url, story.source) == ("2025-05-27", "Kyiv", "https://x.org/s", "X")


def test_broken_manifest_is_reported_once_and_files_still_read(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "two.txt").write_text("Two.", encoding="utf-8")
    (tmp_path / "manifest.json").write_text("{broken", encoding="utf-8")
    assert codes(read(tmp_path)) == ["E005", "doc", "doc"]


def test_default_date_fills_text_but_not_html(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A.", encoding="utf-8")
    (tmp_path / "b.html").write_text("<p>B.</p>", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text('{"id": "c", "text": "C.", "published": "2024-01-02"}', encoding="utf-8")
    items = read(tmp_path, default_published="2025-05-27")
    assert [item.published for item in items] == ["2025-05-27", None, "2024-01-02"]  # type: ignore[union-attr]


def test_unreadable_default_date_is_refused_at_once() -> None:
    with pytest.raises(InputError) as raised:
        read_inputs(["-"], default_published="next week")
    assert raised.value.code == "E007"


# --- stdin ---------------------------------------------------------------------------------------

def test_stdin_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Kyiv stated that the assaults injured civilians.\n"))
    document = only(read("-"))
    assert isinstance(document, Document)
    assert (document.id, document.origin, document.text) == (
        "stdin", "<stdin>", "Kyiv stated that the assaults injured civilians.\n")


def test_stdin_jsonl_is_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = '{"id": "a", "text": "A."}\n\n{"text": "B."}\n{oops\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines.encode()), encoding="utf-8"))
    items = read("-")
    assert codes(items) == ["doc", "doc", "E005"]
    assert [items[0].id, items[1].id] == ["a", "stdin-3"]  # type: ignore[union-attr]
    assert isinstance(items[2], InputError) and items[2].origin == "<stdin>:4"


def test_stdin_html_is_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("<!DOCTYPE html><html><body><p>Hi.</p></body></html>"))
    document = only(read("-"))
    assert isinstance(document, Document) and document.html and document.text is None


@pytest.mark.parametrize(("text", "kind"), [
    ('{"a": 1}\n{"b": 2}\n', "jsonl"),
    ("<!-- saved page -->\n<html><head></head></html>", "html"),
    ("  <div class='story'><p>Text</p></div>", "html"),
    ("The U.S. said <b> is a tag.", "text"),
    ("{ not json but\nthen text", "text"),
])
def test_sniff_format(text: str, kind: str) -> None:
    assert sniff_format(text) == kind


# --- content hash --------------------------------------------------------------------------------

def test_content_hash_ignores_layout_but_not_content() -> None:
    one = Document(id="1", text="Lavrov met Fidan.\r\n\r\nThey talked.")
    same = Document(id="2", text="  Lavrov met  Fidan.\n\nThey\ttalked.\n")
    other = Document(id="3", text="Lavrov met Putin.\n\nThey talked.")
    assert content_hash(one) == content_hash(same) != content_hash(other)
    assert content_hash(Article(id="a", text="Lavrov met Fidan. They talked.")) == content_hash(one)
    assert content_hash(Document(id="h", html="Lavrov met Fidan.")) != content_hash(one)
    assert len(content_hash(one)) == 64


# --- nothing odd ever raises -------------------------------------------------------------------

SUFFIXES = [".txt", ".html", ".jsonl", ".json", ".md", "", ".dat", ".txt.gz"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=600), suffix=st.sampled_from(SUFFIXES))
def test_arbitrary_bytes_give_documents_or_input_errors(tmp_path: Path, content: bytes, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(content)
    for item in read_inputs([str(path)], max_bytes=400):
        assert isinstance(item, (Document, InputError))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(
        st.sampled_from(["id", "text", "html", "url", "title", "published", "source", "x"]), children, max_size=5),
    max_leaves=10,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.one_of(json_values.map(json.dumps), st.text(max_size=40)), max_size=8))
def test_garbage_jsonl_lines_give_documents_or_input_errors(tmp_path: Path, lines: list[str]) -> None:
    path = tmp_path / "garbage.jsonl"
    path.write_text("\n".join(line.replace("\n", " ") for line in lines), encoding="utf-8", errors="surrogatepass")
    for item in read_inputs([str(path)]):
        assert isinstance(item, (Document, InputError))
        if isinstance(item, InputError):
            assert item.code in {"E002", "E004", "E005", "E006", "E007"} and item.origin.startswith(str(path))
