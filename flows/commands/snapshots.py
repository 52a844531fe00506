"""`bidrag snapshots` and `bidrag rollback`: the snapshots an output keeps, and making an earlier one current."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from flows.commands.common import UsageError, add_output_argument


def add(sub: argparse._SubParsersAction) -> None:
    sn = sub.add_parser(
        "snapshots",
        help="list the kept snapshots of an output",
        description="List the snapshots an output keeps, oldest first; * marks the published one.",
    )
    add_output_argument(sn)
    sn.add_argument("--json", action="store_true", help="machine-readable output")
    sn.set_defaults(func=cmd_snapshots)

    rb = sub.add_parser(
        "rollback",
        help="make an earlier snapshot the published one",
        description="Make an earlier snapshot the published one, atomically (default: the one before the current).",
    )
    add_output_argument(rb)
    rb.add_argument("snapshot", nargs="?", default=None, help="the snapshot id (see `bidrag snapshots`)")
    rb.add_argument("--no-wait", action="store_true", help="exit 2 at once when a run is writing the output")
    rb.set_defaults(func=cmd_rollback)


def cmd_snapshots(args: argparse.Namespace) -> int:
    from pipeline.publish.snapshot import list_snapshots

    snaps = list_snapshots(Path(args.output))
    if not snaps:
        raise UsageError(f"no snapshots in {args.output} (run `bidrag run` first)")
    if args.json:
        print(json.dumps([{"id": s.id, "documents": s.documents, "current": s.current} for s in snaps]))
        return 0
    for s in snaps:
        docs = "?" if s.documents is None else s.documents
        print(f"{'*' if s.current else ' '} {s.id}  {docs} documents{'  (current)' if s.current else ''}")
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    from pipeline.publish.snapshot import rollback, writer_lock

    with writer_lock(Path(args.output), wait=not args.no_wait):
        target = rollback(Path(args.output), args.snapshot)
        _refresh_report(Path(args.output))
    print(f"bidrag rollback: {args.output} now publishes snapshot {target.id} ({target.documents} documents)")
    return 0


def _refresh_report(output: Path) -> None:
    """OUTPUT/report.html shows the snapshot the tables now are (under the writer lock, as a publish does)."""
    from pipeline.outputs.report import refresh

    refresh(output)
