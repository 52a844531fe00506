"""`bidrag export`: what finance staff open in Excel holds the same numbers as the Parquet, as numbers."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from flows.cli import main
from schemas import contract


@pytest.fixture(scope="module")
def workbook(sample_output: Path, tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "bidrag.xlsx"
    assert main(["export", str(sample_output), "--format", "xlsx", "--out", str(path)]) == 0
    return load_workbook(path)


def test_the_workbook_has_a_sheet_per_table_after_the_column_meanings(workbook):
    assert workbook.sheetnames == ["kolumner", *contract.TABLES]
    meanings = list(workbook["kolumner"].iter_rows(values_only=True))
    assert ("grants", "conflict") in {(r[0], r[1]) for r in meanings}


@pytest.mark.parametrize("table", contract.TABLES)
def test_every_sheet_has_the_tables_rows_and_a_frozen_filterable_header(workbook, sample_output: Path, table):
    ws = workbook[table]
    frame = pd.read_parquet(sample_output / table)
    assert ws.max_row == len(frame) + 1 or (len(frame) == 0 and ws.max_row == 1)
    assert [c.value for c in ws[1]] == list(frame.columns)
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref


def test_amounts_are_numbers_shown_with_a_thousands_separator(workbook, sample_output: Path):
    ws = workbook["facts"]
    header = [c.value for c in ws[1]]
    amount, period = header.index("amount") + 1, header.index("period_start") + 1
    cells = [ws.cell(r, amount) for r in range(2, ws.max_row + 1)]
    assert all(isinstance(c.value, float | int) and c.number_format == "#,##0" for c in cells)
    facts = pd.read_parquet(sample_output / "facts")
    assert sorted(c.value for c in cells) == sorted(facts.amount)
    dated = [ws.cell(r, period) for r in range(2, ws.max_row + 1) if ws.cell(r, period).value is not None]
    assert dated and all(isinstance(c.value, datetime | date) and c.number_format == "yyyy-mm-dd" for c in dated)


@pytest.mark.parametrize(
    "fmt,read",
    [
        ("csv", dict(sep=",", decimal=".")),
        ("csv-sv", dict(sep=";", decimal=",", encoding="utf-8-sig")),
    ],
)
def test_csv_reads_back_to_the_same_numbers(sample_output: Path, tmp_path: Path, fmt, read):
    assert main(["export", str(sample_output), "--format", fmt, "--table", "amounts", "--out", str(tmp_path)]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["amounts.csv"]
    back = pd.read_csv(tmp_path / "amounts.csv", **read)
    parquet = pd.read_parquet(sample_output / "amounts")
    assert list(back.mention_id) == list(parquet.mention_id)
    assert list(back.value) == pytest.approx(list(parquet.value))
    assert list(back.text) == list(parquet.text)


def test_a_swedish_csv_opens_in_excel_as_utf8(sample_output: Path, tmp_path: Path):
    main(["export", str(sample_output), "--format", "csv-sv", "--table", "bodies", "--out", str(tmp_path)])
    data = (tmp_path / "bodies.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "ä".encode() in data


@pytest.mark.parametrize(
    "argv,message",
    [
        (["export", "{missing}", "--format", "csv"], "no published output"),
        (["export", "{output}", "--format", "csv", "--table", "bidrag"], "unknown table bidrag"),
    ],
)
def test_bad_exports_are_one_clear_line(sample_output: Path, tmp_path: Path, capsys, argv, message):
    argv = [a.format(missing=tmp_path / "none", output=sample_output) for a in argv]
    assert main(argv) == 2
    assert message in capsys.readouterr().err
