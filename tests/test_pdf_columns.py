"""A table set line by line in a two-column PDF: a row the narrow column wraps stays one row."""

from __future__ import annotations

import pytest

from pipeline.read.document import process_bytes
from pipeline.read.text_pdf import read_pdf, table_rows
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


# ------------------------------------------------------------------ tables whose rows and headers the column wraps

LIST_INTRO = [
    "Beslut om bidrag till kulturmiljöer",
    "Regionen har beslutat om följande bidrag. Beloppen gäller för hela projekttiden.",
]

# (the document's lines, a line the PDF's text must hold, the amounts the run finds)
WRAPPED_TABLES = [
    # a label the column wraps onto a next line that is long itself: the row ends with its own paragraph
    (
        [
            *LIST_INTRO,
            "Sökande - projekt Kommun Beviljat belopp",
            "Fornminnesföreningen Ängsbacken - Röjning och skyltning av gravfältet vid Storgården Tranemo 212 750",
            "Sockenrådet i Lia - Ny brygga och informationstavlor utmed kanotleden Lia 645 000",
            "Bruksföreningen - Lagning av taket på masugnens kolhus Bruket 1 254 800",
        ],
        "Sockenrådet i Lia - Ny brygga och informationstavlor utmed kanotleden Lia 645 000",
        [212_750, 645_000, 1_254_800],
    ),
    # a short label line before a word too long for what is left of the line (`Disponeras av` / a long name)
    (
        [
            "Anslag 3:2 Smittskydd och vaccin (belopp angivna i tkr)",
            "Anslag 3:2 Smittskydd och vaccin (Ramanslag)",
            "Disponeras av Folkhälsomyndigheten/Smittskyddsenheten4 750",
            "ap.1 Vaccin mot säsongsinfluensa till riskgrupperna (ram)4 750",
            "Disponeras av Läkemedelsverket2 100",
            "ap.2 Tillsyn över vaccinernas kvalitet och säkerhet (ram)2 100",
        ],
        "Disponeras av Folkhälsomyndigheten/Smittskyddsenheten4 750",
        [4_750_000, 4_750_000, 2_100_000, 2_100_000],
    ),
    # a column header the column wraps onto two lines: the unit of every column stays with the header
    (
        [
            "Bidrag till fritidsgårdarnas öppethållande",
            "Tabellen visar bidraget till varje kommun i tusentals kronor (tkr) per år.",
            "Kommunens namn Bidrag 2025 (tkr) Bidrag 2026 (tkr) Förändring (tkr)",
            "Storbyn 1 204 1 310 106",
            "Åsmark 1 745 1 622 -123",
            "Lillsjö 6 031 6 412 381",
        ],
        "Kommunens namn Bidrag 2025 (tkr) Bidrag 2026 (tkr) Förändring (tkr)",
        [1_204_000, 1_310_000, 106_000, 1_745_000, 1_622_000, -123_000, 6_031_000, 6_412_000, 381_000],
    ),
    # a row of three sums the column breaks before its last sum: the sum goes back to its row
    (
        [
            "Bidrag per region (kronor)",
            "Region 2025 2026 2027",
            "Region Jämtland Härjedalen 13 205 400 14 872 300 15 210 900",
            "Region Sörmland 30 100 200 31 250 600 32 004 800",
        ],
        "Region Jämtland Härjedalen 13 205 400 14 872 300 15 210 900",
        [13_205_400, 14_872_300, 15_210_900, 30_100_200, 31_250_600, 32_004_800],
    ),
    # a table run into one paragraph of name and sum pairs, ending a sentence: every break is the column's
    (
        [
            "Bidrag till kommunernas lokala klimatarbete",
            "Belopp i kronor:",
            "Torsby 1 358 677 Hagfors 2 098 981 Munkfors 565 688 Filipstad 1 503 102 Storfors 426 656 "
            "Kristinehamn 3 249 247 Kil 1 321 953 Forshaga 1 080 650 Grums 958 381 Säffle 2 418 728 Arvika 3 744 109.",
            "Bidraget betalas ut i april.",
        ],
        # (a break after a whole sum stays: rows each end in their own number)
        "Torsby 1 358 677 Hagfors 2 098 981 Munkfors 565 688 Filipstad 1 503 102 Storfors 426 656",
        [
            1_358_677,
            2_098_981,
            565_688,
            1_503_102,
            426_656,
            3_249_247,
            1_321_953,
            1_080_650,
            958_381,
            2_418_728,
            3_744_109,
        ],
    ),
    # a column header wrapped onto a second line on a page whose paragraphs are mostly one row each
    (
        [
            "Bidrag till kommunernas arbete mot ensamhet bland äldre",
            "Myndigheten har beslutat om bidrag till följande kommuner. Beloppen anges i kronor.",
            "Belopp i kronor",
            "Kommun Beviljat belopp Därav för personalkostnader Därav för lokaler",
            "Övertorneå kommun 1 245 000 845 000 400 000",
            "Pajala kommun 980 500 700 500 280 000",
            "Överkalix kommun 1 120 000 900 000 220 000",
            "Haparanda kommun 2 004 300 1 500 000 504 300",
            "Kalix kommun 1 877 250 1 377 250 500 000",
            "Arvidsjaurs kommun 765 000 565 000 200 000",
            "Bidraget ska användas under 2025.",
        ],
        "Kommun Beviljat belopp Därav för personalkostnader Därav för lokaler",
        [980_500, 700_500, 280_000, 765_000, 565_000, 200_000],
    ),
]


