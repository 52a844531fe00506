"""Line blocks and sentences (extractors/sentences.py): the units linking reads, on short Swedish texts of each
layout a reader writes. Each row is a text and the blocks (kind, text) or the sentences it must give."""

from __future__ import annotations

import pytest

from extractors.sentences import SegmentIndex, line_blocks, segment

P, H, L = "paragraph", "heading", "list_item"


@pytest.mark.parametrize(
    "text,expected",
    [
        # a dash line between prose lines is a quote, not a list item (must not become a list)
        (
            "Stödet betalas ut i juni.\n– Vi är glada över beslutet, säger ordföranden.\nFler ansökningar väntas.",
            [
                (
                    P,
                    "Stödet betalas ut i juni.\n– Vi är glada över beslutet, säger ordföranden.\n"
                    "Fler ansökningar väntas.",
                )
            ],
        ),
        # after a colon, dash lines are a list
        (
            "Pengarna går till:\n– fler lärare\n– nya läromedel",
            [(P, "Pengarna går till:"), (L, "– fler lärare"), (L, "– nya läromedel")],
        ),
        # a dash line is a list item when its neighbour past blank lines is one too
        (
            "– Det här är ett första steg.\n\n– Och fler steg kommer, säger hon.",
            [(L, "– Det här är ett första steg."), (L, "– Och fler steg kommer, säger hon.")],
        ),
        ("Några siffror:\n\n- ett\n\n- två\n", [(P, "Några siffror:"), (L, "- ett"), (L, "- två"), (P, "")]),
        # a short capitalised line before a capitalised one is a heading; one that ends a sentence is not
        (
            "Inledning\nRegeringen fördelar 40 miljoner kronor till regionerna. Beslutet fattades i maj.",
            [(H, "Inledning"), (P, "Regeringen fördelar 40 miljoner kronor till regionerna. Beslutet fattades i maj.")],
        ),
        (
            "Kort rad slutar med punkt.\nNästa rad börjar här och fortsätter.",
            [(P, "Kort rad slutar med punkt.\nNästa rad börjar här och fortsätter.")],
        ),
        # each kind of list line: cells, `label: text`, `name, number`, a label and a sum
        (
            "Region Västra | 12 000 | 13 000\nRegion Östra | 9 000 | 9 500",
            [(L, "Region Västra | 12 000 | 13 000"), (L, "Region Östra | 9 000 | 9 500")],
        ),
        (
            "Stöd till skolor: fyra miljoner kronor\nBidrag till bibliotek: två miljoner kronor",
            [(L, "Stöd till skolor: fyra miljoner kronor"), (L, "Bidrag till bibliotek: två miljoner kronor")],
        ),
        (
            "Kalmar kommun, 3,5 miljoner kronor\nVäxjö kommun, ca 2 miljoner kronor",
            [(L, "Kalmar kommun, 3,5 miljoner kronor"), (L, "Växjö kommun, ca 2 miljoner kronor")],
        ),
        (
            "Gotlands län 1 204 000 kr\nHallands län 2 310 500 kr",
            [(L, "Gotlands län 1 204 000 kr"), (L, "Hallands län 2 310 500 kr")],
        ),
        (
            "a) det första villkoret\nb) det andra villkoret",
            [(L, "a) det första villkoret"), (L, "b) det andra villkoret")],
        ),
        # a colon in a line too long for `label: text` is prose (must not become a list item)
        (
            "En rad på drygt etthundratjugo tecken som har ett kolon: och sedan fortsätter den med text som inte"
            " är en lista alls här.",
            [
                (
                    P,
                    "En rad på drygt etthundratjugo tecken som har ett kolon: och sedan fortsätter den med text som"
                    " inte är en lista alls här.",
                )
            ],
        ),
        # a list item a narrow column wrapped is one item
        (
            "• Ånge kommun får 12,4 miljoner kronor (sökt\n30,1 mnkr)\n• Sundsvalls kommun får 8 miljoner kronor",
            [
                (L, "• Ånge kommun får 12,4 miljoner kronor (sökt\n30,1 mnkr)"),
                (L, "• Sundsvalls kommun får 8 miljoner kronor"),
            ],
        ),
        # a sum alone on its line ends its run of lines
        (
            "Projekt A\nLänsstyrelsen i Skåne\n16 000 000 kr\nProjekt B\nLänsstyrelsen i Blekinge\n2 500 000 kr",
            [
                (H, "Projekt A"),
                (H, "Länsstyrelsen i Skåne\n16 000 000 kr"),
                (H, "Projekt B"),
                (H, "Länsstyrelsen i Blekinge\n2 500 000 kr"),
            ],
        ),
        # letters and digits `regex` knows from a newer Unicode than Python (U+A7CB a capital, U+10D41.. digits):
        # the list-line and sum-line tests ask the pattern where the first character is not ASCII
        (
            "\ua7cbsjö kommun 51 204 330 kr\nDet var allt.",
            [(L, "\ua7cbsjö kommun 51 204 330 kr"), (P, "Det var allt.")],
        ),
        (
            "\ua7cbstad, 12 miljoner kronor till skolan\nDet var allt.",
            [(L, "\ua7cbstad, 12 miljoner kronor till skolan"), (P, "Det var allt.")],
        ),
        (
            "Bidrag till skolor\nUtdelas årligen\n\U00010d41 000 kr\nMer text här.",
            [(H, "Bidrag till skolor"), (H, "Utdelas årligen\n\U00010d41 000 kr"), (P, "Mer text här.")],
        ),
    ],
)
def test_line_blocks(text, expected):
    assert [(b.kind, text[b.start : b.end]) for b in line_blocks(text)] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # abbreviations and single letters do not end a sentence
        (
            "Bidraget är 2,5 mnkr. Det avser år 2024. Enl. beslutet ska det redovisas. Se s. 4 i bilagan.",
            ["Bidraget är 2,5 mnkr. Det avser år 2024.", "Enl. beslutet ska det redovisas.", "Se s. 4 i bilagan."],
        ),
        # a numbered point before a digit is no sentence end (must not split)
        (
            "Beloppet avser punkt 3. 12 kommuner får del av det.",
            ["Beloppet avser punkt 3. 12 kommuner får del av det."],
        ),
        (
            "Fördelningen sker i maj. 12 kommuner får del av den.",
            ["Fördelningen sker i maj.", "12 kommuner får del av den."],
        ),
        # list items stay whole, sentences are cut from the paragraph after them
        (
            "1. Första punkten i listan.\n2. Andra punkten i listan.\nDärefter följer löptext. Den slutar här.",
            [
                "1. Första punkten i listan.",
                "2. Andra punkten i listan.",
                "Därefter följer löptext.",
                "Den slutar här.",
            ],
        ),
        # a sentence ends after a footnote number glued to its point
        (
            "Resultatet blev bättre än väntat.3 Skillnaden förklaras av skatterna.",
            ["Resultatet blev bättre än väntat.3", "Skillnaden förklaras av skatterna."],
        ),
    ],
)
def test_sentences(text, expected):
    assert [text[s.start : s.end] for s in segment(text)] == expected


@pytest.mark.parametrize("offset,expected", [(0, 0), (15, 0), (16, None), (17, 1), (41, 1), (42, None)])
def test_the_segment_at_an_offset(offset, expected):
    text = "Första meningen. Andra meningen är längre.  "
    assert SegmentIndex(text).index_at(offset) == expected
