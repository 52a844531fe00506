"""pdfium's functions called through cffi on pointers read what pypdfium2's helpers read: a ruled table's cells,
an empty rectangle, the whole page, and the helper's own steps when the buffer is too small; a page's text,
size, rules and images, page by page over PDFs of several layouts."""

from __future__ import annotations

import ctypes
import random

import pypdfium2 as pdfium
import pytest

from pipeline.read import pdfium_calls as calls
from pipeline.read.text_pdf import TABLE_MIN_SEGMENTS, find_tables, line_spans, ruling_segments
from tests.fixtures import builders
from tests.fixtures.builders import report_pdf


@pytest.fixture(scope="module")
def ruled_page():
    """Page 1 of a two-column report with a ruled table, its text page, and its height."""
    pdf = pdfium.PdfDocument(report_pdf(2, random.Random(7), table_rows=4)[0])
    page = pdf[0]
    textpage = page.get_textpage()
    yield page, textpage, page.get_height()
    textpage.close()
    page.close()
    pdf.close()


def _rectangles(page, height) -> list[tuple[float, float, float, float]]:
    """(left, bottom, right, top) of every cell of the page's tables, in PDF units."""
    boxes = [box for table in find_tables(calls.handle(page.raw)) for row in table.rows for box in row.cells if box]
    return [(x0, height - bottom, x1, height - top) for x0, top, x1, bottom in boxes]


@pytest.mark.parametrize(
    ("rectangles", "buffer_size"),
    [
        ("cells", None),  # every cell of the ruled table
        ("page", None),  # the whole page: the largest text a rectangle holds
        ("empty", None),  # a rectangle with no character in it
        ("cells", 4),  # a buffer too small: the helper is asked, with the same answer
    ],
)
def test_bounded_text_reads_what_the_helper_reads(ruled_page, rectangles, buffer_size):
    page, textpage, height = ruled_page
    if rectangles == "cells":
        boxes = _rectangles(page, height)
        assert len(boxes) >= 4, "the report's ruled table was found"
    elif rectangles == "page":
        boxes = [(0.0, 0.0, page.get_width(), height)]
    else:
        boxes = [(1.0, 1.0, 2.0, 2.0)]
    bounded = calls.BoundedText(calls.handle(textpage.raw))
    if buffer_size is not None:
        bounded.size = buffer_size
    for left, bottom, right, top in boxes:
        helper = textpage.get_text_bounded(left=left, bottom=bottom, right=right, top=top)
        assert bounded(left, bottom, right, top) == helper


def test_line_spans_read_the_numbers_of_pypdfium2s_helpers(ruled_page):
    """Each line's bottom, type size and edges through the bound calls are those pypdfium2's helpers give:
    the last rectangle's bottom and right edge, the first rectangle's left edge, the first letter's size."""
    _, textpage, _ = ruled_page
    raw = textpage.get_text_range()
    spans = line_spans(calls.handle(textpage.raw), raw)
    assert spans is not None
    offset, compared = 0, 0
    for line, span in zip(raw.split("\r\n"), spans):
        if line.strip():
            rects = textpage.count_rects(offset, len(line))
            left, _, _, _ = textpage.get_rect(0)
            _, bottom, right, _ = textpage.get_rect(rects - 1)
            first = offset + len(line) - len(line.lstrip())
            size = pdfium.raw.FPDFText_GetFontSize(textpage.raw, first)
            assert span == (bottom, size, left, right)
            compared += 1
        offset += len(line) + 2
    assert compared > 20


def test_a_ruled_page_is_told_from_a_page_of_text():
    pdf = pdfium.PdfDocument(report_pdf(2, random.Random(7), table_rows=4)[0])
    try:
        ruled = []
        for i in range(2):
            with calls.Page(pdf, i) as page:
                ruled.append(ruling_segments(page.handle, TABLE_MIN_SEGMENTS) >= TABLE_MIN_SEGMENTS)
        assert ruled == [True, False]
    finally:
        pdf.close()


# PDFs of the layouts the reader meets, each page read both ways: (name, builder)
LAYOUTS = [
    ("report with a ruled table", lambda: report_pdf(3, random.Random(11), table_rows=5)[0]),
    ("report without tables", lambda: report_pdf(2, random.Random(12))[0]),
    (
        "two columns, a ruled table",
        lambda: builders.two_column_pdf(
            ["Fördelning per län", "Hallands län | 4 200 000", "Kalmar län | 3 050 500", "Summa utbetalt i år."]
        ),
    ),
    (
        "three columns of short rows",
        lambda: builders.two_column_pdf([f"Rad {k} har {k * 7} kronor" for k in range(40)], 3),
    ),
    (
        "one cell a line, over two pages",
        lambda: builders.cell_lines_pdf(["Kommun", "Belopp", "Vara", "1 200"] * 20, 40),
    ),
    (
        "a table's head at the page's end",
        lambda: builders.table_head_at_page_end("Tabell 3", [["Ort", "Tkr"], ["Ed", "7"]]),
    ),
    ("a page with a drawing only", builders.scanned_pdf),
    ("a scanned page (an image)", lambda: builders.scan(builders.memo_pdf()[0])),
]


def _helper_edges(page: pdfium.PdfPage) -> list[tuple[float, ...]]:
    """Every path segment's point on the page, through pypdfium2's own (ctypes) functions: the plain reading."""
    c = pdfium.raw
    matrix, x, y = c.FS_MATRIX(), ctypes.c_float(), ctypes.c_float()
    points = []
    for k in range(c.FPDFPage_CountObjects(page.raw)):
        obj = c.FPDFPage_GetObject(page.raw, k)
        if c.FPDFPageObj_GetType(obj) != c.FPDF_PAGEOBJ_PATH or not c.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix)):
            continue
        for n in range(c.FPDFPath_CountSegments(obj)):
            seg = c.FPDFPath_GetPathSegment(obj, n)
            if c.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
                m = matrix
                point = (m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f)
                points.append((*point, c.FPDFPathSegment_GetType(seg), bool(c.FPDFPathSegment_GetClose(seg))))
    return points


