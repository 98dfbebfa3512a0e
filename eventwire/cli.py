"""The ``eventwire`` command: a thin layer over the library (parse arguments, call, print)."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections import Counter, deque
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .errors import EventwireError, InputError, setup_logging
from .records import Document, Extraction
from .settings import SETTINGS, load_settings

if TYPE_CHECKING:
    from .store import Store

app = typer.Typer(
    help="eventwire: news articles in, an evidence-linked record of political events out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

HELP = {s.name: s.help for s in SETTINGS}


@app.callback()
def _options(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log more, with full tracebacks (for bug reports)."),
) -> None:
    """eventwire: news articles in, an evidence-linked record of political events out."""
    setup_logging(verbose)


def _settings() -> dict[str, Any]:
    try:
        return load_settings()
    except EventwireError as e:
        _fail(e)


def _fail(error: Exception, hint: str = "") -> NoReturn:
    err.print(f"[red]Error:[/red] {error}", markup=True, highlight=False)
    if hint:
        err.print(hint, highlight=False)
    raise typer.Exit(2)


def _path_list(value: str | None) -> tuple[str, ...]:
    value = value or ""
    return tuple(p for p in value.split(os.pathsep) if p)


def _check_date(value: str | None) -> str | None:
    if value is None:
        return None
    from .ingest import normalise_published

    try:
        return normalise_published(value)
    except ValueError:
        _fail(EventwireError("E007", f"--date {value!r} is not a date"), "Use the form YYYY-MM-DD, e.g. --date 2025-05-27.")


def _documents(paths: list[str], max_bytes: int, date: str | None) -> Iterator[Document | InputError]:
    from .ingest import read_inputs

    try:
        yield from read_inputs(paths, max_bytes=max_bytes, default_published=date)
    except EventwireError as e:
        _fail(e)


def _workers(flag: int | None, settings: dict[str, Any]) -> int:
    value = flag if flag is not None else settings["workers"]
    try:
        count = int(value)
    except (TypeError, ValueError):
        count = -1
    if count < 0:
        _fail(EventwireError("E013", f"--workers {value!r} is not a number of processes"), "Use 0 (one per CPU core), 1, 2, ...")
    return count


def _report_error(item: EventwireError, origin: str = "") -> None:
    where = getattr(item, "origin", origin) or origin
    err.print(f"[red]{where}[/red]: {item.code} {item.message}", markup=True, highlight=False)


def _extractions(
    items: Iterator[Document | InputError], date: str | None, model: str, actors: tuple[str, ...],
    boilerplate: tuple[str, ...] = (), workers: int = 1,
) -> Iterator[tuple[Document | None, Extraction | EventwireError]]:
    """Extract documents in input order; read errors pass through in place."""
    from .pipeline import extract_many

    pending: deque[Document | None] = deque()  # fed but not yet answered: one batch at most

    def feed() -> Iterator[Document | EventwireError]:
        for item in items:
            pending.append(item if isinstance(item, Document) else None)
            yield item

    for result in extract_many(feed(), published=date, model=model, actors=actors, boilerplate=boilerplate, workers=workers):
        yield pending.popleft(), result


# ---------------------------------------------------------------- extract
@app.command()
def extract(
    paths: list[str] = typer.Argument(..., help="Files, folders, or - for stdin (text, HTML, JSON Lines)."),
    date: str | None = typer.Option(None, "--date", help="Publication date (YYYY-MM-DD) where the input has none."),
    format: str = typer.Option("json", "--format", "-f", help="json (one object per article; JSON Lines for several), jsonl, or table."),
    model: str | None = typer.Option(None, "--model", help=HELP["model"]),
    actors: str | None = typer.Option(None, "--actors", help=HELP["actors"]),
    max_bytes: int | None = typer.Option(None, "--max-bytes", help=HELP["max_bytes"]),
    boilerplate: str | None = typer.Option(None, "--boilerplate", help=HELP["boilerplate"]),
    workers: int | None = typer.Option(None, "--workers", "-w", help=HELP["workers"]),
) -> None:
    """Print what eventwire finds in each article, without a database (the output contract)."""
    settings = _settings()
    if format not in {"json", "jsonl", "table"}:
        _fail(EventwireError("E013", f"unknown --format {format!r}"), "Choose json, jsonl or table.")
    date = _check_date(date)
    model_name = model or settings["model"]
    actor_files = _path_list(actors or settings["actors"])
    counts: Counter[str] = Counter()
    items = _documents(paths, max_bytes or int(settings["max_bytes"]), date)
    for document, result in _extractions(items, date, model_name, actor_files, _path_list(boilerplate or settings["boilerplate"]),
                                         _workers(workers, settings)):
        if isinstance(result, EventwireError):
            _report_error(result)
            counts["failed"] += 1
            if format == "jsonl":
                origin = getattr(result, "origin", "")
                error = {"code": result.code, "message": result.message, "origin": origin}
                sys.stdout.write(json.dumps({"id": document.id if document else None, "error": error}) + "\n")
            continue
        if document is not None:
            for warning in document.warnings:
                err.print(f"[yellow]{document.origin}[/yellow]: {warning}", markup=True, highlight=False)
        counts["ok"] += 1
        if format == "table":
            print_extraction(result)
        else:
            sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
    if counts["failed"] or not counts["ok"]:
        err.print(f"{counts['ok']} extracted, {counts['failed']} failed", highlight=False)
        raise typer.Exit(1)


# ---------------------------------------------------------------- ingest
@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files, folders (recursive), or - for stdin."),
    db: str | None = typer.Option(None, "--db", help=HELP["db"]),
    date: str | None = typer.Option(None, "--date", help="Publication date (YYYY-MM-DD) where the input has none."),
    model: str | None = typer.Option(None, "--model", help=HELP["model"]),
    actors: str | None = typer.Option(None, "--actors", help=HELP["actors"]),
    max_bytes: int | None = typer.Option(None, "--max-bytes", help=HELP["max_bytes"]),
    boilerplate: str | None = typer.Option(None, "--boilerplate", help=HELP["boilerplate"]),
    workers: int | None = typer.Option(None, "--workers", "-w", help=HELP["workers"]),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Extract articles and store everything; re-ingesting the same content is a no-op."""
    from .ingest import content_hash
    from .store import Store

    settings = _settings()
    date = _check_date(date)
    model_name = model or settings["model"]
    actor_files = _path_list(actors or settings["actors"])
    counts: Counter[str] = Counter()
    try:
        store = Store(db or settings["db"])
    except EventwireError as e:
        _fail(e)
    with store, Progress(
        TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), console=err, disable=quiet or not err.is_terminal, transient=True,
    ) as progress:
        task = progress.add_task("ingesting", total=None)

        def fresh() -> Iterator[Document | InputError]:
            """Skip content already stored before any analysis is spent on it."""
            for item in _documents(paths, max_bytes or int(settings["max_bytes"]), date):
                progress.advance(task)
                if isinstance(item, Document) and store.has_hash(content_hash(item)):
                    counts["unchanged"] += 1
                    continue
                yield item

        for document, result in _extractions(fresh(), date, model_name, actor_files,
                                             _path_list(boilerplate or settings["boilerplate"]), _workers(workers, settings)):
            if isinstance(result, EventwireError) or document is None:
                _report_error(result)  # type: ignore[arg-type]
                counts["failed"] += 1
                continue
            try:
                status = store.save(result, content_hash=content_hash(document), origin=document.origin, model=model_name)
            except EventwireError as e:
                _report_error(e, document.origin)
                counts["failed"] += 1
                continue
            counts[status] += 1
    summary = ", ".join(f"{counts[k]} {k}" for k in ("new", "updated", "unchanged", "failed"))
    err.print(f"{summary} -> {db or settings['db']}", highlight=False)
    if counts["failed"]:
        raise typer.Exit(1)


