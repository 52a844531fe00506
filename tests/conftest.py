"""Shared fixtures: the ../shared folder (seeds, gold), built archives, one run per session.

Tests that read ../shared skip where it is absent (a user's clone); CI sets
BIDRAG_REQUIRE_SHARED=1, which turns that skip into a failure.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.fixtures.patience import patience

ROOT = Path(__file__).resolve().parent.parent
# a test's `bidrag run` uses Prefect's per-run API, which ends with the run: no kept server outlives a test
# (tests/test_local_api.py starts and stops a kept one on purpose)
os.environ.setdefault("BIDRAG_PREFECT_API", "ephemeral")
# A Prefect home of this test session's own: two test runs at once (in one checkout or two) never share a
# Prefect database, a kept API's state file or its lock. Set before anything imports Prefect, which reads it once.
os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="bidrag-test-prefect-home-")
atexit.register(shutil.rmtree, os.environ["PREFECT_HOME"], True)
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
# Start-up waits that are outcomes on a loaded machine, as caps that only bound a hang (tests/fixtures/patience.py):
# Prefect's per-run API (bidrag's own default is 120 s) and a Dask client's connection to its scheduler.
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", f"{patience(600):g}")
os.environ.setdefault("DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT", f"{patience(300):g}s")
SHARED = Path(os.environ.get("BIDRAG_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    p = SHARED.joinpath(*parts)
    if not p.exists():
        if os.environ.get("BIDRAG_REQUIRE_SHARED") == "1":
            pytest.fail(f"{p} is missing but BIDRAG_REQUIRE_SHARED=1 (CI must have ../shared)")
        pytest.skip(f"{p} not present (a clone without ../shared)")
    return p


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return shared_path("seeds")


@pytest.fixture(scope="session")
def formats_dir() -> Path:
    return shared_path("seeds-formats")


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    return shared_path("gold")


@pytest.fixture(scope="session")
def seeds_output(seeds_dir, tmp_path_factory) -> Path:
    from pipeline.run.loop import run_archive

    out = tmp_path_factory.mktemp("seeds-out")
    run_archive(seeds_dir, out, use_cache=False)
    return out


@pytest.fixture(scope="session")
def formats_output(formats_dir, tmp_path_factory) -> Path:
    from pipeline.run.loop import run_archive

    out = tmp_path_factory.mktemp("formats-out")
    run_archive(formats_dir, out, use_cache=False)
    return out


@pytest.fixture(scope="session")
def corpus_output(tmp_path_factory) -> Path:
    """The real public-authority documents of ../shared/corpus (dev and check), run once."""
    from pipeline.run.loop import run_archive

    out = tmp_path_factory.mktemp("corpus-out")
    run_archive(shared_path("corpus", "docs"), out, use_cache=False)
    return out


@pytest.fixture(scope="session")
def sample_output(sample_archive, tmp_path_factory) -> Path:
    """The bundled sample archive's kind of documents, run once."""
    from pipeline.run.loop import run_archive

    root, _ = sample_archive
    out = tmp_path_factory.mktemp("sample-out")
    run_archive(root, out, use_cache=False)
    return out


@pytest.fixture(scope="session")
def sample_archive(tmp_path_factory):
    from tests.fixtures.builders import build_sample_archive

    root = tmp_path_factory.mktemp("sample-archive")
    expected = build_sample_archive(root)
    return root, expected
