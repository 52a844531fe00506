"""An archive run in plain Python: list → parts → process (cached) → publish.

flows/ wraps these functions in Prefect; they also run without it. A part is
many documents, so orchestration costs stay per part, not per document. A
document's result is cached under its SHA-256 and the pipeline version, so a
re-run over an unchanged archive only reads the cache.

The pieces: `files` (listing and symlink safety), `parts` (processing a part
through `cache`), `spool` (a part's rows as files), `runners` (the process
pool), `summary` (what a run did), and `pipeline.publish.publisher` (the
snapshot a run publishes). The options are one `RunOptions`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pipeline.publish.corrections import load_for
from pipeline.publish.publisher import Publisher, unchanged_summary
from pipeline.publish.snapshot import writer_lock
from pipeline.run.cache import default_cache_dir
from pipeline.run.files import Item, archive_files
from pipeline.run.options import DEFAULT, RunOptions
from pipeline.run.parts import make_parts
from pipeline.run.progress import Progress
from pipeline.run.runners import LocalRunner, PartRunner, default_workers
from pipeline.run.summary import RunSummary

Advance = Callable[[int], None]


def publish_items(
    items: Sequence[Item],
    output: Path,
    options: RunOptions = DEFAULT,
    *,
    runner: PartRunner | None = None,
    skip_unchanged: bool = True,
    progress: bool | Advance = False,
    label: str = "documents",
    root: Path | None = None,
    skipped: Sequence[str] = (),
) -> RunSummary:
    """The one run loop: parts → runner → results in order → one snapshot, published atomically.

    The output's writer lock is held for the whole run. With the cache on and
    `skip_unchanged`, files the output already holds from this pipeline
    version are not published again (`summary.unchanged`). A publish that
    would empty the dataset or drop most of it is refused unless `allow_shrink`. The reviewers'
    corrections are applied before grants; the report page is written after every publish.
    `runner`: a `LocalRunner` of `options.workers` unless given.
    """
    t0 = time.perf_counter()
    output = Path(output)
    corrections = load_for(output, options.corrections)
    workers = options.workers or default_workers()
    parts = make_parts(items, options.batch_size, root, options.follow_symlinks, options.limits, workers)
    with writer_lock(output, wait=options.wait):
        if options.use_cache and skip_unchanged and (unchanged := unchanged_summary(items, output, t0, corrections)):
            unchanged.skipped = list(skipped)
            return unchanged
        cache = str(default_cache_dir(output)) if options.use_cache else None
        runner = runner or LocalRunner(workers)
        bar = Progress(len(items), label) if progress is True else None
        advance = bar.advance if bar else (progress if callable(progress) else None)
        publisher = Publisher(output, corrections)
        try:
            for batch in runner(parts, cache, str(publisher.spool_dir)):
                publisher.add(batch)
                if advance:
                    advance(len(batch.documents))
            summary = publisher.commit(options.allow_shrink)
        except BaseException:
            publisher.abort()
            raise
        finally:
            if bar:
                bar.close()
        summary.report = _report_of(output)
    summary.skipped = list(skipped)
    summary.seconds = time.perf_counter() - t0
    return summary


def _report_of(output: Path) -> str | None:
    """Every publish rewrites OUTPUT/report.html (under the writer lock, with or without Prefect), so the page
    never shows an older snapshot than the tables."""
    from pipeline.outputs.report import refresh

    page = refresh(output)
    return str(page.resolve()) if page else None


def run_archive(
    root: Path,
    output: Path,
    options: RunOptions | None = None,
    *,
    runner: PartRunner | None = None,
    progress: bool | Advance = False,
    **changes: Any,
) -> RunSummary:
    """An archive run: the archive's files through `publish_items`, locally unless a runner is given.

    `changes` are a shorthand for Python callers: `run_archive(a, o, use_cache=False)` is
    `run_archive(a, o, RunOptions(use_cache=False))`; an unknown name is a TypeError.
    """
    options = (options or DEFAULT).with_changes(**changes)
    listing = archive_files(root, output)
    return publish_items(
        listing.items,
        output,
        options,
        runner=runner,
        progress=progress,
        root=listing.root,
        skipped=listing.skipped,
    )