# ---------------------------------------------------------------- queries
def _open_store(db: str | None) -> Store:
    from .store import Store

    settings = _settings()
    path = db or settings["db"]
    if "://" not in path and path != ":memory:" and not Path(path).exists():
        _fail(EventwireError("E009", f"no database at {path}"), "Create one with: eventwire ingest FILES --db " + path)
    try:
        return Store(path)
    except EventwireError as e:
        _fail(e)


def emit(rows: list[dict[str, Any]], format: str, title: str, columns: list[str] | None = None) -> None:
    """Print query rows as a rich table, JSON, or CSV."""
    if format == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    columns = columns or (list(rows[0].keys()) if rows else [])
    if format == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(row.get(k)) for k in columns})
        sys.stdout.write(buffer.getvalue())
        return
    if format != "table":
        _fail(EventwireError("E013", f"unknown --format {format!r}"), "Choose table, json or csv.")
    table = Table(title=f"{title} ({len(rows)})", show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in columns))
    out.print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


FormatOpt = typer.Option("table", "--format", "-f", help="table, json or csv.")
DbOpt = typer.Option(None, "--db", help=HELP["db"])
LimitOpt = typer.Option(50, "--limit", "-n", help="Most rows to show.")


@app.command()
def articles(
    db: str | None = DbOpt, since: str | None = typer.Option(None, help="Published on or after (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, help="Published on or before (YYYY-MM-DD)."),
    source: str | None = typer.Option(None, help="Only this source."),
    limit: int = LimitOpt, format: str = FormatOpt,
) -> None:
    """List stored articles."""
    with _open_store(db) as store:
        rows = store.articles(limit=limit, since=since, until=until, source=source)
    emit(rows, format, "articles", ["id", "published", "source", "title", "url", "entities", "events", "quotes"] if format == "table" else None)


@app.command()
def actors(
    db: str | None = DbOpt, kind: str | None = typer.Option(None, help="PERSON, ORG, GPE, MEDIA, ..."),
    country: str | None = typer.Option(None, help="ISO alpha-3 country code, e.g. RUS."),
    sector: str | None = typer.Option(None, help="Sector code, e.g. GOV, MIL, JRN."),
    name: str | None = typer.Option(None, help="Part of the name."),
    limit: int = LimitOpt, format: str = FormatOpt,
) -> None:
    """List actors across stored articles, with how often they appear."""
    with _open_store(db) as store:
        rows = store.actors(kind=kind, country=country, sector=sector, name=name, limit=limit)
    emit(rows, format, "actors")


@app.command()
def search(
    query: str = typer.Argument(..., help="Words to find in article titles and text (SQLite FTS5)."),
    db: str | None = DbOpt, limit: int = LimitOpt, format: str = FormatOpt,
) -> None:
    """Full-text search over stored articles."""
    with _open_store(db) as store:
        rows = store.search(query, limit=limit)
    emit(rows, format, f"search {query!r}")


@app.command()
def events(
    db: str | None = DbOpt, actor: str | None = typer.Option(None, "--actor", help="Actor code, country or name (RUS, RUSGOV, Lavrov)."),
    recipient: str | None = typer.Option(None, "--recipient", help="Recipient code, country or name."),
    type: str | None = typer.Option(None, "--type", help="PLOVER event type, e.g. ASSAULT."),
    since: str | None = typer.Option(None, help="Event date on or after (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, help="Event date on or before (YYYY-MM-DD)."),
    status: str | None = typer.Option(None, help="actual, negated, future, hypothetical or historical."),
    limit: int = LimitOpt, format: str = FormatOpt,
) -> None:
    """Query stored events."""
    with _open_store(db) as store:
        rows = store.events(actor=actor, recipient=recipient, type=type, since=since, until=until, status=status, limit=limit)
    table_columns = ["article_id", "date_value", "type", "mode", "status", "actor_names", "recipient_names",
                     "location_name", "reported_by_name", "evidence_text"]
    emit(rows, format, "events", table_columns if format == "table" else None)


@app.command()
def quotes(
    db: str | None = DbOpt, speaker: str | None = typer.Option(None, help="Speaker name or code."),
    about: str | None = typer.Option(None, help="An actor named in the quote (name or code)."),
    since: str | None = typer.Option(None, help="Published on or after (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, help="Published on or before (YYYY-MM-DD)."),
    text: str | None = typer.Option(None, help="Words in the quote."),
    limit: int = LimitOpt, format: str = FormatOpt,
) -> None:
    """Find stored quotes and reported speech."""
    with _open_store(db) as store:
        rows = store.quotes(speaker=speaker, about=about, since=since, until=until, text=text, limit=limit)
    table_columns = ["article_id", "published", "kind", "speaker_names", "cue", "via_name", "text"]
    emit(rows, format, "quotes", table_columns if format == "table" else None)


@app.command()
def show(
    article_id: str | None = typer.Argument(None, help="Article id; all stored articles when left out."),
    db: str | None = DbOpt, limit: int = LimitOpt,
) -> None:
    """Print readable tables of everything found in stored articles."""
    with _open_store(db) as store:
        ids = [article_id] if article_id else [a["id"] for a in store.articles(limit=limit)]
        for ident in ids:
            data = store.load(ident)
            if data is None:
                _fail(EventwireError("E014", f"no article {ident!r} in the database"))
            print_extraction(data)


def print_extraction(result: Extraction | dict[str, Any]) -> None:
    """Readable tables of one article's entities, events, quotes and times."""
    data = result.to_dict() if isinstance(result, Extraction) else result
    article = data["article"]
    text: str = article["text"]
    out.rule(f"[bold]{article.get('title') or article['id']}[/bold]  {article.get('published') or ''}")
    if article.get("removed"):
        out.print(f"removed boilerplate: {', '.join(repr(r) for r in article['removed'])}", highlight=False)
    names = {e["id"]: e["name"] for e in data.get("entities", [])}
    table = Table(title="actors", show_lines=False)
    for column in ("id", "name", "kind", "code", "title", "mentions"):
        table.add_column(column, overflow="fold")
    for e in data.get("entities", []):
        table.add_row(e["id"], e["name"], e["kind"], e.get("code") or "", e.get("title") or "", str(len(e["mentions"])))
    out.print(table)
    if data.get("events"):
        table = Table(title="events")
        for column in ("type", "mode", "actor", "recipient", "date", "status", "reported by", "evidence"):
            table.add_column(column, overflow="fold")
        for ev in data["events"]:
            start, end = ev["evidence"]
            table.add_row(
                ev["type"], ev.get("mode") or "", ", ".join(names.get(a, a) for a in ev["actor"]),
                ", ".join(names.get(r, r) for r in ev["recipient"]), (ev.get("date") or {}).get("value", ""),
                ev["status"], names.get(ev.get("reported_by") or "", ""), text[start:end],
            )
        out.print(table)
    if data.get("quotes"):
        table = Table(title="quotes")
        for column in ("kind", "speaker", "cue", "via", "text"):
            table.add_column(column, overflow="fold")
        for q in data["quotes"]:
            speakers = q.get("speakers") or ([q["speaker"]] if q.get("speaker") else [])
            table.add_row(q["kind"], "; ".join(names.get(s, s) for s in speakers), q.get("cue") or "",
                          names.get(q.get("via") or "", ""), q["text"])
        out.print(table)
    if data.get("times"):
        table = Table(title="times")
        for column in ("text", "type", "value"):
            table.add_column(column)
        for t in data["times"]:
            table.add_row(t["text"], t["type"], t["value"])
        out.print(table)


# ---------------------------------------------------------------- eval
EVALUATIONS = {
    "times": "eventwire.evaluate.times",
    "quotes": "eventwire.evaluate.quotes",
    "events": "eventwire.evaluate.events",
    "extraction": "eventwire.evaluate.extraction",
    "entities": "eventwire.evaluate.entities",
}


@app.command(name="eval")
def evaluate(
    stage: str = typer.Argument(..., help=f"What to measure: {', '.join(EVALUATIONS)}."),
    anchors: Path | None = typer.Option(None, "--anchors", help="Folder of the development gold sets (default ../shared/anchors)."),
    format: str = typer.Option("table", "--format", "-f", help="table (readable figures) or json (every figure, for scripts)."),
) -> None:
    """Measure a stage on the development gold sets and print the figures."""
    import importlib

    from .evaluate import anchors_dir

    if stage not in EVALUATIONS:
        _fail(EventwireError("E013", f"unknown stage {stage!r}"), f"Choose one of: {', '.join(EVALUATIONS)}.")
    if format not in ("table", "json"):
        _fail(EventwireError("E013", f"unknown format {format!r}"), "Choose table or json.")
    folder = anchors or anchors_dir()
    if folder is None or not Path(folder).is_dir():
        _fail(EventwireError("E015", "the development gold sets were not found"), "Pass --anchors PATH or set EVENTWIRE_ANCHORS.")
    module = importlib.import_module(EVALUATIONS[stage])
    results = module.run(Path(folder))
    formatter = getattr(module, "format_results", None) or getattr(module, "format_table", None)
    if format == "table" and formatter is not None:
        sys.stdout.write(formatter(results).rstrip("\n") + "\n")
    else:
        sys.stdout.write(json.dumps(results, indent=2, default=str) + "\n")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
