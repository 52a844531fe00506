"""Exports for people who do not write code: CSV, and an Excel workbook with one sheet per table.

Finance staff open what they get in Excel. The workbook keeps numbers as
numbers (kronor with a thousands separator, which Swedish Excel shows as
`12 482 000`), dates as dates, the header row frozen and filterable, and a
first sheet that says what every column means. `csv` is for tools (comma,
dot decimals, UTF-8); `csv-sv` is what Swedish Excel opens by double-click
(semicolon, decimal comma, UTF-8 with a byte-order mark).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from dataclasses import fields
from datetime import date, datetime
from pathlib import Path

import pyarrow.parquet as pq

from pipeline.publish.cells import quote_formula
from pipeline.publish.snapshot import current_snapshot
from schemas import contract

FORMATS = ("csv", "csv-sv", "xlsx")
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_CELL = 32_767
# columns whose numbers are sums of money: shown with a thousands separator and no decimals
MONEY_COLUMNS = {"value", "value_max", "amount", "amount_min", "amount_max", "total", "sum_of_parts", "difference"}
MONEY_FORMAT = "#,##0"
SHARE_FORMAT = "0.00"
DATE_FORMAT = "yyyy-mm-dd"


class ExportError(ValueError):
    """An export that cannot be made: no published output, an unknown table or format."""


def snapshot_of(output: Path) -> Path:
    snapshot = current_snapshot(Path(output))
    if snapshot is None:
        raise ExportError(f"{output}: no published output here (run `bidrag run` first)")
    return snapshot


def _tables(tables: Iterable[str] | None) -> list[str]:
    chosen = list(tables) if tables else list(contract.TABLES)
    unknown = [t for t in chosen if t not in contract.TABLES]
    if unknown:
        raise ExportError(f"unknown table {', '.join(unknown)}; the tables are {', '.join(contract.TABLES)}")
    return chosen


def _rows(snapshot: Path, table: str) -> tuple[list[str], list[dict]]:
    tbl = pq.read_table(snapshot / table)
    names = [f.name for f in fields(contract.ROW_TYPES[table])]
    return names, tbl.select(names).to_pylist()


def _cell_text(value: object, decimal_comma: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        text = f"{value:.0f}" if value.is_integer() else repr(value)
        return text.replace(".", ",") if decimal_comma else text
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def export(output: Path, fmt: str, out: Path | None = None, tables: Iterable[str] | None = None) -> list[Path]:
    """Write the published tables of `output` in `fmt`; returns the files written. Written to a temporary name
    and renamed, so a reader never opens half a workbook."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    snapshot = snapshot_of(output)
    chosen = _tables(tables)
    paths = target_paths(fmt, Path(out) if out is not None else Path(output) / "exports", chosen)
    for path in {p.parent for p in paths.values()}:
        path.mkdir(parents=True, exist_ok=True)
    if fmt == "xlsx":
        _write_atomically(paths["*"], _workbook_bytes(snapshot, chosen))
        return [paths["*"]]
    for table, path in paths.items():
        _write_atomically(path, _csv_bytes(snapshot, table, swedish=fmt == "csv-sv"))
    return list(paths.values())


def target_paths(fmt: str, target: Path, tables: list[str]) -> dict[str, Path]:
    """Where each table goes, decided by the suffix of `--out`: a file of the format's own suffix, or a folder
    (no suffix, or a folder that exists). Any other suffix is refused rather than guessed (`g.csv/`, CSV in
    `r.pdf`)."""
    suffix = ".xlsx" if fmt == "xlsx" else ".csv"
    if target.suffix.lower() == suffix and not target.is_dir():
        if fmt != "xlsx" and len(tables) > 1:
            raise ExportError(
                f"{target} is one file and {len(tables)} tables were asked for; name a folder, or one --table"
            )
        return {"*" if fmt == "xlsx" else tables[0]: target}
    if target.exists() and not target.is_dir():
        raise ExportError(f"{target} is a file, not a folder; --format {fmt} writes {suffix} files (or into a folder)")
    if target.suffix and not target.is_dir():
        raise ExportError(
            f"--format {fmt} writes {suffix} files, not {target.suffix}: name a {suffix} file or a folder"
        )
    if fmt == "xlsx":
        return {"*": target / "bidrag.xlsx"}
    return {t: target / f"{t}.csv" for t in tables}


