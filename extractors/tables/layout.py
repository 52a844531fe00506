"""Tables in text: rows of a label and its numbers, whatever layout the text gives them.

Real documents reach the text stage with their tables flattened in many ways:
cells joined by ` | ` (our DOCX, HTML and ruled-PDF readers), one cell per
line under a run of header lines, columns separated by spaces, a label glued
to its number (`Disponeras av Skatteverket9 000`), or a whole table run into
one line of a web page (`Karlshamn 27 304 118 Karlskrona 49 870 215`).

The layout is read in two steps, each one general:
1. every line is cut into label text and runs of numbers (`pieces`);
2. labels followed by numbers make rows; consecutive rows with the same
   number of values make a table (extractors/tables/digits.py splits the
   runs into values); rows of years just above it are its column headers,
   short lines above it its caption and header.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

import regex as re

from extractors.amounts import grammar as money_grammar
from extractors.sentences import list_item_pattern
from extractors.tables.defaults import (
    COLUMN_LINE_CHARS,
    INTRO_CHARS,
    MAX_CELL_LABEL_CHARS,
    MAX_CELL_LABEL_WORDS,
    MAX_HEADER_LINE_CHARS,
    MAX_HEADER_LINES,
    MAX_LABEL_CHARS,
    MAX_LABEL_WORDS,
    MIN_LABEL_LETTERS,
    REFERENCE_REACH,
)
from extractors.tables.digits import feasible_widths, is_year, split_rows
from extractors.tables.grammar import SPACE, grammar
from extractors.tables.model import Cell, Row, Table

# a run of numbers in a cell or row: digits may follow a letter or `)` (a glued label) but never
# `.`, `:`, `/`, `,` or a digit (`ap.1`, `1:1`, `2015/16`); it may not run into a letter, `%`, `:`,
# `/`, a date's `-04` or a decimal point
_NUMBER_RUN = re.compile(
    rf"(?<![\d.,:/])(?<![\d\p{{L}}]-)(?:(?<=^|[\s|(])[-–−])?\d+(?:,\d+)?(?:{SPACE}(?:[-–−])?\d+(?:,\d+)?)*"
    r"(?![\d\p{L}%:/§]|[.,]\d|-[\d\p{L}])",
    re.MULTILINE,
)
_SENTENCE_END = re.compile(r".*(?:[.!?:;]\s+|\.(?=\p{Lu}))", re.DOTALL)
_LETTER = re.compile(r"\p{L}")
_CELL_TEXT = re.compile(r"[^|]+")
_DIGIT = re.compile(r"\d")
# a cell that stands for a figure not given: none (`–`), not known (`..`)
_PLACEHOLDER = re.compile(r"[-–—]|\.\.")


# ---------------------------------------------------------------- 1. pieces of a line


@dataclass
class _Line:
    index: int
    start: int
    end: int
    text: str
    labels: list[Cell]  # text pieces, in order, between number runs and pipes
    runs: list[Cell]
    order: list[str]  # "L" / "N" for each piece in order


class _Taken:
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


def _pieces(text: str, start: int, end: int, index: int, taken: _Taken) -> _Line:
    line = text[start:end]
    if "|" not in line and _DIGIT.search(line) is None:
        # prose, a heading or a label line (most lines of a report): one cell, or none when blank
        words = line.strip()
        if not words:
            return _Line(index, start, end, line, [], [], [])
        lead = start + len(line) - len(line.lstrip())
        return _Line(index, start, end, line, [Cell(lead, lead + len(words), words)], [], ["L"])
    labels: list[Cell] = []
    runs: list[Cell] = []
    order: list[str] = []
    g = grammar()
    pos = 0

    def label(a: int, b: int) -> None:  # a span without a pipe (prose) is one cell: no scan
        piped = a < b and line.find("|", a, b) >= 0
        cells = (p.span() for p in _CELL_TEXT.finditer(line, a, b)) if piped else ((a, b),)
        for s, e in cells:
            chunk = line[s:e]
            words = chunk.strip()
            if words and piped and _PLACEHOLDER.fullmatch(words):
                # a cell a table leaves without its figure (`–`, `..`): a value, not the end of the row
                lead = len(chunk) - len(chunk.lstrip())
                runs.append(Cell(start + s + lead, start + s + lead + len(words), words))
                order.append("N")
            elif words:
                lead = len(chunk) - len(chunk.lstrip())
                labels.append(Cell(start + s + lead, start + s + lead + len(words), words))
                order.append("L")

    for m in _NUMBER_RUN.finditer(line) if _DIGIT.search(line) else ():
        s, e = start + m.start(), start + m.end()
        if (
            taken.overlaps(s, e)
            or g.not_a_cell_after.match(line, m.end())
            or g.reference_before.search(line, max(0, m.start() - REFERENCE_REACH), m.start())
        ):
            continue  # an amount already read, a number of prose (`70 procent`), a reference (`Utgiftsområde 7`)
        first = m.start() - 1 if m.start() and line[m.start() - 1] in "<>" else m.start()  # `<5`: held back
        label(pos, first)
        runs.append(Cell(start + first, e, line[first : m.end()]))
        order.append("N")
        pos = m.end()
    label(pos, len(line))
    return _Line(index, start, end, line, labels, runs, order)


def label_text(label: str) -> str:
    """A label's own words: the tail after the last sentence end of the prose it may stand in."""
    m = _SENTENCE_END.match(label)
    return label[m.end() :] if m else label


