"""The archive flow's batches on a Dask cluster (two worker processes) give the local run's tables."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pipeline.run.loop import run_archive
from tests.fixtures.builders import assert_same_tables
from tests.fixtures.patience import patience
from tests.fixtures.prefect_server import prefect_server

ROOT = Path(__file__).resolve().parent.parent


def test_dask_cluster_run_equals_local_run(sample_archive, tmp_path):
    from distributed import LocalCluster

    root, expected = sample_archive
    with prefect_server(tmp_path / "prefect-home") as (api, env):
        # the workers talk to the same real server, never to ephemeral ones of their own;
        # the test process's own environment stays as it is (other tests run Prefect in-process)
        worker_env = {k: env[k] for k in ("PREFECT_API_URL", "PREFECT_HOME", "PREFECT_SERVER_ANALYTICS_ENABLED")}
        with LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, env=worker_env
        ) as cluster:
            proc = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "flows.cli",
                    "run",
                    str(root),
                    "--output",
                    str(tmp_path / "dask"),
                    "--dask-address",
                    cluster.scheduler_address,
                    "--batch-size",
                    "2",
                ],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=patience(1800),
            )
            assert proc.returncode == 0, proc.stderr[-3000:]
            assert f"documents: {len(expected)} (ok {len(expected)})" in proc.stdout
            workers = cluster.scheduler_info["workers"]
            assert len(workers) == 2
    run_archive(root, tmp_path / "local", use_cache=False)
    assert_same_tables(tmp_path / "dask", tmp_path / "local")
    assert os.environ.get("PREFECT_API_URL") != env["PREFECT_API_URL"]
