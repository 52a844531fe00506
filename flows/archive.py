"""The archive flow: a manual run over a folder, batches of documents as Prefect tasks.

A task is a batch (default 25 documents), never one document: Prefect costs
10–20 ms per task run with threads, so per-document tasks would dominate a
run. The CPU work of a task runs in a process pool so both cores are used;
results are published in batch order, which makes the output identical for
any number of workers.
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


@task(name="process-batch", cache_policy=NO_CACHE, persist_result=False)
def process_batch_task(index: int, items: list[tuple[str, str]], cache_dir: str | None, workers: int,
                       spool_dir: str) -> pipeline_run.SpooledBatch:
    """One batch of documents; its rows go to a file in the staging snapshot, not through Prefect."""
    if workers > 1:
        return _pool(workers).submit(pipeline_run.process_batch_to_file, index, items, cache_dir, spool_dir).result()
    return pipeline_run.process_batch_to_file(index, items, cache_dir, spool_dir)


def publish_batches(batches: list[list[tuple[str, str]]], output: Path, cache: str | None, workers: int,
                    label: str = "documents") -> pipeline_run.RunSummary:
    """Submit batches as tasks (a bounded window of them), publish their results in order, atomically."""
    publisher = pipeline_run.Publisher(Path(output))
    spool = str(publisher.spool_dir)
    progress = Progress(sum(len(b) for b in batches), label)
    window = max(2, 2 * workers)
    try:
        submit = lambda job: process_batch_task.submit(*job, cache, workers, spool)  # noqa: E731
        for future in pipeline_run.in_order(submit, enumerate(batches), window):
            batch = pipeline_run.load_spooled(future.result())
            publisher.add(batch)
            progress.advance(len(batch.results))
        return publisher.commit()
    except BaseException:
        publisher.abort()
        raise
    finally:
        progress.close()


@flow(name="bidrag-archive", log_prints=False, persist_result=False)
def archive_flow(archive: str, output: str = "output", workers: int | None = None,
                 batch_size: int = pipeline_run.DEFAULT_BATCH_SIZE, use_cache: bool = True) -> dict:
    t0 = time.perf_counter()  # the flow body's own time: the run's wall time less Prefect's start-up
    workers = workers or pipeline_run.default_workers()
    root = Path(archive)
    files = pipeline_run.list_files(root, exclude=Path(output))
    batches = pipeline_run.make_batches(files, batch_size)
    cache = str(pipeline_run.default_cache_dir(Path(output))) if use_cache else None
    items = [pipeline_run.archive_items(b, root) for b in batches]
    if use_cache and pipeline_run.already_published([it for b in items for it in b], Path(output)):
        return {"output": str(output), "documents": len(files), "by_status": {}, "rows": {}, "pages": 0,
                "cached": len(files), "text_bytes": 0, "duplicates": [], "snapshot": None, "unchanged": True,
                "work_seconds": time.perf_counter() - t0}
    summary = publish_batches(items, Path(output), cache, workers)
    return {
        "output": str(summary.output), "documents": summary.documents, "by_status": dict(summary.by_status),
        "rows": summary.rows, "pages": summary.pages, "cached": summary.cached, "text_bytes": summary.text_bytes,
        "duplicates": summary.duplicates, "snapshot": str(summary.snapshot),
        "work_seconds": time.perf_counter() - t0,
    }


def run_archive_flow(archive: str, output: str, workers: int | None, batch_size: int, use_cache: bool,
                     dask_address: str | None = None) -> dict:
    """Run the flow locally (threads + process pool) or on a Dask cluster."""
    workers = workers or pipeline_run.default_workers()
    if dask_address:
        from prefect_dask import DaskTaskRunner

        runner = DaskTaskRunner(address=dask_address)
        f = archive_flow.with_options(task_runner=runner)
        return f(archive=archive, output=output, workers=1, batch_size=batch_size, use_cache=use_cache)
    f = archive_flow.with_options(task_runner=ThreadPoolTaskRunner(max_workers=workers))
    return f(archive=archive, output=output, workers=workers, batch_size=batch_size, use_cache=use_cache)
