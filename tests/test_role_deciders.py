"""Each role decider alone: the role it reads from one class of written Swedish, and None where it has no say.

Rows are (decider, text, the amount asked about, the role it answers). The
texts are written for these tests, in the styles of decisions, news items,
lists and tables.
"""

from __future__ import annotations

import pytest

from extractors.linking import helpers
from extractors.linking import role_deciders as rd
from tests.fixtures.linking import context_of, prepared

TABLE = (
    "Beviljade medel 2024, kr\n"
    "Mottagare | Sökt | Beviljat\n"
    "Hylte kommun | 400 000 | 300 000\n"
    "Laholms kommun | 250 000 | 200 000\n"
    "Summa | 650 000 | 500 000\n"
)
CAPTIONED = (
    "Tabell 2: Beviljade medel per kommun, kr\nHylte kommun | 300 000\nLaholms kommun | 200 000\nÖvriga | 90 000\n"
)
PLAIN_TABLE = "Fördelning, kr\nHylte kommun | 300 000\nLaholms kommun | 200 000\nÖvriga | 90 000\n"

# a web page's table set out one cell a line: a name, a count of projects and a sum
CELL_A_LINE = (
    "Stödmottagare med beviljade projekt\n\nStödmottagare\n\nAntal projekt\n\nBeviljad summa\n\n"
    "Lunds universitet\n\n2\n\n9 000 000 kr\n\nLinnéuniversitetet\n\n1\n\n4 500 000 kr\n\n"
    "Summa\n\n3\n\n13 500 000 kr\n"
)

# a budget bill's table of what each proposal adds, in millions
BILL_TABLE = (
    "Rättsväsendet (mnkr)\n2026 | 2027\nFörstärkning av Polismyndighetens verksamhet | 100 | 200\n"
    "Förstärkning av bidrag till brottsofferjourer | 5 | 5\n"
)

