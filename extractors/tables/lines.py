"""Step 1 of the table reader: every line of a text cut into label text and runs of numbers.

The runs are found in one scan of the whole text, not line by line: a run never
spans a line break (its digits and the spaces that group them are on one line),
and the pattern's look-arounds read a line break exactly as they read the start
or end of a line's own string, so the runs and their order are the same as a
scan of each line would give. Only the lines that hold a run or a ` | ` are cut
into pieces; every other line is one label cell (or none, when blank).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate, count, groupby
from operator import add

import regex as re

from extractors.numerals import DIGIT
from extractors.tables.defaults import REFERENCE_REACH
from extractors.tables.grammar import SPACE, grammar
from extractors.tables.model import Cell
from extractors.tables.prose import prose_line

# a run of numbers in a cell or row: digits may follow a letter or `)` (a glued label) but never
# `.`, `:`, `/`, `,` or a digit (`ap.1`, `1:1`, `2015/16`); it may not run into a letter, `%`, `:`,
# `/`, a date's `-04` or a decimal point
NUMBER_RUN = re.compile(
    rf"(?<![\d.,:/])(?<![\d\p{{L}}]-)(?:(?<=^|[\s|(])[-–−])?{DIGIT}+(?:,{DIGIT}+)?"
    rf"(?:{SPACE}(?:[-–−])?{DIGIT}+(?:,{DIGIT}+)?)*"
    r"(?![\d\p{L}%:/§]|[.,]\d|-[\d\p{L}])",
    re.MULTILINE,
)
_CELL_TEXT = re.compile(r"[^|]+")
# a cell that stands for a figure not given: none (`–`), not known (`..`)
_PLACEHOLDER = re.compile(r"[-–—]|\.\.")

LABEL, NUMBER = "L", "N"


@dataclass(slots=True)
class Line:
    index: int
    start: int
    end: int
    text: str
    labels: list[Cell]  # text pieces, in order, between number runs and pipes
    runs: list[Cell]
    pieces: list[tuple[str, Cell]]  # every label (LABEL) and run (NUMBER) in order


class Taken:
    """The spans other rules have read (amounts), sorted: does a span overlap one? In O(log n)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]
        self.reach = []  # the furthest end among the spans up to each one (spans may nest)
        far = -1
        for _, b in self.spans:
            far = max(far, b)
            self.reach.append(far)

    def overlaps(self, s: int, e: int) -> bool:
        k = bisect_left(self.starts, e)  # the spans that start before e …
        return k > 0 and self.reach[k - 1] > s  # … reach past s


class Lines:
    """The text's lines (split at `\n`), each as label cells and number runs. Most lines of a report have no
    run and no pipe: such a line is one label cell, or none when blank, and is made a `Line` only when asked
    for (`self[i]`); `texts` and `starts` serve the questions asked of every line."""

    def __init__(self, text: str, taken: Taken) -> None:
        self.text = text
        self.texts = text.split("\n")
        # each line starts after the lengths of the lines above and their line breaks
        self.starts = list(map(add, accumulate(map(len, self.texts[:-1]), initial=0), count()))
        runs, self._prose = _cell_runs(text, self.texts, self.starts, taken)
        self.cut: dict[int, Line] = {}  # the lines with runs or pipes, by index, in order
        for i in sorted(set(runs) | set(self._piped())):
            start, raw = self.starts[i], self.texts[i]
            self.cut[i] = _cut(text, i, start, start + len(raw), raw, runs.get(i, []))
        self._plain: dict[int, Line] = {}

    def _piped(self) -> list[int]:
        """The lines that hold a pipe."""
        out, at = [], self.text.find("|")
        while at >= 0:
            i = self.at(at)
            out.append(i)
            at = self.text.find("|", self.starts[i] + len(self.texts[i]))
        return out

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, i: int) -> Line:
        line = self.cut.get(i) or self._plain.get(i)
        if line is None:
            start, raw = self.starts[i], self.texts[i]
            line = self._plain[i] = _plain_line(i, start, start + len(raw), raw)
        return line

    def is_blank(self, i: int) -> bool:
        """No label and no run: a plain line of white space, or a cut one of pipes and white space."""
        line = self.cut.get(i)
        if line is None:
            raw = self.texts[i]
            return not raw or raw.isspace()
        return not line.pieces

    def numbers_below(self, j: int) -> tuple[list[Cell], int]:
        """The runs of the lines from j on that have no label (blank lines and lines only of numbers), and the
        first line after them."""
        runs: list[Cell] = []
        while j < len(self.texts):
            line = self.cut.get(j)
            if line is None:
                raw = self.texts[j]
                if raw and not raw.isspace():
                    break
            elif line.labels:
                break
            else:
                runs.extend(line.runs)
            j += 1
        return runs, j

    def has_runs(self, i: int) -> bool:
        """Whether line i keeps a run; a line of prose is asked its runs only now."""
        line = self.cut.get(i)
        if line is not None:
            return bool(line.runs)
        spans = self._prose.get(i)
        return spans is not None and bool(_cells(self.text, self.starts[i], self.starts[i] + len(self.texts[i]), spans))

    def last_filled(self, a: int, b: int) -> int:
        """The last line in [a, b) that is not blank (-1: none), among lines that are not cut."""
        for k in range(b - 1, a - 1, -1):
            raw = self.texts[k]
            if raw and not raw.isspace():
                return k
        return -1

    def filled(self, a: int, b: int) -> bool:
        """Whether a line in [a, b) is not blank, among lines that are not cut (their text is white space)."""
        span = self.text[self.starts[a] : self.starts[b] - 1] if a < b else ""
        return bool(span) and not span.isspace()

    def at(self, offset: int) -> int:
        """The index of the line that holds `offset`."""
        return max(0, bisect_right(self.starts, offset) - 1)


