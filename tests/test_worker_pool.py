"""The run's worker pool: workers forked from a fork server that loaded the pipeline once, each in the run's own
folder and environment (pipeline.run.runners.worker_pool, pipeline.run.preload)."""

from __future__ import annotations

import os
import sys

import pytest

from pipeline.run.runners import worker_pool


def loaded(modules: list[str]) -> dict[str, bool]:
    """Which modules a worker holds before it is given any document (top-level: the worker runs it)."""
    return {m: m in sys.modules for m in modules}


def folder_and_setting(name: str) -> tuple[str, str | None]:
    return os.getcwd(), os.environ.get(name)


@pytest.mark.parametrize(
    "module, expected",
    [
        ("pipeline.run.spool", True),  # what a worker runs
        ("extractors.amounts", True),  # the extractors, whose patterns the warm-up text compiled
        ("pipeline.read.text_pdf", True),  # every format's reader
        ("pipeline.read.text_docx", True),
        ("pipeline.read.text_html", True),
        ("pdfplumber.table", True),  # the table finder a ruled PDF page imports
        ("pandas", False),  # Arrow's probe answered without it
        ("prefect", False),  # a flow's process holds Prefect; its workers do not
    ],
)
def test_a_worker_begins_with_the_pipeline_loaded(module, expected):
    with worker_pool(1) as pool:
        assert pool.submit(loaded, [module]).result() == {module: expected}


@pytest.mark.parametrize("setting", ["one value", "another value"])
def test_each_pool_works_in_the_runs_folder_with_the_runs_environment(setting, tmp_path, monkeypatch):
    """The fork server outlives one pool and was started with an earlier folder and environment: a pool made
    after a `chdir` and a changed setting (BIDRAG_TESSERACT is read in a worker) gives its workers the new ones."""
    with worker_pool(1) as pool:
        pool.submit(loaded, []).result()  # the server is running before the change
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BIDRAG_TEST_SETTING", setting)
    with worker_pool(2) as pool:
        got = {pool.submit(folder_and_setting, "BIDRAG_TEST_SETTING").result() for _ in range(4)}
    assert got == {(str(tmp_path), setting)}


@pytest.mark.parametrize(
    "documents, batch_size, workers, dask, expected",
    [
        (60, 25, 2, None, True),  # parts for two workers: the server starts with the command
        (25, 25, 2, None, False),  # one part: read in the run's own process, no pool
        (5, 25, 2, None, False),  # make sample's run
        (60, 25, 1, None, False),  # one worker: no pool
        (60, 25, 2, "tcp://127.0.0.1:8786", False),  # the parts go to Dask's workers
    ],
)
def test_the_fork_server_starts_early_only_for_a_run_that_forks_workers(documents, batch_size, workers, dask, expected):
    from flows.commands.run import will_fork_workers
    from pipeline.run.options import RunOptions

    assert will_fork_workers(documents, RunOptions(workers=workers, batch_size=batch_size), dask) is expected
