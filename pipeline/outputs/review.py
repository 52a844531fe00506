"""`bidrag review`: what needs a person's look, as a sheet with blank verdict columns that read back as corrections.

A reviewer gets the facts the rules are least sure of, the money the rules
found but tied to no one, the stated totals whose parts do not add up, the
grants whose sources disagree and the files that could not be read — each
with its evidence and its document — fills in `verdict` (and `field`/`value`
for a fix), and `bidrag review OUTPUT --apply review.csv` turns the verdicts
into rows of `corrections.csv` with no reformatting. A fact the rules missed
is a new row with verdict `add`, the amount's text and `value` =
`body_id=…; role=…`.
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import pyarrow.parquet as pq

from pipeline.outputs.pages import decimal_comma, exact_kronor, render
from pipeline.publish.cells import quote_formula
from pipeline.publish.snapshot import current_snapshot

DEFAULT_BELOW = 0.8
ITEM_COLUMNS = [
    "item",
    "why",
    "doc_id",
    "source_uri",
    "table",
    "text",
    "context",
    "body_id",
    "role",
    "amount",
    "programme",
    "period",
    "confidence",
    "how",
    "evidence",
]
VERDICT_COLUMNS = ["verdict", "field", "value", "reason", "who"]
COLUMNS = ITEM_COLUMNS + VERDICT_COLUMNS
VERDICTS = {"", "ok", "reject", "fix", "add"}
CONTEXT_BEFORE, CONTEXT_AFTER = 4, 2  # words kept around a mention: enough to find it again, few enough to survive
SHEET_SUFFIXES = (".csv", ".xlsx", ".html", ".htm")
# why a row needs a look, in the reviewer's language (the sheet and the page say the same)
WHY = {
    "fact": "säkerheten {confidence} är under gränsen {below}",
    "conflict": "källorna är oense om {body} ({role}): det här bidraget säger {amount}",
    "amount": "{role} belopp som ingen uppgift knyter till en mottagare",
    "check": "delarna summerar till {parts}, inte {total}",
    "failed": "kunde inte läsas: {error}",
    "no_text": "ingen text att läsa: {error}",
}
ROLE_WORDS = {"granted": "beviljat", "applied": "sökt", "budget": "budgeterat", "other": "annat"}


class ReviewError(ValueError):
    """No output to review, or a review sheet that cannot be read back."""


def context_of(sentence: str, text: str) -> str:
    """A few words around `text`, exactly as they stand in `sentence` (so the context is found in it again):
    the anchor a correction is found by."""
    k = sentence.find(text)
    if k < 0:
        return ""
    start, end = k, k + len(text)
    before = [m.start() for m in re.finditer(r"\S+", sentence[:k])][-CONTEXT_BEFORE:]
    after = [m.end() for m in re.finditer(r"\S+", sentence[end:])][:CONTEXT_AFTER]
    if before:
        start = before[0]
    if after:
        end += after[-1]
    return " ".join(sentence[start:end].split()).strip(" •")


def _period(start: object, end: object) -> str:
    if not start:
        return ""
    return str(start) if start == end else f"{start}..{end}"


def items(output: Path, below: float = DEFAULT_BELOW) -> list[dict]:
    """The rows a person should look at, most doubtful first within each kind."""
    snapshot = current_snapshot(Path(output))
    if snapshot is None:
        raise ReviewError(f"{output}: no published output here (run `bidrag run` first)")

    def read(table: str) -> list[dict]:
        return pq.read_table(snapshot / table).to_pylist()

    documents = {d["doc_id"]: d for d in read("documents")}
    amounts = {a["mention_id"]: a for a in read("amounts")}
    facts = read("facts")
    uri = {k: d["source_uri"] for k, d in documents.items()}
    out: list[dict] = []

    def fact_item(f: dict, item: str, why: str) -> dict:
        a = amounts.get(f["amount_mention_id"], {})
        return {
            "item": item,
            "why": why,
            "doc_id": f["doc_id"],
            "source_uri": uri.get(f["doc_id"], ""),
            "table": "facts",
            "text": a.get("text", ""),
            "context": context_of(f["evidence"], a.get("text", "")),  # a fact is found again in its evidence
            "body_id": f["body_id"],
            "role": f["role"],
            "amount": f"{f['amount']:.0f}",
            "programme": f["programme"] or "",
            "period": _period(f["period_start"], f["period_end"]),
            "confidence": f"{f['confidence']:.2f}",
            "how": f.get("how") or "",  # which named deciders linked it (extractors/linking)
            "evidence": f["evidence"],
        }

    for f in sorted(facts, key=lambda f: (f["confidence"], f["fact_id"])):
        if f["confidence"] < below:
            why = WHY["fact"].format(confidence=decimal_comma(f["confidence"]), below=f"{below:g}".replace(".", ","))
            out.append(fact_item(f, "fact", why))
    by_id = {f["fact_id"]: f for f in facts}
    for g in read("grants"):
        if g["conflict"]:
            for fid in g["fact_ids"]:
                if fid in by_id:
                    why = WHY["conflict"].format(
                        body=g["body_name"], role=ROLE_WORDS.get(g["role"], g["role"]), amount=exact_kronor(g["amount"])
                    )
                    out.append(fact_item(by_id[fid], "conflict", why))
    linked = {f["amount_mention_id"] for f in facts}
    for a in sorted(amounts.values(), key=lambda a: (a["doc_id"], a["char_start"])):
        if a["role"] in ("applied", "granted") and not a["is_total"] and a["mention_id"] not in linked:
            out.append(_amount_item(a, uri, "amount", WHY["amount"].format(role=ROLE_WORDS[a["role"]])))
    for c in read("checks"):
        if not c["ok"] and c["total_mention_id"] in amounts:
            why = WHY["check"].format(parts=exact_kronor(c["sum_of_parts"]), total=exact_kronor(c["total"]))
            out.append(_amount_item(amounts[c["total_mention_id"]], uri, "check", why))
    for d in sorted(documents.values(), key=lambda d: d["source_uri"]):
        if d["status"] != "ok":
            out.append(
                {
                    "item": "document",
                    "why": WHY[d["status"]].format(error=d["error"] or "okänt fel"),
                    "doc_id": d["doc_id"],
                    "source_uri": d["source_uri"],
                    "table": "documents",
                }
            )
    return [{c: row.get(c, "") for c in COLUMNS} for row in out]


def _amount_item(a: dict, uri: dict, item: str, why: str) -> dict:
    return {
        "item": item,
        "why": why,
        "doc_id": a["doc_id"],
        "source_uri": uri.get(a["doc_id"], ""),
        "table": "amounts",
        "text": a["text"],
        "context": context_of(a["sentence"], a["text"]),
        "body_id": a["body_id"] or "",
        "role": a["role"],
        "amount": f"{a['value']:.0f}",
        "evidence": a["sentence"],
    }


def write(rows: list[dict], out: Path) -> Path:
    """The review sheet as CSV (UTF-8 with BOM, semicolons: Swedish Excel opens it), as a workbook (.xlsx), or
    as a page (.html) whose verdicts are saved as that same CSV; the suffix decides, and no other is taken."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in SHEET_SUFFIXES:
        raise ReviewError(f"{out}: a review sheet is {', '.join(SHEET_SUFFIXES)}, not {suffix or 'a name without one'}")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp{os.getpid()}")
    try:
        if suffix in (".html", ".htm"):
            tmp.write_text(review_page(rows), encoding="utf-8")
        elif suffix == ".xlsx":
            _write_workbook(rows, tmp)
        else:
            tmp.write_bytes(csv_bytes(rows))
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return out


