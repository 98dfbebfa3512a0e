"""eventwire: news articles in, an evidence-linked record of political events out."""

from .pipeline import extract
from .records import Article, Document, Entity, Event, Extraction, Place, Quote, TimeRecord

__all__ = ["extract", "Article", "Document", "Entity", "Event", "Extraction", "Place", "Quote", "TimeRecord"]
__version__ = "0.1.0"