def _write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _csv_bytes(snapshot: Path, table: str, swedish: bool) -> bytes:
    names, rows = _rows(snapshot, table)
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=";" if swedish else ",", lineterminator="\r\n")
    writer.writerow(names)
    for row in rows:
        # in either dialect a spreadsheet runs text that starts like a formula: quote it, as Excel itself would
        writer.writerow([_quoted(_cell_text(row[n], decimal_comma=swedish), row[n]) for n in names])
    text = buf.getvalue()
    return ("\ufeff" + text).encode("utf-8") if swedish else text.encode("utf-8")


def _quoted(cell: str, value: object) -> str:
    """Text quoted against formulas; a number (`-5`) is written as the number it is."""
    return cell if isinstance(value, int | float) else quote_formula(cell)


def _workbook_bytes(snapshot: Path, tables: list[str]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    about = wb.active
    about.title = "kolumner"
    about.append(["table", "column", "type", "meaning"])
    for table in tables:
        about.append([table, "", "", contract.TABLE_DOCS[table]])
        for f in fields(contract.ROW_TYPES[table]):
            about.append([table, f.name, str(f.metadata["arrow"]), f.metadata["doc"]])
    _style_header(about, Font, widths=[12, 22, 16, 100])
    for table in tables:
        names, rows = _rows(snapshot, table)
        if len(rows) + 1 > EXCEL_MAX_ROWS:
            raise ExportError(f"{table} has {len(rows)} rows, more than an Excel sheet holds; export it as csv")
        ws = wb.create_sheet(table)
        ws.append(names)
        for r, row in enumerate(rows, start=2):
            ws.append([_excel_value(row[n]) for n in names])
            for k, name in enumerate(names, start=1):
                value = row[name]
                if isinstance(value, str) and value.startswith("="):
                    ws.cell(r, k).data_type = "s"  # text that looks like a formula stays text
        for k, name in enumerate(names, start=1):
            fmt = _number_format(table, name)
            if fmt:
                for (cell,) in ws.iter_rows(min_row=2, min_col=k, max_col=k):
                    cell.number_format = fmt
        widths = [min(60, max(10, len(n) + 2)) for n in names]
        _style_header(ws, Font, widths=widths)
        for k, name in enumerate(names, start=1):
            if name in ("text", "sentence", "evidence", "error"):
                ws.column_dimensions[get_column_letter(k)].width = 80
                for (cell,) in ws.iter_rows(min_row=2, min_col=k, max_col=k):
                    cell.alignment = Alignment(wrap_text=False)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _style_header(ws: object, font: type, widths: list[int]) -> None:
    from openpyxl.utils import get_column_letter

    for cell in ws[1]:  # type: ignore[index]
        cell.font = font(bold=True)
    ws.freeze_panes = "A2"  # type: ignore[attr-defined]
    ws.auto_filter.ref = ws.dimensions  # type: ignore[attr-defined]
    for k, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(k)].width = width  # type: ignore[attr-defined]


def _number_format(table: str, name: str) -> str | None:
    arrow = next(f.metadata["arrow"] for f in fields(contract.ROW_TYPES[table]) if f.name == name)
    if name in MONEY_COLUMNS:
        return MONEY_FORMAT
    if name == "confidence":
        return SHARE_FORMAT
    if str(arrow).startswith("date") or str(arrow).startswith("timestamp"):
        return DATE_FORMAT
    return None


def _excel_value(value: object) -> object:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)  # Excel has no time zones; the contract's timestamps are UTC
    if isinstance(value, str) and len(value) > EXCEL_MAX_CELL:
        return value[: EXCEL_MAX_CELL - 1] + "…"  # Excel's cell limit; the Parquet keeps the whole text
    return value
