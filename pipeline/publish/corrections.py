"""Reviewers' corrections as data: a CSV a person edits, applied at every publish after extraction, before grants.

A hand edit of the Parquet is gone at the next run; a changed rule may move
every offset. So a correction is anchored the way a person finds the place
again: the document, the mention's text and a few words around it (and, for a
fact, the body it was linked to), never by offsets. Each publish re-extracts,
then applies every correction to the fresh rows: the same corrections give the
same output on every run and with any number of workers. A correction that
matches nothing now, or several rows, is not applied and is reported in
`corrections_report` and in the run's summary, never dropped silently.

Rows of `corrections.csv` (UTF-8; comma or semicolon):

    correction_id  optional; a hash of the row where blank
    doc_id         the document (SHA-256, as in `documents.doc_id`)
    table          facts | amounts | bodies | dates | documents
    text           the mention's text: for a fact, its amount's text (`12,5 miljoner kronor`)
    context        a few words around it, as they stand in the sentence (blank: any)
    body_id        for a fact: the body it is linked to now (blank: any)
    field          the column to set, `reject` (drop the row), or `add` (a fact the rules missed)
    value          the new value; for `add`: `body_id=region:07; role=granted` (and programme, period, amount)
    who, when, reason   free text, kept in the report
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import regex as re

from pipeline.publish.cells import unquote_formula
from pipeline.publish.correction_values import parse_value
from pipeline.publish.manifest import CORRECTIONS_NAME
from pipeline.publish.unchanged import fingerprint  # noqa: F401 (re-exported)
from schemas import contract

COLUMNS = ("correction_id", "doc_id", "table", "text", "context", "body_id", "field", "value", "who", "when", "reason")
REQUIRED = ("doc_id", "table", "field")
FIELDS: dict[str, set[str]] = {
    "facts": {"reject", "add", "body_id", "role", "amount", "programme", "funder_id", "period"},
    "amounts": {"reject", "role", "value", "qualifier", "is_total", "body_id"},
    "bodies": {"reject", "body_id"},
    "dates": {"reject", "period"},
    "documents": {"published", "doc_kind"},
}
UNCORRECTED = ".uncorrected"  # inside a snapshot: the tables as the rules made them, for `eval --without-corrections`
DEFAULT_NAME = CORRECTIONS_NAME
CONTEXT_WINDOW = 300  # characters around a body or date mention in which its context must stand


class CorrectionsError(ValueError):
    """A corrections file that cannot be applied as written: nothing is published."""


@dataclass(frozen=True)
class Correction:
    correction_id: str
    doc_id: str
    table: str
    text: str
    context: str
    body_id: str
    field: str
    value: Any  # parsed: a date, a float, a (start, end) period, a dict for `add`
    raw_value: str
    who: str
    when: str
    reason: str


def anchor_form(s: str) -> str:
    """The form in which a correction's text and context are compared with a row's: spacing and case aside."""
    return " ".join(s.replace("•", " ").split()).casefold()


_norm = anchor_form


def _read_rows(path: Path) -> list[dict]:
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorrectionsError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    if not raw.strip():
        return []
    first = raw.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(raw), delimiter=delimiter)
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise CorrectionsError(f"{path}: missing column(s) {', '.join(missing)}; the columns are {', '.join(COLUMNS)}")
    try:
        return [{k: unquote_formula(v) if isinstance(v, str) else v for k, v in row.items()} for row in reader]
    except csv.Error as exc:
        raise CorrectionsError(f"{path} line {reader.reader.line_num}: {exc}") from None


def load(path: Path) -> list[Correction]:
    """Every correction of the file, checked; CorrectionsError naming each bad line (nothing is published)."""
    path = Path(path)
    if not path.is_file():
        raise CorrectionsError(f"corrections file not found: {path}")
    corrections, problems = check_rows((f"{path.name} line {k}", row) for k, row in enumerate(_read_rows(path), 2))
    if problems:
        shown = "\n  ".join(problems[:20])
        more = f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise CorrectionsError(f"{path}: {len(problems)} correction(s) cannot be applied:\n  {shown}{more}")
    return corrections


def check_rows(rows: Iterable[tuple[str, dict]]) -> tuple[list[Correction], list[str]]:
    """The corrections of rows, each named by where it stands (`review.csv line 3`), and the problems found."""
    problems: list[str] = []
    out: list[Correction] = []
    seen: dict[str, str] = {}
    for where, row in rows:
        row = {k: (v or "").strip() for k, v in row.items() if k is not None}
        table, field, doc_id = row.get("table", ""), row.get("field", ""), row.get("doc_id", "")
        if not any(row.values()):
            continue
        if not re.fullmatch(r"[0-9a-f]{64}", doc_id):
            problems.append(f"{where}: doc_id {doc_id!r} is not a document id (64 hex digits)")
            continue
        if table not in FIELDS:
            problems.append(f"{where}: table {table!r} is not one of {', '.join(FIELDS)}")
            continue
        if field not in FIELDS[table]:
            problems.append(f"{where}: {table} has no field {field!r}; one of {', '.join(sorted(FIELDS[table]))}")
            continue
        if table != "documents" and not row.get("text"):
            problems.append(f"{where}: a correction of {table} needs the mention's text")
            continue
        try:
            value = parse_value(table, field, row.get("value", ""))
        except ValueError as exc:
            problems.append(f"{where}: {exc}")
            continue
        key = "|".join(row.get(c, "") for c in COLUMNS[1:8])
        cid = row.get("correction_id") or "c-" + hashlib.sha256(key.encode()).hexdigest()[:12]
        if cid in seen:
            problems.append(f"{where}: correction_id {cid} is on {seen[cid]} already")
            continue
        seen[cid] = where
        out.append(
            Correction(
                cid,
                doc_id,
                table,
                row.get("text", ""),
                row.get("context", ""),
                row.get("body_id", ""),
                field,
                value,
                row.get("value", ""),
                row.get("who", ""),
                row.get("when", ""),
                row.get("reason", ""),
            )
        )
    return out, problems


def default_path(output: Path) -> Path:
    return Path(output) / DEFAULT_NAME


def load_for(output: Path, path: Path | None = None) -> list[Correction]:
    """The corrections a publish into `output` applies: `path`, else `output/corrections.csv` if there is one."""
    if path is not None:
        return load(Path(path))
    default = default_path(output)
    return load(default) if default.is_file() else []


# --- applying -------------------------------------------------------------------------------------------------


@dataclass
class _Tables:
    """The rows of the corrected documents, table by table, as dicts; the rest of each table stays in Arrow."""

    snapshot: Path
    docs: set[str]
    rest: dict[str, pa.Table]
    rows: dict[str, list[dict]]

    @classmethod
    def read(cls, snapshot: Path, docs: set[str], tables: tuple[str, ...]) -> _Tables:
        rest, rows = {}, {}
        ids = pa.array(sorted(docs))
        for t in tables:
            parts = sorted((snapshot / t).glob("*.parquet"))
            tbl = pq.read_table(snapshot / t) if parts else contract.schema(t).empty_table()
            mask = pc.is_in(tbl.column("doc_id"), value_set=ids)
            rest[t] = tbl.filter(pc.invert(mask))
            rows[t] = tbl.filter(mask).to_pylist()
        return cls(snapshot, docs, rest, rows)

    def write(self) -> None:
        """Each corrected table as one part; the rules' own version kept beside it for `eval --without-corrections`."""
        for t, rows in self.rows.items():
            fresh = contract.to_table(t, [contract.ROW_TYPES[t](**r) for r in rows])
            whole = pa.concat_tables([self.rest[t].select(fresh.schema.names).cast(fresh.schema), fresh])
            keep = self.snapshot / UNCORRECTED / t
            keep.mkdir(parents=True, exist_ok=True)
            for part in sorted((self.snapshot / t).glob("*.parquet")):
                os.replace(part, keep / part.name)
            metadata = {**(whole.schema.metadata or {})}
            snapshot_id = self.snapshot.name.removeprefix("staging-").encode()
            whole = whole.replace_schema_metadata({**metadata, b"snapshot_id": snapshot_id})
            pq.write_table(whole, self.snapshot / t / "part-00000.parquet", compression="zstd")


