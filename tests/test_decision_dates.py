"""`facts.decision_date`: the day a decision was taken, from the fact's sentence or the document's decision line.

Rows are (text, the fact's amount, the decision date or None). The texts are
written for these tests in the styles of news items, decisions and minutes.
"""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.run.extract import extract

CASES = [
    # a decision verb and a day in the same sentence
    (
        "Kulturnämnden i Hylte kommun beslutade den 3 maj 2024 att söka 400 000 kronor från Boverket.",
        400_000,
        date(2024, 5, 3),
    ),
    ("Den 14 juni 2023 beviljades Laholms kommun 2 miljoner kronor för en ny badplats.", 2_000_000, date(2023, 6, 14)),
    # the document's decision line dates every decision the document states
    (
        "Beslut om bidrag\nBeslutet fattades den 2 februari 2024.\n\nLaholms kommun beviljas 750 000 kronor.",
        750_000,
        date(2024, 2, 2),
    ),
    # a protocol's meeting date, its day on the next line
    (
        "Protokoll\nSammanträdesdatum\n2024-03-12\n\nHylte kommun beviljas 300 000 kronor för ett ungdomsprojekt.",
        300_000,
        date(2024, 3, 12),
    ),
    # rows that must not change: a day without a decision verb dates a period, not a decision
    ("Hylte kommun får 2 miljoner kronor som betalas ut den 1 juli 2024.", 2_000_000, None),
    # a month is no day of decision
    ("Laholms kommun beviljades i mars 2024 totalt 2 miljoner kronor för en ny badplats.", 2_000_000, None),
    # a decision line without a day dates nothing
    ("Beslutet fattades av nämnden.\n\nLaholms kommun beviljas 750 000 kronor.", 750_000, None),
]


@pytest.mark.parametrize("text,amount,expected", CASES)
def test_a_fact_is_dated_by_its_decision(text, amount, expected):
    ext = extract("d", text, lambda _: None, date(2024, 6, 1))
    facts = [f for f in ext.facts if f.amount == amount]
    assert len(facts) == 1, [(f.body_id, f.role, f.amount) for f in ext.facts]
    fact = facts[0]
    assert fact.decision_date == expected
    if expected is None:
        assert fact.decision_date_mention_id is None
    else:
        mentioned = {d.mention_id: d for d in ext.dates}[fact.decision_date_mention_id]
        assert mentioned.date_start == expected
