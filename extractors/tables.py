"""Tables in text: rows of a label and its numbers, whatever layout the text gives them.

Real documents reach the text stage with their tables flattened in many ways:
cells joined by ` | ` (our DOCX, HTML and ruled-PDF readers), one cell per
line under a run of header lines, columns separated by spaces, a label glued
to its number (`Disponeras av Skatteverket9 000`), or a whole table run into
one line of a web page (`Karlshamn 27 304 118 Karlskrona 49 870 215`). A
number in such a table is money only because something around it says so:
a caption or header (`belopp angivna i tkr`, `Fördelade medel (kronor)`), or
a distribution list of bodies introduced by money words.

The reading is in three steps, each one general:
1. every line is cut into label text and runs of numbers (`pieces`);
2. labels followed by numbers make rows; consecutive rows with the same
   number of values make a table; rows of years just above it are its column
   headers, short lines above it its caption and header;
3. a run of space-grouped digits is split into the row's number of values
   only where exactly one split is consistent with the digit grouping and
   with the rows whose split is certain (`317 205 481 064 739` under
   `Befolkning | Fördelade medel` is 317 205 and 481 064 739 because the
   other rows of the table have two groups and then three). Where the split
   stays uncertain the row gives no amount rather than a wrong one.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from statistics import median

import regex as re

from extractors import lang
from extractors.amounts import AmountMention, _decimals, caption_unit, parse_number
from extractors.amounts import grammar as money_grammar
from extractors.cells import TableCell
from extractors.lexicon import alternation
from extractors.sentences import list_item_pattern

MAX_LABEL_WORDS = 12
MAX_LABEL_CHARS = 110
MAX_HEADER_LINES = 6  # short lines above a table read as its caption and header
MAX_HEADER_LINE_CHARS = 160
COLUMN_LINE_CHARS = 60  # a column header line is short; a longer line is a caption or prose
INTRO_CHARS = 400  # of the prose right above a table, for a distribution list's money words
MAX_DIGITS = 12  # a number of more digits is an id glued together, not money
MAX_GROUPS = 40  # a longer run of digit groups is a list of numbers, not a table row

_SPACE = "[ \u00a0\u202f\u2009\u2007]"
# a run of numbers in a cell or row: digits may follow a letter or `)` (a glued label) but never
# `.`, `:`, `/`, `,` or a digit (`ap.1`, `1:1`, `2015/16`); it may not run into a letter, `%`, `:`,
# `/`, a date's `-04` or a decimal point
_NUMBER_RUN = re.compile(
    rf"(?<![\d.,:/])(?<![\d\p{{L}}]-)(?:(?<=^|[\s|(])[-–−])?\d+(?:,\d+)?(?:{_SPACE}(?:[-–−])?\d+(?:,\d+)?)*"
    r"(?![\d\p{L}%:/§]|[.,]\d|-[\d\p{L}])",
    re.MULTILINE,
)
_GROUP = re.compile(r"[-–−]?\d+(?:,\d+)?")
_YEAR = re.compile(r"(?:19|20)\d\d")
_SENTENCE_END = re.compile(r".*(?:[.!?:;]\s+|\.(?=\p{Lu}))", re.DOTALL)
_LETTER = re.compile(r"\p{L}")
_PARENTHESIS = re.compile(r"\([^()]*\)")
_CELL_TEXT = re.compile(r"[^|]+")
_DIGIT = re.compile(r"\d")


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


@dataclass(frozen=True)
class TableGrammar:
    money_header: re.Pattern
    count_header: re.Pattern
    money_context: re.Pattern
    not_a_cell_after: re.Pattern  # a number followed by these is prose (`70 procent`, `12 miljoner`)
    caption_start: re.Pattern  # `Tabell 1:`: a caption, not a column header
    reference_before: re.Pattern  # `Utgiftsområde 7`, `SFS 2020:`: the number names something


@lru_cache(maxsize=1)
def grammar() -> TableGrammar:
    cfg = lang.money()
    table = cfg["table"]
    follow = [f for u in cfg["unit"] for f in u["forms"]] + list(cfg["count_nouns"]) + list(table["prose_after"])
    return TableGrammar(
        money_header=re.compile(r"(?<!\p{L})" + alternation(table["money_headers"]) + r"(?!\p{L})", re.IGNORECASE),
        count_header=re.compile(
            r"(?<!\p{L})" + alternation(list(cfg["count_headers"]) + list(table["count_headers"])), re.IGNORECASE
        ),
        money_context=re.compile(alternation(cfg["money_context"]), re.IGNORECASE),
        reference_before=re.compile(
            r"(?<!\p{L})(?:"
            + alternation(list(cfg["not_money_before"]) + list(table["reference_words"]))
            + rf"){_SPACE}*\Z",
            re.IGNORECASE,
        ),
        caption_start=re.compile(alternation(table["caption_words"]) + r"(?!\p{L})", re.IGNORECASE),
        not_a_cell_after=re.compile(rf"{_SPACE}*(?:" + alternation(follow) + r")(?![\p{L}/])", re.IGNORECASE),
    )


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
    labels: list[Cell] = []
    runs: list[Cell] = []
    order: list[str] = []
    g = grammar()
    pos = 0

    def label(a: int, b: int) -> None:  # a span without a pipe (prose) is one cell: no scan
        cells = ((a, b),) if a < b and line.find("|", a, b) < 0 else (p.span() for p in _CELL_TEXT.finditer(line, a, b))
        for s, e in cells:
            chunk = line[s:e]
            words = chunk.strip()
            if words:
                lead = len(chunk) - len(chunk.lstrip())
                labels.append(Cell(start + s + lead, start + s + lead + len(words), words))
                order.append("L")

    for m in _NUMBER_RUN.finditer(line) if _DIGIT.search(line) else ():
        s, e = start + m.start(), start + m.end()
        if (
            taken.overlaps(s, e)
            or g.not_a_cell_after.match(line, m.end())
            or g.reference_before.search(line, max(0, m.start() - 20), m.start())
        ):
            continue  # an amount already read, a number of prose (`70 procent`), a reference (`Utgiftsområde 7`)
        label(pos, m.start())
        runs.append(Cell(s, e, m.group(0)))
        order.append("N")
        pos = m.end()
    label(pos, len(line))
    return _Line(index, start, end, line, labels, runs, order)


def _label_text(label: str) -> str:
    """A label's own words: the tail after the last sentence end of the prose it may stand in."""
    m = _SENTENCE_END.match(label)
    return label[m.end() :] if m else label


