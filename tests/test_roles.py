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
