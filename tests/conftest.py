"""Shared fixtures: the ../shared folder (seeds, gold), built archives, one run per session.

Tests that read ../shared skip where it is absent (a user's clone); CI sets
BIDRAG_REQUIRE_SHARED=1, which turns that skip into a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# a test's `bidrag run` uses Prefect's per-run API, which ends with the run: no kept server outlives a test
# (tests/test_local_api.py starts and stops a kept one on purpose)
os.environ.setdefault("BIDRAG_PREFECT_API", "ephemeral")
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
