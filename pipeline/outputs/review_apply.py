"""`bidrag review --apply`: a filled-in review sheet, however a spreadsheet saved it, read back as corrections.

A sheet comes back from Excel as UTF-8, as "CSV (semikolonavgränsad)" in
Windows-1252, as Unicode text (UTF-16) or as a workbook. Each is read; what
cannot be read is one line naming the user's file and line, and nothing is
written. A cell the sheet quoted against formulas (`'=…`) reads back as the
text it was.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from pipeline.outputs.review import VERDICTS, ReviewError
from pipeline.publish import corrections as corr
from pipeline.publish.cells import unquote_formula

# a review sheet of many thousand rows is a few MB; past this it is not a review sheet (and would fill memory)
MAX_SHEET_BYTES = 64 * 1024 * 1024
# a workbook is a zip: what it unpacks to is capped too (a small file may unpack to gigabytes)
MAX_UNPACKED_BYTES = 4 * MAX_SHEET_BYTES
# a cell longer than any evidence sentence the review writes is not one of its cells
MAX_CELL_CHARS = 131_072
REQUIRED = ("doc_id", "table", "text", "verdict")


def _decode(path: Path, data: bytes) -> str:
    """The sheet's text: UTF-16 by its byte-order mark (or its zero bytes), UTF-8, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    elif data[:2000].count(b"\x00") > len(data[:2000]) // 4:  # UTF-16 without a mark: every other byte is zero
        encodings = ["utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"]
    else:
        encodings = ["utf-8-sig", "cp1252"]
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            error = exc
    line = data[: error.start].count(b"\n") + 1
    raise ReviewError(f"{path} line {line}: not text in UTF-8, UTF-16 or Windows-1252 ({error.reason})")


def _csv_rows(path: Path, data: bytes) -> tuple[list[str], list[tuple[int, dict]]]:
    raw = _decode(path, data).lstrip("\ufeff")
    first = raw.splitlines()[0] if raw.strip() else ""
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.DictReader(io.StringIO(raw, newline=""), delimiter=delimiter)
    rows = []
    try:
        for row in reader:
            rows.append((reader.line_num, {k: v or "" for k, v in row.items() if isinstance(k, str)}))
    except csv.Error as exc:
        raise ReviewError(f"{path} line {reader.reader.line_num}: {exc}") from None
    return list(reader.fieldnames or []), rows


def _workbook_rows(path: Path) -> tuple[list[str], list[tuple[int, dict]]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with zipfile.ZipFile(path) as packed:
            unpacked = sum(info.file_size for info in packed.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise ReviewError(f"{path}: unpacks to {unpacked >> 20} MiB, more than a review sheet")
        ws = load_workbook(path, read_only=True).active
        values = ws.iter_rows(values_only=True)  # type: ignore[union-attr]
        header = [str(h or "") for h in next(values, ())]
        rows = [(k, {h: "" if v is None else str(v) for h, v in zip(header, r)}) for k, r in enumerate(values, 2)]
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise ReviewError(f"{path}: not an Excel workbook that can be read ({exc})") from None
    return header, rows


def read(path: Path) -> list[tuple[int, dict]]:
    """A filled-in review sheet as (its line, its row) pairs; ReviewError in one line for what cannot be read."""
    path = Path(path)
    if not path.is_file():
        raise ReviewError(f"review sheet not found: {path}")
    size = path.stat().st_size
    if size > MAX_SHEET_BYTES:
        raise ReviewError(f"{path}: {size / 2**20:.0f} MiB is more than a review sheet ({MAX_SHEET_BYTES >> 20} MiB)")
    if path.suffix.lower() == ".xlsx":
        header, rows = _workbook_rows(path)
    else:
        header, rows = _csv_rows(path, path.read_bytes())
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ReviewError(f"{path}: not a review sheet (missing column(s) {', '.join(missing)})")
    for line, row in rows:
        for column, value in row.items():
            if len(value) > MAX_CELL_CHARS:
                raise ReviewError(
                    f"{path} line {line}: {column} holds {len(value):,} characters, more than a review cell"
                )
            row[column] = unquote_formula(value)
    return rows


def to_corrections(rows: Iterable[tuple[int, dict]], path: Path) -> list[tuple[int, dict]]:
    """The verdicts as corrections.csv rows with their sheet lines; a verdict not ok/reject/fix/add is an error."""
    out = []
    for line, row in rows:
        verdict = row.get("verdict", "").strip().lower()
        if verdict not in VERDICTS:
            raise ReviewError(f"{path} line {line}: verdict {verdict!r} is not one of ok, reject, fix, add")
        if verdict in ("", "ok"):
            continue
        field = {"reject": "reject", "add": "add"}.get(verdict, row.get("field", "").strip())
        if verdict == "fix" and not field:
            raise ReviewError(f"{path} line {line}: a fix names the field it sets (body_id, role, amount, …)")
        table = "facts" if verdict == "add" else row.get("table", "").strip()
        correction = {
            "correction_id": "",
            "doc_id": row.get("doc_id", "").strip(),
            "table": table,
            "text": row.get("text", ""),
            "context": row.get("context", ""),
            "body_id": row.get("body_id", "") if table == "facts" and verdict != "add" else "",
            "field": field,
            "value": row.get("value", ""),
            "who": row.get("who", ""),
            "when": date.today().isoformat(),
            "reason": row.get("reason", ""),
        }
        out.append((line, correction))
    return out


def apply_review(output: Path, sheet: Path, corrections_path: Path | None = None) -> tuple[Path, int, int]:
    """Add the sheet's verdicts to the corrections file; (its path, added, already there). The result is
    checked as a whole before it is written: a bad verdict changes nothing, and is named by the sheet's line."""
    target = Path(corrections_path) if corrections_path else corr.default_path(Path(output))
    new = to_corrections(read(sheet), sheet)
    existing: list[dict] = []
    if target.is_file():
        try:
            existing = [{c: r.get(c, "") for c in corr.COLUMNS} for r in corr._read_rows(target)]
        except corr.CorrectionsError as exc:
            raise ReviewError(f"{exc}; fix it before adding to it") from None

    def key(r: dict) -> tuple:
        return tuple(r.get(c, "").strip() for c in corr.COLUMNS[1:8])

    have = {key(r) for r in existing}
    added = [(line, r) for line, r in new if key(r) not in have]
    _, problems = corr.check_rows(
        [(f"{target} line {k}", r) for k, r in enumerate(existing, 2)] + [(f"{sheet} line {k}", r) for k, r in added]
    )
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ReviewError(f"{problems[0]}{more}; {target} is unchanged")
    _write_corrections(target, existing + [r for _, r in added])
    return target, len(added), len(new) - len(added)


def _write_corrections(target: Path, rows: list[dict]) -> None:
    """corrections.csv, every cell a spreadsheet would run quoted (the file is opened in Excel too)."""
    from pipeline.publish.cells import quote_formula

    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(corr.COLUMNS)
    writer.writerows([quote_formula(str(r.get(c, ""))) for c in corr.COLUMNS] for r in rows)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp{os.getpid()}")
    tmp.write_text(buf.getvalue(), encoding="utf-8")
    os.replace(tmp, target)
