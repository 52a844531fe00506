"""The faster forms the mention scans use read exactly what the plain forms read (issue 28): each row is a
case where the two could part, and the test asks both."""

from __future__ import annotations

import pytest

from extractors.amounts import grammar as money_grammar
from extractors.amounts import parse_number

NBSP, THIN = "\u00a0", "\u2009"

# every kind of amount the money pattern reads, so that each of its groups is set in some row
MONEY_MATCHES = [
    "Regionen får 21 000 000 kronor.",
    "Kommunen får cirka 82,9 miljoner kronor.",
    "Ramen är 10–20 miljarder kronor.",
    "Staten ger 12 + 4 miljarder kronor.",
    "De fick 3 respektive 4 miljoner kronor.",
    "Avgiften ligger mellan -300 och -2 500 kronor.",
    "Staten skjuter till 7 välfärdsmiljarder nästa år.",
    "Det blir sex nya miljoner till skolan.",
    "Anslaget höjs från 100 till 150 miljoner kronor.",
    "Totalt 5 miljoner kr" + NBSP + "per invånare.",
    "Beloppet är 21" + THIN + "000 kr.",
    "Knappt tre och en halv miljard kronor.",
    "Ingen summa alls här, bara år 2021.",  # no match: nothing to compare, and nothing may fail
]


@pytest.mark.parametrize("text", MONEY_MATCHES)
def test_a_money_group_read_by_number_is_the_group_read_by_name(text):
    g = money_grammar()
    for start in range(len(text)):
        m = g.rx.match(text, start)
        if m is None:
            continue
        for name, number in g.at._asdict().items():
            assert m.group(number) == m.group(name)
            assert m.span(number) == m.span(name)


def test_every_named_money_group_has_its_number():
    g = money_grammar()
    named = set(g.rx.groupindex) - {"number"}  # `number` is the DEFINE'd number, called where it stands
    assert named == set(g.at._fields)


@pytest.mark.parametrize(
    "written, value",
    [
        ("295", 295.0),
        ("0042", 42.0),
        ("2020", 2020.0),
        ("٣٤", 34.0),  # digits that are not ASCII: read the long way, to the same value
        ("1 500", 1500.0),
        ("1.500", 1500.0),
        ("82,9", 82.9),
        ("tio", 10.0),
        ("-4 000", -4000.0),
        ("+5", 5.0),
    ],
)
def test_a_number_reads_the_same_by_the_short_way(written, value):
    assert parse_number(written) == value
