"""A document's structure in one shape, whatever format it came in: headings, paragraphs, list items and tables
(caption, header rows, body rows, cells), each with its offsets into `documents.text` and its page.

Every reader writes the structure it sees into the text the same way: paragraphs apart by a blank line, a
heading on a line of its own, a list item on its own line (`• ` from `<li>`, Word numbering and PDF bullets), a
table row as ` | `-separated cells (Word, HTML and ruled PDF tables); plain text brings its own table layouts
(columns of spaces, one cell per line, a label glued to its number). `read_blocks` reads that back: the line
structure from extractors/sentences.py (which linking segments) and the tables from extractors/tables/ (whose
rows and columns give table facts their body, role and period). So no rule after the readers looks at a format,
and a document gives the same blocks as text, PDF, DOCX or a web page (tests/test_format_invariance.py).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

import regex as re

from extractors.sentences import LineBlock, line_blocks, trim
from extractors.tables import Row, Table, find_tables

KINDS = ("heading", "paragraph", "list_item", "table")


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class TableRow:
    label: Span  # the row's first cell: the body, the place or the item the numbers are about
    cells: tuple[Span, ...]  # its number cells, one per value column

    def texts(self, document: str) -> list[str]:
        return [document[c.start : c.end] for c in (self.label, *self.cells)]


@dataclass(frozen=True)
class Block:
    kind: str  # heading | paragraph | list_item | table
    start: int
    end: int
    page: int | None
    caption: Span | None = None  # a table's caption and header lines above its rows
    header_rows: tuple[TableRow, ...] = ()  # a row of column years (`2017 2018 2019`) read as a header
    rows: tuple[TableRow, ...] = ()

    def text(self, document: str) -> str:
        return document[self.start : self.end]

    def as_dict(self, document: str) -> dict:
        """Kind, page, offsets and text; a table's caption, header rows and rows as cell texts (for JSON)."""
        out: dict = {"kind": self.kind, "page": self.page, "start": self.start, "end": self.end}
        if self.kind != "table":
            out["text"] = self.text(document)
            return out
        out["caption"] = document[self.caption.start : self.caption.end] if self.caption else None
        out["header_rows"] = [r.texts(document) for r in self.header_rows]
        out["rows"] = [r.texts(document) for r in self.rows]
        return out


def read_blocks(
    text: str,
    page_of: Callable[[int], int | None] | None = None,
    tables: list[Table] | None = None,
    lines: list[LineBlock] | None = None,
) -> list[Block]:
    """The blocks of a normalized text, in reading order; a table replaces the lines it is made of.
    `tables` and `lines` are the text's tables and line blocks when already read (extraction reads them once)."""
    page = page_of or (lambda offset: None)
    found = find_tables(text) if tables is None else tables
    lines = line_blocks(text) if lines is None else lines
    starts = [lb.start for lb in lines]
    table_blocks = [_table_block(text, t, _caption_start(text, t, lines, starts), page) for t in found]
    spans = sorted((b.start, b.end) for b in table_blocks)
    out = list(table_blocks)
    k = 0
    for lb in lines:
        while k < len(spans) and spans[k][1] <= lb.start:
            k += 1
        if k < len(spans) and spans[k][0] < lb.end and lb.start < spans[k][1]:
            continue  # a line of a table: the table block holds it
        start, end = trim(text, lb.start, lb.end)
        out.append(Block(lb.kind, start, end, page(start)))
    return sorted(out, key=lambda b: b.start)


def _caption_start(text: str, t: Table, lines: list[LineBlock], starts: list[int]) -> int:
    """Where the table's caption begins: the header lines the table reader took above its rows, but never a
    list item (nor its wrapped end) that stands above the caption."""
    start = t.header_start if t.header_start is not None else t.start
    k = max(0, bisect.bisect_right(starts, start) - 1)  # the line block the caption starts in, then on
    for lb in lines[k:]:
        if lb.start >= t.start:
            break
        if lb.kind == "list_item" and lb.end > start and lb.marked:
            start = lb.end
    start = min(start, t.start)
    while start < t.start and text[start].isspace():
        start += 1
    return start


def _table_block(text: str, t: Table, start: int, page: Callable[[int], int | None]) -> Block:
    """The table's rows, and above them (from `start`) its caption lines and its header rows: lines of ` | `
    cells (`Region | Sökt | Beviljat`) or of years (`2017 2018 2019`)."""
    caption: list[Span] = []
    header: list[TableRow] = []
    pos = start
    for line in text[start : t.rows[0].label.start].split("\n"):
        s, e = trim(text, pos, pos + len(line))
        pos += len(line) + 1
        if e <= s:
            continue
        if " | " in text[s:e] or _YEARS.fullmatch(text, s, e):
            header.append(_cells_row(text, s, e))
        elif not header:
            caption.append(Span(s, e))
    return Block(
        "table",
        start,
        t.end,
        page(start),
        caption=Span(caption[0].start, caption[-1].end) if caption else None,
        header_rows=tuple(header),
        rows=tuple(_row(r) for r in t.rows),
    )


_YEARS = re.compile(r"(?:(?:19|20)\d\d)(?:\s+(?:19|20)\d\d)+")
_CELL = re.compile(r"[^|]+")


def _cells_row(text: str, start: int, end: int) -> TableRow:
    """A header line's cells: split at ` | `, or at the spaces between years."""
    sep = _CELL if "|" in text[start:end] else re.compile(r"\S+")
    cells = []
    for m in sep.finditer(text, start, end):
        s, e = trim(text, m.start(), m.end())
        if e > s:
            cells.append(Span(s, e))
    return (
        TableRow(cells[0], tuple(cells[1:])) if "|" in text[start:end] else TableRow(Span(start, start), tuple(cells))
    )


def _row(r: Row) -> TableRow:
    cells = r.values or r.runs
    return TableRow(Span(r.label.start, r.label.end), tuple(Span(c.start, c.end) for c in cells))
