"""Tables in text: the layout of rows (layout.py), digit runs split into values (digits.py), and which
columns are money (columns.py); windows and thresholds in defaults.py.

The API: `find_tables(text, taken)` gives the tables, `table_amounts(text, tables, names_body)` the
money in their cells.
"""

from extractors.tables.columns import Column, columns, table_amounts
from extractors.tables.digits import feasible_widths, splits
from extractors.tables.layout import find_tables
from extractors.tables.model import Cell, Row, Table

__all__ = ["Cell", "Column", "Row", "Table", "columns", "feasible_widths", "find_tables", "splits", "table_amounts"]
