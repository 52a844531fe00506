"""How parts are executed: in this process, or across a pool of worker processes (a dying one costs a failed row).

The one publish loop (`pipeline.run.loop.publish_items`) is the same for
every way of running parts; only the `PartRunner` changes. The Prefect
runner lives in `flows.archive` (tasks of several parts, on threads or a
Dask cluster).
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Protocol, TypeVar

from pipeline.run.parts import BatchResult, Part, died_reading, process_part
from pipeline.run.processes import default_workers, pool_context, start_worker
from pipeline.run.spool import PartFiles, process_part_to_files, write_part_files

T = TypeVar("T")
__all__ = ["default_workers", "in_order", "isolated", "part_files", "submit_part", "usable", "worker_pool"]


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """Processes for batches, forked from the fork server that has the pipeline loaded (`processes.pool_context`).

    A worker forked from the run's own process would start as a copy of it, and
    the process of a flow run holds Prefect's client, engine and threads (≈ 200
    MiB a copy, and forking a process with threads is unsafe). A spawned worker
    imports only the pipeline, but each one imports it and compiles the
    extractors' patterns again (≈ 0.85 CPU-s a worker before its first page).
    """
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=pool_context(),
        initializer=start_worker,
        initargs=(os.getcwd(), dict(os.environ), os.getpid()),
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


def usable(pool: ProcessPoolExecutor | None) -> bool:
    """Whether a pool can take parts: one whose worker died is broken for good and must be made again."""
    return pool is not None and not getattr(pool, "_broken", False)


def submit_part(pool: ProcessPoolExecutor, part: Part, cache_dir: str | None, spool_dir: str) -> Future:
    """The part's future on the pool; a pool that broke meanwhile gives a future holding that (`part_files`)."""
    try:
        return pool.submit(process_part_to_files, part, cache_dir, spool_dir)
    except BrokenProcessPool as exc:
        failed: Future = Future()
        failed.set_exception(exc)
        return failed


def part_files(future: Future, part: Part, cache_dir: str | None, spool_dir: str) -> PartFiles:
    """A part's files from its future; a part whose worker died is read again, one document a process."""
    try:
        return future.result()
    except BrokenProcessPool:
        return isolated(part, cache_dir, spool_dir)


def isolated(part: Part, cache_dir: str | None, spool_dir: str) -> PartFiles:
    """A part read one document at a time in a process of its own, after a worker died on it or beside it.

    A dying worker (a crash inside a C library, the OOM killer, a kill) breaks its whole pool, and which
    document it was reading is not known; read alone, the document that kills its process again is a failed
    row, the others are read as before (those finished already come from the cache), and the run goes on.
    """
    t0 = time.perf_counter()
    out = BatchResult(part.index)
    pool: ProcessPoolExecutor | None = None
    try:
        for path, rel in part.items:
            if pool is None or not usable(pool):
                pool = worker_pool(1)
            try:
                one = pool.submit(process_part, dataclasses.replace(part, items=[(path, rel)]), cache_dir).result()
            except BrokenProcessPool:
                one = BatchResult(part.index, [died_reading(path, rel)])
            out.results.extend(one.results)
            out.cached += one.cached
            out.text_bytes += one.text_bytes
    finally:
        if pool is not None:
            pool.shutdown()
    out.seconds = time.perf_counter() - t0
    return write_part_files(out, spool_dir)


@dataclass
class LocalRunner:
    """Parts in this process (`workers` = 1) or across a pool of worker processes (made again if one dies)."""

    workers: int = 1

    def __call__(self, parts: Sequence[Part], cache_dir: str | None, spool_dir: str) -> Iterator[PartFiles]:
        if self.workers <= 1 or len(parts) <= 1:
            for part in parts:
                yield process_part_to_files(part, cache_dir, spool_dir)
            return
        pools = [worker_pool(self.workers)]

        def submit(part: Part) -> Future:
            if not usable(pools[-1]):
                pools.append(worker_pool(self.workers))
            return submit_part(pools[-1], part, cache_dir, spool_dir)

        try:
            for part, future in zip(parts, in_order(submit, parts, 2 * self.workers)):
                yield part_files(future, part, cache_dir, spool_dir)
        finally:
            for pool in pools:
                pool.shutdown()
