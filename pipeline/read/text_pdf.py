"""PDF text through pypdfium2, the fast path (≈ 290 pages/s here), and ruled tables through pdfplumber's table finder.

Plain text loses a table's columns (a row reads `Region Skåne 12,5 14,0`:
which number is which?). pdfplumber finds tables from the ruling lines drawn
on a page, and that finding takes about 1 ms; what makes pdfplumber 70×
slower is pdfminer parsing every object of the page first (≈ 80 ms a page
here, and the page's layout objects in memory). So pypdfium2 reads the
rules: a page whose drawing holds enough line segments for a table of 2 × 2
cells gets its straight strokes handed to pdfplumber's TableFinder (default
`lines` strategy) as edges, and each cell's text is read back from
pypdfium2's text page. Each table found replaces its own lines in the page
text by its rows, cells joined with ` | ` as the DOCX reader writes them, so
column headers (`Beviljat, mnkr`) reach the amount rules.

pypdfium2 marks every line-end hyphen as U+FFFE, real ones included;
normalize() decides which to keep. Running headers and footers are found as
lines that repeat at the top or bottom of many pages and are dropped before
pages are joined.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Any, cast

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractors import lang
from extractors.lexicon import alternation
from pipeline.read import pdfium_calls as calls
from pipeline.read.formats import Read, metadata_date
from pipeline.read.limits import DEFAULT, Limits
from pipeline.read.normalize import join_pages
from pipeline.read.pdf_wraps import (
    CELLS_ONLY_LINE,
    PARAGRAPH_GAP,
    SHORT_LINE,
    ColumnEdges,
    Span,
    cell_text,
    soft_wrap,
    tight_steps,
)
from pipeline.read.text_ocr import LAYER_MIN_CHARS, Recogniser

_PAGE_NUMBER = re.compile(
    r"^(?:" + alternation(lang.text()["page_words"]) + r"\s*)?\d{1,4}"
    r"(?:\s*(?:" + alternation(lang.text()["page_of_words"]) + r"|/|\()\s*\d{1,4}\)?)?$",
    re.I,
)
_DIGITS = re.compile(r"\d+")
# a footnote number that the PDF's text layer glued to the next word ("11Finansdepartementet")
# (the look-behind stands after the first digit: a leading one makes `re` try the pattern at every character)
_GLUED_NOTE = re.compile(r"\d(?<![\dA-ZÅÄÖ]\d)\d{0,2}(?=[A-ZÅÄÖ][a-zåäöA-ZÅÄÖ])")


class PdfError(Exception):
    """The PDF cannot be read at all (corrupt or encrypted)."""


# a table of 2 × 2 cells needs three rules each way: six lines of a move and a line each
TABLE_MIN_SEGMENTS = 12
_BLANKS = re.compile(r"\s+")


@dataclass
class TableStats:
    """What the table path cost and found, for the benchmark and the run summary."""

    ruled_pages: int = 0  # pages whose rules went to pdfplumber's table finder
    tables: int = 0  # tables whose rows replaced their lines
    unplaced: int = 0  # tables found but not located in the page text (text left as it was)
    failed: int = 0  # ruled pages whose drawing the table finder could not read (text left as it was)
    seconds: float = 0.0  # time spent on ruled pages: rules, table finding, cells, splicing


@dataclass
class PdfPages:
    pages: list[str]
    title: str | None
    created: str | None  # PDF date string D:YYYYMMDD...
    table_stats: TableStats = field(default_factory=TableStats)
    total_pages: int = 0  # pages in the file; `pages` may hold fewer (a cap)


def _edge_key(line: str, exact: bool = False) -> str:
    """A line as running lines are compared: digits as one mark (`Sida 3 av 9`), or as they are (`exact`)."""
    key = " ".join(line.split()).lower()
    return key if exact else _DIGITS.sub("#", key)


def _edge_lines(lines: list[str], edge: int) -> set[int]:
    """Indices of the first and the last `edge` non-blank lines."""
    found: set[int] = set()
    for order in (range(len(lines)), range(len(lines) - 1, -1, -1)):
        taken = 0
        for i in order:
            if taken == edge:
                break
            if lines[i].strip():
                found.add(i)
                taken += 1
    return found


@cache
def _letterhead_rx() -> Any:
    import regex

    return regex.compile("|".join(f"(?:{p})" for p in lang.boilerplate()["letterhead_patterns"]), regex.IGNORECASE)


def _letterhead(line: str) -> bool:
    """An address block or a footer of the sender (`106 30 Stockholm. Org.nr …`), not text with a sum in it."""
    if not _letterhead_rx().search(line):
        return False
    from extractors.amounts import find_amounts  # the amount grammar says what a sum is, units and all

    return not find_amounts(line)


def drop_running_lines(pages: list[list[str]], edge: int = 2) -> list[list[str]]:
    """Remove lines repeated at the top or bottom of pages, and bare page numbers."""
    n = len(pages)
    # on two pages only an identical line counts: two rows of a table that runs over the page break differ
    # in their numbers alone
    exact = n == 2
    edges = [_edge_lines(lines, edge) for lines in pages]
    counts: Counter[str] = Counter()
    for lines, at in zip(pages, edges):
        counts.update({_edge_key(lines[i], exact) for i in at})
    # on two pages a line at the same edge of both is a running header or footer too
    threshold = max(2, int(0.4 * n + 0.999)) if n >= 2 else n + 1
    # a repeated line is a header or footer when it has words: number-only lines at page edges are cells of a
    # table that runs over the page break (page numbers are found by _PAGE_NUMBER)
    repeated = {k for k, c in counts.items() if c >= threshold and k and sum(ch.isalpha() for ch in k) >= 2}
    out = []
    for lines, at in zip(pages, edges):
        drop = {
            i
            for i in at
            if _edge_key(lines[i], exact) in repeated or _PAGE_NUMBER.match(lines[i].strip()) or _letterhead(lines[i])
        }
        out.append([ln for i, ln in enumerate(lines) if i not in drop] if drop else lines)
    return out


def read_pdf(data: bytes, max_pages: int | None = None, ocr: Recogniser | None = None) -> PdfPages:
    """The pages' text; a page without a text layer is recognised from its image by `ocr` (text_ocr.py)."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower() or "security" in msg.lower():
            raise PdfError(f"encrypted PDF: {msg}") from exc
        raise PdfError(f"unreadable PDF: {msg}") from exc
    stats = TableStats()
    page = None
    try:
        raw_pages: list[list[str]] = []  # each page's lines
        total = len(pdf)
        for i in range(min(total, max_pages) if max_pages else total):
            with (page := calls.Page(pdf, i)):
                raw = page.text()
                scan = ocr is not None and len(raw.strip()) < LAYER_MIN_CHARS and page.holds_image()
                if not scan:
                    raw_pages.append(_page_text(page, raw, stats))
            if scan and ocr is not None:  # rendered through pypdfium2's page, the pointers closed
                raw_pages.append(ocr.page(lambda dpi: _rendered(pdf, i, dpi), i).split("\n"))
        meta = pdf.get_metadata_dict(skip_empty=True)
    finally:
        if page is not None:  # closed already, unless the time limit interrupted its closing
            page.close()
        pdf.close()
    cleaned = drop_running_lines(raw_pages)
    return PdfPages(
        pages=[_GLUED_NOTE.sub(r"\g<0> ", "\n".join(lines)) for lines in cleaned],
        title=(meta.get("Title") or None),
        created=meta.get("CreationDate"),
        table_stats=stats,
        total_pages=total,
    )


