"""Wall-clock growth of the work that once cost the square of its size; the tests check the same growth in
CPU time with a margin (tests/test_properties.py, tests/test_review_safety.py), this prints the seconds.

    .venv/bin/python benchmarks/growth.py [--sizes 100000 200000 400000] [--rows 500 1000 2000 4000]

* extraction of each adversarial text (`tests/test_properties.ADVERSARIAL`) at each size, best of three;
* `bidrag review --out review.xlsx` at each number of rows (it took 139 s for 4,000 rows when it was quadratic).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REVIEW_ROW_TEXT = "Region Uppsala får 12 482 000 kronor i statsbidrag för 2024 enligt beslutet om fördelning."


def best_of(call: Callable[[], object], runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - t0)
    return best


def extraction(sizes: list[int]) -> None:
    from pipeline.read.normalize import normalize
    from pipeline.run.extract import extract
    from tests.test_properties import ADVERSARIAL

    warm = normalize("Region Skåne fick 5 mkr.")
    extract("d" * 64, warm.text, warm.page_of, None)
    print("extraction, seconds (best of 3) at " + " / ".join(f"{n:,}" for n in sizes) + " characters")
    for name, unit in ADVERSARIAL.items():
        figures = []
        for n in sizes:
            raw = ("Effektivitets" + unit * n) if len(unit) == 1 else unit * (n // len(unit))
            norm = normalize(raw)
            figures.append(best_of(partial(extract, "d" * 64, norm.text, norm.page_of, None)))
        growth = figures[-1] / max(figures[0], 1e-6)
        print(f"  {name:<36} " + " / ".join(f"{s:.2f}" for s in figures) + f"  (×{growth:.1f})")


def review_workbook(rows: list[int]) -> None:
    from pipeline.outputs import review

    row = {c: REVIEW_ROW_TEXT for c in review.COLUMNS}
    print("review.xlsx, seconds at " + " / ".join(f"{n:,}" for n in rows) + " rows")
    with tempfile.TemporaryDirectory() as tmp:
        figures = [best_of(partial(review.write, [row] * n, Path(tmp) / "r.xlsx"), runs=1) for n in rows]
    print("  " + " / ".join(f"{s:.2f}" for s in figures))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 200_000, 400_000])
    ap.add_argument("--rows", type=int, nargs="+", default=[500, 1000, 2000, 4000])
    args = ap.parse_args()
    extraction(args.sizes)
    review_workbook(args.rows)


if __name__ == "__main__":
    main()
