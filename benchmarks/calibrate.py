"""Fit the confidence of facts to how often they are right, per way of linking (`facts.how`) and role.

A fact's `confidence` should mean what it says: of the facts with confidence
0.8, about eight in ten are right. This script extracts the DEV documents of
`../shared/corpus` (never the check documents that `check.txt` names: they
stay unseen), matches each fact to gold as `bidrag eval` does (highest
confidence first), and counts per cell how many were right. The cells are
nested, each shrunk towards the one above it, so one lucky fact does not make
a 1.0 and a small cell says what its larger family says:

    role (pooled)  →  body decider and role  →  both deciders (`how`) and role
    confidence = (right + K · parent) / (facts + K),   K = `shrink` (linking.toml)

A cell with fewer than `min_facts_per_cell` facts is not written: the fact
takes its parent's value at run time (extractors/facts.py `confidence_of`).
The reliability it prints is leave-one-document-out: each document's facts
scored with a table fitted on the other dev documents, so the figure is what
a document the fit has not seen gets.

    python -m benchmarks.calibrate [GOLD_DIR DOCS_DIR ...]

Rerun it after a change to the linking rules; `bidrag eval` prints the
reliability table that shows whether the result holds.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from pathlib import Path

from extractors import lang
from extractors.lang import DATA, slug
from pipeline.outputs.evaluate import _money, body_key, reliability
from pipeline.read.document import read_text
from pipeline.run.extract import extract

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_SETS = [(CORPUS / "gold", CORPUS / "docs")]
POOLED = "*"  # the cell of every fact of one role

Outcome = tuple[str, str, str, bool]  # document, how, role, right


def settings() -> dict:
    return lang.linking()["confidence"]


def check_documents(docs_dir: Path) -> set[str]:
    """The names (without extension) of the check documents: `check.txt` next to the docs folder."""
    listed = docs_dir.parent / "check.txt"
    if not listed.exists():
        return set()
    return {Path(line.strip()).stem for line in listed.read_text(encoding="utf-8").splitlines() if line.strip()}


def body_cell(how: str) -> str:
    """`role=caption; body=table-row` → `body=table-row`: the family a full cell falls back to."""
    return next((part.strip() for part in how.split(";") if part.strip().startswith("body=")), POOLED)


def outcomes(gold_dir: Path, docs_dir: Path) -> list[Outcome]:
    """(document, how, role, right) for every fact the rules link in the dev documents that have gold."""
    unseen = check_documents(docs_dir)
    out = []
    for gold_file in sorted(gold_dir.glob("*.json")):
        docs = [p for p in docs_dir.glob(gold_file.stem + ".*")]
        if not docs or gold_file.stem in unseen:
            continue
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        aliases: dict[str | None, str | None] = {
            slug(a): body_key(b["body_id"]) for b in gold["bodies"] for a in b.get("aliases", [])
        }
        got = read_text(docs[0].read_bytes(), docs[0].name)
        ext = extract("calibration", got.norm.text, got.norm.page_of, got.reference)
        remaining = Counter((body_key(f["body_id"]), f["role"], _money(f["amount"])) for f in gold["facts"])
        for fact in sorted(ext.facts, key=lambda f: -f.confidence):
            k = body_key(fact.body_id)
            key = (aliases.get(k, k), fact.role, _money(fact.amount))
            right = remaining[key] > 0
            if right:
                remaining[key] -= 1
            out.append((gold_file.stem, fact.how, fact.role, right))
    return out


def fit(results: list[tuple[str, str, bool]], min_facts: int | None = None, shrink: float | None = None) -> list[dict]:
    """The confidence table from (how, role, right) triples: pooled per role, then per body decider, then
    per full `how`; cells under `min_facts` are left out (their parent speaks for them)."""
    cfg = settings()
    min_facts = int(cfg["min_facts_per_cell"]) if min_facts is None else min_facts
    k = float(cfg["shrink"]) if shrink is None else shrink
    n: Counter[tuple[str, str]] = Counter()
    right: Counter[tuple[str, str]] = Counter()
    for how, role, ok in results:
        for cell in {POOLED, body_cell(how), how}:
            n[(cell, role)] += 1
            right[(cell, role)] += ok
    value: dict[tuple[str, str], float] = {}
    rows = []
    for level in (0, 1, 2):
        for (cell, role), count in sorted(n.items()):
            if _level(cell) != level:
                continue
            parent = 0.5 if level == 0 else value.get((_parent(cell), role), value[(POOLED, role)])
            conf = (right[(cell, role)] + k * parent) / (count + k)
            if level and count < min_facts:
                continue
            value[(cell, role)] = conf
            rows.append(
                {"how": cell, "role": role, "facts": count, "right": right[(cell, role)], "confidence": f"{conf:.3f}"}
            )
    return rows


def _level(cell: str) -> int:
    return 0 if cell == POOLED else 1 if cell.startswith("body=") else 2


def _parent(cell: str) -> str:
    return body_cell(cell) if _level(cell) == 2 else POOLED


def lookup(rows: list[dict], how: str, role: str) -> float | None:
    """A fact's confidence from a fitted table, as extractors/facts.py reads it."""
    table = {(r["how"], r["role"]): float(r["confidence"]) for r in rows}
    for cell in (how, body_cell(how), POOLED):
        if (cell, role) in table:
            return table[(cell, role)]
    return None


def leave_one_out(results: list[Outcome]) -> list[tuple[float, bool]]:
    """(confidence, right) for every fact, its confidence fitted on the other documents only."""
    out = []
    for doc in sorted({d for d, *_ in results}):
        rows = fit([(h, r, ok) for d, h, r, ok in results if d != doc])
        for d, how, role, ok in results:
            if d == doc:
                conf = lookup(rows, how, role)
                out.append((0.5 if conf is None else conf, ok))
    return out


def main(argv: list[str]) -> int:
    from extractors import facts as link

    sets = [(Path(a), Path(b)) for a, b in zip(argv[::2], argv[1::2])] if argv else DEFAULT_SETS
    # every fact, also those the current table keeps from publishing: a path measured as poor must stay
    # measured, or the next fit forgets it and the path publishes at its prior again
    link.MIN_CONFIDENCE, kept = 0.0, link.MIN_CONFIDENCE
    try:
        results = [r for gold_dir, docs_dir in sets for r in outcomes(gold_dir, docs_dir)]
    finally:
        link.MIN_CONFIDENCE = kept
    rows = fit([(h, r, ok) for _, h, r, ok in results])
    with open(DATA / "confidence.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["how", "role", "facts", "right", "confidence"])
        writer.writeheader()
        writer.writerows(rows)
    for r in rows:
        print(f"{r['how']:<48} {r['role']:<8} {r['right']:>4}/{r['facts']:<4} -> {r['confidence']}")
    print(f"{len(results)} facts from {len({d for d, *_ in results})} dev documents -> {DATA / 'confidence.csv'}")
    print("leave-one-document-out reliability:")
    for label, b in reliability(leave_one_out(results)).items():
        print(f"  {label:<12} {b}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
