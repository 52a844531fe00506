"""A killed run leaves nothing behind: pool workers, the resource tracker and Prefect's API server go with it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.fixtures.patience import wait_until


def group_members(pgid: int) -> list[str]:
    out = subprocess.run(["ps", "-e", "-o", "pgid=,pid=,stat=,args="], capture_output=True, text=True).stdout
    rows = [line.split(None, 3) for line in out.splitlines() if line.strip()]
    return [" ".join(r[1:]) for r in rows if int(r[0]) == pgid and not r[2].startswith("Z")]


def children_of(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(x) for x in out.split()]


@pytest.mark.parametrize("prefect", [False, True], ids=["plain", "prefect"])
def test_sigkill_of_a_run_leaves_no_orphans(tmp_path, prefect):
    from tests.fixtures.builders import build_sample_archive

    archive = tmp_path / "archive"
    for k in range(8):  # enough documents that the workers are busy when the kill comes
        build_sample_archive(archive / f"del-{k}")
    cmd = [sys.executable, "-m", "flows.cli", "run", str(archive), "-o", str(tmp_path / "out"), "--workers", "2"]
    cmd += ["--batch-size", "1", "--no-cache"] + ([] if prefect else ["--no-prefect"])
    env = dict(os.environ, PREFECT_HOME=str(tmp_path / "prefect-home"))
    env.pop("PREFECT_API_URL", None)
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # the reaper, the workers (and with Prefect, its API server); the cap only bounds a hang
    wait_until(lambda: len(children_of(proc.pid)) >= (3 if prefect else 2) or proc.poll() is not None, 900)
    before = group_members(proc.pid)
    assert len(before) >= 3, before  # the run, its reaper is outside the group, so: run + workers
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    wait_until(lambda: not group_members(proc.pid), 300)  # the reaper's poll, late on a loaded machine
    assert group_members(proc.pid) == [], (before, group_members(proc.pid))


def session_members(sid: int) -> list[str]:
    out = subprocess.run(["ps", "-e", "-o", "sid=,pid=,stat=,args="], capture_output=True, text=True).stdout
    rows = [line.split(None, 3) for line in out.splitlines() if line.strip()]
    return [" ".join(r[1:]) for r in rows if int(r[0]) == sid and not r[2].startswith("Z")]


@pytest.mark.parametrize("command", ["run", "ingest"])
def test_a_sigkilled_run_in_its_own_session_leaves_no_process(tmp_path, command):
    """`setsid bidrag run …` (as systemd or a container starts it), killed once Prefect's server is up."""
    from tests.fixtures.builders import build_sample_archive

    archive = tmp_path / "archive"
    for k in range(8):
        build_sample_archive(archive / f"del-{k}")
    config = tmp_path / "sources.toml"
    config.write_text(f'[[sources]]\nname = "arkiv"\nkind = "folder"\npath = "{archive}"\n', encoding="utf-8")
    where = [str(archive)] if command == "run" else ["--config", str(config)]
    cmd = [sys.executable, "-m", "flows.cli", command, *where, "-o", str(tmp_path / "out"), "--workers", "2"]
    cmd += ["--batch-size", "1"]
    env = dict(os.environ, PREFECT_HOME=str(tmp_path / "prefect-home"))
    env.pop("PREFECT_API_URL", None)
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    wait_until(lambda: proc.poll() is not None or any("uvicorn" in p for p in session_members(proc.pid)), 900)
    assert proc.poll() is None, "the run ended before Prefect's server was up"
    before = session_members(proc.pid)
    assert any("uvicorn" in p for p in before), before
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    wait_until(lambda: not session_members(proc.pid), 300)
    assert session_members(proc.pid) == [], (before, session_members(proc.pid))


# a worker writes contract rows without pandas; pandas asked for by name afterwards is still there
WORKER_WITHOUT_PANDAS = """
import sys
from pipeline.run.processes import arrow_without_pandas
from schemas import contract
{setup}
contract.to_table("documents", [])
print("pandas" in sys.modules)
import pyarrow as pa
print(type(pa.table({{"a": [1]}}).to_pandas()).__name__)
"""


@pytest.mark.parametrize(
    ("setup", "imported_by_conversion"),
    [("arrow_without_pandas()", "False"), ("", "True")],  # the second row: Arrow's own probe imports pandas
    ids=["worker", "plain"],
)
def test_a_worker_converts_rows_without_importing_pandas(setup, imported_by_conversion):
    script = WORKER_WITHOUT_PANDAS.format(setup=setup)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split() == [imported_by_conversion, "DataFrame"]


def descendants_of(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-e", "-o", "pid=,ppid="], capture_output=True, text=True).stdout
    parent_of = {int(a): int(b) for a, b in (line.split() for line in out.splitlines() if line.strip())}
    found, frontier = [], [pid]
    while frontier:
        frontier = [p for p, pp in parent_of.items() if pp in frontier]
        found += frontier
    return found


def alive(pids: list[int]) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=,stat=", "-p", ",".join(map(str, pids))], capture_output=True, text=True)
    return [int(p) for p, stat in (line.split() for line in out.stdout.splitlines()) if not stat.startswith("Z")]


def test_a_sigkilled_shell_job_leaves_no_fork_server_or_worker(tmp_path):
    """A run started as a shell job leads its own process group and gets no reaper (moving it would deafen
    Ctrl-C); killed outright, its workers (children of the fork server, not of the run) must still go, and the
    fork server with them."""
    from tests.fixtures.builders import build_sample_archive

    archive = tmp_path / "archive"
    for k in range(8):
        build_sample_archive(archive / f"del-{k}")
    cmd = [sys.executable, "-m", "flows.cli", "run", str(archive), "-o", str(tmp_path / "out"), "--workers", "2"]
    cmd += ["--batch-size", "1", "--no-cache", "--no-prefect"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, process_group=0)
    # the fork server and its two workers below the run; the cap only bounds a hang
    wait_until(lambda: len(descendants_of(proc.pid)) >= 3 or proc.poll() is not None, 900)
    below = descendants_of(proc.pid)
    assert proc.poll() is None and len(below) >= 3, below
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    wait_until(lambda: not alive(below), 300)
    assert alive(below) == []
