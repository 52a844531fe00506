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

from pipeline.publish.snapshot import write_checked_columns, write_rows
from pipeline.run.parts import BatchResult, Part, process_part
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
    return write_part_files(process_part(part, cache_dir), spool_dir)


def write_part_files(batch: BatchResult, spool_dir: str) -> PartFiles:
    """A processed part's rows as one Parquet file a table in `spool_dir`; only the returned summary travels."""
    snapshot_id = Path(spool_dir).parent.name.removeprefix("staging-")
    seen: set[str] = set()
    tables: dict[str, list] = {t: [] for t in TABLES}
    checked = _CheckedColumns()
    docs = []
    for res in batch.results:
        doc = res.document
        docs.append(DocSummary(doc.doc_id, doc.source_uri, doc.status, res.pages))
        if doc.doc_id in seen:  # a byte-identical copy later in the same part: the publisher names it
            continue
        seen.add(doc.doc_id)
        tables["documents"].append(doc)
        checked.add("documents", res.columns)
        for t, rows in res.tables.items():
            tables[t].extend(rows)
            if rows:
                checked.add(t, res.columns)
    files = {}
    for t, rows in tables.items():
        if rows:
            path = Path(spool_dir) / f"{t}-{batch.index:05d}.parquet"
            columns = checked.of(t)
            if columns is None:
                write_rows(t, rows, path, snapshot_id)
            else:
                write_checked_columns(t, columns, path, snapshot_id)
            files[t] = (str(path), len(rows))
    return PartFiles(batch.index, docs, files, batch.cached, batch.seconds, batch.text_bytes)


class _CheckedColumns:
    """A part's tables as the columns each document's rows passed the contract's check with, where every
    document that has rows in a table brought its columns (a cached or failed document brings none: its
    table is then checked and written from its rows)."""

    def __init__(self) -> None:
        self.pieces: dict[str, list[dict[str, list]]] = {t: [] for t in TABLES}
        self.missing: set[str] = set()

    def add(self, table: str, columns: dict[str, dict[str, list]]) -> None:
        piece = columns.get(table)
        if piece is None:
            self.missing.add(table)
        else:
            self.pieces[table].append(piece)

    def of(self, table: str) -> dict[str, list] | None:
        if table in self.missing:
            return None
        pieces = self.pieces[table]
        return {name: list(chain.from_iterable(p[name] for p in pieces)) for name in pieces[0]}
