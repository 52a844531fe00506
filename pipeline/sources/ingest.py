"""One ingestion run: fetch what is new, extract only that, publish atomically — or say nothing is new.

The published dataset is every document ever fetched, in its latest version
(a document removed from a feed stays published: nothing is lost). The raw
store and the extraction cache make a run cost what is new, not what exists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq

from pipeline.publish.corrections import load_for
from pipeline.publish.publisher import corrections_changed
from pipeline.publish.snapshot import META_DIR
from pipeline.run.loop import publish_items
from pipeline.run.options import DEFAULT, RunOptions
from pipeline.run.runners import PartRunner
from pipeline.run.summary import RunSummary
from pipeline.sources import fetch as src
from pipeline.sources.config import Config, Source

FetchSource = Callable[[Source, src.State, src.Fetcher], src.FetchReport]


@dataclass
class FetchSummary:
    reports: list = field(default_factory=list)
    items: list = field(default_factory=list)  # (raw path, url) of every current document
    changed: bool = True

    @property
    def new(self) -> int:
        return sum(len(r.new) for r in self.reports)

    @property
    def updated(self) -> int:
        return sum(len(r.changed) for r in self.reports)

    @property
    def failed(self) -> dict:
        out = {}
        for r in self.reports:
            out.update(r.failed)
        return out

    def lines(self) -> list[str]:
        out = [
            f"fetched: {self.new} new, {self.updated} changed, "
            f"{sum(r.unchanged for r in self.reports)} unchanged, {len(self.failed)} failed"
        ]
        for url, why in list(self.failed.items())[:10]:
            out.append(f"  failed: {url}: {why} (tried again next run)")
        return out


def state_dir(output: Path) -> Path:
    return Path(output) / META_DIR / "ingest"


def published_doc_ids(output: Path) -> set[str] | None:
    docs = Path(output) / "documents"
    if not docs.exists():
        return None
    return set(pq.read_table(docs, columns=["doc_id"]).column("doc_id").to_pylist())


def fetch_all(config: Config, output: Path, fetch: FetchSource | None = None) -> FetchSummary:
    """Fetch every source into the raw store; decide whether anything is to be published."""
    state = src.State(state_dir(output))
    fetcher = src.Fetcher(config.http)
    reports = []
    try:
        for source in config.sources:
            try:
                reports.append((fetch or src.fetch_source)(source, state, fetcher))
            except Exception as exc:  # noqa: BLE001 - one broken source never stops the others
                report = src.FetchReport(source.name)
                report.failed[source.url or source.path or source.name] = f"{type(exc).__name__}: {exc}"[:300]
                reports.append(report)
    finally:
        fetcher.close()
        state.save()
    items = state.current()
    shas = {Path(p).name for p, _ in items}
    summary = FetchSummary(reports, items)
    summary.changed = published_doc_ids(output) != shas
    return summary


@dataclass
class IngestSummary:
    fetched: FetchSummary
    run: RunSummary | None = None  # None: nothing new, nothing published

    @property
    def published(self) -> bool:
        return self.run is not None

    def as_dict(self) -> dict:
        out = {
            "new": self.fetched.new,
            "changed": self.fetched.updated,
            "failed": self.fetched.failed,
            "documents": len(self.fetched.items),
            "published": self.published,
            "lines": self.lines(),
        }
        if self.run is not None:
            out.update(rows=self.run.rows, by_status=dict(self.run.by_status), cached=self.run.cached)
        return out

    def lines(self) -> list[str]:
        out = self.fetched.lines()
        if self.run is None:
            return [*out, "nothing new: the published dataset is already current"]
        return out + self.run.lines()


def run_ingest(
    config: Config,
    output: Path,
    options: RunOptions = DEFAULT,
    *,
    runner: PartRunner | None = None,
    fetch: FetchSource | None = None,
    progress: bool | Callable[[int], None] = False,
) -> IngestSummary:
    """One ingestion run, with or without Prefect: fetch every source, then publish if anything is new."""
    corrections = load_for(Path(output), options.corrections)
    fetched = fetch_all(config, Path(output), fetch=fetch)
    if not fetched.changed and not corrections_changed(Path(output), corrections):
        return IngestSummary(fetched)
    run = publish_items(fetched.items, Path(output), options, runner=runner, skip_unchanged=False, progress=progress)
    return IngestSummary(fetched, run)
