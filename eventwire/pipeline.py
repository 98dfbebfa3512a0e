"""The pipeline: one function that takes a document through every stage.

ingest -> clean -> analyse -> actors -> times -> places -> quotes -> events. Each stage is a
plain function over records; this module only wires them in order.
"""

from __future__ import annotations

import datetime as dt

from .actors import find_entities, load_kb
from .analyse import DEFAULT_MODEL, analyse
from .clean import clean_document
from .events import find_events
from .places import find_places
from .quotes import find_quotes
from .records import Document, Extraction
from .times import find_times


def parse_date(value: str | None) -> dt.date | None:
    """A publication date as YYYY-MM-DD (a longer ISO timestamp is cut to its date)."""
    if not value:
        return None
    return dt.date.fromisoformat(value.strip()[:10])


def extract(
    source: Document | str,
    *,
    published: str | None = None,
    model: str = DEFAULT_MODEL,
    actors: tuple[str, ...] = (),
    id: str = "article",
) -> Extraction:
    """Run every stage on one document (or a plain text) and return all it found.

    ``published`` (YYYY-MM-DD) is used where the document carries no date of its own;
    ``actors`` names extra actor/role files that extend the packaged knowledge base.
    """
    document = source if isinstance(source, Document) else Document(id=id, text=source)
    article = clean_document(document)
    if not article.published and published:
        article.published = published
    pub_date = parse_date(article.published)
    doc = analyse(article.text, model)
    entities = find_entities(doc, article, load_kb(tuple(actors)))
    times = find_times(article.text, pub_date, doc)
    places = find_places(doc, entities)
    quotes = find_quotes(doc, entities)
    events = find_events(doc, entities, times, quotes, places)
    return Extraction(article=article, entities=entities, events=events, quotes=quotes, times=times, places=places)
