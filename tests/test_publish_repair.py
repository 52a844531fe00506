"""A killed publish is repaired by the next run, edits are not drops, and paths mean what they say."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pandas as pd
import pytest

from pipeline.publish import snapshot as publish
from pipeline.run.loop import run_archive
from schemas import contract
from tests.test_publishing import bidrag, small_archive

LINKED = (*contract.TABLES, publish.DATAPACKAGE, publish.README)
# every instant a publish can be killed at: before and after each rename of the commit and of every table link
KILL_STEPS = [
    "staged",
    "renamed",
    "linked",
    "swapped",
    *(f"link-made-{t}" for t in LINKED),
    *(f"linked-{t}" for t in LINKED),
]


def _killed_run(archive: Path, out: Path, step: str) -> int:
    """A run in a forked child that kills itself at `step`; its exit code (−9 when the kill point was reached)."""

    def child() -> None:
        os.environ["BIDRAG_TEST_KILL_AT"] = step
        run_archive(archive, out, use_cache=True)

    proc = multiprocessing.get_context("fork").Process(target=child)
    proc.start()
    proc.join(120)
    return proc.exitcode if proc.exitcode is not None else 0


def assert_whole(out: Path, documents: int) -> None:
    for name in LINKED:
        link = out / name
        assert link.is_symlink() and link.exists(), name
    assert len(pd.read_parquet(out / "documents")) == documents
    assert publish.links_complete(out)
    assert not publish.swap_leftovers(out)
    assert not list((out / publish.META_DIR).glob("staging-*"))


@pytest.mark.parametrize("step", KILL_STEPS)
def test_a_first_publish_killed_at_any_step_is_repaired_by_the_next_run(tmp_path, step):
    archive, out = small_archive(tmp_path / "a", 3), tmp_path / "out"
    assert _killed_run(archive, out, step) == -9
    again = run_archive(archive, out)
    assert_whole(out, 3)
    # and once repaired, the run after it has nothing to do
    assert run_archive(archive, out).unchanged
    assert again.documents == 3


@pytest.mark.parametrize("step", ["linked", "swapped", "link-made-documents", "linked-grants"])
def test_the_nothing_changed_check_after_a_kill_leaves_every_link(tmp_path, step):
    """The command line decides "nothing changed" before it takes the lock: it must not say so over a broken output."""
    archive, out = small_archive(tmp_path / "a", 3), tmp_path / "out"
    assert _killed_run(archive, out, step) == -9
    again = bidrag("run", str(archive), "-o", str(out), "--no-prefect")
    assert again.returncode == 0, again.stderr
    assert "nothing changed" not in again.stdout
    assert_whole(out, 3)
    assert "nothing changed" in bidrag("run", str(archive), "-o", str(out), "--no-prefect").stdout
    assert_whole(out, 3)


@pytest.mark.parametrize("edited", [1, 3, 4])
def test_edited_files_are_updates_not_drops(tmp_path, edited):
    archive, out = small_archive(tmp_path / "a", 4), tmp_path / "out"
    run_archive(archive, out)
    for f in sorted(archive.glob("*.txt"))[:edited]:
        f.write_text(f.read_text(encoding="utf-8") + " Beslutet gäller omedelbart.", encoding="utf-8")
    summary = run_archive(archive, out)  # no allow_shrink: nothing is gone
    assert not summary.unchanged and summary.documents == 4
    assert len(pd.read_parquet(out / "documents")) == 4


def test_five_files_each_one_byte_longer_publish(tmp_path):
    archive, out = small_archive(tmp_path / "a", 5), tmp_path / "out"
    assert bidrag("run", str(archive), "-o", str(out), "--no-prefect").returncode == 0
    for f in archive.glob("*.txt"):
        f.write_bytes(f.read_bytes() + b"\n")
    again = bidrag("run", str(archive), "-o", str(out), "--no-prefect")
    assert again.returncode == 0, again.stderr


@pytest.mark.parametrize(("kept", "refused"), [(4, False), (3, False), (2, False), (1, True), (0, True)])
def test_only_paths_that_are_gone_count_as_dropped(tmp_path, kept, refused):
    """Of four files, every one edited and only `4 - kept` removed: the guard counts the removed alone."""
    archive, out = small_archive(tmp_path / "a", 4), tmp_path / "out"
    run_archive(archive, out)
    for k, f in enumerate(sorted(archive.glob("*.txt"))):
        if k < kept:
            f.write_text(f.read_text(encoding="utf-8") + " Ändrat.", encoding="utf-8")
        else:
            f.unlink()
    if refused:
        with pytest.raises(publish.ShrinkRefused):
            run_archive(archive, out)
    else:
        assert run_archive(archive, out).documents == kept