def _own_edges(handle) -> list[tuple[float, ...]]:
    """The same points through the cffi calls the reader's ruling_edges makes."""
    matrix, xy = calls.floats(6), calls.floats(2)
    points = []
    for k in range(calls.count_objects(handle)):
        obj = calls.get_object(handle, k)
        if calls.object_type(obj) != pdfium.raw.FPDF_PAGEOBJ_PATH or not calls.get_matrix(obj, matrix):
            continue
        a, b, c, d, e, f = (matrix[i] for i in range(6))
        for n in range(calls.count_segments(obj)):
            seg = calls.get_segment(obj, n)
            if calls.segment_point(seg, xy, xy + 1):
                x, y = xy[0], xy[1]
                points.append(
                    (a * x + c * y + e, b * x + d * y + f, calls.segment_type(seg), bool(calls.segment_closes(seg)))
                )
    return points


@pytest.mark.parametrize(("layout", "build"), LAYOUTS, ids=[name for name, _ in LAYOUTS])
def test_pages_read_through_pointers_read_as_pypdfium2s_helpers(layout, build):
    """Each page's text (get_text_range), size, drawn segments and images, read through calls.Page, are the
    helpers' to the bit."""
    pdf = pdfium.PdfDocument(build())
    try:
        for i in range(len(pdf)):
            helper = pdf[i]
            textpage = helper.get_textpage()
            with calls.Page(pdf, i) as page:
                assert page.text() == textpage.get_text_range()
                assert (calls.page_width(page.handle), calls.page_height(page.handle)) == helper.get_size()
                assert _own_edges(page.handle) == _helper_edges(helper)
                kinds = [obj.type for obj in helper.get_objects(max_depth=0)]
                assert page.holds_image() == (pdfium.raw.FPDF_PAGEOBJ_IMAGE in kinds)
            textpage.close()
            helper.close()
    finally:
        pdf.close()


@pytest.mark.parametrize(
    ("layout", "holds_image"),
    [("a scanned page (an image)", True), ("a page with a drawing only", False), ("report without tables", False)],
)
def test_a_scan_is_told_by_its_image(layout, holds_image):
    build = dict(LAYOUTS)[layout]
    pdf = pdfium.PdfDocument(build())
    try:
        with calls.Page(pdf, 0) as page:
            assert page.holds_image() is holds_image
    finally:
        pdf.close()


@pytest.mark.parametrize(
    "raw",
    [
        "Beslut om bidrag\r\nRegion Halland 4 500 000 kronor\r\n\r\nSumma",  # pdfium's own line ends
        "rad ett\nrad två\rrad tre\r\n",  # every kind of line end, one at the very end
        "\r\r\n\n\r",  # only line ends, a \r before a \r\n among them
        "en enda rad utan radslut",  # no line end: one line
        "",  # no text at all
    ],
)
def test_a_page_split_once_into_lines_is_split_as_before(raw):
    """The reader splits a page's text once (`_LINE_BREAK`): the lines are those of the text with its line
    ends made `\\n` and split there, as the page went through paragraphs before."""
    from pipeline.read.text_pdf import _LINE_BREAK, _lines

    assert _LINE_BREAK.split(raw) == _lines(raw).split("\n")


@pytest.mark.parametrize(("layout", "build"), LAYOUTS[:4], ids=[name for name, _ in LAYOUTS[:4]])
def test_line_spans_of_lines_split_by_the_caller_are_those_it_splits_itself(layout, build):
    from pipeline.read.text_pdf import _LINE_BREAK

    pdf = pdfium.PdfDocument(build())
    try:
        with calls.Page(pdf, 0) as page:
            raw = page.text()
            spans = line_spans(page.text_handle, raw)
            assert spans is not None and len(spans) > 3
            assert line_spans(page.text_handle, raw, _LINE_BREAK.split(raw)) == spans
    finally:
        pdf.close()


def _pdf_with_pages(*pages: bytes) -> bytes:
    """A PDF written object by object: a catalog, a page tree whose kids are `pages` (object 3 on), and the
    cross-reference table. A kid that is no page dictionary is a page pdfium cannot load."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = " ".join(f"{3 + k} 0 R" for k in range(len(pages)))
    objects[1] = f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode()
    objects += pages
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


EMPTY_PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"


@pytest.mark.parametrize(
    "pages,error",
    [
        ((EMPTY_PAGE, b"42"), "page 2 of 2 cannot be loaded"),
        ((b"42",), "page 1 of 1 cannot be loaded"),
        ((EMPTY_PAGE,), None),  # must not change: a page that loads gives no error
    ],
)
def test_a_page_pdfium_cannot_load_is_named_and_nothing_stays_open(pages, error, monkeypatch):
    from pipeline.read.document import process_bytes

    opened, closed = [], []
    load, close = calls.load_page, calls.close_page
    monkeypatch.setattr(calls, "load_page", lambda *a: opened.append(1) or load(*a))
    monkeypatch.setattr(calls, "close_page", lambda p: closed.append(1) or close(p))
    res = process_bytes(_pdf_with_pages(*pages), "beslut.pdf")
    if error is None:
        assert res.document.status == "no_text" and len(closed) == len(opened) == 1
    else:
        assert res.document.status == "failed" and error in (res.document.error or "")
        assert len(closed) == len(opened) - 1  # every page loaded is closed; the one that failed never opened
