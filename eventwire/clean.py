"""Clean: placeholder until the cleaner lands."""

from __future__ import annotations

from .records import Article, Document


def clean_document(document: Document) -> Article:
    return Article(id=document.id, text=document.text or "", url=document.url, title=document.title,
                   published=document.published, source=document.source)
