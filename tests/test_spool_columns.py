"""The spool writes a part's tables from the columns each document's rows passed the contract's check with:
the same Parquet as from the rows, and a mention id two documents of a part share is still refused."""

from __future__ import annotations

import dataclasses
import random

import pyarrow.parquet as pq
import pytest

from pipeline.publish.snapshot import write_checked_columns, write_rows
from pipeline.read.document import process_bytes
from pipeline.run.spool import _CheckedColumns
from schemas.contract import ContractError, validate_rows
from tests.fixtures.builders import report_pdf


@pytest.fixture(scope="module")
def two_reports():
    """Two report PDFs (two columns, a ruled table on page 1) read and extracted as a run reads them."""
    return [process_bytes(report_pdf(2, random.Random(seed))[0], f"rapport-{seed}.pdf") for seed in (3, 4)]


@pytest.mark.parametrize("table", ["documents", "amounts", "bodies", "dates", "facts"])
def test_columns_write_the_same_table_as_rows(two_reports, table, tmp_path):
    checked = _CheckedColumns()
    rows: list = []
    for res in two_reports:
        rows.extend([res.document] if table == "documents" else res.tables[table])
        checked.add(table, res.columns)
    assert rows, "the reports have rows in every table compared"
    columns = checked.of(table)
    assert columns is not None
    write_rows(table, rows, tmp_path / "rows.parquet", "snap")
    write_checked_columns(table, columns, tmp_path / "columns.parquet", "snap")
    from_rows, from_columns = pq.read_table(tmp_path / "rows.parquet"), pq.read_table(tmp_path / "columns.parquet")
    assert from_columns.equals(from_rows, check_metadata=True)


@pytest.mark.parametrize(
    ("brings_columns", "expected"),
    [
        ((True, True), "columns"),  # every document checked in its worker: its columns are used
        ((True, False), None),  # a cached document brings rows only: the table is checked from its rows
        ((False, False), None),
    ],
)
def test_a_table_is_written_from_columns_only_when_every_document_brought_them(two_reports, brings_columns, expected):
    checked = _CheckedColumns()
    for res, brings in zip(two_reports, brings_columns):
        checked.add("amounts", res.columns if brings else {})
    got = checked.of("amounts")
    assert (got is not None) == (expected == "columns")


def test_a_mention_id_shared_by_two_documents_of_a_part_is_refused(two_reports, tmp_path):
    first = two_reports[0].tables["amounts"][0]
    copy = dataclasses.replace(two_reports[1].tables["amounts"][0], mention_id=first.mention_id)
    checked = _CheckedColumns()
    checked.add("amounts", {"amounts": validate_rows("amounts", [first])})
    checked.add("amounts", {"amounts": validate_rows("amounts", [copy])})
    columns = checked.of("amounts")
    assert columns is not None
    with pytest.raises(ContractError, match="mention_id is not unique"):
        write_checked_columns("amounts", columns, tmp_path / "x.parquet", "snap")
