"""The archive flow: a manual run over a folder, as Prefect tasks of many documents each.

A Prefect task run costs about 25 ms of a loaded 2-core machine here (state
changes through the API, and a server sharing the cores), so a task carries
several parts (8 × 25 = 200 documents by default): Prefect's share of a
run's work stays near 2%, and an archive of 100,000 documents is 500 task
runs, far from what a small server can take. Inside a task the parts go to a
process pool, so both cores stay busy to the end; each part's rows go to a
file in the staging snapshot (the task returns its path), and the one publish
loop in `pipeline.run.loop` publishes parts in order, which makes the output
identical for any number of workers or size of task.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner

from flows import headstart, observe
from pipeline.run.files import archive_files
from pipeline.run.loop import run_archive
from pipeline.run.options import RunOptions
from pipeline.run.parts import Part
from pipeline.run.runners import default_workers, in_order, part_files, submit_part, usable, worker_pool
from pipeline.run.spool import PartFiles, process_part_to_files

PARTS_PER_TASK = 8  # parts of `--batch-size` documents in one Prefect task (default)

_POOL: ProcessPoolExecutor | None = None
_POOL_SIZE = 0
_POOL_LOCK = threading.Lock()


def release_pool() -> None:
    """Stop the run's worker processes: what comes after the run (grants, the report) needs none of them."""
    global _POOL, _POOL_SIZE
    with _POOL_LOCK:
        if _POOL is not None:
            _POOL.shutdown()
        _POOL, _POOL_SIZE = None, 0
    headstart.abandon()


def _pool(workers: int) -> ProcessPoolExecutor:
    """One process pool for the run's tasks (they run in threads and ask for it at the same time)."""
    global _POOL, _POOL_SIZE
    with _POOL_LOCK:
        if _POOL is None or not usable(_POOL) or workers != _POOL_SIZE:  # none yet, another size, a worker died
            if _POOL is not None:
                _POOL.shutdown()
            taken = headstart.take(workers)
            if taken is not None and not usable(taken):  # a worker of the head start died
                taken.shutdown()
                taken = None
            _POOL = taken or worker_pool(workers)
            _POOL_SIZE = workers
        return _POOL


@task(name="process-documents", cache_policy=NO_CACHE, persist_result=False)
def process_parts_task(parts: list[Part], cache_dir: str | None, workers: int, spool_dir: str) -> list[PartFiles]:
    """A task's parts, across the process pool; each part's rows go to files in the staging snapshot. A part
    whose worker died is read again one document a process (`runners.part_files`): the run goes on."""
    if workers > 1:
        pool = _pool(workers)
        futures = [submit_part(pool, p, cache_dir, spool_dir) for p in parts]
        return [part_files(f, p, cache_dir, spool_dir) for f, p in zip(futures, parts)]
    return [process_part_to_files(p, cache_dir, spool_dir) for p in parts]


@dataclass
class PrefectRunner:
    """Runs parts as Prefect tasks of `parts_per_task` parts, `in_flight` tasks at a time (a `PartRunner`)."""

    workers: int = 1
    parts_per_task: int = PARTS_PER_TASK
    in_flight: int = 2

    def __call__(self, parts: Sequence[Part], cache_dir: str | None, spool_dir: str) -> Iterator[PartFiles]:
        tasks = [list(parts[k : k + self.parts_per_task]) for k in range(0, len(parts), self.parts_per_task)]
        # one part and no pool started yet: a pool's start-up (≈ 1 s a spawned worker) would outweigh it
        workers = 1 if len(parts) <= 1 and not headstart.started() else self.workers

        def submit(task_parts: list[Part]) -> Any:
            return process_parts_task.submit(task_parts, cache_dir, workers, spool_dir)

        for future in in_order(submit, tasks, max(2, self.in_flight)):
            yield from future.result()
        release_pool()  # every part is in: the publish that follows (grants, the report) needs no workers


@flow(name="bidrag-archive", flow_run_name=observe.archive_run_name, log_prints=False, persist_result=False)
def archive_flow(
    archive: str,
    output: str = "output",
    options: dict | None = None,
    parts_per_task: int = PARTS_PER_TASK,
    in_flight: int = 2,
) -> Any:
    """The archive run of `pipeline.run.loop`, its parts as Prefect tasks; ends in a state that says what it did.

    `options`: a `RunOptions` as `RunOptions.as_params()` gives it (a flow's parameters are plain data),
    or some of its keys; what is left out is the default.
    """
    t0 = time.perf_counter()  # the flow body's own time: the run's wall time less Prefect's start-up
    run_options = RunOptions.from_params(options)
    runner = PrefectRunner(run_options.workers or default_workers(), parts_per_task, in_flight)
    before = observe.previous_manifest(Path(output))
    total = len(archive_files(Path(archive), Path(output)).items)
    get_run_logger().info("archive %s: %d files, output %s", Path(archive).resolve(), total, Path(output).resolve())
    progress = observe.LoggedProgress(total)
    try:
        summary = run_archive(Path(archive), Path(output), run_options, runner=runner, progress=progress)
    finally:
        progress.close()
        release_pool()
    summary.seconds = time.perf_counter() - t0
    return observe.finish("archive", Path(output), summary, before, summary.as_dict())


def run_archive_flow(
    archive: str,
    output: str,
    options: RunOptions | None = None,
    parts_per_task: int = PARTS_PER_TASK,
    dask_address: str | None = None,
) -> dict:
    """Run the flow locally (threads + process pool) or on a Dask cluster."""
    options = options or RunOptions()
    if dask_address:
        from distributed import Client
        from prefect_dask import DaskTaskRunner

        # a Dask worker thread runs one task's parts one after another: a part a task keeps every thread busy
        with Client(dask_address, timeout=30) as client:
            threads = max(1, sum(client.nthreads().values()))
        on_dask: Any = archive_flow.with_options(task_runner=cast(Any, DaskTaskRunner(address=dask_address)))
        params = options.with_changes(workers=1).as_params()
        return observe.as_result(
            on_dask(archive=archive, output=output, options=params, parts_per_task=1, in_flight=2 * threads)
        )
    local: Any = archive_flow.with_options(task_runner=cast(Any, ThreadPoolTaskRunner(max_workers=2)))
    return observe.as_result(
        local(archive=archive, output=output, options=options.as_params(), parts_per_task=parts_per_task)
    )
