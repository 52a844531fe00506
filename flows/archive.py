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
from pipeline.publish.corrections import load_for
from pipeline.read.limits import Limits
from pipeline.run import loop as pipeline_run

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
        if _POOL is None or workers != _POOL_SIZE:
            if _POOL is not None:
                _POOL.shutdown()
            _POOL = headstart.take(workers) or pipeline_run.worker_pool(workers)
            _POOL_SIZE = workers
        return _POOL


@task(name="process-documents", cache_policy=NO_CACHE, persist_result=False)
def process_parts_task(
    parts: list[pipeline_run.Part], cache_dir: str | None, workers: int, spool_dir: str
) -> list[pipeline_run.PartFiles]:
    """A task's parts, across the process pool; each part's rows go to files in the staging snapshot."""
    if workers > 1:
        pool = _pool(workers)
        futures = [pool.submit(pipeline_run.process_part_to_files, p, cache_dir, spool_dir) for p in parts]
        return [f.result() for f in futures]
    return [pipeline_run.process_part_to_files(p, cache_dir, spool_dir) for p in parts]


@dataclass
class PrefectRunner:
    """Runs parts as Prefect tasks of `parts_per_task` parts, `in_flight` tasks at a time (a `PartRunner`)."""

    workers: int = 1
    parts_per_task: int = PARTS_PER_TASK
    in_flight: int = 2

    def __call__(
        self, parts: Sequence[pipeline_run.Part], cache_dir: str | None, spool_dir: str
    ) -> Iterator[pipeline_run.PartFiles]:
        tasks = [list(parts[k : k + self.parts_per_task]) for k in range(0, len(parts), self.parts_per_task)]
        # one part and no pool started yet: a pool's start-up (≈ 1 s a spawned worker) would outweigh it
        workers = 1 if len(parts) <= 1 and not headstart.started() else self.workers

        def submit(task_parts: list[pipeline_run.Part]) -> Any:
            return process_parts_task.submit(task_parts, cache_dir, workers, spool_dir)

        for future in pipeline_run.in_order(submit, tasks, max(2, self.in_flight)):
            yield from future.result()
        release_pool()  # every part is in: the publish that follows (grants, the report) needs no workers


@flow(name="bidrag-archive", flow_run_name=observe.archive_run_name, log_prints=False, persist_result=False)
def archive_flow(
    archive: str,
    output: str = "output",
    workers: int | None = None,
    batch_size: int = pipeline_run.DEFAULT_BATCH_SIZE,
    parts_per_task: int = PARTS_PER_TASK,
    use_cache: bool = True,
    in_flight: int = 2,
    follow_symlinks: bool = False,
    wait: bool = True,
    allow_shrink: bool = False,
    limits: dict | None = None,
    corrections: str | None = None,
) -> Any:
    """The archive run of `pipeline.run.loop`, its parts as Prefect tasks; ends in a state that says what it did.

    `limits`: the fields of `pipeline.read.limits.Limits` (a dict: a flow's parameters are plain data);
    `corrections`: the reviewers' CSV (default: OUTPUT/corrections.csv when there is one).
    """
    t0 = time.perf_counter()  # the flow body's own time: the run's wall time less Prefect's start-up
    runner = PrefectRunner(workers or pipeline_run.default_workers(), parts_per_task, in_flight)
    before = observe.previous_manifest(Path(output))
    total = len(pipeline_run.archive_files(Path(archive), Path(output)).items)
    get_run_logger().info("archive %s: %d files, output %s", Path(archive).resolve(), total, Path(output).resolve())
    progress = observe.LoggedProgress(total)
    try:
        summary = pipeline_run.run_archive(
            Path(archive),
            Path(output),
            batch_size=batch_size,
            use_cache=use_cache,
            progress=progress,
            runner=runner,
            follow_symlinks=follow_symlinks,
            wait=wait,
            allow_shrink=allow_shrink,
            limits=Limits(**(limits or {})),
            corrections=load_for(Path(output), Path(corrections) if corrections else None),
        )
    finally:
        progress.close()
        release_pool()
    summary.seconds = time.perf_counter() - t0
    return observe.finish("archive", Path(output), summary, before, summary.as_dict())


def run_archive_flow(
    archive: str,
    output: str,
    workers: int | None = None,
    batch_size: int = pipeline_run.DEFAULT_BATCH_SIZE,
    parts_per_task: int = PARTS_PER_TASK,
    use_cache: bool = True,
    dask_address: str | None = None,
    **guards: Any,
) -> dict:
    """Run the flow locally (threads + process pool) or on a Dask cluster.

    `guards`: follow_symlinks, wait, allow_shrink, limits (a dict), corrections (a path), as `archive_flow`
    takes them.
    """
    if dask_address:
        from distributed import Client
        from prefect_dask import DaskTaskRunner

        # a Dask worker thread runs one task's parts one after another: a part a task keeps every thread busy
        with Client(dask_address, timeout=30) as client:
            threads = max(1, sum(client.nthreads().values()))
        on_dask: Any = archive_flow.with_options(task_runner=cast(Any, DaskTaskRunner(address=dask_address)))
        return observe.as_result(
            on_dask(
                archive=archive,
                output=output,
                workers=1,
                batch_size=batch_size,
                parts_per_task=1,
                use_cache=use_cache,
                in_flight=2 * threads,
                **guards,
            )
        )
    local: Any = archive_flow.with_options(task_runner=cast(Any, ThreadPoolTaskRunner(max_workers=2)))
    return observe.as_result(
        local(
            archive=archive,
            output=output,
            workers=workers,
            batch_size=batch_size,
            parts_per_task=parts_per_task,
            use_cache=use_cache,
            **guards,
        )
    )
