"""List amount → body mismatches and missed facts on DEV documents, to group them by class of written Swedish.

Usage: python benchmarks/body_misses.py OUTPUT GOLD_DIR

For every amount paired with gold (the pairing `bidrag eval` uses) whose body differs from gold: the gold body,
the body read, the body decider's name from the fact's `how`, and the sentence; then gold facts missed where
the amount itself was found. Check documents (check.txt beside the gold folder) are skipped: their misses are
never printed.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

from pipeline.outputs.evaluate import (
    _alias_keys,
    _amount_key,
    _gold_fact_key,
    _money,
    _pairs,
    body_key,
    default_check_list,
    read_check_list,
)


def _body_how(how: object) -> str:
    for part in str(how or "").split(";"):
        key, _, value = part.strip().partition("=")
        if key == "body":
            return value
    return "-"


def main(output: Path, gold_dir: Path) -> None:
    check = read_check_list(default_check_list(gold_dir))
    docs = pd.read_parquet(output / "documents")
    am, fc = pd.read_parquet(output / "amounts"), pd.read_parquet(output / "facts")
    by_decider: Counter[str] = Counter()
    for gf in sorted(gold_dir.glob("*.json")):
        if gf.stem in check:
            continue
        gold = json.loads(gf.read_text(encoding="utf-8"))
        match = docs[(docs["source_uri"].map(lambda u: Path(str(u)).stem == gf.stem)) & (docs["status"] == "ok")]
        if not len(match):
            continue
        doc_id = match["doc_id"].iloc[0]
        dam, dfc = am[am["doc_id"] == doc_id], fc[fc["doc_id"] == doc_id]
        how_of = dict(zip(dfc["amount_mention_id"], dfc["how"]))
        pkey = _alias_keys(gold)
        lines = []
        for ga, pr in _pairs(
            gold["amounts"],
            lambda a: _amount_key(a["value"], a.get("value_max")),
            dam,
            lambda r: _amount_key(r["value"], r["value_max"]),
        ):
            gold_body = body_key(ga["body_id"]) if ga["body_id"] else None
            if pkey(pr["body_id"]) == gold_body:
                continue
            decider = _body_how(how_of.get(pr["mention_id"]))
            by_decider[decider] += 1
            lines.append(
                f"  BODY gold={gold_body} read={pr['body_id']} by={decider} role={pr['role']}/{ga['role']} "
                f"{pr['value']:.0f}\n     {str(pr['sentence'])[:240]!r}"
            )
        found = {_money(v) for v in dam["value"]}
        predicted = Counter((pkey(b), r, _money(a)) for b, r, a in zip(dfc["body_id"], dfc["role"], dfc["amount"]))
        for f in gold["facts"]:
            key = _gold_fact_key(f)
            if predicted[key] > 0:
                predicted[key] -= 1
            elif key[2] in found:
                lines.append(f"  FACT missed {key}")
        if lines:
            print(gf.stem)
            print("\n".join(lines))
    print("body mismatches by decider:", dict(by_decider.most_common()))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
