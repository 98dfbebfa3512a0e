"""A stable content hash of a document, for de-duplication in the store."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from ..records import Article, Document

_WHITESPACE = re.compile(r"\s+")


def content_hash(document: Document | Article) -> str:
    """sha256 (hex) of the document's text, or its HTML when it has no text, normalised.

    Normalised means Unicode NFC, a leading byte-order mark dropped and every run of whitespace
    made one space, so the same article re-saved with other line endings or indentation hashes
    the same. Text and HTML are hashed under different prefixes: they never collide.
    """
    text = document.text
    kind = "text"
    if not text:
        text = getattr(document, "html", None) or ""
        kind = "html"
    normalised = _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text).lstrip("\ufeff")).strip()
    return hashlib.sha256(f"{kind}\n{normalised}".encode("utf-8", errors="surrogatepass")).hexdigest()
