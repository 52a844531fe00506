"""Each body decider alone: whose sum it reads from one class of written Swedish, and None where it has no say.

Rows are (decider, text, the amount asked about, the expected decision as
(body_id or None, name), or None where the decider passes). The roles are
read first, as linking does. The texts are written for these tests.
"""

from __future__ import annotations

import pytest

from extractors.linking import body_deciders as bd
from tests.fixtures.linking import context_of
from tests.test_role_deciders import CELL_A_LINE

TABLE = "Fördelning, kr\nHylte kommun | 300 000\nLaholms kommun | 200 000\nSumma | 500 000\n"
MEMO = "Falu kommun\nTjänsteskrivelse\n\nKommunstyrelsen beslutar att ansöka om 600 000 kronor för en ny lekplats."
BUDGET_MEMO = "Falu kommun\nTjänsteskrivelse\n\nI driftbudgeten avsätts 14 miljoner kronor för fritid."

ROWS = [
    # the table row
    (bd.table_row, TABLE, "300 000", ("kommun:1315", "table-row")),
    (bd.table_row, TABLE, "500 000", None),
    # the recipient after a verb that allocates
    (
        bd.recipient_after_verb,
        "I budgeten avsätts 2 miljoner kronor till Kommuninvest för utbildning.",
        "2 miljoner kronor",
        ("organisation:kommuninvest", "recipient-after-verb"),
    ),
    (
        bd.recipient_after_verb,
        "Regeringen räknar med att 3 miljoner kronor i år kan komma att avsättas till Länsstyrelsen i Hallands län.",
        "3 miljoner kronor",
        ("lansstyrelse:13", "recipient-after-verb"),  # the verb's passive infinitive too
    ),
    (
        bd.recipient_after_verb,
        "Arvsfonden delar ut 3 miljoner kronor till Hylte kommun.",
        "3 miljoner kronor",
        ("kommun:1315", "recipient-after-verb"),  # an active verb of handing on, the sum, `till` and the body
    ),
    (bd.recipient_after_verb, "Hylte kommun beviljas 2 miljoner kronor.", "2 miljoner kronor", None),
    (
        bd.recipient_after_verb,
        "I år fördelas 5 miljoner kronor till Hylte kommun och Laholms kommun.",
        "5 miljoner kronor",
        None,  # the first of several bodies does not receive the sum of them all
    ),
    # the agency strengthened for its own work
    (
        bd.named_receiver,
        "Regeringen föreslår att Tullverkets arbete mot smuggling förstärks med 20 miljoner kronor per år.",
        "20 miljoner kronor",
        ("myndighet:tullverket", "agency-own-work"),
    ),
    (
        bd.named_receiver,
        "Enligt budgeten tillförs Polismyndigheten inget, men Försäkringskassan tillförs 45 miljoner kronor.",
        "45 miljoner kronor",
        ("myndighet:forsakringskassan", "passive-receiver"),  # the subject of the passive that supplies the sum
    ),
    (
        bd.named_receiver,
        "Stiftelsen förstärker Region Hallands arbete med 3 miljoner kronor.",
        "3 miljoner kronor",
        ("region:13", "supplied-name"),  # the organisation a supplying verb strengthens
    ),
    (
        bd.named_receiver,
        "Regeringen ger Boverket i uppdrag att fördela 80 miljoner kronor.",
        "80 miljoner kronor",
        None,
    ),
    # a table set out one cell a line: the name line of the sum's own row
    (bd.bare_line_row, CELL_A_LINE, "4 500 000 kr", ("myndighet:linneuniversitetet", "bare-line-row")),
    (bd.bare_line_row, CELL_A_LINE, "13 500 000 kr", (None, "bare-line-row")),  # the sum row names no one
    (bd.bare_line_row, "Lunds universitet får 9 000 000 kr i år.", "9 000 000 kr", None),  # a sentence
    # a table row without a body is no one's
    (bd.row_without_body, TABLE, "500 000", (None, "row-without-body")),
    (bd.row_without_body, "Hylte kommun beviljas 2 miljoner kronor.", "2 miljoner kronor", None),
    # a budget whose role came from the sentence before
    (
        bd.budget_carried_over,
        "Boverket fördelar 80 miljoner kronor till skolgårdar. Året innan var beloppet 60 miljoner kronor.",
        "60 miljoner kronor",
        (None, "budget-carried-over"),
    ),
    (bd.budget_carried_over, "Boverket fördelar 80 miljoner kronor till skolgårdar.", "80 miljoner kronor", None),
    # the body that hands the sum on
    (
        bd.giver,
        "Boverket har beviljat 20 miljoner kronor till upprustning av lekplatser.",
        "20 miljoner kronor",
        ("myndighet:boverket", "giver"),
    ),
    (bd.giver, "Formas har beviljat 4 miljoner kronor till Umeå universitet.", "4 miljoner kronor", None),
    (
        bd.giver,
        "Tillväxtverket får 50 miljoner kronor att fördela till regionerna.",
        "50 miljoner kronor",
        ("myndighet:tillvaxtverket", "giver"),
    ),
    # the assignment
    (
        bd.assignment,
        "Regeringen ger Boverket i uppdrag att fördela 80 miljoner kronor till upprustning av skolgårdar.",
        "80 miljoner kronor",
        ("regering:regeringen", "assignment"),
    ),
    (bd.assignment, "Boverket fördelar 80 miljoner kronor till skolgårdar.", "80 miljoner kronor", None),
    # the deciding body the sentence names
    (
        bd.deciding_body,
        "Boverket fördelar 80 miljoner kronor till skolgårdar i hela landet.",
        "80 miljoner kronor",
        ("myndighet:boverket", "decider-in-sentence"),
    ),
    (bd.deciding_body, "Hylte kommun beviljas 2 miljoner kronor.", "2 miljoner kronor", None),  # not a budget
    # a programme that acts under its own name is the body that runs it
    (
        bd.deciding_body,
        "Planen var att kommunakuten skulle fördela 2 miljarder kronor.",
        "2 miljarder kronor",
        ("delegation:delegationen-for-kommunal-ekonomi-i-balans", "programme-funder"),
    ),
    # … a programme only named is not tied to the sum: its usual funder does not decide it
    (bd.deciding_body, "Kommunakuten förstärks med 2 miljarder kronor i år.", "2 miljarder kronor", None),
    # a municipality's own budget, named before it
    (
        bd.own_budget_named,
        "Region Västerbotten fördelar kulturbudgeten på 40 miljoner kronor mellan sina verksamheter.",
        "40 miljoner kronor",
        ("region:24", "own-budget-named"),
    ),
    (
        bd.own_budget_named,
        "Boverket fördelar 80 miljoner kronor till skolgårdar i hela landet.",
        "80 miljoner kronor",
        None,
    ),
    # … or whose organ sets the sum aside (class 5 of issue 24)
    (
        bd.own_budget_named,
        "Regionstyrelsen i Region Örebro län avsätter varje år 9 miljoner kronor till en innovationsfond.",
        "9 miljoner kronor",
        ("region:18", "own-budget-named"),
    ),
    # … not a region the money goes to
    (bd.own_budget_named, "Staten avsätter 9 miljoner kronor till Region Örebro län.", "9 miljoner kronor", None),
    # the list line
    (
        bd.list_line,
        "Följande beviljas stöd:\n- Hylte kommun, 3 miljoner kronor\n- Laholms kommun, 2 miljoner kronor\n",
        "2 miljoner kronor",
        ("kommun:1381", "list-line"),
    ),
    (
        bd.list_line,
        "Följande beviljas stöd:\n- Boverket, 3 miljoner kronor\n- Laholms kommun, 2 miljoner kronor\n",
        "3 miljoner kronor",
        (None, "list-line"),  # a line led by another body is no one's
    ),
    # a county board that grants does not lead the line: the body after its verb receives
    (
        bd.list_line,
        "Länsstyrelsen i Hallands län beviljar Hylte kommun 600 000 kronor.",
        "600 000 kronor",
        ("kommun:1315", "list-line"),
    ),
    (
        bd.list_line,
        "- Länsstyrelsen i Hallands län, 2 miljoner kronor\n- Hylte kommun, 1 miljon kronor\n",
        "2 miljoner kronor",
        ("lansstyrelse:13", "list-line"),  # a county board leading a line of its own still owns it
    ),
    # a decision's fields, one a line
    (
        bd.key_value,
        "Beslut om bidrag\n\nSökande: Vänersborgs kommun\nBeviljat belopp: 750 000 kronor\n",
        "750 000 kronor",
        ("kommun:1487", "key-value"),
    ),
    (bd.key_value, "Vänersborgs kommun beviljas 750 000 kronor.", "750 000 kronor", None),
    # the one applicant of the sentence
    (
        bd.sole_applicant,
        "Vetenskapsrådet ger 4 miljoner kronor till Hylte kommun.",
        "4 miljoner kronor",
        ("kommun:1315", "sole-applicant"),
    ),
    (bd.sole_applicant, "Hylte och Laholm delar på 4 miljoner kronor.", "4 miljoner kronor", None),
    # a decision that names a grantee who is no public body: no one's fact, whatever place the sentence names
    (
        bd.grantee_not_a_body,
        "Tillväxtverket beslutar att Lagan Mekaniska AB beviljas 400 000 kronor för ett projekt i Region Hallands län.",
        "400 000 kronor",
        (None, "grantee-not-a-body"),
    ),
    (  # the grantee is a body: the other deciders read it
        bd.grantee_not_a_body,
        "Nämnden beslutar att Hylte kommun beviljas 400 000 kronor.",
        "400 000 kronor",
        None,
    ),
    (bd.grantee_not_a_body, "Nämnden beslutar att Umeå universitet beviljas 400 000 kronor.", "400 000 kronor", None),
    (bd.grantee_not_a_body, "Hylte kommun beviljas 400 000 kronor.", "400 000 kronor", None),
    # a pair in one sentence
    (
        bd.pair_in_sentence,
        "Hylte kommun får 3 miljoner kronor och Laholms kommun får 2 miljoner kronor.",
        "2 miljoner kronor",
        ("kommun:1381", "pair-in-sentence"),
    ),
    (
        bd.pair_in_sentence,
        "Hylte kommun och Laholms kommun får 3 miljoner respektive 2 miljoner kronor.",
        "3 miljoner",
        ("kommun:1315", "pair-in-sentence"),
    ),
    (bd.pair_in_sentence, "Hylte kommun beviljas 2 miljoner kronor.", "2 miljoner kronor", None),
    # the lead applicant
    (
        bd.lead_applicant,
        "Ale kommun och medsökande Lerums kommun beviljas 5 miljoner kronor för ett gemensamt projekt.",
        "5 miljoner kronor",
        ("kommun:1440", "lead-applicant"),
    ),
    (
        bd.lead_applicant,
        "Ale kommun och Lerums kommun beviljas 5 miljoner kronor för ett gemensamt projekt.",
        "5 miljoner kronor",
        None,
    ),
    # a sum for one body's own costs is granted to it
    (
        bd.own_costs,
        "Av bidraget får högst 3 000 000 kronor gå till Kammarkollegiets kostnader för handläggningen.",
        "högst 3 000 000 kronor",
        ("myndighet:kammarkollegiet", "own-costs"),
    ),
    (
        bd.own_costs,
        "Av bidraget får högst 1 500 000 kronor gå till Tillväxtverkets administrativa kostnader.",
        "högst 1 500 000 kronor",
        ("myndighet:tillvaxtverket", "own-costs"),
    ),
    (  # the genitive names no costs of its own
        bd.own_costs,
        "Av bidraget får högst 1 500 000 kronor gå till Tillväxtverkets utvärdering av stödet.",
        "högst 1 500 000 kronor",
        None,
    ),
    (  # a municipality that receives the sum: not the body whose costs it covers
        bd.own_costs,
        "Hylte kommun beviljas 2 miljoner kronor för att täcka Trafikverkets kostnader.",
        "2 miljoner kronor",
        None,
    ),
    # the one other body that receives
    (
        bd.sole_recipient,
        "Forskare vid Umeå universitet får 6 miljoner kronor från Formas.",
        "6 miljoner kronor",
        ("myndighet:umea-universitet", "sole-recipient"),
    ),
    (bd.sole_recipient, "Formas delar ut 6 miljoner kronor.", "6 miljoner kronor", None),
    # an organ of the document's own body
    (bd.home_organ, MEMO, "600 000 kronor", ("kommun:2080", "home-organ")),
    (bd.home_organ, "Kommunstyrelsen beslutar att ansöka om 600 000 kronor.", "600 000 kronor", None),  # whose?
    # an organ of the document's own body decides or proposes a budget: its body's
    (
        bd.home_organ_budget,
        "Region Halland\nTjänsteskrivelse\n\nRegionstyrelsen föreslår att 5 miljoner kronor avsätts för "
        "kollektivtrafik under 2025.",
        "5 miljoner kronor",
        ("region:13", "home-organ-budget"),
    ),
    (
        bd.home_organ_budget,
        "Region Halland\nTjänsteskrivelse\n\nNämnden beslutade att anvisa 2,5 miljoner kronor ur eget kapital "
        "för satsningen.",
        "2,5 miljoner kronor",
        ("region:13", "home-organ-budget"),
    ),
    (  # no document of its own: whose board?
        bd.home_organ_budget,
        "Regionstyrelsen beslutar att avsätta 5 miljoner kronor till kollektivtrafiken.",
        "5 miljoner kronor",
        None,
    ),
    (  # a body named in the sentence decides, not the document's own
        bd.home_organ_budget,
        "Region Halland\nTjänsteskrivelse\n\nBoverket fördelar 80 miljoner kronor till skolgårdar.",
        "80 miljoner kronor",
        None,
    ),
    (  # generic deciders are no organ of the document's body
        bd.home_organ_budget,
        "Region Halland\nTjänsteskrivelse\n\nKommunerna beslutar att avsätta 5 miljoner kronor till trafiken.",
        "5 miljoner kronor",
        None,
    ),
    # an organ that grants to someone it names gives the sum: not its body's
    (
        bd.home_organ,
        "Region Halland\nProtokoll\n\nRegionala utvecklingsnämnden beslutar att Lagan Mekaniska AB beviljas "
        "450 000 kronor till projektet.",
        "450 000 kronor",
        (None, "organ-grants-named-other"),
    ),
    (
        bd.home_organ,
        "Region Halland\nProtokoll\n\nRegionala utvecklingsnämnden beslutade att Högskolan Väst Innovation "
        "tilldelas 1,2 miljoner kronor.",
        "1,2 miljoner kronor",
        (None, "organ-grants-named-other"),
    ),
    # an organ that refuses an application decides on someone else's: not its body's
    (
        bd.home_organ,
        "Region Halland\nProtokoll\n\nKulturnämnden beslutar att avslå ansökan från Teaterföreningen Scen "
        "om 60 000 kronor.",
        "60 000 kronor",
        (None, "organ-refuses"),
    ),
    (  # the organ decides to apply itself: its body's, as before
        bd.home_organ,
        "Region Halland\nProtokoll\n\nRegionala utvecklingsnämnden beslutar att ansöka om 450 000 kronor.",
        "450 000 kronor",
        ("region:13", "home-organ"),
    ),
    (  # a named subject that applies: the organ does not grant it away
        bd.home_organ,
        "Falu kommun\nTjänsteskrivelse\n\nKommunstyrelsen beslutar att Tekniska förvaltningen ska ansöka om "
        "600 000 kronor.",
        "600 000 kronor",
        ("kommun:2080", "home-organ"),
    ),
    # a sum shared by many: no one body's
    (
        bd.shared_sum,
        "Laholms kommun är en av tolv kommuner som får dela på 30 miljoner kronor.",
        "30 miljoner kronor",
        (None, "shared-sum"),
    ),
    (bd.shared_sum, "Laholms kommun får 3 miljoner kronor.", "3 miljoner kronor", None),
    # a reference back
    (
        bd.reference_back,
        "Hylte kommun har länge velat bygga om simhallen. Nu har de beviljats 3 miljoner kronor.",
        "3 miljoner kronor",
        ("kommun:1315", "reference-back"),
    ),
    (bd.reference_back, "Nu har de beviljats 3 miljoner kronor.", "3 miljoner kronor", None),
    # the document's own body
    (bd.own_document, BUDGET_MEMO, "14 miljoner kronor", ("kommun:2080", "own-document")),
    (bd.own_document, "I driftbudgeten avsätts 14 miljoner kronor för fritid.", "14 miljoner kronor", None),  # whose?
]


