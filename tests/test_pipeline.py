"""The archive run end to end on built documents: contract, offsets, failures, idempotency, atomicity."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path

import pandas as pd
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from pipeline.run.loop import run_archive
from schemas import contract
from tests.fixtures.builders import assert_same_tables

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def sample_run(sample_archive, tmp_path_factory):
    root, expected = sample_archive
    out = tmp_path_factory.mktemp("sample-out")
    summary = run_archive(root, out, use_cache=False)
    return root, expected, out, summary


def test_every_table_is_published_with_the_contract_schema(sample_run):
    _, _, out, _ = sample_run
    for table in contract.TABLES:
        schema = pq.read_schema(next((out / table).glob("*.parquet")))
        assert schema.metadata[b"contract_version"] == contract.CONTRACT_VERSION.encode()
        for field in contract.schema(table):
            assert schema.field(field.name).type == field.type, (table, field.name)
        contract.validate(table, ds.dataset(out / table).to_table())


def test_readers_read_the_directory(sample_run):
    _, expected, out, summary = sample_run
    assert len(pd.read_parquet(out / "documents")) == summary.documents == len(expected)
    assert ds.dataset(str(out / "amounts")).count_rows() == summary.rows["amounts"]


def test_offsets_point_at_the_mention_text(sample_run):
    _, _, out, _ = sample_run
    texts = dict(zip(*pd.read_parquet(out / "documents", columns=["doc_id", "text"]).values.T))
    n = 0
    for table in ("amounts", "bodies", "dates"):
        for r in pd.read_parquet(out / table).itertuples():
            assert texts[r.doc_id][r.char_start : r.char_end] == r.text
            assert r.mention_id == f"{r.doc_id}:{r.char_start}:{r.char_end}"
            n += 1
    assert n > 50


def test_built_documents_give_their_facts(sample_run):
    _, expected, out, _ = sample_run
    docs = pd.read_parquet(out / "documents")
    facts = pd.read_parquet(out / "facts")
    for uri, exp in expected.items():
        doc = docs[docs.source_uri == uri].iloc[0]
        assert doc.status == "ok", (uri, doc.error)
        got = {(r.body_id, r.role, round(r.amount)) for r in facts[facts.doc_id == doc.doc_id].itertuples()}
        for body_id, role, amount in exp.facts:
            assert (body_id, role, round(amount)) in got, (uri, body_id, role, amount)


def test_documents_metadata(sample_run):
    _, _, out, _ = sample_run
    docs = pd.read_parquet(out / "documents").set_index("source_uri")
    assert docs.loc["nyheter/vardkoer-2023.html", "media_type"] == "text/html"
    assert docs.loc["nyheter/vardkoer-2023.html", "doc_kind"] == "news"
    assert str(docs.loc["nyheter/vardkoer-2023.html", "published"]) == "2023-03-14"
    assert docs.loc["rapporter/ekonomin-i-kommunsektorn.pdf", "n_pages"] == 3
    assert docs.loc["rapporter/ekonomin-i-kommunsektorn.pdf", "doc_kind"] == "report"
    assert docs.loc["beslut/tjansteskrivelse-effektiv-vard.docx", "doc_kind"] == "memo"
    assert docs.loc["beslut/beslut-ekonomi-i-balans.txt", "doc_kind"] == "decision"
    amounts = pd.read_parquet(out / "amounts")
    pdf_doc = docs.loc["rapporter/ekonomin-i-kommunsektorn.pdf", "doc_id"]
    assert set(amounts[amounts.doc_id == pdf_doc].page.dropna().astype(int)) == {1, 2, 3}


def test_a_bad_file_does_not_stop_the_run(sample_archive, tmp_path):
    from tests.fixtures.builders import scanned_pdf

    root, expected = sample_archive
    archive = tmp_path / "archive"
    import shutil

    shutil.copytree(root, archive)
    (archive / "trasig.pdf").write_bytes(b"%PDF-1.4 broken")
    (archive / "skannad.pdf").write_bytes(scanned_pdf())
    (archive / "bild.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    (archive / "kopia.txt").write_bytes((archive / "beslut" / "beslut-ekonomi-i-balans.txt").read_bytes())
    out = tmp_path / "out"
    summary = run_archive(archive, out, use_cache=False)
    docs = pd.read_parquet(out / "documents").set_index("source_uri")
    assert docs.loc["trasig.pdf", "status"] == "failed" and "PDF" in docs.loc["trasig.pdf", "error"]
    assert docs.loc["skannad.pdf", "status"] == "no_text"
    assert docs.loc["bild.png", "status"] == "failed"
    assert summary.by_status["ok"] == len(expected)
    assert len(summary.duplicates) == 1  # byte-identical copy: one doc_id, one row


def test_same_archive_twice_gives_identical_rows(sample_archive, tmp_path):
    root, _ = sample_archive
    a = run_archive(root, tmp_path / "a", use_cache=False)
    b = run_archive(root, tmp_path / "b", workers=2, batch_size=2, use_cache=False)
    assert_same_tables(tmp_path / "a", tmp_path / "b")
    assert a.rows == b.rows


def test_rerun_reads_the_cache_and_publishes_the_same(sample_archive, tmp_path):
    root, expected = sample_archive
    first = run_archive(root, tmp_path / "o")
    before = pd.read_parquet(tmp_path / "o" / "facts").sort_values("fact_id").reset_index(drop=True)
    second = run_archive(root, tmp_path / "o")
    after = pd.read_parquet(tmp_path / "o" / "facts").sort_values("fact_id").reset_index(drop=True)
    assert first.cached == 0 and second.cached == len(expected)
    pd.testing.assert_frame_equal(before, after)


def test_a_killed_publish_leaves_the_previous_snapshot_readable(sample_archive, tmp_path):
    root, _ = sample_archive
    out = tmp_path / "out"
    run_archive(root, out, use_cache=False)
    before = pd.read_parquet(out / "amounts").sort_values("mention_id").reset_index(drop=True)
    link_before = os.readlink(out / "amounts")
    script = textwrap.dedent(f"""
        import time, sys
        sys.path.insert(0, {str(ROOT)!r})
        from pipeline.publish import snapshot as publish
        original = publish.SnapshotWriter.adopt_part
        def slow(self, table, path, part, drop_doc_ids=frozenset()):
            original(self, table, path, part, drop_doc_ids)
            print("wrote", table, flush=True)
            time.sleep(0.5)
        publish.SnapshotWriter.adopt_part = slow
        from pipeline.run.loop import run_archive
        run_archive({str(root)!r}, {str(out)!r}, use_cache=False, batch_size=1)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().startswith("wrote")  # the new snapshot is half written
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert os.readlink(out / "amounts") == link_before
    after = pd.read_parquet(out / "amounts").sort_values("mention_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(before, after)
    # and the next run publishes over the debris
    run_archive(root, out, use_cache=False)
    assert len(pd.read_parquet(out / "amounts")) == len(before)


def test_fatal_problems_exit_non_zero_with_one_line(tmp_path):
    from flows.cli import main

    assert main(["run", str(tmp_path / "missing"), "--output", str(tmp_path / "o"), "--no-prefect"]) == 2
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["run", str(tmp_path), "--output", str(blocker / "o"), "--no-prefect"]) == 2


