"""One local Prefect API kept alive between runs, so that a run does not pay for an API's start-up each time.

Prefect's ephemeral API starts a server for every run and stops it at the
end: 11–16 s of a loaded 2-core machine before the first document is read
(docs/performance.md). A server started once and reused costs ≈ 3 s the
first time and nothing after. `bidrag run` therefore uses, in this order:

1. the API that PREFECT_API_URL names (it must answer: a clear error if not);
2. the local API this module keeps (`$PREFECT_HOME/bidrag-api.json`), when it answers;
3. a new one, started detached (a session of its own, so neither the run's end nor
   the reaper of a killed run takes it down), on a free port on 127.0.0.1: Prefect's
   API app as `flows.api_server` serves it, for less than `prefect server start`.

`make sample` starts it (`bidrag server start`) before its run, so that the run finds it answering.

The kept server stops by itself after `BIDRAG_API_IDLE_MINUTES` (default 30)
without a run, or with `bidrag server stop`. `BIDRAG_PREFECT_API=ephemeral`
keeps Prefect's own per-run API instead (the test suite sets it, so tests
leave no server behind). Nothing here imports Prefect: the server is started
before the run imports it, and both start-ups overlap.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MODE_VARIABLE = "BIDRAG_PREFECT_API"  # "keep" (default) or "ephemeral"
IDLE_VARIABLE = "BIDRAG_API_IDLE_MINUTES"
DEFAULT_IDLE_MINUTES = 30.0
READY_TIMEOUT_SECONDS = 300.0  # the first new Prefect home migrates its database: ≈ 5 s quiet, minutes at load 20
# a health check's wait for an answer: a refused connection returns at once, only a busy server takes this long;
# shorter, a kept server slow to answer on a loaded machine would be taken for gone and a second one started
HEALTH_TIMEOUT_SECONDS = 5.0
IDLE_CHECK_SECONDS = 20.0
STATE_FILE = "bidrag-api.json"
LOG_FILE = "bidrag-api.log"


class ApiError(RuntimeError):
    """The API that PREFECT_API_URL names does not answer."""


@dataclass
class KeptApi:
    """A kept server as its state file records it; `started` is True when this run started it."""

    url: str
    pid: int
    started: bool = False


def prefect_home() -> Path:
    return Path(os.environ.get("PREFECT_HOME") or Path.home() / ".prefect").expanduser()


def answers(url: str, timeout: float = HEALTH_TIMEOUT_SECONDS) -> bool:
    """True when the API at `url` (…/api) answers its health check."""
    try:
        with urllib.request.urlopen(url.rstrip("/") + "/health", timeout=timeout) as reply:
            return reply.status == 200
    except (OSError, ValueError):
        return False


def keeping() -> bool:
    return os.environ.get(MODE_VARIABLE, "keep").strip().lower() != "ephemeral"


def _read_state(home: Path) -> KeptApi | None:
    try:
        data = json.loads((home / STATE_FILE).read_text(encoding="utf-8"))
        return KeptApi(str(data["url"]), int(data["pid"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


@contextlib.contextmanager
def _locked(home: Path) -> Iterator[None]:
    """One run at a time decides whether to start a server: two runs that start together share one."""
    home.mkdir(parents=True, exist_ok=True)
    with open(home / "bidrag-api.lock", "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def touch(home: Path | None = None) -> None:
    """A run says it is there: the kept server's idle clock starts again."""
    with contextlib.suppress(OSError):
        os.utime((home or prefect_home()) / STATE_FILE)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_kept(home: Path) -> KeptApi:
    """A kept server that answers, or a new one starting (not waited for: the caller overlaps it)."""
    with _locked(home):
        kept = _read_state(home)
        if kept is not None and answers(kept.url):
            touch(home)
            return kept
        port = _free_port()
        url = f"http://127.0.0.1:{port}/api"
        idle = os.environ.get(IDLE_VARIABLE, str(DEFAULT_IDLE_MINUTES))
        with open(home / LOG_FILE, "ab") as log:
            proc = subprocess.Popen(
                [sys.executable, "-m", "flows.local_api", "keep", str(port), idle],
                env={**{k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}, "PREFECT_HOME": str(home)},
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                start_new_session=True,  # out of the run's process group: the run's end does not stop it
                cwd=Path(__file__).resolve().parent.parent,
            )
        tmp = home / f"{STATE_FILE}.tmp{os.getpid()}"
        tmp.write_text(json.dumps({"url": url, "pid": proc.pid, "started_at": time.time()}), encoding="utf-8")
        os.replace(tmp, home / STATE_FILE)
        return KeptApi(url, proc.pid, started=True)


