"""A re-run over an unchanged archive is decided from the manifest alone, before anything heavy is imported.

Each case runs `bidrag run --no-prefect` in a fresh interpreter (so what it
imported is its own) over a built archive that was published once, and asks
which of the heavy modules the second run loaded.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from schemas import contract, names
from tests.conftest import ROOT

# run the CLI as `bidrag run` does, then say which modules the process imported
_PROBE = (
    "import json, sys\n"
    "from flows.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "print(json.dumps({'code': code, 'modules': sorted(sys.modules)}))\n"
)
HEAVY = ("pyarrow", "numpy", "pandas", "pypdfium2", "extractors.amounts", "schemas.contract", "prefect")


def _run(archive, output) -> tuple[int, set[str]]:
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, "run", str(archive), "-o", str(output), "--no-prefect", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = proc.stdout.strip().splitlines()
    summary, probe = json.loads(lines[-2]), json.loads(lines[-1])
    return summary["unchanged"], set(probe["modules"])


def test_the_light_table_names_are_the_contracts():
    assert names.TABLES == contract.TABLES


@pytest.fixture(scope="module")
def published(sample_archive, tmp_path_factory):
    root, _ = sample_archive
    archive = tmp_path_factory.mktemp("rerun") / "a"
    shutil.copytree(root, archive)
    output = archive.parent / "o"
    first_unchanged, _ = _run(archive, output)
    assert not first_unchanged
    again_unchanged, again_modules = _run(archive, output)
    return archive, output, again_unchanged, again_modules


@pytest.mark.parametrize("module", HEAVY)
def test_an_unchanged_rerun_imports_nothing_heavy(published, module):
    _, _, unchanged, modules = published
    assert unchanged
    assert module not in modules


@pytest.mark.parametrize(
    "change,heavy_expected",
    [
        ("add a file", True),  # a new file: the run reads and publishes, and needs Arrow for it
        ("nothing", False),  # the same archive again: still nothing heavy
    ],
)
def test_a_changed_archive_is_read_and_published(published, change, heavy_expected):
    archive, output, _, _ = published
    if change == "add a file":
        (archive / "ny-notis.txt").write_text("Kommunen får 2 miljoner kronor i bidrag.\n", encoding="utf-8")
    unchanged, modules = _run(archive, output)
    assert unchanged is not heavy_expected
    assert ("pyarrow" in modules) is heavy_expected
