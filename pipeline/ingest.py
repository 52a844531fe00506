"""One ingestion run: fetch what is new, extract only that, publish atomically — or say nothing is new.

The published dataset is every document ever fetched, in its latest version
(a document removed from a feed stays published: nothing is lost). The raw
store and the extraction cache make a run cost what is new, not what exists.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq

from pipeline import sources as src
from pipeline.publish import META_DIR
from pipeline.run import DEFAULT_BATCH_SIZE, make_batches


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
        out = [f"fetched: {self.new} new, {self.updated} changed, "
               f"{sum(r.unchanged for r in self.reports)} unchanged, {len(self.failed)} failed"]
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


def fetch_all(config: src.Config, output: Path, fetch=None) -> FetchSummary:
    """Fetch every source into the raw store; decide whether anything is to be published."""
    state = src.State(state_dir(output))
    fetcher = src.Fetcher(config.http)
    try:
        reports = [(fetch or src.fetch_source)(s, state, fetcher) for s in config.sources]
    finally:
        fetcher.close()
    items = state.current()
    shas = {Path(p).name for p, _ in items}
    summary = FetchSummary(reports, items)
    summary.changed = published_doc_ids(output) != shas
    return summary


def batches_of(items: list[tuple[str, str]], batch_size: int = DEFAULT_BATCH_SIZE) -> list[list[tuple[str, str]]]:
    return make_batches(items, batch_size)
