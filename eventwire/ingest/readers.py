"""Read files, folders and stdin into Documents, one error per bad item and never a traceback.

What is read, by file name ending (``.gz`` is unpacked first and the inner ending counts):

- ``.txt .text .md .markdown`` plain text -> ``Document(text=...)``
- ``.html .htm .xhtml .shtml`` HTML -> ``Document(html=...)``
- ``.jsonl .ndjson`` JSON Lines, one record ``{id, text | html, url?, title?, published?, source?}``
  a line; ``origin`` is ``path:LINE``; a record without ``id`` gets ``<stem>-<LINE>``
- ``.json`` one such record, or a list of them (``origin`` ``path:N`` for the N-th)
- anything else, and stdin (``-``): sniffed. JSON Lines if every non-empty line starts with ``{``,
  HTML if it looks like HTML, else text. In a folder, files of unknown kind that look binary
  (images, archives) are skipped quietly; named explicitly they give E003.

Folders are read recursively in sorted order, skipping hidden files and folders. A
``manifest.json`` beside the files maps a file name (or a path relative to the manifest's folder)
to ``{published, title, url, source, id}``; it fills what the files do not say and is not read as
an article. It also applies to a file named on its own.

Size limit: ``max_bytes`` applies to each file, and for JSON Lines to each line, so large JSON Lines
corpora stream through with bounded memory.
"""

from __future__ import annotations

import gzip
import io
import json
import logging
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol

from ..errors import InputError
from ..records import Document
from .decoding import SNIFF_BYTES, decode_bytes, looks_binary, sniff_format
from .records import (
    apply_metadata,
    document_from_line,
    document_from_record,
    normalise_published,
    published_error,
)

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIXES = frozenset({".json"})
MANIFEST_NAME = "manifest.json"
STDIN = "-"

InputItem = Document | InputError


class ByteStream(Protocol):
    """Anything with ``read(n) -> bytes``: an open file, a GzipFile, stdin's buffer."""

    def read(self, size: int = -1, /) -> bytes: ...


def read_inputs(
    paths: Iterable[str],
    *,
    max_bytes: int = 10_000_000,
    default_published: str | None = None,
) -> Iterator[InputItem]:
    """Yield a Document for every article in ``paths`` and an InputError for every bad item.

    ``paths`` holds files, folders or ``-`` for stdin. ``default_published`` (the CLI's ``--date``)
    fills the date of text and JSON records that carry none; HTML pages are left without it
    because the page may state its own date, which the cleaner reads (pass the default to
    ``extract(published=...)`` too). An unreadable ``default_published`` raises E007 at once.
    """
    if max_bytes <= 0:
        raise ValueError("max_bytes must be positive")
    default = None
    if default_published is not None:
        try:
            default = normalise_published(default_published)
        except ValueError as error:
            raise published_error(default_published, "--date") from error
    return _InputReader(max_bytes, default).read_all(paths)


def kind_of(path: Path) -> str | None:
    """``text``, ``html``, ``jsonl`` or ``json`` from the file name; None means sniff the content."""
    suffix = _inner_suffix(path)
    for kind, suffixes in (("text", TEXT_SUFFIXES), ("html", HTML_SUFFIXES), ("jsonl", JSONL_SUFFIXES),
                           ("json", JSON_SUFFIXES)):
        if suffix in suffixes:
            return kind
    return None


def _inner_suffix(path: Path) -> str:
    name = path.name.lower()
    name = name.removesuffix(".gz")
    return os.path.splitext(name)[1]


def _stem(path: Path) -> str:
    name = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
    return os.path.splitext(name)[0] or name


