"""Splitting a run of space-grouped digits into a row's values, only where the grouping allows one split.

`317 205 481 064 739` under `Befolkning | Fördelade medel` is 317 205 and
481 064 739 because the other rows of the table have two groups and then
three. Where the split stays uncertain the row gives no amount rather than a
wrong one.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import NamedTuple

import regex as re

from extractors.numerals import DIGIT
from extractors.tables.defaults import GROUP_DIGITS, MAX_DIGITS, MAX_GROUPS, MAX_GROUPS_PER_NUMBER, MAX_SPLITS
from extractors.tables.model import Cell, Row

_GROUP = re.compile(rf"[-–−]?{DIGIT}+(?:,{DIGIT}+)?")
_YEAR = re.compile(rf"(?:19|20){DIGIT}{DIGIT}")


def digit_groups(run: Cell) -> list[Cell]:
    """The digit groups of a run of numbers, as cells."""
    return [Cell(run.start + m.start(), run.start + m.end(), m.group(0)) for m in _GROUP.finditer(run.text)]


class _Shape(NamedTuple):
    """A digit group as the splitting rules see it. Rows of one table share few shapes, so splits are
    cached by shape."""

    signed: bool
    whole: int  # digits before the decimal comma
    fraction: int  # digits after it, -1 without a comma
    leading_zero: bool
    is_zero: bool  # the group is `0`


def _shape(group: str) -> _Shape:
    signed = group[:1] in "-–−"
    whole, _, frac = group.lstrip("-–−").partition(",")
    return _Shape(signed, len(whole), len(frac) if "," in group else -1, whole.startswith("0"), whole == "0")


def _valid(parts: tuple[_Shape, ...]) -> bool:
    first = parts[0]
    if first.leading_zero and not first.is_zero:
        return False  # a number does not start with a zero, unless it is 0 (`0,75`)
    if len(parts) > 1:
        if first.whole > GROUP_DIGITS or first.fraction >= 0:
            return False
        if not all(p.whole == GROUP_DIGITS and not p.signed for p in parts[1:]) or any(
            p.fraction >= 0 for p in parts[1:-1]
        ):
            return False  # continuing groups: exactly three digits, a decimal part only at the end
    return sum(p.whole + max(p.fraction, 0) for p in parts) <= MAX_DIGITS


def splits(groups: list[str], k: int) -> list[tuple[int, ...]]:
    """Every way to cut the groups into k valid numbers, as the group count of each number (at most 64)."""
    if len(groups) > MAX_GROUPS:
        return []
    return list(_splits(tuple(_shape(g) for g in groups), k))


@lru_cache(maxsize=4096)
def _splits(shapes: tuple[_Shape, ...], k: int) -> tuple[tuple[int, ...], ...]:
    @cache
    def from_(i: int, left: int) -> tuple[tuple[int, ...], ...]:
        if i == len(shapes):
            return ((),) if left == 0 else ()
        if left == 0:
            return ()
        out: list[tuple[int, ...]] = []
        for j in range(i + 1, min(len(shapes), i + MAX_GROUPS_PER_NUMBER) + 1):
            if _valid(shapes[i:j]):
                out.extend((j - i, *rest) for rest in from_(j, left - 1))
                if len(out) > MAX_SPLITS:
                    break
        return tuple(out)

    return from_(0, k)


def feasible_widths(row: Row) -> set[int]:
    """The numbers of values the row's runs can be split into."""
    runs = [[g.text for g in digit_groups(run)] for run in row.runs]
    if len(runs) > 1:
        # a cell without digits (`–`) holds a value the table leaves out: it counts as one
        return {len(runs)} if all(not g or splits(g, 1) for g in runs) else set()
    return {k for k in range(1, min(len(runs[0]), MAX_GROUPS) + 1) if splits(runs[0], k)}


def _values(run: Cell, shape: tuple[int, ...]) -> list[Cell]:
    gs = digit_groups(run)
    out, at = [], 0
    for n in shape:
        part = gs[at : at + n]
        out.append(Cell(part[0].start, part[-1].end, " ".join(p.text for p in part)))
        at += n
    return out


def split_rows(rows: list[Row], k: int) -> None:
    """Split every row's runs into the table's k values where the split is certain: the digit grouping
    allows one split only, or one only among the shapes that the certain rows have."""
    if any(len(r.runs) > 1 for r in rows):
        for r in rows:
            r.values = list(r.runs)  # cells that pipes, tabs or lines separate: each run is one value
        return
    options = [splits([g.text for g in digit_groups(r.runs[0])], k) for r in rows]
    certain = {got[0] for got in options if len(got) == 1}
    for r, got in zip(rows, options):
        if len(got) == 1:
            r.values = _values(r.runs[0], got[0])
        else:
            seen = [shape for shape in got if shape in certain]
            if len(seen) == 1:
                r.values = _values(r.runs[0], seen[0])


def is_year(value: str) -> bool:
    """A value that is a year (`2023`): a column header, not an amount."""
    return bool(_YEAR.fullmatch(value))