def _page_text(page: calls.Page, raw: str, stats: TableStats) -> list[str]:
    """A page's text (`raw`, as pdfium gave it) as lines and paragraphs, its ruled tables as ` | ` rows. The
    page is split into lines once, here, and its lines go on as a list, not joined and split again at each
    step (line positions, paragraphs, running lines)."""
    lines = _LINE_BREAK.split(raw)  # as `_lines(raw).split("\n")`: \r\n, \r or \n ends a line
    ruled = ruling_segments(page.handle, TABLE_MIN_SEGMENTS) >= TABLE_MIN_SEGMENTS
    # a ruled page's tables come from its rules, spliced in by their lines: keep the lines as they are
    lines = paragraph_lines(lines, line_spans(page.text_handle, raw, lines), join_wrapped_rows=not ruled)
    if ruled:
        t0 = time.perf_counter()
        stats.ruled_pages += 1
        try:
            lines = _with_tables("\n".join(lines), page.handle, page.text_handle, stats).split("\n")
        except Exception:  # noqa: BLE001 - the page keeps its plain text; the document goes on
            stats.failed += 1
        stats.seconds += time.perf_counter() - t0
    return lines


def _rendered(pdf: pdfium.PdfDocument, index: int, dpi: float) -> Any:
    """Page `index` as a grey image at `dpi` (a scan's page, for OCR), through pypdfium2's page object."""
    page = pdf[index]
    try:
        return page.render(scale=dpi / 72, grayscale=True).to_pil()
    finally:
        page.close()


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
HEADING_SIZE = 1.15  # a line in a type this much larger or smaller than the next is a heading over it (or its end)


