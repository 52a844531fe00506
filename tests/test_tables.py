"""Tables in text, in every layout a reader or a web page leaves them: which bare numbers are money, in what unit.

Each row is our own small document in the style of agency decisions, regleringsbrev,
distribution lists and annual-report notes; the expected values are what a reader
would copy by hand.
"""

from __future__ import annotations

import pytest

from extractors.amounts import find_amounts
from extractors.areas import is_place_name
from extractors.bodies import find_bodies
from extractors.tables import find_tables, splits, table_amounts


def money_cells(text: str) -> list[float]:
    taken = [(a.start, a.end) for a in find_amounts(text)]
    spans = [(b.start, b.end) for b in find_bodies(text)]

    def names_body(start: int, end: int) -> bool:
        return any(start <= s and e <= end for s, e in spans) or is_place_name(text[start:end])

    return [a.value for a in table_amounts(text, find_tables(text, taken), names_body)]


LAYOUTS = [
    (
        "pipes, unit in the caption two lines up",
        "Tilldelade anslag (belopp i tkr) |\nUtgiftsområde 7\n"
        "Disponeras av Länsstyrelsen i Gävleborgs län | 4 200 |\n"
        "Disponeras av Länsstyrelsen i Jämtlands län | 950 |\n",
        [4_200_000, 950_000],
    ),
    (
        "label glued to its number, caption with blank lines",
        "Tilldelade anslag/anslagsposter (alla belopp angivna i tkr)\n\nAnslag 2:3 Kultur (Ramanslag)\n\n"
        "Disponeras av Riksantikvarieämbetet12 400\nap.1Bidrag till kulturmiljövård (ram)12 400\n",
        [12_400_000, 12_400_000],
    ),
    (
        "one cell per line under a unit and a header of years",
        "Not 9 Statsbidrag\n\nTkr\n\nKommunen\n2023\n\nKommunen\n2022\n\n"
        "Maxtaxa\n\n4 120\n\n3 980\n\nSkolmiljarden\n\n1 305\n\n0\n",
        [4_120_000, 3_980_000, 1_305_000, 0],
    ),
    (
        "one cell per line between pipes, money header",
        "Fördelning per region\nRegion |\nBelopp |\nRegion Halland |\n12 400 000\n|\nRegion Gotland |\n3 050 000\n|\n",
        [12_400_000, 3_050_000],
    ),
    (
        "columns by spaces: population and share are not money",
        "Fördelning regionvis\nRegion Invånare\n(31 dec 2022)\nAndel Tilldelade medel\n(kronor)\n"
        "Region Halland 340 243 0,03 12 551 000\nRegion Gotland 61 001 0,01 2 250 000\n",
        [12_551_000, 2_250_000],
    ),
    (
        "an uncertain split is settled by the rows whose split is certain",
        "Län Befolkning Fördelade medel\nKalmar 245 415 44 080 100\nGotland 61 001 10 950 000\n"
        "Dalarna 287 795 122 052 552\n",
        [44_080_100, 10_950_000, 122_052_552],
    ),
    (
        "a table run into one line of a web page",
        "Medlen fördelas enligt nedan. Kronobergs län Alvesta 12 408 100 Lessebo 5 112 030 "
        "Ljungby 18 777 000 Markaryd 6 020 450 Summa kommuner 42 317 580",
        [12_408_100, 5_112_030, 18_777_000, 6_020_450, 42_317_580],
    ),
    (
        "a header row of years over rows in mdkr, all in one line",
        "Förslaget i korthet. Tillskott, mdkr 2024 2025 2026 Per invånare 2 4 6 Totalt 3 5 8 Av tillskottet går 70 "
        "procent till kommunerna.",
        [2e9, 4e9, 6e9, 3e9, 5e9, 8e9],
    ),
    (
        "a distribution list of counties introduced by money words",
        "Preliminär fördelning av bidraget per län:\n\nSkåne län 120 450 300\nHallands län 31 220 900\n"
        "Blekinge län 14 905 100\n",
        [120_450_300, 31_220_900, 14_905_100],
    ),
    (
        "caption under the table",
        "Anslag/ap Tilldelat Utnyttjat\nap.1 Bidrag till solceller 4 000 3 100\nap.2 Administration 500 480\n"
        "Belopp angivna i tkr\n",
        [4_000_000, 3_100_000, 500_000, 480_000],
    ),
    (
        "tusental kronor declares thousands",
        "Statsbidrag, tusental kronor\nMaxtaxa 1 200\nÄldreomsorg 3 400\n",
        [1.2e6, 3.4e6],
    ),
    ("miljoner kronor declares millions", "Belopp i miljoner kronor\nBredband 12,5\nVägar 40\n", [12.5e6, 40e6]),
]


