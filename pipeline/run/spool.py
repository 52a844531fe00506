"""Spool files: a part's rows written as Parquet by the worker that made them, so only a summary travels.

Rows never cross a process boundary: the worker that made them writes them
into the staging snapshot, so the run's memory holds one document's rows
once (in its worker), and Prefect (which keeps every task's return value
until the flow ends) or a Dask scheduler carries a few hundred bytes a part.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.publish.snapshot import write_rows
from pipeline.run.parts import Part, process_part
from schemas.contract import TABLES


@dataclass
class DocSummary:
    doc_id: str
    source_uri: str
    status: str
    pages: int


@dataclass
class PartFiles:
    """A part's rows, already written as Parquet files by whoever processed it; only this summary travels."""

    index: int
    documents: list[DocSummary]
    files: dict[str, tuple[str, int]]  # table → (path, rows)
    cached: int = 0
    seconds: float = 0.0
    text_bytes: int = 0


def process_part_to_files(part: Part, cache_dir: str | None, spool_dir: str) -> PartFiles:
    """Process a part and write its rows as one Parquet file a table into `spool_dir` (inside the staging snapshot)."""
    batch = process_part(part, cache_dir)
    snapshot_id = Path(spool_dir).parent.name.removeprefix("staging-")
    seen: set[str] = set()
    tables: dict[str, list] = {t: [] for t in TABLES}
    docs = []
    for res in batch.results:
        doc = res.document
        docs.append(DocSummary(doc.doc_id, doc.source_uri, doc.status, res.pages))
        if doc.doc_id in seen:  # a byte-identical copy later in the same part: the publisher names it
            continue
        seen.add(doc.doc_id)
        tables["documents"].append(doc)
        for t, rows in res.tables.items():
            tables[t].extend(rows)
    files = {}
    for t, rows in tables.items():
        if rows:
            path = Path(spool_dir) / f"{t}-{part.index:05d}.parquet"
            write_rows(t, rows, path, snapshot_id)
            files[t] = (str(path), len(rows))
    return PartFiles(part.index, docs, files, batch.cached, batch.seconds, batch.text_bytes)
