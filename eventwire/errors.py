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
| E012 | config file or boilerplate rules file is invalid |
| E013 | unknown option value (format, stage) |
| E014 | no such article in the database |
| E015 | development gold sets not found |
| E099 | internal error on one item (a reader or stage bug: please report it); the batch goes on |
| W001 | input was not valid UTF-8; undecodable bytes were replaced |
"""

from __future__ import annotations


class EventwireError(Exception):
    """An error with a stable code and a message meant for the user."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code} {message}")
        self.code = code
        self.message = message


class InputError(EventwireError):
    """One input item could not be read; the rest of the batch goes on."""

    def __init__(self, code: str, message: str, origin: str = "<input>") -> None:
        super().__init__(code, message)
        self.origin = origin

    def __str__(self) -> str:
        return f"{self.origin}: {self.code} {self.message}"
