"""`bidrag serve`: a served deployment on a real local Prefect server runs on its schedule and publishes."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, data: dict | None = None):
    req = urllib.request.Request(url, data=json.dumps(data).encode() if data is not None else None,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=5) as r:
        return json.loads(r.read() or b"null")


def test_served_deployment_runs_on_schedule(tmp_path):
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = dict(os.environ, PREFECT_HOME=str(tmp_path / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PREFECT_UI_ENABLED="false", PREFECT_API_URL=api)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "beslut.txt").write_text(
        "Beslut om statsbidrag\n\nKammarkollegiet har beslutat att bevilja Region Uppsala 12 miljoner kronor.\n",
        encoding="utf-8")
    cfg = tmp_path / "bidrag.toml"
    cfg.write_text('[[sources]]\nname = "inkorg"\nkind = "folder"\npath = "inbox"\n', encoding="utf-8")
    out = tmp_path / "out"
    server = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                               "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    served = None
    try:
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                _get(f"{api}/health")
                break
            except OSError:
                time.sleep(1)
        else:
            pytest.fail("the local Prefect server did not start in 90 s")
        served = subprocess.Popen(
            [sys.executable, "-m", "flows.cli", "serve", "--config", str(cfg), "--output", str(out),
             "--cron", "* * * * *"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        completed = []
        deadline = time.time() + 180
        while time.time() < deadline and not completed:
            time.sleep(3)
            assert served.poll() is None, served.stderr.read()[-2000:]
            runs = _get(f"{api}/flow_runs/filter",
                        {"flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}, "limit": 5})
            completed = [r for r in runs if r.get("deployment_id")]
        assert completed, "no scheduled run completed within 3 minutes"
        assert (out / "facts").exists()
    finally:
        for proc in (served, server):
            if proc is not None:
                proc.terminate()
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()
