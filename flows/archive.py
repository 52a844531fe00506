"""The archive flow: a manual run over a folder, many documents to a Prefect task.

A Prefect task run costs about 25 ms of a loaded 2-core machine here (state
changes through the API, and a server sharing the cores), so a task carries
200 documents by default: Prefect's share of a run's work stays near 2%, and
an archive of 100,000 documents is 500 task runs, far from what a small
server can take. Inside a task the documents go to a process pool in parts of
25, so both cores stay busy to the end of the run; each part's rows go to a
file in the staging snapshot (the task returns its path), and parts are
published in order, which makes the output identical for any number of
workers or size of task.
"""
from __future__ import annotations

import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner

from pipeline import run as pipeline_run
from pipeline.progress import Progress

_POOL: ProcessPoolExecutor | None = None
_POOL_SIZE = 0
_POOL_LOCK = threading.Lock()


def _pool(workers: int) -> ProcessPoolExecutor:
    """One process pool for the run's tasks (they run in threads and ask for it at the same time)."""
    global _POOL, _POOL_SIZE
    with _POOL_LOCK:
        if _POOL is None or _POOL_SIZE != workers:
            if _POOL is not None:
                _POOL.shutdown()
            _POOL = pipeline_run.worker_pool(workers)
            _POOL_SIZE = workers
        return _POOL


TASK_SIZE = 200  # documents per Prefect task (default)


@task(name="process-documents", cache_policy=NO_CACHE, persist_result=False)
def process_parts_task(parts: list[tuple[int, list[tuple[str, str]]]], cache_dir: str | None, workers: int,
                       spool_dir: str) -> list[pipeline_run.SpooledBatch]:
    """A task's documents in numbered parts, across the process pool; each part's rows go to a file."""
    if workers > 1:
        pool = _pool(workers)
        futures = [pool.submit(pipeline_run.process_batch_to_file, i, items, cache_dir, spool_dir)
                   for i, items in parts]
        return [f.result() for f in futures]
    return [pipeline_run.process_batch_to_file(i, items, cache_dir, spool_dir) for i, items in parts]


def publish_batches(batches: list[list[tuple[str, str]]], output: Path, cache: str | None, workers: int,
                    label: str = "documents", parts_per_task: int | None = None,
                    in_flight: int = 2) -> pipeline_run.RunSummary:
    """Submit the parts (`batches`) as tasks of several parts, `in_flight` tasks at a time; publish in order."""
    publisher = pipeline_run.Publisher(Path(output))
    spool = str(publisher.spool_dir)
    progress = Progress(sum(len(b) for b in batches), label)
    per_task = parts_per_task or max(1, TASK_SIZE // pipeline_run.DEFAULT_BATCH_SIZE)
    numbered = list(enumerate(batches))
    tasks = [numbered[k:k + per_task] for k in range(0, len(numbered), per_task)]
    try:
        submit = lambda parts: process_parts_task.submit(parts, cache, workers, spool)  # noqa: E731
        for future in pipeline_run.in_order(submit, tasks, max(2, in_flight)):
            for spooled in future.result():
                batch = pipeline_run.load_spooled(spooled)
                publisher.add(batch)
                progress.advance(len(batch.results))
        return publisher.commit()
    except BaseException:
        publisher.abort()
        raise
    finally:
        progress.close()


@flow(name="bidrag-archive", log_prints=False, persist_result=False)
def archive_flow(archive: str, output: str = "output", workers: int | None = None, batch_size: int = TASK_SIZE,
                 use_cache: bool = True, in_flight: int = 2) -> dict:
    """`batch_size` documents to a task, in parts of at most 25 for the process pool."""
    t0 = time.perf_counter()  # the flow body's own time: the run's wall time less Prefect's start-up
    workers = workers or pipeline_run.default_workers()
    root = Path(archive)
    files = pipeline_run.list_files(root, exclude=Path(output))
    part = min(pipeline_run.DEFAULT_BATCH_SIZE, batch_size)
    batches = pipeline_run.make_batches(files, part)
    cache = str(pipeline_run.default_cache_dir(Path(output))) if use_cache else None
    if use_cache and (unchanged := pipeline_run.unchanged_summary(files, root, Path(output), t0)):
        return unchanged.as_dict()
    items = [pipeline_run.archive_items(b, root) for b in batches]
    summary = publish_batches(items, Path(output), cache, workers, parts_per_task=max(1, batch_size // part),
                              in_flight=in_flight)
    summary.seconds = time.perf_counter() - t0
    return summary.as_dict()


def run_archive_flow(archive: str, output: str, workers: int | None, batch_size: int, use_cache: bool,
                     dask_address: str | None = None) -> dict:
    """Run the flow locally (threads + process pool) or on a Dask cluster."""
    workers = workers or pipeline_run.default_workers()
    if dask_address:
        from distributed import Client
        from prefect_dask import DaskTaskRunner

        # a Dask worker thread runs one task's parts one after another: keep every thread busy
        with Client(dask_address, timeout=30) as client:
            threads = max(1, sum(client.nthreads().values()))
        f = archive_flow.with_options(task_runner=DaskTaskRunner(address=dask_address))
        return f(archive=archive, output=output, workers=1,
                 batch_size=min(batch_size, pipeline_run.DEFAULT_BATCH_SIZE), use_cache=use_cache,
                 in_flight=2 * threads)
    f = archive_flow.with_options(task_runner=ThreadPoolTaskRunner(max_workers=2))
    return f(archive=archive, output=output, workers=workers, batch_size=batch_size, use_cache=use_cache)