def line_spans(page: Any, raw: str, lines: list[str] | None = None) -> list[Span] | None:
    """(bottom, font size, left, right) of each line of a text page's text (`raw`, as pdfium returned it;
    `page`: the text page's pointer, calls.Page.text_handle): the bottom and edges from the rectangles pdfium
    gives for the line's own characters, the size of its first letter. One pass over the page, not a search
    per line. None if pdfium's characters and its text do not line up. `lines`: `raw` split by _LINE_BREAK,
    where the caller has split it."""
    spans: list[Span] = []
    offset = 0
    count_rects, get_rect, font_size = calls.count_rects, calls.get_rect, calls.font_size  # called once a line
    box = calls.Box()
    left, top, right, low = box.addresses
    edges = box.values  # (left, top, right, bottom) as get_rect wrote them
    span: Span = (0.0, 0.0, 0.0, 0.0)  # a line without a rectangle of its own (blank) repeats the one before
    for line in _LINE_BREAK.split(raw) if lines is None else lines:
        n = len(line)
        if n and not line.isspace():
            rects = count_rects(page, offset, n)
            if rects == -1:
                raise pdfium.PdfiumError("Failed to count rectangles.")
            if rects:  # the line's last run: its text, not a bullet before it
                if not get_rect(page, rects - 1, left, top, right, low):
                    raise pdfium.PdfiumError("Failed to get rectangle.")
                bottom, start, end = edges[3], edges[0], edges[2]
                if rects > 1 and get_rect(page, 0, left, top, right, low):  # the line's left edge: its first run
                    start = edges[0]
                span = (bottom, font_size(page, offset + n - len(line.lstrip())), start, end)
        spans.append(span)
        offset += n + (2 if raw.startswith("\r\n", offset + n) else 1)
    return spans if offset >= len(raw) else None


def paragraphs(text: str, spans: list[Span] | None, join_wrapped_rows: bool = True) -> str:
    """The page's text with a blank line where the page leaves a vertical gap or a heading ends, so a heading
    never runs into the paragraph under it and paragraphs stay apart, as they do in text and DOCX.

    Only where the text's lines and their positions agree; otherwise the text is left as it was."""
    return "\n".join(paragraph_lines(text.split("\n"), spans, join_wrapped_rows))


