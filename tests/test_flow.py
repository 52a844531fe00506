"""The archive flow under Prefect's local ephemeral API gives the plain pipeline's tables."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pipeline.run.loop import run_archive
from tests.fixtures.builders import assert_same_tables
from tests.fixtures.patience import patience

ROOT = Path(__file__).resolve().parent.parent


def test_cli_runs_the_prefect_flow(sample_archive, tmp_path):
    root, expected = sample_archive
    env = dict(os.environ, PREFECT_HOME=str(tmp_path / "prefect-home"), PREFECT_API_URL="")
    env.pop("PREFECT_API_URL")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "flows.cli",
            "run",
            str(root),
            "--output",
            str(tmp_path / "flow"),
            "--workers",
            "2",
            "--batch-size",
            "2",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=patience(1800),
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert f"documents: {len(expected)} (ok {len(expected)})" in proc.stdout
    assert "output:" in proc.stdout
    run_archive(root, tmp_path / "plain", use_cache=False)
    assert_same_tables(tmp_path / "flow", tmp_path / "plain")


def test_unchanged_archive_publishes_nothing(sample_archive, tmp_path):
    """A re-run over the same files with the same pipeline version keeps the snapshot and says so."""
    import os

    from pipeline.publish.publisher import already_published
    from pipeline.run.files import archive_items, list_files

    root, _ = sample_archive
    out = tmp_path / "o"
    run_archive(root, out)
    items = archive_items(list_files(root), root)
    assert already_published(items, out)
    assert not already_published(items[:-1], out)  # a removed file means a new snapshot
    env = dict(os.environ, PREFECT_HOME=str(tmp_path / "prefect-home"))
    env.pop("PREFECT_API_URL", None)
    before = os.readlink(out / "documents")
    proc = subprocess.run(
        [sys.executable, "-m", "flows.cli", "run", str(root), "--output", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=patience(1800),
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "nothing changed" in proc.stdout
    assert os.readlink(out / "documents") == before
