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

from extractors.amounts import grammar as money_grammar
from extractors.numerals import int_of
from extractors.sentences import list_item_pattern
from extractors.tables.defaults import (
    COLUMN_LINE_CHARS,
    INTRO_CHARS,
    MAX_CELL_LABEL_CHARS,
    MAX_CELL_LABEL_WORDS,
    MAX_HEADER_LINE_CHARS,
    MAX_HEADER_LINES,
)
from extractors.tables.digits import feasible_widths, is_year, split_rows
from extractors.tables.grammar import grammar
from extractors.tables.lines import LABEL, NUMBER, Line, Lines, Taken
from extractors.tables.model import Cell, Row, Table
from extractors.tables.prose import has_letters, is_label, label_text

# ---------------------------------------------------------------- labels


def _is_cell_label(label: str, gap: str) -> bool:
    """A longer label stands in its own ` | ` cell (`gap`: the text up to its first value): a budget table
    names a measure in a phrase (`Stärkt stöd till läsfrämjande insatser i skolor och på bibliotek | 40`)."""
    if "|" not in gap or len(label) > MAX_CELL_LABEL_CHARS or len(label.split()) > MAX_CELL_LABEL_WORDS:
        return False
    return has_letters(label)


def _is_cell_row(text: str, row: Row) -> bool:
    """Whether the row's values stand in ` | ` cells, as our readers write a table's row."""
    return bool(row.runs) and "|" in text[row.label.end : row.runs[0].start]


# ---------------------------------------------------------------- 2. rows and tables


def _rows_of_line(ln: Line, text: str) -> list[Row | None]:
    """The rows a line holds, None where the sequence breaks: `label numbers`, `label | n | n`, label-number
    pairs run together (`Karlshamn 27 304 118 Karlskrona 49 870 215`), also after prose on the same line
    (`… fördelas. Tillskott, mdkr 2017 2018`). A number inside a sentence is no row."""
    pieces = ln.pieces
    out: list[Row | None] = []
    k = 0
    while k < len(pieces):
        if pieces[k][0] != LABEL:
            k += 1  # a page or list number before the first label (`3 Blekinge län Karlshamn 27 304 118`)
            continue
        # labels separated only by pipes are one label (`ap.1 | Länsstyrelsen i X (ram)`)
        first = last = pieces[k][1]
        while k + 1 < len(pieces) and pieces[k + 1][0] == LABEL:
            k += 1
            last = pieces[k][1]
        if k + 1 >= len(pieces):
            break
        runs: list[Cell] = []
        while k + 1 < len(pieces) and pieces[k + 1][0] == NUMBER:
            k += 1
            runs.append(pieces[k][1])
        prose = k + 1 < len(pieces) and _continues_sentence(text, pieces[k][1].end, pieces[k + 1][1])
        # a row with text after it on its line stands only in a run of rows (`Totalt 10 10 Av det …`),
        # never alone (`… nu. Om rege30 Modellen utgår …`: a footnote number)
        alone = (
            k + 1 < len(pieces)
            and not (out and out[-1] is not None)
            and not (k + 2 < len(pieces) and pieces[k + 2][0] == NUMBER)
        )
        # the label is read last, and only for a row the layout allows: most numbers in prose are not
        if not prose and not alone and _labelled(text, first, last, runs):
            own = label_text(text[first.start : last.end])
            out.append(Row(Cell(last.end - len(own), last.end, own), runs, line=ln.index))
        else:
            out.append(None)
        k += 1
    return out


def _labelled(text: str, first: Cell, last: Cell, runs: list[Cell]) -> bool:
    """Whether the label pieces first..last end in a row's label: short words (after the last sentence end of
    the prose they may stand in), or a longer phrase in its own ` | ` cell."""
    own = label_text(text[first.start : last.end])
    return is_label(own) or bool(runs and _is_cell_label(own, text[last.end : runs[0].start]))


