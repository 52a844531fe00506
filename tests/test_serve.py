"""`bidrag serve`: a served deployment on a real local Prefect server runs on its schedule and publishes."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from tests.fixtures.patience import patience
from tests.fixtures.prefect_server import api_call, folder_source, prefect_server, stop

ROOT = Path(__file__).resolve().parent.parent


def test_served_deployment_runs_on_schedule(tmp_path):
    cfg = folder_source(tmp_path)
    out = tmp_path / "out"
    with prefect_server(tmp_path / "prefect-home") as (api, env):
        served = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "flows.cli",
                "serve",
                "--config",
                str(cfg),
                "--output",
                str(out),
                "--cron",
                "* * * * *",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            completed = []
            # a minute's schedule: one run within a minute or two on a quiet machine; the cap only bounds a hang
            deadline = time.monotonic() + patience(1200)
            while time.monotonic() < deadline and not completed:
                time.sleep(3)
                assert served.poll() is None, served.stderr.read()[-2000:]
                runs = api_call(
                    f"{api}/flow_runs/filter", {"flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}, "limit": 5}
                )
                completed = [r for r in runs if r.get("deployment_id")]
            assert completed, f"no scheduled run completed within {patience(1200):g} s"
            assert (out / "facts").exists()
        finally:
            stop(served)
