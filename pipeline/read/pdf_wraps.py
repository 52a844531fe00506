"""Where a PDF broke what its writer set as one: the lines a column wrapped, and a number a narrow cell broke.

The text of a document has each paragraph on one line; a PDF breaks it at every column's edge. In a
narrow column (a page set in two columns) a table row, a caption, a column header or a table run into one
paragraph of name and sum pairs breaks too, and a ruled table's cell can be too narrow for its number.
These decide, line by line and cell by cell, what the reader (text_pdf.py) joins back.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate

from extractors.numerals import DIGIT, DIGIT_CHARS, ascii_digits

PARAGRAPH_GAP = 1.2  # a gap this many times the page's usual line spacing ends a paragraph
SHORT_LINE = 0.85  # a line shorter than this share of a full line does not reach the margin: it ends there
Span = tuple[float, ...]  # (bottom, font size) of a line, and (left, right) where the reader knows them
_BLANKS = re.compile(r"\s+")


WRAPPED_LINE = 30  # characters: a shorter line is a cell or a label of its own, unless the next word is longer
CELLS_ONLY_LINE = WRAPPED_LINE  # characters: a page whose lines are all shorter holds cells, not a wrapped column
DESCENDER = 0.25  # of the type size: how much lower a line with descenders (`g`, `p`, `,`) ends than one without
MAX_LEADING = 1.9  # of the type size: lines further apart than this are never one paragraph's


def tight_steps(spans: list[Span], steps: list[float], usual: list[float]) -> list[bool]:
    """For each step between lines (and False after the last): is it inside one paragraph? The paragraph's
    own line spacing is the lower decile of the page's steps, give or take a descender (where most
    paragraphs are one row of a table, even the lower quartile is the gap between them), and never more
    than a leading can be."""
    line_step = PARAGRAPH_GAP * usual[len(usual) // 10]
    # d <= min(a, b) as two comparisons: min() called per line cost as much as the rest
    tight = [
        d > 0 and d <= line_step + DESCENDER * span[1] and d <= MAX_LEADING * span[1] for d, span in zip(steps, spans)
    ]
    return [*tight, False]


_ENDS_IN_NUMBER = re.compile(r"\d\s*$")
# the rest of a row's numbers: digit groups, decimals, signs and shares, and nothing else
_ONLY_NUMBERS = re.compile(r"\s*(?:[-–−]?\d+(?:,\d+)?%?(?:[ \u00a0]+|$))+$")


def soft_wrap(line: str, following: str, full: int, goes_on: bool, columns: ColumnEdges | None, k: int) -> bool:
    """The column, not the writer, broke `line` (line k) before `following`, inside one paragraph: the next
    word would not have fitted. The text has each paragraph on one line, and so a table row, a caption or a
    column header set in a narrow column, or a table run into one paragraph (`Osby 31` / `321 953 Ystad
    …`), reads as the text does. A line that ends in a number joins only the rest of a number: rows of a
    table each end in their own. `columns` tells from the lines' edges whether a word would have fitted;
    without them (a scan's lines) only a wrapped table row is joined (`_wraps_into_its_value`), judged on
    the lines' lengths in characters. `goes_on`: the line after `following` is in the same paragraph."""
    words = following.split(None, 1)
    if not words or line[-1:] in ".:!?":
        return False
    first = words[0]
    if columns is not None:
        # `_ENDS_IN_NUMBER` (`\d\s*$`) as string methods: the last character that is not a blank is a digit
        rest_of_number = not line.rstrip()[-1:].isdecimal() or following.lstrip()[:1].isdigit()
        return rest_of_number and not columns.word_fits(k, len(first))  # asked last: it looks at the other lines
    # a short line the next word would have fitted on ends there
    full_line = len(line) + 1 + len(first) > SHORT_LINE * full and (
        len(line) >= WRAPPED_LINE or len(line) + 1 + len(first) > full
    )
    return full_line and _wraps_into_its_value(line, following, full, goes_on)


class ColumnEdges:
    """Would a word have fitted after a line, before the right edge of its column: the furthest any line
    reaching across its stretch of the page goes? The edges are built once a page, when first asked: the
    lines by their left edge, and the furthest right edge among the first k of them (the furthest of the
    lines that start left of a line's right edge reaches across it whenever any of them does)."""

    def __init__(self, spans: list[Span], lines: list[str]) -> None:
        self.spans, self.lines = spans, lines
        self.lefts: list[float] | None = None
        self.furthest: list[float] = []

    def edge(self, left: float, right: float) -> float:
        if self.lefts is None:
            known = sorted([(s[2], s[3]) for s in self.spans if s[3] > s[2]])
            self.lefts = [a for a, _ in known]
            self.furthest = list(accumulate([b for _, b in known], max))  # the running furthest right edge
        k = bisect_left(self.lefts, right)
        return self.furthest[k - 1] if k and self.furthest[k - 1] > left else right

    def word_fits(self, k: int, chars: int) -> bool:
        """Would the first `chars` characters of line k + 1 have fitted after line k? The word at line
        k + 1's own mean width per character."""
        here, after = self.spans[k], self.spans[k + 1]
        start, end = after[2], after[3]
        length = len(self.lines[k + 1].strip())
        if end <= start or not length:
            return True
        return here[3] + (chars + 1) * (end - start) / length <= self.edge(here[2], here[3])


def _wraps_into_its_value(line: str, following: str, full: int, goes_on: bool) -> bool:
    """A table row set as a line of text wraps in a narrow column: its label runs onto the next line, with the
    row's number at that line's end, or the numbers break between their digit groups (`… 619` / `922`).
    Such a break is the column's, not the row's, and is read as a space so that label and number stay one row.
    Only where the next line ends the row: it is short or its paragraph ends with it."""
    if _ENDS_IN_NUMBER.search(line):
        return _ONLY_NUMBERS.match(following) is not None  # a number broken between its groups, or the next ones
    ends_row = len(following.rstrip()) < SHORT_LINE * full or not goes_on
    return _ENDS_IN_NUMBER.search(following) is not None and ends_row


_BROKEN_NUMBER = re.compile(rf"[-–−]?[{DIGIT_CHARS}\s]+(?:,[{DIGIT_CHARS}\s]+)?")
_GROUPED = re.compile(rf"[-–−]?{DIGIT}{{1,3}}(?: {DIGIT}{{3}})*(?:,{DIGIT}+)?")
GROUPED_FROM = 5  # digits: a whole number this long is written in groups of three (`486 498`; `2019` is not)


def cell_text(cell: str) -> str:
    """A cell's text on one line. A number the cell was too narrow for breaks anywhere, even inside a group of
    digits (`48` / `6 4` / `98`): its lines are one number, set again as Swedish sets it, in groups of three."""
    spaced = _BLANKS.sub(" ", cell).strip()
    if "\n" not in cell.strip() or not _BROKEN_NUMBER.fullmatch(spaced) or _GROUPED.fullmatch(spaced):
        return spaced  # prose, or a number that broke between its groups
    whole, _, decimals = _BLANKS.sub("", cell).partition(",")
    sign = whole[:1] if whole[:1] in "-–−" else ""
    digits = whole[len(sign) :]
    if len(digits) >= GROUPED_FROM:
        digits = in_groups_of_three(digits)
    return sign + digits + ("," + decimals if decimals else "")


def in_groups_of_three(digits: str) -> str:
    """`486498` → `486 498`, leading zeros dropped, by slicing the digits: `int()` refuses a run of over 4,300
    digits, and one broken cell of a malformed PDF must not fail its whole document. Full-width digits
    (`１２`: any digit extractors/numerals.py reads) are written in ASCII."""
    digits = ascii_digits(digits)
    digits = digits.lstrip("0") or "0"
    head = len(digits) % 3 or 3
    return " ".join([digits[:head], *(digits[i : i + 3] for i in range(head, len(digits), 3))])
