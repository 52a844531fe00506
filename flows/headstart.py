"""Documents read while Prefect starts: the run's worker pool begins on the archive before the flow does.

Importing Prefect and reaching its API takes seconds in which a run's cores
would wait (docs/performance.md). So the command line starts the worker pool
first and gives it the run's parts to read and extract into the run's cache
(content-addressed, written atomically: the same store a re-run reads); when
the flow's tasks begin they take over the same pool, the parts not yet begun
are withdrawn, and a part the head start finished is a cache hit for its task.
The flow still processes and publishes every part (its task runs, logs and
artifact are as they were); the head start only moves work before it.
Nothing here imports Prefect.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from flows import local_api
from pipeline.run.cache import default_cache_dir
from pipeline.run.files import Item
from pipeline.run.options import RunOptions
from pipeline.run.parts import Part, make_parts, process_part
from pipeline.run.runners import default_workers, worker_pool

SWITCH = "BIDRAG_HEAD_START"  # "0": the flow's tasks begin the work (to measure what the head start saves)
_CURRENT: HeadStart | None = None
_LOCK = threading.Lock()


def warm_part(part: Part, cache_dir: str) -> int:
    """Read and extract a part's documents into the cache (top-level: a pool worker runs it); how many."""
    process_part(part, cache_dir)
    return len(part.items)


@dataclass
class HeadStart:
    """The pool the run's tasks will use, already working on the run's parts."""

    pool: ProcessPoolExecutor
    workers: int
    futures: list[Future] = field(default_factory=list)

    def withdraw(self) -> int:
        """Cancel the parts not begun (the flow's tasks do them); how many the head start had done or begun."""
        return sum(not f.cancel() for f in self.futures)


def begin(parts: list[Part], cache_dir: str, workers: int) -> HeadStart:
    """Start the pool on `parts` (into `cache_dir`); the flow's first task takes the pool over (`take`)."""
    global _CURRENT
    pool = worker_pool(workers)
    head = HeadStart(pool, workers, [pool.submit(warm_part, p, cache_dir) for p in parts])
    with _LOCK:
        _CURRENT = head
    return head


def started() -> bool:
    """Whether a head start's pool is waiting for the flow's tasks."""
    with _LOCK:
        return _CURRENT is not None


def take(workers: int) -> ProcessPoolExecutor | None:
    """The head start's pool for the flow's tasks (its unbegun parts withdrawn), once; None if there is none
    of that size."""
    global _CURRENT
    with _LOCK:
        head, _CURRENT = _CURRENT, None
    if head is None:
        return None
    head.withdraw()
    if head.workers != workers:
        head.pool.shutdown(wait=False)
        return None
    return head.pool


def abandon() -> None:
    """Stop a head start the flow never took (the run failed before its tasks began)."""
    global _CURRENT
    with _LOCK:
        head, _CURRENT = _CURRENT, None
    if head is not None:
        head.withdraw()
        head.pool.shutdown(wait=True)


def run_archive(
    archive: Path,
    output: Path,
    items: Sequence[Item],
    options: RunOptions,
    parts_per_task: int,
    dask_address: str | None,
) -> dict:
    """The archive flow, with its API and its first documents started before Prefect is imported.

    The API (a kept local server, docs/performance.md) starts in its own
    process, the pool starts on the parts, and this process imports Prefect,
    all at once; the flow then runs as it always did.
    """
    api = local_api.prepare()
    workers = options.workers or default_workers()
    parts = make_parts(items, options.batch_size, archive, options.follow_symlinks, options.limits, workers)
    # a pool pays for its start-up (≈ 1 s a spawned worker, on cores Prefect's import needs) only with work
    # for every worker
    if options.use_cache and dask_address is None and len(parts) > workers > 1 and os.environ.get(SWITCH) != "0":
        begin(parts, str(default_cache_dir(output)), workers)
    try:
        import flows  # Prefect defaults, before Prefect is imported

        with flows.collector_paused():
            from flows.archive import run_archive_flow
            from flows.observe import without_heartbeats
        if api is None:
            return run_archive_flow(str(archive), str(output), options, parts_per_task, dask_address)
        local_api.ready(api)
        with without_heartbeats():  # the kept API runs no automations: nothing there reads them
            return run_archive_flow(str(archive), str(output), options, parts_per_task, dask_address)
    finally:
        abandon()
        if api is not None:
            local_api.touch()
