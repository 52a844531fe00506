"""A money cell of a table, as the table reader hands it to linking.

The table reader (extractors/tables.py) knows what a bare number in a table
is by its place: the column's header, the row's label, the caption, the year
over its column. Linking reads its role, body and period from exactly these,
so they travel with the amount as one typed record rather than a dict of
string keys that either side could misspell.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TableCell:
    """Where in a table an amount stands."""

    row_label: tuple[int, int]  # the row's label, as offsets into the text: its body and its cues
    column: int  # the value column, 0-based: rows of one column share a role
    table: int  # the table's first offset: names the table among the document's tables
    column_header: str = ""  # the header over the column (`Sökt, mnkr`, `Beviljat 2023`)
    table_header: str = ""  # the caption and header lines above the table (`Beviljade medel, tkr`)
    column_year: int | None = None  # the year a column header of years gives the column