ROWS = [
    # a body that hands a sum on and names no one who receives it distributes it (class 3 and 5 of issue 24)
    (
        rd.giver_distributes,
        "Boverket har beviljat 20 miljoner kronor till upprustning av lekplatser.",
        "20 miljoner kronor",
        "budget",
    ),
    (
        rd.giver_distributes,
        "Region Gävleborgs kulturnämnd beviljade i går 3 miljoner kronor till sju projekt i länet.",
        "3 miljoner kronor",
        "budget",
    ),
    (
        rd.giver_distributes,
        "I förrgår beviljade Region Gävleborgs kulturnämnd 3 miljoner kronor till sju projekt.",
        "3 miljoner kronor",
        "budget",  # the verb second, its subject third
    ),
    (
        rd.giver_distributes,
        "Hylte kommun\nNyhet\n\nKommunstyrelsen beviljade 300 000 kronor till ortens föreningar.",
        "300 000 kronor",
        "budget",  # an organ of the document's own municipality
    ),
    (
        rd.giver_distributes,
        "Boverket har i år beviljat 20 miljoner kronor till upprustning av lekplatser.",
        "20 miljoner kronor",
        "budget",  # an auxiliary and an adverb of the adverb slot between the giver and its verb
    ),
    # rows that must not change: a named recipient keeps its grant, a total of grants made stays granted
    (rd.giver_distributes, "Formas har beviljat 4 miljoner kronor till Umeå universitet.", "4 miljoner kronor", None),
    (rd.giver_distributes, "Regeringen ger Region Gotland 5 miljoner kronor.", "5 miljoner kronor", None),
    (
        rd.giver_distributes,
        "Totalt har verket beviljat 40 miljoner kronor för laddstolpar.",
        "40 miljoner kronor",
        None,
    ),
    (
        rd.giver_distributes,
        "Under året betalade Skatteverket ut 6 miljarder kronor till landets kommuner och regioner.",
        "6 miljarder kronor",
        None,
    ),
    (rd.giver_distributes, "Boverkets pengar, 20 miljoner kronor, delas ut i höst.", "20 miljoner kronor", None),
    # an agency the Government strengthens for its own work receives the sum (class 3 of issue 24)
    (
        rd.agency_own_work,
        "Regeringen föreslår att Tullverkets arbete mot smuggling förstärks med 20 miljoner kronor per år.",
        "20 miljoner kronor",
        "granted",
    ),
    # rows that must not change: the agency that hands the money on, and a budget with no agency
    (
        rd.agency_own_work,
        "Regeringen ger Boverket i uppdrag att fördela 80 miljoner kronor.",
        "80 miljoner kronor",
        None,
    ),
    (
        rd.agency_own_work,
        "Regeringen avsätter 80 miljoner kronor som Boverket delar ut till föreningar.",
        "80 miljoner kronor",
        None,
    ),
    (rd.agency_own_work, "Regeringen förstärker vården med 2 miljarder kronor.", "2 miljarder kronor", None),
    (
        rd.agency_own_work,
        "Regeringen föreslår att Hylte kommun och Tullverket får dela på 5 miljoner kronor.",
        "5 miljoner kronor",
        None,
    ),
    # a sum a body has or receives to hand on is its budget (class 3 of issue 24)
    (
        rd.received_to_distribute,
        "Tillväxtverket får 50 miljoner kronor att fördela till regionerna.",
        "50 miljoner kronor",
        "budget",
    ),
    (
        rd.received_to_distribute,
        "Länsstyrelsen i Hallands län har 12 miljoner kronor att dela ut till lokala projekt.",
        "12 miljoner kronor",
        "budget",
    ),
    # rows that must not change: a grant with no handing on, and a purpose after a comma
    (rd.received_to_distribute, "Region Halland får 3 miljoner kronor från Tillväxtverket.", "3 miljoner kronor", None),
    (
        rd.received_to_distribute,
        "Hylte kommun får 3 miljoner kronor, men har inget att fördela till föreningarna.",
        "3 miljoner kronor",
        None,
    ),
    # what a decision means for one body is its share
    (
        rd.share_of,
        "Statsbidragen höjs, och för Hylte kommuns del innebär det 5 miljoner kronor.",
        "5 miljoner kronor",
        "granted",
    ),
    (rd.share_of, "För Region Halland blir tillskottet 76,6 miljoner kronor.", "76,6 miljoner kronor", "granted"),
    # rows that must not change: `för` a body without a verb of meaning
    (rd.share_of, "För Hylte kommun är 5 miljoner kronor mycket pengar.", "5 miljoner kronor", None),
    # a receiver set first, `till` and a body opening the sentence, then a verb of going
    (rd.fronted_to, "Till Hylte kommun går 3 miljoner kronor.", "3 miljoner kronor", "granted"),
    (rd.fronted_to, "Stödet ökar. Till Region Halland gick 4 miljoner kronor.", "4 miljoner kronor", "granted"),
    # a total on offer with no body as its subject is a budget
    (rd.offered_total, "Totalt kan 6 miljoner kronor beviljas.", "6 miljoner kronor", "budget"),
    (rd.offered_total, "Hylte kommun kan beviljas 6 miljoner kronor.", "6 miljoner kronor", None),
    (rd.offered_total, "Totalt har 6 miljoner kronor beviljats.", "6 miljoner kronor", None),
    # rows that must not change: a `till` inside the sentence, a verb of going with no receiver
    (rd.fronted_to, "Kostnaden går upp med 3 miljoner kronor.", "3 miljoner kronor", None),
    (rd.fronted_to, "Pengarna går till Hylte kommun, 3 miljoner kronor.", "3 miljoner kronor", None),
    # a sum that goes to an organ of the body deciding it is part of that body's budget (class 5 of issue 24)
    (
        rd.to_own_organ,
        "Kommunstyrelsen vill dela upp pengarna:\n• 4 miljoner kronor till socialnämnden\n",
        "4 miljoner kronor",
        "budget",
    ),
    (
        rd.to_own_organ,
        "Av överskottet går 7 miljoner kronor till kultur- och fritidsnämnden.",
        "7 miljoner kronor",
        "budget",  # two organs joined in one name
    ),
    (
        rd.to_own_organ,
        "Regionstyrelsen ger 2 miljoner kronor i år till hälso- och sjukvårdsförvaltningen.",
        "2 miljoner kronor",
        "budget",
    ),
    (
        rd.to_own_organ,
        "Kommunstyrelsen föreslår att socialnämnden får ett tillskott på 12 miljoner kronor.",
        "12 miljoner kronor",
        "budget",  # the organ as the subject that receives
    ),
    (
        rd.to_own_organ,
        "Region Halland\n\nRegionstyrelsen\n\nKulturnämnden tilldelas 2 miljoner kronor för 2026.",
        "2 miljoner kronor",
        "budget",  # capitalised, in the region's own document
    ),
    (rd.to_own_organ, "Konstnärsnämnden får 5 miljoner kronor av staten.", "5 miljoner kronor", None),  # elsewhere
    (rd.to_own_organ, "Socialstyrelsen får 5 miljoner kronor.", "5 miljoner kronor", None),  # a state agency
    (
        rd.to_own_organ,
        "Kulturnämnden i Hylte kommun får 2 miljoner kronor från Kulturrådet.",
        "2 miljoner kronor",
        None,  # money from outside to an organ of a named body: that body's grant
    ),
    # rows that must not change: a body of its own, a capitalised name, a comma between, no organ
    (rd.to_own_organ, "Kommunen ger 2 miljoner kronor till länsstyrelsen i Hallands län.", "2 miljoner kronor", None),
    (rd.to_own_organ, "Staten ger 9 miljoner kronor till Konstnärsnämnden.", "9 miljoner kronor", None),
    (rd.to_own_organ, "Pengarna, 3 miljoner kronor, går sedan till socialnämnden.", "3 miljoner kronor", None),
    (rd.to_own_organ, "Hylte kommun får 3 miljoner kronor till skolan.", "3 miljoner kronor", None),
    # a named organisation supplied or strengthened directly: granted to it, known to the body list or not
    (
        rd.supplied_name,
        "Regeringen förstärker Kustbevakningen med 50 miljoner kronor 2025.",
        "50 miljoner kronor",
        "granted",
    ),
    (rd.supplied_name, "Staten tillför Tullverkets verksamhet 30 miljoner kronor.", "30 miljoner kronor", "granted"),
    (rd.supplied_name, BILL_TABLE, "100", "granted"),  # a budget table's row: the agency's own work
    (rd.supplied_name, BILL_TABLE, "5", None),  # a grant scheme strengthened, not an organisation
    # rows that must not change: a grant noun, not a name; the Government itself
    (rd.supplied_name, "Regeringen förstärker stödet med 900 miljoner kronor.", "900 miljoner kronor", None),
    (rd.supplied_name, "Riksdagen förstärker Regeringen med 9 miljoner kronor.", "9 miljoner kronor", None),
    # a passive of supplying whose subject receives the sum for its own work (the Government's texts)
    (rd.passive_receiver, "Försäkringskassan tillförs 45 miljoner kronor nästa år.", "45 miljoner kronor", "granted"),
    (
        rd.passive_receiver,
        "Regeringen vill att Läsrörelsen tillförs 12 miljoner kronor under 2027.",
        "12 miljoner kronor",
        "granted",  # a proper name after `att` that the body list does not know
    ),
    (
        rd.passive_receiver,
        "Regeringen föreslår att länsstyrelserna vardera tillförs 2 miljoner kronor för 2026 och 3 miljoner "
        "kronor för 2027.",
        "3 miljoner kronor",
        "granted",
    ),
    # rows that must not change: a grant noun as the subject, the sum before the verb, an active verb
    (rd.passive_receiver, "Regeringen föreslår att anslaget tillförs 70 miljoner kronor.", "70 miljoner kronor", None),
    (rd.passive_receiver, "Under 2026 tillförs 70 miljoner kronor till vården.", "70 miljoner kronor", None),
    (rd.passive_receiver, "Regeringen vill att 70 miljoner kronor tillförs regionerna.", "70 miljoner kronor", None),
    (rd.passive_receiver, "Regeringen tillför 70 miljoner kronor till vården.", "70 miljoner kronor", None),
    (rd.passive_receiver, "Regeringen tillförs 70 miljoner kronor.", "70 miljoner kronor", None),  # no receiver
    (rd.share_of, "Regeringen avsätter 5 miljoner kronor för Hylte kommun.", "5 miljoner kronor", None),
    # a cue in the clause
    # a passive of distributing, then `till`: to what is not a body, the round's budget; to bodies, granted
    (rd.clause_cue, "Totalt fördelades 9 miljoner kronor till 14 projekt.", "9 miljoner kronor", "budget"),
    (
        rd.clause_cue,
        "Stiftelsen har en pott på 60 miljoner som ska fördelas till nya lekplatser.",
        "60 miljoner",
        "budget",
    ),
    (rd.clause_cue, "Av dem fördelas 2 miljoner kronor till ideella föreningar.", "2 miljoner kronor", "budget"),
    (rd.clause_cue, "Hittills har 9 miljoner kronor fördelats till 14 projekt.", "9 miljoner kronor", "budget"),
    (rd.clause_cue, "I höst fördelas 4 miljoner kronor till Hylte kommun.", "4 miljoner kronor", "granted"),
    # rows that must not change: bodies after `till`, no `till` at all
    # an active verb of handing on, the sum and `till` a named body: that body receives it
    (rd.clause_cue, "Arvsfonden delar ut 3 miljoner kronor till Hylte kommun.", "3 miljoner kronor", "granted"),
    (
        rd.clause_cue,
        "Stiftelsen fördelade 2 miljoner kronor till Region Halland och 1 miljon kronor till Hylte kommun.",
        "1 miljon kronor",
        "granted",  # the second pair of the clause too
    ),
    (rd.clause_cue, "Kulturrådet delar i år ut 20 miljoner kronor till arrangörer.", "20 miljoner kronor", "budget"),
    (
        rd.clause_cue,
        "Arvsfonden delar ut 6 miljoner kronor till Hylte kommun och Laholms kommun.",
        "6 miljoner kronor",
        "budget",  # several bodies together: no one named body receives it all
    ),
    (rd.clause_cue, "Nästan 3 miljarder fördelas till regionerna.", "Nästan 3 miljarder", "granted"),
    (rd.clause_cue, "Pengarna, 5 miljarder, fördelas till landets 21 regioner.", "5 miljarder", "granted"),
    (rd.clause_cue, "Under året fördelades 6 miljoner kronor i stöd.", "6 miljoner kronor", "granted"),
    (rd.clause_cue, "Av medlen fördelas 40 miljoner kronor mellan regionerna.", "40 miljoner kronor", "budget"),
    (rd.clause_cue, "Falu kommun har sökt 2 miljoner kronor för ett nytt bibliotek.", "2 miljoner kronor", "applied"),
    (rd.clause_cue, "Falu kommun beviljas 2 miljoner kronor för ett nytt bibliotek.", "2 miljoner kronor", "granted"),
    (rd.clause_cue, "Länsstyrelsen fördelar 40 miljoner kronor till länets kommuner.", "40 miljoner kronor", "budget"),
    (rd.clause_cue, "Biblioteket i Falun kostade 2 miljoner kronor att bygga.", "2 miljoner kronor", "other"),
    (rd.clause_cue, "Summan för biblioteket i Falun är 2 miljoner kronor.", "2 miljoner kronor", None),
    # a column header
    (rd.column_header, TABLE, "400 000", "applied"),
    (rd.column_header, TABLE, "300 000", "granted"),
    (rd.column_header, "Falu kommun har sökt 2 miljoner kronor.", "2 miljoner kronor", None),  # not a table
    # the row label
    (
        rd.row_label,
        "Belopp, kr\nHylte kommun (sökt) | 400 000\nLaholms kommun (sökt) | 250 000\n",
        "400 000",
        "applied",
    ),
    (rd.row_label, TABLE, "300 000", None),
    # the caption
    (rd.caption, CAPTIONED, "300 000", "granted"),
    (rd.caption, PLAIN_TABLE, "300 000", None),
    # a table of bodies and sums
    (rd.bodies_table, PLAIN_TABLE, "300 000", "granted"),
    (rd.bodies_table, PLAIN_TABLE, "90 000", None),  # `Övriga` names no body
    # a parenthesis governs only itself: the sum before `(sökt …)` is the one granted (class 4 of issue 24)
    (
        rd.parenthesis_counterpart,
        "Beslut om ansökningar om stöd\n\nHylte kommun, 2,1 miljoner kronor (sökt 3 mnkr)\n"
        "Laholms kommun, 900 000 kronor (sökt 1,2 mnkr)\n",
        "900 000 kronor",
        "granted",
    ),
    (
        rd.parenthesis_counterpart,
        "Ansökningarna i korthet\n\n• Hylte kommun 2,1 mnkr (ansökt belopp 3 mnkr)\n",
        "2,1 mnkr",
        "granted",
    ),
    # rows that must not change: a parenthesis without a sum, or one that restates the sum
    (rd.parenthesis_counterpart, "Hylte kommun har sökt 2 mnkr (en tredjedel av kostnaden).", "2 mnkr", None),
    (rd.parenthesis_counterpart, "Hylte kommun får 2 mnkr (ca 2 000 000 kronor).", "2 mnkr", None),
    # a list under an introduction of how money is divided: a line led by a municipality or region is its grant
    (
        rd.divided_list_line,
        "Så här fördelas pengarna:\n1. Region Gotland 3 miljoner kronor\n2. Region Halland 4 miljoner kronor\n",
        "4 miljoner kronor",
        "granted",
    ),
    (
        rd.divided_list_line,
        "Fördelningen blir:\n• Hylte kommun: 3 miljoner kronor\n• Laholms kommun: 2 miljoner kronor\n",
        "3 miljoner kronor",
        "granted",
    ),
    # rows that must not change: a line led by another body, an introduction without a colon or of another
    # meaning, a line that is not the list's
    (
        rd.divided_list_line,
        "Så här fördelas pengarna:\n- Föreningen Ljuset 3 miljoner kronor\n- Region Halland 4 miljoner kronor\n",
        "3 miljoner kronor",
        None,
    ),
    (
        rd.divided_list_line,
        "Dessa kommuner har ansökt om stöd:\n- Hylte kommun, 3 miljoner kronor\n- Laholms kommun, 2 miljoner kronor\n",
        "3 miljoner kronor",
        None,
    ),
    (rd.divided_list_line, "Pengarna fördelas så här. Hylte kommun får 3 miljoner kronor.", "3 miljoner kronor", None),
    # an increase of a body's grant
    (
        rd.raised_grant,
        "Regeringen vill höja bidraget till Region Gotland med 5 miljoner kronor.",
        "5 miljoner kronor",
        "granted",
    ),
    (
        rd.raised_grant,
        "Anslaget för Hylte kommun ökas med drygt 2 miljoner kronor.",
        "drygt 2 miljoner kronor",
        "granted",
    ),
    # rows that must not change: a raise that names no body, a body that is not the raised grant's
    (rd.raised_grant, "Regeringen föreslår att anslaget höjs med 5 miljoner kronor.", "5 miljoner kronor", None),
    (rd.raised_grant, "Hylte kommun höjer skatten och får 5 miljoner kronor mer.", "5 miljoner kronor", None),
    (rd.raised_grant, "Bidraget till Region Gotland höjs. Det ger 5 miljoner kronor.", "5 miljoner kronor", None),
    # the list's introduction
    (
        rd.list_intro,
        "Följande kommuner beviljas stöd:\n- Hylte kommun, 3 miljoner kronor\n- Laholms kommun, 2 miljoner kronor\n",
        "2 miljoner kronor",
        "granted",
    ),
    (
        rd.list_intro,
        "Dessa kommuner har ansökt om stöd:\n- Hylte kommun, 3 miljoner kronor\n- Laholms kommun, 2 miljoner kronor\n",
        "3 miljoner kronor",
        "applied",
    ),
    (rd.list_intro, "Hylte kommun får 3 miljoner kronor i år.", "3 miljoner kronor", None),  # no list line
    # a line that is only a sum: the short header above its column, and the next row of the column shares it
    (rd.bare_line, CELL_A_LINE, "9 000 000 kr", "granted"),
    (rd.bare_line, CELL_A_LINE, "13 500 000 kr", "granted"),  # the sum row, a name and a count apart
    (rd.bare_line, "Så mycket får länet av satsningen\n\n4,2 miljoner kronor.\n", "4,2 miljoner kronor", "granted"),
    # rows that must not change: a sentence above is no header, a sum in a sentence is no bare line
    (
        rd.bare_line,
        "Kostnad\n\nProjektet drog ut på tiden. Kommunen får beröm.\n\n5 000 kr\n",
        "5 000 kr",
        None,
    ),
    (rd.bare_line, "Beviljad summa\n\nHylte kommun får 5 000 kr i år.\n", "5 000 kr", None),
    # per capita
    (rd.per_capita, "Det motsvarar 410 kronor per invånare i Hylte kommun.", "410 kronor", "granted"),
    (rd.per_capita, "Det motsvarar 410 kronor i Hylte kommun.", "410 kronor", None),
    # the sum before
    (
        rd.previous_sum,
        "Verket betalade ut 3,1 miljarder kronor i fjol. Året innan var beloppet 2,4 miljarder kronor.",
        "2,4 miljarder kronor",
        "granted",
    ),
    (
        rd.previous_sum,
        "Verket betalade ut 3,1 miljarder kronor i fjol.\n\nEtt\n\nTvå\n\nTre\n\n"
        "Nybygget kostade 2,4 miljarder kronor.",
        "2,4 miljarder kronor",
        None,  # paragraphs apart: the money is another
    ),
    # the sentence before, that names no sum
    (
        rd.sentence_before,
        "Nio föreningar har beviljats bidrag. Bidragen uppgår till 2,3 miljoner kronor.",
        "2,3 miljoner kronor",
        "granted",
    ),
    (
        rd.sentence_before,
        "Nio föreningar har haft möte. Kostnaden uppgår till 2,3 miljoner kronor.",
        "2,3 miljoner kronor",
        None,
    ),
]


