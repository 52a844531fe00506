"""The kept local API's server process: Prefect's own API app under uvicorn, for less than `prefect server start`.

`flows.local_api` starts this module (detached, its output in the Prefect
home's `bidrag-api.log`) instead of `prefect server start`; the app, its
routes, its database and the services that record task runs and events are
Prefect's own. What differs is what the start costs (docs/performance.md has
the figures, measured on a 2-core machine):

* **Importing the server with the garbage collector paused.** Importing
  Prefect's server builds thousands of pydantic models and SQLAlchemy tables;
  the collector walks the growing heap again and again while it does. Paused
  for the import (and the import's objects frozen out of later collections),
  the import costs ≈ 0.6 CPU-s less (3.2 → 2.6).
* **A fresh Prefect home's database as a copy.** A new home's SQLite database
  is made by 113 migrations, ≈ 3.5 CPU-s, the same work for every new home.
  The first such database this installed Prefect makes is kept beside it (in
  the virtual environment, one per Prefect version); a later new home gets a
  copy of it, then its own block types as Prefect registers them.
* **A database this Prefect version already brought up to date is not
  migrated again** (a marker beside it names the version).
* **Only the services a local API of manual runs uses.** The task-run
  recorder and the event persister stay on (task runs, events, and through
  the API the flow runs, logs and artifacts are recorded as before); the
  scheduler, late runs, triggers, foreman, cancellation clean-up, pause
  expiry, lease repossession, vacuum and telemetry are for deployments,
  workers and long-lived servers, and only cost the idle server CPU.
  A user's own PREFECT_SERVER_SERVICES_* setting wins.

A database that is not the home's default SQLite file (a user's own
PREFECT_API_DATABASE_CONNECTION_URL) is left entirely to Prefect.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import time
from importlib import metadata
from pathlib import Path

from flows import collector_paused

DATABASE_FILE = "prefect.db"  # Prefect's default database in its home
MARKER_FILE = "bidrag-api-db.version"  # the Prefect version that last brought the home's database up to date
TEMPLATE_VARIABLE = "BIDRAG_API_TEMPLATE_DIR"  # where the migrated empty databases are kept (benchmarks/run.py)
# services a local API for manual runs does without (each its PREFECT_SERVER_SERVICES_<NAME>_ENABLED)
IDLE_SERVICES = (
    "SCHEDULER",
    "LATE_RUNS",
    "TRIGGERS",
    "FOREMAN",
    "CANCELLATION_CLEANUP",
    "PAUSE_EXPIRATIONS",
    "REPOSSESSOR",
    "DB_VACUUM",
    "EVENT_LOGGER",
)
SERVER_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
    "PREFECT__SERVER_FINAL": "1",  # the one app this process makes: Prefect may skip its app cache
    **{f"PREFECT_SERVER_SERVICES_{name}_ENABLED": "false" for name in IDLE_SERVICES},
}


def say(message: str) -> None:
    """A line in the kept server's log, with the process's CPU time so far."""
    print(f"bidrag api [{time.process_time():.2f} CPU-s]: {message}", file=sys.stderr, flush=True)


def prefect_version() -> str:
    return metadata.version("prefect")


def template_path(version: str) -> Path:
    """One migrated empty database per installed Prefect version, in the virtual environment by default."""
    folder = os.environ.get(TEMPLATE_VARIABLE) or Path(sys.prefix) / "share" / "bidrag"
    return Path(folder) / f"prefect-{version}.db"


def _backup(source: Path, target: Path) -> None:
    """A consistent single-file copy of a SQLite database (its write-ahead log included), written atomically."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f"{target.name}.tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    with contextlib.closing(sqlite3.connect(source)) as src, contextlib.closing(sqlite3.connect(tmp)) as dst:
        src.backup(dst)
    os.replace(tmp, target)


def _default_database(home: Path) -> Path | None:
    """The home's SQLite file when Prefect uses its default database there, else None (left to Prefect)."""
    from prefect.settings import get_current_settings

    url = get_current_settings().server.database.connection_url
    default = f"sqlite+aiosqlite:///{home}/{DATABASE_FILE}"
    return home / DATABASE_FILE if url is None or url.get_secret_value() == default else None


def _migrate(database: Path) -> None:
    """Prefect's own migrations, into the home's database (what the server would run at its start)."""
    import asyncio

    from prefect.server.database import provide_database_interface

    asyncio.run(provide_database_interface().create_db())


def database_ready(home: Path, version: str) -> str:
    """Bring the home's default database up to date before the server starts; what was done, for the log.

    "copied": a fresh home, the template copied; "migrated": migrated here (and kept as the template when there
    was none); "as it was": this version migrated it before; "left to Prefect": not the default database.
    """
    database = _default_database(home)
    if database is None:
        return "left to Prefect"
    marker = home / MARKER_FILE
    template = template_path(version)
    if database.exists():
        if marker.is_file() and marker.read_text(encoding="utf-8").strip() == version:
            return "as it was"
        _migrate(database)
        done = "migrated"
    elif template.is_file():
        _backup(template, database)
        done = "copied"
    else:
        _migrate(database)
        done = "migrated"
        with contextlib.suppress(OSError, sqlite3.Error):  # a read-only environment: no template, no harm
            _backup(database, template)
    marker.write_text(version, encoding="utf-8")
    return done


def serve(port: int) -> None:
    """Prefect's API app on 127.0.0.1:`port` until a signal stops it (uvicorn handles SIGTERM and SIGINT)."""
    home = Path(os.environ.get("PREFECT_HOME") or Path.home() / ".prefect").expanduser()
    home.mkdir(parents=True, exist_ok=True)
    for name, value in SERVER_DEFAULTS.items():
        os.environ.setdefault(name, value)
    with collector_paused():
        import uvicorn
        from prefect.server.api.server import create_app
        from prefect.settings import PREFECT_API_DATABASE_MIGRATE_ON_START, temporary_settings
    say("Prefect's server imported")
    done = database_ready(home, prefect_version())
    say(f"database {done}")
    # migrated here (or by this version before): the app's start need not ask alembic again
    with temporary_settings({PREFECT_API_DATABASE_MIGRATE_ON_START: done == "left to Prefect"}):
        app = create_app(final=True)
        uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m flows.api_server PORT")
    serve(int(sys.argv[1]))
