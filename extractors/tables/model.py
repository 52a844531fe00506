"""What the table reader finds: cells of text, rows of a label and its numbers, tables of rows."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Cell:
    start: int
    end: int
    text: str


@dataclass
class Row:
    label: Cell
    runs: list[Cell]  # the number runs after the label: one per cell where ` | ` or lines separate them
    values: list[Cell] = field(default_factory=list)  # the runs split into the table's columns
    line: int = 0


@dataclass
class Table:
    rows: list[Row]
    header: str  # the caption and header lines above the first row, and a short line right below
    intro: str  # the prose right above, where a distribution list says what its numbers are
    years: list[int | None]  # per value column: the year a column header of years gives it
    column_header: str = ""  # the short lines right above the rows, that name the columns
    start: int = 0
    end: int = 0
    header_start: int | None = None  # where the caption and header lines above the rows begin (None: no such lines)
