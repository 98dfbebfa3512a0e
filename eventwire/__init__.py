"""eventwire: news articles in, an evidence-linked record of political events out."""

__version__ = "0.1.0"

from .pipeline import extract, extract_many
from .records import Article, Document, Entity, Event, Extraction, Place, Quote, TimeRecord
from .store import Store

__all__ = [
    "extract", "extract_many", "Store",
    "Article", "Document", "Entity", "Event", "Extraction", "Place", "Quote", "TimeRecord",
]