def _is_label(text: str) -> bool:
    """Cheapest test first; the letters are found one by one up to the minimum, never all counted."""
    if not (len(text) <= MAX_LABEL_CHARS and 0 < len(text.split()) <= MAX_LABEL_WORDS):
        return False
    return _has_letters(text)


def _has_letters(text: str) -> bool:
    """At least MIN_LABEL_LETTERS letters: a label has words, not a code or a stray sign."""
    pos = 0
    for _ in range(MIN_LABEL_LETTERS):
        found = _LETTER.search(text, pos)
        if found is None:
            return False
        pos = found.end()
    return True


def _is_cell_label(label: str, gap: str) -> bool:
    """A longer label stands in its own ` | ` cell (`gap`: the text up to its first value): a budget table
    names a measure in a phrase (`Stärkt stöd till läsfrämjande insatser i skolor och på bibliotek | 40`)."""
    if "|" not in gap or len(label) > MAX_CELL_LABEL_CHARS or len(label.split()) > MAX_CELL_LABEL_WORDS:
        return False
    return _has_letters(label)


def _is_cell_row(text: str, row: Row) -> bool:
    """Whether the row's values stand in ` | ` cells, as our readers write a table's row."""
    return bool(row.runs) and "|" in text[row.label.end : row.runs[0].start]


# ---------------------------------------------------------------- 2. rows and tables


def _rows_of_line(ln: _Line, text: str) -> list[Row | None]:
    """The rows a line holds, None where the sequence breaks: `label numbers`, `label | n | n`, label-number
    pairs run together (`Karlshamn 27 304 118 Karlskrona 49 870 215`), also after prose on the same line
    (`… fördelas. Tillskott, mdkr 2017 2018`). A number inside a sentence is no row."""
    pieces: list[tuple[str, Cell]] = []
    li = ri = 0
    for kind in ln.order:
        if kind == "L":
            pieces.append(("L", ln.labels[li]))
            li += 1
        else:
            pieces.append(("N", ln.runs[ri]))
            ri += 1
    out: list[Row | None] = []
    k = 0
    while k < len(pieces):
        if pieces[k][0] != "L":
            k += 1  # a page or list number before the first label (`3 Blekinge län Karlshamn 27 304 118`)
            continue
        # labels separated only by pipes are one label (`ap.1 | Länsstyrelsen i X (ram)`)
        first = last = pieces[k][1]
        while k + 1 < len(pieces) and pieces[k + 1][0] == "L":
            k += 1
            last = pieces[k][1]
        if k + 1 >= len(pieces):
            break
        own = label_text(text[first.start : last.end])
        runs: list[Cell] = []
        while k + 1 < len(pieces) and pieces[k + 1][0] == "N":
            k += 1
            runs.append(pieces[k][1])
        prose = k + 1 < len(pieces) and _continues_sentence(text, pieces[k][1].end, pieces[k + 1][1])
        # a row with text after it on its line stands only in a run of rows (`Totalt 10 10 Av det …`),
        # never alone (`… nu. Om rege30 Modellen utgår …`: a footnote number)
        alone = (
            k + 1 < len(pieces)
            and not (out and out[-1] is not None)
            and not (k + 2 < len(pieces) and pieces[k + 2][0] == "N")
        )
        labelled = _is_label(own) or bool(runs and _is_cell_label(own, text[last.end : runs[0].start]))
        if labelled and not prose and not alone:
            out.append(Row(Cell(last.end - len(own), last.end, own), runs, line=ln.index))
        else:
            out.append(None)
        k += 1
    return out


