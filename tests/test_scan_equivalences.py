"""The faster forms the mention scans use read exactly what the plain forms read (issue 28): each row is a
case where the two could part, and the test asks both."""

from __future__ import annotations

import pytest

from extractors.amounts import grammar as money_grammar
from extractors.amounts import parse_number
from extractors.scan import may_end_a_word

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


# the words before a number that make it no money or negative, in every case and spacing, and windows where
# nothing stands: wherever the pattern matches, the cheap test must let it be asked
WORDS_BEFORE = [
    "enligt SFS ",
    "se prop. ",
    "Telefon" + NBSP,
    "på sida" + THIN,
    "ARTIKEL\n",
    "nr ",
    "FOI:s ",  # an acronym's genitive: the pattern does not match, and nothing may fail either way
    "ſfs ",  # a long s: `regex` folds it to `s`
    "Kap.  ",
    "§ ",
    "resultatet blev minus ",
    "ett underskott på ",
    "ett UNDERSKOTT OM\t",
    "cirka minus\u2007",
    "med ",
    "till ",
    "om ",
    "   ",
    "",
    "årets\x1c ",  # isspace reads \x1c as space, `regex` does not
    "slutsumma, ",
    "Dnr",  # no white space before the number: no match, and nothing may fail
    "a s ",  # one letter of a word alone
    "SOU\u00a0",
]


@pytest.mark.parametrize("before", WORDS_BEFORE)
def test_the_cheap_test_lets_every_word_before_a_number_be_asked(before):
    g = money_grammar()
    text = before + "12 miljoner kronor"
    start = len(before)
    for pattern, words in ((g.not_money_before, g.not_money_finals), (g.negative_ends_here, g.negative_finals)):
        for lo in range(start + 1):
            if pattern.search(text, lo, start) or pattern.search(text[lo:start]):
                assert may_end_a_word(text, lo, start, words)


@pytest.mark.parametrize(
    "before, asked",
    [
        ("med ", False),
        ("i ", False),
        ("vilket var ", False),  # ends in `r` as `nr` does, but not in `nr`
        ("sammanlagt ", False),
        ("SFS ", True),
        ("minus ", True),
        ("på ", True),
        ("", True),
        ("år ", True),  # not ASCII: left to the pattern
        ("under ", True),  # ends as `nummer` does: the pattern decides
        ("kommunens ", True),  # ends as the page's `s.` does
    ],
)
def test_the_cheap_test_rules_out_a_plain_word_before_a_number(before, asked):
    g = money_grammar()
    text = before + "5 kronor"
    got = may_end_a_word(text, 0, len(before), g.not_money_finals) or may_end_a_word(
        text, 0, len(before), g.negative_finals
    )
    assert got == asked


# what may follow a year: the patterns after it are asked only where the character each needs stands
AFTER_A_YEAR = [":193 om", "/22:1", " / 3", " :5", "-talet", " – talet", "–70 talet", "-områden", "+ projekt", "+ 5"]
AFTER_A_YEAR += ["-00123", "- 5", " kronor", ".", "", " och 2021", "–2024", "\u2013talet"]


@pytest.mark.parametrize("after", AFTER_A_YEAR)
def test_a_pattern_after_a_year_is_asked_where_it_can_match(after):
    from extractors import dates

    g = dates.grammar()
    assert bool(dates._NUMBER_OF_REFERENCE.match(after)) <= ("/" in after or ":" in after)
    assert bool(g.decade_after.match(after)) <= ("-" in after or "–" in after)
    assert bool(dates._NAME_AFTER_YEAR.match(after)) <= (after[:1] in ("-", "+"))
    assert bool(dates._NUMBER_AFTER_DASH.match(after)) <= (after[:1] == "-")