def _window(doc_text: str, row: dict) -> str:
    return doc_text[max(0, row["char_start"] - CONTEXT_WINDOW) : row["char_end"] + CONTEXT_WINDOW]


def apply(snapshot: Path, corrections: list[Correction]) -> list[contract.CorrectionReportRow]:
    """Apply every correction to the staged snapshot's tables; one report row per correction."""
    if not corrections:
        return []
    docs = {c.doc_id for c in corrections}
    tables = ("documents", "amounts", "bodies", "dates", "facts", "checks")
    data = _Tables.read(Path(snapshot), docs, tables)
    amounts_by_doc: dict[str, list[dict]] = defaultdict(list)
    for a in data.rows["amounts"]:
        amounts_by_doc[a["doc_id"]].append(a)
    amount_text = {a["mention_id"]: a["text"] for a in data.rows["amounts"]}
    doc_rows = {d["doc_id"]: d for d in data.rows["documents"]}
    report = []
    rejected: dict[str, set[int]] = defaultdict(set)  # table → ids of rows to drop
    for c in corrections:
        found = _matches(c, data, amount_text, amounts_by_doc, doc_rows)
        status, message = "applied", ""
        if c.field == "add":
            status, message = _add(c, data, found)
            matched = len(found)
        elif len(found) != 1 and not _one_statement_repeated(c.table, found):
            matched = len(found)
            status = "unmatched" if not found else "ambiguous"
            message = (
                "matches nothing in this run: the text or its context is not there any more"
                if not found
                else f"matches {len(found)} rows: give more context (or the body_id of the fact)"
            )
        else:
            matched = len(found)
            for row in found:  # one row, or one statement that the document repeats word for word
                if c.field == "reject":
                    rejected[c.table].add(id(row))
                    message = f"rejected {c.table} row"
                else:
                    message = _set(c, row)
                row["corrections"] = [*row["corrections"], c.correction_id]
        report.append(
            contract.CorrectionReportRow(
                correction_id=c.correction_id,
                doc_id=c.doc_id,
                table=c.table,
                field=c.field,
                text=c.text,
                status=status,
                matched=matched,
                message=message,
            )
        )
    _drop(data, rejected)
    data.write()
    return report


