"""The meaning of a table's columns: which values are money, which are counts or years.

A number in a table is money only because something around it says so: a
caption or header (`belopp angivna i tkr`, `Fördelade medel (kronor)`), or a
distribution list of bodies introduced by money words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from statistics import median

import regex as re

from extractors.amounts import AmountMention, _decimals, parse_number
from extractors.caption_units import caption_unit
from extractors.cells import TableCell
from extractors.numerals import DIGIT, count_digits
from extractors.tables.defaults import (
    CUT_OFF_GROUPS,
    MIN_BARE_DIGITS,
    MIN_BODY_LIST_ROWS,
    MIN_BODY_SHARE,
    MIN_ROWS_FOR_TYPICAL,
    MIN_TABLE_ROWS,
)
from extractors.tables.digits import is_year
from extractors.tables.grammar import grammar
from extractors.tables.model import Cell, Row, Table

_PARENTHESIS = re.compile(r"\([^()]*\)")
_FIGURE = re.compile(rf"[-–−]?{DIGIT}")  # a cell that holds a figure, not one left out (`<5`, `–`)


@dataclass(frozen=True)
class Column:
    kind: str  # "money", "count", "year" or "" (the header does not say)
    header: str


def columns(header: str) -> list[Column]:
    """The value columns a header names, in order: `Invånare (31 dec 2022) Andel Fördelade medel (kronor)`
    is a count, a count and money. Words inside parentheses qualify the column before them."""
    cells = _pipe_cells(header)
    if cells:
        return [_cell_column(c) for c in cells]
    g = grammar()
    # the last header line that names columns is the one over the values
    found: list[tuple[int, int, str]] = []
    plain = _PARENTHESIS.sub(lambda m: " " * len(m.group(0)), header)
    for m in g.money_header.finditer(plain):
        found.append((m.start(), m.end(), "money"))
    for m in g.count_header.finditer(plain):
        found.append((m.start(), m.end(), "count"))
    found.sort()
    cols: list[Column] = []
    last_end = -10
    for s, e, kind in found:
        between = header[last_end:s]
        if cols and cols[-1].kind == kind and not between.strip(" ,"):
            cols[-1] = Column(kind, cols[-1].header + plain[last_end:e])
        else:
            cols.append(Column(kind, plain[s:e]))
        last_end = e
    return cols


def _pipe_cells(header: str) -> list[str]:
    """The cells of the last header line a reader wrote as ` | ` cells that names a column, or none."""
    g = grammar()
    for line in reversed(header.split("\n")):
        cells = [c.strip() for c in line.split("|")]
        if len(cells) > 1 and any(g.money_header.search(c) or g.count_header.search(c) for c in cells):
            while not cells[-1]:
                cells.pop()  # `Belopp |`: a line that ends in a pipe has no cell after it
            while not cells[0]:
                cells.pop(0)
            return cells
    return []


def _cell_column(cell: str) -> Column:
    """One header cell's column: its first money or count word decides (`Antal jobb som medlen ger` is a
    count, `Bidrag per invånare` money); words in parentheses only qualify it."""
    g = grammar()
    plain = _PARENTHESIS.sub(lambda m: " " * len(m.group(0)), cell)
    money, count = g.money_header.search(plain), g.count_header.search(plain)
    if money and (count is None or money.start() < count.start()):
        return Column("money", plain.strip())
    if count:
        return Column("count", plain.strip())
    return Column("", plain.strip())


def _value_columns(table: Table, k: int) -> list[Column]:
    """The header's columns over the k values, aligned right: label columns stand first."""
    if all(y is not None for y in table.years):
        return [Column("year", str(y)) for y in table.years]  # `Kommunen 2017 | Kommunen 2016`
    cols = columns(table.column_header)
    if len(cols) >= k:
        return cols[len(cols) - k :]
    return [Column("", "")] * (k - len(cols)) + cols


