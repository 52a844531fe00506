"""Score a published output against gold annotations, as ../shared/contract/EVALUATION.md defines.

Documents pair with gold files by name (`source_uri` ending in `<id>.<ext>`);
counts are summed over documents (micro-averaged); matches are multisets per
document. A gold document the run failed on, or did not publish, counts all
its gold entries as misses.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from extractors.lang import slug

SCORES = ("amounts", "dates", "bodies (documents)", "bodies (mentions)", "facts")
SECONDARY = ("role", "qualifier", "is_total", "body_id", "granularity")


def body_key(body_id: str | None) -> str | None:
    if not isinstance(body_id, str) or not body_id:
        return None
    kind, _, rest = body_id.partition(":")
    if kind in ("kommun", "region", "lansstyrelse"):
        return "region:09" if body_id == "kommun:0980" else body_id
    return rest


def _money(v: float | int | None) -> int | None:
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return None
    return int(round(float(v)))


def _prf(tp: int, pred: int, gold: int) -> dict:
    p = tp / pred if pred else (1.0 if gold == 0 else 0.0)
    r = tp / gold if gold else (1.0 if pred == 0 else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "predicted": pred, "gold": gold, "precision": p, "recall": r, "f1": f}


def _pairs(
    gold_items: list[dict], gold_key: Callable, pred: pd.DataFrame, pred_key: Callable
) -> Iterator[tuple[dict, dict]]:
    """(gold, predicted) pairs with the same key, matched in document order (EVALUATION.md, secondary scores)."""
    by_key: dict = {}
    for rec in pred.sort_values("char_start").to_dict("records"):
        by_key.setdefault(pred_key(rec), []).append(rec)
    for g in gold_items:
        lst = by_key.get(gold_key(g))
        if lst:
            yield g, lst.pop(0)


def _read(output: Path, table: str, corrected: bool = True) -> pd.DataFrame:
    """A published table; `corrected=False`: as the rules made it, before the reviewers' corrections."""
    if not corrected:
        from pipeline.publish.corrections import uncorrected_dir
        from pipeline.publish.snapshot import current_snapshot

        snapshot = current_snapshot(output)
        raw = uncorrected_dir(snapshot) / table if snapshot else None
        if raw is not None and raw.is_dir():
            return pd.read_parquet(raw)
    return pd.read_parquet(output / table)


def _unmatched(items: list[tuple[object, str]], others: list[tuple[object, str]]) -> list[str]:
    """How the items read that have no partner among `others` (a multiset match by key, in order)."""
    left = Counter(k for k, _ in others)
    out = []
    for key, text in items:
        if left[key] > 0:
            left[key] -= 1
        else:
            out.append(text)
    return out


def _differences(gold: list[tuple[object, str]], predicted: list[tuple[object, str]]) -> dict[str, list[str]]:
    """What gold holds that the run missed, and what the run found that gold does not hold: (key, how it reads)."""
    return {"missed": _unmatched(gold, predicted), "extra": _unmatched(predicted, gold)}


CHECK_LIST_NAME = "check.txt"  # beside the gold folder: the stems of the check documents, one a line


@dataclass
class Tally:
    """Counts summed over the documents of one split (micro-averaged): (tp, predicted, gold) per score,
    (correct, pairs) per secondary score, and (confidence, right) per predicted fact."""

    counts: dict[str, list[int]] = field(default_factory=lambda: {s: [0, 0, 0] for s in SCORES})
    secondary: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0] for k in SECONDARY})
    calibration: list[tuple[float, bool]] = field(default_factory=list)
    documents: int = 0

    def add(self, doc: DocumentScore) -> None:
        self.documents += 1
        for s, values in doc.counts.items():
            for i, v in enumerate(values):
                self.counts[s][i] += v
        for k, values in doc.secondary.items():
            for i, v in enumerate(values):
                self.secondary[k][i] += v
        self.calibration.extend(doc.calibration)

    def result(self) -> dict:
        return {
            "n_documents": self.documents,
            "facts_calibration": reliability(self.calibration),
            "scores": {s: _prf(*v) for s, v in self.counts.items()},
            "secondary": {k: (c / n if n else None) for k, (c, n) in self.secondary.items()},
            "secondary_counts": {k: {"correct": c, "pairs": n} for k, (c, n) in self.secondary.items()},
        }


