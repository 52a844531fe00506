"""A run's worker processes: how they start (forked from a preloaded fork server), and that they die with the run.

`pool_context` gives the pool its start method; the rest makes sure a killed run leaves no worker, fork server,
resource tracker or API server behind.

Two mechanisms, because a SIGKILL gives the dying process no chance to clean up:
- every pool worker asks the kernel for SIGKILL when its parent dies (Linux `PR_SET_PDEATHSIG`), and one forked
  from the fork server, whose parent is the server, waits on the run's process descriptor (`die_with_run`);
- the command line puts its run in a process group of its own and forks a small reaper that waits on
  a pipe: when the run ends, however it ends, the pipe closes and the reaper kills what is left of
  the group (Prefect's ephemeral API server, the multiprocessing resource tracker), then exits.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import select
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1
# what the fork server imports before it forks a worker: the main module (as a spawned worker would), the pipeline
PRELOAD = ("__main__", "pipeline.run.preload")


def default_workers() -> int:
    """All the cores this process may use."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def pool_context() -> multiprocessing.context.BaseContext:
    """How a run's worker processes start: forked from a fork server that imported the pipeline and compiled its
    patterns once (`pipeline.run.preload`), so each worker begins ready for its first page.

    The server is started fresh, like a spawned worker, and needs the parent's main module to be importable; a
    script read from standard input is not, and its workers are plain forks of it.
    """
    main_file = getattr(sys.modules.get("__main__"), "__file__", None)
    if main_file is not None and not os.path.exists(main_file):
        return multiprocessing.get_context("fork")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(PRELOAD))
    return context


def start_pool_server() -> None:
    """Start the workers' fork server now, so that its imports and compiling (≈ 0.8 CPU-s) run while this
    process is still starting (its own imports, listing the archive, Prefect): the pool then forks at once."""
    if pool_context().get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def die_with_parent() -> None:
    """Ask the kernel to SIGKILL this process when its parent dies (a no-op where prctl is not there)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() == 1:  # the parent died before the request was made
            os._exit(1)


def die_with_run(run_pid: int) -> None:
    """End this worker when the run that owns its pool is gone, however it ended.

    A worker forked from the pool's fork server has the server for its parent, so PR_SET_PDEATHSIG follows the
    server, not the run; and the server lives as long as any worker does (each holds its liveness pipe). A run
    killed where no reaper watches its group (a shell job killed by SIGKILL or the OOM killer) would leave both
    behind for good. A thread waits on the run's process descriptor (Linux `pidfd_open`) and exits the worker
    when the run is gone; the server then sees its last client go and exits too.
    """
    if run_pid == os.getppid():
        return  # a worker the run forked itself: PR_SET_PDEATHSIG covers it
    try:
        run = os.pidfd_open(run_pid)
    except ProcessLookupError:
        os._exit(1)  # the run died before this worker started
    except (AttributeError, OSError):
        return  # no process descriptors here: the reaper of the run's group is what is left

    def wait_for_the_run() -> None:
        select.select([run], [], [])
        os._exit(1)

    threading.Thread(target=wait_for_the_run, name="bidrag-run-watch", daemon=True).start()


def start_worker(cwd: str | None = None, environ: dict[str, str] | None = None, run_pid: int | None = None) -> None:
    """A pool worker's set-up: it dies with its parent, Arrow never imports pandas in it, and it works in the
    run's folder with the run's environment.

    A worker forked from the pool's fork server starts with the server's folder and environment, from when the
    server started, which may be another run's of the same process (a test that set BIDRAG_TESSERACT, a
    relative archive path after a `chdir`): the pool hands the run's own (`cwd`, `environ`) to each worker, as
    a spawned worker got them.
    """
    die_with_parent()
    if run_pid is not None:
        die_with_run(run_pid)
    if environ is not None and environ != os.environ:
        os.environ.clear()
        os.environ.update(environ)
    if cwd is not None and cwd != os.getcwd():
        os.chdir(cwd)
    arrow_without_pandas()


def arrow_without_pandas() -> None:
    """Let this process's Arrow conversions skip pandas (≈ 0.2 s to import, half a worker's start-up).

    Arrow asks once per process whether pandas is installed, on the first list it converts to an array (is
    the list perhaps a pandas Series?), and imports it to find out. A worker converts only lists of rows it
    made itself, so it answers that question here with pandas hidden: Arrow then takes every list as a
    plain sequence. Anything that asks for pandas by name later (`to_pandas`, `import pandas`) still gets it:
    pandas is hidden only for the one probe. The one thing lost: a pandas Series or DataFrame given to
    `pa.array`/`pa.table` before anything asked for pandas is read as a plain sequence; nothing in bidrag
    hands pandas objects to Arrow, and a process that imported pandas first keeps Arrow's pandas handling.
    """
    if "pandas" in sys.modules:
        return
    import pyarrow as pa

    sys.meta_path.insert(0, _NoPandas)
    try:
        pa.array([], type=pa.null())
    finally:
        sys.meta_path.remove(_NoPandas)


class _NoPandas:
    """An import finder that finds no pandas (`arrow_without_pandas`)."""

    @staticmethod
    def find_spec(name: str, path: object = None, target: object = None) -> None:
        if name == "pandas" or name.startswith("pandas."):
            raise ModuleNotFoundError(f"no module named {name!r} (hidden from Arrow's probe)", name=name)


def reap_group_on_exit() -> None:
    """Put this process at the head of a process group of its own and fork a reaper that kills the group
    once this process is gone.

    Only where the group is surely ours alone. A process that leads its own session (`setsid bidrag run`,
    a systemd service, a container's command) leads a group that holds nothing but itself and what it
    starts: the reaper watches that group as it is. Otherwise, a process that already leads its group was
    started as a shell job, which may share the group with the other commands of a pipeline
    (`bidrag run | tee log`), and moving out of a terminal's foreground group would deafen Ctrl-C. There,
    pool workers still die with the run (PR_SET_PDEATHSIG), and Prefect's server goes with the run's
    normal exit.
    """
    if not hasattr(os, "fork"):
        return
    session_leader = os.getsid(0) == os.getpid()
    if not session_leader:
        if os.getpgrp() == os.getpid() or (sys.stdin is not None and sys.stdin.isatty()):
            return
        os.setpgid(0, 0)
    group = os.getpgrp()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid:  # the run: keeps the write end open for as long as it lives
        os.close(read_end)
        os.set_inheritable(write_end, False)
        return
    # the reaper: out of the group it will kill, holding none of the run's files, waiting for its pipe to close
    try:
        os.setpgid(0, 0)
        os.close(write_end)
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        os.closerange(3, read_end)
        os.closerange(read_end + 1, 1024)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        select.select([read_end], [], [])
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(group, signal.SIGTERM)
            for _ in range(20):  # up to 2 s for them to go, then SIGKILL
                time.sleep(0.1)
                os.killpg(group, 0)
            os.killpg(group, signal.SIGKILL)
    finally:
        os._exit(0)
