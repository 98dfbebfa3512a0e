"""Times: temporal expressions normalised to TIMEX3 values (placeholder until issue #3 lands)."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from .records import TimeRecord


def find_times(text: str, published: dt.date | None, doc: Doc | None = None) -> list[TimeRecord]:
    return []
