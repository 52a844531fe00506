"""Running batches: results in order within a bounded window, one worker pool, batches handed over as files."""

from __future__ import annotations

import os
import threading
from concurrent.futures import Future

import pandas as pd
import pytest

from pipeline.run.files import archive_items, list_files
from pipeline.run.loop import run_archive
from pipeline.run.parts import Part
from pipeline.run.runners import in_order
from pipeline.run.spool import process_part_to_files


@pytest.mark.parametrize("n_jobs,window", [(0, 2), (1, 2), (5, 2), (7, 3), (3, 10)])
def test_in_order_keeps_order_and_window(n_jobs, window):
    outstanding, most = set(), [0]

    def submit(job):
        outstanding.add(job)
        most[0] = max(most[0], len(outstanding))
        f = Future()
        f.set_result(job * 10)
        return f

    got = []
    for i, fut in enumerate(in_order(submit, range(n_jobs), window)):
        outstanding.discard(i)
        got.append(fut.result())
    assert got == [j * 10 for j in range(n_jobs)]
    assert most[0] <= window


def test_plain_rerun_over_an_unchanged_archive_publishes_nothing(sample_archive, tmp_path):
    root, _ = sample_archive
    out = tmp_path / "o"
    first = run_archive(root, out)
    before = os.readlink(out / "documents")
    again = run_archive(root, out)
    assert not first.unchanged and again.unchanged
    assert os.readlink(out / "documents") == before
    assert run_archive(root, out, use_cache=False).unchanged is False  # --no-cache always recomputes


def test_an_archive_with_copies_is_unchanged_on_a_rerun(sample_archive, tmp_path):
    import shutil

    root, _ = sample_archive
    archive = tmp_path / "a"
    shutil.copytree(root, archive)
    shutil.copy(archive / "beslut" / "beslut-ekonomi-i-balans.txt", archive / "kopia.txt")
    first = run_archive(archive, tmp_path / "o")
    assert first.duplicates and not first.unchanged
    assert run_archive(archive, tmp_path / "o").unchanged
    (archive / "kopia.txt").unlink()  # a removed copy changes what the snapshot was made from
    assert not run_archive(archive, tmp_path / "o").unchanged


def test_a_snapshot_without_a_manifest_is_published_anew(sample_archive, tmp_path):
    from pipeline.publish.snapshot import MANIFEST, current_snapshot

    root, _ = sample_archive
    run_archive(root, tmp_path / "o")
    (current_snapshot(tmp_path / "o") / MANIFEST).unlink()
    again = run_archive(root, tmp_path / "o")
    assert not again.unchanged and again.cached == again.documents  # republished, from the cache


def test_a_part_leaves_its_rows_in_files_and_only_a_summary_travels(sample_archive, tmp_path):
    import pickle

    root, _ = sample_archive
    items = archive_items(list_files(root), root)
    spool = tmp_path / "staging-abc" / "spool"
    spool.mkdir(parents=True)
    part = process_part_to_files(Part(3, items), None, str(spool))
    assert part.index == 3
    assert [d.source_uri for d in part.documents] == [uri for _, uri in items]
    docs = pd.read_parquet(part.files["documents"][0])
    assert sorted(docs.source_uri) == sorted(uri for _, uri in items)
    assert part.files["amounts"][1] == len(pd.read_parquet(part.files["amounts"][0])) > 0
    assert len(pickle.dumps(part)) < 5000  # what a Prefect task returns: a few hundred bytes a document at most


def test_published_snapshot_holds_only_the_tables_and_their_dictionary(sample_archive, tmp_path):
    from pipeline.publish.snapshot import current_snapshot
    from schemas import contract

    root, _ = sample_archive
    run_archive(root, tmp_path / "o", workers=2, batch_size=2)
    assert sorted(p.name for p in current_snapshot(tmp_path / "o").iterdir()) == sorted(
        [*contract.TABLES, "manifest.json", "datapackage.json", "README.md"]
    )


def test_tasks_asking_at_once_share_one_pool():
    from flows import archive

    pools, start = [], threading.Barrier(4)

    def ask():
        start.wait()
        pools.append(archive._pool(2))

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert len({id(p) for p in pools}) == 1
    finally:
        pools[0].shutdown()
        archive._POOL = None


NO_YEAR_ITEM = "Kommunen fick i mars 400 000 kronor till skolgårdarna.\n"


@pytest.mark.parametrize(
    "first_name,second_name,second_year",
    [
        ("nyhet-2021-05-04.txt", "nyhet-2023-05-04.txt", 2023),  # the second name's day gives its own year
        ("nyhet-2021-05-04.txt", "nyhet-utan-datum.txt", None),  # no day in the name: no year taken from the first
    ],
)
def test_a_cached_document_is_not_reused_under_a_name_that_gives_another_year(
    tmp_path, first_name, second_name, second_year
):
    """The file name's day gives years to dates that leave them out, so it is part of the cache key: the
    same bytes renamed must be read anew, not take the rows made under the old name."""
    archive, out = tmp_path / "a", tmp_path / "o"
    archive.mkdir()
    (archive / first_name).write_text(NO_YEAR_ITEM, encoding="utf-8")
    run_archive(archive, out)
    (archive / first_name).rename(archive / second_name)
    run_archive(archive, out, allow_shrink=True)  # a renamed file is the old path dropped
    dates = pd.read_parquet(out / "dates")
    years = sorted({d.year for d in pd.to_datetime(dates["date_start"])})
    assert years == ([second_year] if second_year else [])
