"""What a fact carries besides body and role: a programme and a funder only where the text ties them to it.

Rows are (text, the fact's amount, the programme, the funder_id). The texts
are written for these tests: a programme named in the sentence, the list's
introduction, the table's caption or the heading over the sum is the fact's;
one named in another paragraph is not. A distribution table's funder is the
body the prose above says distributes it, never another row of the table.
"""

from __future__ import annotations

import pytest

from pipeline.run.extract import extract

COUNTY_TABLE = (
    "Medel till länsstyrelserna\n\n"
    "Naturvårdsverket fördelar medlen till länsstyrelserna enligt en modell.\n\n"
    "Fördelning per län\n"
    "Länsstyrelse | Belopp\n"
    "Länsstyrelsen i Uppsala län | 2 100 000\n"
    "Länsstyrelsen i Kalmar län | 3 400 000\n"
    "Länsstyrelsen i Gotlands län | 1 200 000\n"
)

CASES = [
    # the sentence names the programme
    ("Hylte kommun får 2 miljoner kronor från klimatklivet.", 2e6, "klimatklivet", "myndighet:naturvardsverket"),
    # … a programme of another paragraph is not this sum's
    (
        "Naturvårdsverket berättar om klimatklivet.\n\nSkolan\n\n"
        "Hylte kommun får 2 miljoner kronor för en ny skolgård.",
        2e6,
        None,
        None,
    ),
    # the list's introduction names it
    (
        "Så mycket får kommunerna från skolmiljarden:\n- Hylte kommun, 2 miljoner kronor\n"
        "- Laholms kommun, 1 miljon kronor",
        1e6,
        "skolmiljarden",
        "myndighet:skolverket",
    ),
    # the heading over the sum names it
    (
        "Äldreomsorgslyftet i Halland\n\nHylte kommun får 2 miljoner kronor i år.",
        2e6,
        "äldreomsorgslyftet",
        "myndighet:socialstyrelsen",  # the programme's usual funder
    ),
    # the table's caption names it
    (
        "Tabell 3: Stadsmiljöavtal per kommun, kr\nHylte kommun | 2 000 000\nLaholms kommun | 1 000 000\n",
        1e6,
        "stadsmiljöavtal",
        "myndighet:trafikverket",
    ),
    # an agency's per-county table: the agency distributes; no row is another row's funder
    (COUNTY_TABLE, 3_400_000, None, "myndighet:naturvardsverket"),
    (COUNTY_TABLE, 1_200_000, None, "myndighet:naturvardsverket"),
]


@pytest.mark.parametrize("text,amount,programme,funder", CASES)
def test_programme_and_funder_only_where_the_text_ties_them(text, amount, programme, funder):
    ext = extract("d", text, lambda _: None, None)
    facts = [f for f in ext.facts if f.amount == amount and f.role == "granted"]
    assert len(facts) == 1, [(f.body_id, f.role, f.amount) for f in ext.facts]
    assert (facts[0].programme, facts[0].funder_id) == (programme, funder)
