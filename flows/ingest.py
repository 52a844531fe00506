"""The ingestion flow: what each scheduled run does, and `bidrag serve` to schedule it.

One task fetches one source (never one per document); extraction reuses the
archive flow's batched tasks, and the per-document cache means only new or
changed documents are extracted. A run with nothing new publishes nothing.
"""
from __future__ import annotations

from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from flows.archive import publish_batches
from pipeline.run import default_workers
from pipeline import ingest as pipeline_ingest
from pipeline import run as pipeline_run
from pipeline import sources as src


@task(name="fetch-source", cache_policy=NO_CACHE, persist_result=False)
def fetch_source_task(source: src.Source, state: src.State, fetcher: src.Fetcher) -> src.FetchReport:
    return src.fetch_source(source, state, fetcher)


@flow(name="bidrag-ingest", persist_result=False)
def ingest_flow(config: str, output: str = "output", workers: int | None = None) -> dict:
    cfg = src.load_config(Path(config))
    workers = workers or default_workers()
    fetched = pipeline_ingest.fetch_all(cfg, Path(output), fetch=lambda s, st, f: fetch_source_task(s, st, f))
    result = {"new": fetched.new, "changed": fetched.updated, "failed": fetched.failed,
              "published": False, "documents": len(fetched.items), "lines": fetched.lines()}
    if not fetched.changed:
        result["lines"].append("nothing new: the published dataset is already current")
        return result
    cache = str(pipeline_run.default_cache_dir(Path(output)))
    summary = publish_batches(pipeline_ingest.batches_of(fetched.items), Path(output), cache, workers)
    result.update(published=True, rows=summary.rows, by_status=dict(summary.by_status), cached=summary.cached)
    result["lines"] += summary.lines()
    return result


def serve(config: str, output: str, cron: str | None = None) -> None:
    """Serve a deployment of the ingestion flow on a cron schedule (blocks)."""
    cfg = src.load_config(Path(config))
    ingest_flow.serve(name="bidrag-ingest", cron=cron or cfg.cron,
                      parameters={"config": str(Path(config).resolve()), "output": str(Path(output).resolve())})
