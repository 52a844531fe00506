"""The table reader's windows and thresholds, named in one place (as pdfplumber keeps its settings).

They are about the shape of text, not about Swedish: the words the reader
looks for live in extractors/data/money.toml (`[table]`).
"""

from __future__ import annotations

from fractions import Fraction

# ---------------------------------------------------------------- layout: labels, headers, intro
MAX_LABEL_WORDS = 12
MAX_LABEL_CHARS = 110
MAX_CELL_LABEL_WORDS = 24  # a label in its own ` | ` cell may be a longer phrase …
MAX_CELL_LABEL_CHARS = 200  # … never a paragraph
MIN_LABEL_LETTERS = 2  # a label has words: fewer letters is a code or a stray sign
MAX_HEADER_LINES = 6  # short lines above a table read as its caption and header
MAX_HEADER_LINE_CHARS = 160
COLUMN_LINE_CHARS = 60  # a column header line is short; a longer line is a caption or prose
INTRO_CHARS = 400  # of the prose right above a table, for a distribution list's money words
REFERENCE_REACH = 20  # characters before a number where a reference word (`Utgiftsområde`) names it

# ---------------------------------------------------------------- digits: splitting runs into values
MAX_DIGITS = 12  # a number of more digits is an id glued together, not money
MAX_GROUPS = 40  # a longer run of digit groups is a list of numbers, not a table row
MAX_GROUPS_PER_NUMBER = 4  # a number holds at most 4 groups of digits (MAX_DIGITS)
GROUP_DIGITS = 3  # a continuing group of a number has exactly three digits (`1 500 000`)
MAX_SPLITS = 64  # ways of cutting one run that are worth counting: more is as uncertain as two

# ---------------------------------------------------------------- columns: which values are money
MIN_TABLE_ROWS = 2  # one row out of ` | ` cells is a heading with a number, not a table
MIN_BODY_LIST_ROWS = 3  # a distribution list of bodies has at least three rows …
MIN_BODY_SHARE = Fraction(3, 5)  # … and at least this share of its labels name a body
MIN_BARE_DIGITS = 4  # with no unit declared, fewer digits is a count or a rank, not whole kronor
MIN_ROWS_FOR_TYPICAL = 4  # a column's typical number of digit groups needs this many full rows
CUT_OFF_GROUPS = 1  # a cell with more groups fewer than its column's typical is cut off (a page end)
