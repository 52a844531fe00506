"""Fit the confidence of facts to how often they are right, per linking path and role.

A fact's `confidence` should mean what it says: of the facts with confidence
0.8, about eight in ten are right. This script extracts every document that
has gold (by default `../shared/corpus` and the seeds), matches each fact to
gold as `bidrag eval` does (highest confidence first), counts per (linking
path, role) how many were right, and writes extractors/data/confidence.csv,
which extractors/facts.py reads. Small cells are shrunk towards their path's
share, so one lucky fact does not make a 1.0:

    confidence = (right + K · path_share) / (facts + K),   K = 4

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

from extractors.lang import DATA, slug
from pipeline.outputs.evaluate import _money, body_key
from pipeline.read.document import read_text
from pipeline.run.extract import extract

ROOT = Path(__file__).resolve().parent.parent
SHRINK = 4.0
DEFAULT_SETS = [
    (ROOT.parent / "shared" / "corpus" / "gold", ROOT.parent / "shared" / "corpus" / "docs"),
    (ROOT.parent / "shared" / "gold", ROOT.parent / "shared" / "seeds"),
]


def outcomes(gold_dir: Path, docs_dir: Path) -> list[tuple[str, str, bool]]:
    """(path, role, right) for every fact the rules link in the documents that have gold."""
    out = []
    for gold_file in sorted(gold_dir.glob("*.json")):
        docs = [p for p in docs_dir.glob(gold_file.stem + ".*")]
        if not docs:
            continue
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        aliases: dict[str | None, str | None] = {
            slug(a): body_key(b["body_id"]) for b in gold["bodies"] for a in b.get("aliases", [])
        }
        got = read_text(docs[0].read_bytes(), docs[0].name)
        reference = got.published if got.published_source in ("html-metadata", "text") else None
        ext = extract("calibration", got.norm.text, got.norm.page_of, reference)
        remaining = Counter((body_key(f["body_id"]), f["role"], _money(f["amount"])) for f in gold["facts"])
        ranked = sorted(zip(ext.facts, ext.fact_paths), key=lambda fp: -fp[0].confidence)
        for fact, path in ranked:
            k = body_key(fact.body_id)
            key = (aliases.get(k, k), fact.role, _money(fact.amount))
            right = remaining[key] > 0
            if right:
                remaining[key] -= 1
            out.append((path, fact.role, right))
    return out


def fit(results: list[tuple[str, str, bool]]) -> list[dict]:
    by_path: Counter[str] = Counter()
    right_path: Counter[str] = Counter()
    cells: Counter[tuple[str, str]] = Counter()
    right_cells: Counter[tuple[str, str]] = Counter()
    for path, role, right in results:
        by_path[path] += 1
        right_path[path] += right
        cells[(path, role)] += 1
        right_cells[(path, role)] += right
    rows = []
    for (path, role), n in sorted(cells.items()):
        share = (right_path[path] + 1) / (by_path[path] + 2)
        conf = (right_cells[(path, role)] + SHRINK * share) / (n + SHRINK)
        rows.append(
            {"how": path, "role": role, "facts": n, "right": right_cells[(path, role)], "confidence": f"{conf:.3f}"}
        )
    return rows


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
    rows = fit(results)
    with open(DATA / "confidence.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["how", "role", "facts", "right", "confidence"])
        writer.writeheader()
        writer.writerows(rows)
    for r in rows:
        print(f"{r['how']:<18} {r['role']:<8} {r['right']:>4}/{r['facts']:<4} -> {r['confidence']}")
    print(f"{len(results)} facts from {len(sets)} sets of documents -> {DATA / 'confidence.csv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
