"""`bidrag server`: the local Prefect API that runs keep between them (flows/local_api.py)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from flows.commands.common import UsageError


def add(sub: argparse._SubParsersAction) -> None:
    sv = sub.add_parser(
        "server",
        help="the local Prefect API that runs reuse: status, start or stop it",
        description="`bidrag run` keeps one local Prefect API alive between runs (in $PREFECT_HOME, on 127.0.0.1) "
        "so a run does not wait for an API to start; it stops by itself after BIDRAG_API_IDLE_MINUTES (30) "
        "without a run. BIDRAG_PREFECT_API=ephemeral uses Prefect's per-run API instead (docs/performance.md).",
    )
    sv.add_argument("action", nargs="?", default="status", choices=["status", "start", "stop"], help="default: status")
    sv.set_defaults(func=cmd_server)


def cmd_server(args: argparse.Namespace) -> int:
    from flows import local_api

    if args.action == "stop":
        kept = local_api.stop_kept()
        print(f"stopped the local Prefect API at {kept.url}" if kept else "no local Prefect API was kept")
        return 0
    if args.action == "start":
        return start()
    kept, answering = local_api.status()
    print(f"local Prefect API: {kept.url} ({'answers' if answering else 'does not answer'})" if kept else "none kept")
    return 0


def start() -> int:
    """Start the kept API and wait until it answers (at once when it already does); say how to stop it.

    Runs that would not use it (PREFECT_API_URL names another API, or Prefect's per-run API is asked for)
    start nothing: `make sample` calls this before every run.
    """
    from flows import local_api

    if os.environ.get("PREFECT_API_URL"):
        print(f"runs use the Prefect API at {os.environ['PREFECT_API_URL']} (PREFECT_API_URL): no local API started")
        return 0
    if not local_api.keeping():
        print(f"{local_api.MODE_VARIABLE}=ephemeral: runs start Prefect's per-run API, no local API started")
        return 0
    t0 = time.perf_counter()
    try:
        kept = local_api.start_kept(local_api.prefect_home())
        local_api.ready(kept)
    except local_api.ApiError as exc:
        raise UsageError(str(exc)) from exc
    how = f"started in {time.perf_counter() - t0:.1f} s" if kept.started else "already running"
    idle = os.environ.get(local_api.IDLE_VARIABLE, f"{local_api.DEFAULT_IDLE_MINUTES:g}")
    program = sys.argv[0] if Path(sys.argv[0]).name == "bidrag" else "bidrag"
    print(f"local Prefect API: {kept.url} ({how}; also Prefect's UI at {kept.url.removesuffix('/api')})")
    print(f"  it stops after {idle} minutes without a run, or now with: {program} server stop")
    return 0
