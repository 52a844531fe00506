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
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq

from pipeline.publish import corrections as corr
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
            out.append(fact_item(f, "fact", f"confidence {f['confidence']:.2f} is below {below:g}"))
    by_id = {f["fact_id"]: f for f in facts}
    for g in read("grants"):
        if g["conflict"]:
            for fid in g["fact_ids"]:
                if fid in by_id:
                    why = f"sources disagree about {g['body_name']} ({g['role']}): this grant says {g['amount']:.0f}"
                    out.append(fact_item(by_id[fid], "conflict", why))
    linked = {f["amount_mention_id"] for f in facts}
    for a in sorted(amounts.values(), key=lambda a: (a["doc_id"], a["char_start"])):
        if a["role"] in ("applied", "granted") and not a["is_total"] and a["mention_id"] not in linked:
            out.append(_amount_item(a, uri, "amount", f"{a['role']} money that no fact ties to a body"))
    for c in read("checks"):
        if not c["ok"] and c["total_mention_id"] in amounts:
            why = f"the parts add up to {c['sum_of_parts']:.0f}, not {c['total']:.0f}"
            out.append(_amount_item(amounts[c["total_mention_id"]], uri, "check", why))
    for d in sorted(documents.values(), key=lambda d: d["source_uri"]):
        if d["status"] != "ok":
            out.append(
                {
                    "item": "document",
                    "why": f"{d['status']}: {d['error'] or ''}",
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
    as a page (.html) whose verdicts are saved as that same CSV."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp{os.getpid()}")
    if out.suffix.lower() in (".html", ".htm"):
        tmp.write_text(review_page(rows), encoding="utf-8")
    elif out.suffix.lower() == ".xlsx":
        from openpyxl import Workbook
        from openpyxl.styles import Font

        wb = Workbook()
        ws = wb.active
        ws.title = "granskning"
        ws.append(COLUMNS)
        for row in rows:
            ws.append([row[c] for c in COLUMNS])
            for k in range(1, len(COLUMNS) + 1):
                ws.cell(ws.max_row, k).data_type = "s"  # ids and sums stay text: they are read back as written
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        wb.save(tmp)
    else:
        buf = io.StringIO(newline="")
        writer = csv.DictWriter(buf, fieldnames=COLUMNS, delimiter=";", lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
        tmp.write_bytes(("\ufeff" + buf.getvalue()).encode("utf-8"))
    os.replace(tmp, out)
    return out


def read(path: Path) -> list[dict]:
    """A filled-in review sheet (CSV with comma or semicolon, or .xlsx) as rows of the review's columns."""
    path = Path(path)
    if not path.is_file():
        raise ReviewError(f"review sheet not found: {path}")
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        ws = load_workbook(path, read_only=True).active
        values = list(ws.iter_rows(values_only=True))  # type: ignore[union-attr]
        header = [str(h or "") for h in values[0]] if values else []
        rows = [{h: "" if v is None else str(v) for h, v in zip(header, r)} for r in values[1:]]
    else:
        raw = path.read_bytes().decode("utf-8-sig")
        first = raw.splitlines()[0] if raw.strip() else ""
        reader = csv.DictReader(io.StringIO(raw), delimiter=";" if first.count(";") > first.count(",") else ",")
        rows = [{k: v or "" for k, v in r.items() if k is not None} for r in reader]
        header = list(reader.fieldnames or [])
    missing = [c for c in ("doc_id", "table", "text", "verdict") if c not in header]
    if missing:
        raise ReviewError(f"{path}: not a review sheet (missing column(s) {', '.join(missing)})")
    return rows


def to_corrections(rows: Iterable[dict], path: Path) -> list[dict]:
    """The verdicts as corrections.csv rows; a verdict that is not one of ok/reject/fix/add is an error."""
    out = []
    for line, row in enumerate(rows, start=2):
        verdict = row.get("verdict", "").strip().lower()
        if verdict not in VERDICTS:
            raise ReviewError(f"{path} line {line}: verdict {verdict!r} is not one of ok, reject, fix, add")
        if verdict in ("", "ok"):
            continue
        field = {"reject": "reject", "add": "add"}.get(verdict, row.get("field", "").strip())
        if verdict == "fix" and not field:
            raise ReviewError(f"{path} line {line}: a fix names the field it sets (body_id, role, amount, …)")
        table = "facts" if verdict == "add" else row.get("table", "").strip()
        out.append(
            {
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
        )
    return out


def apply_review(output: Path, sheet: Path, corrections_path: Path | None = None) -> tuple[Path, int, int]:
    """Add the sheet's verdicts to the corrections file; (its path, added, already there). The result is
    checked as a whole before it is written: a bad verdict changes nothing."""
    target = Path(corrections_path) if corrections_path else corr.default_path(Path(output))
    new = to_corrections(read(sheet), sheet)
    existing: list[dict] = []
    if target.is_file():
        existing = [{c: r.get(c, "") for c in corr.COLUMNS} for r in corr._read_rows(target)]

    def key(r: dict) -> tuple:
        return tuple(r.get(c, "").strip() for c in corr.COLUMNS[1:8])

    have = {key(r) for r in existing}
    added = [r for r in new if key(r) not in have]
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=list(corr.COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(existing + added)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp{os.getpid()}")
    tmp.write_text(buf.getvalue(), encoding="utf-8")
    try:
        corr.load(tmp)  # every row must be a correction that can be applied
    except corr.CorrectionsError as exc:
        tmp.unlink()
        raise ReviewError(f"the verdicts of {sheet} cannot be applied; {target} is unchanged. {exc}") from exc
    os.replace(tmp, target)
    return target, len(added), len(new) - len(added)


def review_page(rows: list[dict]) -> str:
    """One offline page: each row with its evidence and verdict fields; `Spara` downloads the filled-in sheet
    as the CSV that `bidrag review OUTPUT --apply` reads. A missed fact is added with the form at the end."""
    import html as h
    import json

    body = []
    for k, row in enumerate(rows):
        cells = "".join(
            f"<td>{h.escape(str(row[c]))}</td>"
            for c in ("item", "why", "source_uri", "text", "body_id", "role", "amount")
        )
        choices = "".join(f'<option value="{v}">{v or "–"}</option>' for v in ("", "ok", "reject", "fix"))
        body.append(
            f'<tr data-row="{k}">{cells}<td class="ev">{h.escape(str(row["evidence"]))}</td>'
            f'<td><select name="verdict">{choices}</select></td>'
            f'<td><input name="field" size="8"></td><td><input name="value" size="12"></td>'
            f'<td><input name="reason" size="14"></td></tr>'
        )
    data = json.dumps(rows, ensure_ascii=False).replace("</", "<\\/")
    columns = json.dumps(COLUMNS)
    heads = "".join(
        f"<th>{c}</th>"
        for c in (
            "vad",
            "varför",
            "dokument",
            "text",
            "body_id",
            "roll",
            "belopp",
            "belägg",
            "bedömning",
            "fält",
            "nytt värde",
            "motivering",
        )
    )
    return REVIEW_PAGE.format(
        n=len(rows), heads=heads, body="".join(body), data=data, columns=columns, style=REVIEW_STYLE
    ).replace("SCRIPT_PLACEHOLDER", REVIEW_SCRIPT)


REVIEW_STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:1em 2em;color:#1a1a1a}table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #ddd;padding:.25em .4em;text-align:left;vertical-align:top;font-size:.9em}
th{background:#f4f4f4;position:sticky;top:0}td.ev{max-width:32em}fieldset{margin:1em 0}
button{font-size:1em;padding:.4em 1em;margin:.5em .5em .5em 0}
"""

REVIEW_SCRIPT = r"""
(function () {
  var rows = JSON.parse(document.getElementById("rows").textContent);
  var columns = JSON.parse(document.getElementById("columns").textContent);
  var who = document.getElementById("who");
  function cell(v) {
    v = v == null ? "" : String(v);
    return /[;"\n\r]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }
  function sheet() {
    var out = [columns.join(";")];
    document.querySelectorAll("#items tbody tr").forEach(function (tr) {
      var row = Object.assign({}, rows[Number(tr.dataset.row)]);
      ["verdict", "field", "value", "reason"].forEach(function (name) {
        row[name] = tr.querySelector("[name=" + name + "]").value;
      });
      row.who = who.value;
      out.push(columns.map(function (c) { return cell(row[c]); }).join(";"));
    });
    document.querySelectorAll("#added tbody tr").forEach(function (tr) {
      var row = {};
      columns.forEach(function (c) { row[c] = ""; });
      tr.querySelectorAll("td[data-c]").forEach(function (td) { row[td.dataset.c] = td.textContent; });
      row.table = "facts"; row.verdict = "add"; row.who = who.value;
      out.push(columns.map(function (c) { return cell(row[c]); }).join(";"));
    });
    return "\ufeff" + out.join("\r\n") + "\r\n";
  }
  document.getElementById("add").addEventListener("click", function () {
    var f = document.getElementById("missing");
    var tr = document.createElement("tr");
    ["doc_id", "text", "context", "value"].forEach(function (c) {
      var td = document.createElement("td");
      td.dataset.c = c; td.textContent = f.elements[c].value; tr.appendChild(td);
      f.elements[c].value = "";
    });
    document.querySelector("#added tbody").appendChild(tr);
  });
  document.getElementById("save").addEventListener("click", function () {
    var blob = new Blob([sheet()], {type: "text/csv;charset=utf-8"});
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "granskning.csv";
    document.body.appendChild(a);
    a.click();
    a.remove();
  });
})();
"""

REVIEW_PAGE = """<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>bidrag – granskning</title><style>{style}</style></head>
<body><h1>Granskning ({n} rader)</h1>
<p>Bedöm varje rad: <b>ok</b>, <b>reject</b> (fel: tas bort) eller <b>fix</b> (ange fält och nytt värde,
t.ex. <code>amount</code> och <code>12 482 000</code>). Spara ger en CSV som läses med
<code>bidrag review OUTPUT --apply granskning.csv</code>.</p>
<p><label>Granskare: <input id="who" size="20"></label></p>
<table id="items"><thead><tr>{heads}</tr></thead><tbody>{body}</tbody></table>
<fieldset><legend>En uppgift som saknas</legend><form id="missing" onsubmit="return false">
<label>doc_id <input name="doc_id" size="20"></label> <label>beloppets text <input name="text" size="16"></label>
<label>sammanhang <input name="context" size="24"></label>
<label>värde <input name="value" size="28" placeholder="body_id=region:07; role=granted"></label>
<button id="add" type="button">Lägg till</button></form>
<table id="added"><thead><tr><th>doc_id</th><th>text</th><th>sammanhang</th><th>värde</th></tr></thead><tbody></tbody>
</table></fieldset>
<button id="save" type="button">Spara granskning (CSV)</button>
<script type="application/json" id="rows">{data}</script>
<script type="application/json" id="columns">{columns}</script>
<script>SCRIPT_PLACEHOLDER</script>
</body></html>
"""
