"""The scanning helpers: anchors grouped under their first characters match as the plain alternation does, and
the small patterns that gate the money and date patterns match wherever those do (and fail where no amount or
date starts)."""

from __future__ import annotations

import re

import pytest

from extractors import amounts, dates
from extractors.scan import by_first_character, word_start_alternation

GROUPED = [
    # words under their first letters; a stop and a colon inside a word stay literal
    ([r"\d", r"som(?!\w)", r"storleks(?!\w)", r"i(?!\w)", r"ca\.", r"c:a(?!\w)"], "ca. 5 som i storleks c:a 7 sommar"),
    # a digit first: a word that opens with a digit (`4:e`) never wins, grouped or not
    ([r"\d", "4:e", "maj"], "den 4:e maj och 14 maj"),
    # an alternative with an alternation of its own is a barrier, not `a` + `b|ac`
    (["ab|ac", "ad", "ae"], "ac ad ab ae"),
    # the order within a group stays: the shorter word first wins where it stands first
    (["mil", "miljon", "milj"], "miljoner mil milj"),
    (["miljon", "milj", "mil"], "miljoner mil milj"),
    # an escaped first character, and one that is a space
    ([r"\.x", r"\.y", r"\ z", "z"], "a.x .y z q z"),
    # a look-ahead after the first word stays with it
    ([r"den(?=\s+\d)", r"dec(?!\w)", "december"], "den 4 december, dec och den här"),
]


@pytest.mark.parametrize("alternatives,text", GROUPED)
def test_grouped_alternatives_match_as_the_plain_alternation(alternatives, text):
    plain = re.compile("(?:" + "|".join(alternatives) + ")")
    grouped = re.compile(by_first_character(alternatives))
    assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize(
    "alternatives,expected",
    [
        (["som", "sju"], "(?:s(?:om|ju))"),
        ([r"\d", "som", "tio", "sju"], r"(?:\d|s(?:om|ju)|t(?:io))"),
        (["ab|ac", "ad"], "(?:ab|ac|a(?:d))"),  # not grouped: a barrier, then a group of one
    ],
)
def test_alternatives_are_grouped_under_their_first_character(alternatives, expected):
    assert by_first_character(alternatives) == expected


WORD_STARTS = [
    # a unit at a word start, never inside a word; the rest (`€`, a scale word ending a compound) anywhere
    (["mkr", "miljoner", "kr"], ["€", "miljon"], "5 mkr, 3 miljoner, välfärdsmiljoner och 4€ samt ekr kr"),
    # the first word in the order given wins where two open a word
    (["mil", "miljon"], [], "miljoner mil kommil"),
    (["miljon", "mil"], [], "miljoner mil kommil"),
    # at the text's start, after a digit or an underscore (word characters), after a stop
    (["kr", "tkr"], [], "kr 5kr _tkr .tkr"),
    # an alternative that opens with no literal keeps its look-behind before it
    ([r"\d+", "kr"], [], "12 a34 kr"),
    # nothing at a word start: no match
    (["kronor"], [], "ekronor mkronorx"),
]


@pytest.mark.parametrize("alternatives,rest,text", WORD_STARTS)
def test_word_start_alternation_matches_as_the_look_behind_before_it(alternatives, rest, text):
    plain = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + ")" + "".join("|" + r for r in rest))
    written = re.compile(word_start_alternation(alternatives, rest))
    assert [m.span() for m in written.finditer(text)] == [m.span() for m in plain.finditer(text)]


MONEY = [
    "Nämnden beviljar 4,5 miljoner kronor till projektet.",
    "Stödet höjs från 100 till 150 miljoner kronor nästa år.",
    "Kostnaden beräknas till knappt 2,3 miljarder kronor.",
    "Bidraget är 12 + 4 miljarder kronor sammantaget.",
    "Avgiften blir 250:- per deltagare.",
    "Staten satsar 7 välfärdsmiljarder på äldreomsorgen.",
    "Anslaget blir mellan 300 och 500 tkr per kommun.",
    "Det blev 3 respektive 4 miljoner kronor till de två länen.",
    "Kommunen får tio miljoner kronor och regionen ett par hundra miljoner.",
    "Regionen tilldelas 1 200 000 kr för arbetet, cirka minus 2 mnkr netto.",
    "Budgeten omfattar 20 € per invånare och sex nya miljoner.",
]


def _money_starts(text: str) -> list[int]:
    g = amounts.grammar()
    return [a.start() for a in g.anchors.finditer(text.lower()) if g.rx.match(text, a.start())]


@pytest.mark.parametrize("text", MONEY)
def test_the_money_gate_matches_wherever_an_amount_starts(text):
    starts = _money_starts(text)
    assert starts  # the row holds an amount
    assert [s for s in starts if amounts.grammar().could_start.match(text, s) is None] == []


@pytest.mark.parametrize(
    "text,word",
    [
        ("Fram till 2030 växer behoven i hela landet.", "2030"),  # a year before a verb
        ("3. Skolverket redovisar uppdraget i mars.", "3"),  # a list's number before a name
        ("Regeringen har under hösten gett 5 miljoner kronor.", "under"),  # a qualifier before no number
        ("Av de 290 kommunerna svarade 270 på enkäten om kronor.", "290"),
    ],
)
def test_the_money_gate_fails_where_no_amount_starts(text, word):
    start = text.index(word)
    assert amounts.grammar().rx.match(text, start) is None
    assert amounts.grammar().could_start.match(text, start) is None


DATES = [
    "Beslutet fattades den 4 mars 2024 i nämnden.",
    "Perioden 1–15 maj gäller för ansökan.",
    "Redovisning ska ske senast 2025-03-31.",
    "Under 1:a kvartalet 2023 ökade kostnaderna.",
    "Mötet hölls 12/3 2022 på kommunhuset.",
    "Insatsen pågår 2022–2024 och under 2020-talet.",
    "Från september 2020 gäller nya regler, till den 3:e juni.",
    "Vecka 12 börjar projektet, mellan 2019 och 2021 pågick förstudien.",
]


@pytest.mark.parametrize("text", DATES)
def test_the_date_gate_matches_wherever_a_date_starts(text):
    g = dates.grammar()
    starts = [a.start() for a in g.anchors.finditer(text) if g.rx.match(text, a.start())]
    assert starts
    assert [s for s in starts if g.could_start.match(text, s) is None] == []


@pytest.mark.parametrize(
    "text,number",
    [
        ("4 Sveriges kommuner svarade på enkäten.", "4"),  # a footnote's number before a name
        ("17. Konjunkturinstitutet skriver om läget.", "17"),
        ("Det finns 35 skolor i länet.", "35"),
    ],
)
def test_the_date_gate_fails_where_no_date_starts(text, number):
    g = dates.grammar()
    start = text.index(number)
    assert g.rx.match(text, start) is None
    assert g.could_start.match(text, start) is None
