"""`bidrag ingest` (one run: fetch what is new from the configured sources, publish it) and `bidrag serve`."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from flows.commands.common import (
    DEFAULT_OUTPUT,
    UsageError,
    add_run_options,
    checked_corrections,
    load_sources_config,
    print_summary,
    run_options,
    writable_output,
)


def add(sub: argparse._SubParsersAction) -> None:
    i = sub.add_parser(
        "ingest",
        help="fetch new decisions from the configured sources and publish (one run)",
        description="Fetch what is new from the configured sources and publish it: one scheduled run.",
    )
    i.add_argument("--config", required=True, help="TOML file naming the sources (see README)")
    add_run_options(i)
    i.set_defaults(func=cmd_ingest)

    s = sub.add_parser(
        "serve",
        help="serve the ingestion flow as a Prefect deployment on a cron schedule",
        description="Serve the ingestion flow on a cron schedule against the configured Prefect API.",
    )
    s.add_argument("--config", required=True, help="TOML file naming the sources (see README)")
    s.add_argument("--output", "-o", default=DEFAULT_OUTPUT, help="where the tables are published (default: output/)")
    s.add_argument("--cron", default=None, help="cron schedule (default: the config's [schedule] cron, else hourly)")
    s.set_defaults(func=cmd_serve)


def cmd_ingest(args: argparse.Namespace) -> int:
    cfg = load_sources_config(args.config)
    output = Path(args.output)
    writable_output(output)
    options = run_options(args)
    checked_corrections(output, options)
    if args.no_prefect:
        from pipeline.sources.ingest import run_ingest

        result = run_ingest(cfg, output, options, progress=True).as_dict()
    else:
        from flows import local_api

        try:
            api = local_api.prepare()  # before Prefect is imported: it reads PREFECT_API_URL once
            from flows.ingest import ingest_flow
            from flows.observe import as_result

            if api is not None:
                local_api.ready(api)
        except local_api.ApiError as exc:
            raise UsageError(str(exc)) from exc
        result = as_result(ingest_flow(config=args.config, output=args.output, options=options.as_params()))
    if args.json:
        print(json.dumps(result, default=str))
    else:
        print_summary("bidrag ingest finished", result["lines"])
    return 0


def _check_cron(cron: str) -> None:
    from prefect.client.schemas.schedules import CronSchedule

    try:
        CronSchedule(cron=cron)
    except ValueError as exc:
        raise UsageError(f"not a valid cron schedule: {cron!r} (five fields, e.g. '0 * * * *')") from exc


def _check_api() -> str:
    """The Prefect API `serve` will talk to, answering; a server that is not there is said at once."""
    url = os.environ.get("PREFECT_API_URL")
    if not url:
        return "Prefect's local ephemeral API"
    import httpx

    try:
        httpx.get(url.rstrip("/") + "/health", timeout=5).raise_for_status()
    except httpx.HTTPError as exc:
        raise UsageError(
            f"the Prefect API at {url} does not answer ({exc}); start it with `prefect server start`"
        ) from exc
    return url


def cmd_serve(args: argparse.Namespace) -> int:
    cfg = load_sources_config(args.config)
    writable_output(Path(args.output))
    import flows  # noqa: F401

    cron = args.cron or cfg.cron
    _check_cron(cron)
    api = _check_api()
    from flows.ingest import serve

    print(f"serving bidrag-ingest on cron {cron!r} against {api}; Ctrl-C stops")
    serve(args.config, args.output, cron)
    return 0
