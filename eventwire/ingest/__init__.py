"""Ingest: files, folders, stdin and JSON Lines in, ``Document`` records (or coded errors) out.

``read_inputs`` is the entry point; ``content_hash`` gives the key the store de-duplicates on.
"""

from __future__ import annotations

from .decoding import decode_bytes, looks_binary, sniff_format
from .hashing import content_hash
from .readers import read_inputs
from .records import normalise_published

__all__ = ["content_hash", "decode_bytes", "looks_binary", "normalise_published", "read_inputs", "sniff_format"]