@pytest.mark.parametrize("decider,text,amount,expected", ROWS)
def test_a_role_decider_reads_its_class_of_swedish(decider, text, amount, expected):
    doc, ctx = context_of(text, amount, roles=False)
    assert decider(doc, ctx) == expected


def test_every_role_decider_has_a_name_a_docstring_and_rows():
    tested = {decider for decider, *_ in ROWS}
    for name, decider in rd.ROLE_DECIDERS:
        assert decider.__doc__, name
        assert decider in tested, f"{name} has no test rows"
    assert len({name for name, _ in rd.ROLE_DECIDERS}) == len(rd.ROLE_DECIDERS)


@pytest.mark.parametrize(
    "text,amount,role,how",
    [
        # the first decider that answers decides, and its name is kept
        ("Falu kommun beviljas 2 miljoner kronor.", "2 miljoner kronor", "granted", "clause-cue"),
        # the parenthesis, not the list's introduction of applications, reads the sum before it
        (
            "Beslut om ansökningar om stöd\n\nHylte kommun, 2,1 miljoner kronor (sökt 3 mnkr)\n"
            "Laholms kommun, 900 000 kronor (sökt 1,2 mnkr)\n",
            "3 mnkr",
            "applied",
            "clause-cue",
        ),
        (TABLE, "400 000", "applied", "column-header"),
        (BILL_TABLE, "200", "granted", "supplied-name"),  # the row's own words: no column vote over them
        (CAPTIONED, "300 000", "granted", "caption"),
        (PLAIN_TABLE, "300 000", "granted", "bodies-table"),
        # a row with no body or cue takes its column's role
        (PLAIN_TABLE, "90 000", "granted", "column-vote"),
        (CAPTIONED, "90 000", "granted", "caption"),  # the caption speaks for every row
        ("Summan för biblioteket i Falun är 2 miljoner kronor.", "2 miljoner kronor", "other", "none"),
    ],
)
def test_the_first_answer_decides_and_is_named(text, amount, role, how):
    doc, ctx = context_of(text, amount)
    assert (ctx.amount.role, ctx.role_how) == (role, how)


