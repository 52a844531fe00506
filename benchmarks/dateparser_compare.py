"""Dates on the seeds: bidrag's rules next to dateparser's `search_dates(languages=["sv"])`.

Both are scored as EVALUATION.md scores the dates table: a match is the same
(date_start, date_end) per document, counted as multisets. dateparser returns
points in time; each hit is re-read with DateDataParser to learn its period
(day, month, year) and turned into the interval it denotes.

    .venv/bin/python benchmarks/dateparser_compare.py [../shared/seeds] [../shared/gold]
"""

from __future__ import annotations

import calendar
import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.read.document import read_text  # noqa: E402
from pipeline.run.extract import extract  # noqa: E402


def dateparser_intervals(text: str) -> list[tuple[str, str]]:
    from dateparser import DateDataParser
    from dateparser.search import search_dates

    settings = {"PREFER_DAY_OF_MONTH": "first", "RETURN_TIME_AS_PERIOD": True}
    hits = search_dates(text, languages=["sv"], settings=settings) or []
    ddp = DateDataParser(languages=["sv"], settings=settings)
    out = []
    for surface, dt in hits:
        data = ddp.get_date_data(surface)
        period = data.period if data and data.date_obj else "day"
        d = dt.date()
        if period == "year":
            a, b = date(d.year, 1, 1), date(d.year, 12, 31)
        elif period == "month":
            a, b = date(d.year, d.month, 1), date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
        else:
            a = b = d
        out.append((str(a), str(b)))
    return out


def score(pred: Counter, gold: Counter) -> tuple[int, int, int]:
    return sum((pred & gold).values()), sum(pred.values()), sum(gold.values())


def prf(tp, pr, gl):
    p = tp / pr if pr else 0.0
    r = tp / gl if gl else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(seeds: Path, gold_dir: Path) -> dict:
    totals = {"bidrag": [0, 0, 0], "dateparser": [0, 0, 0]}
    for path in sorted(seeds.iterdir()):
        gold_path = gold_dir / f"{path.stem}.json"
        if not gold_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        g = Counter((d["start"], d["end"]) for d in gold["dates"])
        got = read_text(path.read_bytes(), path.name)
        text = got.norm.text
        ext = extract("x", text, got.norm.page_of, None)
        ours = Counter((str(d.date_start), str(d.date_end)) for d in ext.dates)
        theirs = Counter(dateparser_intervals(text))
        for name, pred in (("bidrag", ours), ("dateparser", theirs)):
            for i, v in enumerate(score(pred, g)):
                totals[name][i] += v
    result = {}
    for name, (tp, pr, gl) in totals.items():
        p, r, f = prf(tp, pr, gl)
        result[name] = {"precision": p, "recall": r, "f1": f, "tp": tp, "predicted": pr, "gold": gl}
        print(f"{name:<11} precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  (TP {tp}, predicted {pr}, gold {gl})")
    return result


if __name__ == "__main__":
    seeds = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "seeds"
    gold = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT.parent / "shared" / "gold"
    main(seeds, gold)
