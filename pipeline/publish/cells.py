"""Text cells that a spreadsheet must show, never run: the one rule for every CSV bidrag writes and reads.

Excel and LibreOffice run a cell that begins with `=`, `+`, `-` or `@` (and,
in some versions, a tab or carriage return before them) as a formula, so a
document's text or a file's name (`=HYPERLINK(…)`) could act on the reader's
machine. Such a cell is written with a leading apostrophe, as Excel itself
marks text; a number (`-5`, `-2,5`) is left as it is. Reading a sheet back
takes one apostrophe off exactly where writing put one, so every text goes
round unchanged, an apostrophe-led text included.
"""

from __future__ import annotations

import regex as re

_NEEDS_QUOTE = re.compile(r"'*[=+\-@\t\r]")
_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")


def quote_formula(cell: str) -> str:
    """`cell` as a spreadsheet shows it and never runs it."""
    if _NEEDS_QUOTE.match(cell) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def unquote_formula(cell: str) -> str:
    """The text `quote_formula` was given: one apostrophe off where it put one."""
    if cell.startswith("'") and _NEEDS_QUOTE.match(cell, 1) and not _NUMBER.fullmatch(cell[1:]):
        return cell[1:]
    return cell
