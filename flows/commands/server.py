"""`bidrag server`: the local Prefect API that runs keep between them (flows/local_api.py)."""

from __future__ import annotations

import argparse

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
        try:
            local_api.ready(local_api.start_kept(local_api.prefect_home()))
        except local_api.ApiError as exc:
            raise UsageError(str(exc)) from exc
    kept, answering = local_api.status()
    print(f"local Prefect API: {kept.url} ({'answers' if answering else 'does not answer'})" if kept else "none kept")
    return 0
