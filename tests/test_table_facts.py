"""Facts read from tables: the row's label is the body, the column or caption the role, a year column the period.

Each case is our own small document in the style of a distribution decision,
a regleringsbrev or a news page that runs its table into one line; the
expected rows are what a reader would copy into a spreadsheet.
"""

from __future__ import annotations

import pytest

from pipeline.run.extract import extract


def facts_of(text: str) -> list[tuple]:
    got = extract("doc", text, lambda offset: None, None)
    return [(f.body_id, f.role, f.amount, f.period_start and f.period_start.year) for f in got.facts]


CASES = [
    (
        "regions with a population column",
        "Fördelning av medel till regionerna\n\nRegion Invånare Fördelade medel (kronor)\n"
        "Region Halland 340 243 12 551 000\nRegion Gotland 61 001 2 250 000\nRegion Kronoberg 203 340 7 500 000\n",
        [
            ("region:13", "granted", 12_551_000, None),
            ("region:09", "granted", 2_250_000, None),
            ("region:07", "granted", 7_500_000, None),
        ],
    ),
    (
        "a regleringsbrev: the agency that disposes of the appropriation",
        "Tilldelade anslag (belopp angivna i tkr)\n\nAnslag 1:4 Kulturmiljöarbete (Ramanslag)\n\n"
        "Disponeras av Riksantikvarieämbetet12 400\nDisponeras av Boverket3 100\n",
        [
            ("myndighet:riksantikvarieambetet", "budget", 12_400_000, None),
            ("myndighet:boverket", "budget", 3_100_000, None),
        ],
    ),
    (
        "applied and granted columns",
        "Beslut om stöd 2025, kronor\nKommun | Sökt | Beviljat\nLessebo kommun | 900 000 | 650 000\n"
        "Alvesta kommun | 1 200 000 | 1 000 000\n",
        [
            ("kommun:0761", "applied", 900_000, None),
            ("kommun:0761", "granted", 650_000, None),
            ("kommun:0764", "applied", 1_200_000, None),
            ("kommun:0764", "granted", 1_000_000, None),
        ],
    ),
    (
        "a table a web page ran into one line, with a total row that is no one's",
        "Siffrorna nedan visar hur medlen fördelas. Kronobergs län Alvesta 12 408 100 Lessebo 5 112 030 "
        "Ljungby 18 777 000 Summa kommuner 36 297 130",
        [
            ("kommun:0764", "granted", 12_408_100, None),
            ("kommun:0761", "granted", 5_112_030, None),
            ("kommun:0781", "granted", 18_777_000, None),
        ],
    ),
    (
        "columns of years give the period",
        "Statsbidrag per län, tkr\nLän | 2024 | 2025\nLänsstyrelsen i Hallands län | 4 000 | 4 500\n"
        "Länsstyrelsen i Kalmar län | 3 000 | 3 200\n",
        [
            ("lansstyrelse:13", "granted", 4_000_000, 2024),
            ("lansstyrelse:13", "granted", 4_500_000, 2025),
            ("lansstyrelse:08", "granted", 3_000_000, 2024),
            ("lansstyrelse:08", "granted", 3_200_000, 2025),
        ],
    ),
    (
        "a municipality whose name is also a word is one where its siblings are municipalities",
        "Preliminär fördelning per kommun, kronor\n\nDalarnas län\nFalun 26 318 402\nGagnef 5 207 933\n"
        "Leksand 13 660 821\nMora 10 482 195\nOrsa 7 913 064\n",
        [
            ("kommun:2080", "granted", 26_318_402, None),
            ("kommun:2026", "granted", 5_207_933, None),
            ("kommun:2029", "granted", 13_660_821, None),
            ("kommun:2062", "granted", 10_482_195, None),
            ("kommun:2034", "granted", 7_913_064, None),
        ],
    ),
    (
        "… but not among rows that are not municipalities",
        "Kostnader per område, kronor\n\nVara 1 200 000\nMark 3 400 000\nLokaler 2 100 000\n",
        [],
    ),
]


@pytest.mark.parametrize("why,text,expected", CASES, ids=[c[0] for c in CASES])
def test_table_rows_are_facts(why, text, expected):
    assert facts_of(text) == expected


def test_a_table_without_bodies_gives_amounts_but_no_facts():
    text = "Not 4 Generella statsbidrag\n\nTkr\nMaxtaxa 4 120\nSkolmiljarden 1 305\nSumma 5 425\n"
    got = extract("doc", text, lambda offset: None, None)
    assert [a.value for a in got.amounts] == [4_120_000, 1_305_000, 5_425_000]
    assert got.facts == []