@pytest.mark.parametrize("why,text,expected", LAYOUTS, ids=[row[0] for row in LAYOUTS])
def test_money_in_table_layouts(why, text, expected):
    assert money_cells(text) == expected


NOT_MONEY = [
    ("a count table", "Antal ansökningar per län\nSkåne län 1 204\nHallands län 312\nBlekinge län 155\n"),
    ("a population list with no money words", "Folkmängd den 1 november\nSkåne län 1 400 000\nHallands län 340 000\n"),
    (
        "numbers inside sentences",
        "I år kom det in 187 ansökningar, varav 43 beviljades. Sista dag är den 6 april 2025.\n"
        "Beslut fattas 7 och 8 maj.",
    ),
    ("a footnote number glued in prose", "Stödet är viktigt nu. Om rege30 Modellen utgår ifrån behoven i landet."),
    (
        "a table without any declaration",
        "Tabell 4: Utfall i exemplet\nmed höjda statsbidrag\nOrt A Ort B Skillnad\n"
        "A Tillskott 193 193 0\nB Avdrag 1 801 -1 843\n",
    ),
    (
        "a heading with a number is not a one-row table",
        "Belopp angivna i tkr\nAnslagspost 19\n\nRegeringen beslutar.",
    ),
    ("a date and a case number", "Beslut 2024-03-14\nDnr 2024/1234\nBox 4044\n10261 Stockholm\n"),
]


@pytest.mark.parametrize("why,text", NOT_MONEY, ids=[row[0] for row in NOT_MONEY])
def test_not_money(why, text):
    assert money_cells(text) == []


SPLITS = [
    (["214", "906", "73", "118", "625"], 2, [(2, 3)]),  # `73` cannot continue a number
    (["317", "205", "481", "064", "739"], 2, [(1, 4), (2, 3), (4, 1)]),  # uncertain alone (`064` starts none)
    (["3", "418", "260", "0,47", "51", "702", "318"], 3, [(3, 1, 3)]),  # a decimal ends a number
    (["2017", "2018", "2019"], 3, [(1, 1, 1)]),  # a four-digit group continues nothing
    (["12", "345"], 1, [(2,)]),
]


@pytest.mark.parametrize("groups,k,expected", SPLITS)
def test_splits_follow_digit_grouping(groups, k, expected):
    assert splits(groups, k) == expected