def _is_label(text: str) -> bool:  # cheapest test first; two letters found, not all of them counted
    first = _LETTER.search(text) if len(text) <= MAX_LABEL_CHARS and 0 < len(text.split()) <= MAX_LABEL_WORDS else None
    return first is not None and _LETTER.search(text, first.end()) is not None


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
        own = _label_text(text[first.start : last.end])
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
        if _is_label(own) and not prose and not alone:
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


def _line_is_numbers(ln: _Line) -> bool:
    return bool(ln.runs) and not ln.labels


def _blank(ln: _Line) -> bool:
    return not ln.labels and not ln.runs


def _row_candidates(text: str, lines: list[_Line]) -> list[Row | None]:
    """Rows in document order, None where something that is not a row breaks the sequence."""
    out: list[Row | None] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        if _blank(ln):
            i += 1
            continue
        if ln.labels and not ln.runs and len(ln.labels) == 1 and _is_label(ln.labels[0].text):
            # one cell per line: a label line, then lines that are only numbers
            j = i + 1
            runs: list[Cell] = []
            while j < len(lines) and (_blank(lines[j]) or _line_is_numbers(lines[j])):
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


# ---------------------------------------------------------------- 3. splitting runs into values


def _groups(run: Cell) -> list[Cell]:
    return [Cell(run.start + m.start(), run.start + m.end(), m.group(0)) for m in _GROUP.finditer(run.text)]


# A digit group as the splitting rules see it: (signed, digits before the comma, digits after it or -1,
# a leading zero, the group is `0`). Rows of one table share few shapes, so splits are cached by shape.
_Shape = tuple[bool, int, int, bool, bool]