@dataclass
class DocumentScore:
    """One gold document scored against the rows the run published for it."""

    counts: dict[str, tuple[int, int, int]]
    secondary: dict[str, list[int]]
    calibration: list[tuple[float, bool]]
    differences: dict[str, dict[str, list[str]]]


def read_check_list(path: Path | None) -> frozenset[str]:
    """The stems named in a check list (blank lines and `#` comments skipped); none when there is no list."""
    if path is None or not Path(path).is_file():
        return frozenset()
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return frozenset(s for line in lines if (s := line.split("#", 1)[0].strip()))


def default_check_list(gold_dir: Path) -> Path | None:
    """The split named in the repository: a check list beside the gold folder (GOLD/../check.txt)."""
    candidate = Path(gold_dir).resolve().parent / CHECK_LIST_NAME
    return candidate if candidate.is_file() else None


def evaluate(
    output: Path,
    gold_dir: Path,
    only_published: bool = False,
    corrected: bool = True,
    check_list: Path | None = None,
) -> dict:
    """Scores per table over every gold document (`scores`, …), and per split when there are check documents
    (`splits`: dev, check, all). `only_published` leaves out gold files with no document in the output (to
    compare runs over subsets, e.g. seeds-formats); `corrected=False` scores the rules' own output, before the
    reviewers' corrections. Check documents are scored in total only: they never appear under `documents`, so
    nothing prints what a rule missed on them."""
    output, gold_dir = Path(output), Path(gold_dir)
    check = read_check_list(check_list if check_list is not None else default_check_list(gold_dir))
    docs = _read(output, "documents", corrected)
    tables = {t: _read(output, t, corrected) for t in ("amounts", "dates", "bodies", "facts")}
    tallies = {"dev": Tally(), "check": Tally(), "all": Tally()}
    per_doc: dict[str, dict] = {}
    for gf in sorted(gold_dir.glob("*.json")):
        stem = gf.stem
        match = docs[docs["source_uri"].map(lambda u: Path(str(u)).stem == stem)]
        if only_published and not len(match):
            continue
        ok = match[match["status"] == "ok"]
        doc_id = ok["doc_id"].iloc[0] if len(ok) else None
        rows = {t: (v[v["doc_id"] == doc_id] if doc_id is not None else v.iloc[0:0]) for t, v in tables.items()}
        scored = score_document(json.loads(gf.read_text(encoding="utf-8")), rows)
        split = "check" if stem in check else "dev"
        tallies[split].add(scored)
        tallies["all"].add(scored)
        if split == "dev":
            per_doc[stem] = {s: _prf(*v) for s, v in scored.counts.items()}
            per_doc[stem]["differences"] = scored.differences
            per_doc[stem]["status"] = match["status"].iloc[0] if len(match) else "missing"
    result = tallies["all"].result()
    result["documents"] = per_doc
    if check:
        result["splits"] = {name: tally.result() for name, tally in tallies.items()}
        result["check_documents_hidden"] = tallies["check"].documents
    return result


def _alias_keys(gold: dict) -> Callable[[str | None], str | None]:
    """A predicted body id as a key, where a gold body's name or alias slug stands for the gold body."""
    aliases = {slug(a): body_key(b["body_id"]) for b in gold["bodies"] for a in b.get("aliases", [])}

    def pkey(bid: str | None) -> str | None:
        k = body_key(bid)
        return aliases.get(k, k) if k is not None else None

    return pkey


def _amount_key(value: object, value_max: object) -> tuple[int | None, int | None]:
    return _money(value), _money(value_max)  # type: ignore[arg-type]


def _multiset(gold: Counter, predicted: Counter) -> tuple[int, int, int]:
    return sum((gold & predicted).values()), sum(predicted.values()), sum(gold.values())


