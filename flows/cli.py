"""`bidrag` command line: run, ingest, serve, eval.

Per-document problems never stop a run (they become `failed`/`no_text`
rows); only a problem with the run itself — a missing archive, an output that
cannot be written, a bad config or argument — exits 2, with one line saying
why. What needs no orchestration (arguments, config, an archive that has not
changed since the last publish) is decided before Prefect starts.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.read.limits import Limits

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_ARCHIVE = ROOT / "samples" / "archive"


class UsageError(Exception):
    """A bad argument or config: one line, exit 2."""


def _fail(msg: str, code: int = 2) -> int:
    print(f"bidrag: error: {msg}", file=sys.stderr)
    return code


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {n}")
    return n


def _limits(args: argparse.Namespace) -> Limits:
    from pipeline.read.limits import MB, Limits

    return Limits(
        file_bytes=int(args.max_file_mb * MB),
        pages=args.max_pages,
        text_chars=args.max_chars,
        seconds=float(args.max_seconds),
        ocr_pages=args.max_ocr_pages,
        ocr_seconds=float(args.max_ocr_seconds),
    )


def _writable_output(output: Path) -> None:
    try:
        output.mkdir(parents=True, exist_ok=True)
        probe = output / f".bidrag-write-probe-{os.getpid()}"  # one a process: two runs may start at once
        probe.write_text("")
        probe.unlink()
    except OSError as exc:
        raise UsageError(f"cannot write to output directory {output}: {exc.strerror or exc}") from exc


def _print_summary(title: str, lines: list[str]) -> None:
    print(title)
    for line in lines:
        print("  " + line)


def cmd_run(args: argparse.Namespace) -> int:
    from pipeline.run import loop as pipeline_run

    archive, output = Path(args.archive), Path(args.output)
    if not archive.exists():
        raise UsageError(f"archive not found: {archive}")
    _writable_output(output)
    t0 = time.perf_counter()
    corrections = _corrections(output, args.corrections)
    listing = pipeline_run.archive_files(archive, output)
    unchanged = pipeline_run.unchanged_summary(listing.items, output, t0, corrections) if not args.no_cache else None
    limits = _limits(args)
    guards = {"follow_symlinks": args.follow_symlinks, "wait": not args.no_wait, "allow_shrink": args.allow_shrink}
    if unchanged is not None:
        unchanged.skipped = listing.skipped
        summary = unchanged.as_dict()
    elif args.no_prefect:
        summary = pipeline_run.run_archive(
            archive,
            output,
            workers=args.workers or pipeline_run.default_workers(),
            batch_size=args.batch_size,
            use_cache=not args.no_cache,
            progress=True,
            limits=limits,
            corrections=corrections,
            **guards,
        ).as_dict()
    else:
        import flows  # noqa: F401  (Prefect defaults)
        from flows.archive import run_archive_flow

        summary = run_archive_flow(
            str(archive),
            str(output),
            args.workers,
            args.batch_size,
            args.parts_per_task,
            not args.no_cache,
            args.dask_address,
            limits=dataclasses.asdict(limits),
            corrections=args.corrections,
            **guards,
        )
    seconds = time.perf_counter() - t0
    if args.json:
        print(json.dumps({**summary, "seconds": seconds}, default=str))
        return 0
    result = pipeline_run.RunSummary.from_dict(summary)
    result.seconds = seconds
    _print_summary("bidrag run finished", result.lines(verbose=args.verbose))
    return 0


def _corrections(output: Path, path: str | None) -> list:
    """The corrections a run will apply, checked before anything starts: a bad file publishes nothing."""
    from pipeline.publish.corrections import CorrectionsError, load_for

    try:
        return load_for(output, Path(path) if path else None)
    except CorrectionsError as exc:
        raise UsageError(f"{exc}\nnothing was published; the previous snapshot stays") from exc


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
    print(f"bidrag rollback: {args.output} now publishes snapshot {target.id} ({target.documents} documents)")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from pipeline.outputs.evaluate import evaluate, format_misses, format_report

    out, gold = Path(args.output), Path(args.gold)
    if not (out / "documents").exists():
        raise UsageError(f"no published output in {out} (run `bidrag run` first)")
    if not gold.is_dir():
        raise UsageError(f"gold directory not found: {gold}")
    result = evaluate(out, gold, only_published=args.only_published, corrected=not args.without_corrections)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False, default=str))
    else:
        print(format_report(result))
        if args.verbose:
            print("\nper document: - in gold and missed, + found and not in gold")
            print(format_misses(result))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from pipeline.outputs.export import ExportError, export

    try:
        written = export(Path(args.output), args.format, Path(args.out) if args.out else None, args.table or None)
    except ExportError as exc:
        raise UsageError(str(exc)) from exc
    for path in written:
        print(path)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from pipeline.outputs.report import ReportError, write_report

    try:
        path = write_report(Path(args.output), Path(args.out) if args.out else None)
    except ReportError as exc:
        raise UsageError(str(exc)) from exc
    print(path)
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from pipeline.outputs import review

    output = Path(args.output)
    try:
        if args.apply:
            target, added, had = review.apply_review(
                output, Path(args.apply), Path(args.corrections) if args.corrections else None
            )
            print(f"{added} corrections added to {target} ({had} were there already)")
            print(f"the next run publishes them: bidrag run ARCHIVE --output {output}")
            return 0
        rows = review.items(output, args.below)
        out = Path(args.out) if args.out else output / "review.csv"
        review.write(rows, out)
    except review.ReviewError as exc:
        raise UsageError(str(exc)) from exc
    counts = ", ".join(f"{k} {v}" for k, v in sorted(Counter(r["item"] for r in rows).items())) or "nothing"
    print(f"{len(rows)} rows to review ({counts}): {out}")
    return 0


def cmd_blocks(args: argparse.Namespace) -> int:
    """Print a file's structure as bidrag reads it: what a rule saw, whatever the format."""
    import json

    from pipeline.read.document import process_bytes

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{path}: {exc.strerror or exc}") from exc
    result = process_bytes(data, str(path))
    if result.status != "ok":
        raise UsageError(f"{path}: {result.document.status}: {result.document.error}")
    text = result.document.text
    for b in result.blocks:
        if args.json:
            print(json.dumps(b.as_dict(text), ensure_ascii=False))
            continue
        head = f"{b.kind:<9} p.{b.page if b.page is not None else '-':<3} {b.start:>7}-{b.end:<7}"
        if b.kind == "table":
            print(f"{head} {len(b.rows)} rows" + (f" · {text[b.caption.start : b.caption.end]!r}" if b.caption else ""))
            for r in (*b.header_rows, *b.rows):
                cells = [text[r.label.start : r.label.end], *(text[c.start : c.end] for c in r.cells)]
                print(" " * 12 + " | ".join(cells))
        else:
            line = " ".join(text[b.start : b.end].split())
            print(f"{head} {line[:100]}{'…' if len(line) > 100 else ''}")
    return 0


