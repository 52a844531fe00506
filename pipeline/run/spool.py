"""Spool files: a part's rows written as Parquet by the worker that made them, so only a summary travels.

Rows never cross a process boundary: the worker that made them writes them
into the staging snapshot, so the run's memory holds one document's rows
once (in its worker), and Prefect (which keeps every task's return value
until the flow ends) or a Dask scheduler carries a few hundred bytes a part.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from pipeline.publish.snapshot import write_checked_columns
from pipeline.read.document import DocResult
from pipeline.run.parts import BatchResult, Part, process_part
from schemas.contract import TABLES, validate_rows


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
    return write_part_files(process_part(part, cache_dir), spool_dir)


def write_part_files(batch: BatchResult, spool_dir: str) -> PartFiles:
    """A processed part's rows as one Parquet file a table in `spool_dir`; only the returned summary travels."""
    snapshot_id = Path(spool_dir).parent.name.removeprefix("staging-")
    docs, tables = part_columns(batch.results)
    files = {}
    for t, columns in tables.items():
        rows = len(next(iter(columns.values())))
        if rows:
            path = Path(spool_dir) / f"{t}-{batch.index:05d}.parquet"
            write_checked_columns(t, columns, path, snapshot_id)
            files[t] = (str(path), rows)
    return PartFiles(batch.index, docs, files, batch.cached, batch.seconds, batch.text_bytes)


def part_columns(results: list[DocResult]) -> tuple[list[DocSummary], dict[str, dict[str, list]]]:
    """A part's documents, and each table as the columns its documents' rows passed the contract's check with.

    A document read now brings its columns (`DocResult.columns`, checked in `process_bytes`), a cached one
    those of its tables (`cache.read_cache`); what a document brings no columns for (a failed document, the
    row of a cached one) is checked here. The part's own check (a mention id two documents share) is the
    writer's (`write_checked_columns`). A byte-identical copy later in the part gives no rows: the publisher
    names it.
    """
    seen: set[str] = set()
    docs = []
    pieces: dict[str, list[dict[str, list]]] = {t: [] for t in TABLES}
    for res in results:
        doc = res.document
        docs.append(DocSummary(doc.doc_id, doc.source_uri, doc.status, res.pages))
        if doc.doc_id in seen:
            continue
        seen.add(doc.doc_id)
        for t, piece in pieces.items():
            columns = res.columns.get(t)
            if columns is None:
                rows = [doc] if t == "documents" else res.tables.get(t)
                if not rows:
                    continue
                columns = validate_rows(t, rows)
            piece.append(columns)
    tables = {
        t: {name: list(chain.from_iterable(p[name] for p in piece)) for name in piece[0]}
        for t, piece in pieces.items()
        if piece
    }
    return docs, tables