def _shape(group: str) -> _Shape:
    signed = group[:1] in "-–−"
    whole, _, frac = group.lstrip("-–−").partition(",")
    return (signed, len(whole), len(frac) if "," in group else -1, whole.startswith("0"), whole == "0")


def _valid(parts: tuple[_Shape, ...]) -> bool:
    first = parts[0]
    if first[3] and not first[4]:
        return False  # a number does not start with a zero, unless it is 0 (`0,75`)
    if len(parts) > 1:
        if first[1] > 3 or first[2] >= 0:
            return False
        if not all(p[1] == 3 and not p[0] for p in parts[1:]) or any(p[2] >= 0 for p in parts[1:-1]):
            return False  # continuing groups: exactly three digits, a decimal part only at the end
    return sum(p[1] + max(p[2], 0) for p in parts) <= MAX_DIGITS


def splits(groups: list[str], k: int) -> list[tuple[int, ...]]:
    """Every way to cut the groups into k valid numbers, as the group count of each number (at most 64)."""
    if len(groups) > MAX_GROUPS:
        return []
    return list(_splits(tuple(_shape(g) for g in groups), k))


@lru_cache(maxsize=4096)
def _splits(shapes: tuple[_Shape, ...], k: int) -> tuple[tuple[int, ...], ...]:
    @cache
    def from_(i: int, left: int) -> tuple[tuple[int, ...], ...]:
        if i == len(shapes):
            return ((),) if left == 0 else ()
        if left == 0:
            return ()
        out: list[tuple[int, ...]] = []
        for j in range(i + 1, min(len(shapes), i + 5) + 1):  # a number holds at most 4 groups (12 digits)
            if _valid(shapes[i:j]):
                out.extend((j - i, *rest) for rest in from_(j, left - 1))
                if len(out) > 64:
                    break
        return tuple(out)

    return from_(0, k)


def feasible_widths(row: Row) -> set[int]:
    """The numbers of values the row's runs can be split into."""
    runs = [[g.text for g in _groups(run)] for run in row.runs]
    if len(runs) > 1:
        return {len(runs)} if all(splits(g, 1) for g in runs) else set()
    return {k for k in range(1, min(len(runs[0]), MAX_GROUPS) + 1) if splits(runs[0], k)}


def _values(run: Cell, shape: tuple[int, ...]) -> list[Cell]:
    gs = _groups(run)
    out, at = [], 0
    for n in shape:
        part = gs[at : at + n]
        out.append(Cell(part[0].start, part[-1].end, " ".join(p.text for p in part)))
        at += n
    return out


def _split_rows(rows: list[Row], k: int) -> None:
    """Split every row's runs into the table's k values where the split is certain: the digit grouping
    allows one split only, or one only among the shapes that the certain rows have."""
    if len(rows[0].runs) > 1:
        for r in rows:
            r.values = list(r.runs)  # cells that pipes, tabs or lines separate: each run is one value
        return
    options = [splits([g.text for g in _groups(r.runs[0])], k) for r in rows]
    certain = {got[0] for got in options if len(got) == 1}
    for r, got in zip(rows, options):
        if len(got) == 1:
            r.values = _values(r.runs[0], got[0])
        else:
            seen = [shape for shape in got if shape in certain]
            if len(seen) == 1:
                r.values = _values(r.runs[0], seen[0])


def _is_year(value: str) -> bool:
    return bool(_YEAR.fullmatch(value))


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
        groups.append(([r], min(widths)))
    years: list[int | None] = []
    header_from: int | None = None
    for g, k in groups:
        if not k:
            continue
        _split_rows(g, k)
        lead = 0
        while lead < len(g) - 1 and g[lead].values and all(_is_year(v.text) for v in g[lead].values):
            lead += 1
        if lead:
            # a header row of years over rows of the same width (`Tillskott, mdkr 2017 2018 | Kr/inv. 3 3`)
            years = [int(v.text) for v in g[lead - 1].values]
            header_from = g[0].label.start if header_from is None else header_from
            g = g[lead:]
        year_rows = all(r.values and all(_is_year(v.text) for v in r.values) for r in g)
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
    same_line = _label_text(text[line_start:start])
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
        in_column = in_column and len(raw) <= COLUMN_LINE_CHARS and not g.caption_start.match(raw)
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


