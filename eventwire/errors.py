"""Errors users may search for carry stable codes (E001 ...).

| code | meaning |
|------|---------|
| E001 | input file not found |
| E002 | input is empty (a file, a folder with no articles, a record with blank text) |
| E003 | input looks binary, not text |
| E004 | input (a file, or one JSON Lines line) is larger than the configured limit (--max-bytes) |
| E005 | a JSON Lines record or a manifest.json is not valid JSON or not an object |
| E006 | a JSON Lines record has neither ``text`` nor ``html`` |
| E007 | a date is not in a format we read (use YYYY-MM-DD) |
| E008 | HTML had no extractable main text |
| E009 | database error |
| E010 | spaCy pipeline not installed |
| E011 | actor file is invalid |
| E012 | config file, EVENTWIRE_* variable or boilerplate rules file is invalid |
| E013 | unknown option value (format, stage) |
| E014 | no such article in the database |
| E015 | development gold sets not found |
| E099 | internal error on one item (a reader or stage bug: please report it); the batch goes on |
| W001 | input was not valid UTF-8; undecodable bytes were replaced |
"""

from __future__ import annotations

import logging
import sys


class EventwireError(Exception):
    """An error with a stable code and a message meant for the user."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code} {message}")
        self.code = code
        self.message = message

    def __reduce__(self) -> tuple[type, tuple[str, ...]]:  # errors cross process boundaries (--workers)
        return type(self), (self.code, self.message)


class InputError(EventwireError):
    """One input item could not be read; the rest of the batch goes on."""

    def __init__(self, code: str, message: str, origin: str = "<input>") -> None:
        super().__init__(code, message)
        self.origin = origin

    def __reduce__(self) -> tuple[type, tuple[str, ...]]:
        return type(self), (self.code, self.message, self.origin)

    def __str__(self) -> str:
        return f"{self.origin}: {self.code} {self.message}"


class OneLineFormatter(logging.Formatter):
    """Log records as one line each; an attached exception shows as its type and message only."""

    def format(self, record: logging.LogRecord) -> str:
        text = f"{record.levelname.lower()}: {record.getMessage()}"
        error = record.exc_info[1] if record.exc_info else None
        if error is not None:
            text += f" ({type(error).__name__}: {error})"
        return text


def setup_logging(verbose: bool = False) -> None:
    """Log to stderr: warnings as one line each, or (``verbose``) info and full tracebacks."""
    handler = logging.StreamHandler(sys.stderr)
    if not verbose:  # a skipped odd sentence or a library's hiccup stays one line
        handler.setFormatter(OneLineFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO if verbose else logging.WARNING)

