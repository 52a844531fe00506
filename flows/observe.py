"""Runs that explain themselves in Prefect: a name that says what ran, log lines, an artifact and a state message.

The words are made in `pipeline.run.summary`; this module hands them to
Prefect: progress and each failed file through the run logger, a markdown
artifact per run, the report page written beside the output, and a final
`Completed` state whose message says what was published, or that nothing was.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from prefect import get_run_logger
from prefect.artifacts import create_markdown_artifact
from prefect.runtime import flow_run
from prefect.states import Completed, State

from pipeline.publish.snapshot import read_manifest
from pipeline.run import summary as run_report
from pipeline.run.progress import Progress
from pipeline.run.summary import RunSummary

# a progress line at most this often (seconds), and at every tenth of the run
LOG_EVERY_SECONDS = 10.0


def _stamp() -> str:
    return time.strftime("%Y%m%d-%H%M%S", time.gmtime())


def archive_run_name() -> str:
    """`archive-<folder>-<UTC timestamp>`: what the run read, and when."""
    archive = Path(str(flow_run.parameters.get("archive", "archive"))).resolve()
    return f"archive-{archive.name or 'root'}-{_stamp()}"


def ingest_run_name() -> str:
    """`ingest-<config>-<UTC timestamp>`."""
    config = Path(str(flow_run.parameters.get("config", "config")))
    return f"ingest-{config.stem}-{_stamp()}"


class LoggedProgress:
    """Advances the terminal bar and writes a progress line to the run's log now and then."""

    def __init__(self, total: int | None, label: str = "documents") -> None:
        """`total` None: not known before the run (ingestion fetches first); log lines only, no bar."""
        self.logger = get_run_logger()
        self.bar = Progress(total, label) if total else None
        self.total, self.done, self.label = total, 0, label
        self._last_time = time.perf_counter()
        self._last_tenth = 0

    def __call__(self, n: int) -> None:
        if self.bar is not None:
            self.bar.advance(n)
        self.done += n
        now = time.perf_counter()
        tenth = 10 * self.done // self.total if self.total else 0
        if tenth > self._last_tenth or now - self._last_time > LOG_EVERY_SECONDS or self.done == self.total:
            of = f" of {self.total}" if self.total else ""
            self.logger.info("processed %d%s %s", self.done, of, self.label)
            self._last_tenth, self._last_time = tenth, now

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def previous_manifest(output: Path) -> dict | None:
    return read_manifest(Path(output))


def finish(kind: str, output: Path, summary: RunSummary | None, before: dict | None, result: dict) -> State:
    """Log the failures, write the report, publish the artifact; the flow's final state says what happened."""
    logger = get_run_logger()
    output = Path(output)
    if summary is None:  # an ingestion run that found nothing new
        message = "nothing published: no new or changed documents in the sources"
        markdown = f"# bidrag {kind}: {message}\n"
        logger.info(message)
    else:
        failed = [] if summary.unchanged else run_report.failed_documents(output)
        for uri, status, error in failed:
            logger.warning("could not read %s (%s): %s", uri, status, error)
        # the publish itself wrote the page (pipeline.run.loop); it is named in the log and the artifact
        report = Path(summary.report) if summary.report else None
        if report is not None:
            logger.info("report: %s", report)
        elif summary.snapshot is not None:
            logger.warning("the report could not be written (see the run's log)")
        what = run_report.changes(before, read_manifest(output))
        message = run_report.state_message(summary)
        markdown = run_report.markdown(summary, what, failed, report)
        logger.info(message)
    create_markdown_artifact(markdown=markdown, key=f"bidrag-{kind}-run", description=message)
    return Completed(message=message, data=result)


@contextlib.contextmanager
def without_heartbeats() -> Iterator[None]:
    """A flow run that sends no heartbeats, for an API whose automations are off (the kept local API).

    Prefect sends a flow run's heartbeat every 180 s from a thread that sleeps
    in one-second steps, and the run's end waits for that step: ≈ 0.5 s of
    wall time a run, on average, for an event that only an automation
    (crashed-run detection) would read.
    """
    from prefect.settings import temporary_settings

    with temporary_settings(updates={"flows.heartbeat_frequency": None}):
        yield


def as_result(state: Any) -> dict:
    """What calling a flow gives back, whether Prefect hands over the final state's data or the state."""
    if isinstance(state, State):
        return state.result()  # type: ignore[return-value]
    return state
