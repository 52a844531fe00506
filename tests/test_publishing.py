"""Nothing lost: one commit point per publish, guards against shrinking, rollback, one writer, odd files as rows."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline.publish import snapshot as publish
from pipeline.run.loop import run_archive
from schemas import contract
from tests.conftest import ROOT
from tests.fixtures.cli import run_bidrag
from tests.fixtures.patience import patience

NEWS = "Region {name} får {n} miljoner kronor i statsbidrag för 2024, meddelar Socialstyrelsen."
REGIONS = ["Uppsala", "Dalarna", "Gävleborg", "Skåne", "Västernorrland", "Kalmar"]


def small_archive(folder: Path, n: int) -> Path:
    """n short news texts, each a document with an amount, a body and a date."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    for i in range(n):
        (folder / f"nyhet-{i}.txt").write_text(NEWS.format(name=REGIONS[i % 6], n=10 + i), encoding="utf-8")
    return folder


def bidrag(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return run_bidrag(*args, env={**os.environ, **(env or {})}, cap=900)


def snapshot_ids(output: Path) -> dict[str, str]:
    """Each table's snapshot id, read through `output/<table>` as any reader would."""
    out = {}
    for t in contract.TABLES:
        ids = {pq.read_schema(p).metadata[b"snapshot_id"].decode() for p in sorted((output / t).glob("*.parquet"))}
        assert len(ids) == 1, (t, ids)
        out[t] = ids.pop()
    return out


def documents(output: Path) -> int:
    return len(pd.read_parquet(output / "documents"))


@pytest.mark.parametrize("step", ["staged", "renamed", "linked", "swapped"])
def test_a_kill_after_any_publish_step_leaves_one_whole_snapshot(tmp_path, step):
    archive, out = small_archive(tmp_path / "a", 3), tmp_path / "out"
    assert bidrag("run", str(archive), "-o", str(out), "--no-prefect").returncode == 0
    old = snapshot_ids(out)
    small_archive(archive, 5)
    killed = bidrag("run", str(archive), "-o", str(out), "--no-prefect", env={"BIDRAG_TEST_KILL_AT": step})
    assert killed.returncode == -9, killed.stderr
    ids = snapshot_ids(out)
    assert len(set(ids.values())) == 1  # every table from one snapshot
    swapped = step == "swapped"
    assert (ids == old) is not swapped
    assert documents(out) == (5 if swapped else 3)
    assert publish.read_manifest(out)["snapshot_id"] == next(iter(ids.values()))
    # the next run publishes what the killed one did not, or sees that it is already there
    again = bidrag("run", str(archive), "-o", str(out), "--no-prefect")
    assert again.returncode == 0
    assert ("nothing changed" in again.stdout) is swapped
    assert documents(out) == 5 and len(set(snapshot_ids(out).values())) == 1
    assert not list((out / publish.META_DIR).glob("staging-*"))  # the killed run's staging is gone


def test_a_reader_during_publishes_always_sees_one_snapshot(tmp_path):
    archive, out = small_archive(tmp_path / "a", 2), tmp_path / "out"
    run_archive(archive, out, use_cache=False)
    stop, reads, mixed = threading.Event(), [0], []

    def reader() -> None:
        while not stop.is_set():
            snap = publish.current_snapshot(out)  # resolved once: every table below it
            ids = {
                pq.read_schema(p).metadata[b"snapshot_id"].decode()
                for t in contract.TABLES
                for p in (snap / t).glob("*.parquet")
            }
            if len(ids) != 1:
                mixed.append(ids)
            reads[0] += 1

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for i in range(12):
            small_archive(archive, 2 + i % 3)
            run_archive(archive, out, use_cache=False, allow_shrink=True)
    finally:
        stop.set()
        thread.join()
    assert reads[0] > 12 and mixed == []


def test_an_empty_archive_never_replaces_a_dataset(tmp_path):
    archive, out = small_archive(tmp_path / "a", 4), tmp_path / "out"
    assert bidrag("run", str(archive), "-o", str(out), "--no-prefect").returncode == 0
    before = snapshot_ids(out)
    empty = tmp_path / "empty"
    empty.mkdir()
    refused = bidrag("run", str(empty), "-o", str(out), "--no-prefect")
    assert refused.returncode == 2
    assert "refusing to replace 4 published documents with none" in refused.stderr
    assert snapshot_ids(out) == before and documents(out) == 4
    allowed = bidrag("run", str(empty), "-o", str(out), "--no-prefect", "--allow-shrink")
    assert allowed.returncode == 0 and documents(out) == 0


def test_dropping_most_documents_is_refused_unless_allowed(tmp_path):
    archive, out = small_archive(tmp_path / "a", 6), tmp_path / "out"
    run_archive(archive, out)
    small_archive(archive, 2)
    with pytest.raises(publish.ShrinkRefused, match="drop 4 of 6"):
        run_archive(archive, out)
    assert documents(out) == 6
    small_archive(archive, 4)  # a third dropped: an ordinary change
    run_archive(archive, out)
    assert documents(out) == 4


def test_rollback_makes_the_previous_snapshot_current(tmp_path):
    archive, out = small_archive(tmp_path / "a", 3), tmp_path / "out"
    run_archive(archive, out)
    first = snapshot_ids(out)["documents"]
    small_archive(archive, 4)
    run_archive(archive, out)
    listed = bidrag("snapshots", str(out))
    assert listed.returncode == 0 and f"  {first}  3 documents" in listed.stdout and "(current)" in listed.stdout
    back = bidrag("rollback", str(out))
    assert back.returncode == 0 and first in back.stdout
    assert set(snapshot_ids(out).values()) == {first} and documents(out) == 3
    assert bidrag("rollback", str(out), "no-such-id").returncode == 2


def test_two_runs_into_one_output_both_end_cleanly(tmp_path):
    out = tmp_path / "out"
    archives = [small_archive(tmp_path / "a", 3), small_archive(tmp_path / "b", 4)]
    waited = 0
    for i in range(20):
        cmd = [sys.executable, "-m", "flows.cli", "run", "-o", str(out), "--no-prefect", "--workers", "1"]
        procs = [
            subprocess.Popen(
                [*cmd, str(a), "--no-cache", "--allow-shrink"], cwd=ROOT, stderr=subprocess.PIPE, text=True
            )
            for a in archives
        ]
        results = [(p.wait(timeout=patience(900)), p.stderr.read()) for p in procs]
        assert [code for code, _ in results] == [0, 0], (i, results)
        waited += sum("bidrag: waiting for pid" in err for _, err in results)
        assert documents(out) in (3, 4) and len(set(snapshot_ids(out).values())) == 1
        assert not list((out / publish.META_DIR).glob("staging-*"))
    assert waited >= 1  # they did overlap: one waited for the other


def test_a_second_writer_with_no_wait_names_the_holder(tmp_path):
    archive, out = small_archive(tmp_path / "a", 2), tmp_path / "out"
    with publish.writer_lock(out):
        proc = bidrag("run", str(archive), "-o", str(out), "--no-prefect", "--no-wait")
    assert proc.returncode == 2
    assert f"is being written by pid {os.getpid()}" in proc.stderr


def test_odd_files_are_rows_and_the_rest_is_published(tmp_path):
    archive, out = small_archive(tmp_path / "a", 2), tmp_path / "out"
    odd_name = os.fsdecode(b"r\xe5dsbeslut.txt")  # a Latin-1 name from an old share
    (archive / odd_name).write_text(NEWS.format(name="Kalmar", n=7), encoding="utf-8")
    os.mkfifo(archive / "ror.pdf")  # opening it would block forever
    secret = tmp_path / "hemligt.txt"
    secret.write_text("Region Skåne får 99 miljoner kronor.", encoding="utf-8")
    (archive / "lank.txt").symlink_to(secret)  # leads out of the archive
    (archive / ".dold.txt").write_text("x", encoding="utf-8")
    (archive / "~$utkast.docx").write_bytes(b"lock")
    summary = run_archive(archive, out)
    docs = pd.read_parquet(out / "documents").set_index("source_uri")
    assert docs.loc["r\\xe5dsbeslut.txt", "status"] == "ok"  # escaped, valid UTF-8, published
    assert docs.loc["ror.pdf", "status"] == "failed" and "named pipe" in docs.loc["ror.pdf", "error"]
    assert docs.loc["lank.txt", "status"] == "failed" and "leads out of the archive" in docs.loc["lank.txt", "error"]
    assert "99" not in " ".join(docs.text)
    assert summary.by_status == {"ok": 3, "failed": 2}
    assert sorted(summary.skipped) == [".dold.txt (hidden or system file)", "~$utkast.docx (an Office lock file)"]
    followed = run_archive(archive, tmp_path / "out2", follow_symlinks=True)
    assert followed.by_status == {"ok": 4, "failed": 1}


def test_the_summary_counts_what_was_passed_over(tmp_path):
    archive, out = small_archive(tmp_path / "a", 1), tmp_path / "out"
    (archive / ".DS_Store").write_bytes(b"\x00")
    (archive / "~$memo.docx").write_bytes(b"lock")
    plain = bidrag("run", str(archive), "-o", str(out), "--no-prefect")
    assert "passed over 2 files that are not documents" in plain.stdout
    assert "~$memo.docx" not in plain.stdout
    verbose = bidrag("run", str(archive), "-o", str(out), "--no-prefect", "--verbose")
    assert "~$memo.docx (an Office lock file)" in verbose.stdout
