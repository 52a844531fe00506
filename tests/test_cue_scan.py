"""The fast cue scan finds what the one large pattern finds, and a prefilter never hides a match.

extractors/cue_scan.py tries each anchor word with the part of the cue pattern it can open, finds the anchors in
one scan of the text, and skips a costly search where a stdlib prefilter over the lower-cased text finds none of
the words every match holds. Each row below is read both ways, the fast and the plain one, and must agree.
"""

from __future__ import annotations

import pytest

from extractors import cue_scan
from extractors import roles as role_rules
from extractors.scan import anchored_finditer

SENTENCES = [
    "Kommunen har ansökt om 4 miljoner kronor och fått 2 miljoner kronor beviljade.",
    "REGIONEN HAR BEVILJATS 12 MNKR, MEN SÖKTE 20 MNKR.",
    "Pengarna går nu till föreningarna, som har sökt stöd i år.",
    "Sökt belopp: 300 000 kronor.",  # a cue at the very start of the text
    "Nämnden delar i år ut 5 miljoner kronor till kulturlivet.",  # a particle verb with words between
    "Beloppet upp-går till 8 miljoner kronor enligt beslutet.",  # a word a line break split
    "Straße und Maß: kommunen fick 3 miljoner kronor.",  # `ß` folds to two letters: read with the large pattern
    "Den ſista posten har beviljats med 40 000 kronor.",  # the long s: read with the large pattern
    "Inga pengar nämns i den här meningen.",  # no cue at all
]


def _plain_matches(text: str, start: int, end: int) -> list[tuple[int, int]]:
    g = role_rules.grammar()
    found = anchored_finditer(g.cue_rx, g.cue_anchors, text, windows=[(start, end)], bounded=True)
    return [m.span() for m in found]


def _windows(text: str) -> list[tuple[int, int]]:
    """The whole text, a window that starts inside a word, and one that ends inside a word."""
    return [(0, len(text)), (3, len(text)), (0, len(text) - 5)]


@pytest.mark.parametrize("text", SENTENCES)
def test_narrowed_cue_patterns_find_what_the_whole_pattern_finds(text):
    g = role_rules.grammar()
    for start, end in _windows(text):
        fast = cue_scan.bounded_matches(g.cue_rx, g.cue_by_first_word, g.cue_anchors, text, start, end)
        assert [m.span() for m in fast] == _plain_matches(text, start, end)


@pytest.mark.parametrize("text", SENTENCES)
def test_anchors_found_once_per_text_are_the_anchors_of_each_window(text):
    g = role_rules.grammar()
    for anchors in (g.cue_anchors, g.total_anchors):
        located = anchors.located(text)
        assert located is not None
        starts, _ = located
        for start, end in _windows(text):
            window = [a.start() for a in anchors.finditer(text, start, end + 32) if a.start() < end]
            assert [s for s in starts if start <= s < end] == window


@pytest.mark.parametrize(
    "text,plain",
    [
        ("Kommunen fick 3 miljoner kronor.", True),
        ("ÅRETS BIDRAG TILL KOMMUNERNA", True),
        ("Straße", False),  # ß folds to `ss`
        ("ſista", False),  # the long s folds to `s`
        ("ﬁnansiering", False),  # a ligature folds to two letters
    ],
)
def test_a_text_is_plain_only_where_lower_case_is_its_case_fold(text, plain):
    assert cue_scan.plain(text) is plain


# (prefilter field, the pattern field it guards, a sentence the pattern matches somewhere in)
GUARDED = [
    ("other_compound_pre", "other_compound", "Driftskostnaderna ökade med 3 miljoner kronor."),
    ("spread_pre", "spread", "Stödet är fördelat över tre år."),
    ("assignment_task_pre", "assignment_task", "Regeringen ger verket i uppdrag att fördela 5 miljoner kronor."),
    ("separable_pre", "separable", "Nämnden delar i år ut pengarna."),
    ("aggregate_pre", "aggregate", "Tolv regioner får dela på summan."),
    ("aggregate_pre", "aggregate", "Hallands kommuner får pengarna."),
    ("aggregate_pre", "aggregate", "Pengarna går till KOMMUNERNA."),
    ("boundary_pre", "boundary", "Den ena summan, den andra summan."),
    ("boundary_pre", "boundary", "Vi söker medan de beviljar."),
    ("relative_pre", "relative", " kronorna som kommunen har sökt"),
    ("separable_pre", "separable", "Nämnden tar i år ut avgiften."),  # a verb a shorter verb begins
    ("sentence_phrases_pre", "separable", "Nämnden delar i år ut pengarna."),
    ("sentence_phrases_pre", "spread", "Stödet är fördelat över tre år."),
]


