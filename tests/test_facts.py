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
from pipeline.extract import funder_lookup

TEXTS = [
    "Medlen fördelas så här:\n• Ånge kommun får 12,4 miljoner kronor (sökt 30,1 mnkr)\n• Bräcke kommun får 3 mnkr",
    "Regeringen ger Kammarkollegiet i uppdrag att betala ut 250 miljoner kronor till kommunerna 2024.",
    "Region Kronoberg får 12,5 miljoner kronor och Region Halland får drygt 9 miljoner kronor för 2024.",
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
