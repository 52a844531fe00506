"""Run the pipeline over documents with every language table wrapped, and report which entries were read.

Run as a script in a fresh process (so every cached grammar is built from the
wrapped tables): `python -m tests.data_usage FILE…` prints JSON with the
entries that exist and the ones that were read. tests/test_language_data.py
asserts that every entry is read by some rule.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


class Tracked(dict):
    """A table that records which of its keys a rule reads (by index, get, iteration, items or values)."""

    def __init__(self, data: dict, path: str, seen: set[str]) -> None:
        super().__init__({k: wrap(v, f"{path}.{k}", seen) for k, v in data.items()})
        self._path = path
        self._seen = seen

    def _mark(self, key: object) -> None:
        self._seen.add(f"{self._path}.{key}")

    def __getitem__(self, key: Any) -> Any:
        self._mark(key)
        return super().__getitem__(key)

    def get(self, key: Any, default: Any = None) -> Any:
        self._mark(key)
        return super().get(key, default)

    def _mark_all(self) -> None:
        for k in dict.__iter__(self):
            self._mark(k)

    def __iter__(self) -> Any:
        self._mark_all()
        return super().__iter__()

    def keys(self) -> Any:
        self._mark_all()
        return super().keys()

    def items(self) -> Any:
        self._mark_all()
        return super().items()

    def values(self) -> Any:
        self._mark_all()
        return super().values()


def wrap(value: Any, path: str, seen: set[str]) -> Any:
    if isinstance(value, dict):
        return Tracked(value, path, seen)
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return [Tracked(v, f"{path}[]", seen) for v in value]
    return value


def entries(value: Any, path: str) -> set[str]:
    """Every key path of a table, as `wrap` names them."""
    out: set[str] = set()
    if isinstance(value, dict):
        for k, v in value.items():
            out.add(f"{path}.{k}")
            out |= entries(v, f"{path}.{k}")
    elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        for v in value:
            out |= entries(v, f"{path}[]")
    return out


def main(files: list[str]) -> None:
    from extractors import lang

    seen: set[str] = set()
    exist: set[str] = set()
    toml, csv = lang._toml, lang._csv

    def tracked_toml(name: str) -> dict:
        data = toml(name)
        exist.update(entries(data, name))
        return wrap(data, name, seen)

    def tracked_csv(name: str) -> list[dict]:
        rows = csv(name)
        if rows:
            exist.update(f"{name}[].{column}" for column in rows[0])
        return [Tracked(r, f"{name}[]", seen) for r in rows]

    lang._toml = tracked_toml  # type: ignore[assignment]
    lang._csv = tracked_csv  # type: ignore[assignment]
    from pipeline.read.document import process_bytes

    for f in files:
        process_bytes(Path(f).read_bytes(), Path(f).name)
    print(json.dumps({"exist": sorted(exist), "seen": sorted(seen)}))


if __name__ == "__main__":
    main(sys.argv[1:])
