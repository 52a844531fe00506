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
from itertools import accumulate, count
from operator import add

import regex as re

from extractors.tables.defaults import REFERENCE_REACH
from extractors.tables.grammar import SPACE, grammar
from extractors.tables.model import Cell
from extractors.tables.prose import prose_line

# a run of numbers in a cell or row: digits may follow a letter or `)` (a glued label) but never
# `.`, `:`, `/`, `,` or a digit (`ap.1`, `1:1`, `2015/16`); it may not run into a letter, `%`, `:`,
# `/`, a date's `-04` or a decimal point
NUMBER_RUN = re.compile(
    rf"(?<![\d.,:/])(?<![\d\p{{L}}]-)(?:(?<=^|[\s|(])[-–−])?\d+(?:,\d+)?(?:{SPACE}(?:[-–−])?\d+(?:,\d+)?)*"
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
        self.texts = text.split("\n")
        # each line starts after the lengths of the lines above and their line breaks
        self.starts = list(map(add, accumulate(map(len, self.texts[:-1]), initial=0), count()))
        runs = _cell_runs(text, self.texts, taken)
        self.cut: dict[int, Line] = {}  # the lines with runs or pipes, by index
        for i, raw in enumerate(self.texts):
            found = runs.get(i)
            if found is not None or "|" in raw:
                start = self.starts[i]
                self.cut[i] = _cut(text, i, start, start + len(raw), raw, found or [])
        self._plain: dict[int, Line] = {}

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

    def has_labels(self, i: int) -> bool:
        line = self.cut.get(i)
        return not self.is_blank(i) if line is None else bool(line.labels)

    def runs(self, i: int) -> list[Cell]:
        line = self.cut.get(i)
        return [] if line is None else line.runs

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


def _cell_runs(text: str, raws: list[str], taken: Taken) -> dict[int, list[tuple[int, int]]]:
    """Per line (by index), the runs of numbers that may be a table's cells, as (start, end) in `text`: not an
    amount already read, a number of prose (`70 procent`) or a reference (`Utgiftsområde 7`). A `<` or `>`
    before a run is held back with it (`<5`). A line of prose (`prose.prose_line`) keeps none: it is read as
    one label cell, which gives the same rows."""
    out: dict[int, list[tuple[int, int]]] = {}
    i, line_start, line_end = -1, 0, -1
    spans: list[tuple[int, int]] = []  # the runs of line i that are not amounts

    def close() -> None:
        below = raws[i + 1] if i + 1 < len(raws) else ""
        if spans and not prose_line(text, raws[i], below, line_end, [e for _, e in spans]):
            kept = _cells(text, line_start, line_end, spans)
            if kept:
                out[i] = kept
        spans.clear()

    for m in NUMBER_RUN.finditer(text):
        s, e = m.span()
        if s > line_end:  # the line the run stands on (runs never span a line break)
            close()
            while s > line_end:
                i += 1
                line_start = line_end + 1
                line_end = line_start + len(raws[i])
        if not taken.overlaps(s, e):
            spans.append((s, e))
    if i >= 0:
        close()
    return out


def _cells(text: str, line_start: int, line_end: int, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The runs of one line that are not a number of prose or a reference."""
    g = grammar()
    out = []
    for s, e in spans:
        if g.not_a_cell_after.match(text, e, line_end) or g.reference_before.search(
            text, max(line_start, s - REFERENCE_REACH), s
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