@pytest.mark.parametrize("pre,pattern,text", GUARDED)
def test_a_prefilter_passes_where_its_pattern_matches(pre, pattern, text):
    g = role_rules.grammar()
    assert getattr(g, pattern).search(text) is not None  # the row is a real match
    assert getattr(g, pre).may_match(text, 0, len(text))


# sentences the prefilter turns away: the pattern finds nothing there either
TURNED_AWAY = [
    ("other_compound_pre", "other_compound", "Bidraget betalas ut i maj."),
    ("spread_pre", "spread", "Bidraget betalas ut i maj."),
    ("aggregate_pre", "aggregate", "Sektorns ekonomi visar ett överskott."),  # `sektorns` is no collective
    ("aggregate_pre", "aggregate", "Bidraget går till kommuner och regioner."),
    ("boundary_pre", "boundary", "Bidraget betalas ut i maj"),
    ("separable_pre", "separable", "Föreningen återbetalar ut pengarna."),  # its gate passes, a letter before
    ("separable_pre", "separable", "Den första posten ökade."),  # `ta` ends a word: no verb
    ("sentence_phrases_pre", "separable", "Den första posten ökade."),
]


@pytest.mark.parametrize("pre,pattern,text", TURNED_AWAY)
def test_a_prefilter_turns_away_only_what_its_pattern_cannot_match(pre, pattern, text):
    g = role_rules.grammar()
    assert not getattr(g, pre).may_match(text, 0, len(text))
    assert getattr(g, pattern).search(text) is None


@pytest.mark.parametrize("text", ["Straße: kommunerna", "ſektorn och kommunerna"])
def test_a_prefilter_cannot_tell_on_a_text_that_is_not_plain(text):
    assert role_rules.grammar().aggregate_pre.may_match(text, 0, len(text))


# (words, a text, whether any word stands in it, whether one stands before white space)
WORD_ROWS = [
    (["ta", "tar", "tagit", "tog"], "hon tar emot", True, True),
    (["ta", "tar", "tagit", "tog"], "hon tarvar", True, False),  # `ta` in it, but none before white space
    (["ta", "tar", "tagit", "tog"], "de har tagit\temot", True, True),
    (["dela", "delar", "delas"], "vi fördelar nu", True, True),  # no look-behind here: a word within a word
    (["dela", "delar", "delas"], "vi betalar", False, False),
    (["sköt", "skjuta", "skjutit"], "de skjutit  upp", True, True),
    (["ett tu", "ett"], "ett   tu", True, True),  # white space between a phrase's words
    (["kommuner", "kommunerna", "län"], "inga orter", False, False),
]


@pytest.mark.parametrize("words,text,found,before_space", WORD_ROWS)
def test_plainer_forms_of_literals_find_what_literals_find(words, text, found, before_space):
    import re

    assert (re.search(cue_scan.literals(words), text) is not None) == found  # the row is what literals() finds
    assert (re.search(cue_scan.any_literal(words), text) is not None) == found
    assert (re.search(cue_scan.literals(words) + r"\s", text) is not None) == before_space
    assert (re.search(cue_scan.literal_tree(words) + r"\s", text) is not None) == before_space


# (text, window start, window end, the compound words found): `WordsEndingIn` tries the compound pattern only at
# the words that hold an ending, and must find what the pattern finds at every character
COMPOUND_ROWS = [
    ("Driftskostnaderna steg med 4 miljoner kronor.", 0, None, ["Driftskostnaderna"]),
    ("Hyresintäkter och personalkostnader ökade.", 0, None, ["Hyresintäkter", "personalkostnader"]),
    ("HYRESINTÄKTERNA BLEV 3 MNKR.", 0, None, ["HYRESINTÄKTERNA"]),
    ("Kostnader och intäkter redovisas var för sig.", 0, None, []),  # an ending alone is no compound
    ("Ökostnader räknas inte.", 0, None, []),  # one letter of its own is too few
    ("Drift-kostnader delas upp.", 0, None, []),  # a hyphen ends the word before the ending
    ("Kostnadsberäkningen är klar.", 0, None, []),  # the ending inside a longer word
    ("Driftskostnadskostnader är ett ovanligt ord.", 0, None, ["Driftskostnadskostnader"]),  # two endings in one
    ("Driftskostnader steg.", 3, None, []),  # a window that starts inside the word finds none of it
    ("Att driftskostnaderna steg.", 0, 19, ["driftskostnader"]),  # a window that ends inside a word reads its end
    ("Den ſista driftskostnaden.", 0, None, ["driftskostnaden"]),  # not plain: searched with the pattern
    ("Straße und Hyresintäkt.", 0, None, ["Hyresintäkt"]),  # not plain: searched with the pattern
    ("Inga pengar alls nämns här.", 0, None, []),  # nothing to find
]