def _continues_sentence(text: str, number_end: int, after: Cell) -> bool:
    """Running text goes on after a number in lower case (`27 juni`, `7 och 8 §§`); a table's next
    label starts a new cell (`Karlskrona`, `Summa`, `| ap.2`) or stands behind a pipe."""
    if "|" in text[number_end : after.start]:
        return False
    words = after.text.lstrip(" ,;(")
    first = words[:1]
    return first.isalpha() and first.islower()


def _row_candidates(text: str, lines: Lines) -> list[Row | None]:
    """Rows in document order, None where something that is not a row breaks the sequence. A None first or
    right after another changes nothing (it only closes a run of rows), so what would decide only such a
    None is not worked out: whether a line is a label is asked only when number lines follow it, whether
    prose ends a line only after a row. So of the lines between two cut ones (`Lines.cut`: with numbers or
    pipes), each only breaks the rows but the last, which may be the label of the numbers below it."""
    out: list[Row | None] = []
    i = 0
    for c in lines.cut:
        if c < i:
            continue  # taken as numbers below a label line
        last = lines.last_filled(i, c)
        if last >= 0:
            if lines.filled(i, last):
                _break(out)
            i = _line_rows(out, text, lines, last)
            if i > c:
                continue
        i = _line_rows(out, text, lines, c)
    return out


def _break(out: list[Row | None]) -> None:
    if out and out[-1] is not None:
        out.append(None)


def _line_rows(out: list[Row | None], text: str, lines: Lines, i: int) -> int:
    """Add the rows of line i, which is not blank, to `out`; the next line to read."""
    ln = lines.cut.get(i)
    if ln is not None and not ln.pieces:  # blank
        return i + 1
    if ln is None or not ln.runs:
        # one cell per line: a label line, then lines that are only numbers
        runs, j = lines.numbers_below(i + 1)
        ln = lines[i] if runs else ln
        if ln is not None and runs and len(ln.labels) == 1 and is_label(ln.labels[0].text):
            out.append(Row(ln.labels[0], runs, line=i))
            return j
        _break(out)
        return i + 1
    out.extend(_rows_of_line(ln, text))
    if out and out[-1] is not None and ln.pieces[-1][0] == LABEL and not is_label(ln.labels[-1].text):
        out.append(None)  # prose after the rows ends the table
    return i + 1


# ---------------------------------------------------------------- tables


def find_tables(text: str, taken: list[tuple[int, int]] | None = None) -> list[Table]:
    """The tables of `text`: runs of rows with the same number of values, with their header and intro."""
    lines = Lines(text, Taken(list(taken or [])))
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


def _tables_of_run(text: str, lines: Lines, rows: list[Row], row_lines: set[int]) -> list[Table]:
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
            years = [int_of(v.text) for v in g[lead - 1].values]
            header_from = g[0].label.start if header_from is None else header_from
            g = g[lead:]
        year_rows = all(r.values and all(is_year(v.text) for v in r.values) for r in g)
        if year_rows:
            # a header row of years (`2017 2018 2019`), or year cells one per line (`Kommunen | 2017`)
            years = [int_of(v.text) for r in g for v in r.values]
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


def _around(text: str, lines: Lines, start: int, table: Table, row_lines: set[int]) -> None:
    """Fill in the table's caption and header (the lines above `start` and a short line right below the
    table), its column header (the short lines right above the rows) and the intro (prose above)."""
    g = grammar()
    first = lines.at(start)
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
    j = lines.at(table.end) + 1
    while j < len(lines) and not lines[j].text.strip():
        j += 1
    below = ""
    if j < len(lines) and len(lines[j].text.strip()) <= COLUMN_LINE_CHARS and not lines.has_runs(j):
        below = lines[j].text.strip()  # a caption under the table (`Belopp angivna i tkr`)
    # nearest last: the unit declared closest to the rows wins
    table.header = "\n".join([below, *reversed(header)])
    table.column_header = "\n".join(reversed(column))
    table.intro = intro
