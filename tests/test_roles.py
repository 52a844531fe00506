"""Roles by scope: a cue governs the amounts of its clause, parenthesis or table row, not the whole line."""

from __future__ import annotations

import pytest

from pipeline.extract import extract

CASES = [
    ("Ånge kommun beviljas 12,4 miljoner kronor (sökt 30,1 mnkr).", ["granted", "applied"]),
    (
        "Riksdagen beslutade om en höjning av statsbidraget med 2,5 miljarder kronor "
        "(varav 1,75 miljarder kronor till kommunerna).",
        ["budget", "other"],
    ),
    ("Region Gävleborg får 40 miljoner kronor (ca 2 procent av potten).", ["granted"]),
    ("Kulturrådet delar ut 18 miljoner kronor till nya projekt.", ["budget"]),
    ("Regeringen förstärker stödet med 900 miljoner kronor.", ["budget"]),
]


@pytest.mark.parametrize("text,roles", CASES)
def test_role_by_scope(text, roles):
    got = extract("doc", text, lambda offset: None, None)
    assert [a.role for a in got.amounts] == roles


@pytest.mark.parametrize(
    "text,items",
    [
        # a list item a narrow column wrapped stays one item, so its parenthesis keeps its body
        (
            "Medlen fördelas så här:\n• Ånge kommun får 12,4 miljoner kronor (sökt\n30,1 mnkr)\n"
            "• Bräcke kommun får 3 mnkr",
            ["• Ånge kommun får 12,4 miljoner kronor (sökt\n30,1 mnkr)", "• Bräcke kommun får 3 mnkr"],
        ),
        # numbered items stay items of their own
        (
            "Beslut:\n1. Region Gävleborg får 4 mnkr\n2. Region Dalarna får 5 mnkr",
            ["1. Region Gävleborg får 4 mnkr", "2. Region Dalarna får 5 mnkr"],
        ),
    ],
)
def test_list_items_over_lines(text, items):
    from extractors.sentences import segment

    assert [text[s.start : s.end] for s in segment(text) if s.is_list_item] == items


def test_a_wrapped_item_keeps_its_body_for_the_applied_sum():
    text = "Medlen fördelas så här:\n• Ånge kommun får 12,4 miljoner kronor (sökt\n30,1 mnkr)\n"
    got = extract("doc", text, lambda offset: None, None)
    assert sorted((f.body_id, f.role, f.amount) for f in got.facts) == [
        ("kommun:2260", "applied", 30.1e6),
        ("kommun:2260", "granted", 12.4e6),
    ]


@pytest.mark.parametrize(
    "text,facts",
    [
        # the one who gives the assignment decides the budget, not the agency that carries it out
        (
            "Regeringen ger Kammarkollegiet i uppdrag att betala ut 250 miljoner kronor till kommunerna.",
            [("regering:regeringen", "budget", 250e6)],
        ),
        ("Tillväxtverket fördelar 40 miljoner kronor till regionerna.", [("myndighet:tillvaxtverket", "budget", 40e6)]),
    ],
)
def test_who_decides_a_budget(text, facts):
    got = extract("doc", text, lambda offset: None, None)
    assert [(f.body_id, f.role, f.amount) for f in got.facts] == facts