@pytest.mark.parametrize("lines,one_line,amounts", WRAPPED_TABLES)
def test_a_table_the_column_wraps_reads_as_its_text(lines, one_line, amounts):
    data = builders.two_column_pdf(lines)
    assert one_line in read_pdf(data).pages[0].split("\n")
    found = process_bytes(data, "beslut.pdf").tables["amounts"]
    assert sorted(a.value for a in found) == sorted(float(v) for v in amounts)
    plain = process_bytes("\n".join(lines).encode(), "beslut.txt").tables["amounts"]
    assert sorted(a.value for a in found) == sorted(a.value for a in plain)


# lines that must stay apart: (the document's lines, two lines that must both stand as they are)
APART = [
    # a header over the first row: the next label would have fitted, so the line ended there
    (
        [
            "Fördelning per region",
            "Region Invånare Andel Belopp (kronor)",
            "Region Dalarna 287 966 0,03 4 387 015",
            "Region Gotland 61 001 0,01 925 400",
        ],
        ("Region Invånare Andel Belopp (kronor)", "Region Dalarna 287 966 0,03 4 387 015"),
    ),
    # two paragraphs of an article, one after the other: each is one line, as in the text, and they stay two
    (
        [
            "Nytt stöd till bygdens föreningar",
            "Kommunen har i år delat ut mer pengar än någonsin till föreningslivet i de mindre orterna.",
            "Pengarna går främst till lokaler.",
        ],
        (
            "Kommunen har i år delat ut mer pengar än någonsin till föreningslivet i de mindre orterna.",
            "Pengarna går främst till lokaler.",
        ),
    ),
    # a heading over its paragraph: the heading stays a line of its own
    (
        [
            "Stödet",
            "Föreningarna kan söka upp till 50 000 kronor för att rusta sina samlingslokaler under året.",
        ],
        ("Stödet", "Föreningarna kan söka upp till 50 000 kronor för att rusta sina samlingslokaler under året."),
    ),
]


@pytest.mark.parametrize("lines,kept", APART)
def test_lines_the_writer_broke_stay_apart(lines, kept):
    text = [ln.strip() for ln in read_pdf(builders.two_column_pdf(lines)).pages[0].split("\n")]
    assert all(ln in text for ln in kept)


# ------------------------------------------------------------------ ruled tables in a narrow column

RULED_INTRO = [
    "Fördelning till regionerna",
    "Regeringen har fördelat medlen till regionerna enligt tabellen nedan.",
    "Fördelning per region och år (tkr)",
]

# (the table's ` | ` rows, the columns of the page): cells so narrow that a number breaks inside its digits
RULED = [
    (
        [
            "Region | 2020 | 2021 | 2022 | 2023 | 2024 | 2025",
            "Region Kronoberg | 486 498 | 77 470 | 351 249 | 582 194 | 647 604 | 735 106",
            "Region Halland | 139 858 | 531 861 | 620 109 | 67 403 | 812 817 | 722 882",
        ],
        2,
    ),
    (
        [
            "Region | 2024 | 2025 | 2026",
            "Region Blekinge | 1 204 500 | 1 310 250 | 1 106 000",
            "Region Gotland | 745 300 | 1 622 800 | 23 580",
        ],
        3,
    ),
    # a table whose cells are wide enough reads as before
    (["Region | 2025", "Region Kronoberg | 486 498", "Region Halland | 139 858"], 2),
]


@pytest.mark.parametrize("rows,columns", RULED)
def test_a_ruled_table_too_narrow_for_its_numbers_reads_as_its_text(rows, columns):
    lines = RULED_INTRO + rows + ["Beloppen är avrundade."]
    found = process_bytes(builders.two_column_pdf(lines, columns), "beslut.pdf").tables["amounts"]
    plain = process_bytes("\n".join(lines).encode(), "beslut.txt").tables["amounts"]
    expected = sorted(float(n.replace(" ", "")) * 1000 for r in rows[1:] for n in r.split(" | ")[1:])
    assert sorted(a.value for a in plain) == expected
    assert sorted(a.value for a in found) == expected


# (a cell's text as pdfium gives it, the cell on one line)
CELLS = [
    ("48\n6 4\n98", "486 498"),  # a number broken inside its groups of digits
    ("20\n19", "2019"),  # a year broken in two: no group
    ("-1\n2 345", "-12 345"),
    ("12,\n5", "12,5"),
    # rows that must not change
    ("1 234\n567", "1 234 567"),  # broken between its groups
    ("Region\nSkåne", "Region Skåne"),
    ("Beviljat\n2024", "Beviljat 2024"),
    ("2019", "2019"),
    ("12 13", "12 13"),  # on one line: as it stands
]


@pytest.mark.parametrize("cell,text", CELLS)
def test_a_cells_lines_read_as_one(cell, text):
    assert table_rows([[cell, "x"]]) == [f"{text} | x"]


def test_a_caption_over_three_lines_of_a_narrow_column_is_one_line():
    caption = (
        "Sökande, projektets namn och orten där insatsen görs Typ av insats enligt ansökan Beviljat belopp (kronor)"
    )
    lines = [*LIST_INTRO, caption, "Gnosjö - Ny belysning i idrottshallen Energi 2 864 400", "Beloppen är avrundade."]
    text = read_pdf(builders.two_column_pdf(lines, 3)).pages[0]
    assert caption in text.split("\n")