class _InputReader:
    """One batch of reading: holds the limit, the default date and the manifests seen so far."""

    def __init__(self, max_bytes: int, default_published: str | None) -> None:
        self.max_bytes = max_bytes
        self.default_published = default_published
        self.manifests: dict[Path, dict[str, Any]] = {}

    def read_all(self, paths: Iterable[str]) -> Iterator[InputItem]:
        for raw_path in paths:
            try:
                yield from self.read_path(str(raw_path))
            except Exception as error:  # a reader bug must not end the batch: report it as this item's error
                log.exception("unexpected error reading %s", raw_path)
                yield InputError("E099", f"internal error reading this input ({type(error).__name__}: {error}); "
                                 "please report it", str(raw_path))

    def read_path(self, raw_path: str) -> Iterator[InputItem]:
        if raw_path == STDIN:
            yield from self.read_stdin()
            return
        path = Path(raw_path)
        if path.is_dir():
            yield from self.read_folder(path)
        elif path.exists():
            yield from self.read_file(path, root=path.parent, doc_id=_stem(path), explicit=True)
        else:
            yield InputError("E001", "no such file or folder", raw_path)

    def read_folder(self, root: Path) -> Iterator[InputItem]:
        files = _files_under(root)
        if not files:
            yield InputError("E002", "folder holds no input files", str(root))
            return
        for path in files:
            relative = path.relative_to(root)
            doc_id = (relative.parent / _stem(path)).as_posix()
            yield from self.read_file(path, root=root, doc_id=doc_id, explicit=False)

    def read_file(self, path: Path, *, root: Path, doc_id: str, explicit: bool) -> Iterator[InputItem]:
        origin = str(path)
        entry, manifest_error = self.manifest_entry(path, root)
        if manifest_error is not None:
            yield manifest_error
        if isinstance(entry.get("id"), str) and entry["id"].strip():
            doc_id = entry["id"].strip()
        kind = kind_of(path)
        try:
            size = path.stat().st_size
            if kind != "jsonl" and size > self.max_bytes and not path.name.lower().endswith(".gz"):
                yield self.too_large(origin)
                return
            opener = gzip.open if path.name.lower().endswith(".gz") else open
            with opener(path, "rb") as stream:
                yield from self.read_stream(stream, origin=origin, doc_id=doc_id, kind=kind, entry=entry,
                                            explicit=explicit)
        except (OSError, EOFError, zlib.error) as error:
            code = "E003" if isinstance(error, (gzip.BadGzipFile, EOFError, zlib.error)) else "E001"
            reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            yield InputError(code, f"cannot be read: {reason}", origin)

    def read_stdin(self) -> Iterator[InputItem]:
        stream: ByteStream | None = getattr(sys.stdin, "buffer", None)
        if stream is None:  # a text-only stand-in for stdin (tests, embedding)
            stream = io.BytesIO(sys.stdin.read().encode("utf-8"))
        yield from self.read_stream(stream, origin="<stdin>", doc_id="stdin", kind=None, entry={}, explicit=True)

    def read_stream(self, stream: ByteStream, *, origin: str, doc_id: str, kind: str | None,
                    entry: dict[str, Any], explicit: bool) -> Iterator[InputItem]:
        """Read one file or stdin; ``kind`` None means sniff the first 64 KB."""
        if kind == "jsonl":
            yield from self.read_jsonl(stream, origin, doc_id, entry)
            return
        head = stream.read(min(SNIFF_BYTES, self.max_bytes + 1))
        if kind is None:
            if looks_binary(head):
                if explicit:
                    yield InputError("E003", "looks binary, not text (NUL or control bytes)", origin)
                else:
                    log.info("skipping %s: looks binary", origin)
                return
            kind = sniff_format(decode_bytes(head)[0])
            if kind == "jsonl":
                yield from self.read_jsonl(stream, origin, doc_id, entry, prefix=head)
                return
        raw = head + (stream.read(self.max_bytes + 1 - len(head)) if len(head) <= self.max_bytes else b"")
        if len(raw) > self.max_bytes:
            yield self.too_large(origin)
            return
        yield from self.documents_from_bytes(raw, kind=kind, origin=origin, doc_id=doc_id, entry=entry)

    def documents_from_bytes(self, raw: bytes, *, kind: str, origin: str, doc_id: str,
                             entry: dict[str, Any]) -> Iterator[InputItem]:
        if not raw.strip():
            yield InputError("E002", "input is empty", origin)
            return
        if looks_binary(raw):
            yield InputError("E003", "looks binary, not text (NUL or control bytes)", origin)
            return
        text, warning = decode_bytes(raw)
        if not text.strip("\ufeff \t\r\n"):
            yield InputError("E002", "input is empty", origin)
            return
        if kind == "json":
            yield from self.json_documents(text, origin, doc_id, entry, warning)
            return
        if kind == "html":
            document = Document(id=doc_id, html=text, origin=origin)
        else:
            document = Document(id=doc_id, text=text, origin=origin)
        if warning:
            document.warnings.append(warning)
        yield self.finish(document, entry)

    def json_documents(self, text: str, origin: str, doc_id: str, entry: dict[str, Any],
                       warning: str | None) -> Iterator[InputItem]:
        try:
            value = json.loads(text)
        except (ValueError, RecursionError) as error:
            yield InputError("E005", f"not valid JSON: {error}", origin)
            return
        items = [(origin, doc_id, value)] if not isinstance(value, list) else [
            (f"{origin}:{number}", f"{doc_id}-{number}", item) for number, item in enumerate(value, 1)
        ]
        for item_origin, item_id, item in items:
            result = document_from_record(item, item_origin, item_id)
            if isinstance(result, Document):
                if warning:
                    result.warnings.append(warning)
                result = self.finish(result, entry)
            yield result

    def read_jsonl(self, stream: ByteStream, origin: str, stem: str, entry: dict[str, Any],
                   prefix: bytes = b"") -> Iterator[InputItem]:
        records = 0
        for number, line in _lines(stream, self.max_bytes, prefix):
            line_origin = f"{origin}:{number}"
            if line is None:
                records += 1
                yield self.too_large(line_origin, what="line")
                continue
            if not line.strip():
                continue
            records += 1
            result = document_from_line(line, line_origin, f"{stem}-{number}")
            yield self.finish(result, entry) if isinstance(result, Document) else result
        if records == 0:
            yield InputError("E002", "input is empty", origin)

    def finish(self, document: Document, entry: dict[str, Any]) -> InputItem:
        """Apply the manifest entry and the default date; E007 when the manifest's date is unreadable."""
        if entry:
            error = apply_metadata(document, entry, document.origin)
            if error is not None:
                return error
        if document.published is None and document.html is None and self.default_published:
            document.published = self.default_published
        return document

    def too_large(self, origin: str, what: str = "input") -> InputError:
        return InputError(
            "E004",
            f"{what} is larger than the limit of {self.max_bytes:,} bytes; raise it with --max-bytes",
            origin,
        )

    def manifest_entry(self, path: Path, root: Path) -> tuple[dict[str, Any], InputError | None]:
        """The nearest manifest entry for ``path`` (searching up to ``root``) and a first-load error."""
        error = None
        folder = path.parent
        while True:
            if folder not in self.manifests:
                self.manifests[folder], error = _load_manifest(folder / MANIFEST_NAME, self.max_bytes)
            key = path.relative_to(folder).as_posix()
            found = self.manifests[folder].get(key)
            if isinstance(found, dict):
                return found, error
            if folder == root or folder == folder.parent or root not in folder.parents:
                return {}, error
            folder = folder.parent


