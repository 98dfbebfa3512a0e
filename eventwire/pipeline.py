"""The pipeline: take documents through every stage, in order.

ingest -> clean -> analyse -> actors -> times -> places -> quotes -> events. Each stage is a
plain function over records; this module only wires them, batches the spaCy work and, when asked,
records how long each stage took (``make bench`` reads that).
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from itertools import chain
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .actors import find_entities, load_kb
from .analyse import DEFAULT_MODEL, load_pipeline
from .clean import clean_document
from .errors import EventwireError, InputError, OneLineFormatter, setup_logging
from .events import find_events
from .places import find_places
from .quotes import find_quotes
from .records import Article, Document, Extraction
from .times import find_times

log = logging.getLogger(__name__)

Timings = dict[str, float]
Batch = list[tuple[Article | None, EventwireError | None]]


@contextmanager
def _timed(timings: Timings | None, stage: str) -> Iterator[None]:
    if timings is None:
        yield
        return
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - start


def parse_date(value: str | None) -> dt.date | None:
    """A publication date as YYYY-MM-DD (a longer ISO timestamp is cut to its date)."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError as e:
        raise EventwireError("E007", f"publication date {value!r} is not YYYY-MM-DD") from e


def _as_document(source: Document | str, id: str) -> Document:
    return source if isinstance(source, Document) else Document(id=id, text=source)


def _stages(article: Article, doc: Doc, actors: tuple[str, ...], timings: Timings | None) -> Extraction:
    pub_date = parse_date(article.published)
    with _timed(timings, "actors"):
        entities = find_entities(doc, article, load_kb(tuple(actors)))
    with _timed(timings, "times"):
        times = find_times(article.text, pub_date, doc)
    with _timed(timings, "places"):
        places = find_places(doc, entities)
    with _timed(timings, "quotes"):
        quotes = find_quotes(doc, entities)
    with _timed(timings, "events"):
        events = find_events(doc, entities, times, quotes, places, published=article.published)
    return Extraction(article=article, entities=entities, events=events, quotes=quotes, times=times, places=places)


def extract(
    source: Document | str,
    *,
    published: str | None = None,
    model: str = DEFAULT_MODEL,
    actors: tuple[str, ...] = (),
    boilerplate: tuple[str, ...] = (),
    id: str = "article",
    timings: Timings | None = None,
) -> Extraction:
    """Run every stage on one document (or a plain text) and return all it found.

    ``published`` (YYYY-MM-DD) is used where the document carries no date of its own;
    ``actors`` names extra actor/role files that extend the packaged knowledge base, and
    ``boilerplate`` extra boilerplate rule files.
    Raises ``EventwireError`` for input it cannot use (no text in an HTML page, a bad date).
    """
    for result in extract_many([_as_document(source, id)], published=published, model=model, actors=actors, boilerplate=boilerplate, timings=timings):
        if isinstance(result, EventwireError):
            raise result
        return result
    raise EventwireError("E002", "nothing to extract")


def extract_many(
    documents: Iterable[Document | EventwireError],
    *,
    published: str | None = None,
    model: str = DEFAULT_MODEL,
    actors: tuple[str, ...] = (),
    boilerplate: tuple[str, ...] = (),
    batch_size: int = 16,
    workers: int = 1,
    timings: Timings | None = None,
) -> Iterator[Extraction | EventwireError]:
    """Extract a stream of documents in input order, parsing them in batches with ``nlp.pipe``.

    A document that cannot be used yields its error (with the document's origin) and the
    stream goes on; errors already in the input (unreadable files) pass through in place.
    ``workers`` > 1 analyses batches in that many processes (each loads the model once), 0 means
    one per CPU core; results still come in input order. Input that fits in one batch, and any
    run with ``timings``, stays in this process. Workers are spawned, so a script that asks for
    them must guard its entry point with ``if __name__ == "__main__":``.
    """
    nlp = load_pipeline(model)
    default_date = published
    if default_date:
        parse_date(default_date)  # fail early on a bad --date

    def cleaned() -> Iterator[tuple[Article | None, EventwireError | None]]:
        for document in documents:
            if isinstance(document, EventwireError):
                yield None, document
                continue
            try:
                with _timed(timings, "clean"):
                    article = clean_document(document, boilerplate=list(boilerplate) or None)
                if not article.published and default_date:
                    article.published = default_date
                parse_date(article.published)
                yield article, None
            except EventwireError as e:
                if not isinstance(e, InputError):
                    e = InputError(e.code, e.message, document.origin)
                yield None, e
            except Exception as e:  # a cleaner bug must not stop the batch
                log.exception("cleaning %s failed", document.origin)
                yield None, InputError("E099", f"internal error while cleaning ({e!r}); please report it", document.origin)

    def batches() -> Iterator[Batch]:
        pending: Batch = []
        for item in cleaned():
            pending.append(item)
            if len(pending) >= batch_size:
                yield pending
                pending = []
        if pending:
            yield pending

    stream = batches()
    processes = worker_count(workers) if timings is None else 1
    if processes > 1:
        first = list(_take(stream, 2))
        stream = chain(first, stream)
        if len(first) > 1:
            yield from _in_processes(stream, processes, model, actors)
            return
    for batch in stream:
        yield from _run_batch(nlp, batch, actors, timings)