def test_checks_reconcile_a_total_with_its_list(tmp_path):
    text = (
        "Fem regioner har ansökt om sammanlagt 100,5 miljoner kronor.\n\n"
        "Region Uppsala: 20 miljoner kronor\nRegion Skåne: 30 miljoner kronor\n"
        "Region Halland: 10,5 miljoner kronor\nRegion Dalarna: 25 miljoner kronor\n"
        "Region Gävleborg: 15 miljoner kronor\n"
    )
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "lista.txt").write_text(text, encoding="utf-8")
    run_archive(tmp_path / "a", tmp_path / "o", use_cache=False)
    checks = pd.read_parquet(tmp_path / "o" / "checks")
    assert len(checks) == 1
    c = checks.iloc[0]
    assert (c.n_parts, c.total, c.sum_of_parts, c.ok) == (5, 100.5e6, 100.5e6, True)


@pytest.mark.parametrize("table", ["amounts", "bodies", "dates"])
def test_built_documents_give_their_mentions(sample_run, table):
    """Every amount, body and date a built document states is published for it."""
    _, expected, out, _ = sample_run
    docs = pd.read_parquet(out / "documents")
    rows = pd.read_parquet(out / table)
    checked = 0
    for uri, exp in expected.items():
        doc_id = docs[docs.source_uri == uri].iloc[0].doc_id
        mine = rows[rows.doc_id == doc_id]
        if table == "amounts":
            want, got = Counter(round(v) for v in exp.amounts), Counter(round(v) for v in mine.value)
        elif table == "bodies":
            want, got = Counter(exp.bodies), Counter(set(mine.body_id))
        else:
            want = Counter(exp.dates)
            got = Counter((str(a), str(b)) for a, b in zip(mine.date_start, mine.date_end))
        assert not want - got, (uri, table, sorted((want - got).elements()))
        checked += sum(want.values())
    assert checked >= 10