@pytest.mark.parametrize("decider,text,amount,expected", ROWS)
def test_a_body_decider_reads_its_class_of_swedish(decider, text, amount, expected):
    doc, ctx = context_of(text, amount)
    decision = decider(doc, ctx)
    got = None if decision is None else (decision.body.body_id if decision.body else None, decision.name)
    assert got == expected


def test_every_body_decider_has_a_docstring_and_rows():
    tested = {decider for decider, *_ in ROWS}
    for decider in bd.BODY_DECIDERS + bd.FALLBACK_DECIDERS:
        assert decider.__doc__, decider.__name__
        assert decider in tested, f"{decider.__name__} has no test rows"


@pytest.mark.parametrize(
    "text,amount,expected",
    [
        # the first decision stands, also when it is no one
        (TABLE, "500 000", None),
        (
            "Hylte kommun får 3 miljoner kronor och Laholms kommun får 2 miljoner kronor.",
            "3 miljoner kronor",
            "pair-in-sentence",
        ),
        # where no one is decided, the document's own body may still own its own budget
        (BUDGET_MEMO, "14 miljoner kronor", "own-document"),
    ],
)
def test_the_first_decision_stands(text, amount, expected):
    doc, ctx = context_of(text, amount)
    decision = bd.decide_body(doc, ctx)
    assert (decision.name if decision and decision.body else None) == expected
