"""Clean: a Document (text or HTML) becomes an Article whose text every later span points into.

Steps, in order:

1. HTML only: trafilatura extracts the main text (recall-leaning, one paragraph a line) and the
   page's metadata (title, date, site name, URL); fields the Document already has win.
2. ``normalise_text``: Unicode NFC, cheap mojibake repair ("â€™" -> "’"), odd quote marks made
   usual ones (curly quotes stay curly), spaces, zero-width and control characters, line breaks,
   per-line stripping and at most one blank line in a row.
3. Boilerplate: page furniture from ``eventwire/data/boilerplate.yaml`` (plus user files) is cut,
   whole lines or phrases glued onto sentences ("More ShortsUkraine reported ..."); every cut
   string goes to ``Article.removed``.
4. Glued sentences from scraping ("said.The") get their space back.

Users extend the boilerplate with a file of the same format, passed as
``clean_document(document, boilerplate=PATH)`` or named in the ``EVENTWIRE_BOILERPLATE``
environment variable (several paths separated by ``os.pathsep``).
"""

from __future__ import annotations

import functools
import logging
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import EventwireError, InputError
from .ingest.records import normalise_published
from .records import Article, Document

log = logging.getLogger(__name__)

BOILERPLATE_ENV = "EVENTWIRE_BOILERPLATE"
KINDS = ("line", "prefix", "regex", "inline")

# Characters that are space in all but name, invisible format characters, and line breaks.
_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile("[\u00ad\u180e\u200b\u200e\u200f\u2060-\u2064\ufeff]")
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\u0085\u000b\u000c]")
_CONTROLS = re.compile("[\u0000-\u0008\u000e-\u001f\u007f-\u009f]")
_SPACE_RUNS = re.compile(" {2,}")
_BLANK_RUNS = re.compile("\n{3,}")
# An apostrophe typed as prime, acute or grave accent between two letters: "Russia′s" -> "Russia’s".
_ODD_APOSTROPHE = re.compile(r"(?<=[^\W\d_])[\u2032\u00b4`](?=[^\W\d_])")

# "said.The" -> "said. The": sentence punctuation (and a closing quote) between a word of 3+
# letters and a capitalised word of 2+ lowercase letters. After a full stop the left word must end
# in a lowercase letter, so "U.S.", "ASP.Net" and initials stay as they are.
_GLUED_SENTENCE = re.compile(
    r"(?<=[^\W\d_]{2}[a-zß-öø-ÿ])(\.)([”\"’)]?)(?=[A-Z][a-z]{2,})"
    r"|(?<=[^\W\d_]{3})([!?]+)([”\"’)]?)(?=[A-Z][a-z]{2,})"
)

_DECOR = r"[\s•·|›»>«‹<\-–—*#:;,.!?()\[\]…]*"
_SENTENCE_END = r"[.!?”\"’')\]]"


def _cp1252_bytes() -> dict[str, int]:
    """Each character Windows-1252 (or Latin-1, for its five holes) gives for a byte 0x80-0xFF."""
    table = {}
    for byte in range(0x80, 0x100):
        char = bytes([byte]).decode("cp1252", errors="ignore") or chr(byte)
        table[char] = byte
    return table


_CP1252_BYTES = _cp1252_bytes()


def _mojibake_pattern() -> re.Pattern[str]:
    """UTF-8 bytes read as Windows-1252: a lead-byte character and the right number of continuations."""
    cont = "[" + "".join(re.escape(c) for c, b in _CP1252_BYTES.items() if b < 0xC0) + "]"
    return re.compile(f"[\u00c2-\u00df]{cont}|[\u00e0-\u00ef]{cont}{{2}}|[\u00f0-\u00f4]{cont}{{3}}")


_MOJIBAKE = _mojibake_pattern()


def _repair_mojibake(match: re.Match[str]) -> str:
    chunk = match.group(0)
    try:
        return bytes(_CP1252_BYTES[c] for c in chunk).decode("utf-8")
    except (KeyError, UnicodeDecodeError):
        return chunk