def _continues_sentence(text: str, number_end: int, after: Cell) -> bool:
    """Running text goes on after a number in lower case (`27 juni`, `7 och 8 §§`); a table's next
    label starts a new cell (`Karlskrona`, `Summa`, `| ap.2`) or stands behind a pipe."""
    if "|" in text[number_end : after.start]:
        return False
    words = after.text.lstrip(" ,;(")
    first = words[:1]
    return first.isalpha() and first.islower()


def _row_candidates(text: str, lines: list[_Line]) -> list[Row | None]:
    """Rows in document order, None where something that is not a row breaks the sequence."""
    out: list[Row | None] = []
    i, n = 0, len(lines)
    while i < n:
        ln = lines[i]
        if not ln.labels and not ln.runs:  # blank
            i += 1
            continue
        if ln.labels and not ln.runs and len(ln.labels) == 1 and _is_label(ln.labels[0].text):
            # one cell per line: a label line, then lines that are only numbers
            j = i + 1
            runs: list[Cell] = []
            while j < n and (not lines[j].labels):  # blank lines and lines that are only numbers
                runs.extend(lines[j].runs)
                j += 1
            if runs:
                out.append(Row(ln.labels[0], runs, line=i))
                i = j
                continue
            out.append(None)
            i += 1
            continue
        if ln.runs:
            out.extend(_rows_of_line(ln, text))
            if ln.order[-1] == "L" and not _is_label(ln.labels[-1].text):
                out.append(None)  # prose after the rows ends the table
        else:
            out.append(None)
        i += 1
    return out


# ---------------------------------------------------------------- tables


def find_tables(text: str, taken: list[tuple[int, int]] | None = None) -> list[Table]:
    """The tables of `text`: runs of rows with the same number of values, with their header and intro."""
    spans = _Taken(list(taken or []))
    lines: list[_Line] = []
    pos = 0
    for i, raw in enumerate(text.split("\n")):
        lines.append(_pieces(text, pos, pos + len(raw), i, spans))
        pos += len(raw) + 1
    candidates = _row_candidates(text, lines)
    row_lines = {r.line for r in candidates if r is not None}
    tables: list[Table] = []
    run: list[Row] = []

    def close() -> None:
        if run:
            tables.extend(_tables_of_run(text, lines, list(run), row_lines))
            run.clear()

    for row in candidates:
        if row is None:
            close()
        else:
            run.append(row)
    close()
    return tables


def _tables_of_run(text: str, lines: list[_Line], rows: list[Row], row_lines: set[int]) -> list[Table]:
    """A run of rows may hold a header row of years and several tables of different widths."""
    out: list[Table] = []
    # consecutive rows make one table while one width fits them all: the widest of their fewest values
    groups: list[tuple[list[Row], int]] = []
    fits = {id(r): feasible_widths(r) for r in rows}
    for r in rows:
        widths = fits[id(r)]
        if not widths:
            groups.append(([r], 0))
            continue
        if groups and groups[-1][1]:
            members, k = groups[-1]
            wanted = max(k, min(widths))
            if wanted in widths and all(wanted in fits[id(m)] for m in members):
                members.append(r)
                groups[-1] = (members, wanted)
                continue
            if _is_cell_row(text, members[-1]) and _is_cell_row(text, r):
                # a table of cells whose rows leave their last cells empty (`Stöd A | 3 | 3` under three years)
                members.append(r)
                groups[-1] = (members, max(k, len(r.runs)))
                continue
        groups.append(([r], min(widths)))
    years: list[int | None] = []
    header_from: int | None = None
    for g, k in groups:
        if not k:
            continue
        split_rows(g, k)
        lead = 0
        while lead < len(g) - 1 and g[lead].values and all(is_year(v.text) for v in g[lead].values):
            lead += 1
        if lead:
            # a header row of years over rows of the same width (`Tillskott, mdkr 2017 2018 | Kr/inv. 3 3`)
            years = [int(v.text) for v in g[lead - 1].values]
            header_from = g[0].label.start if header_from is None else header_from
            g = g[lead:]
        year_rows = all(r.values and all(is_year(v.text) for v in r.values) for r in g)
        if year_rows:
            # a header row of years (`2017 2018 2019`), or year cells one per line (`Kommunen | 2017`)
            years = [int(v.text) for r in g for v in r.values]
            header_from = g[0].label.start if header_from is None else header_from
            continue
        table = Table(g, "", "", years if len(years) == k else [None] * k)
        table.start, table.end = g[0].label.start, g[-1].values[-1].end if g[-1].values else g[-1].runs[-1].end
        _around(text, lines, header_from if header_from is not None else table.start, table, row_lines)
        if header_from is not None:
            if table.header_start is None:
                table.header_start = header_from
            years_row = text[header_from : g[0].label.start]  # the row of years: the nearest header
            table.header += "\n" + years_row
            table.column_header += "\n" + years_row
        out.append(table)
        years, header_from = [], None
    return out


