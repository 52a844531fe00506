"""pdfium's functions bound for plain addresses read what pypdfium2's helpers read: a ruled table's cells, an
empty rectangle, the whole page, and the fallback to the helper when the buffer is too small."""

from __future__ import annotations

import random

import pypdfium2 as pdfium
import pytest

from pipeline.read import pdfium_calls as calls
from pipeline.read.text_pdf import TABLE_MIN_SEGMENTS, find_tables, line_spans, ruling_segments
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
    boxes = [box for table in find_tables(page) for row in table.rows for box in row.cells if box]
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
    bounded = calls.BoundedText(textpage)
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
    spans = line_spans(textpage, raw)
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
        assert [ruling_segments(pdf[i], TABLE_MIN_SEGMENTS) >= TABLE_MIN_SEGMENTS for i in range(2)] == [True, False]
    finally:
        pdf.close()
