"""Ruled tables in PDFs: pdfplumber only where rules are drawn, cells as ` | ` rows, figures read by column."""

from __future__ import annotations

import io
import random

import pytest

from pipeline.read import pdfium_calls as calls
from pipeline.read import text_pdf
from pipeline.read.document import process_bytes
from pipeline.read.text_pdf import read_pdf, splice_table, table_rows
from tests.fixtures import builders


def grid_pdf(rows: list[list[str]], caption: str = "Tabell 1. Medel per region, mnkr") -> bytes:
    """One page: a paragraph, a caption and a grid of `rows`, another paragraph."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    body, _, _ = builders._pdf_styles()
    story = [
        Paragraph("Regeringen fördelar statsbidraget till regionerna under våren.", body),
        Spacer(1, 6),
        Paragraph(caption, body),
        Table(rows, style=TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)])),
        Spacer(1, 6),
        Paragraph("Socialstyrelsen följer upp hur medlen används.", body),
    ]
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4).build(story)
    return buf.getvalue()


@pytest.mark.parametrize("n_rows", [2, 4, 9])
def test_table_rows_become_facts_by_column(n_rows):
    data, exp = builders.report_pdf(pages=2, rng=random.Random(n_rows), table_rows=n_rows)
    pdf = read_pdf(data)
    assert (pdf.table_stats.ruled_pages, pdf.table_stats.tables, pdf.table_stats.unplaced) == (1, 1, 0)
    assert "Region | Sökt | Beviljat" in pdf.pages[0]
    res = process_bytes(data, "rapport.pdf")
    facts = {(f.body_id, f.role, f.amount) for f in res.tables["facts"] if f.body_id.startswith("region:")}
    assert facts == {(b, r, float(v)) for b, r, v in exp.facts}


def test_a_table_keeps_its_place_in_the_text():
    data = grid_pdf([["Region", "Beviljat"], ["Region Skåne", "12,5"], ["Region Halland", "3,2"]])
    text = read_pdf(data).pages[0]
    lines = text.split("\n")
    caption = next(i for i, ln in enumerate(lines) if ln.startswith("Tabell 1."))
    assert lines[caption + 1 : caption + 4] == ["Region | Beviljat", "Region Skåne | 12,5", "Region Halland | 3,2"]
    after = [ln for ln in lines[caption + 4 :] if ln.strip()]  # a paragraph may open after a blank line
    assert after[0].startswith("Socialstyrelsen följer upp")
    assert "Region Skåne 12,5" not in text  # the plain-text copy of the row is gone


@pytest.mark.parametrize(
    "make",
    [
        lambda: builders.report_pdf(pages=3)[0],
        lambda: builders.memo_pdf()[0],
    ],
)
def test_pages_without_rules_never_reach_the_table_finder(make, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("tables looked for on a page without rules")

    monkeypatch.setattr(text_pdf, "find_tables", refuse)
    assert read_pdf(make()).table_stats.ruled_pages == 0


def test_a_failing_table_finder_leaves_the_page_text(monkeypatch):
    data = grid_pdf([["Region", "Beviljat"], ["Region Skåne", "12,5"], ["Region Halland", "3,2"]])

    def broken(page):
        raise ValueError("a drawing the table finder cannot read")

    monkeypatch.setattr(text_pdf, "find_tables", broken)
    pdf = read_pdf(data)
    assert pdf.table_stats.failed == 1
    assert "Region Skåne 12,5" in pdf.pages[0] and " | " not in pdf.pages[0]


def test_table_edges_come_from_the_drawing():
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(grid_pdf([["a", "b", "c"], ["d", "e", "f"]]))
    with calls.Page(pdf, 0) as page:
        edges = text_pdf.ruling_edges(page.handle)
        tables = text_pdf.find_tables(page.handle)
    pdf.close()
    assert {e["orientation"] for e in edges} == {"h", "v"}
    assert len(tables) == 1 and len(tables[0].rows) == 2 and len(tables[0].rows[0].cells) == 3


def test_a_single_ruled_row_is_not_a_table():
    data = grid_pdf([["Region Skåne", "12,5", "14,0"]])
    pdf = read_pdf(data)
    assert pdf.table_stats.ruled_pages == 1 and pdf.table_stats.tables == 0
    assert "Region Skåne 12,5 14,0" in pdf.pages[0]


@pytest.mark.parametrize(
    "page,table,rows,expected",
    [
        (
            ["a", "R 1 2", "S 3 4", "b"],
            ["R 1 2", "S 3 4"],
            ["R | 1 | 2", "S | 3 | 4"],
            ["a", "R | 1 | 2", "S | 3 | 4", "b"],
        ),
        (["a", "R  1 2 ", "b"], [" R 1  2"], ["R | 1 | 2"], ["a", "R | 1 | 2", "b"]),  # blanks do not matter
        (
            ["R 1 2", "x", "R 1 2", "S 3 4"],
            ["R 1 2", "S 3 4"],
            ["T"],
            ["R 1 2", "x", "T"],
        ),  # the whole run, not the first line
        (["a", "b"], ["R 1 2"], ["R | 1 | 2"], None),  # not found: the caller keeps the text
        (["a"], ["", " "], ["R"], None),
    ],
)
def test_splice_table(page, table, rows, expected):
    assert splice_table(page, table, rows) == expected


@pytest.mark.parametrize(
    "cells,expected",
    [
        ([["Region", "Belopp"], ["Region\nSkåne", "12,5"]], ["Region | Belopp", "Region Skåne | 12,5"]),
        ([["A", None], [None, None], ["", "3"]], ["A | ", " | 3"]),
    ],
)
def test_table_rows(cells, expected):
    assert table_rows(cells) == expected


def test_ruling_segments_counts_up_to_enough():
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(grid_pdf([["a", "b"], ["c", "d"]]))
    with calls.Page(pdf, 0) as page:
        assert text_pdf.ruling_segments(page.handle, 1000) >= text_pdf.TABLE_MIN_SEGMENTS
        assert text_pdf.ruling_segments(page.handle, 3) < text_pdf.TABLE_MIN_SEGMENTS
    pdf.close()


# (the table's rows): a table whose head row is the last thing on its page, its body on the next
HEAD_AT_PAGE_END = [
    [
        ["", "2026", "2027", "2028"],
        ["Stöd till samiska kulturföreningar", "4", "4", "4"],
        ["Bygdemuseer", "2", "3", "3"],
    ],
    [
        ["Region", "Sökt, mnkr", "Beviljat, mnkr"],
        ["Region Jämtland Härjedalen", "14", "12,5"],
        ["Region Gotland", "9", "8"],
    ],
]


@pytest.mark.parametrize("rows", HEAD_AT_PAGE_END)
def test_a_table_cut_after_its_head_row_keeps_its_head(rows):
    caption = "Satsningar på kultur (mnkr)" if rows[0][0] == "" else "Fördelning per region"
    data = builders.table_head_at_page_end(caption, rows)
    pages = read_pdf(data).pages
    assert len(pages) == 2 and " | ".join(c for c in rows[0] if c) in pages[0]
    found = sorted(a.value for a in process_bytes(data, "tabell.pdf").tables["amounts"])
    text = "\n".join([caption] + [" | ".join(c for c in r if c) for r in rows])
    assert found == sorted(a.value for a in process_bytes(text.encode(), "tabell.txt").tables["amounts"])
    assert len(found) == sum(len(r) - 1 for r in rows[1:])
