"""What every command shares: the one-line usage error, argument types, and the run options built once.

`add_run_options` declares the flags of `run` and `ingest`; `run_options`
turns them into the one `RunOptions` the flows, the ingestion and the run
loop pass on.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.publish.corrections import Correction
    from pipeline.run.options import RunOptions
    from pipeline.sources.config import Config

ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLE_ARCHIVE = ROOT / "samples" / "archive"
DEFAULT_OUTPUT = "output"


class UsageError(Exception):
    """A bad argument or config: one line, exit 2."""


def positive(value: str) -> int:
    """An argument that must be a whole number of at least 1."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {n}")
    return n


def add_output_argument(sp: argparse.ArgumentParser) -> None:
    """The published output a command reads, as a positional argument."""
    sp.add_argument("output", nargs="?", default=DEFAULT_OUTPUT, help="a published output directory (default: output/)")


def add_run_options(sp: argparse.ArgumentParser) -> None:
    """The flags of a command that publishes (`run`, `ingest`): where, how spread, and the guards."""
    sp.add_argument("--output", "-o", default=DEFAULT_OUTPUT, help="where the tables are published (default: output/)")
    sp.add_argument("--workers", type=positive, default=None, help="worker processes (default: all cores)")
    sp.add_argument(
        "--batch-size",
        type=positive,
        default=25,
        help="documents a worker takes at once, with or without Prefect (default: 25)",
    )
    sp.add_argument("--no-prefect", action="store_true", help="run the same pipeline as plain Python")
    sp.add_argument(
        "--json", action="store_true", help="print the summary as JSON (work_seconds: the time past start-up)"
    )
    sp.add_argument("--no-wait", action="store_true", help="exit 2 at once when another run is writing the output")
    sp.add_argument("--max-file-mb", type=positive, default=256, help="a larger file is a failed row (default 256)")
    sp.add_argument("--max-pages", type=positive, default=2000, help="read the first N pages of a PDF (default 2000)")
    sp.add_argument(
        "--max-chars",
        type=positive,
        default=2_000_000,
        help="cut a document's text at N characters, noted in its error column (default 2,000,000)",
    )
    sp.add_argument(
        "--max-seconds", type=positive, default=300, help="a document taking longer is a failed row (default 300)"
    )
    sp.add_argument(
        "--max-ocr-pages",
        type=positive,
        default=100,
        help="recognise at most N scanned pages of a document; the rest stay unread, noted (default 100)",
    )
    sp.add_argument(
        "--max-ocr-seconds",
        type=positive,
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


def run_options(args: argparse.Namespace) -> RunOptions:
    """The run's options from its flags: built once here, passed on unchanged (flags a command lacks default)."""
    from pipeline.read.limits import MB, Limits
    from pipeline.run.options import RunOptions

    limits = Limits(
        file_bytes=int(args.max_file_mb * MB),
        pages=args.max_pages,
        text_chars=args.max_chars,
        seconds=float(args.max_seconds),
        ocr_pages=getattr(args, "max_ocr_pages", Limits.ocr_pages),
        ocr_seconds=float(getattr(args, "max_ocr_seconds", Limits.ocr_seconds)),
    )
    return RunOptions(
        workers=args.workers,
        batch_size=args.batch_size,
        use_cache=not getattr(args, "no_cache", False),
        follow_symlinks=getattr(args, "follow_symlinks", False),
        wait=not args.no_wait,
        allow_shrink=args.allow_shrink,
        limits=limits,
        corrections=Path(args.corrections) if args.corrections else None,
    )


def checked_corrections(output: Path, options: RunOptions) -> list[Correction]:
    """The corrections a run will apply, checked before anything starts: a bad file publishes nothing."""
    from pipeline.publish.manifest import CORRECTIONS_NAME

    if options.corrections is None and not (output / CORRECTIONS_NAME).is_file():
        return []  # none to apply: the corrections reader (and pyarrow) stay unimported on an unchanged re-run
    from pipeline.publish.corrections import CorrectionsError, load_for

    try:
        return load_for(output, options.corrections)
    except CorrectionsError as exc:
        raise UsageError(f"{exc}\nnothing was published; the previous snapshot stays") from exc


def writable_output(output: Path) -> None:
    """An output folder this process can write to, made if missing; anything else is a usage error."""
    try:
        output.mkdir(parents=True, exist_ok=True)
        probe = output / f".bidrag-write-probe-{os.getpid()}"  # one a process: two runs may start at once
        probe.write_text("")
        probe.unlink()
    except OSError as exc:
        raise UsageError(f"cannot write to output directory {output}: {exc.strerror or exc}") from exc


def check_dask(address: str) -> None:
    """A Dask scheduler that does not answer is said at once, in one line, before Prefect starts."""
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    try:
        with socket.create_connection((parts.hostname or "", parts.port or 8786), timeout=5):
            pass
    except (OSError, ValueError) as exc:
        raise UsageError(f"the Dask scheduler at {address} does not answer ({exc})") from exc


def not_written(what: str, out: str | None, exc: OSError) -> UsageError:
    """A page or file that cannot be written, named as the user gave it (not by its temporary name)."""
    return UsageError(" ".join(f"cannot write {what} {out or ''}".split()) + f": {exc.strerror or exc}")


def load_sources_config(path: str) -> Config:
    """The sources' TOML config, or a usage error naming what is wrong with it."""
    from pipeline.sources.config import ConfigError, load_config

    try:
        return load_config(Path(path))
    except ConfigError as exc:
        raise UsageError(str(exc)) from exc


def print_summary(title: str, lines: list[str]) -> None:
    print(title)
    for line in lines:
        print("  " + line)
