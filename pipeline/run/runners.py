"""How parts are executed: in this process, or across a pool of spawned worker processes.

The one publish loop (`pipeline.run.loop.publish_items`) is the same for
every way of running parts; only the `PartRunner` changes. The Prefect
runner lives in `flows.archive` (tasks of several parts, on threads or a
Dask cluster).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Protocol, TypeVar

from pipeline.run.parts import Part
from pipeline.run.processes import start_worker
from pipeline.run.spool import PartFiles, process_part_to_files

T = TypeVar("T")


def default_workers() -> int:
    """All the cores this process may use."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """Processes for batches, started fresh (`spawn`) rather than forked.

    A forked worker starts as a copy of its parent, and the parent of a flow
    run holds Prefect's client and engine (≈ 200 MiB a copy); a spawned worker
    imports only the pipeline. Spawning needs the parent's main module to be
    importable; a script read from standard input is not, and gets forks.
    """
    main_file = getattr(sys.modules.get("__main__"), "__file__", None)
    method = "spawn" if main_file is None or os.path.exists(main_file) else "fork"
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context(method), initializer=start_worker
    )


def in_order(submit: Callable[[T], Future], jobs: Iterable[T], window: int) -> Iterator[Future]:
    """The futures of submit(job) for each job, in job order, with at most `window` submitted and not yet taken.

    Taking results in order makes the output the same for any number of
    workers; the window keeps finished batches from piling up in memory when
    publishing is slower than processing.
    """
    pending: deque = deque()
    jobs = iter(jobs)
    for job in jobs:
        pending.append(submit(job))
        if len(pending) >= window:
            break
    while pending:
        yield pending.popleft()
        for job in jobs:
            pending.append(submit(job))
            break


class PartRunner(Protocol):
    """How parts are executed: yields each part's result in part order.

    `spool_dir` is where a runner that moves results between processes may leave them as files.
    """

    def __call__(self, parts: Sequence[Part], cache_dir: str | None, spool_dir: str) -> Iterator[PartFiles]: ...


@dataclass
class LocalRunner:
    """Parts in this process (`workers` = 1) or across a pool of spawned worker processes."""

    workers: int = 1

    def __call__(self, parts: Sequence[Part], cache_dir: str | None, spool_dir: str) -> Iterator[PartFiles]:
        if self.workers <= 1 or len(parts) <= 1:
            for part in parts:
                yield process_part_to_files(part, cache_dir, spool_dir)
            return
        with worker_pool(self.workers) as pool:

            def submit(part: Part) -> Future:
                return pool.submit(process_part_to_files, part, cache_dir, spool_dir)

            for fut in in_order(submit, parts, 2 * self.workers):
                yield fut.result()