def _config(path: str):
    from pipeline.sources.fetch import ConfigError, load_config

    try:
        return load_config(Path(path))
    except ConfigError as exc:
        raise UsageError(str(exc)) from exc


def cmd_ingest(args: argparse.Namespace) -> int:
    cfg = _config(args.config)
    output = Path(args.output)
    _writable_output(output)
    corrections = _corrections(output, args.corrections)
    if args.no_prefect:
        from pipeline.run.loop import LocalRunner, default_workers
        from pipeline.sources.ingest import run_ingest

        runner = LocalRunner(args.workers or default_workers())
        result = run_ingest(
            cfg,
            output,
            runner=runner,
            batch_size=args.batch_size,
            progress=True,
            wait=not args.no_wait,
            allow_shrink=args.allow_shrink,
            limits=_limits(args),
            corrections=corrections,
        ).as_dict()
    else:
        import flows  # noqa: F401
        from flows.ingest import ingest_flow
        from flows.observe import as_result

        result = as_result(
            ingest_flow(
                config=args.config,
                output=args.output,
                workers=args.workers,
                wait=not args.no_wait,
                allow_shrink=args.allow_shrink,
                limits=dataclasses.asdict(_limits(args)),
                corrections=args.corrections,
            )
        )
    if args.json:
        print(json.dumps(result, default=str))
    else:
        _print_summary("bidrag ingest finished", result["lines"])
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
    cfg = _config(args.config)
    _writable_output(Path(args.output))
    import flows  # noqa: F401

    cron = args.cron or cfg.cron
    _check_cron(cron)
    api = _check_api()
    from flows.ingest import serve

    print(f"serving bidrag-ingest on cron {cron!r} against {api}; Ctrl-C stops")
    serve(args.config, args.output, cron)
    return 0


