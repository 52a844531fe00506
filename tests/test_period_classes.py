"""The period a fact is for, by class of written Swedish: a programme named with its years, or a time.

A year range right after a programme's name (`landsbygdsprogrammet 2014–2020`, `Regionalfondsprogrammet för
Övre Norrland 2021–2027`, `Interreg Sverige–Norge 2021–2027`) is part of the name: a grant made inside the
programme is not for the programme's whole span, and a date of its own in the sentence says what it is for.
Only the programme's own money (a budget), with no other date beside it, is for the span its name gives. A
range after a word of time (`programperioden 2021–2027`, `för perioden 2024–2026`) is the period it states.
Each row: a sentence written for this test, and the (role, period start, period end) of its one fact.
"""

from __future__ import annotations

import pytest

from pipeline.run.extract import extract

PROGRAMME_NAMED_WITH_YEARS = [
    # a grant inside a programme named with its years: the grant's own date, else none
    (
        "Inom landsbygdsprogrammet 2014–2020 beviljas Hylte kommun 2 miljoner kronor för 2016.",
        ("granted", "2016-01-01", "2016-12-31"),
    ),
    ("Hylte kommun beviljas 2 miljoner kronor inom Landsbygdsprogrammet 2014–2020 i år.", ("granted", None, None)),
    (
        "Hylte kommun får 2 miljoner kronor från Interreg Sverige–Norge 2021–2027 för ett projekt 2024–2026.",
        ("granted", "2024-01-01", "2026-12-31"),
    ),
    (
        "Ur Regionalfondsprogrammet för Övre Norrland 2021–2027 får Region Norrbotten 5 miljoner kronor.",
        ("granted", None, None),
    ),
    ("Laholms kommun har sökt 800 000 kronor ur havs- och fiskeprogrammet 2021–2027.", ("applied", None, None)),
    # the programme's own money: its span, unless a date of its own is told
    (
        "Tillväxtverket fördelar 900 miljoner kronor inom Regionalfondsprogrammet för Övre Norrland 2021–2027.",
        ("budget", "2021-01-01", "2027-12-31"),
    ),
    (
        "Under 2024 fördelar Tillväxtverket 40 miljoner kronor inom regionalfondsprogrammet 2021–2027.",
        ("budget", "2024-01-01", "2024-12-31"),
    ),
    # must not change: a range after a word of time is the period the sentence states
    (
        "Under programperioden 2021–2027 fördelar Tillväxtverket 900 miljoner kronor.",
        ("budget", "2021-01-01", "2027-12-31"),
    ),
    (
        "Under programperioden 2021–2027 beviljas Hylte kommun 2 miljoner kronor.",
        ("granted", "2021-01-01", "2027-12-31"),
    ),
    (
        "Hylte kommun beviljas 2 miljoner kronor för perioden 2024–2026.",
        ("granted", "2024-01-01", "2026-12-31"),
    ),
    (
        "Hylte kommun beviljas 2 miljoner kronor ur programmet för 2024–2025.",
        ("granted", "2024-01-01", "2025-12-31"),
    ),
    ("Hylte kommun beviljas 2 miljoner kronor under 2025.", ("granted", "2025-01-01", "2025-12-31")),
    # must not change: a common noun in -program with an indefinite article or a genitive, or a fund that is no
    # programme, names no programme: the years after it are the period
    (
        "Hylte kommun beviljas 2 miljoner kronor av Boverket för ett nytt skolprogram 2025–2026.",
        ("granted", "2025-01-01", "2026-12-31"),
    ),
    (
        "Hylte kommun beviljas 2 miljoner kronor till kommunens läsprogram 2025–2027.",
        ("granted", "2025-01-01", "2027-12-31"),
    ),
    (
        "Hylte kommun beviljas 2 miljoner kronor ur Arvsfonden 2024–2026 för ett ungdomsprojekt.",
        ("granted", "2024-01-01", "2026-12-31"),
    ),
    (
        "Hylte kommun har sökt 5 miljoner kronor för ett program 2024–2026 hos Tillväxtverket.",
        ("applied", "2024-01-01", "2026-12-31"),
    ),
    (
        "Laholms kommun får 1 miljon kronor för ett treårigt friskvårdsprogram 2024–2026.",
        ("granted", "2024-01-01", "2026-12-31"),
    ),
    # an EU fund by its name is a programme named with its years
    (
        "Hylte kommun beviljas 2 miljoner kronor ur Europeiska socialfonden 2021–2027 i år.",
        ("granted", None, None),
    ),
]


@pytest.mark.parametrize("text,fact", PROGRAMME_NAMED_WITH_YEARS)
def test_a_programmes_years_are_the_facts_period_only_for_its_own_money(text, fact):
    got = extract("doc", text, lambda offset: None, None)
    periods = [
        (f.role, str(f.period_start) if f.period_start else None, str(f.period_end) if f.period_end else None)
        for f in got.facts
    ]
    assert periods == [fact]
