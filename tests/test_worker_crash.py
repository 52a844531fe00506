"""A worker that dies reading a document (a crash in a reader, the OOM killer) costs that document a failed row,
never the run: the pool is made again, and the parts it was working on are read one document a process
(pipeline.run.runners.isolated)."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.run.loop import run_archive
from pipeline.run.parts import DIED, KILL_SWITCH

TABLES = ("documents", "amounts", "bodies", "dates", "facts")


def rows_of(output: Path, table: str, without: set[str] = frozenset()) -> list[tuple]:
    """A table's rows as sorted tuples, the run-dependent columns and the documents in `without` left out."""
    tbl = pq.read_table(output / table)
    keep = sorted(n for n in tbl.schema.names if n not in ("ingested_at", "pipeline_version"))
    rows = [r for r in tbl.select(keep).to_pylist() if r["doc_id"] not in without]
    return sorted(tuple((k, repr(r[k])) for k in keep) for r in rows)


@pytest.fixture(scope="module")
def whole_run(sample_archive, tmp_path_factory) -> Path:
    """The sample archive published with no worker dying: what every other document must still give."""
    root, _ = sample_archive
    out = tmp_path_factory.mktemp("whole") / "o"
    run_archive(root, out, use_cache=False, workers=1)
    return out


@pytest.mark.parametrize(
    "dies_on, batch_size, use_cache",
    [
        ("rapporter/ekonomin-i-kommunsektorn.pdf", 1, False),  # a part of one document
        ("beslut/tjansteskrivelse-effektiv-vard.docx", 2, False),  # a part of two: the other is read again
        ("nyheter/vardkoer-2023.html", 3, True),  # the part's finished documents come from the cache
        (None, 2, False),  # no worker dies: nothing is failed
    ],
)
def test_a_document_that_kills_its_worker_is_a_failed_row(
    dies_on, batch_size, use_cache, sample_archive, whole_run, tmp_path, monkeypatch
):
    root, expected = sample_archive
    if dies_on is not None:
        monkeypatch.setenv(KILL_SWITCH, dies_on)
    out = tmp_path / "o"
    summary = run_archive(root, out, use_cache=use_cache, workers=2, batch_size=batch_size)
    docs = {r["source_uri"]: r for r in pq.read_table(out / "documents").to_pylist()}
    assert set(docs) == set(expected)
    failed = {uri for uri, r in docs.items() if r["status"] == "failed"}
    assert failed == ({dies_on} if dies_on else set())
    assert summary.by_status["failed"] == len(failed)
    dead = {docs[uri]["doc_id"] for uri in failed}
    for uri in failed:
        assert docs[uri]["error"] == DIED
    for table in TABLES:  # every other document publishes what it publishes when no worker dies
        assert rows_of(out, table, without=dead) == rows_of(whole_run, table, without=dead), table