def _version() -> str:
    from pipeline.read.document import __version__, pipeline_version

    return f"bidrag {__version__} (pipeline {pipeline_version()})"


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="bidrag",
        description="Turn Swedish public-sector documents about money into linked, queryable Parquet tables.",
        epilog="`bidrag COMMAND --help` describes a command. Bad arguments and configs exit 2 with one line.",
    )
    p.add_argument("--version", action="version", version="%(prog)s", help="print the version and exit")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--output", "-o", default="output", help="where the tables are published (default: output/)")
        sp.add_argument("--workers", type=_positive, default=None, help="worker processes (default: all cores)")
        sp.add_argument(
            "--batch-size",
            type=_positive,
            default=25,
            help="documents a worker takes at once, with or without Prefect (default: 25)",
        )
        sp.add_argument("--no-prefect", action="store_true", help="run the same pipeline as plain Python")
        sp.add_argument(
            "--json", action="store_true", help="print the summary as JSON (work_seconds: the time past start-up)"
        )
        sp.add_argument("--no-wait", action="store_true", help="exit 2 at once when another run is writing the output")
        sp.add_argument(
            "--max-file-mb", type=_positive, default=256, help="a larger file is a failed row (default 256)"
        )
        sp.add_argument(
            "--max-pages", type=_positive, default=2000, help="read the first N pages of a PDF (default 2000)"
        )
        sp.add_argument(
            "--max-chars",
            type=_positive,
            default=2_000_000,
            help="cut a document's text at N characters, noted in its error column (default 2,000,000)",
        )
        sp.add_argument(
            "--max-seconds", type=_positive, default=300, help="a document taking longer is a failed row (default 300)"
        )
        sp.add_argument(
            "--max-ocr-pages",
            type=_positive,
            default=100,
            help="recognise at most N scanned pages of a document; the rest stay unread, noted (default 100)",
        )
        sp.add_argument(
            "--max-ocr-seconds",
            type=_positive,
            default=180,
            help="stop recognising a document's scanned pages after N seconds, noted (default 180)",
        )
        sp.add_argument(
            "--allow-shrink",
            action="store_true",
            help="publish even when the new dataset is empty or drops more than half the published documents",
        )
        sp.add_argument(
            "--corrections",
            default=None,
            help="the reviewers' corrections CSV to apply (default: OUTPUT/corrections.csv when there is one)",
        )

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
    common(r)
    r.add_argument(
        "--parts-per-task",
        type=_positive,
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

    e = sub.add_parser(
        "eval",
        help="score a published output against gold annotations",
        description="Score a published output against gold annotations (EVALUATION.md).",
    )
    e.add_argument("output", help="a published output directory")
    e.add_argument("gold", help="a folder of gold <id>.json files")
    e.add_argument("--json", action="store_true", help="machine-readable output")
    e.add_argument(
        "--only-published",
        action="store_true",
        help="score only gold documents that the output holds (compare runs over subsets)",
    )
    e.add_argument(
        "--without-corrections",
        action="store_true",
        help="score the rules' own output, before the reviewers' corrections (the default scores the published)",
    )
    e.add_argument(
        "--verbose", "-v", action="store_true", help="list, per document, the mentions and facts missed and added"
    )
    e.set_defaults(func=cmd_eval)

    i = sub.add_parser(
        "ingest",
        help="fetch new decisions from the configured sources and publish (one run)",
        description="Fetch what is new from the configured sources and publish it: one scheduled run.",
    )
    i.add_argument("--config", required=True, help="TOML file naming the sources (see README)")
    common(i)
    i.set_defaults(func=cmd_ingest)

    sn = sub.add_parser(
        "snapshots",
        help="list the kept snapshots of an output",
        description="List the snapshots an output keeps, oldest first; * marks the published one.",
    )
    sn.add_argument("output", nargs="?", default="output", help="a published output directory (default: output/)")
    sn.add_argument("--json", action="store_true", help="machine-readable output")
    sn.set_defaults(func=cmd_snapshots)

    rb = sub.add_parser(
        "rollback",
        help="make an earlier snapshot the published one",
        description="Make an earlier snapshot the published one, atomically (default: the one before the current).",
    )
    rb.add_argument("output", nargs="?", default="output", help="a published output directory (default: output/)")
    rb.add_argument("snapshot", nargs="?", default=None, help="the snapshot id (see `bidrag snapshots`)")
    rb.add_argument("--no-wait", action="store_true", help="exit 2 at once when a run is writing the output")
    rb.set_defaults(func=cmd_rollback)

    ex = sub.add_parser(
        "export",
        help="write the published tables as CSV or an Excel workbook",
        description="Write the published tables for people who do not write code: `xlsx` (one sheet per table, "
        "numbers as numbers with thousands separators, header rows frozen, a sheet of column meanings), `csv` "
        "(comma, dot decimals, UTF-8) or `csv-sv` (what Swedish Excel opens: semicolon, decimal comma).",
    )
    ex.add_argument("output", nargs="?", default="output", help="a published output directory (default: output/)")
    ex.add_argument("--format", "-f", required=True, choices=["csv", "csv-sv", "xlsx"], help="the file format")
    ex.add_argument("--table", "-t", action="append", help="a table to export (repeatable; default: every table)")
    ex.add_argument("--out", help="a folder for CSV files, or an .xlsx path (default: OUTPUT/exports/)")
    ex.set_defaults(func=cmd_export)

    rv = sub.add_parser(
        "review",
        help="export what needs a person's look, or apply a filled-in review as corrections",
        description="Export facts below a confidence, money tied to no body, totals whose parts do not add up, "
        "grants whose sources disagree and failed files, each with its evidence and blank verdict columns "
        "(verdict: ok, reject, fix with field and value, or add). --apply reads the verdicts back into the "
        "corrections file, which every later run applies.",
    )
    rv.add_argument("output", nargs="?", default="output", help="a published output directory (default: output/)")
    rv.add_argument(
        "--below", type=float, default=0.8, help="facts with a confidence below this need a look (default 0.8)"
    )
    rv.add_argument("--out", help="review.csv or review.xlsx (default: OUTPUT/review.csv)")
    rv.add_argument("--apply", metavar="SHEET", help="a filled-in review sheet to add to the corrections")
    rv.add_argument("--corrections", help="the corrections file to add to (default: OUTPUT/corrections.csv)")
    rv.set_defaults(func=cmd_review)

    bl = sub.add_parser(
        "blocks",
        help="print a file's structure as bidrag reads it: headings, paragraphs, list items, tables",
        description="Print the blocks bidrag reads from one file (text, PDF, DOCX or web page): headings, "
        "paragraphs, list items and tables with their caption, header rows and cells, each with its page and "
        "offsets into documents.text. The same document gives the same blocks in every format.",
    )
    bl.add_argument("file", help="a file to read")
    bl.add_argument("--json", action="store_true", help="one JSON object per block")
    bl.set_defaults(func=cmd_blocks)

    rp = sub.add_parser(
        "report",
        help="write one self-contained HTML page: totals, maps, the grants with their evidence",
        description="Write one HTML page that works offline: totals by role and year and by programme, the "
        "largest recipients, maps of granted kronor per region and municipality, a searchable table of grants "
        "with evidence and sources, the totals that do not add up and the files that could not be read.",
    )
    rp.add_argument("output", nargs="?", default="output", help="a published output directory (default: output/)")
    rp.add_argument("--out", help="where to write the page (default: OUTPUT/report.html)")
    rp.set_defaults(func=cmd_report)

    s = sub.add_parser(
        "serve",
        help="serve the ingestion flow as a Prefect deployment on a cron schedule",
        description="Serve the ingestion flow on a cron schedule against the configured Prefect API.",
    )
    s.add_argument("--config", required=True, help="TOML file naming the sources (see README)")
    s.add_argument("--output", "-o", default="output", help="where the tables are published (default: output/)")
    s.add_argument("--cron", default=None, help="cron schedule (default: the config's [schedule] cron, else hourly)")
    s.set_defaults(func=cmd_serve)
    return p


def main(argv: list[str] | None = None) -> int:
    p = parser()
    as_program = argv is None  # the `bidrag` command, not a call from Python (whose process is not ours to group)
    argv = sys.argv[1:] if argv is None else argv
    if "--version" in argv[:1]:
        print(_version())
        return 0
    args = p.parse_args(argv)
    if as_program and args.command in ("run", "ingest", "serve"):
        from pipeline.run.processes import reap_group_on_exit

        reap_group_on_exit()
    from pipeline.publish.snapshot import PublishError
    from pipeline.run.loop import ArchiveError

    try:
        return args.func(args)
    except (UsageError, ArchiveError, PublishError) as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return _fail("interrupted", 130)


if __name__ == "__main__":
    sys.exit(main())