# ---------------------------------------------------------------- columns


@dataclass(frozen=True)
class Column:
    kind: str  # "money", "count", "year" or "" (the header does not say)
    header: str


def columns(header: str) -> list[Column]:
    """The value columns a header names, in order: `Invånare (31 dec 2022) Andel Fördelade medel (kronor)`
    is a count, a count and money. Words inside parentheses qualify the column before them."""
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


def _value_columns(table: Table, k: int) -> list[Column]:
    """The header's columns over the k values, aligned right: label columns stand first."""
    if all(y is not None for y in table.years):
        return [Column("year", str(y)) for y in table.years]  # `Kommunen 2017 | Kommunen 2016`
    cols = columns(table.column_header)
    if len(cols) >= k:
        return cols[len(cols) - k :]
    return [Column("", "")] * (k - len(cols)) + cols


def table_amounts(text: str, tables: list[Table], names_body: Callable[[int, int], bool]) -> list[AmountMention]:
    """Bare numbers in the cells of `tables` (find_tables of the text, given the amounts already read) that are
    money: under a declared unit, a money column header, or in a distribution list of bodies introduced by
    money words.

    Each amount keeps its place in the table as a `TableCell` (its column's header, `Sökt`, `Beviljat 2023`,
    and its row's label), for the roles, bodies and periods linking gives it.
    """
    g = grammar()
    out: list[AmountMention] = []
    for table in tables:
        k = max(len(r.values) for r in table.rows) if any(r.values for r in table.rows) else 0
        if not k:
            continue
        unit = caption_unit(table.header)  # the last unit the caption or header declares
        cols = _value_columns(table, k)
        says_money = unit is not None or any(c.kind == "money" for c in cols)
        if not says_money:
            bodies = sum(1 for r in table.rows if names_body(r.label.start, r.label.end))
            if not (
                k == 1
                and len(table.rows) >= 3
                and bodies * 5 >= len(table.rows) * 3
                and g.money_context.search(table.intro + "\n" + table.header)
            ):
                continue
        if len(table.rows) < 2 and not (_in_cells(text, table.rows[0]) and says_money):
            continue  # one row out of cells is no table: a heading with a number (`Utgiftsområde 19`)
        scale, currency = unit or (1.0, "SEK")
        typical = _typical_groups(table, k)
        for r in table.rows:
            if len(r.values) != k:
                continue
            for c, (cell, col) in enumerate(zip(r.values, cols)):
                if col.kind == "count" or len(cell.text.split()) < typical[c] - 1:
                    continue  # a count, or a cut-off cell (`Kalmar 246` at the end of a page of millions)
                if table.years[c] is None and _is_year(cell.text) and scale == 1:
                    continue
                if unit is None and ("," in cell.text or sum(ch.isdigit() for ch in cell.text) < 4):
                    continue  # with no unit declared the sums are whole kronor: `12,5` under `Belopp` is in
                    # a unit the text does not give, and a 3-digit number is a count or a rank
                value = parse_number(cell.text) * scale
                out.append(
                    AmountMention(
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
                            row_label=(r.label.start, r.label.end),
                            column=c,
                            table=table.start,
                            column_header=col.header.strip(),
                            table_header=table.header,
                            column_year=table.years[c],
                        ),
                    )
                )
    return out


def _in_cells(text: str, row: Row) -> bool:
    """Whether the row's line is made of ` | ` cells, as a reader writes a table of a DOCX, HTML or PDF."""
    start = text.rfind("\n", 0, row.label.start) + 1
    end = text.find("\n", row.label.end)
    return " | " in text[start : end if end >= 0 else len(text)]


def _typical_groups(table: Table, k: int) -> list[float]:
    """Per column, the median number of digit groups of its cells (0 for a table of fewer than four rows)."""
    full = [r.values for r in table.rows if len(r.values) == k]
    if len(full) < 4:
        return [0.0] * k
    return [median(len(v[c].text.split()) for v in full) for c in range(k)]
