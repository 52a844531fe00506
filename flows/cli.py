"""`bidrag` command line: run, ingest, serve, eval, export, review, report, blocks, snapshots, rollback.

Per-document problems never stop a run (they become `failed`/`no_text`
rows); only a problem with the run itself — a missing archive, an output that
cannot be written, a bad config or argument — exits 2, with one line saying
why. What needs no orchestration (arguments, config, an archive that has not
changed since the last publish) is decided before Prefect starts. Each
command's parser and body live in `flows/commands/`.
"""

from __future__ import annotations

import argparse
import sys

from flows.commands import blocks, ingest, outputs, run, server, snapshots
from flows.commands.common import UsageError

COMMAND_GROUPS = (run, outputs, ingest, snapshots, blocks, server)  # the order `bidrag --help` lists them in


def _fail(msg: str, code: int = 2) -> int:
    print(f"bidrag: error: {msg}", file=sys.stderr)
    return code


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
    for group in COMMAND_GROUPS:
        group.add(sub)
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
    from pipeline.publish.manifest import PublishError
    from pipeline.run.files import ArchiveError

    try:
        return args.func(args)
    except (UsageError, ArchiveError, PublishError) as exc:
        return _fail(str(exc))
    except OSError as exc:  # a path the system refuses: one line, not a traceback
        where = f"{exc.filename}: " if exc.filename else ""
        return _fail(f"{where}{exc.strerror or exc}")
    except KeyboardInterrupt:
        return _fail("interrupted", 130)


if __name__ == "__main__":
    sys.exit(main())