def _is_body_list(table: Table, k: int, names_body: Callable[[int, int], bool]) -> bool:
    """A distribution list: one column of values, most labels name a body, and money words around it."""
    if k != 1 or len(table.rows) < MIN_BODY_LIST_ROWS:
        return False
    bodies = sum(1 for r in table.rows if names_body(r.label.start, r.label.end))
    if Fraction(bodies, len(table.rows)) < MIN_BODY_SHARE:
        return False
    return bool(grammar().money_context.search(table.intro + "\n" + table.header))


def _is_money_cell(cell: Cell, col: Column, typical: float, year: int | None, unit: tuple[float, str] | None) -> bool:
    """Whether a value under a money table's column is an amount."""
    if col.kind == "count" or not _FIGURE.match(cell.text) or len(cell.text.split()) < typical - CUT_OFF_GROUPS:
        return False  # a count, or a cut-off cell (`Kalmar 246` at the end of a page of millions)
    scale = unit[0] if unit else 1.0
    if year is None and is_year(cell.text) and scale == 1:
        return False
    # with no unit declared the sums are whole kronor: `12,5` under `Belopp` is in a unit the text does not
    # give, and a 3-digit number is a count or a rank
    return unit is not None or ("," not in cell.text and count_digits(cell.text) >= MIN_BARE_DIGITS)


def _amount(cell: Cell, row: Row, c: int, col: Column, table: Table, unit: tuple[float, str] | None) -> AmountMention:
    """The amount a money cell holds, with its place in the table."""
    scale, currency = unit or (1.0, "SEK")
    value = parse_number(cell.text) * scale
    return AmountMention(
        cell.start,
        cell.end,
        cell.text,
        round(value, 2),
        None,
        currency,
        "exact",
        None,
        True,
        decimals=_decimals(cell.text),
        scale=scale,
        cell=TableCell(
            row_label=(row.label.start, row.label.end),
            column=c,
            table=table.start,
            column_header=col.header.strip(),
            table_header=table.header,
            column_year=table.years[c],
        ),
    )


def table_amounts(text: str, tables: list[Table], names_body: Callable[[int, int], bool]) -> list[AmountMention]:
    """Bare numbers in the cells of `tables` (find_tables of the text, given the amounts already read) that are
    money: under a declared unit, a money column header, or in a distribution list of bodies introduced by
    money words.

    Each amount keeps its place in the table as a `TableCell` (its column's header, `Sökt`, `Beviljat 2023`,
    and its row's label), for the roles, bodies and periods linking gives it.
    """
    out: list[AmountMention] = []
    for table in tables:
        k = max(len(r.values) for r in table.rows) if any(r.values for r in table.rows) else 0
        if not k:
            continue
        unit = caption_unit(table.header)  # the last unit the caption or header declares
        cols = _value_columns(table, k)
        says_money = unit is not None or any(c.kind == "money" for c in cols)
        if not says_money and not _is_body_list(table, k, names_body):
            continue
        if len(table.rows) < MIN_TABLE_ROWS and not (_in_cells(text, table.rows[0]) and says_money):
            continue  # one row out of cells is no table: a heading with a number (`Utgiftsområde 19`)
        typical = _typical_groups(table, k)
        for r in table.rows:
            if len(r.values) > k or (len(r.values) < k and not _in_cells(text, r)):
                continue  # a row whose values do not fit the columns; cells may be left empty at the end
            for c, (cell, col) in enumerate(zip(r.values, cols)):
                if _is_money_cell(cell, col, typical[c], table.years[c], unit):
                    out.append(_amount(cell, r, c, col, table, unit))
    return out


def _in_cells(text: str, row: Row) -> bool:
    """Whether the row's line is made of ` | ` cells, as a reader writes a table of a DOCX, HTML or PDF."""
    start = text.rfind("\n", 0, row.label.start) + 1
    end = text.find("\n", row.label.end)
    return " | " in text[start : end if end >= 0 else len(text)]


def _typical_groups(table: Table, k: int) -> list[float]:
    """Per column, the median number of digit groups of its cells (0 for a table of fewer than four rows)."""
    full = [r.values for r in table.rows if len(r.values) == k]
    if len(full) < MIN_ROWS_FOR_TYPICAL:
        return [0.0] * k
    return [median(len(v[c].text.split()) for v in full) for c in range(k)]
