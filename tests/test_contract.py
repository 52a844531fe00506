"""The contract owns the rows: its row types give the Arrow schema, and a row that breaks it fails one document only."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
from datetime import UTC, datetime

import pyarrow as pa
import pytest

from pipeline.read import document
from pipeline.run import extract
from schemas import contract
from tests.conftest import ROOT

DOC = "a" * 64


def amount(**changes):
    row = contract.AmountRow(
        doc_id=DOC,
        mention_id=contract.mention_id(DOC, 10, 30),
        text="82,9 miljoner kronor",
        char_start=10,
        char_end=30,
        page=None,
        value=82_900_000.0,
        value_max=None,
        currency="SEK",
        qualifier="exact",
        per=None,
        role="granted",
        is_total=False,
        body_id="kommun:2403",
        sentence="Bjurholm får 82,9 miljoner kronor.",
    )
    return dataclasses.replace(row, **changes)


def test_every_table_schema_comes_from_its_row_type():
    for table, row_type in contract.ROW_TYPES.items():
        sch = contract.schema(table)
        assert sch.names == [f.name for f in dataclasses.fields(row_type)]
        assert sch.metadata[b"contract_version"] == contract.CONTRACT_VERSION.encode()
    assert contract.schema("amounts").field("value").type == pa.float64()
    assert not contract.schema("amounts").field("role").nullable


@pytest.mark.parametrize(
    "changes,message",
    [
        ({}, None),
        ({"role": "gift"}, "values outside the contract"),
        ({"qualifier": None}, "nulls in a required column"),
        ({"value": "många"}, "amounts"),
        ({"char_start": 1.5}, "amounts"),
        # the value a check names, whichever kind of value breaks the column: a bool is never a number
        ({"char_start": 1.5}, r"amounts\.char_start: 1\.5 is not a int64 value"),
        ({"char_start": True}, r"amounts\.char_start: True is not a int64 value"),
        ({"value": False}, r"amounts\.value: False is not a double value"),
        ({"value": 5}, None),  # a whole number in a float column is a float's value
        ({"qualifier": 3}, r"amounts\.qualifier: 3 is not a string value"),
    ],
)
def test_a_row_that_breaks_the_contract_is_refused(changes, message):
    if message is None:
        assert contract.to_table("amounts", [amount(**changes)]).num_rows == 1
        return
    with pytest.raises(contract.ContractError, match=message):
        contract.to_table("amounts", [amount(**changes)])


def numbered(k: int, **changes):
    """The k-th of many amount rows, each at its own offsets (a unique mention id)."""
    return amount(mention_id=contract.mention_id(DOC, 10 + 40 * k, 30 + 40 * k), **changes)


@pytest.mark.parametrize(
    "bad_rows,message",
    [
        ({}, None),  # a column of many rows of the right types
        ({7: {"char_start": True}}, r"amounts\.char_start: True is not a int64"),  # a bool is no int
        ({3: {"value": 5}}, None),  # an int is a float's value
        ({5: {"value": "fem"}, 9: {"value": "nio"}}, "'fem' is not a double"),  # the first wrong value is named
        ({8: {"page": "2"}, 2: {"page": 2.0}}, r"amounts\.page: 2\.0 is not a int32"),
        ({6: {"body_id": None}}, None),  # a null in a nullable column
        ({4: {"currency": None}}, "amounts.currency: nulls in a required column"),
        ({1: {"qualifier": "ungefär"}}, "values outside the contract"),
    ],
)
def test_every_value_of_many_rows_is_checked(bad_rows, message):
    rows = [numbered(k, **bad_rows.get(k, {})) for k in range(12)]
    if message is None:
        assert len(contract.validate_rows("amounts", rows)["value"]) == 12
        return
    with pytest.raises(contract.ContractError, match=message):
        contract.validate_rows("amounts", rows)


def test_no_rows_give_empty_columns():
    assert contract.validate_rows("amounts", []) == {name: [] for name in contract.schema("amounts").names}


def test_the_first_value_that_breaks_a_column_is_named():
    rows = [amount(), amount(mention_id="m2", char_start=2.5), amount(mention_id="m3", char_start=3.5)]
    with pytest.raises(contract.ContractError, match=r"char_start: 2\.5 is not"):
        contract.validate_rows("amounts", rows)


def test_mention_ids_are_unique_within_a_table():
    with pytest.raises(contract.ContractError, match="mention_id is not unique"):
        contract.to_table("amounts", [amount(), amount()])


def test_a_row_of_another_table_is_refused():
    with pytest.raises(contract.ContractError, match="not DateRow"):
        contract.to_table("dates", [amount()])


def test_the_failed_document_row_is_valid():
    row = contract.failed_document(DOC, "x.pdf", "application/pdf", "cannot read file", "v1")
    tbl = contract.to_table("documents", [row])
    assert tbl.column("status").to_pylist() == ["failed"]
    assert row.ingested_at <= datetime.now(UTC)


def test_rows_that_break_the_contract_fail_their_document_only(monkeypatch):
    real = extract.extract

    def broken(*args, **kwargs):
        out = real(*args, **kwargs)
        out.amounts = [dataclasses.replace(a, role="gift") for a in out.amounts]
        return out

    monkeypatch.setattr(extract, "extract", broken)
    text = "Region Uppsala får 12 miljoner kronor i statsbidrag för 2024."
    res = document.process_bytes(text.encode(), "nyhet.txt")
    assert res.status == "failed"
    assert "rows break the data contract" in res.document.error and "gift" in res.document.error
    assert res.document.text == text  # the text is kept for the reader who looks into it
    monkeypatch.setattr(extract, "extract", real)
    assert document.process_bytes(text.encode(), "nyhet.txt").status == "ok"


@pytest.mark.parametrize(
    "edited, changes_version",
    [
        ("schemas/contract.py", True),
        ("extractors/facts.py", True),
        ("pipeline/read/text_pdf.py", True),
        ("pipeline/run/extract.py", True),
        ("pipeline/outputs/report.py", False),
        ("pipeline/outputs/export.py", False),
        ("pipeline/publish/grants.py", False),
        ("flows/cli.py", False),
    ],
)
def test_only_code_that_decides_rows_changes_the_pipeline_version(tmp_path, edited, changes_version):
    """A change to the report or an export must keep every cached extraction; a rule's change must not."""
    for package in ("extractors", "schemas", "pipeline", "flows"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    before = document.code_fingerprint(tmp_path)
    with (tmp_path / edited).open("a", encoding="utf-8") as f:
        f.write("\n# an edit\n")
    assert (document.code_fingerprint(tmp_path) != before) is changes_version


def test_compare_outputs_tells_same_from_different(sample_archive, tmp_path):
    from pipeline.run.loop import run_archive

    root, expected = sample_archive
    run_archive(root, tmp_path / "a", use_cache=False)
    run_archive(root, tmp_path / "b", use_cache=False, workers=2, batch_size=2)
    script = [sys.executable, "benchmarks/compare_outputs.py"]
    same = subprocess.run([*script, str(tmp_path / "a"), str(tmp_path / "b")], cwd=ROOT, capture_output=True, text=True)
    assert same.returncode == 0 and "same rows in every table" in same.stdout
    (root / "extra.txt").write_text("Region Gävleborg får 3 miljoner kronor i bidrag.", encoding="utf-8")
    try:
        run_archive(root, tmp_path / "c", use_cache=False)
    finally:
        (root / "extra.txt").unlink()
    diff = subprocess.run([*script, str(tmp_path / "a"), str(tmp_path / "c")], cwd=ROOT, capture_output=True, text=True)
    assert diff.returncode == 1 and f"documents: {len(expected)} rows before, {len(expected) + 1} after" in diff.stdout


def test_the_contracts_media_types_are_the_formats_bidrag_reads():
    """A new format adds its media type to the contract (schemas/media.py) and its reader entry; both agree."""
    from pipeline.read.formats import FORMATS
    from schemas.media import MEDIA_TYPES

    assert sorted(f.media_type for f in FORMATS) == sorted(MEDIA_TYPES)
    assert contract.enums()[("documents", "media_type")] == set(MEDIA_TYPES)
