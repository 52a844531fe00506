"""The local Prefect API that runs reuse: started once, found again by the next run, stopped on request or
when idle, and never left behind by a test."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from flows import api_server, local_api
from tests.fixtures.cli import run_bidrag
from tests.fixtures.patience import wait_until
from tests.fixtures.prefect_server import api_call, silent_port


def session_members(sid: int) -> list[str]:
    out = subprocess.run(["ps", "-e", "-o", "sid=,pid=,stat=,args="], capture_output=True, text=True).stdout
    rows = [line.split(None, 3) for line in out.splitlines() if line.strip()]
    return [" ".join(r[1:]) for r in rows if int(r[0]) == sid and not r[2].startswith("Z")]


def gone(sid: int, seconds: float) -> bool:
    """Whether the session has no process left within `patience(seconds)`, a cap for a loaded machine."""
    return wait_until(lambda: not session_members(sid), seconds, every=0.5)


def bidrag(env: dict, *args: str) -> subprocess.CompletedProcess:
    return run_bidrag(*args, env=env, cap=1200)


@pytest.fixture
def keep_env(tmp_path: Path):
    """A Prefect home of the test's own, in the default (keep) mode, with migrated empty databases kept in the
    test's own folder; whatever server it kept is stopped."""
    home = tmp_path / "prefect-home"
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_URL", local_api.MODE_VARIABLE)}
    env["PREFECT_HOME"] = str(home)
    env[api_server.TEMPLATE_VARIABLE] = str(tmp_path / "templates")
    yield env, home
    for each in [home, *tmp_path.glob("other-home-*")]:
        kept = local_api.stop_kept(each)
        if kept is not None:
            assert gone(kept.pid, 300), session_members(kept.pid)


def events_of(url: str, flow_run_id: str) -> list[str]:
    """The names of the events the kept API persisted about a flow run."""
    body = {"filter": {"any_resource": {"id": [f"prefect.flow-run.{flow_run_id}"]}}, "limit": 50}
    return [e["event"] for e in api_call(f"{url}/events/filter", body)["events"]]


def recorded(url: str, what: str, flow_run_id: str) -> list[dict]:
    """The kept API's records of one kind (task_runs, logs, artifacts) for a flow run."""
    key = {"task_runs": "flow_runs", "logs": "logs", "artifacts": "artifacts"}[what]
    field = "id" if what == "task_runs" else "flow_run_id"
    return api_call(f"{url}/{what}/filter", {key: {field: {"any_": [flow_run_id]}}})


def test_runs_share_one_kept_api_until_it_is_stopped(keep_env, sample_archive, tmp_path: Path):
    env, home = keep_env
    root, _ = sample_archive
    first = bidrag(env, "run", str(root), "--output", str(tmp_path / "a"))
    assert first.returncode == 0, first.stderr[-3000:]
    n = sum(1 for p in root.rglob("*") if p.is_file())
    assert f"documents: {n} (ok {n})" in first.stdout
    state = json.loads((home / local_api.STATE_FILE).read_text())
    assert session_members(state["pid"]), "the kept server runs on after the run"
    # the kept server runs only the services a local API of manual runs needs: the run is all there
    (run,) = api_call(f"{state['url']}/flow_runs/filter", {})
    assert run["name"].startswith("archive-") and run["state_type"] == "COMPLETED"
    assert wait_until(lambda: recorded(state["url"], "task_runs", run["id"]), 120), "the task run is recorded"
    assert any(f"processed {n} of {n}" in log["message"] for log in recorded(state["url"], "logs", run["id"]))
    assert [a["key"] for a in recorded(state["url"], "artifacts", run["id"])] == ["bidrag-archive-run"]
    # and no heartbeat: the kept API runs no automation that would read one (its end waited for the thread)
    assert wait_until(lambda: "prefect.flow-run.Completed" in events_of(state["url"], run["id"]), 120)
    assert "prefect.flow-run.heartbeat" not in events_of(state["url"], run["id"])
    second = bidrag(env, "run", str(root), "--output", str(tmp_path / "b"), "--no-cache")
    assert second.returncode == 0, second.stderr[-3000:]
    assert json.loads((home / local_api.STATE_FILE).read_text()) == state  # the same server, reused
    assert f"{state['url']} (answers)" in bidrag(env, "server").stdout
    stopped = bidrag(env, "server", "stop")
    assert stopped.returncode == 0 and state["url"] in stopped.stdout
    assert gone(state["pid"], 300), session_members(state["pid"])
    assert not (home / local_api.STATE_FILE).exists()
    assert "none kept" in bidrag(env, "server").stdout


def test_a_kept_api_stops_by_itself_when_no_run_comes(keep_env):
    env, home = keep_env
    env[local_api.IDLE_VARIABLE] = "0.05"  # three seconds
    started = bidrag(env, "server", "start")
    assert started.returncode == 0, started.stderr[-3000:]
    state = json.loads((home / local_api.STATE_FILE).read_text())
    # the idle clock starts once the server answers: a fresh home's migrations take minutes on a loaded machine
    assert gone(state["pid"], 900), session_members(state["pid"])
    assert not (home / local_api.STATE_FILE).exists()


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("http://127.0.0.1:{silent_port}/api", "does not answer"),
        ("not a url", "does not answer"),
    ],
)
def test_a_named_api_that_does_not_answer_is_one_line_and_exit_2(tmp_path, sample_archive, url, said):
    root, _ = sample_archive
    with silent_port() as port:
        env = dict(os.environ, PREFECT_HOME=str(tmp_path / "home"), PREFECT_API_URL=url.format(silent_port=port))
        proc = bidrag(env, "run", str(root), "--output", str(tmp_path / "out"))
    assert proc.returncode == 2
    assert proc.stderr.startswith("bidrag: error:") and said in proc.stderr and len(proc.stderr.splitlines()) == 1
    assert not (tmp_path / "home" / local_api.STATE_FILE).exists()


def test_a_new_prefect_home_gets_a_copy_of_the_first_migrated_database(keep_env, tmp_path: Path):
    env, home = keep_env
    homes = [home, tmp_path / "other-home-1"]
    said = []
    for each in homes:
        started = bidrag(dict(env, PREFECT_HOME=str(each)), "server", "start")
        assert started.returncode == 0, started.stderr[-3000:]
        assert "it stops after 30 minutes without a run, or now with:" in started.stdout
        said.append((each / local_api.LOG_FILE).read_text())
    assert "database migrated" in said[0] and "database copied" in said[1]
    assert [p.name for p in (tmp_path / "templates").iterdir()] == [f"prefect-{api_server.prefect_version()}.db"]
    again = bidrag(dict(env, PREFECT_HOME=str(homes[1])), "server", "start")
    assert "already running" in again.stdout


@pytest.mark.parametrize(
    ("setting", "said"),
    [
        ({"PREFECT_API_URL": "http://127.0.0.1:9/api"}, "(PREFECT_API_URL): no local API started"),
        ({local_api.MODE_VARIABLE: "ephemeral"}, "ephemeral: runs start Prefect's per-run API, no local API started"),
        ({local_api.MODE_VARIABLE: "Ephemeral "}, "no local API started"),
    ],
)
def test_server_start_starts_nothing_that_runs_would_not_use(keep_env, setting, said):
    env, home = keep_env
    started = bidrag(dict(env, **setting), "server", "start")
    assert started.returncode == 0 and said in started.stdout
    assert not (home / local_api.STATE_FILE).exists()