def wait_ready(api: KeptApi, timeout: float = READY_TIMEOUT_SECONDS) -> bool:
    """Wait until the server answers; False if it died or did not answer in time."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if answers(api.url, timeout=1.0):
            return True
        if not _alive(api.pid):
            return False
        time.sleep(0.1)
    return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(OSError, IndexError):  # a zombie has exited
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    return True


def _is_keeper(pid: int) -> bool:
    """Whether `pid` is still a kept server's process, not a later process that got its number."""
    try:
        return b"flows.local_api" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return _alive(pid) and not Path("/proc").is_dir()  # no /proc to ask: trust the state file


def stop_kept(home: Path | None = None) -> KeptApi | None:
    """Stop the kept server of this Prefect home (its whole session: the keeper and Prefect's server)."""
    home = home or prefect_home()
    with _locked(home):
        kept = _read_state(home)
        (home / STATE_FILE).unlink(missing_ok=True)
    if kept is None or not _is_keeper(kept.pid):
        return kept  # gone already (a reboot, an idle stop): nothing of it to stop
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(kept.pid, signal.SIGTERM)
        for _ in range(100):  # up to 10 s to go, then SIGKILL
            if not _alive(kept.pid):
                break
            time.sleep(0.1)
        else:
            os.killpg(kept.pid, signal.SIGKILL)
    return kept


def status(home: Path | None = None) -> tuple[KeptApi | None, bool]:
    """The kept server of this Prefect home, and whether it answers."""
    kept = _read_state(home or prefect_home())
    return kept, kept is not None and answers(kept.url)


def prepare() -> KeptApi | None:
    """Choose the run's API before Prefect is imported (Prefect reads PREFECT_API_URL once, at import).

    None: PREFECT_API_URL names one (checked), or Prefect's ephemeral API is asked for.
    """
    named = os.environ.get("PREFECT_API_URL")
    if named:
        if not answers(named, timeout=5):
            raise ApiError(f"the Prefect API at {named} (PREFECT_API_URL) does not answer")
        return None
    if not keeping():
        return None
    kept = start_kept(prefect_home())
    os.environ["PREFECT_API_URL"] = kept.url
    return kept


def ready(api: KeptApi) -> None:
    """Wait for a kept server that this run started; one that never answers is a clear error."""
    if not api.started or answers(api.url):
        return
    if not wait_ready(api):
        log = prefect_home() / LOG_FILE
        raise ApiError(
            f"the local Prefect API did not start (its log: {log}); "
            f"`--no-prefect` runs without Prefect, {MODE_VARIABLE}=ephemeral with Prefect's per-run API"
        )


def _runs_in_flight(url: str) -> int:
    body = json.dumps({"flow_runs": {"state": {"type": {"any_": ["RUNNING", "PENDING", "SCHEDULED"]}}}}).encode()
    req = urllib.request.Request(
        url.rstrip("/") + "/flow_runs/count", data=body, headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(req, timeout=5) as reply:
            return int(json.loads(reply.read()))
    except (OSError, ValueError):
        return 0


def keep(port: int, idle_minutes: float) -> int:
    """The kept server's own process: Prefect's server as a child, stopped after `idle_minutes` without a run."""
    home = prefect_home()
    url = f"http://127.0.0.1:{port}/api"
    server = subprocess.Popen([sys.executable, "-m", "flows.api_server", str(port)], stdin=subprocess.DEVNULL)

    def leave(*_: object) -> None:
        server.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(timeout=10)
        server.kill()
        sys.exit(0)

    signal.signal(signal.SIGTERM, leave)
    signal.signal(signal.SIGINT, leave)
    while server.poll() is None and not answers(url):  # the idle clock starts once the server answers
        time.sleep(0.5)
    touch(home)
    while server.poll() is None:
        time.sleep(min(IDLE_CHECK_SECONDS, 30 * idle_minutes + 0.5))
        state = home / STATE_FILE
        mine = _read_state(home)
        if mine is None or mine.pid != os.getpid():
            leave()  # stopped, or replaced by another server: this one is no longer the kept one
        try:
            quiet = time.time() - state.stat().st_mtime
        except OSError:
            quiet = float("inf")
        if quiet > 60 * idle_minutes and not _runs_in_flight(url):
            with _locked(home):
                if (still := _read_state(home)) is not None and still.pid == os.getpid():
                    state.unlink(missing_ok=True)
            leave()
    return server.returncode or 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "keep":
        sys.exit(keep(int(sys.argv[2]), float(sys.argv[3])))
    sys.exit("usage: python -m flows.local_api keep PORT IDLE_MINUTES")
