"""`bidrag` command line: run, eval, sample.

Per-document problems never stop a run (they become `failed`/`no_text`
rows); only a problem with the run itself — a missing archive, an output that
cannot be written — exits non-zero, with one line saying why.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_ARCHIVE = ROOT / "samples" / "archive"


def _fail(msg: str, code: int = 2) -> int:
    print(f"bidrag: error: {msg}", file=sys.stderr)
    return code


def cmd_run(args) -> int:
    from pipeline.publish import PublishError
    from pipeline.run import ArchiveError

    archive = Path(args.archive)
    output = Path(args.output)
    if not archive.exists():
        return _fail(f"archive not found: {archive}")
    try:
        output.mkdir(parents=True, exist_ok=True)
        probe = output / ".bidrag-write-probe"
        probe.write_text("")
        probe.unlink()
    except OSError as exc:
        return _fail(f"cannot write to output directory {output}: {exc.strerror or exc}")
    t0 = time.perf_counter()
    try:
        if args.no_prefect:
            from pipeline.progress import Progress
            from pipeline.run import DEFAULT_BATCH_SIZE, default_workers, list_files, run_archive

            total = len(list_files(archive, exclude=output))
            bar = Progress(total)
            s = run_archive(archive, output, workers=args.workers or default_workers(),
                            batch_size=min(args.batch_size or DEFAULT_BATCH_SIZE, DEFAULT_BATCH_SIZE),
                            use_cache=not args.no_cache, progress=bar.advance)
            bar.close()
            result = s.as_dict()
        else:
            import flows  # noqa: F401  (Prefect defaults)
            from flows.archive import TASK_SIZE, run_archive_flow

            result = run_archive_flow(str(archive), str(output), args.workers, args.batch_size or TASK_SIZE,
                                      not args.no_cache, args.dask_address)
    except (ArchiveError, PublishError) as exc:
        return _fail(str(exc))
    seconds = time.perf_counter() - t0
    if args.json:
        print(json.dumps({**result, "seconds": seconds}, default=str))
        return 0
    if result.get("unchanged"):
        print("bidrag run finished: nothing changed since the last publish (same files, same pipeline version)")
        print(f"  documents: {result['documents']}; nothing published")
        print(f"  seconds: {seconds:.1f}")
        print(f"  output: {output.resolve()}")
        return 0
    status = ", ".join(f"{k} {v}" for k, v in sorted(result["by_status"].items())) or "none"
    print("bidrag run finished")
    print(f"  documents: {result['documents']} ({status})")
    print("  rows: " + ", ".join(f"{k} {v}" for k, v in result["rows"].items()))
    print(f"  seconds: {seconds:.1f} ({result['cached']} documents from cache)")
    if result.get("duplicates"):
        print(f"  skipped byte-identical duplicates: {len(result['duplicates'])}")
    print(f"  output: {output.resolve()}")
    return 0


def cmd_eval(args) -> int:
    from pipeline.evaluate import evaluate, format_report

    out, gold = Path(args.output), Path(args.gold)
    if not (out / "documents").exists():
        return _fail(f"no published output in {out} (run `bidrag run` first)")
    if not gold.is_dir():
        return _fail(f"gold directory not found: {gold}")
    result = evaluate(out, gold, only_published=args.only_published)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False, default=str))
    else:
        print(format_report(result))
    return 0


def cmd_ingest(args) -> int:
    from pipeline.sources import ConfigError, load_config

    try:
        load_config(Path(args.config))
    except ConfigError as exc:
        return _fail(str(exc))
    import flows  # noqa: F401
    from flows.ingest import ingest_flow

    Path(args.output).mkdir(parents=True, exist_ok=True)
    result = ingest_flow(config=args.config, output=args.output, workers=args.workers)
    print("bidrag ingest finished")
    for line in result["lines"]:
        print("  " + line)
    return 0


def cmd_serve(args) -> int:
    from pipeline.sources import ConfigError, load_config

    try:
        cfg = load_config(Path(args.config))
    except ConfigError as exc:
        return _fail(str(exc))
    import flows  # noqa: F401
    from flows.ingest import serve

    print(f"serving bidrag-ingest on cron {args.cron or cfg.cron!r} against "
          f"{__import__('os').environ.get('PREFECT_API_URL') or 'the local Prefect API'}; Ctrl-C stops")
    serve(args.config, args.output, args.cron)
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="bidrag", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)

    r = sub.add_parser("run", help="extract and publish the tables for an archive folder")
    r.add_argument("archive", nargs="?", default=str(SAMPLE_ARCHIVE),
                   help="folder of documents, walked recursively (default: the bundled sample archive)")
    r.add_argument("--output", "-o", default="output", help="where the tables are published (default: output/)")
    r.add_argument("--workers", type=int, default=None, help="processes to use (default: all cores)")
    r.add_argument("--batch-size", type=int, default=None,
                   help="documents per Prefect task (default: 200; the process pool takes them 25 at a time)")
    r.add_argument("--no-cache", action="store_true", help="recompute every document")
    r.add_argument("--no-prefect", action="store_true", help="run the same pipeline without Prefect")
    r.add_argument("--dask-address", default=None, help="run batches on an existing Dask cluster (tcp://host:port)")
    r.add_argument("--json", action="store_true",
                   help="print the run's summary as JSON (with work_seconds: the time past start-up)")
    r.set_defaults(func=cmd_run)

    e = sub.add_parser("eval", help="score a published output against gold annotations")
    e.add_argument("output", help="a published output directory")
    e.add_argument("gold", help="a folder of gold <id>.json files")
    e.add_argument("--json", action="store_true", help="machine-readable output")
    e.add_argument("--only-published", action="store_true",
                   help="score only gold documents that the output holds (compare runs over subsets)")
    e.set_defaults(func=cmd_eval)

    i = sub.add_parser("ingest", help="fetch new decisions from the configured sources and publish (one run)")
    i.add_argument("--config", required=True, help="TOML file naming the sources (see README)")
    i.add_argument("--output", "-o", default="output")
    i.add_argument("--workers", type=int, default=None)
    i.set_defaults(func=cmd_ingest)

    s = sub.add_parser("serve", help="serve the ingestion flow as a Prefect deployment on a cron schedule")
    s.add_argument("--config", required=True)
    s.add_argument("--output", "-o", default="output")
    s.add_argument("--cron", default=None, help="cron schedule (default: the config's, else hourly)")
    s.set_defaults(func=cmd_serve)

    args = p.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)


if __name__ == "__main__":
    sys.exit(main())