# tables as our DOCX, HTML and ruled-PDF readers write them: cells joined by ` | `
PIPE_TABLES = [
    ("Region | Belopp (tkr)\nRegion Uppsala | 1 250\nRegion Skåne | 980,5", [1_250_000, 980_500]),
    (
        "Kommun | Sökt, mnkr | Beviljat, mnkr\nMalå kommun | 12,5 | 10\nBjurholms kommun | 8 | 7,25",
        [12.5e6, 10e6, 8e6, 7.25e6],
    ),
    ("Åtgärd | Kronor\nDigitala vårdmöten | 25 000 000", [25_000_000]),
    ("Åtgärd | Antal\nDigitala vårdmöten | 25", []),  # no unit in the header: a count
    # the caption on the line above names the unit
    (
        "Tabell 1. Beviljade medel per region, mnkr\nRegion | 2023 | 2024\nRegion Skåne | 12,5 | 14,0",
        [12.5e6, 14e6],
    ),
    ("Belopp i tkr\nKommun | Antal invånare | Bidrag\nMalå kommun | 3 100 | 250", [250_000]),  # not the count
    ("Tabell 3. Sökta medel per region 2024, mnkr\nRegion | Sökt\nRegion Skåne | 12,5", [12.5e6]),
    ("Tabell 2. Fördelning av 56 miljoner kronor\nRegion | Belopp\nRegion Skåne | 12,5", []),  # the caption's own
    # text taken from web pages and PDFs often sets a blank line between a caption and its table
    ("Tabell 4. Bidrag, mnkr\n\nRegion | Belopp\nRegion Skåne | 12,5", [12.5e6]),
    # a header row of long cells still names the columns; a cell's first word decides its kind (`Antal … medlen`
    # is a count), and a count held back (`<5`) or a figure left out (`–`) does not end the table
    (
        "Så här delas pengarna ut\nLän | Tilldelade medel 2024 | Antal platser som medlen räcker till | Antal "
        "deltagare som pengarna når\nHallands län | 4 200 000 | 410 | 55\nGotlands län | 310 000 | 30 | <5\n"
        "Summa | 4 510 000 | 440 | 58",
        [4_200_000, 310_000, 4_510_000],
    ),
    (
        "Kommun | Beviljat, kr | Sökt, kr\nMalå kommun | 450 000 | –\nBjurholms kommun | – | 300 000\n"
        "Åsele kommun | 120 000 | 150 000",
        [450_000, 300_000, 120_000, 150_000],
    ),
    # must not change: a share of the money and a count are no money, however long the header
    (
        "Region | Antal ansökningar som kom in under året | Andel av medlen som gick till landsbygden\n"
        "Region Skåne | 1 204 | 12,5\nRegion Halland | 3 120 | 30",
        [],
    ),
    ("Åtgärd | Antal\nDigitala vårdmöten | <5\nHembesök | 2 400", []),
    # a budget table of years: a measure named in a long phrase, and rows that leave their last years empty
    (
        "Satsningar på kultur (mnkr)\n2025 | 2026 | 2027\nNytt stöd till scenkonsten | 3 | 3\n"
        "Stärkt stöd till läsfrämjande insatser i skolor och på bibliotek runt om i hela landet, främst för "
        "barn och unga | 20 | 20 | 20\nBidrag till kulturskolor | 15\n",
        [3e6, 3e6, 20e6, 20e6, 20e6, 15e6],
    ),
    # must not change: a page footer of cells with no unit is no table of money
    ("Regeringskansliet | 103 33 Stockholm | Telefonväxel 08-405 10 00\nBesöksadress | Rosenbad 4", []),
]


@pytest.mark.parametrize("table,expected", PIPE_TABLES)
def test_unit_from_a_pipe_table_header(table, expected):
    taken = [(a.start, a.end) for a in find_amounts(table)]
    found = table_amounts(table, find_tables(table, taken), lambda s, e: False)
    assert [a.value for a in found] == expected
    for a in found:
        assert table[a.start : a.end] == a.text


def test_cells_keep_their_column_header_and_row_label():
    text = "Beviljade medel 2025, kr\nRegion | Sökt | Beviljat\nRegion Örebro län | 900 000 | 650 000\n"
    text += "Region Värmland | 1 200 000 | 1 000 000\n"
    found = table_amounts(text, find_tables(text, [(a.start, a.end) for a in find_amounts(text)]), lambda s, e: True)
    assert [(a.value, a.cell.column_header, text[slice(*a.cell.row_label)]) for a in found if a.cell] == [
        (900_000, "Sökt", "Region Örebro län"),
        (650_000, "Beviljat", "Region Örebro län"),
        (1_200_000, "Sökt", "Region Värmland"),
        (1_000_000, "Beviljat", "Region Värmland"),
    ]


def test_tables_report_rows_and_years():
    text = "Tkr\nKommunen 2024 | Kommunen 2023\nMaxtaxa | 4 120 | 3 980\nSkolmiljarden | 1 305 | 900\n"
    tables = find_tables(text)
    assert len(tables) == 1
    assert [r.label.text for r in tables[0].rows] == ["Maxtaxa", "Skolmiljarden"]
    assert [[v.text for v in r.values] for r in tables[0].rows] == [["4 120", "3 980"], ["1 305", "900"]]


