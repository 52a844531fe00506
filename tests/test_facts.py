"""`extractors.facts.link`: a pure function of a document's mentions.

It must not change the mentions it is given (an amount's role and body come
from one place, the linked copy), and the same mentions linked twice give the
same facts: the linking rules can be called from anywhere, in any order.
"""

from __future__ import annotations

import copy

import pytest

from extractors import facts as linking
from extractors.amounts import find_amounts
from extractors.bodies import find_bodies
from extractors.dates import find_dates
from extractors.programmes import find_programmes
from extractors.sentences import SegmentIndex
from pipeline.run.extract import extract, funder_lookup

TEXTS = [
    "Medlen fördelas så här:\n• Ånge kommun får 12,4 miljoner kronor (sökt 30,1 mnkr)\n• Bräcke kommun får 3 mnkr",
    "Regeringen ger nu Boverket i uppdrag att utbetala 250 miljoner kronor till kommunerna 2024.",
    "Region Kronoberg får 12,5 miljoner kronor medan Region Halland får drygt 9 miljoner kronor för 2024.",
]


def mentions(text: str):
    index = SegmentIndex(text)
    amounts = find_amounts(text)
    bodies = find_bodies(text)
    dates = find_dates(text, None, None, [(a.start, a.end) for a in amounts])
    return index, amounts, bodies, dates, find_programmes(text)


@pytest.mark.parametrize("text", TEXTS)
def test_linking_leaves_its_inputs_as_given(text):
    index, amounts, bodies, dates, programmes = mentions(text)
    before = copy.deepcopy(amounts)
    linked = linking.link(text, index, amounts, bodies, dates, programmes, funder_lookup)
    assert amounts == before
    assert linked.facts and all(f.amount in linked.amounts for f in linked.facts)
    assert {a.role for a in linked.amounts} - {"other"}  # the copies carry what the rules read


@pytest.mark.parametrize("text", TEXTS)
def test_the_same_mentions_give_the_same_facts(text):
    index, amounts, bodies, dates, programmes = mentions(text)
    first = linking.link(text, index, amounts, bodies, dates, programmes, funder_lookup)
    again = linking.link(text, index, amounts, bodies, dates, programmes, funder_lookup)
    key = lambda linked: [(f.body.body_id, f.role, f.amount.value, f.period, f.how) for f in linked.facts]
    assert key(first) == key(again)


RECIPIENTS = [
    # a research funder and a university: the one that gives does not receive
    (
        "Vetenskapsrådet har beviljat 4,2 miljoner kronor till Uppsala universitet för ett projekt om malaria.",
        [("myndighet:uppsala-universitet", "granted", 4.2e6)],
    ),
    (
        "Forskare vid Lunds universitet får 12 miljoner kronor från Formas för att studera översvämningar.",
        [("myndighet:lunds-universitet", "granted", 12e6)],
    ),
    ("Umeå universitet tilldelas 25 miljoner kronor av Vinnova.", [("myndighet:umea-universitet", "granted", 25e6)]),
    # a county board that grants, a municipality that receives
    (
        "Länsstyrelsen i Norrbottens län har beviljat Piteå kommun 850 000 kronor i lokalt naturvårdsstöd.",
        [("kommun:2581", "granted", 850e3)],
    ),
    # a page title signed by the agency: the agency does not receive
    ("Samlingslokaler i hela landet får 30 miljoner i bidrag - Boverket\n\nText.", []),
    # places applicants come from are not givers, and do not leave one applicant
    ("De sökande finns från Kiruna i norr till Ystad i söder och får från 15 000 kronor.", []),
    # a genitive names an owner, not a recipient — except of its own costs: a sum for them is granted to it;
    # a body after the sum that is not `till` it does not receive
    ("Av bidraget får högst 2 miljoner kronor gå till Boverkets kostnader.", [("myndighet:boverket", "granted", 2e6)]),
    ("Av bidraget får högst 2 miljoner kronor gå till Boverkets uppföljning av stödet.", []),
    ("Samordningen får som mest 3 miljoner kronor årligen för arbete mellan länsstyrelserna.", []),
    # an organ of the document's own municipality or region applies or receives for it
    (
        "Ljusdals kommun\nProtokoll\n\n§ 45 Statsbidrag för skollokaler\n\n"
        "Kommunstyrelsen beslutar att ansöka om 1 200 000 kronor hos Boverket.",
        [("kommun:2161", "applied", 1.2e6)],
    ),
    (
        "Tjänsteskrivelse, Mjölby kommun\n\nSocialförvaltningen föreslår att nämnden ansöker om 450 000 kronor "
        "i statsbidrag från Socialstyrelsen.",
        [("kommun:0586", "applied", 450e3)],
    ),
    # … but an organ that grants gives: what the municipality hands on to an association (no body) is its budget
    (
        "Tjänsteskrivelse, Mjölby kommun\n\nKulturnämnden beviljar föreningen 50 000 kronor.",
        [("kommun:0586", "budget", 50e3)],
    ),
    # a decision written as fields: the labelled recipient above receives, within its record only
    (
        "Beslut om stöd\n\nSökande: Region Gävleborg\nProjekt: Digitala vårdmöten\nSökt belopp: 3 000 000 kr\n"
        "Beviljat belopp: 2 000 000 kr\n\nSökande: Hofors kommun\nBeviljat belopp: 500 000 kr",
        [("region:21", "applied", 3e6), ("region:21", "granted", 2e6), ("kommun:2104", "granted", 500e3)],
    ),
    ("Sökande: Region Gävleborg\n\nBeviljat belopp: 2 000 000 kr", []),
]


# a decision list introduced as applications: each line's sum is granted, its parenthesis applied for
RECIPIENTS.append(
    (
        "Ansökningar om stöd 2025\n\n- Hylte kommun, 2,1 miljoner kronor (sökt 3 mnkr)\n"
        "- Laholms kommun, 900 000 kronor (sökt 1,2 mnkr)\n",
        [
            ("kommun:1315", "granted", 2.1e6),
            ("kommun:1315", "applied", 3e6),
            ("kommun:1381", "granted", 900e3),
            ("kommun:1381", "applied", 1.2e6),
        ],
    )
)


@pytest.mark.parametrize("text,expected", RECIPIENTS)
def test_who_receives(text, expected):
    got = extract("doc", text, lambda offset: None, None)
    assert [(f.body_id, f.role, f.amount) for f in got.facts] == expected
