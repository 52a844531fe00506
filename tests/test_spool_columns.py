"""The spool writes a part's tables from the columns each document's rows passed the contract's check with, and
the cache keeps and gives back those columns: the same Parquet as from the rows, and a mention id two documents
of a part share is still refused (pipeline.run.spool, pipeline.run.cache)."""

from __future__ import annotations

import dataclasses
import json
import random

import pyarrow.parquet as pq
import pytest

from pipeline.publish.snapshot import write_checked_columns, write_rows
from pipeline.read.document import DocResult, process_bytes
from pipeline.run.cache import cache_path, read_cache, write_cache
from pipeline.run.spool import part_columns
from schemas.contract import ContractError
from tests.fixtures.builders import report_pdf

TABLES = ["documents", "amounts", "bodies", "dates", "facts"]


@pytest.fixture(scope="module")
def two_reports():
    """Two report PDFs (two columns, a ruled table on page 1) read and extracted as a run reads them."""
    return [process_bytes(report_pdf(2, random.Random(seed))[0], f"rapport-{seed}.pdf") for seed in (3, 4)]


def rows_only(res: DocResult) -> DocResult:
    """The document as it would come with rows and no checked columns."""
    return dataclasses.replace(res, columns={})


def through_cache(res: DocResult, tmp_path) -> DocResult:
    """The document written to the cache and read back, as a head start hands it to the flow."""
    key = res.document.doc_id
    write_cache(str(tmp_path), key, res)
    hit = read_cache(str(tmp_path), key, key)
    assert hit is not None
    return hit


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize("second", ["as read", "rows only", "from the cache"])
def test_a_parts_columns_write_the_same_table_as_its_rows(two_reports, table, second, tmp_path):
    first, other = two_reports
    other = {"as read": other, "rows only": rows_only(other), "from the cache": through_cache(other, tmp_path)}[second]
    rows = [r for res in two_reports for r in ([res.document] if table == "documents" else res.tables[table])]
    assert rows, "the reports have rows in every table compared"
    docs, tables = part_columns([first, other])
    assert [d.doc_id for d in docs] == [r.document.doc_id for r in two_reports]
    write_rows(table, rows, tmp_path / "rows.parquet", "snap")
    write_checked_columns(table, tables[table], tmp_path / "columns.parquet", "snap")
    from_rows, from_columns = pq.read_table(tmp_path / "rows.parquet"), pq.read_table(tmp_path / "columns.parquet")
    assert from_columns.equals(from_rows, check_metadata=True)


def test_a_mention_id_shared_by_two_documents_of_a_part_is_refused(two_reports, tmp_path):
    first, other = two_reports
    copy = dataclasses.replace(other.tables["amounts"][0], mention_id=first.tables["amounts"][0].mention_id)
    clash = dataclasses.replace(rows_only(other), tables={**other.tables, "amounts": [copy]})
    _, tables = part_columns([first, clash])
    with pytest.raises(ContractError, match="mention_id is not unique"):
        write_checked_columns("amounts", tables["amounts"], tmp_path / "x.parquet", "snap")


def test_a_copy_later_in_the_part_gives_no_rows(two_reports):
    first, _ = two_reports
    docs, tables = part_columns([first, first])
    assert len(docs) == 2
    assert len(tables["amounts"]["mention_id"]) == len(first.tables["amounts"])


def spoil(entry: dict, how: str) -> None:
    """A cache entry made wrong in one way: each must make it a miss (recomputed), never a row."""
    amounts = entry["columns"]["amounts"]
    if how == "older rows":
        entry["tables"] = entry.pop("columns")
    elif how == "text for a number":
        amounts["value"][0] = "12"
    elif how == "a column missing":
        del amounts["currency"]
    elif how == "a column too many":
        amounts["extra"] = [None] * len(amounts["value"])
    elif how == "a column short":
        amounts["value"].pop()
    elif how == "not a date":
        entry["columns"]["dates"]["date_start"][0] = "den 3 mars"
    elif how == "a role outside the contract":
        amounts["role"][0] = "gåva"
    elif how == "a column as text":
        amounts["currency"] = "SEK" * len(amounts["value"])
    elif how == "rows of another document":
        amounts["doc_id"] = ["f" * 64] * len(amounts["value"])
    elif how == "a mention of another document":
        amounts["mention_id"][0] = "f" * 64 + amounts["mention_id"][0][64:]


@pytest.mark.parametrize(
    "how",
    [
        None,  # untouched: a hit
        "older rows",
        "text for a number",
        "a column missing",
        "a column too many",
        "a column short",
        "not a date",
        "a role outside the contract",
        "a column as text",
        "rows of another document",  # an entry edited or copied under another key: its rows are not this one's
        "a mention of another document",
    ],
)
def test_a_cache_entry_is_a_hit_only_when_the_contract_takes_it(two_reports, how, tmp_path):
    res = two_reports[0]
    key = res.document.doc_id
    write_cache(str(tmp_path), key, res)
    path = cache_path(tmp_path, key)
    entry = json.loads(path.read_text(encoding="utf-8"))
    if how is not None:
        spoil(entry, how)
    path.write_text(json.dumps(entry), encoding="utf-8")
    hit = read_cache(str(tmp_path), key, key)
    if how is not None:
        assert hit is None
        return
    assert hit is not None and hit.document == res.document and hit.pages == res.pages
    assert hit.columns == {t: res.columns[t] for t in res.tables}
