"""Actors: who is named in an article, coded with country, sector and title, every mention resolved."""

from .kb import KnowledgeBase, load_kb
from .resolve import find_entities

__all__ = ["find_entities", "load_kb", "KnowledgeBase"]
