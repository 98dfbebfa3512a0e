"""Structured input: JSON records (JSON Lines lines, JSON files, manifest entries) to Documents.

A record is ``{id, text | html, url?, title?, published?, source?}``. Problems with one record
become an ``InputError`` for that record alone; the caller goes on with the next one.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
from collections.abc import Mapping
from typing import Any

from ..errors import InputError
from ..records import Document

METADATA_FIELDS = ("url", "title", "published", "source")

_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIMESTAMP = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:[.,]\d+)?)?"
    r"\s*(?:Z|UTC|GMT|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?",
    re.IGNORECASE,
)


def normalise_published(value: str) -> str:
    """A publication date as YYYY-MM-DD.

    Accepts YYYY-MM-DD, ISO 8601 timestamps (``2025-03-14T20:30:26Z``, ``2025-03-14 20:30:26+02:00``)
    and RFC 2822 feed dates (``Tue, 27 May 2025 10:00:00 GMT``). The date is kept as written, not
    shifted to UTC: it is the day the source says it published. Raises ``ValueError`` otherwise.
    """
    text = value.strip()
    if _DATE_ONLY.fullmatch(text):
        return dt.date.fromisoformat(text).isoformat()
    if _TIMESTAMP.fullmatch(text):
        return dt.date.fromisoformat(text[:10]).isoformat()
    if re.search(r"[A-Za-z]{3},?\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}|\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d", text):
        try:
            parsed = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError) as error:
            raise ValueError(f"not a date: {value!r}") from error
        return parsed.date().isoformat()
    raise ValueError(f"not a date: {value!r}")


def published_error(value: object, origin: str) -> InputError:
    """The E007 error for a publication date we cannot read."""
    return InputError(
        "E007",
        f"published date {value!r} is not in a format we read (use YYYY-MM-DD or an ISO 8601 timestamp)",
        origin,
    )


def apply_metadata(document: Document, metadata: Mapping[str, Any], origin: str) -> InputError | None:
    """Fill the document's empty metadata fields from ``metadata``; E007 for an unreadable date."""
    for name in METADATA_FIELDS:
        value = metadata.get(name)
        if getattr(document, name) is not None or value is None or value == "":
            continue
        if name == "published":
            if not isinstance(value, str):
                return published_error(value, origin)
            try:
                value = normalise_published(value)
            except ValueError:
                return published_error(value, origin)
        setattr(document, name, str(value))
    return None


def document_from_record(record: object, origin: str, default_id: str) -> Document | InputError:
    """One JSON value (already parsed) as a Document, or the error that stops it."""
    if not isinstance(record, dict):
        return InputError("E005", f"record is a JSON {type(record).__name__}, not an object", origin)
    text = record.get("text")
    html = record.get("html")
    text = text if isinstance(text, str) else None
    html = html if isinstance(html, str) else None
    if text is None and html is None:
        return InputError("E006", "record has neither a string 'text' nor a string 'html' field", origin)
    if not (text or "").strip() and not (html or "").strip():
        return InputError("E002", "record's text/html is empty", origin)
    raw_id = record.get("id")
    record_id = str(raw_id).strip() if isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool) else ""
    document = Document(id=record_id or default_id, text=text or None, html=html or None, origin=origin)
    error = apply_metadata(document, record, origin)
    return error if error is not None else document


def document_from_line(line: bytes, origin: str, default_id: str) -> Document | InputError:
    """One JSON Lines line as a Document; E005 when it is not a JSON object."""
    from .decoding import decode_bytes

    text, warning = decode_bytes(line)
    try:
        record = json.loads(text)
    except (ValueError, RecursionError) as error:
        return InputError("E005", f"line is not valid JSON: {_short(str(error))}", origin)
    result = document_from_record(record, origin, default_id)
    if warning and isinstance(result, Document):
        result.warnings.append(warning)
    return result


def _short(message: str, limit: int = 160) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"