def _plain_line(index: int, start: int, end: int, line: str) -> Line:
    """Prose, a heading or a label line (most lines of a report): one cell, or none when blank."""
    words = line.strip()
    if not words:
        return Line(index, start, end, line, [], [], [])
    lead = start + len(line) - len(line.lstrip())
    cell = Cell(lead, lead + len(words), words)
    return Line(index, start, end, line, [cell], [], [(LABEL, cell)])


def _cell_runs(
    text: str, raws: list[str], starts: list[int], taken: Taken
) -> tuple[dict[int, list[tuple[int, int]]], dict[int, list[tuple[int, int]]]]:
    """Per line (by index), the runs of numbers that may be a table's cells, as (start, end) in `text`: not an
    amount already read, a number of prose (`70 procent`) or a reference (`Utgiftsområde 7`). A `<` or `>`
    before a run is held back with it (`<5`). A line of prose (`prose.prose_line`) is read as one label cell,
    which gives the same rows: its numbers are returned apart, unchecked, by line."""
    spans = [m.span() for m in NUMBER_RUN.finditer(text)]
    by_line = groupby(
        (span for span in spans if not taken.overlaps(*span)), key=lambda span: bisect_right(starts, span[0]) - 1
    )
    out: dict[int, list[tuple[int, int]]] = {}
    prose: dict[int, list[tuple[int, int]]] = {}
    for i, group in by_line:  # runs never span a line break
        line = list(group)
        below = raws[i + 1] if i + 1 < len(raws) else ""
        if prose_line(text, raws[i], below, starts[i], line):
            prose[i] = line
            continue
        kept = _cells(text, starts[i], starts[i] + len(raws[i]), line)
        if kept:
            out[i] = kept
    return out, prose


def _cells(text: str, line_start: int, line_end: int, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The runs of one line that are not a number of prose or a reference."""
    g = grammar()
    out = []
    for s, e in spans:
        if g.not_a_cell_after.match(text, e, line_end) or (
            g.reference_behind.match(text, s)
            and g.reference_before.search(text, max(line_start, s - REFERENCE_REACH), s)
        ):
            continue
        first = s - 1 if s > line_start and text[s - 1] in "<>" else s
        out.append((first, e))
    return out


def _cut(text: str, index: int, start: int, end: int, line: str, runs: list[tuple[int, int]]) -> Line:
    """A line with runs or pipes: the label text between its runs, split at pipes, and the runs."""
    out = Line(index, start, end, line, [], [], [])
    pos = start
    for first, e in runs:
        _label(text, pos, first, out)
        cell = Cell(first, e, text[first:e])
        out.runs.append(cell)
        out.pieces.append((NUMBER, cell))
        pos = e
    _label(text, pos, end, out)
    return out


def _label(text: str, a: int, b: int, out: Line) -> None:
    """The label cells of text[a:b]: one without a pipe (prose is one cell: no scan), else one per ` | ` cell;
    a cell a table leaves without its figure (`–`, `..`) is a value, not the end of the row."""
    piped = a < b and text.find("|", a, b) >= 0
    for s, e in (p.span() for p in _CELL_TEXT.finditer(text, a, b)) if piped else ((a, b),):
        chunk = text[s:e]
        words = chunk.strip()
        if not words:
            continue
        lead = s + len(chunk) - len(chunk.lstrip())
        cell = Cell(lead, lead + len(words), words)
        if piped and _PLACEHOLDER.fullmatch(words):
            out.runs.append(cell)
            out.pieces.append((NUMBER, cell))
        else:
            out.labels.append(cell)
            out.pieces.append((LABEL, cell))