def _load_manifest(path: Path, max_bytes: int) -> tuple[dict[str, Any], InputError | None]:
    if not path.is_file():
        return {}, None
    try:
        with open(path, "rb") as stream:
            raw = stream.read(max_bytes + 1)
        value = json.loads(decode_bytes(raw)[0])
    except OSError as error:
        return {}, InputError("E001", f"manifest cannot be read: {error.strerror or error}", str(path))
    except (ValueError, RecursionError) as error:
        return {}, InputError("E005", f"manifest is not valid JSON ({error}); it was ignored", str(path))
    if not isinstance(value, dict):
        return {}, InputError("E005", "manifest must map file names to objects; it was ignored", str(path))
    return value, None


def _files_under(root: Path) -> list[Path]:
    """Every non-hidden file under ``root`` except manifests, in sorted path order."""
    found: list[Path] = []
    for folder, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(name for name in dirnames if not name.startswith("."))
        for name in filenames:
            if not name.startswith(".") and name != MANIFEST_NAME:
                found.append(Path(folder) / name)
    return sorted(found, key=lambda path: path.relative_to(root).parts)


def _lines(stream: ByteStream, max_bytes: int, prefix: bytes = b"") -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines of a byte stream; a line longer than ``max_bytes`` comes as None (and is skipped)."""
    buffer = bytearray(prefix)
    number = 0
    overlong = False
    start = 0
    while True:
        newline = buffer.find(b"\n", start)
        if newline >= 0:
            number += 1
            line = bytes(buffer[:newline])
            del buffer[: newline + 1]
            start = 0
            yield number, (None if overlong or len(line) > max_bytes else line)
            overlong = False
            continue
        if len(buffer) > max_bytes:
            overlong = True
            buffer.clear()
        start = len(buffer)
        chunk = stream.read(SNIFF_BYTES)
        if not chunk:
            if buffer or overlong:
                yield number + 1, (None if overlong or len(buffer) > max_bytes else bytes(buffer))
            return
        buffer += chunk