def _matches(
    c: Correction, data: _Tables, amount_text: dict[str, str], amounts_by_doc: dict, doc_rows: dict
) -> list[dict]:
    text, ctx = _norm(c.text), _norm(c.context)
    if c.table == "documents":
        return [doc_rows[c.doc_id]] if c.doc_id in doc_rows else []
    if c.table == "facts" and c.field == "add":
        return [a for a in amounts_by_doc.get(c.doc_id, []) if _norm(a["text"]) == text and ctx in _norm(a["sentence"])]
    out = []
    for row in data.rows[c.table]:
        if row["doc_id"] != c.doc_id:
            continue
        if c.table == "facts":
            if _norm(amount_text.get(row["amount_mention_id"], "")) != text or ctx not in _norm(row["evidence"]):
                continue
            if c.body_id and row["body_id"] != c.body_id:
                continue
        elif c.table == "amounts":
            if _norm(row["text"]) != text or ctx not in _norm(row["sentence"]):
                continue
        else:
            if _norm(row["text"]) != text:
                continue
            if ctx and ctx not in _norm(_window(doc_rows.get(c.doc_id, {}).get("text", ""), row)):
                continue
        out.append(row)
    return out


def _set_body(row: dict, body_id: str, prefix: str = "body") -> None:
    from extractors.bodies import bodies_by_id

    body = bodies_by_id().get(body_id)
    row["body_id"] = body_id
    if f"{prefix}_name" in row:
        row[f"{prefix}_name"] = body.name if body else body_id.partition(":")[2]
    if f"{prefix}_type" in row:
        row[f"{prefix}_type"] = body.body_type if body else body_id.partition(":")[0]
    if "name" in row and "code" in row:  # a bodies row
        row["name"] = body.name if body else body_id.partition(":")[2]
        row["body_type"] = body.body_type if body else body_id.partition(":")[0]
        row["code"] = body.code if body else None


