"""Are two published outputs the same data? Every table, row for row, `ingested_at` and `pipeline_version` aside.

A refactoring that must not change behaviour is checked by publishing the
same archive before and after it and comparing:

    git stash; bidrag run ARCHIVE -o /tmp/before --no-prefect; git stash pop
    bidrag run ARCHIVE -o /tmp/after --no-prefect
    python benchmarks/compare_outputs.py /tmp/before /tmp/after

Exits 0 when every table holds the same rows, 1 otherwise, naming the first
differences. `tests/test_compare_outputs.py` runs it on real outputs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pyarrow.parquet as pq

VOLATILE = {"ingested_at", "pipeline_version"}


def table_rows(output: Path, table: str) -> list[tuple] | None:
    path = Path(output) / table
    if not path.exists():
        return None
    tbl = pq.read_table(path)
    names = sorted(n for n in tbl.schema.names if n not in VOLATILE)
    rows = tbl.select(names).to_pylist()
    return sorted(tuple((k, repr(r[k])) for k in names) for r in rows)


def _tables(output: Path) -> set[str]:
    """The output's tables: its folders of Parquet files (not `current`, the pointer to the snapshot)."""
    return {p.name for p in output.iterdir() if p.name not in ("current",) and any(p.glob("*.parquet"))}


def compare(before: Path, after: Path, tables: list[str] | None = None) -> list[str]:
    """Differences between two outputs, as lines; empty when they hold the same rows."""
    if tables is None:
        tables = sorted(_tables(Path(before)) | _tables(Path(after)))
    out = []
    for table in tables:
        a, b = table_rows(before, table), table_rows(after, table)
        if a is None or b is None:
            out.append(f"{table}: missing in {'before' if a is None else 'after'}")
            continue
        if a == b:
            continue
        only_a = [r for r in a if r not in set(b)]
        only_b = [r for r in b if r not in set(a)]
        out.append(
            f"{table}: {len(a)} rows before, {len(b)} after; {len(only_a)} only before, {len(only_b)} only after"
        )
        for r in only_a[:3]:
            out.append(f"  - {dict(r)}"[:400])
        for r in only_b[:3]:
            out.append(f"  + {dict(r)}"[:400])
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("before", type=Path)
    p.add_argument("after", type=Path)
    p.add_argument("--table", action="append", help="compare only this table (repeatable)")
    args = p.parse_args(argv)
    diffs = compare(args.before, args.after, args.table)
    for line in diffs:
        print(line)
    if not diffs:
        print("same rows in every table")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