def _ends_sentence(line: str) -> bool:
    """A line that ends a sentence (`… enligt förordningen.`), not an abbreviated unit (`Belopp i tkr.`)."""
    if not line.endswith("."):
        return False
    last = line.rsplit(None, 1)[-1].lower()
    return last not in money_grammar().units  # the unit forms, as the amount rules read them


def _is_column_line(line: str) -> bool:
    """A short line names columns; so does a longer one a reader wrote as ` | ` cells, each short
    (`Län | Fördelade medel | Antal platser som medlen räcker till`)."""
    if len(line) <= COLUMN_LINE_CHARS:
        return True
    cells = line.split("|")
    return len(cells) > 1 and all(len(c.strip()) <= COLUMN_LINE_CHARS for c in cells)


def _line_at(lines: list[_Line], offset: int) -> int:
    """The index of the line that holds `offset` (lines are in order: a binary search on their starts)."""
    lo, hi = 0, len(lines)
    while lo < hi:
        mid = (lo + hi) // 2
        if lines[mid].start <= offset:
            lo = mid + 1
        else:
            hi = mid
    return max(0, lo - 1)


def _around(text: str, lines: list[_Line], start: int, table: Table, row_lines: set[int]) -> None:
    """Fill in the table's caption and header (the lines above `start` and a short line right below the
    table), its column header (the short lines right above the rows) and the intro (prose above)."""
    g = grammar()
    first = _line_at(lines, start)
    line_start = lines[first].start
    same_line = label_text(text[max(line_start, start - MAX_HEADER_LINE_CHARS) : start])  # linear: not all the line
    header = [same_line]
    column = [same_line]
    in_column = True
    intro = ""
    taken = 0
    caption_open = True
    i = first - 1
    while i >= 0 and taken < MAX_HEADER_LINES and i not in row_lines:
        raw = lines[i].text.strip()
        if not raw:
            i -= 1
            continue
        if (len(raw) > MAX_HEADER_LINE_CHARS or _ends_sentence(raw)) and "|" not in raw:
            # prose above the table: a long line, or the end of a sentence a PDF wrapped into short lines
            intro = text[max(0, lines[i].end - INTRO_CHARS) : lines[i].end]
            break
        was_column = in_column
        in_column = in_column and _is_column_line(raw) and not g.caption_start.match(raw)
        if in_column:
            column.append(raw)
        elif was_column:
            while len(column) > 1 and column[-1][:1].islower():
                column.pop()  # the wrapped end of a caption (`Tabell 1: … kostnader / genom statsbidrag`)
        header.append(raw)
        caption_open = caption_open and not list_item_pattern().match(raw)  # a list above is not the caption
        if caption_open:
            table.header_start = lines[i].start + len(lines[i].text) - len(lines[i].text.lstrip())
        taken += 1
        i -= 1
    if not intro:
        intro = text[max(0, start - INTRO_CHARS) : start]
    j = _line_at(lines, table.end) + 1
    while j < len(lines) and not lines[j].text.strip():
        j += 1
    below = ""
    if j < len(lines) and len(lines[j].text.strip()) <= COLUMN_LINE_CHARS and not lines[j].runs:
        below = lines[j].text.strip()  # a caption under the table (`Belopp angivna i tkr`)
    # nearest last: the unit declared closest to the rows wins
    table.header = "\n".join([below, *reversed(header)])
    table.column_header = "\n".join(reversed(column))
    table.intro = intro