def score_document(gold: dict, rows: dict[str, pd.DataFrame]) -> DocumentScore:
    """Counts, secondary pairs, calibration and differences of one document (EVALUATION.md)."""
    am, dt, bd, fc = rows["amounts"], rows["dates"], rows["bodies"], rows["facts"]
    pkey = _alias_keys(gold)
    counts: dict[str, tuple[int, int, int]] = {}
    counts["amounts"] = _multiset(
        Counter(_amount_key(a["value"], a.get("value_max")) for a in gold["amounts"]),
        Counter(_amount_key(v, m) for v, m in zip(am["value"], am["value_max"])),
    )
    counts["dates"] = _multiset(
        Counter((d["start"], d["end"]) for d in gold["dates"]),
        Counter((str(s), str(e)) for s, e in zip(dt["date_start"], dt["date_end"])),
    )
    gold_bodies = Counter(body_key(b["body_id"]) for b in gold["bodies"])
    predicted_bodies = Counter(pkey(b) for b in bd["body_id"])
    counts["bodies (documents)"] = (
        len(set(gold_bodies) & set(predicted_bodies)),
        len(set(predicted_bodies)),
        len(set(gold_bodies)),
    )
    counts["bodies (mentions)"] = _multiset(gold_bodies, predicted_bodies)
    gold_facts = Counter(_gold_fact_key(f) for f in gold["facts"])
    counts["facts"] = _multiset(
        gold_facts, Counter((pkey(b), r, _money(a)) for b, r, a in zip(fc["body_id"], fc["role"], fc["amount"]))
    )
    return DocumentScore(
        counts={s: counts[s] for s in SCORES},
        secondary=_secondary(gold, am, dt, pkey),
        calibration=_calibration(gold_facts, fc, pkey),
        differences=_document_differences(gold, rows, pkey),
    )


def _gold_fact_key(fact: dict) -> tuple[str | None, str, int | None]:
    return body_key(fact["body_id"]), fact["role"], _money(fact["amount"])


def _secondary(gold: dict, am: pd.DataFrame, dt: pd.DataFrame, pkey: Callable) -> dict[str, list[int]]:
    """Accuracy counts on matched pairs: amounts paired in document order within the same value, dates
    within the same interval."""
    secondary = {k: [0, 0] for k in SECONDARY}
    for ga, pr in _pairs(
        gold["amounts"],
        lambda a: _amount_key(a["value"], a.get("value_max")),
        am,
        lambda r: _amount_key(r["value"], r["value_max"]),
    ):
        for k in ("role", "qualifier", "is_total"):
            secondary[k][0] += int(pr[k] == ga[k])
            secondary[k][1] += 1
        gold_body = body_key(ga["body_id"]) if ga["body_id"] else None
        secondary["body_id"][0] += int(pkey(pr["body_id"]) == gold_body)
        secondary["body_id"][1] += 1
    for gd, pr in _pairs(
        gold["dates"], lambda d: (d["start"], d["end"]), dt, lambda r: (str(r["date_start"]), str(r["date_end"]))
    ):
        secondary["granularity"][0] += int(pr["granularity"] == gd["granularity"])
        secondary["granularity"][1] += 1
    return secondary


def _calibration(gold_facts: Counter, fc: pd.DataFrame, pkey: Callable) -> list[tuple[float, bool]]:
    """Is each predicted fact right? The highest confidence claims a gold fact first."""
    remaining = Counter(gold_facts)
    out = []
    for conf, b, r, a in sorted(zip(fc["confidence"], fc["body_id"], fc["role"], fc["amount"]), key=lambda x: -x[0]):
        k = (pkey(b), r, _money(a))
        right = remaining[k] > 0
        if right:
            remaining[k] -= 1
        out.append((float(conf), right))
    return out


def _document_differences(gold: dict, rows: dict[str, pd.DataFrame], pkey: Callable) -> dict[str, dict]:
    """Per table, what gold holds that the run missed and what the run added, as they read."""
    am, dt, bd, fc = rows["amounts"], rows["dates"], rows["bodies"], rows["facts"]
    return {
        "amounts": _differences(
            [(_amount_key(a["value"], a.get("value_max")), a.get("text", "")) for a in gold["amounts"]],
            [(_amount_key(v, m), t) for v, m, t in zip(am["value"], am["value_max"], am["text"])],
        ),
        "dates": _differences(
            [((d["start"], d["end"]), f"{d.get('text', '')} = {d['start']}..{d['end']}") for d in gold["dates"]],
            [((str(s), str(e)), f"{t} = {s}..{e}") for s, e, t in zip(dt["date_start"], dt["date_end"], dt["text"])],
        ),
        "bodies": _differences(
            [(body_key(b["body_id"]), f"{b.get('text', '')} = {b['body_id']}") for b in gold["bodies"]],
            [(pkey(b), f"{t} = {b}") for b, t in zip(bd["body_id"], bd["text"])],
        ),
        "facts": _differences(
            [(_gold_fact_key(f), f"{f['body_id']} {f['role']} {f['amount']}") for f in gold["facts"]],
            [((pkey(b), r, _money(a)), f"{b} {r} {a:.0f}") for b, r, a in zip(fc["body_id"], fc["role"], fc["amount"])],
        ),
    }


