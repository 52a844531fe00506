"""The ingestion flow: what each scheduled run does, and `bidrag serve` to schedule it.

One task fetches one source (never one per document); extraction runs as the
archive flow's tasks of many documents, and the per-document cache means
only new or changed documents are extracted. A run with nothing new
publishes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from flows import observe
from flows.archive import PrefectRunner
from pipeline.run.options import RunOptions
from pipeline.run.runners import default_workers
from pipeline.sources import fetch as src
from pipeline.sources import ingest as pipeline_ingest
from pipeline.sources.config import Source, load_config


@task(name="fetch-source", cache_policy=NO_CACHE, persist_result=False)
def fetch_source_task(source: Source, state: src.State, fetcher: src.Fetcher) -> src.FetchReport:
    return src.fetch_source(source, state, fetcher)


@flow(name="bidrag-ingest", flow_run_name=observe.ingest_run_name, persist_result=False)
def ingest_flow(config: str, output: str = "output", options: dict | None = None) -> Any:
    """One ingestion run; ends in a state whose message says what it published, or that nothing was new.

    `options`: a `RunOptions` as `RunOptions.as_params()` gives it, or some of its keys.
    """
    cfg = load_config(Path(config))
    run_options = RunOptions.from_params(options)
    before = observe.previous_manifest(Path(output))
    summary = pipeline_ingest.run_ingest(
        cfg,
        Path(output),
        run_options,
        runner=PrefectRunner(run_options.workers or default_workers()),
        fetch=fetch_source_task,
        progress=observe.LoggedProgress(None),
    )
    return observe.finish("ingest", Path(output), summary.run, before, summary.as_dict())


def serve(config: str, output: str, cron: str | None = None) -> None:
    """Serve a deployment of the ingestion flow on a cron schedule (blocks)."""
    cfg = load_config(Path(config))
    ingest_flow.serve(
        name="bidrag-ingest",
        cron=cron or cfg.cron,
        parameters={"config": str(Path(config).resolve()), "output": str(Path(output).resolve())},
    )