def paragraph_lines(lines: list[str], spans: list[Span] | None, join_wrapped_rows: bool = True) -> list[str]:
    """`paragraphs` on a page's lines (none with a line break in it), as lines: the PDF reader's pages go on
    as lists of lines. `lines` itself where it is left as it was."""
    if spans is None or len(spans) != len(lines) or len(lines) < 3:
        return lines
    steps = [a[0] - b[0] for a, b in zip(spans, spans[1:])]
    usual = sorted([d for d in steps if d > 0])
    if not usual:
        return lines
    # the line spacing: the lower quartile (where most paragraphs are one line long, the median is a gap)
    gap_step = PARAGRAPH_GAP * usual[len(usual) // 4]
    trimmed = [ln.rstrip() for ln in lines]  # a line with text keeps some after rstrip: it stands for strip() too
    lengths = sorted([n for n in map(len, trimmed) if n])
    short = SHORT_LINE * lengths[(3 * len(lengths)) // 4]  # of a full line's length on this page
    tight = tight_steps(spans, steps, usual)
    # a page of short cells only (a table set one cell a line, its introduction left on the page before)
    # shows no column edge: its longest cell is no sign that the next one would not have fitted after it
    join_wrapped_rows = join_wrapped_rows and lengths[-1] >= CELLS_ONLY_LINE
    columns = ColumnEdges(spans, lines) if min(map(len, spans)) >= 4 else None  # a scan's lines: no edges
    full = lengths[(9 * len(lengths)) // 10]  # the longest lines reach the margin: a line this long is full
    out = [lines[0]]
    for k, step in enumerate(steps):
        line, following = trimmed[k], lines[k + 1]
        if step > 0 and line and trimmed[k + 1] and _paragraph_ends(line, following, step, gap_step, short, spans, k):
            out.append("")
        elif join_wrapped_rows and tight[k] and soft_wrap(line, following, full, tight[k + 1], columns, k):
            out[-1] = out[-1].rstrip() + " " + following.lstrip()
            continue
        out.append(following)
    return out


def _paragraph_ends(
    line: str, following: str, step: float, gap_step: float, short: float, spans: list[Span], k: int
) -> bool:
    """Between two lines with text, `step` apart: a heading's type is larger (or smaller) than the next line's,
    or a gap follows a finished line. A gap after an unfinished sentence that fills its line is the layout's
    (a column, a figure), not a paragraph's end; a short line before a gap and a capital or a figure is a
    heading (`Fördelning av medel`); a capital or a figure (`31 000 000 kronor går till …`) opens a paragraph."""
    s0, s1 = spans[k][1], spans[k + 1][1]
    low, high = (s0, s1) if s0 <= s1 else (s1, s0)
    if low > 0 and high > HEADING_SIZE * low:
        return True
    if step <= gap_step:
        return False
    if line[-1] in ".:!?":
        return True
    opens = following.lstrip()[:1]
    return len(line) < short and (opens.isupper() or opens.isdigit())


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def ruling_segments(handle: Any, enough: int) -> int:
    """Line segments drawn on the page (its pointer, calls.Page.handle; counted up to `enough`): the rules a
    table's cells are made of."""
    total = 0
    for k in range(calls.count_objects(handle)):
        obj = calls.get_object(handle, k)
        if calls.object_type(obj) == pdfium_c.FPDF_PAGEOBJ_PATH:
            total += max(0, calls.count_segments(obj))
            if total >= enough:
                break
    return total


def table_rows(cells: list[list[str | None]]) -> list[str]:
    """pdfplumber's cells as text lines: ` | ` between cells, a cell's own line breaks as spaces."""
    rows = []
    for row in cells:
        texts = [cell_text(c or "") for c in row]
        if any(texts):
            rows.append(" | ".join(texts))
    return rows


def splice_table(page_lines: list[str], table_lines: list[str], rows: list[str]) -> list[str] | None:
    """Replace the run of `table_lines` in `page_lines` by `rows`; None if the run is not there. Blank lines,
    spaces and where the lines break do not count: the page's paragraphs may have set a blank line between
    two of the table's lines, and the page's text may break a row where its cells do (`Region Gotland` /
    `9` / `8`) while the table's own text runs them together (`Region Gotland98`)."""
    want = "".join("".join(table_lines).split())
    if not want:
        return None
    have = [(i, "".join(ln.split())) for i, ln in enumerate(page_lines)]
    have = [(i, ln) for i, ln in have if ln]
    for k in range(len(have)):
        if not want.startswith(have[k][1]):
            continue
        joined, j = have[k][1], k
        while len(joined) < len(want) and j + 1 < len(have):
            j += 1
            joined += have[j][1]
        if joined == want:
            return page_lines[: have[k][0]] + rows + page_lines[have[j][0] + 1 :]
    return None


def ruling_edges(page: Any) -> list[dict]:
    """The page's (its pointer, calls.Page.handle) straight horizontal and vertical strokes, as pdfplumber's
    edges (measured from the top)."""
    height = calls.page_height(page)
    edges: list[dict] = []

    def stroke(p0: tuple[float, float], p1: tuple[float, float]) -> None:
        (x0, y0), (x1, y1) = p0, p1
        if abs(y0 - y1) < 0.5 and abs(x0 - x1) >= 1:
            top = height - y0
            edges.append(
                {
                    "object_type": "line",
                    "orientation": "h",
                    "x0": min(x0, x1),
                    "x1": max(x0, x1),
                    "top": top,
                    "bottom": top,
                    "width": abs(x1 - x0),
                    "height": 0.0,
                }
            )
        elif abs(x0 - x1) < 0.5 and abs(y0 - y1) >= 1:
            edges.append(
                {
                    "object_type": "line",
                    "orientation": "v",
                    "x0": x0,
                    "x1": x0,
                    "top": height - max(y0, y1),
                    "bottom": height - min(y0, y1),
                    "width": 0.0,
                    "height": abs(y1 - y0),
                }
            )

    matrix, xy = calls.floats(6), calls.floats(2)  # FS_MATRIX's a b c d e f; a segment's point
    for k in range(calls.count_objects(page)):
        obj = calls.get_object(page, k)
        if calls.object_type(obj) != pdfium_c.FPDF_PAGEOBJ_PATH or not calls.get_matrix(obj, matrix):
            continue
        a, b, c, d, e, f = matrix[0], matrix[1], matrix[2], matrix[3], matrix[4], matrix[5]
        start = prev = None
        for n in range(calls.count_segments(obj)):
            seg = calls.get_segment(obj, n)
            if not calls.segment_point(seg, xy, xy + 1):
                continue
            x, y = xy[0], xy[1]
            point = (a * x + c * y + e, b * x + d * y + f)
            kind = calls.segment_type(seg)
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
                start = point
            elif kind == pdfium_c.FPDF_SEGMENT_LINETO and prev is not None:
                stroke(prev, point)
            prev = point
            if calls.segment_closes(seg) and start is not None:
                stroke(prev, start)
                prev = start
    return edges


class _RulesPage:
    """What pdfplumber's TableFinder reads of a page under its `lines` strategy: the edges and the page box."""

    def __init__(self, edges: list[dict], width: float, height: float) -> None:
        self.edges = edges
        self.bbox = (0, 0, width, height)


def find_tables(page: Any) -> list:
    """pdfplumber's tables (default settings) on the page's (its pointer) rules; each has .bbox and .rows of
    cell boxes."""
    from pdfplumber.table import TableFinder

    width, height = calls.page_width(page), calls.page_height(page)
    rules_page = cast(Any, _RulesPage(ruling_edges(page), width, height))  # duck-typed Page
    return TableFinder(rules_page).tables


def _with_tables(text: str, page: Any, textpage: Any, stats: TableStats) -> str:
    """The page text with each table (two rows and two columns at least, or one row that ends the page: a
    table's head the page break cut off) as ` | ` rows. `page`, `textpage`: their pointers (calls.Page)."""
    height = calls.page_height(page)
    bounded = calls.BoundedText(textpage)

    def text_in(
        x0: float, top: float, x1: float, bottom: float
    ) -> str:  # pdfplumber measures from the top, PDF from the bottom
        return _lines(bounded(x0, height - bottom, x1, height - top))

    lines = text.split("\n")
    for table in sorted(find_tables(page), key=lambda t: (t.bbox[1], t.bbox[0])):
        cells = [[text_in(*box) if box else None for box in row.cells] for row in table.rows]
        own = text_in(*table.bbox).split("\n")
        if max((len(r) for r in cells), default=0) < 2 or (len(cells) < 2 and not _ends_page(lines, own)):
            continue  # a framed box, not a table
        spliced = splice_table(lines, own, table_rows(cells))
        if spliced is None:
            stats.unplaced += 1
            continue
        lines = spliced
        stats.tables += 1
    return "\n".join(lines)


def _ends_page(lines: list[str], own: list[str]) -> bool:
    """The table's own text is the last thing on the page."""
    last = next((ln for ln in reversed(lines) if ln.strip()), "")
    mine = next((ln for ln in reversed(own) if ln.strip()), None)
    return mine is not None and " ".join(last.split()).endswith(" ".join(mine.split()))


def read(data: bytes, limits: Limits = DEFAULT, charset: str | None = None) -> Read:
    ocr = Recogniser(limits)
    pdf = read_pdf(data, max_pages=limits.pages, ocr=ocr)
    notes = [ocr.note()]
    if pdf.total_pages > len(pdf.pages):
        notes.insert(0, f"text of the first {len(pdf.pages):,} of {pdf.total_pages:,} pages (the cap; --max-pages)")
    return Read(
        text=join_pages(pdf.pages),
        title=pdf.title,
        n_pages=pdf.total_pages,
        date=metadata_date(pdf.created),
        date_source="pdf-metadata",
        note="; ".join(n for n in notes if n) or None,
        text_source=ocr.source(len(pdf.pages)),
        ocr_words=tuple(ocr.words),
        no_text_why=ocr.why_no_text(),
    )
