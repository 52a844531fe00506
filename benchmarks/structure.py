"""The house rules on size: no module over 500 lines, no function over 80, in the code that holds the rules.

    python benchmarks/structure.py            # every module and function over the limits, longest first

A long module or function is where a newcomer gets lost; the limits are
checked by `tests/test_structure.py`, which allows only the known exceptions
it names (a list that only shrinks).
"""

from __future__ import annotations

import argparse
import ast
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("pipeline", "extractors", "schemas", "flows")
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80


@dataclass(frozen=True)
class Oversize:
    """A module or function over its limit: `name` is `path` for a module, `path:function` for a function."""

    name: str
    lines: int
    limit: int


def modules(root: Path = ROOT, packages: tuple[str, ...] = PACKAGES) -> list[Path]:
    return sorted(p for package in packages for p in (root / package).rglob("*.py") if "__pycache__" not in p.parts)


def oversized(root: Path = ROOT, packages: tuple[str, ...] = PACKAGES) -> list[Oversize]:
    """Every module over MAX_MODULE_LINES and every function (nested ones too) over MAX_FUNCTION_LINES."""
    out = []
    for path in modules(root, packages):
        source = path.read_text(encoding="utf-8")
        rel = path.relative_to(root).as_posix()
        n_lines = len(source.splitlines())
        if n_lines > MAX_MODULE_LINES:
            out.append(Oversize(rel, n_lines, MAX_MODULE_LINES))
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    out.append(Oversize(f"{rel}:{node.name}", length, MAX_FUNCTION_LINES))
    return sorted(out, key=lambda o: (-o.lines, o.name))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("packages", nargs="*", default=list(PACKAGES), help="folders to check (default: all four)")
    args = ap.parse_args(argv)
    found = oversized(ROOT, tuple(args.packages))
    for o in found:
        print(f"{o.lines:5d} lines (limit {o.limit})  {o.name}")
    if not found:
        print("every module and function within the limits")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