@dataclass(frozen=True)
class Boilerplate:
    """Compiled boilerplate rules and character replacements (see ``eventwire/data/boilerplate.yaml``)."""

    whole: re.Pattern[str] | None
    glued_start: re.Pattern[str] | None
    glued_between: re.Pattern[str] | None
    trailing: re.Pattern[str] | None
    prefix: re.Pattern[str] | None
    regexes: tuple[re.Pattern[str], ...]
    inline: tuple[re.Pattern[str], ...]
    characters: dict[str, str]
    prefix_max_words: int

    @classmethod
    def from_specs(cls, specs: Sequence[dict[str, Any]]) -> Boilerplate:
        """Merge parsed boilerplate files (lists add up, later characters and limits override)."""
        phrases: dict[str, list[str]] = {kind: [] for kind in KINDS}
        characters: dict[str, str] = {}
        prefix_max_words = 40
        for spec in specs:
            for kind in KINDS:
                phrases[kind].extend(str(item) for item in spec.get(kind) or [] if str(item).strip())
            characters.update({str(k): str(v) for k, v in (spec.get("characters") or {}).items()})
            if spec.get("prefix_max_words") is not None:
                prefix_max_words = int(spec["prefix_max_words"])
        lines = sorted(set(phrases["line"]), key=len, reverse=True)
        glueable = [p for p in lines if len(p.split()) >= 2 or len(p) >= 8]
        return cls(
            whole=_alternation(lines, f"^{_DECOR}(?:", f"){_DECOR}$"),
            glued_start=_alternation(glueable, "^(?:", r")(?=(?-i:[A-Z“\"‘\d]))", word_end=False),
            glued_between=_alternation(glueable, f"(?<={_SENTENCE_END})\\s*(?:", r")\s*(?=(?-i:[A-Z“\"‘](?:[a-z]|\s)))",
                                       word_end=False),
            trailing=_alternation(lines, f"(?<={_SENTENCE_END})\\s*(?:", f"){_DECOR}$"),
            prefix=_alternation(sorted(set(phrases["prefix"]), key=len, reverse=True), f"^{_DECOR}(?:", ")"),
            regexes=tuple(re.compile(p) for p in phrases["regex"]),
            inline=tuple(re.compile(p) for p in phrases["inline"]),
            characters=characters,
            prefix_max_words=prefix_max_words,
        )


def _alternation(phrases: Iterable[str], head: str, tail: str, word_end: bool = True) -> re.Pattern[str] | None:
    """One case-insensitive regex for many phrases; with ``word_end`` a phrase ending in a letter ends a word."""
    parts = [re.escape(p) + (r"\b" if word_end and p[-1].isalnum() else "") for p in phrases]
    if not parts:
        return None
    return re.compile(head + "|".join(parts) + tail, re.IGNORECASE)


def _read_spec(path: Path) -> dict[str, Any]:
    """One boilerplate file: YAML as in the shipped file, or .txt with one ``kind: pattern`` a line.

    In a .txt file a line without a known ``kind:`` is a whole-line phrase; ``#`` starts a comment.
    """
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() == ".txt":
        spec: dict[str, Any] = {kind: [] for kind in KINDS}
        for raw_line in text.splitlines():
            line = raw_line.strip()
            if not line or line.startswith("#"):
                continue
            kind, sep, rest = line.partition(":")
            if sep and kind.strip().lower() in KINDS and rest.strip():
                spec[kind.strip().lower()].append(rest.strip())
            else:
                spec["line"].append(line)
        return spec
    loaded = yaml.safe_load(text) or {}
    if not isinstance(loaded, dict):
        raise TypeError("expected a mapping with keys line, prefix, regex, inline, characters")
    return loaded


def _default_path() -> Path:
    return Path(str(resources.files("eventwire") / "data" / "boilerplate.yaml"))