def _set(c: Correction, row: dict) -> str:
    column = {"period": "period_start" if c.table == "facts" else "date_start"}.get(c.field, c.field)
    before = row.get(column)
    if c.field == "body_id":
        _set_body(row, c.value)
    elif c.field == "amount":
        row["amount"] = row["amount_min"] = row["amount_max"] = c.value  # a reviewer's sum is exact
    elif c.field == "period":
        key = ("period_start", "period_end") if c.table == "facts" else ("date_start", "date_end")
        row[key[0]], row[key[1]] = c.value
    else:
        row[c.field] = c.value
    return f"{c.field}: {before} → {c.raw_value}"


def _one_statement_repeated(table: str, rows: list[dict]) -> bool:
    """Facts that a document states twice in the same words (a lead repeated in the body) cannot be told apart
    by any anchor, and a reviewer's verdict on the words holds for each of them."""
    if table != "facts" or len(rows) < 2:
        return False
    same = {(r["evidence"], r["body_id"], r["role"], r["amount"]) for r in rows}
    return len(same) == 1


def _add(c: Correction, data: _Tables, amounts: list[dict]) -> tuple[str, str]:
    if len(amounts) != 1:
        if not amounts:
            return "unmatched", "no amount with this text and context in the document: the fact cannot be added"
        return "ambiguous", f"{len(amounts)} amounts with this text and context: give more context"
    a = amounts[0]
    spec = c.value
    fid = contract.fact_id(c.doc_id, a["mention_id"], spec["body_id"], spec["role"])
    existing = [f for f in data.rows["facts"] if f["fact_id"] == fid]
    if existing:
        existing[0]["corrections"] = [*existing[0]["corrections"], c.correction_id]
        return "applied", "the rules find this fact themselves now; nothing added"
    amount = spec.get("amount", a["value"])
    period = spec.get("period")
    row = {
        "fact_id": fid,
        "doc_id": c.doc_id,
        "body_id": spec["body_id"],
        "body_name": "",
        "body_type": "",
        "role": spec["role"],
        "amount": amount,
        "currency": a["currency"],
        "amount_mention_id": a["mention_id"],
        "programme": spec.get("programme"),
        "funder_id": spec.get("funder_id"),
        "period_start": period[0] if period else None,
        "period_end": period[1] if period else None,
        "evidence": a["sentence"],
        "confidence": 1.0,  # a person read it
        "how": "correction",
        "decision_date": None,
        "decision_date_mention_id": None,
        "amount_min": amount,
        "amount_max": a["value_max"] if a["value_max"] is not None and "amount" not in spec else amount,
        "corrections": [c.correction_id],
    }
    _set_body(row, spec["body_id"])
    data.rows["facts"].append(row)
    return "applied", f"added the fact: {spec['body_id']} {spec['role']} {amount:.0f}"


def _drop(data: _Tables, rejected: dict[str, set[int]]) -> None:
    """Drop rejected rows, and what refers to a rejected amount (its facts, the checks it is part of)."""
    gone_amounts = {r["mention_id"] for r in data.rows["amounts"] if id(r) in rejected.get("amounts", set())}
    for t, ids in rejected.items():
        data.rows[t] = [r for r in data.rows[t] if id(r) not in ids]
    if gone_amounts:
        data.rows["facts"] = [f for f in data.rows["facts"] if f["amount_mention_id"] not in gone_amounts]
        data.rows["checks"] = [
            ch
            for ch in data.rows["checks"]
            if ch["total_mention_id"] not in gone_amounts and not gone_amounts & set(ch["part_mention_ids"])
        ]


def uncorrected_dir(snapshot: Path) -> Path:
    return Path(snapshot) / UNCORRECTED