RELIABLE_WITHIN = 0.05  # a bin is calibrated when its share right is this close to its mean confidence
RELIABLE_MIN_FACTS = 20  # … judged only on bins of at least this many facts


def reliability(calibration: list[tuple[float, bool]]) -> dict:
    """Confidence bins of width 0.1 → facts, share right, mean confidence, and whether they agree."""
    buckets = {}
    for k in range(9, -1, -1):
        lo, hi = k / 10, (k + 1) / 10
        inside = [(c, ok) for c, ok in calibration if lo < c <= hi or (k == 0 and c == 0.0)]
        if not inside:
            continue
        share = sum(ok for _, ok in inside) / len(inside)
        mean = sum(c for c, _ in inside) / len(inside)
        judged = len(inside) >= RELIABLE_MIN_FACTS
        buckets[f"({lo:.1f}, {hi:.1f}]"] = {
            "facts": len(inside),
            "right": sum(ok for _, ok in inside),
            "precision": share,
            "mean_confidence": mean,
            "calibrated": (abs(share - mean) <= RELIABLE_WITHIN) if judged else None,
        }
    return buckets


def format_misses(result: dict, limit: int = 12) -> str:
    """Per document, where points were lost: what gold holds and the run missed (−), what the run added (+)."""
    lines = []
    for stem, doc in sorted(result["documents"].items()):
        diffs = doc.get("differences", {})
        if not any(d["missed"] or d["extra"] for d in diffs.values()):
            continue
        lines.append(f"{stem} ({doc['status']})")
        for table, d in diffs.items():
            for sign, items in (("-", d["missed"]), ("+", d["extra"])):
                if items:
                    shown = "; ".join(" ".join(str(i).split())[:60] for i in items[:limit])
                    more = f" … and {len(items) - limit} more" if len(items) > limit else ""
                    lines.append(f"  {table:<8} {sign}{len(items):<3} {shown}{more}")
    return "\n".join(lines)


SPLIT_TITLES = {
    "dev": "dev: the documents rules may be written from",
    "check": "check: totals only, never per-document misses",
    "all": "all",
}


def format_report(result: dict) -> str:
    """The score tables: one per split (dev, check, all) when the gold has check documents, else one."""
    if "splits" not in result:
        return format_tables(result)
    parts = []
    for name, split in result["splits"].items():
        parts.append(f"== {SPLIT_TITLES[name]} ({split['n_documents']} documents) ==")
        parts.append(format_tables(split))
        parts.append("")
    return "\n".join(parts).rstrip()


def format_tables(result: dict) -> str:
    """Precision, recall and F1 per table, the secondary accuracies and the reliability of facts."""
    lines = [f"{'table':<20} {'precision':>9} {'recall':>7} {'F1':>6} {'TP':>5} {'pred':>5} {'gold':>5}"]
    for s, v in result["scores"].items():
        lines.append(
            f"{s:<20} {v['precision']:>9.3f} {v['recall']:>7.3f} {v['f1']:>6.3f} "
            f"{v['tp']:>5} {v['predicted']:>5} {v['gold']:>5}"
        )
    lines.append("")
    lines.append("secondary (accuracy on matched pairs):")
    for k, v in result["secondary"].items():
        n = result["secondary_counts"][k]["pairs"]
        lines.append(f"  {k:<12} {'n/a' if v is None else f'{v:.3f}'} ({n} pairs)")
    lines.append("")
    lines.append(
        f"reliability of facts (a bin is calibrated when its share right is within {RELIABLE_WITHIN} "
        f"of its mean confidence; judged from {RELIABLE_MIN_FACTS} facts):"
    )
    lines.append(f"  {'confidence':<12} {'facts':>5} {'right':>5} {'share':>6} {'mean conf':>9}  calibrated")
    for k, v in result.get("facts_calibration", {}).items():
        verdict = {True: "yes", False: "NO", None: "too few"}[v["calibrated"]]
        lines.append(
            f"  {k:<12} {v['facts']:>5} {v['right']:>5} {v['precision']:>6.3f} {v['mean_confidence']:>9.3f}  {verdict}"
        )
    return "\n".join(lines)