def csv_bytes(rows: list[dict]) -> bytes:
    """The sheet as Swedish Excel opens it, every text cell that a spreadsheet would run quoted."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows([quote_formula(str(row[c])) for c in COLUMNS] for row in rows)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _write_workbook(rows: list[dict], path: Path) -> None:
    """One sheet, written as a stream (openpyxl's write-only mode): time and memory grow with the rows, and every
    cell is text, so ids and sums read back as written and no text becomes a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("granskning")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"
    bold = Font(bold=True)

    def text(value: object, font: Font | None = None) -> WriteOnlyCell:
        cell = WriteOnlyCell(ws, value=ILLEGAL_CHARACTERS_RE.sub("", str(value)))  # XML holds no control characters
        cell.data_type = "s"
        if font is not None:
            cell.font = font
        return cell

    ws.append([text(c, bold) for c in COLUMNS])
    for row in rows:
        ws.append([text(row[c]) for c in COLUMNS])
    wb.save(path)


def review_page(rows: list[dict]) -> str:
    """One offline page: each row with its evidence and verdict fields; `Spara` downloads the filled-in sheet
    as the CSV that `bidrag review OUTPUT --apply` reads. A missed fact is added with the form at the end."""
    return render("review.html", rows=rows, columns=COLUMNS)
