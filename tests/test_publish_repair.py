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


# --- paths and commands --------------------------------------------------------------------------------------


def one_line_error(capsys, code: int) -> str:
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("bidrag: error: ") and "Traceback" not in err, err
    return err


def two_snapshots(folder: Path) -> tuple[Path, str]:
    archive, out = small_archive(folder / "a", 3), folder / "out"
    run_archive(archive, out)
    first = publish.read_manifest(out)["snapshot_id"]
    small_archive(archive, 4)
    run_archive(archive, out)
    return out, first


def test_snapshots_and_rollback_take_a_relative_path(tmp_path, monkeypatch, capsys):
    from flows.cli import main

    _, first = two_snapshots(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["snapshots", "out"]) == 0
    current = [line for line in capsys.readouterr().out.splitlines() if line.startswith("*")]
    assert len(current) == 1 and first not in current[0]
    assert main(["rollback", "out"]) == 0
    assert publish.read_manifest(Path("out"))["snapshot_id"] == first
    assert len(pd.read_parquet(Path("out") / "documents")) == 3


@pytest.mark.parametrize("argv", [["rollback", "{dir}"], ["rollback", "{dir}", "20260101T000000.000000-x"]])
def test_rollback_of_a_folder_that_is_no_output_writes_nothing_there(tmp_path, capsys, argv):
    from flows.cli import main

    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "beslut.txt").write_text("Kommunen beviljas 2 miljoner kronor.", encoding="utf-8")
    err = one_line_error(capsys, main([a.format(dir=folder) for a in argv]))
    assert "not a published output" in err
    assert sorted(p.name for p in folder.iterdir()) == ["beslut.txt"]


@pytest.mark.parametrize("remove", [publish.MANIFEST, publish.DATAPACKAGE, "documents", "facts"])
def test_rollback_to_an_incomplete_snapshot_is_refused(tmp_path, capsys, remove):
    import shutil

    from flows.cli import main

    out, first = two_snapshots(tmp_path)
    broken = out / publish.META_DIR / "snapshots" / first
    target = broken / remove
    shutil.rmtree(target) if target.is_dir() else target.unlink()
    now = publish.read_manifest(out)["snapshot_id"]
    err = one_line_error(capsys, main(["rollback", str(out), first]))
    assert "incomplete" in err and remove in err
    assert publish.read_manifest(out)["snapshot_id"] == now
    assert main(["report", str(out), "--out", str(tmp_path / "r.html")]) == 0


@pytest.mark.parametrize(
    ("argv", "message", "not_made"),
    [
        (["report", "{out}", "--out", "/proc/x.html"], "cannot write the report /proc/x.html", None),
        (["export", "{out}", "-f", "xlsx", "--out", "/proc/x.xlsx"], "cannot write the export /proc/x.xlsx", None),
        (["export", "{out}", "-f", "csv", "--out", "{file}"], "is a file, not a folder", None),
        (["export", "{out}", "-f", "csv", "-t", "grants", "-t", "facts", "--out", "{tmp}/g.csv"], "one file", "g.csv"),
        (["export", "{out}", "-f", "csv-sv", "--out", "{tmp}/g.pdf"], "not .pdf", "g.pdf"),
        (["export", "{out}", "-f", "xlsx", "--out", "{tmp}/g.csv"], "not .csv", "g.csv"),
        (["review", "{out}", "--out", "{tmp}/r.pdf"], "not .pdf", "r.pdf"),
        (["review", "{out}", "--out", "{tmp}/r"], "not a name without one", "r"),
        (["run", "{archive}", "-o", "{tmp}/new", "--dask-address", "tcp://127.0.0.1:1"], "does not answer", None),
    ],
)
def test_outputs_that_cannot_be_written_are_one_line(
    sample_output, sample_archive, tmp_path, capsys, argv, message, not_made
):
    from flows.cli import main

    existing = tmp_path / "exports"  # a file where a folder is expected
    existing.write_text("x\n", encoding="utf-8")
    values = {"out": sample_output, "file": existing, "tmp": tmp_path, "archive": sample_archive[0]}
    err = one_line_error(capsys, main([a.format(**values) for a in argv]))
    assert message in err
    if not_made:
        assert not (tmp_path / not_made).exists()
    assert existing.read_text(encoding="utf-8") == "x\n"


@pytest.mark.parametrize(("fmt", "name"), [("csv", "g.csv"), ("csv-sv", "bidrag.CSV"), ("xlsx", "g.xlsx")])
def test_an_export_to_a_file_name_writes_that_file(sample_output, tmp_path, capsys, fmt, name):
    from flows.cli import main

    assert main(["export", str(sample_output), "-f", fmt, "-t", "grants", "--out", str(tmp_path / name)]) == 0
    assert (tmp_path / name).is_file()


def test_a_file_given_as_the_archive_is_published_under_its_name(tmp_path):
    archive = small_archive(tmp_path / "a", 2)
    run_archive(archive / "nyhet-1.txt", tmp_path / "out")
    assert list(pd.read_parquet(tmp_path / "out" / "documents").source_uri) == ["nyhet-1.txt"]


def test_an_empty_folder_into_a_new_output_is_said_and_publishes_nothing(tmp_path, capsys):
    from flows.cli import main

    empty = tmp_path / "tom"
    empty.mkdir()
    err = one_line_error(capsys, main(["run", str(empty), "-o", str(tmp_path / "out"), "--no-prefect"]))
    assert "no documents in" in err and not (tmp_path / "out" / "documents").exists()
    assert main(["run", str(empty), "-o", str(tmp_path / "out"), "--no-prefect", "--allow-shrink"]) == 0
    assert len(pd.read_parquet(tmp_path / "out" / "documents")) == 0


@pytest.mark.parametrize(("leads_out", "rows"), [(True, 3), (False, 2)])
def test_a_folder_symlink_out_of_the_archive_is_a_failed_row(tmp_path, leads_out, rows):
    archive = small_archive(tmp_path / "a", 2)
    elsewhere = small_archive(tmp_path / "elsewhere", 1)
    (archive / "länkad").symlink_to(elsewhere if leads_out else archive, target_is_directory=True)
    run_archive(archive, tmp_path / "out")
    docs = pd.read_parquet(tmp_path / "out" / "documents")
    assert len(docs) == rows
    failed = docs[docs.status == "failed"]
    assert list(failed.source_uri) == (["länkad"] if leads_out else [])
    assert all("leads out of the archive" in e for e in failed.error)


def test_an_edit_of_every_file_in_a_folder_source_is_ingested(tmp_path, capsys):
    """Under `bidrag serve` every scheduled run after an edit would otherwise be refused."""
    from flows.cli import main

    inbox = small_archive(tmp_path / "inkorg", 4)
    config = tmp_path / "kallor.toml"
    config.write_text(f'[[sources]]\nname = "inkorg"\nkind = "folder"\npath = "{inbox}"\n', encoding="utf-8")
    out = tmp_path / "out"
    assert main(["ingest", "--config", str(config), "-o", str(out), "--no-prefect"]) == 0
    for f in inbox.glob("*.txt"):
        f.write_text(f.read_text(encoding="utf-8").replace("miljoner", "miljoner och 500 000"), encoding="utf-8")
    assert main(["ingest", "--config", str(config), "-o", str(out), "--no-prefect"]) == 0, capsys.readouterr().err
    docs = pd.read_parquet(out / "documents")
    assert len(docs) == 4 and all("500 000" in t for t in docs.text)