@functools.lru_cache(maxsize=16)
def load_boilerplate(extra: tuple[str, ...] = ()) -> Boilerplate:
    """The shipped rules plus the files in ``extra``; E012 names a file that cannot be used."""
    specs = []
    for path in (str(_default_path()), *extra):
        try:
            specs.append(_read_spec(Path(path)))
        except (OSError, ValueError, TypeError, yaml.YAMLError) as error:
            raise EventwireError("E012", f"boilerplate file {path} cannot be read: {error}") from error
    try:
        return Boilerplate.from_specs(specs)
    except (re.error, TypeError, ValueError, AttributeError) as error:
        raise EventwireError("E012", f"boilerplate rules are invalid: {error}") from error


def _extra_paths(boilerplate: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None) -> tuple[str, ...]:
    paths: list[str] = []
    env = os.environ.get(BOILERPLATE_ENV, "")
    paths += [p for p in env.split(os.pathsep) if p.strip()]
    if isinstance(boilerplate, (str, os.PathLike)):
        paths.append(os.fspath(boilerplate))
    elif boilerplate is not None:
        paths += [os.fspath(p) for p in boilerplate]
    return tuple(paths)


def normalise_text(text: str, rules: Boilerplate | None = None) -> str:
    """Unicode, quote, whitespace and line normalisation; no content is removed.

    Curly quotes stay as they are; only odd quote characters are mapped (see ``characters`` in
    the boilerplate file). Lines are stripped, runs of spaces become one, and no more than one
    blank line stands in a row.
    """
    rules = rules or load_boilerplate()
    text = unicodedata.normalize("NFC", text)
    if _MOJIBAKE.search(text):
        text = unicodedata.normalize("NFC", _MOJIBAKE.sub(_repair_mojibake, text))
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROLS.sub("", text)
    text = _SPACES.sub(" ", text)
    if rules.characters:
        single: dict[str, str | int | None] = {k: v for k, v in rules.characters.items() if len(k) == 1}
        text = text.translate(str.maketrans(single))
        for old, new in rules.characters.items():
            if len(old) > 1:
                text = text.replace(old, new)
    text = _ODD_APOSTROPHE.sub("\u2019", text)
    lines = [_SPACE_RUNS.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


def remove_boilerplate(text: str, rules: Boilerplate | None = None) -> tuple[str, list[str]]:
    """Cut page furniture from normalised text; returns the text and the strings removed, in order.

    Every removed string is a substring of the text given.
    """
    rules = rules or load_boilerplate()
    removed: list[str] = []
    kept: list[str] = []
    for line in text.split("\n"):
        cleaned = _clean_line(line, rules, removed) if line else line
        if cleaned is not None:
            kept.append(cleaned)
    return _BLANK_RUNS.sub("\n\n", "\n".join(kept)).strip(), removed


def _is_furniture_line(line: str, rules: Boilerplate) -> bool:
    if rules.whole and rules.whole.match(line):
        return True
    return any(pattern.fullmatch(line) for pattern in rules.regexes)


def _is_prefixed_line(line: str, rules: Boilerplate) -> bool:
    return bool(rules.prefix and rules.prefix.match(line) and len(line.split()) <= rules.prefix_max_words)


def _clean_line(line: str, rules: Boilerplate, removed: list[str]) -> str | None:
    """One line without its furniture; None when the whole line is furniture."""
    for _ in range(20):  # each pass cuts one piece off an end; a line holds only so many
        if _is_furniture_line(line, rules):
            removed.append(line)
            return None
        start = rules.glued_start.match(line) if rules.glued_start else None
        if start and len(line[start.end():].split()) >= 3:
            removed.append(start.group(0))
            line = line[start.end():].lstrip()
            continue
        if _is_prefixed_line(line, rules):
            removed.append(line)
            return None
        end = rules.trailing.search(line) if rules.trailing else None
        if end and end.start() > 0 and _starts_upper(end.group(0)):
            removed.append(end.group(0).strip())
            line = line[: end.start()].rstrip()
            continue
        break
    cuts: list[tuple[int, int]] = []
    if rules.glued_between:
        cuts += [m.span() for m in rules.glued_between.finditer(line) if _starts_upper(m.group(0))]
    for pattern in rules.inline:
        cuts += [m.span() for m in pattern.finditer(line) if m.end() > m.start()]
    if not cuts:
        return line
    pieces: list[str] = []
    position = 0
    for cut_start, cut_end in _merge(cuts):
        removed.append(line[cut_start:cut_end].strip())
        pieces.append(line[position:cut_start])
        position = cut_end
    pieces.append(line[position:])
    joined = "".join(_join_piece(pieces[i], pieces[i + 1] if i + 1 < len(pieces) else "")
                     for i in range(len(pieces)))
    result = _SPACE_RUNS.sub(" ", joined).strip()
    return result or None


def _join_piece(piece: str, following: str) -> str:
    """Keep one space between the pieces around a cut unless the next piece starts with punctuation."""
    if following and not following[0].isspace() and piece and not piece[-1].isspace():
        return piece if following[0] in ".,;:!?)”’" else piece + " "
    return piece


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _starts_upper(fragment: str) -> bool:
    stripped = fragment.lstrip(" .!?”\"’)]")
    return bool(stripped) and stripped[0].isupper()


def split_glued_sentences(text: str) -> str:
    """Put the missing space back where scraping glued two sentences: "said.The" -> "said. The"."""
    return _GLUED_SENTENCE.sub(lambda m: "".join(g for g in m.groups() if g) + " ", text)


def clean_text(text: str, rules: Boilerplate | None = None) -> tuple[str, list[str]]:
    """Normalise, remove boilerplate and split glued sentences; returns text and removed strings."""
    rules = rules or load_boilerplate()
    cleaned, removed = remove_boilerplate(normalise_text(text, rules), rules)
    return split_glued_sentences(cleaned), removed


def _published(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return normalise_published(value)
    except ValueError:
        log.warning("ignoring publication date %r: not a date we read", value)
        return None


def _html_main_text(document: Document) -> tuple[str | None, dict[str, str | None]]:
    """trafilatura's main text (None when it finds none) and page metadata for an HTML document."""
    import trafilatura

    html = document.html or ""
    meta: Any
    text: str | None
    try:
        if document.text:
            meta = trafilatura.extract_metadata(html, default_url=document.url)
            text = document.text
        else:
            meta = trafilatura.bare_extraction(
                html, url=document.url, favor_recall=True, include_comments=False, include_tables=True,
                with_metadata=True,
            )
            text = getattr(meta, "text", None) if meta is not None else None
    except Exception as error:  # lxml/trafilatura failures on odd HTML vary
        raise InputError("E008", f"HTML could not be parsed ({type(error).__name__}: {error})",
                         document.origin) from error
    fields = {name: getattr(meta, attr, None) if meta is not None else None
              for name, attr in (("title", "title"), ("published", "date"), ("source", "sitename"), ("url", "url"))}
    return text, fields


def clean_document(
    document: Document,
    *,
    boilerplate: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
) -> Article:
    """The cleaned Article for a Document; raises InputError E008 for HTML without main text.

    ``boilerplate`` adds rule files to the shipped ones (as does ``$EVENTWIRE_BOILERPLATE``).
    The Document's own url, title, published and source win over what an HTML page says.
    """
    rules = load_boilerplate(_extra_paths(boilerplate))
    meta: dict[str, str | None] = {}
    text = document.text
    if document.html and document.html.strip():
        text, meta = _html_main_text(document)
        if not text or not text.strip():
            raise InputError("E008", "HTML has no extractable main text", document.origin)
    cleaned, removed = clean_text(text or "", rules)
    if document.html and not document.text and not cleaned:
        raise InputError("E008", "HTML has no main text left after removing boilerplate", document.origin)
    title = document.title or meta.get("title")
    return Article(
        id=document.id,
        text=cleaned,
        url=document.url or meta.get("url"),
        title=" ".join(normalise_text(title, rules).split()) if title else None,
        published=_published(document.published) or _published(meta.get("published")),
        source=document.source or meta.get("source"),
        removed=removed,
    )
