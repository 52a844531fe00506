"""`bidrag run`: extract and publish the tables of an archive folder, with Prefect or as plain Python."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import TYPE_CHECKING

from flows.commands.common import (
    SAMPLE_ARCHIVE,
    UsageError,
    add_run_options,
    check_dask,
    checked_corrections,
    positive,
    print_summary,
    run_options,
    writable_output,
)

if TYPE_CHECKING:
    from pipeline.run.options import RunOptions


def add(sub: argparse._SubParsersAction) -> None:
    r = sub.add_parser(
        "run",
        help="extract and publish the tables for an archive folder",
        description="Extract and publish the tables for an archive folder.",
    )
    r.add_argument(
        "archive",
        nargs="?",
        default=str(SAMPLE_ARCHIVE),
        help="folder of documents, walked recursively (default: the bundled sample archive)",
    )
    add_run_options(r)
    r.add_argument(
        "--parts-per-task",
        type=positive,
        default=8,
        help="batches in one Prefect task (default: 8, i.e. 200 documents a task)",
    )
    r.add_argument("--no-cache", action="store_true", help="recompute every document and publish anew")
    r.add_argument(
        "--follow-symlinks", action="store_true", help="also read files that symlinks inside the archive lead out to"
    )
    r.add_argument("--verbose", "-v", action="store_true", help="name every file passed over in the summary")
    r.add_argument("--dask-address", default=None, help="run the tasks on an existing Dask cluster (tcp://host:port)")
    r.set_defaults(func=cmd_run)


def cmd_run(args: argparse.Namespace) -> int:
    from pipeline.publish.unchanged import unchanged_summary
    from pipeline.run.files import archive_files
    from pipeline.run.summary import RunSummary

    archive, output = Path(args.archive), Path(args.output)
    if not archive.exists():
        raise UsageError(f"archive not found: {archive}")
    writable_output(output)
    t0 = time.perf_counter()
    options = run_options(args)
    corrections = checked_corrections(output, options)
    listing = archive_files(archive, output)
    if not listing.items and not options.allow_shrink and not (output / "current").is_symlink():
        raise UsageError(f"no documents in {archive}; nothing was published (--allow-shrink publishes it empty)")
    if args.dask_address:
        check_dask(args.dask_address)
    unchanged = unchanged_summary(listing.items, output, t0, corrections) if options.use_cache else None
    if unchanged is not None:
        unchanged.skipped = listing.skipped
        summary = unchanged.as_dict()
    else:
        if will_fork_workers(len(listing.items), options, args.dask_address):
            from pipeline.run.processes import start_pool_server

            start_pool_server()  # its imports and compiling overlap this process's own start
        summary = publish(args, archive, output, listing.items, options)
    seconds = time.perf_counter() - t0
    if args.json:
        print(json.dumps({**summary, "seconds": seconds}, default=str))
        return 0
    result = RunSummary.from_dict(summary)
    result.seconds = seconds
    print_summary("bidrag run finished", result.lines(verbose=args.verbose))
    return 0


def publish(args: argparse.Namespace, archive: Path, output: Path, items: list, options: RunOptions) -> dict:
    """The run that publishes: plain Python (`--no-prefect`) or the archive flow with its head start."""
    skip_arrow_pandas_probe()
    if args.no_prefect:
        from pipeline.run.loop import run_archive

        return run_archive(archive, output, options, progress=True).as_dict()
    from flows import headstart, local_api

    try:
        return headstart.run_archive(archive, output, items, options, args.parts_per_task, args.dask_address)
    except local_api.ApiError as exc:
        raise UsageError(str(exc)) from exc


def will_fork_workers(documents: int, options: RunOptions, dask_address: str | None) -> bool:
    """Whether the run will use a pool of local workers: more than one part, and more than one worker."""
    from pipeline.run.processes import default_workers

    return dask_address is None and documents > options.batch_size and (options.workers or default_workers()) > 1


def skip_arrow_pandas_probe() -> None:
    """The command's own process converts only rows bidrag made, as its workers do: Arrow's probe for pandas
    is answered without importing it (≈ 0.3 s of a commit). Here, not in `publish_items`: a caller's own
    process may later hand Arrow a pandas object, and there the probe must stay Arrow's own."""
    from pipeline.run.processes import arrow_without_pandas

    arrow_without_pandas()
