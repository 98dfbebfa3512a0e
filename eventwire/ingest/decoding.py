"""Bytes to text: encoding detection, binary detection and format sniffing for raw input.

Inputs arrive as bytes from files and stdin. UTF-8 (with or without a BOM) is read as is; UTF-16/32
with a BOM are honoured; anything else that is not valid UTF-8 is decoded on a best guess and the
resulting ``Document`` carries a W001 warning, so a batch never stops on one badly encoded file.
"""

from __future__ import annotations

import codecs
import logging
import re

log = logging.getLogger(__name__)

SNIFF_BYTES = 65_536

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls other than tab, newline, vertical tab, form feed, carriage return and escape, plus DEL.
_CONTROL_BYTES = bytes([b for b in range(32) if b not in (9, 10, 11, 12, 13, 27)] + [127])
_BINARY_CONTROL_RATIO = 0.1

_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    r"<(?:!doctype\s+html|html|head|body|meta|title|article|div|p|section|main|span|table|h[1-6]|!--)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_ANYWHERE = re.compile(r"<(?:html|body|head)\b[^>]*>|</(?:p|div|html|body)>", re.IGNORECASE)


def bom_encoding(raw: bytes) -> str | None:
    """The encoding a byte-order mark announces, if the data starts with one."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return encoding
    return None


def looks_binary(raw: bytes) -> bool:
    """True for data that is not text: NUL bytes or a high share of control bytes in the first 64 KB.

    Data with a UTF-16/32 byte-order mark is text even though it holds NUL bytes.
    """
    sample = raw[:SNIFF_BYTES]
    if not sample or bom_encoding(sample) not in (None, "utf-8"):
        return False
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls / len(sample) > _BINARY_CONTROL_RATIO


def decode_bytes(raw: bytes) -> tuple[str, str | None]:
    """Decode input bytes to text; the second value is a W001 warning when the bytes were not UTF-8.

    Order: a byte-order mark; strict UTF-8; then, when the bytes hold mostly valid UTF-8 with a
    few bad bytes, UTF-8 with replacement characters; otherwise a legacy single-byte encoding
    (Windows-1252, or what ``charset_normalizer`` guesses when 1252 gives implausible letters).
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            body = raw[len(bom) :]
            try:
                return body.decode(encoding), None
            except UnicodeDecodeError:
                return body.decode(encoding, errors="replace"), (
                    f"W001 input is not valid {encoding}; undecodable bytes were replaced with U+FFFD"
                )
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        first_bad = error.start
    replaced = raw.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    good_multibyte = sum(1 for char in replaced if ord(char) > 127) - bad
    if good_multibyte >= bad:
        return replaced, (
            f"W001 input is not valid UTF-8 (first bad byte at offset {first_bad}); "
            f"{bad} undecodable byte sequence(s) were replaced with U+FFFD"
        )
    encoding = _guess_single_byte_encoding(raw)
    return raw.decode(encoding, errors="replace"), (
        f"W001 input is not valid UTF-8 (first bad byte at offset {first_bad}); decoded as {encoding}"
    )


def _guess_single_byte_encoding(raw: bytes) -> str:
    """Windows-1252 unless its reading is implausible (most letters accented), then ask charset_normalizer."""
    text = raw.decode("cp1252", errors="replace")
    letters = [char for char in text if char.isalpha()]
    accented = sum(1 for char in letters if ord(char) > 127)
    if not letters or accented / len(letters) <= 0.3:
        return "cp1252"
    try:
        import charset_normalizer  # trafilatura depends on it
    except ImportError:  # pragma: no cover - always installed with trafilatura
        return "cp1252"
    best = charset_normalizer.from_bytes(raw).best()
    if best is None or not best.encoding:
        return "cp1252"
    return str(best.encoding)


def sniff_format(text: str) -> str:
    """Guess the format of undeclared input: ``"jsonl"``, ``"html"`` or ``"text"``.

    JSON Lines when every non-empty line starts with ``{`` (the last line may be cut off when only
    a prefix was sniffed); HTML when it starts like an HTML document or holds html/body tags.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and all(line.startswith("{") for line in lines):
        return "jsonl"
    head = text[:SNIFF_BYTES].lstrip("\ufeff")
    if _HTML_START.match(head) or _HTML_ANYWHERE.search(head):
        return "html"
    return "text"
