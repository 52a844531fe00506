"""PDF text through pypdfium2, the fast path (≈ 290 pages/s here), and pdfplumber for ruled tables.

pdfplumber is 70× slower and holds every layout object of a page in memory,
but its table finder gives a table's cells, which plain text loses (a row
reads `Region Skåne 12,5 14,0`; which number is which column?). Its default
finder builds cells from ruling lines, so only a page whose drawing holds
enough line segments for a table of 2 × 2 cells can have one: pypdfium2
counts them cheaply, and only those pages go to pdfplumber, one page open at
a time. Each table found there replaces its own lines in pypdfium2's page
text by its rows, cells joined with ` | ` as the DOCX reader writes them, so
column headers (`Beviljat, mnkr`) reach the amount rules.

pypdfium2 marks every line-end hyphen as U+FFFE, real ones included;
normalize() decides which to keep. Running headers and footers are found as
lines that repeat at the top or bottom of many pages and are dropped before
pages are joined.
"""
from __future__ import annotations

import io
import re
import time
from collections import Counter
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

_PAGE_NUMBER = re.compile(r"^(?:sid(?:a|an)?\s*)?\d{1,4}(?:\s*(?:av|/|\()\s*\d{1,4}\)?)?$", re.I)
_DIGITS = re.compile(r"\d+")
# a footnote number that the PDF's text layer glued to the next word ("11Finansdepartementet")
_GLUED_NOTE = re.compile(r"(?<![\dA-ZÅÄÖ])(\d{1,3})(?=[A-ZÅÄÖ][a-zåäöA-ZÅÄÖ])")


class PdfError(Exception):
    """The PDF cannot be read at all (corrupt or encrypted)."""


# a table of 2 × 2 cells needs three rules each way: six lines of a move and a line each
TABLE_MIN_SEGMENTS = 12
_BLANKS = re.compile(r"\s+")


@dataclass
class TableStats:
    """What the table path cost and found, for the benchmark and the run summary."""
    ruled_pages: int = 0  # pages sent to pdfplumber
    tables: int = 0  # tables whose rows replaced their lines
    unplaced: int = 0  # tables found but not located in the page text (text left as it was)
    seconds: float = 0.0  # time in pdfplumber and splicing


@dataclass
class PdfPages:
    pages: list[str]
    title: str | None
    created: str | None  # PDF date string D:YYYYMMDD...
    table_stats: TableStats = field(default_factory=TableStats)


def _edge_key(line: str) -> str:
    return _DIGITS.sub("#", line.strip().lower())


def drop_running_lines(pages: list[list[str]], edge: int = 2) -> list[list[str]]:
    """Remove lines repeated at the top or bottom of pages, and bare page numbers."""
    n = len(pages)
    counts: Counter[str] = Counter()
    for lines in pages:
        body = [ln for ln in lines if ln.strip()]
        seen = {_edge_key(ln) for ln in body[:edge] + body[-edge:]}
        counts.update(seen)
    threshold = max(2, int(0.4 * n + 0.999)) if n >= 3 else n + 1
    repeated = {k for k, c in counts.items() if c >= threshold and k}
    out = []
    for lines in pages:
        idx = [i for i, ln in enumerate(lines) if ln.strip()]
        edges = set(idx[:edge] + idx[-edge:])
        kept = []
        for i, ln in enumerate(lines):
            if i in edges and (_edge_key(ln) in repeated or _PAGE_NUMBER.match(ln.strip())):
                continue
            kept.append(ln)
        out.append(kept)
    return out


def read_pdf(data: bytes) -> PdfPages:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower() or "security" in msg.lower():
            raise PdfError(f"encrypted PDF: {msg}") from exc
        raise PdfError(f"unreadable PDF: {msg}") from exc
    stats = TableStats()
    plumber = None
    try:
        raw_pages = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            try:
                text = _lines(textpage.get_text_range())
                if ruling_segments(page, TABLE_MIN_SEGMENTS) >= TABLE_MIN_SEGMENTS:
                    t0 = time.perf_counter()
                    if plumber is None:
                        import pdfplumber

                        plumber = pdfplumber.open(io.BytesIO(data))
                    stats.ruled_pages += 1
                    text = _with_tables(text, plumber.pages[i], textpage, page.get_height(), stats)
                    stats.seconds += time.perf_counter() - t0
                raw_pages.append(text)
            finally:
                textpage.close()
                page.close()
        meta = pdf.get_metadata_dict(skip_empty=True)
    finally:
        pdf.close()
        if plumber is not None:
            plumber.close()
    cleaned = drop_running_lines([p.split("\n") for p in raw_pages])
    return PdfPages(
        pages=[_GLUED_NOTE.sub(r"\1 ", "\n".join(lines)) for lines in cleaned],
        title=(meta.get("Title") or None),
        created=meta.get("CreationDate"),
        table_stats=stats,
    )


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def ruling_segments(page: pdfium.PdfPage, enough: int) -> int:
    """Line segments drawn on the page (counted up to `enough`): the rules a table's cells are made of."""
    total = 0
    for k in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, k)
        if pdfium_c.FPDFPageObj_GetType(obj) == pdfium_c.FPDF_PAGEOBJ_PATH:
            total += max(0, pdfium_c.FPDFPath_CountSegments(obj))
            if total >= enough:
                break
    return total


def table_rows(cells: list[list[str | None]]) -> list[str]:
    """pdfplumber's cells as text lines: ` | ` between cells, a cell's own line breaks as spaces."""
    rows = []
    for row in cells:
        texts = [_BLANKS.sub(" ", c or "").strip() for c in row]
        if any(texts):
            rows.append(" | ".join(texts))
    return rows


def splice_table(page_lines: list[str], table_lines: list[str], rows: list[str]) -> list[str] | None:
    """Replace the run of `table_lines` in `page_lines` by `rows`; None if the run is not there."""
    want = [_BLANKS.sub(" ", ln).strip() for ln in table_lines]
    want = [ln for ln in want if ln]
    if not want:
        return None
    have = [_BLANKS.sub(" ", ln).strip() for ln in page_lines]
    for k in range(len(have) - len(want) + 1):
        if have[k:k + len(want)] == want:
            return page_lines[:k] + rows + page_lines[k + len(want):]
    return None


def _with_tables(text: str, plumber_page, textpage, height: float, stats: TableStats) -> str:
    """The page text with each table (two rows and two columns at least) as ` | ` rows."""
    try:
        tables = plumber_page.find_tables()
        lines = text.split("\n")
        for table in sorted(tables, key=lambda t: (t.bbox[1], t.bbox[0])):
            cells = table.extract()
            if len(cells) < 2 or max((len(r) for r in cells), default=0) < 2:
                continue  # a framed box, not a table
            x0, top, x1, bottom = table.bbox  # pdfplumber measures from the top, PDF from the bottom
            inside = _lines(textpage.get_text_bounded(left=x0, bottom=height - bottom, right=x1, top=height - top))
            spliced = splice_table(lines, inside.split("\n"), table_rows(cells))
            if spliced is None:
                stats.unplaced += 1
                continue
            lines = spliced
            stats.tables += 1
        return "\n".join(lines)
    finally:
        plumber_page.close()
