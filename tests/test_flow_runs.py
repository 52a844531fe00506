"""Runs that explain themselves: on a real local Prefect server, a run has a name that says what it read, log
lines with its progress and each failed file, a markdown artifact, and a state message that tells a run that
published from one that found nothing."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.fixtures.cli import run_bidrag
from tests.fixtures.patience import patience
from tests.fixtures.prefect_server import api_call, folder_source, prefect_server

ROOT = Path(__file__).resolve().parent.parent


def bidrag(env: dict, *args: str) -> subprocess.CompletedProcess:
    proc = run_bidrag(*args, env=env, cap=1800)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc


def flow_runs(api: str, flow_name: str) -> list[dict]:
    runs = api_call(f"{api}/flow_runs/filter", {"flows": {"name": {"any_": [flow_name]}}, "sort": "START_TIME_ASC"})
    return [r for r in runs if r["state_type"] == "COMPLETED"]


def logs_of(api: str, run_id: str) -> list[str]:
    logs = api_call(f"{api}/logs/filter", {"logs": {"flow_run_id": {"any_": [run_id]}}, "limit": 200})
    return [entry["message"] for entry in logs]


def artifacts_of(api: str, run_id: str) -> list[dict]:
    return api_call(f"{api}/artifacts/filter", {"artifacts": {"flow_run_id": {"any_": [run_id]}}})


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with prefect_server(tmp_path_factory.mktemp("prefect-home")) as (api, env):
        yield api, env


@pytest.fixture
def archive(sample_archive, tmp_path: Path) -> Path:
    root, _ = sample_archive
    target = tmp_path / "nyhetsarkiv"
    shutil.copytree(root, target)
    (target / "trasig.pdf").write_bytes(b"%PDF-1.4 cut off in the middle")
    return target


def test_an_archive_run_names_itself_logs_and_leaves_an_artifact(server, sample_archive, archive: Path, tmp_path: Path):
    api, env = server
    ok = len(sample_archive[1])  # the sample's documents, and the broken PDF
    out = tmp_path / "out"
    bidrag(env, "run", str(archive), "--output", str(out))
    (run,) = [r for r in flow_runs(api, "bidrag-archive") if r["name"].startswith("archive-nyhetsarkiv-")]
    assert run["state"]["message"].startswith(f"published {ok + 1} documents (failed 1, ok {ok})")
    messages = logs_of(api, run["id"])
    assert any(m.startswith(f"processed {ok + 1} of {ok + 1} documents") for m in messages), messages
    assert any("could not read trasig.pdf (failed)" in m for m in messages), messages
    (artifact,) = artifacts_of(api, run["id"])
    assert artifact["type"] == "markdown" and artifact["key"] == "bidrag-archive-run"
    markdown = artifact["data"]
    for needle in (
        "| failed | 1 |",
        f"| ok | {ok} |",
        "| grants |",
        f"{ok + 1} new, 0 changed, 0 removed",
        "`trasig.pdf`",
    ):
        assert needle in markdown, needle
    assert (out / "report.html").resolve().as_uri() in markdown
    assert (out / "report.html").exists()


def test_an_ingestion_run_that_finds_nothing_new_says_so(server, tmp_path: Path):
    api, env = server
    config = folder_source(tmp_path, "inkorg", "nya-beslut.toml")
    out = tmp_path / "out"
    bidrag(env, "ingest", "--config", str(config), "--output", str(out))
    bidrag(env, "ingest", "--config", str(config), "--output", str(out))
    runs = [r for r in flow_runs(api, "bidrag-ingest") if r["name"].startswith("ingest-nya-beslut-")]
    assert len(runs) == 2
    first, second = runs
    assert first["state"]["message"].startswith("published 1 documents (ok 1)")
    assert second["state"]["message"].startswith("nothing published")
    (artifact,) = artifacts_of(api, second["id"])
    assert "nothing published" in artifact["data"] and artifact["description"].startswith("nothing published")


def prefect_json(env: dict, *args: str):
    """Prefect's own command line, as a user types it, with JSON output."""
    proc = subprocess.run(
        [sys.executable, "-m", "prefect", *args, "--output", "json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=patience(900),
    )
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]  # a 422 from the server lands here
    return json.loads(proc.stdout)


READ_LOGS = textwrap.dedent(
    """
    import asyncio, json, sys
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId

    async def main():
        async with get_client() as client:
            logs = await client.read_logs(LogFilter(flow_run_id=LogFilterFlowRunId(any_=[sys.argv[1]])))
        print(json.dumps([entry.message for entry in logs]))

    asyncio.run(main())
    """
)


def test_prefects_own_tools_read_the_run_its_logs_and_its_artifact(server, sample_archive, tmp_path: Path):
    """`prefect flow-run ls`, `prefect artifact ls` and the client's `read_logs` against a local server: the
    versions pinned in pyproject are the ones under which they do not fail with 422."""
    _, env = server
    root, _ = sample_archive
    archive = tmp_path / "prefektarkiv"
    shutil.copytree(root, archive)
    bidrag(env, "run", str(archive), "--output", str(tmp_path / "out"))
    runs = prefect_json(env, "flow-run", "ls", "--flow-name", "bidrag-archive", "--limit", "50")
    (run,) = [r for r in runs if r["name"].startswith("archive-prefektarkiv-")]
    assert run["state_type"] == "COMPLETED"
    artifacts = prefect_json(env, "artifact", "ls", "--all")
    assert any(a["key"] == "bidrag-archive-run" and a["flow_run_id"] == run["id"] for a in artifacts), artifacts
    proc = subprocess.run(
        [sys.executable, "-c", READ_LOGS, run["id"]], env=env, capture_output=True, text=True, timeout=patience(900)
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert any(m.startswith("processed ") for m in json.loads(proc.stdout))
