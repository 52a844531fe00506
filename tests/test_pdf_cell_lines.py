"""A table set out one cell a line (a web page's table printed to PDF): no blank line parts its rows, and a
page break may leave its introduction on one page and its cells alone on the next. Each row still links its
own recipient and sum, as the same lines do as text."""

from __future__ import annotations

import pytest

from extractors.sentences import segment
from pipeline.read import text_pdf
from pipeline.read.document import process_bytes
from tests.fixtures import builders

INTRO = [
    "Forskningsrådet har fattat beslut om bidrag till projekt om vatten och klimat.",
    "Lärosäten med beviljade projekt",
]
HEADER = ["Lärosäte", "Antal projekt", "Beviljat belopp"]
ROWS = [
    "Lunds universitet",
    "3",
    "12 400 000 kr",
    "Linköpings universitet",
    "1",
    "4 250 000 kr",
    "Örebro universitet",
    "2",
    "6 100 000 kr",
    "Summa",
    "6",
    "22 750 000 kr",
]
LINES = INTRO + HEADER + ROWS
GRANTED = {
    ("myndighet:lunds-universitet", "granted", 12_400_000.0),
    ("myndighet:linkopings-universitet", "granted", 4_250_000.0),
    ("myndighet:orebro-universitet", "granted", 6_100_000.0),
}
NEXT_SECTION = [
    "Så bedömdes ansökningarna",
    "En beredningsgrupp med forskare och användare läste alla ansökningar och satte betyg på dem.",
]


def _facts(data: bytes, name: str) -> set[tuple[str, str, float]]:
    return {(f.body_id, f.role, f.amount) for f in process_bytes(data, name).tables["facts"]}


@pytest.mark.parametrize(
    ("lines", "page_break_before", "expected"),
    [
        (LINES, None, GRANTED),  # one page: unchanged
        (LINES, len(INTRO), GRANTED),  # the introduction ends page 1, the column heads open page 2
        (LINES, len(INTRO) + len(HEADER), GRANTED),  # the column heads end page 1, the rows open page 2
        (LINES + NEXT_SECTION, len(LINES), GRANTED),  # the next section opens page 2: nothing joins across
        (INTRO + NEXT_SECTION, len(INTRO), set()),  # prose only: no sum, no fact
    ],
)
def test_rows_of_cells_link_across_a_page_break(lines, page_break_before, expected):
    pdf = builders.cell_lines_pdf(lines, page_break_before)
    assert _facts(pdf, "beslut.pdf") == expected
    assert _facts("\n\n".join(lines).encode(), "beslut.txt") == expected


@pytest.mark.parametrize(
    ("lines", "page_break_before"),
    [
        (LINES, len(INTRO)),  # a page of cells only: each cell stays a line of its own
        (LINES, None),
        (LINES + NEXT_SECTION, len(LINES)),  # a heading at the top of the next page stays apart
    ],
)
def test_cells_stay_lines_of_their_own(lines, page_break_before):
    text = text_pdf.read(builders.cell_lines_pdf(lines, page_break_before)).text
    got = [ln.strip() for ln in text.replace("\f", "\n").split("\n") if ln.strip()]
    # a bare number at a page's foot is read as its page number; every other line is kept as written
    assert [ln for ln in lines if ln in got] == got
    assert all(ln in got for ln in lines if not ln.isdigit())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a sum alone on its line ends its row's run of cells
        (
            "Lunds universitet\n3\n12 400 000 kr\nÖrebro universitet\n2\n6 100 000 kr",
            ["Lunds universitet\n3\n12 400 000 kr", "Örebro universitet\n2\n6 100 000 kr"],
        ),
        # a label and its sum on one line is a list line, as before
        ("Lunds universitet 12 400 000 kr", ["Lunds universitet 12 400 000 kr"]),
        # a sum in running prose does not cut the sentence
        (
            "Rådet fördelar i år\n12 400 000 kronor till projekten.",
            ["Rådet fördelar i år\n12 400 000 kronor till projekten."],
        ),
        # a small count alone on a line is no sum
        ("Antal projekt\n3\nSumma", ["Antal projekt\n3\nSumma"]),
    ],
)
def test_a_sum_alone_on_its_line_ends_the_row(text, expected):
    assert [text[s.start : s.end] for s in segment(text)] == expected