def worker_count(workers: int) -> int:
    """How many processes ``workers`` asks for: itself, or one per usable CPU core for 0."""
    if workers > 0:
        return workers
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _take(items: Iterator[Batch], n: int) -> Iterator[Batch]:
    for _ in range(n):
        item = next(items, None)
        if item is None:
            return
        yield item


# --------------------------------------------------------------------------- worker processes
_WORKER: dict[str, Any] = {}


def _worker_start(model: str, actors: tuple[str, ...], log_setup: bool | None) -> None:
    """Runs once in each worker process: the parent's logging choice, the model, the knowledge base."""
    if log_setup is not None:
        setup_logging(verbose=log_setup)
    _WORKER["nlp"] = load_pipeline(model)
    _WORKER["actors"] = actors
    load_kb(tuple(actors))


def _worker_batch(batch: Batch) -> list[Extraction | EventwireError]:
    return list(_run_batch(_WORKER["nlp"], batch, _WORKER["actors"], None))


def _log_setup() -> bool | None:
    """The parent's ``setup_logging`` choice for the workers: False (one line), True (verbose), None (none made)."""
    handlers = logging.getLogger().handlers
    if not handlers:
        return None
    return not any(isinstance(h.formatter, OneLineFormatter) for h in handlers)


def _in_processes(batches: Iterator[Batch], processes: int, model: str, actors: tuple[str, ...]) -> Iterator[Extraction | EventwireError]:
    """Analyse batches in worker processes, a few batches ahead, yielding results in input order.

    A batch whose worker failed (a crashed process, a result that would not cross back) is done
    again in this process, so nothing is lost.
    """
    context = multiprocessing.get_context("spawn")  # fork would copy locks held by our other threads
    with ProcessPoolExecutor(processes, mp_context=context, initializer=_worker_start,
                             initargs=(model, tuple(actors), _log_setup())) as pool:
        in_flight: deque[tuple[Batch, Future[list[Extraction | EventwireError]]]] = deque()
        for batch in batches:
            try:
                future = pool.submit(_worker_batch, batch)
            except Exception as e:  # the pool broke (a worker died); finish everything here
                log.warning("the worker processes stopped (%r); going on in this process", e)
                while in_flight:
                    yield from _collect(*in_flight.popleft(), model, actors)
                nlp = load_pipeline(model)
                for rest in chain([batch], batches):
                    yield from _run_batch(nlp, rest, actors, None)
                return
            in_flight.append((batch, future))
            if len(in_flight) > 2 * processes:
                yield from _collect(*in_flight.popleft(), model, actors)
        while in_flight:
            yield from _collect(*in_flight.popleft(), model, actors)


def _collect(batch: Batch, future: Future[list[Extraction | EventwireError]], model: str,
             actors: tuple[str, ...]) -> Iterator[Extraction | EventwireError]:
    try:
        results = future.result()
    except Exception as e:
        log.warning("a worker process failed (%r); redoing its %d documents here", e, len(batch))
        yield from _run_batch(load_pipeline(model), batch, actors, None)
        return
    yield from results


def _run_batch(
    nlp, batch: Batch, actors: tuple[str, ...], timings: Timings | None  # type: ignore[no-untyped-def]
) -> Iterator[Extraction | EventwireError]:
    texts = [article.text for article, _ in batch if article is not None]
    with _timed(timings, "analyse"):
        docs = iter(list(nlp.pipe(texts)))
    for article, error in batch:
        if article is not None:
            doc = next(docs)
            try:
                yield _stages(article, doc, actors, timings)
            except Exception as e:  # a stage bug must not stop the batch
                log.exception("extracting %s failed", article.id)
                yield InputError("E099", f"internal error while extracting ({e!r}); please report it", article.id)
        elif error is not None:
            yield error


class ExtractComponent:
    """spaCy component: run eventwire's stages on a parsed Doc and keep the result in ``doc._.eventwire``.

    For people who run their own pipelines: ``nlp.add_pipe("eventwire_quote_sentences", before="parser")``
    then ``nlp.add_pipe("eventwire_extract", config={"published": "2025-05-27"})`` after the NER.
    """

    def __init__(self, published: str | None, actors: tuple[str, ...]) -> None:
        parse_date(published)
        self.published = published
        self.actors = actors

    def __call__(self, doc: Doc) -> Doc:
        article = Article(id="doc", text=doc.text, published=self.published)
        try:
            doc._.eventwire = _stages(article, doc, self.actors, None)
        except Exception:  # extraction degrades: a stage bug must not break the user's pipeline
            log.exception("eventwire_extract failed on a document")
            doc._.eventwire = Extraction(article=article)
        return doc


if not Doc.has_extension("eventwire"):
    Doc.set_extension("eventwire", default=None)


@Language.factory("eventwire_extract", default_config={"published": None, "actors": []})
def make_extract_component(nlp: Language, name: str, published: str | None, actors: list[str]) -> ExtractComponent:
    """spaCy factory for ``ExtractComponent``."""
    return ExtractComponent(published, tuple(actors))