@pytest.mark.parametrize(
    "text",
    [
        # several sums after the bodies of one sentence: what it says before a body is read once for all of them
        "Till Hylte kommun går 3 miljoner kronor och 2 miljoner kronor i år.",
        "I dag beviljade Region Halland 4 miljoner kronor, 2 miljoner kronor och 1 miljon kronor.",
        "Boverket har beviljat 20 miljoner kronor och Formas har beviljat 5 miljoner kronor.",
        "Till Region Skåne gick 7 miljoner kronor medan Laholms kommun fick 3 miljoner kronor.",
        # rows that must not change: no body before the sums
        "Totalt fördelas 9 miljoner kronor och 4 miljoner kronor.",
    ],
)
def test_a_sentences_reading_before_a_body_is_the_same_for_each_of_its_sums(text):
    doc, contexts = prepared(text, roles=False)
    for ctx in contexts:
        assert ctx.seg is not None
        a, seg_start = ctx.amount, ctx.seg.start
        kept = helpers.fronted_to(doc.text, ctx.in_seg, seg_start, a.start, doc.fronted_opening)
        assert kept == helpers.fronted_to(doc.text, ctx.in_seg, seg_start, a.start)
        kept = helpers.giver_before(doc.text, ctx.in_seg, a.start, seg_start, doc.verb_second)
        assert kept == helpers.giver_before(doc.text, ctx.in_seg, a.start, seg_start)