@pytest.mark.parametrize("text,start,end,found", COMPOUND_ROWS)
def test_compound_words_found_at_their_endings_are_what_the_pattern_finds(text, start, end, found):
    g = role_rules.grammar()
    end = len(text) if end is None else end
    fast = g.other_compound_words.matches(text, start, end)
    assert [m.span() for m in fast] == [m.span() for m in g.other_compound.finditer(text, start, end)]
    assert [m.group() for m in fast] == found


# (prefilter, text, window start): a prefilter whose every match opens at its gate's (or in the white space right
# before it) searches from the gate's first match; where its first match starts, and whether it finds one, must be
# what a search of the whole window gives (-1: none)
GATE_LED_ROWS = [
    ("aggregate_pre", "Totalt fick 16 kommunerna stöd i år.", 0),
    ("aggregate_pre", "Pengarna går till alla  regionerna i landet.", 0),  # two spaces: one may open a match
    ("aggregate_pre", "Beslutet gäller kommunerna och regionerna.", 0),  # a letter the look-behind refuses
    ("aggregate_pre", "Hallands kommuner får dela på pengarna.", 0),  # a genitive's `s` before the space
    ("aggregate_pre", "Landets kommuner får mer.", 9),  # a window that opens in the white space before the body
    ("aggregate_pre", "Regionerna ska fördela pengarna.", 0),  # the plural body opens the sentence
    ("aggregate_pre", "Länsstyrelserna fördelar medlen vidare.", 3),  # a window that opens inside the word
    ("aggregate_pre", "Inga organisationer nämns alls här.", 0),  # no plural body at all
    ("aggregate_pre", "ſamtliga kommunerna får stöd.", 0),  # not plain: `start`, the costly search runs
    ("separable_pre", "Nämnden delar i år ut 5 miljoner kronor.", 0),
    ("separable_pre", "Nämnden avdelar och delar sedan ut pengarna.", 0),  # the verb inside a word first
    ("separable_pre", "Nämnden delar ut pengarna.", 10),  # a window that opens inside the verb
    ("separable_pre", "Inga pengar fördelas här.", 0),  # no separable verb before white space
]


@pytest.mark.parametrize("name,text,start", GATE_LED_ROWS)
def test_a_gate_led_prefilter_finds_what_a_search_of_the_window_finds(name, text, start):
    pre = getattr(role_rules.grammar(), name)
    assert pre.opens_at_gate
    from_gate = (pre.may_match(text, start, len(text)), pre.first(text, start, len(text)))
    pre.opens_at_gate = False
    try:
        assert from_gate == (pre.may_match(text, start, len(text)), pre.first(text, start, len(text)))
    finally:
        pre.opens_at_gate = True


# (text, the cue's words): a cue's distance from the sum counts the clause boundaries between them from the
# first place the boundaries' prefilter finds, less one white space; the count must be the one from the cue's end
DISTANCE_ROWS = [
    ("Kommunen har ansökt, och fått, 4 miljoner kronor.", "ansökt"),
    ("Kommunen har ansökt – i år – om 4 miljoner kronor.", "ansökt"),  # a dash opens one white space before
    ("Regionen har sökt pengar men fick 4 miljoner kronor.", "sökt"),
    ("Regionen har sökt pengar medan kommunen fick 4 miljoner kronor.", "sökt"),
    ("Regionen har sökt amen-pengar, 4 miljoner kronor.", "sökt"),  # `men` inside a word is no boundary
    ("Nämnden beviljar; samtidigt  som staten ger 4 miljoner kronor.", "beviljar"),
    ("Nämnden beviljar 4 miljoner kronor.", "beviljar"),  # nothing between
    ("Den ſista posten beviljas, 4 miljoner kronor.", "beviljas"),  # not plain: counted from the cue's end
]


@pytest.mark.parametrize("text,cue_words", DISTANCE_ROWS)
def test_boundaries_counted_from_their_first_prefilter_match_are_all_of_them(text, cue_words):
    g = role_rules.grammar()
    cue_start = text.index(cue_words)
    cue = role_rules.Cue(cue_start, cue_start + len(cue_words), "applied")
    a_start = text.index("4 miljoner")
    expected = (a_start - cue.end) + 60 * len(g.boundary.findall(text, cue.end, a_start))
    assert role_rules._distance(text, a_start, a_start + 10, cue) == expected
