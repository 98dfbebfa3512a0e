"""A throwaway PostgreSQL server for the tests, started from Debian's `postgresql` binaries.

``EVENTWIRE_TEST_POSTGRES`` (a URL) wins when set. Otherwise ``initdb`` makes a cluster in a
temporary folder and ``pg_ctl`` starts it on a free port of 127.0.0.1; it is stopped when the
test session ends. In CI (``CI=true``) a missing PostgreSQL is a failure, never a skip.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _binary(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return found[0] if found else shutil.which(name)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_owner(command: list[str], owner: str | None) -> list[str]:
    """initdb and postgres refuse to run as root: run them as the `postgres` user then."""
    return ["runuser", "-u", owner, "--", *command] if owner else command


@contextmanager
def postgres_server() -> Iterator[str]:
    """Yield an SQLAlchemy URL of an empty database on a private server."""
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    if not initdb or not pg_ctl:
        raise RuntimeError("PostgreSQL binaries (initdb, pg_ctl) not found; install Debian's `postgresql` package")
    owner = "postgres" if os.geteuid() == 0 else None
    folder = Path(tempfile.mkdtemp(prefix="eventwire-pg-"))
    data = folder / "data"
    if owner:
        shutil.chown(folder, owner)
    port = _free_port()
    run = lambda *cmd: subprocess.run(_as_owner(list(cmd), owner), check=True, capture_output=True, text=True)  # noqa: E731
    try:
        run(initdb, "-D", str(data), "-U", "eventwire", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        run(pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start")
        try:
            run(_binary("createdb") or "createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "eventwire", "eventwire_test")
            yield f"postgresql+psycopg://eventwire@127.0.0.1:{port}/eventwire_test"
        finally:
            subprocess.run(_as_owner([pg_ctl, "-D", str(data), "-m", "immediate", "stop"], owner), capture_output=True)
    except subprocess.CalledProcessError as e:
        raise RuntimeError(f"could not start PostgreSQL: {e.stderr or e.stdout}") from e
    finally:
        shutil.rmtree(folder, ignore_errors=True)
