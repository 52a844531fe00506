"""Every snapshot carries its data dictionary: `datapackage.json` (validated by frictionless against the Parquet
it describes) and a README for people who open the folder."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from schemas import contract
from tests.fixtures.patience import patience

FRICTIONLESS = Path(sys.executable).parent / "frictionless"


def validate(descriptor: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(FRICTIONLESS), "validate", "--json", str(descriptor)],
        capture_output=True,
        text=True,
        timeout=patience(1800),
    )


def errors_of(result: subprocess.CompletedProcess) -> list[str]:
    report = json.loads(result.stdout)
    return [e["type"] for task in report["tasks"] for e in task["errors"]]


def test_frictionless_validates_the_published_output(sample_output: Path):
    result = validate(sample_output / "datapackage.json")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert errors_of(result) == []


def test_frictionless_validates_the_corpus_output(corpus_output: Path):
    result = validate(corpus_output / "datapackage.json")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_a_broken_join_fails_validation(sample_output: Path, tmp_path: Path):
    """The validation checks the keys, not only that the files open: a fact whose amount is not in `amounts`."""
    copy = tmp_path / "copy"
    shutil.copytree(sample_output / "current", copy)
    facts = pq.read_table(copy / "facts")
    ids = facts.column("amount_mention_id").to_pylist()
    ids[0] = "no-such-mention"
    broken = facts.set_column(facts.schema.get_field_index("amount_mention_id"), "amount_mention_id", pa.array(ids))
    for part in (copy / "facts").glob("*.parquet"):
        part.unlink()
    pq.write_table(broken, copy / "facts" / "part-00000.parquet")
    result = validate(copy / "datapackage.json")
    assert result.returncode != 0
    assert "foreign-key" in errors_of(result)


def test_the_dictionary_describes_every_table_and_column(sample_output: Path):
    package = json.loads((sample_output / "datapackage.json").read_text(encoding="utf-8"))
    assert package["contract_version"] == contract.CONTRACT_VERSION == "3"
    resources = {r["name"]: r for r in package["resources"]}
    assert set(resources) == set(contract.TABLES)
    for table, row_type in contract.ROW_TYPES.items():
        schema = resources[table]["schema"]
        assert [f["name"] for f in schema["fields"]] == [f.name for f in fields(row_type)]
        assert all(f["description"] for f in schema["fields"])
        assert schema["primaryKey"] == contract.PRIMARY_KEYS[table]
    status = next(f for f in resources["documents"]["schema"]["fields"] if f["name"] == "status")
    assert status["constraints"]["enum"] == ["failed", "no_text", "ok"]
    source = next(f for f in resources["documents"]["schema"]["fields"] if f["name"] == "published_source")
    assert "html-metadata" in source["constraints"]["enum"] and "required" not in source["constraints"]
    facts_keys = {fk["fields"]: fk["reference"]["resource"] for fk in resources["facts"]["schema"]["foreignKeys"]}
    assert facts_keys == {"doc_id": "documents", "amount_mention_id": "amounts"}
    assert resources["grants"]["bidrag:rows"] == pq.read_table(sample_output / "grants").num_rows


def test_the_output_folder_explains_itself(sample_output: Path):
    readme = (sample_output / "README.md").read_text(encoding="utf-8")
    for table in contract.TABLES:
        assert f"`{table}`" in readme
    assert "pd.read_parquet" in readme and "datapackage.json" in readme
