"""The role misses of the DEV documents: matched amount pairs whose role differs from gold, with the decider.

`bidrag eval` counts role accuracy on amount pairs matched by value in document
order; this lists the pairs it counts wrong, each with the gold role, the role
read, the name of the role decider that read it (as `facts.how` shows it) and
the sentence, then the misses grouped by (gold, read, decider) — the classes of
written Swedish to look at first. Each document's text is read again from the
published `documents` table and linked with the rules as they are now, so run
it on an output made by the same code.

Check documents (`check.txt` beside the gold folder) are skipped: their misses
stay unseen.

    python -m benchmarks.role_misses OUTPUT GOLD_DIR [REGEX]

With REGEX, every matched pair whose sentence matches is listed instead, right
(`OK`) or wrong (`XX`): what a rule for that wording would change.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pandas as pd
import regex as re

from extractors import facts as linking
from extractors.amounts import AmountMention
from extractors.linking import role_deciders
from extractors.linking.context import AmountContext, DocContext
from extractors.mentions import find_mentions
from pipeline.outputs.evaluate import default_check_list, read_check_list

SENTENCE_CHARS = 300  # how much of a long sentence to show


def _key(value: object, value_max: object) -> tuple[int | None, int | None]:
    def money(v: object) -> int | None:
        return None if v is None or (isinstance(v, float) and pd.isna(v)) else int(round(float(v)))  # type: ignore[arg-type]

    return money(value), money(value_max)


def _deciders(text: str, reference: object) -> tuple[list[AmountMention], dict[int, str], object]:
    """The document's amounts as linked now, and the role decider's name of each (by its start)."""
    named: dict[int, str] = {}
    read_roles = role_deciders.read_roles

    def recording(doc: DocContext, contexts: list[AmountContext]) -> None:
        read_roles(doc, contexts)
        named.update({c.amount.start: c.role_how for c in contexts})

    linking.read_roles = recording  # type: ignore[attr-defined]
    try:
        found = find_mentions(text, reference)  # type: ignore[arg-type]
    finally:
        linking.read_roles = read_roles  # type: ignore[attr-defined]
    return sorted(found.amounts, key=lambda a: a.start), named, found.index


def misses(output: Path, gold_dir: Path, pattern: re.Pattern | None = None) -> Counter:
    """Print the misses (or the pairs whose sentence matches `pattern`); return the count per class."""
    check = read_check_list(default_check_list(gold_dir))
    docs = pd.read_parquet(output / "documents")
    docs = docs[docs["status"] == "ok"]
    stems = {Path(str(u)).stem: k for k, u in enumerate(docs["source_uri"])}
    classes: Counter = Counter()
    for gold_file in sorted(gold_dir.glob("*.json")):
        if gold_file.stem in check or gold_file.stem not in stems:
            continue
        row = docs.iloc[stems[gold_file.stem]]
        published = pd.to_datetime(row["published"], errors="coerce")
        amounts, named, index = _deciders(row["text"], None if pd.isna(published) else published.date())
        by_key: dict[tuple, list[AmountMention]] = {}
        for a in amounts:
            by_key.setdefault(_key(a.value, a.value_max), []).append(a)
        for g in json.loads(gold_file.read_text(encoding="utf-8"))["amounts"]:
            read = by_key.get(_key(g["value"], g.get("value_max")))
            if not read:
                continue
            a = read.pop(0)
            seg = index.at(a.start)  # type: ignore[attr-defined]
            sentence = row["text"][seg.start : seg.end] if seg else a.text
            right = a.role == g["role"]
            how = named.get(a.start, "none")
            if pattern is not None:
                if pattern.search(sentence):
                    print("OK" if right else "XX", gold_file.stem[:40], f"gold={g['role']} read={a.role} by={how}")
                    print("   ", sentence.replace("\n", " / ")[:SENTENCE_CHARS])
                continue
            if right:
                continue
            classes[(g["role"], a.role, how)] += 1
            print(f"{gold_file.stem} @{a.start} gold={g['role']} read={a.role} by={how} [{a.text}]")
            print("   ", sentence.replace("\n", " / ")[:SENTENCE_CHARS])
    return classes


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print(__doc__)
        return 2
    pattern = re.compile(argv[2], re.IGNORECASE) if len(argv) == 3 else None
    classes = misses(Path(argv[0]), Path(argv[1]), pattern)
    if pattern is None:
        print("\nmisses by (gold, read, decider):")
        for (gold, read, how), n in classes.most_common():
            print(f"{n:4}  {gold} → {read}  by {how}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
