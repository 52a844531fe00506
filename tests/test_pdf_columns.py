"""A table set line by line in a two-column PDF: a row the narrow column wraps stays one row."""

from __future__ import annotations

import pytest

from pipeline.read.document import process_bytes
from pipeline.read.text_pdf import read_pdf
from tests.fixtures import builders

INTRO = [
    "Fördelning av bidrag till samlingslokaler",
    "Länsstyrelsen har fördelat bidraget till föreningarna i länet. Beloppen nedan avser hela "
    "projektperioden och betalas ut när projekten har redovisats.",
    "Förening - projekt Ort Beviljat belopp (kr)",
]

# (the table's lines, the row that must read as one line of the PDF's text, the amounts the run finds)
WRAPPED = [
    # a label that runs onto the next line, with the row's number at that line's end
    (
        [
            "Bygdegårdsföreningen Norrsken - Ny ventilation och tillgänglig entré Norrsken 1 842 300",
            "Folkets hus i Åsen - Byte av fönster Åsen 412 000",
        ],
        "Bygdegårdsföreningen Norrsken - Ny ventilation och tillgänglig entré Norrsken 1 842 300",
        [1_842_300, 412_000],
    ),
    # a number that breaks between its digit groups at the column's edge
    (
        [
            "Hembygdsföreningen Gammelgården - Renovering av logen Nyby 2 118 450",
            "Idrottsföreningen Kvarnen - Nytt tak på klubbstugan Kvarnby 1 507 925",
        ],
        "Hembygdsföreningen Gammelgården - Renovering av logen Nyby 2 118 450",
        [2_118_450, 1_507_925],
    ),
]


@pytest.mark.parametrize("rows,one_line,amounts", WRAPPED)
def test_a_wrapped_row_stays_one_row(rows, one_line, amounts):
    data = builders.two_column_pdf(INTRO + rows)
    text = read_pdf(data).pages[0]
    assert one_line in text.split("\n")
    found = process_bytes(data, "beslut.pdf").tables["amounts"]
    assert sorted(a.value for a in found) == sorted(float(v) for v in amounts)


# lines the column wraps that are no table row keep their line breaks
KEPT = [
    # prose: the wrapped sentence goes on with words, not a row's number
    "Föreningarna ska redovisa hur bidraget har använts senast ett år efter att projektet har avslutats.",
    # a label over its number, a table set one cell a line: the label is short, nothing wrapped
    "Norrsken",
]


@pytest.mark.parametrize("line", KEPT)
def test_a_line_that_is_no_wrapped_row_keeps_its_breaks(line):
    text = read_pdf(builders.two_column_pdf(INTRO + [line, "1 842 300"])).pages[0]
    assert "1 842 300" in text.split("\n")