PROSE_AND_ROWS = [
    (
        "a sentence between rows breaks the table in two",
        "Fördelning av medel, tkr\nRegion Halland 4 200\nRegion Gotland 950\nUnder 2024 har regionerna fått ett "
        "tillskott som fördelas enligt samma modell som tidigare år.\nRegion Skåne 7 300\nRegion Kalmar 1 100\n",
        [
            [("Region Halland", ["4 200"]), ("Region Gotland", ["950"])],
            [("Region Skåne", ["7 300"]), ("Region Kalmar", ["1 100"])],
        ],
    ),
    (
        "a short line whose year runs on in prose takes no numbers below it (must not become a row)",
        "Bidragen till kommunernas förskolor som under 2024 byggdes ut kraftigt\n4 500 000\n3 200 000\n",
        [],
    ),
    (
        "a short line without numbers is the label of the numbers below it",
        "Bidragen till kommunernas förskolor som byggdes ut kraftigt under året\n4 500 000\n3 200 000\n",
        [[("Bidragen till kommunernas förskolor som byggdes ut kraftigt under året", ["4 500 000", "3 200 000"])]],
    ),
    (
        "a line that ends in years is the header row of the rows below",
        "Så här fördelas bidraget mellan länen under de kommande åren 2025 2026\nKalmar län 4 200 5 100\n"
        "Gotlands län 900 1 000\n",
        [[("Kalmar län", ["4 200", "5 100"]), ("Gotlands län", ["900", "1 000"])]],
    ),
    (
        "a row after the last sentence of a line joins the rows below",
        "Medlen för 2024 ska fördelas mellan regionerna efter antalet invånare. Summa 4 200 5 100\n"
        "Kalmar län 4 200 5 100\n",
        [[("Summa", ["4 200", "5 100"]), ("Kalmar län", ["4 200", "5 100"])]],
    ),
    (
        "years in a sentence above the rows are no row (must not join the table)",
        "Regionerna fick 2023 och 2024 bidrag för vårdens kompetensförsörjning, se tabell.\nKalmar län 4 200\n"
        "Gotlands län 900\n",
        [[("Kalmar län", ["4 200"]), ("Gotlands län", ["900"])]],
    ),
]


@pytest.mark.parametrize("why,text,expected", PROSE_AND_ROWS, ids=[row[0] for row in PROSE_AND_ROWS])
def test_prose_lines_next_to_rows(why, text, expected):
    tables = find_tables(text, [(a.start, a.end) for a in find_amounts(text)])
    assert [[(r.label.text, [v.text for v in r.values or r.runs]) for r in t.rows] for t in tables] == expected


SHORTCUT_TEXTS = [row[1] for row in LAYOUTS + NOT_MONEY + PROSE_AND_ROWS] + [
    "Kommunerna fick 2021 och 2022 mer pengar än väntat.\nAv dem gick 40 till skolan 2023 och resten till vården.\n"
    "Skola 12 400\nVård 9 100\n",
    "Bidraget för 2024 fördelas efter invånare i varje kommun som har ansökt om det i tid.\nAlvesta 4 100\n",
    "Behoven växer enligt bedömningen i rapporten kraftigt i hela landet under perioden 2024–2027. Därför\n"
    "Skola 12 400\nVård 9 100\nHela sektorn 2024–2027 i kronor\n4 100\n",
    "Stöd ges till 2024 års projekt.\nKort rad 2024 i år\n3 500\nOmkring <5 av 100 sökande får avslag, ofta 2023.\n",
    # a lower-case letter `regex` knows from a newer Unicode than Python (U+A7CD) after each number: no prose
    "Förskolor 3 200\t\ua7cd-medel 1 400\t\ua7cd-medel\nFritids 800\t\ua7cd-medel 200\t\ua7cd-medel\n",
]


@pytest.mark.parametrize("text", SHORTCUT_TEXTS)
def test_prose_lines_read_whole_give_the_same_tables(text, monkeypatch):
    """A line `prose_line` leaves uncut gives the tables the full analysis of its numbers gives."""
    from extractors.tables import lines

    taken = [(a.start, a.end) for a in find_amounts(text)]
    shortcut = find_tables(text, taken)
    monkeypatch.setattr(lines, "prose_line", lambda *args: False)
    assert find_tables(text, taken) == shortcut
